"""The slides of a module's sections: what the group must see on the slide, the rest of that part in its notes.

A paragraph puts its lead sentence and every instruction on the slide and the
whole paragraph in the notes. A `###` heading stays with what follows it, a
lead-in ending in ":" with its list, and a list with its items when the list
fits one slide. Special blocks (figures, tables, red flags, exercises, quizzes)
get slides of their own; a heading cut off by one is shown again after it.
A list or table split over slides gives each slide the notes of what it shows,
and a part whose notes overflow the notes page is split again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from toolkit import model as m
from toolkit.slides.block_slides import exercise, quiz, red_flags
from toolkit.slides.deck_model import Para, TablePlan
from toolkit.slides.draft import Draft, PlanContext
from toolkit.slides.geometry import SPLIT_PT
from toolkit.slides.paragraphs import notes_text, shown_blocks, slide_paras, slide_sentences
from toolkit.slides.picture_slides import beside, figure
from toolkit.source import SourceLoc

_SPECIAL = (m.Figure, m.Table, m.RedFlags, m.Exercise, m.Quiz)


@dataclass
class _Unit:
    """Slide text kept on one slide when it can (else split between its groups), and each group's notes."""

    groups: list[list[Para]]
    group_notes: list[list[str]]   # one list per group: a slide showing some of the groups carries theirs
    joins_next: bool = False   # a heading or a lead-in ending in ":" stays with the unit after it
    heading: Para | None = None  # the `###` heading this text stands under

    @property
    def notes(self) -> list[str]:
        return [n for lines in self.group_notes for n in lines]


@dataclass
class _Notes:
    """A `::: notes` block that follows a special block: it goes with that block's slides."""

    lines: list[str] = field(default_factory=list)


def section(ctx: PlanContext, module: m.Module, title: str, blocks: tuple[m.Block, ...],
            loc: SourceLoc) -> tuple[list[Draft], list[str]]:
    """A section's slides, and any notes with no slide of their own to go on (the caller gives them a neighbour)."""
    items = _items(ctx, blocks)
    drafts: list[Draft] = []
    numbered: list[Draft] = []   # the slides that carry the section's title and share its numbering
    pending: list[str] = []      # notes waiting for the next slide
    at = 0
    while at < len(items):
        item = items[at]
        if isinstance(item, _Notes):
            (drafts[-1].notes if drafts else pending).extend(item.lines)
            at += 1
            continue
        if isinstance(item, _Unit):
            run = []
            while at < len(items) and isinstance(items[at], _Unit):
                run.append(items[at])
                at += 1
            # A figure right after the text goes beside it: beside all of it, or else beside its last unit.
            whole = _Unit([g for u in run for g in u.groups], [n for u in run for n in u.group_notes])
            pictured = _beside_figure(ctx, module, title, whole, items, at)
            if pictured is not None:
                run = []
            elif len(run) > 1 and (pictured := _beside_figure(ctx, module, title, run[-1], items, at)) is not None:
                run = run[:-1]
            if pictured is not None:
                at += 1
            made = [Draft("content", "content", title, [ctx.fitter.frame("content", "body", paras)], notes,
                          paras[0].loc or loc) for paras, notes in _pack(ctx, run)] if run else []
            made += [pictured] if pictured is not None else []
        else:
            made = _special(ctx, module, title, item)
            at += 1
            if not made:
                continue
        made[0].notes[:0] = pending
        pending = []
        drafts.extend(made)
        numbered.extend(d for d in made if d.kind in ("content", "figure", "table"))
    if len(numbered) > 1:
        for i, d in enumerate(numbered, 1):
            d.part = (i, len(numbered))
    for d in numbered:
        d.title_loc = loc
    return drafts, pending


