"""How many sides a module's leaflet takes, estimated from its plan without rendering, and what to cut.

The leaflet is laid out here the way the theme's print CSS lays it out (`themes/default/print.css`: 12 pt
on `@page leaflet`, 18 pt on `@page large-leaflet`), with the handout font's real advance widths, read by
the same code that fits the decks (:mod:`toolkit.slides.fit`, without the deck's substitute font, which
a PDF never needs). Each part becomes pieces that move to the next page whole: a line of a paragraph, a
list item, a box kept whole, a heading kept with what follows it; the box that may run on (page 1's most
urgent warning signs) repeats its frame on the next page, and the words list runs in two
balanced columns (one in large print). The estimate measures text a little wide
(:data:`toolkit.slides.fit.WIDTH_SAFETY`), so a leaflet on the edge is estimated a side longer rather
than a side shorter; the rendered PDF stays the final word (:func:`toolkit.handouts.leaflet_lengths`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from toolkit import model as m
from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.handouts.plan import DocumentPlan, Variant
from toolkit.paper import MM, PAPER_PT
from toolkit.slides.fit import FontMetrics, StyledText, count_lines, load_metrics, substitute_metrics
from toolkit.slides.paragraphs import runs_of
from toolkit.source import SourceLoc

# A leaflet is one sheet: two sides, or four in large print.
LEAFLET_SIDES: dict[Variant, int] = {"standard": 2, "large": 4}


@dataclass(frozen=True)
class PrintSizes:
    """What print.css sets for one kind of leaflet: type, page margins (mm: top, right, bottom, left), the
    words list's columns and the space after each word."""

    size: float
    line_height: float
    margins: tuple[float, float, float, float]
    word_columns: int
    word_gap_mm: float
    word_space_em: float
    h2_top_em: float


# Kept in step with themes/default/print.css (tests/test_leaflet_fit.py reads the sheet and compares).
PRINT: dict[Variant, PrintSizes] = {
    "standard": PrintSizes(12.0, 1.35, (14, 15, 27, 15), 2, 8, 0.35, 0.7),
    "large": PrintSizes(18.0, 1.3, (12, 13, 42, 13), 1, 6, 0.15, 0.5),
}


@dataclass(frozen=True)
class Piece:
    """A piece of a leaflet that moves to the next page whole, with the margins around it (points)."""

    height: float
    part: str                   # the part of the leaflet it belongs to, as the message names it
    top: float = 0.0            # margin above: collapses with the one below the piece before; none atop a page
    bottom: float = 0.0
    keep: bool = False          # kept on the page of the piece after it (a heading, a lead-in, a box's title)
    rerun: float = 0.0          # the frame its box repeats above it when it starts a page
    columns: tuple[Piece, ...] = ()  # the items of a list set in columns (the words list)
    lines: int = 1              # a paragraph's lines, when it may break between them
    pitch: float = 0.0


@dataclass(frozen=True)
class LeafletEstimate:
    """One leaflet's estimated length and the height of each part that could be cut, biggest first (in sides)."""

    plan: DocumentPlan
    sides: int
    parts: tuple[tuple[str, float], ...]
    last: float = 1.0  # how much of its last side it fills

    @property
    def limit(self) -> int:
        return LEAFLET_SIDES[self.plan.variant]

    @property
    def path(self) -> PurePosixPath:
        return self.plan.path

    @property
    def too_long(self) -> bool:
        return self.sides > self.limit


