"""The site rendered by an engine program (ProperDocs, Zensical) from a staged copy of the site's source.

The staged folder holds the pages and files (site_source.py) and an `mkdocs.yml` made from the project's:
its settings (read as MkDocs reads them: `!ENV`, `INHERIT`), with the site's source in place of the courses
and no coursekit plugin. After the engine has run, every page must carry its marker (``check_published``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml

from toolkit import rules
from toolkit.diagnostics import Diagnostic, Diagnostics
from toolkit.model import Project
from toolkit.site.engines import Engine, engine_program
from toolkit.site.site_source import PAGE_MARKER, SiteSource, page_file, write_site_source
from toolkit.source import SourceLoc

MKDOCS_YML = SourceLoc(Path("mkdocs.yml"))
# How long an engine may take before the build gives up on it.
ENGINE_TIMEOUT_SECONDS = 600
# The end of an engine's output kept in a failure's message.
_OUTPUT_TAIL = 2000


def read_project_config(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as MkDocs reads it (`!ENV` tags, `INHERIT`), as plain data."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", "rb") as file:
        return yaml_load(file) or {}


def staged_config(raw: dict[str, Any], root: Path, overrides: Path, source: SiteSource,
                  project: Project) -> dict[str, Any]:
    """The configuration an engine renders the staged source with, in the folder holding ``overrides``, where
    the source is `docs/` and the site `site/`: relative to the configuration, as Zensical needs them."""
    from toolkit.site.plugin import OVERRIDES, apply_site_settings

    config = dict(raw)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    theme = raw.get("theme") or {}
    config["theme"] = dict({"name": theme} if isinstance(theme, str) else theme)
    config["plugins"] = _plugins(raw.get("plugins"))
    config["plugins"].pop("coursekit", None)
    config["markdown_extensions"] = list(raw.get("markdown_extensions") or [])
    config["extra_css"] = list(raw.get("extra_css") or [])
    config["extra_javascript"] = list(raw.get("extra_javascript") or [])
    config["extra"] = dict(raw.get("extra") or {})
    config.setdefault("nav", None)
    if config["nav"] is None:
        config["nav"] = list(source.nav)
    apply_site_settings(config, source, project.courses, project.site.url)
    # The clinic's footer template, under the project's own overrides (which may change it).
    shutil.copytree(OVERRIDES, overrides, dirs_exist_ok=True)
    own = config["theme"].get("custom_dir")
    if own:
        own_dir = (root / own).resolve()
        if own_dir.is_dir() and own_dir.is_relative_to(root.resolve()):
            shutil.copytree(own_dir, overrides, dirs_exist_ok=True, symlinks=False)
    config["theme"]["custom_dir"] = overrides.name
    config["plugins"] = [{name: settings} if settings else name for name, settings in config["plugins"].items()]
    return config


def _plugins(raw: object) -> dict[str, Any]:
    """`plugins:` as a mapping of name to settings, whichever way mkdocs.yml writes it."""
    if isinstance(raw, dict):
        return {str(name): settings for name, settings in raw.items()}
    found: dict[str, Any] = {}
    for item in raw or []:
        if isinstance(item, dict):
            found.update({str(name): settings for name, settings in item.items()})
        else:
            found[str(item)] = None
    return found


def render_staged(engine: Engine, root: Path, site_dir: Path, source: SiteSource, project: Project, *,
                  source_date: dt.datetime | None = None, site_url: str | None = None) -> Diagnostics:
    """Stage the site's source, run ``engine`` on it into ``site_dir``, and check what it published."""
    found = Diagnostics()
    program = engine_program(engine)
    assert program is not None
    try:
        raw = read_project_config(root)
    except Exception as error:  # MkDocs' loader: unreadable YAML, a missing INHERIT, an unset !ENV
        found.add(rules.SITE_BUILD_FAILED.at(MKDOCS_YML, f"mkdocs.yml cannot be read: {error}"))
        return found
    if site_url:
        raw["site_url"] = site_url
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside the site, so the finished site moves into place without a copy; Zensical writes only inside
    # the folder of its configuration.
    with tempfile.TemporaryDirectory(prefix=".coursekit-site-source-", dir=site_dir.parent) as staging:
        folder = Path(staging)
        config_file = stage(raw, root, folder, source, project)
        env = dict(os.environ)
        if source_date is not None and not env.get("SOURCE_DATE_EPOCH", "").strip():
            env["SOURCE_DATE_EPOCH"] = str(int(source_date.timestamp()))
        try:
            ran = subprocess.run([program, "build", "-f", str(config_file)], cwd=folder, env=env,
                                 capture_output=True, text=True, timeout=ENGINE_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            found.add(rules.SITE_BUILD_FAILED.at(MKDOCS_YML, f"{engine.title} did not run: {error}"))
            return found
        if ran.returncode != 0 or not (folder / "site").is_dir():
            output = (ran.stderr + ran.stdout).strip()[-_OUTPUT_TAIL:]
            found.add(rules.SITE_BUILD_FAILED.at(MKDOCS_YML, f"{engine.title} failed (exit code {ran.returncode}): {output}"))
            return found
        _move_into(folder / "site", site_dir)
    found.extend(check_published(site_dir, source, project.site.directory_urls, engine.title))
    return found


def stage(raw: dict[str, Any], root: Path, folder: Path, source: SiteSource, project: Project) -> Path:
    """The site's source and its configuration written into ``folder`` (docs/, overrides/, mkdocs.yml, and
    the engine writes site/); returns the configuration file. What was there before is replaced."""
    if (folder / "docs").exists():  # a preview's: written beside, then only what changed, for its watcher
        with tempfile.TemporaryDirectory(prefix=".again-", dir=folder) as again:
            config_file = stage(raw, root, Path(again), source, project)
            for part in ("docs", "overrides"):
                _sync(Path(again) / part, folder / part)
            shutil.copyfile(config_file, folder / "mkdocs.yml")
        return folder / "mkdocs.yml"
    docs = folder / "docs"
    write_site_source(source, docs)
    _copy_own_pages(raw, root, docs, source)
    config = staged_config(raw, root, folder / "overrides", source, project)
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def _sync(made: Path, target: Path) -> None:
    """``target`` made the same as ``made``: changed and new files copied, files no longer made deleted."""
    import filecmp

    for path in sorted(made.rglob("*")):
        if path.is_file():
            there = target / path.relative_to(made)
            if not there.is_file() or not filecmp.cmp(path, there, shallow=False):
                there.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, there)
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and not (made / path.relative_to(target)).is_file():
            path.unlink()