def _items(ctx: PlanContext, blocks: tuple[m.Block, ...]) -> list[_Unit | _Notes | m.Block]:
    """The section as units of slide text, special blocks and stray notes, in source order."""
    items: list[_Unit | _Notes | m.Block] = []
    heading: Para | None = None
    after_special = False
    for block in shown_blocks(blocks):
        if isinstance(block, m.Notes):
            lines = [t for b in shown_blocks(block.blocks) for t in notes_text(b)]
            last = items[-1] if items else None
            if isinstance(last, _Unit):
                last.group_notes[-1].extend(lines)  # written after the text: with the slide its end is on
            elif isinstance(last, _Notes):
                last.lines.extend(lines)
            else:
                items.append(_Notes(lines))
            continue
        if isinstance(block, _SPECIAL):
            last = items[-1] if items else None
            if isinstance(last, _Unit) and last.joins_next and len(last.groups) == 1 and last.groups[0] == [heading]:
                items.pop()  # a heading with nothing before the block: it goes above the text after the block
                items.extend([block, _Notes(last.notes)] if last.notes else [block])
            else:
                items.append(block)
            after_special = True
            continue
        unit = _unit(ctx, block)
        if unit is None:
            continue
        if isinstance(block, m.Heading):
            heading = unit.groups[0][0]
        elif after_special and heading is not None:  # the heading again, so the text is never without it
            unit.groups[0].insert(0, heading)
        after_special = False
        unit.heading = heading
        last = items[-1] if items else None
        # Everything under one `###` heading is one unit: a slide shows a subsection whole when it can.
        if isinstance(last, _Unit) and (last.joins_next or (heading is not None and last.heading is heading)):
            items[-1] = _Unit(last.groups[:-1] + [last.groups[-1] + unit.groups[0]] + unit.groups[1:],
                              last.group_notes[:-1] + [last.group_notes[-1] + unit.group_notes[0]]
                              + unit.group_notes[1:], unit.joins_next, heading)
        else:
            items.append(unit)
    return items


def _unit(ctx: PlanContext, block: m.Block) -> _Unit | None:
    """One block as slide text and notes; None for what a deck does not show."""
    if isinstance(block, m.Paragraph):
        runs = slide_sentences(block, ctx.labels)
        if not runs:
            return None
        # The last run ends where the paragraph does, its spaces stripped (paragraphs.runs_of).
        return _Unit([[Para(runs, 0, "none", loc=block.loc)]], [notes_text(block)], runs[-1].text.endswith(":"))
    if isinstance(block, m.Heading):
        return _Unit(slide_paras(block, ctx.labels), [[]], True)   # a heading is one paragraph, always shown
    if isinstance(block, m.RawBlock):
        return None
    if isinstance(block, m.ListBlock):
        return _list_unit(ctx, block)
    groups = slide_paras(block, ctx.labels)
    if not groups:
        return None
    return _Unit(groups, [notes_text(block)] + [[] for _ in groups[1:]])


def _list_unit(ctx: PlanContext, block: m.ListBlock) -> _Unit | None:
    """A list as one group per item with that item's notes; one group when the whole list fits a slide and its
    notes one notes page."""
    groups: list[list[Para]] = []
    group_notes: list[list[str]] = []
    unshown: list[str] = []   # the notes of items with nothing to show, until an item with something does
    for n, item in enumerate(block.items, block.start):
        alone = replace(block, items=(item,), start=n)   # numbered and marked as in the whole list
        shown, said = slide_paras(alone, ctx.labels), notes_text(alone)
        if not shown:
            (group_notes[-1] if group_notes else unshown).extend(said)
            continue
        groups.extend(shown)
        group_notes.append(unshown + said)
        unshown = []
    if not groups:
        return None
    paras = [p for g in groups for p in g]
    notes = [n for lines in group_notes for n in lines]
    if _fits(ctx, paras) and _notes_fit(ctx, notes):
        return _Unit([paras], [notes])   # steps and checks stay on one slide
    return _Unit(groups, group_notes)


def _fits(ctx: PlanContext, paras: list[Para], size: float = SPLIT_PT) -> bool:
    box = ctx.geometry.box("content", "body")
    assert box is not None
    return ctx.fitter.height(paras, box, size) <= box.height_pt


def _notes_fit(ctx: PlanContext, notes: list[str]) -> bool:
    """Whether notes fit one printed notes page (a slide whose own paragraph is longer still holds it whole)."""
    return len(ctx.fitter.notes(notes)) <= 1


