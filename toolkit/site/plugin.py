"""The `coursekit` MkDocs plugin: reads the courses with the model `check` uses and hands MkDocs the pages.

MkDocs stays in charge: the project's mkdocs.yml is a real MkDocs configuration,
and this plugin only adds pages, assets and navigation to it.
"""

from __future__ import annotations

import logging
from html import escape
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
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from toolkit import rules
from toolkit.check import run_check
from toolkit.diagnostics import Diagnostic, Diagnostics, Severity
from toolkit.model import Course, Project
from toolkit.render_html import TocEntry
from toolkit.site import assets
from toolkit.site.address import URL_SAFE
from toolkit.site.pages import ASSET_DIR, SitePlan, mixed_themes, plan_site
from toolkit.site.render import PageHtml, render_page
from toolkit.source import SourceLoc

log = logging.getLogger("mkdocs.plugins.coursekit")

# Our templates (the clinic's footer), read before Material's own.
OVERRIDES = Path(__file__).resolve().parent / "overrides"

_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_MATERIAL_LANGUAGES_DIR = "partials/languages"


class CoursekitConfig(Config):
    # The project folder; by default the folder holding mkdocs.yml.
    project = c.Optional(c.Dir(exists=True))
    # Only these course folders (default: every course in courses/).
    courses = c.ListOfItems(c.Type(str), default=[])
    # Where built handouts and decks are found, to offer them as downloads (relative to the project).
    downloads = c.Type(str, default="build")


