"""Links: links to other modules must resolve, and only safe address types are allowed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course, Link, block_inlines, walk_blocks, walk_inlines
from toolkit.source import SourceLoc

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings
    from toolkit.plain_language.analysis import ModuleAnalysis

SAFE_SCHEMES = {"https", "http", "mailto", "tel"}


@dataclass(frozen=True)
class ModuleLink:
    """A relative link, to be resolved against the course's modules."""

    href: str
    loc: SourceLoc


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """Each link's address type; relative links are left to the course (ModuleLink)."""
    found: list[object] = []
    for block in walk_blocks(tuple(analysis.module.blocks())):
        for run in block_inlines(block):
            for inline in walk_inlines(run):
                if isinstance(inline, Link):
                    parts = urlsplit(inline.href.strip())
                    if parts.scheme:
                        if parts.scheme.lower() not in SAFE_SCHEMES:
                            found.append(rules.LINK_SCHEME.at(inline.loc, f"`{parts.scheme}:` links are not allowed"))
                    elif unquote(parts.path):
                        found.append(ModuleLink(inline.href, inline.loc))
    return found


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each module's findings, each relative link resolved as `Course.link_target` does."""
    anchors = {findings.file_name: findings.anchors for findings in modules}
    for findings in modules:
        for found in findings.found["links"]:
            if isinstance(found, ModuleLink):
                yield from _resolve(found, anchors)
            else:
                yield found  # type: ignore[misc]


def _resolve(link: ModuleLink, anchors: dict[str, tuple[str, ...]]) -> Iterator[Diagnostic]:
    """A relative link's target module and section must exist (``anchors``: each module file's sections)."""
    parts = urlsplit(link.href.strip())
    name = unquote(parts.path).removeprefix("./")
    if parts.netloc or not name or name not in anchors:
        names = sorted(anchors)
        listed = ", ".join(f"`{n}`" for n in names[:6]) + (", ..." if len(names) > 6 else "")
        yield rules.LINK_UNRESOLVED.at(link.loc, f"`{link.href}` is not a module of this course",
                                       f"Link to one of this course's module files: {listed}." if names else None)
        return
    anchor = unquote(parts.fragment)  # the Markdown reader percent-encodes `#qué-es`; the page's id is `qué-es`
    if anchor and anchor not in anchors[name]:
        yield rules.LINK_UNRESOLVED.at(link.loc, f"`{name}` has no heading `#{anchor}`", _anchor_hint(anchor, anchors[name]))


def _anchor_hint(anchor: str, anchors: tuple[str, ...]) -> str:
    """The anchor meant when only punctuation or dashes differ (`#whats-next` for `#what-s-next`), else them all."""
    def loose(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    same = [a for a in anchors if loose(a) == loose(anchor)]
    if same:
        return f"Did you mean `#{same[0]}`?"
    return f"Headings there: {', '.join(f'`#{a}`' for a in anchors) or 'none'}."
