"""The course site: coursekit writes its source (site_source.py), an engine renders it.

`render_site` runs the chosen engine: MkDocs with Material in this process, through the `coursekit`
plugin (so `coursekit build` and plain `mkdocs build` give the same site), or ProperDocs or Zensical as
programs on a staged copy of the source (staging.py). Whichever ran, every page must carry coursekit's
marker afterwards. The live preview (`coursekit serve`) is in `preview.py`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostics, Severity
from toolkit.site.engines import DEFAULT_ENGINE, ENGINES, EngineMissing, require_engine
from toolkit.source import SourceLoc

if TYPE_CHECKING:
    from toolkit.model import Project
    from toolkit.rendering import Rendering
    from toolkit.site.pages import Download

_MKDOCS_LOGGER = "mkdocs"


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, kept to be reported as diagnostics."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.plugins.coursekit"):  # ours come back as diagnostics already
            self.records.append(record)


@contextlib.contextmanager
def _source_date(when: dt.datetime | None) -> Iterator[None]:
    """MkDocs dates the sitemap with SOURCE_DATE_EPOCH; set it for the build when the caller chose a date."""
    if when is None or os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def render_site(root: Path, site_dir: Path, *, strict: bool = False, downloads: Path | None = None,
                course_ids: tuple[str, ...] = (), source_date: dt.datetime | None = None,
                site_url: str | None = None, checked: Project | None = None,
                offered: tuple[Path, ...] | None = None, engine: str = DEFAULT_ENGINE) -> Diagnostics:
    """Render the site of the project's `mkdocs.yml` with ``engine``, writing straight into ``site_dir``.

    ``site_url`` publishes the site at another address than `mkdocs.yml` or
    `course.yml` give (a preview server, for example); Material's instant
    navigation only works at the address the site was built for. ``checked`` is
    a project the caller has loaded and checked already; it is used as it is,
    and its findings are left to the caller to report. ``offered`` lists the
    files under ``downloads`` to offer, some perhaps not made yet: the pages
    link to them, and the caller copies them into the site (``copy_downloads``).

    Returns every finding as a diagnostic: the courses' own (`check`), the site's
    (CK70x, such as HTML the sanitiser removed) and MkDocs' (CK706, CK707).
    Strictness is applied to all of them.
    """
    if engine != DEFAULT_ENGINE:
        return _render_with_program(root, site_dir, strict=strict, downloads=downloads, course_ids=course_ids,
                                    source_date=source_date, site_url=site_url, checked=checked, offered=offered,
                                    engine=engine)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    root = root.resolve()
    config_path = root / "mkdocs.yml"
    config_loc = SourceLoc(Path("mkdocs.yml"))
    found = Diagnostics()
    collector = _Collect()
    logger = logging.getLogger(_MKDOCS_LOGGER)
    logger.addHandler(collector)
    plugin = None
    try:
        with _source_date(source_date):
            # Strictness is ours to apply, so MkDocs itself runs lenient and reports everything.
            overrides = {"site_url": site_url} if site_url else {}
            config = load_config(str(config_path), site_dir=str(site_dir), strict=False, **overrides)
            plugin = config.plugins.get("coursekit")
            if plugin is None:
                found.add(rules.SITE_BUILD_FAILED.at(config_loc, "`coursekit` is not in the `plugins:` of mkdocs.yml"))
                return found.with_strictness(strict)
            plugin.config.project = str(root)  # type: ignore[attr-defined]
            plugin.config.courses = list(course_ids)  # type: ignore[attr-defined]
            plugin.checked_project = checked  # type: ignore[attr-defined]
            plugin.offered = offered  # type: ignore[attr-defined]
            if downloads is not None:
                plugin.config.downloads = str(Path(downloads).resolve())  # type: ignore[attr-defined]
            build(config)
    except (Abort, ConfigurationError) as error:  # a failed write (OSError) is the build's CK790
        if plugin is None or not getattr(plugin, "failed", False):
            found.add(rules.SITE_BUILD_FAILED.at(config_loc, str(error) or type(error).__name__))
    finally:
        logger.removeHandler(collector)
    if plugin is not None:
        found.extend(getattr(plugin, "check_diagnostics", []))
        found.extend(getattr(plugin, "site_diagnostics", []))
        source = getattr(plugin, "source", None)
        if source is not None and not found.errors:
            from toolkit.site.staging import check_published

            found.extend(check_published(site_dir, source, config.use_directory_urls, ENGINES[engine].title,
                                         set_languages=False))
    failed_on_content = plugin is not None and getattr(plugin, "failed", False)
    for record in collector.records:
        if failed_on_content and record.levelno >= logging.ERROR:
            continue  # MkDocs repeating the content errors already reported
        rule = rules.SITE_MKDOCS_WARNING if record.levelno == logging.WARNING else rules.SITE_BUILD_FAILED
        message = record.getMessage()
        if rule is rules.SITE_BUILD_FAILED and message.startswith("Aborted"):
            continue
        found.add(rule.at(config_loc, message))
    return found.with_strictness(strict)


def _render_with_program(root: Path, site_dir: Path, *, strict: bool, downloads: Path | None,
                         course_ids: tuple[str, ...], source_date: dt.datetime | None, site_url: str | None,
                         checked: Project | None, offered: tuple[Path, ...] | None, engine: str) -> Diagnostics:
    """The site made by an engine program from the staged source; the courses checked here unless ``checked``."""
    from toolkit.check import run_check
    from toolkit.site.pages import plan_site
    from toolkit.site.site_source import make_site_source
    from toolkit.site.staging import render_staged

    root = root.resolve()
    found = Diagnostics()
    try:
        chosen = require_engine(engine)
    except EngineMissing as missing:
        found.add(rules.SITE_ENGINE_MISSING.at(SourceLoc(Path("mkdocs.yml")), str(missing)))
        return found.with_strictness(strict)
    project = checked
    if project is None:
        result = run_check(root, course_ids=course_ids)
        found.extend(result.diagnostics)
        if result.diagnostics.errors:
            return found.with_strictness(strict)
        project = result.project
    downloads_root = Path(downloads).resolve() if downloads is not None else root / "build"
    plan = plan_site(project, downloads_root, offered)
    source = make_site_source(project, plan, project.site.directory_urls, links_from_source=chosen.links_from_source)
    found.extend(source.diagnostics)
    if found.errors:
        return found.with_strictness(strict)
    found.extend(render_staged(chosen, root, site_dir, source, project, source_date=source_date, site_url=site_url))
    return found.with_strictness(strict)


# An estimate of the seconds MkDocs takes, and for each module's page, so the pool starts the site in time.
SITE_SECONDS = 0.4
SITE_SECONDS_PER_MODULE = 0.03


def build_output(context, stage: Path) -> Rendering:  # type: ignore[no-untyped-def]
    """The `site` builder for `coursekit build`: writes `stage/site`, in the build's pool beside the documents.

    It offers the decks and handouts in ``stage``, those there now and those the other outputs are still
    making (``context.coming``); once every output is finished, they are copied in. The strictness is
    applied by the caller.
    """
    from toolkit.rendering import Rendering
    from toolkit.site.pages import DOWNLOAD_FOLDERS, find_downloads

    project = context.project
    stage = stage.resolve()  # as the plugin names the downloads' folder, so the offered files are found in it
    made = [path for folder in DOWNLOAD_FOLDERS for path in (stage / folder).rglob("*")  # carried over, or cached
            if path.is_file() and not path.is_symlink()]
    offered = tuple(sorted({*made, *(path.resolve() for path in context.coming)}))
    site = stage / "site"

    def render(folder: Path) -> Diagnostics:
        return render_site(project.root, folder, strict=False, downloads=stage, course_ids=context.settings.course_ids,
                           source_date=context.source_date, checked=project, offered=offered,
                           engine=context.settings.site_engine)

    def finish(results: list[Diagnostics]) -> Diagnostics:
        found = results[0]
        if not found.errors:
            for course in project.courses:
                copy_downloads(find_downloads(course, stage, offered), site)
        return found

    modules = sum(len(course.modules) for course in project.courses)
    return Rendering([site], render, lambda _: SITE_SECONDS + SITE_SECONDS_PER_MODULE * modules, finish)


def copy_downloads(downloads: list[Download], site: Path) -> None:
    """Each download into the site, where its pages link to it."""
    for download in downloads:
        target = site / download.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(download.path, target)


__all__ = ["build_output", "copy_downloads", "render_site", "Severity"]
