"""The text a learner reads in a module, as units in reading order, each with its line.

Left out: speaker notes (`::: notes`), sources, code, raw HTML, image alt text
(a screen reader speaks it, but it is not part of the reading flow) and the
glossary file. Kept: the title, summary, objectives, key points and questions
from the front matter, section titles, headings, paragraphs, list items, table cells,
image captions, block titles, quiz questions and options, and everything inside
red-flags, exercise, tip, caution and `only` blocks.
"""

from __future__ import annotations

import bisect
import functools
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

from toolkit import model as m
from toolkit.source import SourceLoc

UnitKind = Literal[
    "title", "summary", "objective", "key_point", "question",  # front matter
    "section_title", "heading", "block_title",           # headings
    "paragraph", "list_item", "table_cell", "caption",   # body text
    "quiz_question", "quiz_option",
]

#: Units that are headings: they are not sentences and do not count towards the reading grade.
HEADING_KINDS: frozenset[str] = frozenset({"title", "section_title", "heading", "block_title"})
#: Units from the front matter.
FRONT_KINDS: frozenset[str] = frozenset({"title", "summary", "objective", "key_point", "question"})


@dataclass(frozen=True)
class Unit:
    """One run of learner text: a paragraph, a list item, a heading, a quiz option, ...

    ``block`` is the model block the text belongs to (None for the front matter
    and section titles); ``container`` names the innermost `:::` block around
    it (``"red-flags"``, ``"exercise"``, ...) or is None.
    """

    kind: UnitKind
    text: str
    loc: SourceLoc
    block: m.Block | None = None
    container: str | None = None
    line_starts: tuple[tuple[int, int], ...] = ()

    @property
    def is_heading(self) -> bool:
        return self.kind in HEADING_KINDS

    @property
    def in_front_matter(self) -> bool:
        return self.kind in FRONT_KINDS

    def line_at(self, offset: int) -> int:
        """The source line of the character at ``offset`` in ``text``."""
        starts = self.line_starts
        if len(starts) < 2:
            return starts[0][1] if starts else self.loc.line
        index = bisect.bisect_right(self._offsets, offset) - 1
        return starts[max(index, 0)][1]

    @functools.cached_property
    def _offsets(self) -> list[int]:
        return [o for o, _ in self.line_starts]

    def loc_at(self, offset: int) -> SourceLoc:
        return self.loc.at(self.line_at(offset), 1) if self.loc.line else self.loc


def module_units(module: m.Module) -> tuple[Unit, ...]:
    """Every piece of learner text in ``module``, in reading order; cached per module object."""
    cached = _CACHE.get(id(module))
    if cached is not None and cached[0] is module:
        _CACHE.move_to_end(id(module))
        return cached[1]
    units = tuple(_module_units(module))
    _CACHE[id(module)] = (module, units)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return units


_CACHE: OrderedDict[int, tuple[m.Module, tuple[Unit, ...]]] = OrderedDict()
_CACHE_SIZE = 4096


def _module_units(module: m.Module) -> list[Unit]:
    out: list[Unit] = []
    meta = module.meta
    out.append(Unit("title", meta.title, module.field_loc("title")))
    out.append(Unit("summary", meta.summary, module.field_loc("summary")))
    for kind, field_name, items in (("objective", "objectives", meta.objectives), ("key_point", "key_points", meta.key_points),
                                    ("question", "questions", meta.questions)):
        key = module.field_loc(field_name)
        for index, item in enumerate(items):
            # Items written one per line under the key; a good guess for the usual layout.
            loc = key.shifted(index + 1) if field_name in module.field_locs else key
            out.append(Unit(kind, item, SourceLoc(loc.path, loc.line, 1)))  # type: ignore[arg-type]
    _add_blocks(module.intro, out, None, False)
    for section in module.sections:
        out.append(_inline_unit("section_title", section.title, section.loc, None, None))
        _add_blocks(section.blocks, out, None, False)
    return [u for u in out if u.text.strip()]


def blocks_units(blocks: tuple[m.Block, ...], container: str | None = None) -> list[Unit]:
    """Learner text of some blocks (for example the inside of one red-flags block)."""
    out: list[Unit] = []
    _add_blocks(blocks, out, container, False)
    return [u for u in out if u.text.strip()]


_CONTAINER_NAMES = {m.RedFlags: "red-flags", m.Exercise: "exercise", m.Quiz: "quiz", m.Only: "only"}


def _add_blocks(blocks: tuple[m.Block, ...], out: list[Unit], container: str | None, in_list: bool) -> None:
    for block in blocks:
        if isinstance(block, m.Paragraph):
            out.append(_inline_unit("list_item" if in_list else "paragraph", block.inlines, block.loc, block, container))
        elif isinstance(block, m.Heading):
            out.append(_inline_unit("heading", block.inlines, block.loc, block, container))
        elif isinstance(block, m.Figure):
            if block.image.title.strip():
                out.append(Unit("caption", block.image.title, block.loc, block, container))
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                _add_blocks(item.blocks, out, container, True)
        elif isinstance(block, m.Table):
            for cell in block.header:
                out.append(_inline_unit("table_cell", cell, block.loc, block, container))
            for row in block.rows:
                for cell in row:
                    out.append(_inline_unit("table_cell", cell, block.loc, block, container))
        elif isinstance(block, m.Quote):
            _add_blocks(block.blocks, out, container, in_list)
        elif isinstance(block, m.Exercise):
            if block.title.strip():
                out.append(Unit("block_title", block.title, block.loc, block, "exercise"))
            _add_blocks(block.blocks, out, "exercise", False)
        elif isinstance(block, m.Callout):
            if block.title.strip():
                out.append(Unit("block_title", block.title, block.loc, block, block.kind))
            _add_blocks(block.blocks, out, block.kind, False)
        elif isinstance(block, m.Quiz):
            out.append(_inline_unit("quiz_question", block.question, block.loc, block, "quiz"))
            for option in block.options:
                out.append(_inline_unit("quiz_option", option.inlines, option.loc, block, "quiz"))
            _add_blocks(block.explanation, out, "quiz", False)
        elif isinstance(block, (m.RedFlags, m.Only)):
            _add_blocks(block.blocks, out, _CONTAINER_NAMES[type(block)] if isinstance(block, m.RedFlags) else container, False)
        # Notes, code and raw HTML are not learner text.


def _inline_unit(kind: UnitKind, inlines: tuple[m.Inline, ...], loc: SourceLoc, block: m.Block | None,
                 container: str | None) -> Unit:
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    _collect(inlines, parts, starts, [0])
    text = "".join(parts)
    return Unit(kind, text, loc, block, container, tuple(starts))


def _collect(inlines: tuple[m.Inline, ...], parts: list[str], starts: list[tuple[int, int]], size: list[int]) -> None:
    for inline in inlines:
        line = inline.loc.line
        if line and (not starts or starts[-1][1] != line):
            starts.append((size[0], line))
        if isinstance(inline, m.Text):
            piece = inline.text
        elif isinstance(inline, m.Break):
            piece = " "
        elif isinstance(inline, (m.Strong, m.Emph, m.Link)):
            _collect(inline.children, parts, starts, size)
            continue
        else:  # code, images (alt text is spoken, not read) and raw HTML
            piece = " "
        parts.append(piece)
        size[0] += len(piece)