class CoursekitPlugin(BasePlugin[CoursekitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root: Path | None = None
        self.project: Project | None = None
        self.plan: SitePlan | None = None
        self.rendered: dict[str, PageHtml] = {}
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

    # Configuration: load and check the courses before anything is written.

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
        self.plan = plan_site(self.project, (self.root / self.config.downloads).resolve(), self.offered)
        self.site_diagnostics = list(self.plan.diagnostics)
        self._report(self.plan.diagnostics)
        if any(d.severity is Severity.ERROR for d in self.plan.diagnostics):
            self.failed = True
            raise PluginError("coursekit cannot make the site:\n" + Diagnostics(self.plan.diagnostics).format_text(self.root))
        courses = self.project.courses
        self.made_nav = config.nav is None
        if self.made_nav:
            config.nav = self.plan.nav()
        first = courses[0]
        for mixed in mixed_themes(courses):
            self._add(mixed)
        # The address the QR codes lead to (an old course.yml's, when mkdocs.yml has none). Templates print it
        # inside attributes unescaped, so anything that could end one is percent-encoded, as in the QR codes.
        config.site_url = quote(config.site_url, safe=URL_SAFE) if config.site_url else self.project.site.url
        self._set_language(config, courses)
        # Our stylesheet and script, after the theme's own.
        own = [f"{ASSET_DIR}/palette.css", f"{ASSET_DIR}/coursekit.css"]
        if first.theme.meta.site_css:  # the theme's own stylesheet comes last, so it can change ours
            own.append(f"{ASSET_DIR}/theme/site.css")
        for css in own:
            if css not in config.extra_css:
                config.extra_css.append(css)
        if not any(str(js) == f"{ASSET_DIR}/quiz.js" for js in config.extra_javascript):
            config.extra_javascript.append(f"{ASSET_DIR}/quiz.js")
        # Material's offline plugin adds a script from a public CDN; the site must not fetch anything.
        # Ours, served with the site, lets search work from files (a USB stick).
        polyfills = config.extra.get("polyfills")
        if isinstance(polyfills, list):
            kept = [p for p in polyfills if not str(p).startswith(("http://", "https://", "//"))]
            if len(kept) < len(polyfills) or _offline(config):
                kept.append(f"{ASSET_DIR}/iframe-worker.js")
            config.extra["polyfills"] = kept
        if _offline(config):
            # Instant navigation fetches pages with XHR, which browsers refuse for files.
            features = config.theme.get("features") or []
            config.theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
        # Our partials come after the project's own `custom_dir` (it may change them) and before Material's.
        if str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        logo = _logo_name(first.theme.meta.logo)
        if logo and not config.theme.get("logo"):
            config.theme["logo"] = f"{ASSET_DIR}/{logo}"
        return config

    def _set_language(self, config: MkDocsConfig, courses: tuple[Course, ...]) -> None:
        """Material's words (search box, buttons) in the course's language when Material has it."""
        primary = {course.meta.language.split("-")[0].lower() for course in courses}
        if len(primary) != 1 or config.theme.get("language") not in (None, "en"):
            return
        language = primary.pop()
        for folder in config.theme.dirs:
            if (Path(folder) / _MATERIAL_LANGUAGES_DIR / f"{language}.html").is_file():
                config.theme["language"] = language
                return

    def _loc(self, file: File) -> SourceLoc:
        path = Path(file.abs_src_path or file.src_uri)
        if self.root is not None and path.is_absolute() and path.resolve().is_relative_to(self.root):
            path = path.resolve().relative_to(self.root)
        return SourceLoc(path)

    def _add(self, diagnostic: Diagnostic) -> None:
        """A finding of the site build: kept for `coursekit build` and logged for plain MkDocs."""
        self.site_diagnostics.append(diagnostic)
        self._report([diagnostic])

    def _report(self, found: list[Diagnostic] | Diagnostics) -> None:
        for diagnostic in found:
            text = diagnostic.format(self.root)
            if diagnostic.severity is Severity.ERROR:
                log.error(text)
            elif diagnostic.severity is Severity.WARNING:
                log.warning(text)
            else:
                log.info(text)

    # Files: drop the course sources MkDocs found, add our pages, images and assets.

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.plan is not None and self.root is not None and self.project is not None
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
                self._add(replaced)
                files.remove(existing)
            files.append(file)

        for page in self.plan.pages:
            add(File.generated(config, page.src_uri, content=""))
        for uri, path in sorted(self.plan.media.items()):
            add(File.generated(config, uri, abs_src_path=str(path)))
        # Offered by `coursekit build`, they may not be made yet: linked to here, copied in by the build.
        copied = InclusionLevel.UNDEFINED if self.offered is None else InclusionLevel.EXCLUDED
        for found in self.plan.downloads.values():
            for download in found:
                add(File.generated(config, download.src_uri, abs_src_path=str(download.path), inclusion=copied))
        theme = self.project.courses[0].theme
        fonts = assets.font_files(theme)
        for path in fonts:
            add(File.generated(config, f"{ASSET_DIR}/fonts/{path.name}", abs_src_path=str(path)))
        add(File.generated(config, f"{ASSET_DIR}/palette.css", content=assets.palette_css(theme, fonts)))
        for name in assets.STATIC:
            add(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(assets.HERE / name)))
        site_css = theme.asset(theme.meta.site_css)
        if site_css is not None and site_css.is_file():
            add(File.generated(config, f"{ASSET_DIR}/theme/site.css", abs_src_path=str(site_css)))
        logo = theme.asset(theme.meta.logo)
        logo_name = _logo_name(theme.meta.logo)
        if logo is not None and logo_name and logo.is_file():
            add(File.generated(config, f"{ASSET_DIR}/{logo_name}", abs_src_path=str(logo)))

        if self.made_nav and isinstance(config.nav, list):
            # The project's own pages (docs_dir outside courses/) follow the courses in the navigation.
            ours = {page.src_uri for page in self.plan.pages}
            config.nav.extend(sorted(f.src_uri for f in files.documentation_pages() if f.src_uri not in ours))

        # Render every page now, so all problems are reported before anything is written.
        self.rendered = {}
        found: list[Diagnostic] = []
        for page in self.plan.pages:
            here = files.get_file_from_path(page.src_uri)
            assert here is not None

            def link(target: str, here: File = here) -> str:
                uri, _, fragment = target.partition("#")
                file = files.get_file_from_path(uri)
                url = get_relative_url(file.url, here.url) if file is not None else uri
                return url + (f"#{fragment}" if fragment else "")

            html = render_page(self.plan, page, link)
            self.rendered[page.src_uri] = html
            found.extend(html.diagnostics)
        self.site_diagnostics.extend(found)
        self._report(Diagnostics(found).sorted())
        return files

    # Pages: our titles, HTML and table of contents instead of Markdown.

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self._planned(page)
        if planned is not None:
            # MkDocs' templates print titles as HTML, and Material's <title> un-escapes `page.title`
            # through `striptags`; an escaped `meta.title` is printed as it is.
            title = escape(planned.title, quote=True)
            page.title = title  # type: ignore[misc]
            page.meta["title"] = title
            rendered = self.rendered.get(page.file.src_uri)
            if rendered is not None and rendered.footer:
                page.meta["ck_footer"] = rendered.footer
            return ""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is None or self._planned(page) is None:
            return html
        page.toc = get_toc([_toc_token(entry) for entry in rendered.toc])
        return rendered.html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is None:
            return output
        return _HTML_LANG.sub(f'<html lang="{rendered.lang}"', output, count=1)

    def _planned(self, page: Page):  # type: ignore[no-untyped-def]
        if self.plan is None or not page.file.generated_by:
            return None
        return next((p for p in self.plan.pages if p.src_uri == page.file.src_uri), None)

    # Live preview: rebuild when the courses or themes change.

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        # The first build may have failed before on_config: the courses are still to be watched.
        root = self.root or Path(self.config.project or Path(config.config_file_path).parent)
        for folder in ("courses", "themes"):
            path = root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _logo_name(relative: str | None) -> str | None:
    """A fixed name for the theme's logo (the templates print it unescaped), or None for other file types."""
    if not relative:
        return None
    suffix = Path(relative).suffix.lower()
    return f"logo{suffix}" if suffix in (".svg", ".png", ".jpg", ".jpeg") else None


def _offline(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on for this build."""
    for name, plugin in config.plugins.items():
        if name.endswith("offline") and getattr(getattr(plugin, "config", None), "enabled", False):
            return True
    return False


def _toc_token(entry: TocEntry) -> dict[str, object]:
    return {"level": entry.level, "id": entry.id, "name": entry.title_html,
            "children": [_toc_token(child) for child in entry.children]}



