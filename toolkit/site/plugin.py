"""The `coursekit` MkDocs plugin: a thin shim that hands MkDocs the site coursekit writes (site_source.py).

MkDocs stays in charge: the project's mkdocs.yml is a real MkDocs configuration. The plugin checks the
courses, makes the site's source (the same Markdown pages any engine renders) and adds those pages,
files and settings; MkDocs renders them as it renders any page.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import quote

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from toolkit import rules
from toolkit.check import run_check
from toolkit.diagnostics import Diagnostic, Diagnostics, Severity
from toolkit.model import Course, Project
from toolkit.site.address import URL_SAFE
from toolkit.site.engines import ENGINE_NAMES
from toolkit.site.pages import ASSET_DIR, plan_site
from toolkit.site.site_source import MARKDOWN_EXTENSIONS, SiteSource, make_site_source
from toolkit.source import SourceLoc

log = logging.getLogger("mkdocs.plugins.coursekit")

# Our templates (the clinic's footer), read before the theme's own.
OVERRIDES = Path(__file__).resolve().parent / "overrides"

HTML_LANG = re.compile(r'<html lang="[^"]*"')
_MATERIAL_LANGUAGES_DIR = "partials/languages"


class CoursekitConfig(Config):
    # The project folder; by default the folder holding mkdocs.yml.
    project = c.Optional(c.Dir(exists=True))
    # Only these course folders (default: every course in courses/).
    courses = c.ListOfItems(c.Type(str), default=[])
    # Where built handouts and decks are found, to offer them as downloads (relative to the project).
    downloads = c.Type(str, default="build")
    # The engine `coursekit build` and `serve` render the site with (plain `mkdocs build` is MkDocs).
    site_engine = c.Choice(ENGINE_NAMES, default="mkdocs")


class CoursekitPlugin(BasePlugin[CoursekitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root: Path | None = None
        self.project: Project | None = None
        self.source: SiteSource | None = None
        self.diagnostics = Diagnostics()
        # What the site build itself found (reserved names, the sanitiser's removals).
        self.site_diagnostics: list[Diagnostic] = []
        self.check_diagnostics: list[Diagnostic] = []
        self.failed = False
        self.made_nav = False
        # Set by `coursekit build`, which has checked the project already: its findings are reported there.
        self.checked_project: Project | None = None
        # Set by `coursekit build`: the decks and handouts to offer, some still being made; it copies them in itself.
        self.offered: tuple[Path, ...] | None = None

    # Configuration: load and check the courses, and make the site's source, before anything is written.

    @event_priority(-50)  # after other plugins (offline) have set what they set
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.project) if self.config.project else Path(config.config_file_path).parent
        self.root = root.resolve()
        if self.checked_project is not None:
            self.project = self.checked_project
        else:  # plain `mkdocs build` or `serve`: check here, and report through MkDocs
            result = run_check(self.root, course_ids=tuple(self.config.courses))
            self.diagnostics = Diagnostics(result.diagnostics)
            self.check_diagnostics = list(result.diagnostics)
            self.failed = bool(result.diagnostics.errors)
            if self.failed:
                raise PluginError("coursekit found problems in the courses:\n"
                                  + result.diagnostics.format_text(self.root))
            self.project = result.project
        # Our own build outputs (handouts, decks), never content: they may live outside the project.
        plan = plan_site(self.project, (self.root / self.config.downloads).resolve(), self.offered)
        self.site_diagnostics = list(plan.diagnostics)
        if any(d.severity is Severity.ERROR for d in plan.diagnostics):
            self._report(plan.diagnostics)
            self.failed = True
            raise PluginError("coursekit cannot make the site:\n" + Diagnostics(plan.diagnostics).format_text(self.root))
        self.source = make_site_source(self.project, plan, config.use_directory_urls)
        self.site_diagnostics = list(self.source.diagnostics)
        self._report(Diagnostics(self.source.diagnostics).sorted())
        self.made_nav = config.nav is None
        if self.made_nav:
            config.nav = self.source.nav
        apply_site_settings(config, self.source, self.project.courses, self.project.site.url)
        return config

    def _report(self, found: list[Diagnostic] | Diagnostics) -> None:
        for diagnostic in found:
            text = diagnostic.format(self.root)
            if diagnostic.severity is Severity.ERROR:
                log.error(text)
            elif diagnostic.severity is Severity.WARNING:
                log.warning(text)
            else:
                log.info(text)

    def _loc(self, file: File) -> SourceLoc:
        path = Path(file.abs_src_path or file.src_uri)
        if self.root is not None and path.is_absolute() and path.resolve().is_relative_to(self.root):
            path = path.resolve().relative_to(self.root)
        return SourceLoc(path)

    # Files: drop the course sources MkDocs found, add the site's source.

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.source is not None and self.root is not None
        self._report(self.diagnostics.warnings)
        courses_dir = (self.root / "courses").resolve()
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(courses_dir):
                files.remove(file)

        def add(file: File) -> None:
            existing = files.get_file_from_path(file.src_uri)
            if existing is not None:
                replaced = rules.SITE_PAGE_REPLACED.at(
                    self._loc(existing), f"`{file.src_uri}` is replaced by the page coursekit makes")
                self.site_diagnostics.append(replaced)
                self._report([replaced])
                files.remove(existing)
            files.append(file)

        source = self.source
        for uri, text in (*source.pages.items(), *source.texts.items()):
            add(File.generated(config, uri, content=text))
        for uri, path in source.files.items():
            add(File.generated(config, uri, abs_src_path=str(path)))
        # Offered by `coursekit build`, they may not be made yet: linked to here, copied in by the build.
        copied = InclusionLevel.UNDEFINED if self.offered is None else InclusionLevel.EXCLUDED
        for uri, path in source.downloads.items():
            add(File.generated(config, uri, abs_src_path=str(path), inclusion=copied))
        if self.made_nav and isinstance(config.nav, list):
            # The project's own pages (docs_dir outside courses/) follow the courses in the navigation.
            config.nav.extend(sorted(f.src_uri for f in files.documentation_pages() if f.src_uri not in source.pages))
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.source is None or not page.file.generated_by:
            return output
        lang = self.source.languages.get(page.file.src_uri)
        return output if lang is None else HTML_LANG.sub(f'<html lang="{lang}"', output, count=1)

    # Live preview: rebuild when the courses or themes change.

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        # The first build may have failed before on_config: the courses are still to be watched.
        root = self.root or Path(self.config.project or Path(config.config_file_path).parent)
        for folder in ("courses", "themes"):
            path = root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def apply_site_settings(config, source: SiteSource, courses: tuple[Course, ...],  # type: ignore[no-untyped-def]
                        fallback_url: str | None) -> None:
    """What the site's source needs of an engine's configuration (a loaded MkDocs config, or the dict of a
    staged mkdocs.yml): the Markdown extensions, our stylesheets and script, the footer template, the logo,
    the language and the address every QR code leads to."""
    extensions = config["markdown_extensions"]
    named = {next(iter(item)) if isinstance(item, dict) else str(item) for item in extensions}
    extensions.extend(name for name in MARKDOWN_EXTENSIONS if name not in named)
    # The address the QR codes lead to (an old course.yml's, when mkdocs.yml has none). Templates print it
    # inside attributes unescaped, so anything that could end one is percent-encoded, as in the QR codes.
    config["site_url"] = quote(config["site_url"], safe=URL_SAFE) if config.get("site_url") else fallback_url
    theme = config["theme"]
    _set_language(theme, courses)
    for css in source.extra_css:
        if css not in config["extra_css"]:
            config["extra_css"].append(css)
    for js in source.extra_javascript:
        if not any(str(existing) == js for existing in config["extra_javascript"]):
            config["extra_javascript"].append(js)
    extra = config["extra"]
    offline = _offline(config)
    # Material's offline plugin adds a script from a public CDN; the site must not fetch anything.
    # Ours, served with the site, lets search work from files (a USB stick).
    polyfills = extra.get("polyfills")
    if isinstance(polyfills, list):
        kept = [p for p in polyfills if not str(p).startswith(("http://", "https://", "//"))]
        if len(kept) < len(polyfills) or offline:
            kept.append(f"{ASSET_DIR}/iframe-worker.js")
        extra["polyfills"] = kept
    if offline:
        # Instant navigation fetches pages with XHR, which browsers refuse for files.
        features = theme.get("features") or []
        theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
    if source.logo and not theme.get("logo"):
        theme["logo"] = source.logo
    if hasattr(theme, "dirs"):  # a loaded MkDocs theme: our partials after the project's `custom_dir`
        if str(OVERRIDES) not in theme.dirs:
            theme.dirs.insert(1 if theme.custom_dir else 0, str(OVERRIDES))


def _set_language(theme, courses: tuple[Course, ...]) -> None:  # type: ignore[no-untyped-def]
    """The theme's words (search box, buttons) in the course's language when the theme has them."""
    primary = {course.meta.language.split("-")[0].lower() for course in courses}
    if len(primary) != 1 or theme.get("language") not in (None, "en"):
        return
    language = primary.pop()
    folders = getattr(theme, "dirs", None)
    if folders is None:  # a staged configuration: the engine's theme knows its own languages
        theme["language"] = language
        return
    for folder in folders:
        if (Path(folder) / _MATERIAL_LANGUAGES_DIR / f"{language}.html").is_file():
            theme["language"] = language
            return


def _offline(config) -> bool:  # type: ignore[no-untyped-def]
    """Whether Material's offline plugin is on for this build."""
    plugins = config["plugins"]
    for name, plugin in plugins.items():
        enabled = getattr(getattr(plugin, "config", None), "enabled", None)
        if enabled is None and isinstance(plugin, dict):
            enabled = plugin.get("enabled", True)
        if name.endswith("offline") and enabled:
            return True
    return False