class _Layout:
    """Measures a leaflet's parts as pieces, at one variant's sizes, in a column ``width`` points wide."""

    def __init__(self, variant: Variant, metrics: FontMetrics, width: float) -> None:
        self.sizes = PRINT[variant]
        self.metrics = metrics
        self.width = width
        self.em = self.sizes.size

    def lines(self, runs: Sequence[StyledText], width: float, scale: float = 1.0) -> int:
        runs = tuple(r for r in runs if r.text)
        return count_lines(runs, width, self.em * scale, self.metrics) if runs else 0

    def pitch(self, scale: float = 1.0, heading: bool = False) -> float:
        return self.em * scale * (1.2 if heading else self.sizes.line_height)

    def text(self, runs: Sequence[StyledText], width: float, part: str, *, scale: float = 1.0, top: float = 0.0,
             bottom: float = 0.0, keep: bool = False, split: bool = False) -> Piece:
        lines = self.lines(runs, width, scale)
        pitch = self.pitch(scale)
        return Piece(lines * pitch, part, top * self.em, bottom * self.em, keep,
                     lines=lines if split else 1, pitch=pitch if split else 0.0)

    def heading(self, text: str, width: float, part: str, scale: float, top: float, bottom: float = 0.35,
                rule: float = 0.0) -> Piece:
        lines = self.lines((StyledText(text, bold=True),), width, scale)
        return Piece(lines * self.pitch(scale, heading=True) + rule, part, top * self.em * scale,
                     bottom * self.em * scale, keep=True)

    def h2(self, text: str, part: str) -> Piece:
        # h2: 1.2em, a 1.5 pt rule 0.1em below it
        return self.heading(text, self.width, part, 1.2, self.sizes.h2_top_em, rule=1.5 + 0.1 * 1.2 * self.em)

    # Blocks as the shared renderer writes them for print

    def blocks(self, blocks: Iterable[m.Block], width: float, part: str) -> list[Piece]:
        pieces: list[Piece] = []
        for block in blocks:
            pieces.extend(self.block(block, width, part))
        return pieces

    def block(self, block: m.Block, width: float, part: str) -> list[Piece]:
        em = self.em
        if isinstance(block, m.Paragraph):
            runs = runs_of(block.inlines)
            return [self.text(runs, width, part, bottom=0.55, split=True)] if runs else []
        if isinstance(block, m.Heading):
            scale = 1.15 if block.level <= 3 else 1.0
            return [self.heading(m.plain_text(block.inlines), width, part, scale, 0.9)]
        if isinstance(block, m.ListBlock):
            return self.list_items(block, width - 1.3 * em, part, 0.2, 0.6)
        if isinstance(block, m.Table):
            return self.table(block, width, part)
        if isinstance(block, m.Quote):
            inner = self.blocks(block.blocks, width - 0.8 * em - 3, part)
            return _with_margins(inner, bottom=0.6 * em)
        if isinstance(block, m.CodeBlock):
            lines = sum(max(1, self.lines((StyledText(line),), width)) for line in block.text.rstrip("\n").split("\n"))
            return [Piece(lines * self.pitch(), part, em, em, lines=lines, pitch=self.pitch())]
        if isinstance(block, m.RawBlock):
            text = " ".join(re.sub(r"<[^>]*>", " ", block.html).split())
            return [self.text((StyledText(text),), width, part, bottom=0.55, split=True)] if text else []
        if isinstance(block, m.Figure):  # a picture is at most 85 mm high; its size is not read here
            caption = self.text((StyledText(block.image.title),), width, part) if block.image.title else None
            height = 85 * MM + (caption.height + 0.2 * em if caption else 0.0)
            return [Piece(height, part, 0.4 * em, 0.8 * em)]
        if isinstance(block, m.Callout):
            title = self.text((StyledText(block.title or block.kind, bold=True),), width - 4 - 3 * MM, part,
                              bottom=0.2)
            inner = [title, *self.blocks(block.blocks, width - 4 - 3 * MM, part)]
            return [_whole(_box(inner, 1 * MM, 1 * MM, 0.0, 0.8 * em), part)]
        if isinstance(block, m.RedFlags):
            return self.red_flags(block, None, part, runs_on=False)
        if isinstance(block, m.Exercise):
            return self.exercise(block, part)
        if isinstance(block, m.Only):
            return self.blocks(block.blocks, width, part) if "leaflet" in block.outputs else []
        return []  # quizzes and notes are never on a leaflet

    def list_items(self, block: m.ListBlock, width: float, part: str, item_space: float,
                   list_space: float) -> list[Piece]:
        """A list's items, one piece each (print.css keeps an item whole)."""
        em = self.em
        pieces: list[Piece] = []
        for item in block.items:
            if len(item.blocks) == 1 and isinstance(item.blocks[0], m.Paragraph):
                piece = self.text(runs_of(item.blocks[0].inlines), width, part)
            else:
                piece = _whole(self.blocks(item.blocks, width, part), part)
            pieces.append(dataclasses.replace(piece, top=0.0, bottom=item_space * em))
        if pieces:
            pieces[-1] = dataclasses.replace(pieces[-1], bottom=max(item_space, list_space) * em)
        return pieces

    def table(self, block: m.Table, width: float, part: str) -> list[Piece]:
        em = self.em
        columns = max(1, len(block.header))
        cell = width / columns - 0.8 * em - 1
        pieces = []
        for n, row in enumerate((block.header, *block.rows)):
            lines = max((self.lines(runs_of(c, bold=n == 0), cell) for c in row), default=1)
            pieces.append(Piece(max(1, lines) * self.pitch() + 0.4 * em + 1, part))
        if pieces:
            pieces[-1] = dataclasses.replace(pieces[-1], bottom=0.8 * em)
        return pieces

    # The leaflet's own parts

    def red_flags(self, block: m.RedFlags, words: m.UrgencyWords | None, part: str, *, runs_on: bool,
                  title: str = "") -> list[Piece]:
        """A warning-signs box: its title and action, then its signs; the most urgent on page 1 runs on, sign
        by sign (``runs_on``), any other moves whole."""
        em = self.em
        inner_width = self.width - 6 - 8 * MM
        pieces = [self.text((StyledText(title, bold=True),), inner_width, part, scale=1.1, top=0.33, bottom=0.33,
                            keep=True)]
        if words is not None:
            call = f" {words.call}" if words.call and words.call not in words.action else ""
            action = self.text((StyledText(words.action + call, bold=True),), inner_width, part, bottom=0.5,
                               keep=True)
            pieces.append(dataclasses.replace(action, height=action.height + 3 * MM))
        for inner in block.blocks:
            if isinstance(inner, m.ListBlock):
                pieces.extend(self.list_items(inner, inner_width - 1.3 * em, part, 0.2, 0.4))
            else:
                pieces.extend(self.block(inner, inner_width, part))
        boxed = _box(pieces, 3, 1 * MM + 3, 0.0, 0.9 * em, rerun=6 + 1 * MM)
        return boxed if runs_on else [_whole(boxed, part)]

    def exercise(self, block: m.Exercise, part: str, label: str = "") -> list[Piece]:
        """An exercise's step card, kept whole (print.css: `.ck-exercise { break-inside: avoid }`)."""
        em = self.em
        inner_width = self.width - 3 - 8 * MM
        pieces = [self.heading(label or block.title, inner_width, part, 1.15, 0.9)]
        steps = block.steps
        for inner in block.blocks:
            if inner is steps and isinstance(inner, m.ListBlock):
                pieces.extend(self.list_items(inner, inner_width - 2.6 * em, part, 0.4, 0.6))
            else:
                pieces.extend(self.block(inner, inner_width, part))
        boxed = _box(pieces, 1.5, 1 * MM + 1.5, 0.0, 0.9 * em, rerun=3 + 1 * MM)
        return [_whole(boxed, part)]

    def words(self, entries: Sequence[m.GlossaryEntry], part: str) -> list[Piece]:
        """The words list (a `dl`, 1em above and below): each word runs into its meaning; in standard print the
        list runs in two balanced columns, one piece holding them all."""
        sizes = self.sizes
        columns = sizes.word_columns
        width = (self.width - (columns - 1) * sizes.word_gap_mm * MM) / columns
        items = [self.text((StyledText(e.term + ":", bold=True), StyledText(" " + e.definition)), width, part,
                           bottom=sizes.word_space_em) for e in entries]
        if columns > 1:
            return [Piece(0.0, part, self.em, self.em, columns=tuple(items))]
        return _with_margins(items, top=self.em, bottom=self.em)