def _move_into(made: Path, site_dir: Path) -> None:
    """The engine's site into ``site_dir``: moved when that is empty or missing, else copied over it."""
    if site_dir.is_dir() and not any(site_dir.iterdir()):
        site_dir.rmdir()
    if not site_dir.exists():
        os.replace(made, site_dir)
    else:
        shutil.copytree(made, site_dir, dirs_exist_ok=True)


def _copy_own_pages(raw: dict[str, Any], root: Path, docs: Path, source: SiteSource) -> None:
    """The project's own pages (in `docs_dir`, outside `courses/`) beside the course pages, which win."""
    root = root.resolve()
    own = (root / str(raw.get("docs_dir") or "docs")).resolve()
    courses = root / "courses"
    if not own.is_dir() or not own.is_relative_to(root) or own.is_relative_to(courses):
        return
    for path in sorted(own.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.is_relative_to(courses):
            continue
        relative = path.relative_to(own)
        if any(part.startswith(".") for part in relative.parts):
            continue
        uri = relative.as_posix()
        if uri in source.pages or uri in source.files or uri in source.texts:
            continue
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def check_published(site_dir: Path, source: SiteSource, directory_urls: bool, engine_title: str, *,
                    set_languages: bool = True) -> list[Diagnostic]:
    """CK709 for each page the engine published without its marker, or did not publish: it dropped our content.

    The marker is looked for as an element, so an engine that printed the page's HTML as text fails too.
    Each page found gets its language (`<html lang>`), which engines set for the whole site, unless the
    engine has set it already (``set_languages`` false: the plugin does, in MkDocs).
    """
    from toolkit.site.plugin import HTML_LANG

    found: list[Diagnostic] = []
    for uri, page in source.planned.items():
        path = site_dir / page_file(uri, directory_urls)
        try:
            html = path.read_text(encoding="utf-8")
        except OSError:
            html = ""
        if not has_marker(html, uri):
            loc = page.module.loc if page.module is not None else page.course.loc if page.course is not None else MKDOCS_YML
            found.append(rules.SITE_CONTENT_DROPPED.at(
                loc, f"{engine_title} published `{page_file(uri, directory_urls)}` without coursekit's content"
                     f" (the page's marker is missing)"))
            continue
        lang = source.languages.get(uri) if set_languages else None
        if lang is not None:
            path.write_text(HTML_LANG.sub(f'<html lang="{lang}"', html, count=1), encoding="utf-8")
    return found


def has_marker(html: str, src_uri: str) -> bool:
    """Whether ``html`` holds the marker element of the page ``src_uri``."""
    from html.parser import HTMLParser

    class Find(HTMLParser):
        seen = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if (PAGE_MARKER, src_uri) in attrs:
                self.seen = True

    if f"{PAGE_MARKER}=" not in html:
        return False
    finder = Find()
    finder.feed(html)
    finder.close()
    return finder.seen
