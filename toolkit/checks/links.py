"""Links: links to other modules must resolve, and only safe address types are allowed."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course, Link, Project, block_inlines, walk_blocks, walk_inlines

SAFE_SCHEMES = {"https", "http", "mailto", "tel"}


def check_course(course: Course, project: Project) -> Iterator[Diagnostic]:
    for module in course.modules:
        for block in walk_blocks(tuple(module.blocks())):
            for run in block_inlines(block):
                for inline in walk_inlines(run):
                    if isinstance(inline, Link):
                        yield from _check_link(inline, course)


def _check_link(link: Link, course: Course) -> Iterator[Diagnostic]:
    parts = urlsplit(link.href.strip())
    if parts.scheme:
        if parts.scheme.lower() not in SAFE_SCHEMES:
            yield rules.LINK_SCHEME.at(link.loc, f"`{parts.scheme}:` links are not allowed")
        return
    if not unquote(parts.path):
        return
    found = course.link_target(link.href)
    if found is None:
        names = sorted(m.file_name for m in course.modules)
        listed = ", ".join(f"`{n}`" for n in names[:6]) + (", ..." if len(names) > 6 else "")
        yield rules.LINK_UNRESOLVED.at(link.loc, f"`{link.href}` is not a module of this course",
                                       f"Link to one of this course's module files: {listed}." if names else None)
        return
    target, anchor = found
    if anchor and anchor not in {s.anchor for s in target.sections}:
        anchors = ", ".join(f"`#{s.anchor}`" for s in target.sections) or "none"
        yield rules.LINK_UNRESOLVED.at(link.loc, f"`{target.file_name}` has no section `#{anchor}`", f"Sections there: {anchors}.")