def _with_margins(pieces: list[Piece], top: float = 0.0, bottom: float = 0.0) -> list[Piece]:
    if pieces:
        pieces[0] = dataclasses.replace(pieces[0], top=max(pieces[0].top, top))
        pieces[-1] = dataclasses.replace(pieces[-1], bottom=max(pieces[-1].bottom, bottom))
    return pieces


def _collapse(a: float, b: float) -> float:
    """Two adjoining vertical margins as CSS collapses them: the largest positive plus the most negative."""
    return max(a, b, 0) + min(a, b, 0)


def _stacked(pieces: Sequence[Piece]) -> float:
    """The height of pieces one after the other, from the first's top edge to the last's bottom edge."""
    total = 0.0
    for n, piece in enumerate(pieces):
        total += (_collapse(pieces[n - 1].bottom, piece.top) if n else 0.0) + piece.height
    return total


def _box(pieces: list[Piece], above: float, below: float, top: float, bottom: float, rerun: float = 0.0) -> list[Piece]:
    """Pieces framed by a box: ``above`` and ``below`` its contents (border and padding, which hold its first and
    last child's margins inside), ``top`` and ``bottom`` its margins; ``rerun`` is the frame a piece carries
    when the box runs on to a new page with it."""
    if not pieces:
        return []
    first, last = pieces[0], pieces[-1]
    out = [dataclasses.replace(p, rerun=rerun) for p in pieces]
    out[0] = dataclasses.replace(out[0], height=first.height + first.top + above, top=top, rerun=0.0)
    end = out[-1]
    out[-1] = dataclasses.replace(end, height=end.height + last.bottom + below, bottom=bottom, keep=False)
    return out


