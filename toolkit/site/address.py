"""The site's public address, and each page's, so every QR code and printed link leads to a page that exists.

The site's address is MkDocs' own `site_url` in `mkdocs.yml`, read here as MkDocs reads it (its YAML
loader with `!ENV`, its URL check, `INHERIT`) but without building anything a tag names. A page's
address is worked out from its source name (`course-id/module-id.md`, see pages.py) by MkDocs' own
code, so the site, the handouts and the decks always agree.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlsplit

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course, Module, Project, SiteAddress
from toolkit.site.pages import course_page_uri, module_page_uri
from toolkit.source import SourceLoc

if TYPE_CHECKING:
    from toolkit.loader import CourseFrame

__all__ = ["course_url", "module_url", "page_address", "page_url", "read_site_address"]

MKDOCS_YML = Path("mkdocs.yml")
# Characters a site address keeps as they are; any other is percent-encoded, so none can end an HTML attribute.
URL_SAFE = ":/%-._~!$&()*+,;=@"
# How many `INHERIT:` files deep MkDocs' configuration is followed.
_INHERIT_DEPTH = 8


def page_address(src_uri: str, directory_urls: bool = True) -> str:
    """Where MkDocs publishes a page, relative to the site's root: `a/b.md` → `a/b/` (or `a/b.html`)."""
    from mkdocs.structure.files import File

    url = File(src_uri, None, "", directory_urls).url
    return "" if url in (".", "./") else url  # as MkDocs' Page.url


def page_url(site: SiteAddress, src_uri: str) -> str | None:
    """The public address of the page MkDocs makes from ``src_uri`` (its canonical URL); None without a site address."""
    if site.url is None:
        return None
    return urljoin(site.url, page_address(src_uri, site.directory_urls))


def module_url(project: Project, course: Course, module: Module) -> str | None:
    """The public address of a module's page (a module handout's QR code leads here)."""
    return page_url(project.site, module_page_uri(course, module))


def course_url(project: Project, course: Course) -> str | None:
    """The public address of a course's home page (the booklet's and the workshop deck's QR codes lead here)."""
    return page_url(project.site, course_page_uri(project, course))


def read_site_address(root: Path, courses: Sequence[CourseFrame]) -> tuple[SiteAddress, list[Diagnostic]]:
    """The project's site address from `mkdocs.yml`, and what is wrong with it.

    ``courses`` are the project's courses as read: a `site_url` left in an old `course.yml` is
    reported (CK708), and used only where it can mean one thing: in a site of one course, whose home
    page is the site's root, and only when `mkdocs.yml` names no address.
    """
    found: list[Diagnostic] = []
    url, loc, directory_urls, written = _read_mkdocs(root, found)
    old = [(frame.meta.site_url, frame.field_locs.get("site_url", frame.origin)) for frame in courses if frame.meta.site_url]
    if written:
        for _, course_loc in old:
            found.append(rules.SITE_URL_IN_COURSE.at(
                course_loc, "`site_url` in `course.yml` is not used: the site's address is `site_url` in mkdocs.yml",
                "Delete `site_url` from `course.yml`; every QR code leads to a page under the address in `mkdocs.yml`."))
        return SiteAddress(url, loc, directory_urls), found
    if len(courses) == 1 and old:
        value, course_loc = old[0]
        found.append(rules.SITE_URL_IN_COURSE.at(
            course_loc, "`site_url` belongs in mkdocs.yml now; it is used as the site's address until it is moved",
            f"Move the line to `mkdocs.yml` (`site_url: {value}`) and delete it from `course.yml`."))
        return SiteAddress(_normalised(str(value)), course_loc, directory_urls), found
    for _, course_loc in old:
        found.append(rules.SITE_URL_IN_COURSE.at(
            course_loc, "`site_url` in `course.yml` is not used: a site of several courses has one address, in mkdocs.yml",
            "Write the site's address (where the list of courses is) as `site_url:` in `mkdocs.yml`, "
            "and delete `site_url` from each `course.yml`."))
    return SiteAddress(None, loc, directory_urls), found


def _normalised(url: str) -> str:
    """``url`` as MkDocs keeps a directory's address (ending in `/`), with anything unsafe in HTML percent-encoded."""
    from mkdocs.config.config_options import URL

    return quote(URL(is_dir=True).validate(url), safe=URL_SAFE)


def _read_mkdocs(root: Path, found: list[Diagnostic]) -> tuple[str | None, SourceLoc, bool, bool]:
    """From the project's mkdocs.yml: `site_url` (checked, normalised), where it is written, `use_directory_urls`,
    and whether a `site_url` is written at all (a wrong one too)."""
    settings = _settings(root, root / MKDOCS_YML, 0)
    directory_urls = True
    if "use_directory_urls" in settings:
        value = _value(settings["use_directory_urls"][0])
        directory_urls = value if isinstance(value, bool) else True  # MkDocs itself refuses any other value
    if "site_url" not in settings:
        return None, SourceLoc(MKDOCS_YML), directory_urls, False
    node, loc = settings["site_url"]
    value = _value(node)
    if value is None or value == "":
        return None, loc, directory_urls, False
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("https", "http") or not parts.netloc:
        found.append(rules.SITE_URL_INVALID.at(loc, f"`site_url: {str(value)[:80]}` is not a web address, so no QR code can lead to the site"))
        return None, loc, directory_urls, True
    return _normalised(value), loc, directory_urls, True


def _settings(root: Path, path: Path, depth: int) -> dict[str, tuple[object, SourceLoc]]:
    """The top-level settings of an MkDocs configuration file (and those it inherits), as unbuilt YAML nodes.

    Only composed, never constructed: a tag such as `!!python/name:` builds nothing here.
    Anything unreadable gives no settings; MkDocs itself reports it when it builds the site.
    """
    import yaml

    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    own: dict[str, tuple[object, SourceLoc]] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            own[key.value] = (value, SourceLoc(shown, value.start_mark.line + 1, value.start_mark.column + 1))
    inherit = own.pop("INHERIT", None)
    if inherit is None or depth >= _INHERIT_DEPTH or not isinstance(inherit[0], yaml.ScalarNode):
        return own
    parent = Path(os.path.normpath(path.parent / str(inherit[0].value)))  # as MkDocs: relative to the file naming it
    return {**_settings(root, parent, depth + 1), **own}


def _value(node: object) -> object:
    """A setting's value as MkDocs' loader gives it (`!ENV` read from the environment); None if it cannot be read."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    loader = get_yaml_loader(loader=yaml.SafeLoader)("")
    try:
        return loader.construct_object(node, deep=True)  # type: ignore[arg-type]
    except yaml.YAMLError:
        return None
