"""Which pages the course site has, where each lives, and what it is called (pure: no MkDocs here)."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Sequence
from html import escape
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from toolkit import rules
from toolkit.checks.media import module_images, resolve_media
from toolkit.diagnostics import Diagnostic
from toolkit.labels import ENGLISH, Labels
from toolkit.model import Course, Module, Project

PageKind = Literal["catalogue", "course", "module", "glossary", "sources"]

# Top-level names the site itself uses: a course folder may not take them.
RESERVED_COURSE_IDS = frozenset({"assets", "search", "404", "sitemap", "index", "downloads", "media"})
# Names inside a course folder taken by its own pages and files.
RESERVED_MODULE_IDS = frozenset({"index", "glossary", "sources", "media", "downloads"})

ASSET_DIR = "assets/coursekit"


@dataclass(frozen=True)
class SitePage:
    src_uri: str  # as MkDocs knows the page: `course-id/module-id.md`
    kind: PageKind
    title: str
    course: Course | None = None
    module: Module | None = None


@dataclass(frozen=True)
class Download:
    """A built handout or deck offered on the course page."""

    src_uri: str
    path: Path
    label: str
    module_id: str | None


@dataclass
class SitePlan:
    pages: list[SitePage]
    media: dict[str, Path]  # src_uri → image file
    downloads: dict[str, list[Download]] = field(default_factory=dict)  # course id → its downloads
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def page(self, kind: PageKind, course: Course | None = None, module: Module | None = None) -> SitePage | None:
        for page in self.pages:
            if page.kind == kind and page.course is course and page.module is module:
                return page
        return None

    def nav(self) -> list[object]:
        """MkDocs' `nav` setting for these pages (titles from the content, held in memory only).

        MkDocs' templates print titles without escaping them, so each title is escaped here.
        """
        single = sum(1 for p in self.pages if p.kind == "course") == 1
        nav: list[object] = []
        group: list[object] | None = None
        for page in self.pages:
            title = escape(page.title, quote=True)
            if page.kind == "catalogue":
                nav.append({title: page.src_uri})
            elif page.kind == "course":
                if single:
                    group = nav
                    nav.append({title: page.src_uri})
                else:
                    group = [{escape(page.course.labels.site_about_course, quote=True): page.src_uri}]  # type: ignore[union-attr]
                    nav.append({title: group})
            else:
                assert group is not None
                group.append({title: page.src_uri})
        return nav


def course_page_uri(project: Project, course: Course) -> str:
    return "index.md" if len(project.courses) == 1 else f"{course.id}/index.md"


def module_page_uri(course: Course, module: Module) -> str:
    return f"{course.id}/{module.id}.md"


def plan_site(project: Project, downloads_root: Path | None = None, offered: Collection[Path] | None = None) -> SitePlan:
    """The pages, images and downloads of the site for ``project``, with any clash of names found.

    ``offered``, when given, lists the files under ``downloads_root`` to offer, instead of what is there now.
    """
    pages: list[SitePage] = []
    media: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    downloads: dict[str, list[Download]] = {}
    if len(project.courses) > 1:
        pages.append(SitePage("index.md", "catalogue", shared_labels(project.courses).site_all_courses))
    for course in project.courses:
        problems.extend(reserved_names(course))
        if course.id.lower() in RESERVED_COURSE_IDS:
            continue
        pages.append(SitePage(course_page_uri(project, course), "course", course.meta.title, course))
        for module in course.modules:
            if module.id.lower() in RESERVED_MODULE_IDS:
                continue
            pages.append(SitePage(module_page_uri(course, module), "module", module.meta.title, course, module))
            for image in module_images(module):
                path, problem = resolve_media(course, module, image.src, image.loc)
                if path is not None and problem is None:
                    media[media_uri(course, module, image.src)] = path
        if course.glossary:
            pages.append(SitePage(f"{course.id}/glossary.md", "glossary", course.labels.glossary, course))
        if any(module.sources for module in course.modules):
            pages.append(SitePage(f"{course.id}/sources.md", "sources", course.labels.sources, course))
        if downloads_root is not None:
            found = find_downloads(course, downloads_root, offered)
            if found:
                downloads[course.id] = found
    return SitePlan(pages, media, downloads, problems)


def reserved_names(course: Course) -> list[Diagnostic]:
    """CK703 for a course folder, or else each module id, that is the name of a page or folder the site needs."""
    if course.id.lower() in RESERVED_COURSE_IDS:
        return [rules.SITE_RESERVED_NAME.at(course.loc, f"the course folder `{course.id}` has a name the site uses itself")]
    return [rules.SITE_RESERVED_NAME.at(module.loc, f"the module id `{module.id}` is the name of a site page")
            for module in course.modules if module.id.lower() in RESERVED_MODULE_IDS]


def mixed_themes(courses: Sequence[Course]) -> list[Diagnostic]:
    """CK704 for each course whose theme is not the first course's: one site has one look, the first's."""
    if not courses:
        return []
    first = courses[0]
    return [rules.SITE_THEME_MIXED.at(course.field_loc("theme"),
                                      f"`{course.id}` uses theme `{course.theme.name}`, the site uses `{first.theme.name}`")
            for course in courses[1:] if course.theme.name != first.theme.name]


def shared_labels(courses: Iterable[Course]) -> Labels:
    """The words of a page about several courses: the courses' own when they all share them, else English."""
    found = {course.labels for course in courses}
    return found.pop() if len(found) == 1 else ENGLISH