def _whole(pieces: list[Piece], part: str) -> Piece:
    """Pieces kept together as one."""
    if not pieces:
        return Piece(0.0, part)
    return Piece(_stacked(pieces), part, pieces[0].top, pieces[-1].bottom, pieces[-1].keep)


# Pagination


@dataclass
class _Pages:
    """Pieces laid on pages ``height`` points high, as a browser paginates blocks."""

    height: float
    count: int = 1
    used: float = 0.0
    below: float | None = None  # the bottom margin of the last piece on this page; None: the page is empty

    @staticmethod
    def gap(piece: Piece, below: float | None) -> float:
        """The space above ``piece`` after a piece whose bottom margin is ``below`` (None: atop a page)."""
        return 0.0 if below is None else _collapse(below, piece.top)

    def need(self, piece: Piece, below: float | None) -> float:
        """The height ``piece`` takes after ``below``, with its margin (of one that may break, its first part).
        Asked only below another piece, so never with the frame a box repeats atop a page."""
        gap = self.gap(piece, below)
        if piece.columns:
            return gap + piece.columns[0].height
        if piece.pitch:
            return gap + min(piece.lines, 2) * piece.pitch
        return gap + piece.height

    def group_need(self, group: Sequence[Piece]) -> float:
        """The height a heading, and what it is kept with, take here: of the last piece, only its first part."""
        total, below = 0.0, self.below
        for piece in group[:-1]:
            total += self.gap(piece, below) + piece.height
            below = piece.bottom
        return total + self.need(group[-1], below)

    def new_page(self) -> None:
        self.count += 1
        self.used, self.below = 0.0, None

    def place(self, group: Sequence[Piece]) -> None:
        """A heading and what it is kept with: on this page if they fit, else all on the next."""
        if self.below is not None and self.used + self.group_need(group) > self.height + 0.01:
            self.new_page()
        for piece in group:
            self.put(piece)

    def put(self, piece: Piece) -> None:
        """One piece: here if it fits, else broken between lines (a paragraph) or moved to the next page."""
        if piece.columns:
            self.put_columns(piece)
            return
        if self.below is not None and self.used + self.need(piece, self.below) > self.height + 0.01:
            self.new_page()
        rerun = piece.rerun if self.below is None else 0.0
        room = self.height - self.used - self.gap(piece, self.below) - rerun
        if piece.height > room + 0.01:
            # A paragraph breaks between lines, leaving two at least on each page.
            fit = min(int((room + 0.01) // piece.pitch), piece.lines - 2) if piece.pitch else 0
            if fit >= 2:
                self.new_page()
                rest = piece.lines - fit
                self.put(dataclasses.replace(piece, height=rest * piece.pitch, lines=rest, top=0.0))
                return
            if self.below is not None:  # it cannot break here: it starts the next page
                self.new_page()
                self.put(piece)
                return
            if piece.height + rerun > self.height:  # taller than a page: it breaks wherever it must
                whole, rest = divmod(piece.height + rerun, self.height)
                self.count += int(whole)
                self.used, self.below = rest, piece.bottom
                return
        self.used += self.gap(piece, self.below) + piece.height + rerun
        self.below = piece.bottom

    def put_columns(self, piece: Piece) -> None:
        """A list in columns: balanced on the page where it ends, filling every column of the pages before."""
        items = list(piece.columns)
        columns = PRINT["standard"].word_columns  # only standard print sets a list in columns: the words list
        gap = self.gap(piece, self.below)
        while items:
            room = self.height - self.used - gap
            balanced = _balanced(items, columns)
            if balanced <= room + 0.01:
                self.used += gap + balanced
                self.below = piece.bottom
                return
            taken = _column_heights(items, columns, room)
            if not taken and self.below is None:
                taken = 1  # an item taller than a page
            items = items[taken:]
            self.new_page()
            gap = 0.0


def _column_heights(items: Sequence[Piece], columns: int, height: float) -> int:
    """How many items, in order, fill ``columns`` columns ``height`` points high."""
    n = 0
    for _ in range(columns):
        used, below = 0.0, None
        while n < len(items):
            item = items[n]
            step = item.height + (0.0 if below is None else _collapse(below, item.top))
            if used + step > height + 0.01:
                break
            used += step
            below = item.bottom
            n += 1
    return n


def _balanced(items: Sequence[Piece], columns: int) -> float:
    """The least column height that holds every item in ``columns`` columns."""
    low = max(i.height for i in items)
    high = _stacked(items) + 1
    while high - low > 0.5:
        middle = (low + high) / 2
        if _column_heights(items, columns, middle) >= len(items):
            high = middle
        else:
            low = middle
    return high


def _paginate(pieces: Sequence[Piece], height: float) -> tuple[int, float]:
    """How many pages ``pieces`` take, and how much of the last one they fill."""
    pages = _Pages(height)
    group: list[Piece] = []
    for piece in pieces:
        group.append(piece)
        if not piece.keep:
            pages.place(group)
            group = []
    if group:
        pages.place(group)
    return pages.count, min(1.0, pages.used / height)


# The leaflet


def _list(texts: Sequence[str], loc: SourceLoc) -> m.ListBlock:
    """Front matter lines (key points, questions) as the bulleted list the leaflet shows."""
    return m.ListBlock(tuple(m.ListItem((m.Paragraph((m.Text(t, loc),), loc),), None, loc) for t in texts), False, 1, loc)


def _pieces(plan: DocumentPlan, metrics: FontMetrics, width: float) -> list[Piece]:
    """Every piece of a module's leaflet, in page order, each named by its part."""
    part = plan.parts[0]
    module = part.module
    course = plan.course
    labels = course.labels
    lay = _Layout(plan.variant, metrics, width)
    em = lay.em
    pieces: list[Piece] = []
    head = "the header"
    # The header: the logo (14 mm high) beside the clinic's name and phone, a 2 pt rule below.
    logo = course.theme.meta.logo is not None
    text_width = width - (14 * MM + 4 * MM if logo else 0.0)
    clinic = plan.clinic
    name = lay.text((StyledText(clinic.name, bold=True),), text_width, head)
    phone = f"{labels.contact_phone} {clinic.phone}" + (f" · {clinic.email}" if clinic.email else "")
    contact = lay.text((StyledText(phone),), text_width, head) if clinic.phone else None
    beside = name.height + (0.55 * em + contact.height if contact else 0.0)
    pieces.append(Piece(max(14 * MM if logo else 0.0, beside) + 2 * MM + 2, head, bottom=2 * MM))
    eyebrow = f"{course.meta.title} · {labels.module_of.format(number=part.number, total=len(course.modules))}"
    pieces.append(lay.text((StyledText(eyebrow),), width, head))
    pieces.append(lay.heading(module.meta.title, width, head, 1.75, 0.3))
    pieces.append(lay.text((StyledText(module.meta.summary, bold=True),), width, "the summary", scale=1.1,
                           bottom=0.8 * 1.1, split=True))
    # The most urgent box runs on from page 1, sign by sign; a later tier's moves whole to the next page.
    signs = "the warning signs"
    for number, block in enumerate(part.red_flags):
        words = plan.urgency.get(block.tier)
        title = words.title if words else labels.red_flags_title
        pieces.extend(lay.red_flags(block, words, signs, runs_on=number == 0, title=title))
    if part.red_flags_from is not None:
        note = labels.handout_red_flags_from.format(title=part.red_flags_from.meta.title)
        pieces.append(dataclasses.replace(lay.text((StyledText(note),), width, signs), top=-0.5 * em, bottom=0.9 * em))
    points = "the key points"
    if module.meta.key_points:
        pieces.append(lay.h2(labels.key_points, points))
        pieces.extend(lay.list_items(_list(module.meta.key_points, module.loc), width - 1.3 * em, points, 0.35, 0.6))
    questions = "the questions to ask"
    if module.meta.questions:
        pieces.append(lay.h2(labels.questions, questions))
        # Each question hangs 1.7em in, clear of its tick box (print.css: `.ck-questions li`).
        pieces.extend(lay.list_items(_list(module.meta.questions, module.loc), width - 1.7 * em, questions, 0.35,
                                     0.6))
    pieces.extend(lay.blocks(part.leaflet, width, "the text for print"))
    if part.qr_url:
        from toolkit.handouts.compose import short_link

        column = width - 26 * MM - 5 * MM
        said = sum(lay.lines(runs, column) for runs in (
            (StyledText(labels.handout_qr_module, bold=True),), (StyledText(labels.handout_qr_scan),),
            (StyledText(short_link(part.qr_url)),)))
        text = said * lay.pitch() + 3 * 0.3 * em
        pieces.append(Piece(max(26 * MM, text) + 1.5 + 3 * MM, "the QR code", top=em))
    if part.leaflet_exercises:
        first = f"the exercise “{part.leaflet_exercises[0].title}”"
        pieces.append(lay.h2(labels.handout_exercises, first))
        pieces.append(lay.text((StyledText(labels.handout_exercises_lead),), width, first, bottom=0.55, keep=True))
        for exercise in part.leaflet_exercises:
            label = labels.exercise_titled.format(title=exercise.title) if exercise.title else labels.exercise
            pieces.extend(lay.exercise(exercise, f"the exercise “{exercise.title or labels.exercise}”", label))
    if part.leaflet_glossary:
        words = "the words list"
        pieces.append(lay.h2(labels.handout_glossary, words))
        pieces.extend(lay.words(part.leaflet_glossary, words))
    if module.sources:
        runs = [StyledText(f"{labels.sources}: ", bold=True)]
        for n, source in enumerate(module.sources):
            runs.append(StyledText(source.title, italic=True))
            after = ", ".join(str(x) for x in (source.publisher, source.year) if x)
            runs.append(StyledText((f" ({after})" if after else "") + ("; " if n < len(module.sources) - 1 else ".")))
        pieces.append(lay.text(runs, width, "the sources", top=0.8, bottom=0.55, split=True))
    return pieces


def estimate(plan: DocumentPlan, metrics: FontMetrics) -> LeafletEstimate:
    """How many sides a module's leaflet takes, and how much of a side each part that could be cut takes."""
    sizes = PRINT[plan.variant]
    page_width, page_height = PAPER_PT[plan.paper]
    top, right, bottom, left = (x * MM for x in sizes.margins)
    width, height = page_width - left - right, page_height - top - bottom
    pieces = _pieces(plan, metrics, width)
    sides, last = _paginate(pieces, height)
    sizes_by_part: dict[str, float] = {}
    for piece in pieces:
        if piece.part in ("the header", "the warning signs", "the QR code"):
            continue  # never to cut
        columns = _balanced(piece.columns, PRINT["standard"].word_columns) if piece.columns else 0.0
        taken = piece.height + max(piece.top, 0.0) + columns
        sizes_by_part[piece.part] = sizes_by_part.get(piece.part, 0.0) + taken / height
    parts = tuple(sorted(sizes_by_part.items(), key=lambda item: -item[1]))
    return LeafletEstimate(plan, sides, parts, last)


def handout_metrics(theme: m.Theme) -> FontMetrics:
    """The handout font's metrics: the theme font's own widths, as WeasyPrint draws them; where its package
    has no font to read, those of DejaVu Sans, which WeasyPrint draws instead on Debian and Ubuntu."""
    font = theme.meta.font
    try:
        return load_metrics(font.package, font.family, substitute=False)
    except (LookupError, ValueError, OSError):
        return substitute_metrics()


def estimate_leaflets(plans: Iterable[DocumentPlan]) -> list[LeafletEstimate]:
    """The estimate of every module leaflet among ``plans``."""
    return [estimate(plan, handout_metrics(plan.course.theme)) for plan in plans if plan.kind == "module"]


# The message, the same whether the estimate or the rendered PDF finds the leaflet too long

_FRACTIONS = ((0.2, "a few lines"), (0.29, "a quarter of a side"), (0.4, "a third of a side"),
              (0.58, "half a side"), (0.7, "two thirds of a side"), (0.85, "three quarters of a side"),
              (1.15, "a whole side"))


def share(sides: float) -> str:
    """A height in words: "half a side", "1.5 sides"."""
    for most, words in _FRACTIONS:
        if sides < most:
            return words
    return f"{sides:.1f} sides".replace(".0 ", " ")


def too_long(estimate: LeafletEstimate, sides: int, rendered: bool = False) -> Diagnostic:
    """CK777 at the module's title: how many sides the leaflet takes (``rendered``: counted in the PDF, else
    estimated), about how much too much, and its biggest parts, to cut from first."""
    plan = estimate.plan
    kind = "large-print leaflet" if plan.variant == "large" else "leaflet"
    over = max(0.05, sides - estimate.limit - 1 + (estimate.last if sides == estimate.sides else 0.5))
    message = (f"`{plan.path.name}` {'runs' if rendered else 'would run'} to {sides} sides, about {share(over)} "
               f"more than a {kind}'s {estimate.limit}")
    biggest = [f"{name} {'takes about ' if n == 0 else ''}{share(size)}"
               for n, (name, size) in enumerate(estimate.parts[:3])]
    if biggest:
        message += ". To cut, biggest first: " + "; ".join(biggest)
    return rules.LEAFLET_TOO_LONG.at(plan.parts[0].module.field_loc("title"), message)