def _pack(ctx: PlanContext, run: list[_Unit]) -> list[tuple[list[Para], list[str]]]:
    """Units onto as few slides as keep them whole and readable, each slide with its units' notes."""
    everything = [p for u in run for g in u.groups for p in g]
    if _fits(ctx, everything) and _notes_fit(ctx, [n for u in run for n in u.notes]):
        return [(everything, [n for u in run for n in u.notes])]
    chunks: list[tuple[list[Para], list[str]]] = []
    paras: list[Para] = []
    notes: list[str] = []
    for unit in run:
        whole = [p for g in unit.groups for p in g]
        if not _fits(ctx, paras + whole) or not _notes_fit(ctx, notes + unit.notes):
            if paras:
                chunks.append((paras, notes))
                paras, notes = [], []
        if _fits(ctx, paras + whole) and (len(unit.groups) == 1 or _notes_fit(ctx, notes + unit.notes)):
            paras, notes = paras + whole, notes + unit.notes
            continue
        # Longer than a slide or a notes page: its groups, as many to a slide as fit with their notes, under its
        # heading on each.
        for group, group_notes in zip(unit.groups, unit.group_notes):
            if paras and (not _fits(ctx, paras + group) or not _notes_fit(ctx, notes + group_notes)):
                chunks.append((paras, notes))
                paras, notes = [], []
            if not paras and unit.heading is not None and group[0] is not unit.heading:
                paras = [unit.heading]
            paras, notes = paras + group, notes + group_notes
    if paras:
        chunks.append((paras, notes))
    return chunks


def _beside_figure(ctx: PlanContext, module: m.Module, title: str, unit: _Unit,
                   items: list[_Unit | _Notes | m.Block], after: int) -> Draft | None:
    """The text and the figure right after it on one slide, when both fit side by side."""
    following = items[after] if after < len(items) else None
    if not isinstance(following, m.Figure):
        return None
    made = beside(ctx, module, title, unit.groups, following)
    if made is not None:
        made.notes = list(unit.notes)
    return made


def _special(ctx: PlanContext, module: m.Module, title: str, block: m.Block) -> list[Draft]:
    """The slides of a block that has slides of its own."""
    if isinstance(block, m.Figure):
        return figure(ctx, module, title, block)
    if isinstance(block, m.Table):
        return _table(ctx, title, block)
    if isinstance(block, m.RedFlags):
        return red_flags(ctx, block)
    if isinstance(block, m.Exercise):
        return exercise(ctx, block)
    if isinstance(block, m.Quiz):
        return quiz(ctx, block)
    raise AssertionError(block)


def _table(ctx: PlanContext, title: str, block: m.Table) -> list[Draft]:
    """A table in as many slides as it needs (markdown-it gives every row the header's number of cells)."""
    header = tuple(m.plain_text(c).strip() for c in block.header)
    rows = [tuple(m.plain_text(c).strip() for c in row) for row in block.rows]
    tables = ctx.fitter.table("content", "body", header, rows, block.loc)
    # Each part's notes: the header, then the rows it shows.
    header_line, *row_lines = notes_text(block)
    drafts: list[Draft] = []
    start = 0
    for table in tables:
        for piece in _parts_with_fitting_notes(ctx, table, header_line, row_lines[start:start + len(table.rows)]):
            notes = [header_line, *row_lines[start:start + len(piece.rows)]]
            drafts.append(Draft("content", "table", title, [], notes, block.loc, table=piece))
            start += len(piece.rows)
    return drafts


def _parts_with_fitting_notes(ctx: PlanContext, table: TablePlan, header_line: str,
                              row_lines: list[str]) -> list[TablePlan]:
    """A table part, cut again between rows where its notes would run past the notes page."""
    pieces: list[list[int]] = [[]]
    for i, line in enumerate(row_lines):
        shown = [row_lines[j] for j in pieces[-1]]
        if pieces[-1] and not _notes_fit(ctx, [header_line, *shown, line]):
            pieces.append([])
        pieces[-1].append(i)
    if len(pieces) == 1:
        return [table]
    cut = []
    for piece in pieces:
        heights = (table.row_heights[0], *(table.row_heights[i + 1] for i in piece))
        cut.append(replace(table, rows=tuple(table.rows[i] for i in piece), row_heights=heights,
                           needed=round(sum(heights), 2)))
    return cut