def media_uri(course: Course, module: Module, src: str) -> str:
    """Where an image of a module is published: at the same place relative to the course folder."""
    from urllib.parse import unquote, urlsplit

    joined = os.path.normpath(os.path.join(str(module.path.parent), unquote(urlsplit(src).path)))
    relative = Path(joined).relative_to(course.folder)
    return f"{course.id}/{relative.as_posix()}"


# (folder, suffix, large-print ending, label of the large print, label); labels name fields of Labels.
_DOWNLOAD_KINDS = (
    ("handouts", ".pdf", "-large", "site_download_large_print", "site_download_handout"),
    ("slides", ".pptx", None, None, "site_download_slides"),
)
_WHOLE = {"booklet.pdf": "site_download_booklet", "workshop.pptx": "site_download_workshop"}
# The output folders whose files the site offers.
DOWNLOAD_FOLDERS = tuple(kind[0] for kind in _DOWNLOAD_KINDS)


def find_downloads(course: Course, root: Path, offered: Collection[Path] | None = None) -> list[Download]:
    """The handouts and decks built for ``course`` under ``root`` (usually `build/`): the files there now, or
    those ``offered`` (a build lists the files it is still making)."""
    found: list[Download] = []
    ids = {module.id for module in course.modules}
    words = course.labels
    for folder, suffix, variant, variant_field, field_name in _DOWNLOAD_KINDS:
        label = getattr(words, field_name)
        variant_label = getattr(words, variant_field) if variant_field else None
        base = root / folder / course.id
        if offered is not None:
            candidates = sorted(path for path in offered if path.parent == base)
        elif base.is_dir():
            candidates = [path for path in sorted(base.iterdir()) if path.is_file() and not path.is_symlink()]
        else:
            continue
        for path in candidates:
            if path.suffix != suffix:
                continue
            uri = f"{course.id}/downloads/{folder}/{path.name}"
            if path.name in _WHOLE:
                found.append(Download(uri, path, getattr(words, _WHOLE[path.name]), None))
                continue
            stem = path.stem
            if variant and stem.endswith(variant) and stem[: -len(variant)] in ids:
                found.append(Download(uri, path, variant_label or label, stem[: -len(variant)]))
            elif stem in ids:
                found.append(Download(uri, path, label, stem))
    # Per module: the handout, then large print, then the slides; whole-course files in the same order.
    rank = {"handouts": 0, "slides": 2}
    return sorted(found, key=lambda d: (d.module_id or "", rank[d.src_uri.split("/")[2]] + d.path.stem.endswith("-large")))
