"""Plan decks from the course model: pure data, no python-pptx.

A ``DeckPlan`` is a list of ``SlidePlan``: each names its layout, holds its
text frames (already fitted: font size chosen, height measured against the
placeholder's capacity), its pictures or table, and its speaker notes. The
writer only copies the plan into a template.

What goes where follows DESIGN.md: prose goes to the notes; lists, images and
tables go onto the slide; red flags get an alert slide; an exercise becomes a
steps slide; a quiz becomes a question slide with its answer in the notes or on
the next slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from toolkit import model as m
from toolkit import rules
from toolkit.checks.media import resolve_media
from toolkit.diagnostics import Diagnostic
from toolkit.labels import Labels
from toolkit.slides import fit
from toolkit.slides.fit import FontMetrics, StyledText
from toolkit.slides.geometry import (FOOTER_PT, NOTES_PT, SIZES, SPLIT_PT, Box, Geometry)
from toolkit.source import SourceLoc

Run = StyledText
Marker = Literal["bullet", "number", "letter", "none"]
QuizAnswers = Literal["notes", "next-slide"]


@dataclass(frozen=True)
class Para:
    """One paragraph of slide text."""

    runs: tuple[Run, ...]
    level: int = 0
    marker: Marker = "bullet"
    number: int = 1            # the first number of an automatically numbered run of paragraphs
    loc: SourceLoc | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def indent_pt(self) -> float:
        """How far the text stands in from the frame's left edge."""
        return fit.INDENT_PT * self.level + self.hanging_pt

    @property
    def hanging_pt(self) -> float:
        """The room the bullet or number hangs in, left of the text."""
        if self.marker == "none":
            return 0.0
        return fit.INDENT_PT if self.marker == "bullet" else fit.NUMBER_INDENT_PT


@dataclass(frozen=True)
class Frame:
    """A placeholder's text: its paragraphs at one size, with the height they need and the height there is."""

    role: str
    paras: tuple[Para, ...]
    size: float
    needed: float
    capacity: float

    @property
    def fits(self) -> bool:
        return self.needed <= self.capacity + 0.01

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class PicturePlan:
    """A picture placed inside a placeholder's box, keeping its proportions."""

    role: str
    path: Path | None          # None: the bytes are in ``data`` (a QR code)
    alt: str
    data: bytes | None = None
    loc: SourceLoc | None = None


@dataclass(frozen=True)
class TablePlan:
    role: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    size: float
    col_widths: tuple[float, ...]     # points
    row_heights: tuple[float, ...]    # points, header first
    needed: float
    capacity: float

    @property
    def fits(self) -> bool:
        return self.needed <= self.capacity + 0.01


SlideKind = Literal["title", "agenda", "section", "objectives", "content", "figure", "table", "red-flags",
                    "exercise", "quiz", "answer", "key-points", "closing"]


@dataclass(frozen=True)
class SlidePlan:
    layout: str
    kind: SlideKind
    frames: tuple[Frame, ...]
    notes: tuple[str, ...]
    loc: SourceLoc
    pictures: tuple[PicturePlan, ...] = ()
    table: TablePlan | None = None

    @property
    def title(self) -> str:
        return self.frame("title").text  # type: ignore[union-attr]

    def frame(self, role: str) -> Frame | None:
        return next((f for f in self.frames if f.role == role), None)


@dataclass(frozen=True)
class DeckPlan:
    name: str                       # the file's name without `.pptx`
    title: str
    subject: str
    author: str
    language: str
    footer: str
    footer_size: float
    created: dt.datetime
    slides: tuple[SlidePlan, ...]


# Turning model inlines and blocks into slide text and notes


def web_link(href: str) -> str | None:
    """A link a slide may carry: a plain https address (links between modules mean nothing in a deck)."""
    return href if href.startswith("https://") and not any(c.isspace() or ord(c) < 32 for c in href) else None


def runs_of(inlines: tuple[m.Inline, ...], bold: bool = False, italic: bool = False,
            link: str | None = None) -> tuple[Run, ...]:
    out: list[Run] = []
    for inline in inlines:
        if isinstance(inline, (m.Text, m.Code)):
            out.append(Run(inline.text, bold, italic, link))
        elif isinstance(inline, m.Strong):
            out.extend(runs_of(inline.children, True, italic, link))
        elif isinstance(inline, m.Emph):
            out.extend(runs_of(inline.children, bold, True, link))
        elif isinstance(inline, m.Link):
            out.extend(runs_of(inline.children, bold, italic, web_link(inline.href)))
        elif isinstance(inline, m.Break):
            out.append(Run("\n" if inline.hard else " ", bold, italic, link))
        elif isinstance(inline, m.Image):
            out.append(Run(inline.alt, bold, italic, link))
        # Raw HTML never reaches a deck.
    merged: list[Run] = []
    for run in out:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (run.bold, run.italic, run.link):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    if merged:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return tuple(r for r in merged if r.text)


def plain(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    return (Run(text, bold, italic),) if text else ()


def shown_blocks(blocks: Iterable[m.Block]) -> Iterable[m.Block]:
    """Blocks as a deck sees them: `::: only` opened for slides, dropped for other outputs."""
    for block in blocks:
        if isinstance(block, m.Only):
            if "slides" in block.outputs:
                yield from shown_blocks(block.blocks)
        else:
            yield block


def notes_text(block: m.Block) -> list[str]:
    """A block as lines of speaker notes."""
    if isinstance(block, m.Paragraph):
        return [m.plain_text(block.inlines).strip()]
    if isinstance(block, m.Heading):
        return [m.plain_text(block.inlines).strip()]
    if isinstance(block, m.ListBlock):
        lines = []
        for n, item in enumerate(block.items, block.start):
            texts = [t for b in shown_blocks(item.blocks) for t in notes_text(b)]
            mark = f"{n}." if block.ordered else "•"
            if texts:
                lines.append(f"{mark} {texts[0]}")
                lines.extend(f"  {t}" for t in texts[1:])
        return lines
    if isinstance(block, m.CodeBlock):
        return [block.text.rstrip("\n")]
    if isinstance(block, m.Figure):
        return [block.image.alt]
    if isinstance(block, m.Table):
        return [" | ".join(m.plain_text(c) for c in row) for row in (block.header, *block.rows)]
    if isinstance(block, (m.Notes, m.Quote, m.Callout, m.RedFlags, m.Exercise)):
        return [t for b in shown_blocks(block.blocks) for t in notes_text(b)]
    return []


def slide_paras(block: m.Block, labels: Labels, level: int = 0) -> list[list[Para]]:
    """A block as slide text, in groups that are kept together on one slide when they can be."""
    if isinstance(block, m.Paragraph):
        runs = runs_of(block.inlines)
        return [[Para(runs, level, "none", loc=block.loc)]] if runs else []
    if isinstance(block, m.Heading):
        return [[Para(runs_of(block.inlines, bold=True), level, "none", loc=block.loc)]]
    if isinstance(block, m.ListBlock):
        groups = []
        for n, item in enumerate(block.items, block.start):
            group: list[Para] = []
            for i, inner in enumerate(shown_blocks(item.blocks)):
                if i == 0 and isinstance(inner, m.Paragraph):
                    runs = runs_of(inner.inlines)
                    if item.checked is not None:
                        runs = (Run("☑ " if item.checked else "☐ "), *runs)
                    group.append(Para(runs, level, "number" if block.ordered else "bullet", n, item.loc))
                else:
                    for sub in slide_paras(inner, labels, level + 1):
                        group.extend(sub)
            if group:
                groups.append(group)
        return groups
    if isinstance(block, m.Quote):
        return [[replace(p, runs=tuple(Run(r.text, r.bold, True) for r in p.runs)) for g in groups for p in g]
                for groups in [[g for b in shown_blocks(block.blocks) for g in slide_paras(b, labels, level)]] if groups]
    if isinstance(block, m.CodeBlock):
        return [[Para(plain(block.text.rstrip("\n")), level, "none", loc=block.loc)]]
    if isinstance(block, m.Callout):
        groups = [g for b in shown_blocks(block.blocks) for g in slide_paras(b, labels, level)]
        title = block.title or (labels.tip if block.kind == "tip" else labels.caution)
        label = Run(f"{title}: ", bold=True)
        if groups and groups[0][0].marker == "none":
            first = groups[0][0]
            groups[0][0] = replace(first, runs=(label, *first.runs))
        else:
            groups.insert(0, [Para((Run(title, bold=True),), level, "none", loc=block.loc)])
        return groups
    if isinstance(block, m.Figure):
        return [[Para(plain(block.image.alt, italic=True), level, "none", loc=block.loc)]]
    if isinstance(block, m.Table):
        return [[Para(plain(" | ".join(m.plain_text(c) for c in row)), level, "none", loc=block.loc)]
                for row in (block.header, *block.rows)]
    if isinstance(block, (m.RedFlags, m.Exercise, m.Notes)):
        return [g for b in shown_blocks(block.blocks) for g in slide_paras(b, labels, level)]
    return []


# Fitting


class Fitter:
    """Chooses font sizes and splits text so every frame fits its placeholder."""

    def __init__(self, geometry: Geometry, metrics: FontMetrics, diagnostics: list[Diagnostic]) -> None:
        self.geometry = geometry
        self.metrics = metrics
        self.diagnostics = diagnostics

    def height(self, paras: Iterable[Para], box: Box, size: float) -> float:
        total = 0.0
        for i, para in enumerate(paras):
            total += fit.paragraph_height(para.runs or (Run(" "),), box.text_width_pt - para.indent_pt,
                                          size, para.level, self.metrics, i == 0)
        return round(total, 2)

    def frame(self, layout: str, role: str, paras: list[Para], sizes: tuple[int, int] | None = None,
              loc: SourceLoc | None = None, size_role: str | None = None, report: bool = True) -> Frame:
        """One frame at the largest size that fits; at the floor size with a warning if none does."""
        box = self.geometry.box(layout, role)
        assert box is not None, (layout, role)
        top, floor = sizes or SIZES[size_role or role]
        size = top
        while True:
            needed = self.height(paras, box, size)
            if needed <= box.height_pt or size <= floor:
                break
            size = max(floor, size - 2)
        frame = Frame(role, tuple(paras), size, needed, round(box.height_pt, 2))
        if not frame.fits and report:
            where = next((p.loc for p in paras if p.loc is not None), loc)
            self.diagnostics.append(rules.SLIDE_OVERFLOW.at(
                where or SourceLoc(Path(".")),
                f"{_quote(frame.text)} needs {needed:.0f} pt but the {role} placeholder holds {box.height_pt:.0f} pt, "
                f"even at {floor} pt type"))
        return frame

    def split(self, layout: str, role: str, groups: list[list[Para]]) -> list[Frame]:
        """Text as one frame if it fits at a readable size, else several frames packed at SPLIT_PT."""
        box = self.geometry.box(layout, role)
        assert box is not None, (layout, role)
        top, floor = SIZES[role]
        paras = [p for g in groups for p in g]
        size = top
        while size >= max(floor, SPLIT_PT - 4):
            if self.height(paras, box, size) <= box.height_pt:
                return [self.frame(layout, role, paras)]
            size -= 2
        chunks: list[list[Para]] = []
        current: list[Para] = []
        for group in groups:
            pieces = [group] if self.height(group, box, SPLIT_PT) <= box.height_pt else [[p] for p in group]
            for piece in pieces:
                if current and self.height(current + piece, box, SPLIT_PT) > box.height_pt:
                    chunks.append(current)
                    current = []
                current = current + piece
        if current:
            chunks.append(current)
        return [self.frame(layout, role, chunk) for chunk in chunks]

    def notes(self, lines: list[str]) -> list[tuple[str, ...]]:
        """Speaker notes in pages that each fit the notes page's text box."""
        box = self.geometry.notes
        pages: list[list[str]] = []
        current: list[str] = []
        for line in (piece for text in lines for piece in _sentences_to_fit(text, box, self)):
            if current and self._notes_height(current + [line], box) > box.height_pt:
                pages.append(current)
                current = []
            current.append(line)
        if current:
            pages.append(current)
        return [tuple(p) for p in pages] or [()]

    def _notes_height(self, lines: list[str], box: Box) -> float:
        return self.height([Para(plain(t), 0, "none") for t in lines], box, NOTES_PT)

    def table(self, layout: str, role: str, header: tuple[str, ...], rows: list[tuple[str, ...]],
              loc: SourceLoc) -> list[TablePlan]:
        """A table in one or more parts, each repeating the header and fitting the box."""
        box = self.geometry.box(layout, role)
        assert box is not None
        top, floor = SIZES["table"]
        width = box.w / fit.EMU_PER_PT
        for size in range(top, floor - 1, -2):
            widths = self._columns(header, rows, width, size)
            heights = [self._row_height(r, widths, size, i == 0) for i, r in enumerate([header, *rows])]
            if sum(heights) <= box.h / fit.EMU_PER_PT or size == floor:
                break
        capacity = box.h / fit.EMU_PER_PT
        parts: list[list[int]] = []
        current: list[int] = []
        for i in range(len(rows)):
            if current and heights[0] + sum(heights[j + 1] for j in current + [i]) > capacity:
                parts.append(current)
                current = []
            current.append(i)
        parts.append(current)
        plans = []
        for part in parts:
            used = (heights[0], *(heights[j + 1] for j in part))
            plan = TablePlan(role, header, tuple(rows[j] for j in part), size, tuple(widths), used,
                             round(sum(used), 2), round(capacity, 2))
            if not plan.fits:
                self.diagnostics.append(rules.SLIDE_OVERFLOW.at(loc, f"a table row needs {sum(used):.0f} pt but the slide holds {capacity:.0f} pt"))
            plans.append(plan)
        return plans

    CELL_MARGIN_X = 7.2
    CELL_MARGIN_Y = 3.6

    def _columns(self, header: tuple[str, ...], rows: list[tuple[str, ...]], width: float, size: float) -> list[float]:
        cols = len(header)
        natural = [0.0] * cols
        least = [0.0] * cols
        for r, row in enumerate([header, *rows]):
            bold = r == 0  # the header row is bold
            for c, text in enumerate(row[:cols]):
                natural[c] = max(natural[c], self.metrics.width(text, size, bold) + 2 * self.CELL_MARGIN_X)
                for word in text.split():
                    least[c] = max(least[c], self.metrics.width(word, size, bold) + 2 * self.CELL_MARGIN_X)
        if sum(natural) <= width:
            return [n * width / sum(natural) for n in natural] if sum(natural) else [width / cols] * cols
        spare = max(0.0, width - sum(least))
        extra = [n - le for n, le in zip(natural, least)]
        total = sum(extra) or 1.0
        widths = [le + spare * e / total for le, e in zip(least, extra)]
        scale = width / sum(widths)
        return [w * scale for w in widths]

    def _row_height(self, row: tuple[str, ...], widths: list[float], size: float, bold: bool) -> float:
        tallest = 0
        for text, w in zip(row, widths):
            lines = fit.count_lines(plain(text, bold) or (Run(" "),), w - 2 * self.CELL_MARGIN_X, size, self.metrics)
            tallest = max(tallest, lines)
        return round(tallest * fit.line_pitch(size) + 2 * self.CELL_MARGIN_Y + 1, 2)


def _sentences_to_fit(text: str, box: Box, fitter: Fitter) -> list[str]:
    """A notes paragraph, cut at sentence ends when it is too long for one notes page."""
    if fitter._notes_height([text], box) <= box.height_pt:
        return [text]
    pieces, current = [], ""
    for sentence in text.replace(". ", ".\u0000").split("\u0000"):
        candidate = f"{current} {sentence}".strip()
        if current and fitter._notes_height([candidate], box) > box.height_pt * 0.9:
            pieces.append(current)
            candidate = sentence
        current = candidate
    if current:
        pieces.append(current)
    return pieces


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


# Planning


@dataclass
class _Draft:
    """A slide before its title is made unique and fitted."""

    layout: str
    kind: SlideKind
    title: str
    frames: list[Frame]
    notes: list[str]
    loc: SourceLoc
    pictures: list[PicturePlan] = field(default_factory=list)
    table: TablePlan | None = None
    module: int | None = None
    part: tuple[int, int] | None = None   # (i, n) for continuation slides
    title_loc: SourceLoc | None = None    # where the title's text is written, when not at ``loc``


@dataclass
class _Segment:
    groups: list[list[Para]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    special: m.Block | None = None


class Planner:
    """Plans the decks of one course."""

    def __init__(self, course: m.Course, geometry: Geometry, metrics: FontMetrics, *,
                 quiz_answers: QuizAnswers | None = None, created: dt.datetime | None = None,
                 qr_png: Callable[[str], bytes] | None = None) -> None:
        self.course = course
        self.labels = course.labels
        self.geometry = geometry
        self.metrics = metrics
        self.quiz_answers: QuizAnswers = quiz_answers or course.theme.meta.quiz_answers
        self.created = created or dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
        self.qr_png = qr_png
        self.diagnostics: list[Diagnostic] = []
        self.fitter = Fitter(geometry, metrics, self.diagnostics)
        self._pictures: dict[Path, bool] = {}
        self._paths: dict[SourceLoc, Path | None] = {}

    # Decks

    def module_deck(self, module: m.Module) -> DeckPlan:
        drafts = [self._title_slide(module), *self._module_body(module)]
        return self._deck(module.id, module.meta.title, drafts, workshop=False)

    def workshop_deck(self) -> DeckPlan:
        course = self.course
        drafts = [self._course_title_slide(), *self._agenda()]
        clock = 0
        for module in course.modules:
            drafts.append(self._divider(module, clock))
            drafts.extend(self._module_body(module))
            clock += module.meta.duration
        drafts.extend(self._closing())
        return self._deck("workshop", course.meta.title, drafts, workshop=True)

    def _deck(self, name: str, title: str, drafts: list[_Draft], workshop: bool) -> DeckPlan:
        meta = self.course.meta
        _unique_titles(drafts, workshop, self.labels)
        slides = tuple(self._finish(d) for d in drafts)
        footer, footer_size = self._footer()
        return DeckPlan(
            name=name, title=title,
            subject=meta.summary or meta.subtitle or meta.title,
            author="; ".join(p.name for p in meta.authors) or (meta.contact.name if meta.contact else "coursekit"),
            language=meta.language, footer=footer, footer_size=footer_size, created=self.created, slides=slides,
        )

    def _finish(self, draft: _Draft) -> SlidePlan:
        title_role = "cover-title" if draft.layout == "title" else "title"
        where = draft.title_loc or draft.loc
        title_frame = self.fitter.frame(draft.layout, "title", [Para(plain(draft.title), 0, "none", loc=where)],
                                        size_role=title_role, loc=where)
        return SlidePlan(draft.layout, draft.kind, (title_frame, *draft.frames), tuple(draft.notes), draft.loc,
                         tuple(draft.pictures), draft.table)

    def _footer(self) -> tuple[str, float]:
        meta = self.course.meta
        parts = [meta.title, *self._stamp()]
        box = self.geometry.box("content", "footer")
        text = " · ".join(parts)
        if box is None:
            return text, FOOTER_PT[0]
        for size in range(FOOTER_PT[0], FOOTER_PT[1] - 1, -1):
            if self.metrics.width(text, size) <= box.text_width_pt:
                return text, size
        title = meta.title
        while len(title) > 10 and self.metrics.width(" · ".join([title + "…", *parts[1:]]), FOOTER_PT[1]) > box.text_width_pt:
            title = title[:-1]
        return " · ".join([title.rstrip() + "…", *parts[1:]]), FOOTER_PT[1]

    def _stamp(self) -> list[str]:
        """The course's version and review date, as the footer and the title slide show them."""
        meta, labels = self.course.meta, self.labels
        parts = []
        if meta.version:
            parts.append(labels.version.format(version=meta.version))
        if meta.reviewed:
            parts.append(labels.reviewed.format(date=meta.reviewed.isoformat()))
        return parts

    # Fixed slides

    def _title_slide(self, module: m.Module) -> _Draft:
        course, labels = self.course.meta, self.labels
        line = " · ".join([course.title, labels.module_number.format(number=module.number),
                           labels.duration_minutes.format(minutes=module.meta.duration)])
        subtitle = [Para(plain(module.meta.summary), 0, "none", loc=module.field_loc("summary")),
                    Para(plain(line), 0, "none")]
        return _Draft("title", "title", module.meta.title, [self.fitter.frame("title", "subtitle", subtitle, loc=module.loc)],
                      [], module.field_loc("title"))

    def _course_title_slide(self) -> _Draft:
        meta = self.course.meta
        lines = [meta.subtitle or meta.summary or ""]
        lines.append(" · ".join(self._stamp()))
        paras = [Para(plain(t), 0, "none") for t in lines if t]
        notes = [meta.summary] if meta.summary and meta.subtitle else []
        if meta.disclaimer:
            notes.append(meta.disclaimer)
        total = sum(mod.meta.duration for mod in self.course.modules)
        notes.append(self.labels.slides_notes_workshop.format(minutes=total, modules=len(self.course.modules)))
        frames = [self.fitter.frame("title", "subtitle", paras, loc=self.course.loc)] if paras else []
        return _Draft("title", "title", meta.title, frames, notes, self.course.field_loc("title"))

    def _agenda(self) -> list[_Draft]:
        labels = self.labels
        paras, clock = [], 0
        for module in self.course.modules:
            end = clock + module.meta.duration
            item = labels.slides_agenda_item.format(title=module.meta.title, minutes=module.meta.duration)
            paras.append(Para((Run(f"{_clock(clock)}–{_clock(end)}  ", bold=True), Run(item)), 0, "none", loc=module.loc))
            clock = end
        paras.append(Para((Run(f"{_clock(clock)}  ", bold=True), Run(labels.slides_agenda_end)), 0, "none"))
        frames = self.fitter.split("content", "body", [[p] for p in paras])
        notes = [labels.slides_notes_agenda.format(minutes=clock)]
        return self._parts("content", "agenda", labels.agenda, frames, [notes], self.course.field_loc("modules"))

    def _divider(self, module: m.Module, start: int) -> _Draft:
        end = start + module.meta.duration
        line = " · ".join([self.labels.module_number.format(number=module.number),
                           self.labels.duration_minutes.format(minutes=module.meta.duration), f"{_clock(start)}–{_clock(end)}"])
        sub = [Para(plain(line), 0, "none")]
        draft = _Draft("section", "section", module.meta.title, [self.fitter.frame("section", "subtitle", sub)],
                       [module.meta.summary], module.field_loc("title"), module=module.number)
        return draft

    def _objectives(self, module: m.Module) -> list[_Draft]:
        items = module.meta.objectives
        loc = module.field_loc("objectives") if items else module.field_loc("summary")
        if items:
            groups = [[Para(plain(t), 0, "bullet", loc=loc)] for t in items]
        else:
            groups = [[Para(plain(module.meta.summary), 0, "none", loc=loc)]]
        frames = self.fitter.split("content", "body", groups)
        notes = [module.meta.summary]
        return self._parts("content", "objectives", self.labels.what_you_will_learn, frames, [notes], loc, module.number)

    def _key_points(self, module: m.Module) -> list[_Draft]:
        items = module.meta.key_points
        loc = module.field_loc("key_points") if items else module.field_loc("summary")
        groups = ([[Para(plain(t), 0, "bullet", loc=loc)] for t in items] if items
                  else [[Para(plain(module.meta.summary), 0, "none", loc=loc)]])
        frames = self.fitter.split("content", "body", groups)
        notes = []
        if module.sources:
            notes.append(f"{self.labels.sources}:")
            for src in module.sources:
                bits = [src.title, src.publisher or "", str(src.year or ""), src.url or ""]
                notes.append("• " + ", ".join(b for b in bits if b))
        return self._parts("content", "key-points", self.labels.key_points, frames, [notes], loc, module.number)

    def _closing(self) -> list[_Draft]:
        meta, labels = self.course.meta, self.labels
        contact = meta.contact or self.course.theme.meta.clinic
        paras = [Para(plain(contact.name, bold=True), 0, "none")]
        for label, value, link in ((labels.contact_phone, contact.phone, None), (labels.contact_email, contact.email, None),
                                   (labels.contact_website, contact.website, contact.website),
                                   (labels.contact_address, contact.address, None)):
            if value:
                paras.append(Para((Run(f"{label}: ", bold=True), Run(value, link=web_link(link) if link else None)), 0, "none"))
        emergency = meta.emergency or self.course.theme.meta.emergency
        if emergency:
            paras.append(Para((Run(f"{labels.slides_urgent}: ", bold=True), Run(emergency.text)), 0, "none"))
        pictures = []
        notes = [labels.slides_notes_closing]
        if meta.site_url and self.qr_png is not None:
            paras.append(Para((Run(f"{labels.slides_online_course}: ", bold=True),
                               Run(meta.site_url, link=web_link(meta.site_url))), 0, "none"))
            pictures.append(PicturePlan("picture", None, labels.slides_qr_alt.format(address=meta.site_url),
                                        self.qr_png(meta.site_url), self.course.field_loc("site_url")))
        elif not meta.site_url:
            self.diagnostics.append(rules.SLIDES_NO_SITE_URL.at(
                self.course.loc, "`course.yml` has no `site_url`, so the closing slide has no QR code"))
        frames = self.fitter.split("closing", "body", [[p] for p in paras])
        drafts = self._parts("closing", "closing", labels.slides_closing_title, frames, [notes], self.course.loc)
        drafts[-1].pictures.extend(pictures)
        return drafts

    def _parts(self, layout: str, kind: SlideKind, title: str, frames: list[Frame], notes: list[list[str]],
               loc: SourceLoc, module: int | None = None) -> list[_Draft]:
        n = len(frames)
        return [_Draft(layout, kind, title, [f], notes[i] if i < len(notes) else [], loc, module=module,
                       part=(i + 1, n) if n > 1 else None)
                for i, f in enumerate(frames)]

    # Module content

    def _module_body(self, module: m.Module) -> list[_Draft]:
        drafts = self._objectives(module)
        intro = self._section(module, module.meta.title, module.intro, module.loc)
        if intro and all(d.kind == "content" and not d.frames for d in intro):
            drafts[0].notes.extend(n for d in intro for n in d.notes)
        else:
            drafts.extend(intro)
        for section in module.sections:
            drafts.extend(self._section(module, m.plain_text(section.title).strip(), section.blocks, section.loc))
        drafts.extend(self._key_points(module))
        quizzes = sorted({d.loc for d in drafts if d.kind == "quiz"})
        if len(quizzes) > 1:  # "Quick check 1", "Quick check 2", ... and their answers
            for d in drafts:
                if d.kind in ("quiz", "answer"):
                    d.title = self._quiz_title(d.kind, quizzes.index(d.loc) + 1)
        for d in drafts:
            d.module = module.number
        return drafts

    def _section(self, module: m.Module, title: str, blocks: tuple[m.Block, ...], loc: SourceLoc) -> list[_Draft]:
        segments: list[_Segment] = [_Segment()]
        for block in shown_blocks(blocks):
            current = segments[-1]
            if isinstance(block, m.Paragraph):
                current.notes.extend(notes_text(block))
            elif isinstance(block, m.Notes):
                current.notes.extend(t for b in shown_blocks(block.blocks) for t in notes_text(b))
            elif isinstance(block, (m.Figure, m.Table, m.RedFlags, m.Exercise, m.Quiz)):
                segments.append(_Segment(special=block))
                segments.append(_Segment())
            elif isinstance(block, m.RawBlock):
                continue
            else:
                current.groups.extend(slide_paras(block, self.labels))
        drafts: list[_Draft] = []
        orphan_notes: list[str] = []
        shared: list[_Draft] = []   # slides that carry the section's title and share its numbering
        skip: set[int] = set()
        for at, segment in enumerate(segments):
            if at in skip:
                continue
            following = segments[at + 1].special if at + 1 < len(segments) else None
            # A short list next to its picture (before or after it) shares one slide.
            beside, partner = None, None
            if segment.groups and following is not None:
                partner = segments[at + 1]
                text_segment = segment
            elif isinstance(segment.special, m.Figure) and at + 1 < len(segments) and segments[at + 1].groups:
                partner = segments[at + 1]
                text_segment = partner
            if partner is not None and len(self.fitter.notes(orphan_notes + text_segment.notes)) == 1:
                figure = following if text_segment is segment else segment.special
                beside = self._beside(module, title, text_segment.groups, figure)  # type: ignore[arg-type]
            if beside is not None:
                beside.notes = orphan_notes + text_segment.notes
                orphan_notes = []
                skip.add(at + 1)
                drafts.append(beside)
                shared.append(beside)
                continue
            if segment.special is not None:
                made = self._special(module, title, segment.special)
                if not made:
                    continue
                made[0].notes[:0] = orphan_notes
                orphan_notes = []
                drafts.extend(made)
                shared.extend(d for d in made if d.kind in ("figure", "table"))
                continue
            if not segment.groups:
                if drafts:
                    drafts[-1].notes.extend(segment.notes)
                else:
                    orphan_notes.extend(segment.notes)
                continue
            frames = self.fitter.split("content", "body", segment.groups)
            pages = self.fitter.notes(orphan_notes + segment.notes)
            orphan_notes = []
            made = [_Draft("content", "content", title, [f], [], f.paras[0].loc or loc) for f in frames]
            self._spread_notes(made, pages, title, loc)
            drafts.extend(made)
            shared.extend(made)
        if orphan_notes or not drafts:
            pages = self.fitter.notes(orphan_notes)
            made = [_Draft("section", "content", title, [], [], loc)]
            self._spread_notes(made, pages, title, loc)
            drafts[:0] = made
            shared[:0] = made
        # Notes that arrived after a special slide may overflow its notes page; give them slides of their own.
        shared_ids = {id(d) for d in shared}
        final: list[_Draft] = []
        for draft in drafts:
            pages = self.fitter.notes(draft.notes)
            draft.notes = list(pages[0])
            final.append(draft)
            for page in pages[1:]:
                extra = _Draft("section", "content", title, [], list(page), draft.loc)
                final.append(extra)
                shared_ids.add(id(extra))
        drafts = final
        shared = [d for d in drafts if id(d) in shared_ids]
        if len(shared) > 1:
            for i, d in enumerate(shared, 1):
                d.part = (i, len(shared))
        for d in shared:
            d.title_loc = loc
        return drafts

    def _spread_notes(self, made: list[_Draft], pages: list[tuple[str, ...]], title: str, loc: SourceLoc) -> None:
        """Give each slide a page of notes; add note-only slides when the notes run longer than the slides."""
        for i, page in enumerate(pages):
            if i < len(made):
                made[i].notes = list(page)
            else:  # a talking point: the title large on the slide, the words in the notes
                made.append(_Draft("section", "content", title, [], list(page), loc))

    def _special(self, module: m.Module, title: str, block: m.Block) -> list[_Draft]:
        if isinstance(block, m.Figure):
            return self._figure(module, title, block)
        if isinstance(block, m.Table):
            header = tuple(m.plain_text(c).strip() for c in block.header)
            rows = [tuple(m.plain_text(c).strip() for c in row) + ("",) * (len(header) - len(row)) for row in block.rows]
            parts = self.fitter.table("content", "body", header, [r[:len(header)] for r in rows], block.loc)
            return [_Draft("content", "table", title, [], [], block.loc, table=t) for t in parts]
        if isinstance(block, m.RedFlags):
            return self._red_flags(block)
        if isinstance(block, m.Exercise):
            return self._exercise(block)
        if isinstance(block, m.Quiz):
            return self._quiz(block)
        raise AssertionError(block)

    def _picture_path(self, module: m.Module, image: m.Image) -> Path | None:
        """The PNG or JPEG a figure shows on a slide, or None; each problem is reported once, however many decks plan it."""
        if image.loc in self._paths:
            return self._paths[image.loc]
        path, _ = resolve_media(self.course, module, image.src, image.loc)  # the checks report a bad path
        if path is not None and path.suffix.lower() == ".svg":
            png = path.with_suffix(".png")
            if png.is_file() and png.resolve().is_relative_to(self.course.folder.resolve()):
                path = png.resolve()
            else:
                self.diagnostics.append(rules.SLIDES_SVG.at(
                    image.loc, f"`{image.src}` is an SVG, which slides cannot show, and there is no `{png.name}` beside it"))
                path = None
        if path is not None and not self._readable(path, image):
            path = None
        self._paths[image.loc] = path
        return path

    def _figure(self, module: m.Module, title: str, block: m.Figure) -> list[_Draft]:
        image = block.image
        path = self._picture_path(module, image)
        if path is None:  # the slide is left out
            return []
        caption = image.title or image.alt
        frame = self.fitter.frame("picture", "caption", [Para(plain(caption), 0, "none", loc=image.loc)], loc=image.loc)
        return [_Draft("picture", "figure", title, [frame], [], block.loc,
                       pictures=[PicturePlan("picture", path, image.alt.strip(), None, image.loc)])]

    def _beside(self, module: m.Module, title: str, groups: list[list[Para]], block: m.Block) -> _Draft | None:
        """A short list and the picture after it, side by side on one slide, when both fit well."""
        if not isinstance(block, m.Figure) or self.geometry.box("two-content", "left") is None:
            return None
        image = block.image
        caption = Para(plain(image.title or image.alt, italic=True), 0, "none", loc=image.loc)
        paras = [p for g in groups for p in g] + [caption]
        frame = self.fitter.frame("two-content", "left", paras, sizes=(SIZES["left"][0], SPLIT_PT), report=False)
        if not frame.fits:  # too long to sit beside a picture: the list and the picture get slides of their own
            return None
        path = self._picture_path(module, image)
        if path is None:
            return None
        return _Draft("two-content", "content", title, [frame], [], paras[0].loc or block.loc,
                      pictures=[PicturePlan("right", path, image.alt.strip(), None, image.loc)])

    def _readable(self, path: Path, image: m.Image) -> bool:
        """Whether a picture file really is a PNG or JPEG; reported once per picture, however many decks show it."""
        if path not in self._pictures:
            from PIL import Image, UnidentifiedImageError

            try:
                with Image.open(path) as picture:
                    ok = picture.format in ("PNG", "JPEG") and picture.width > 0 and picture.height > 0
                    picture.verify()
                error = "" if ok else "it is not a PNG or JPEG file"
            except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as problem:
                error = type(problem).__name__
            self._pictures[path] = not error
            if error:
                self.diagnostics.append(rules.SLIDES_IMAGE_UNREADABLE.at(
                    image.loc, f"`{path.name}` cannot be read as a picture ({error})"))
        return self._pictures[path]

    def _emergency_para(self) -> Para | None:
        emergency = self.course.meta.emergency or self.course.theme.meta.emergency
        if emergency is None:
            return None
        return Para((Run(f"{emergency.text}", bold=True),), 0, "none")

    def _red_flags(self, block: m.RedFlags) -> list[_Draft]:
        inner = list(shown_blocks(block.blocks))
        has_list = any(isinstance(b, m.ListBlock) for b in inner)
        groups: list[list[Para]] = []
        notes: list[str] = []
        for b in inner:
            if isinstance(b, m.Paragraph) and has_list:
                notes.extend(notes_text(b))
            elif isinstance(b, m.Notes):
                notes.extend(t for x in shown_blocks(b.blocks) for t in notes_text(x))
            else:
                groups.extend(slide_paras(b, self.labels))
        emergency = self._emergency_para()
        if emergency is not None:
            groups.append([emergency])
        frames = self.fitter.split("alert", "body", groups)
        drafts = self._parts("alert", "red-flags", self.labels.slides_red_flags_title, frames, [notes], block.loc)
        if emergency is not None:
            for d in drafts[:-1]:   # every part of a split alert ends with what to do
                f = d.frames[0]
                d.frames[0] = self.fitter.frame("alert", "body", [*f.paras, emergency], loc=block.loc)
        return drafts

    def _exercise(self, block: m.Exercise) -> list[_Draft]:
        groups: list[list[Para]] = []
        notes: list[str] = []
        for b in shown_blocks(block.blocks):
            if isinstance(b, m.Notes):
                notes.extend(t for x in shown_blocks(b.blocks) for t in notes_text(x))
            else:
                groups.extend(slide_paras(b, self.labels))
        frames = self.fitter.split("content", "body", groups)
        title = self.labels.exercise_titled.format(title=block.title) if block.title else self.labels.exercise
        return self._parts("content", "exercise", title, frames, [notes], block.loc)

    def _quiz(self, block: m.Quiz) -> list[_Draft]:
        question = Para(runs_of(block.question, bold=True), 0, "none", loc=block.loc)
        options = [Para(runs_of(o.inlines), 0, "letter", 1, loc=o.loc) for o in block.options]
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        right = [f"{letters[i % 26]}. {m.plain_text(o.inlines).strip()}" for i, o in enumerate(block.options) if o.correct]
        explanation = [t for b in shown_blocks(block.explanation) for t in notes_text(b) if not isinstance(b, m.Notes)]
        extra_notes = [t for b in shown_blocks(block.explanation) if isinstance(b, m.Notes)
                       for x in shown_blocks(b.blocks) for t in notes_text(x)]
        frame = self.fitter.split("quiz", "body", [[question], options] if options else [[question]])
        notes = list(extra_notes)
        answer_line = (self.labels.slides_answer.format(answer=right[0]) if len(right) == 1
                       else self.labels.slides_answers.format(answers="; ".join(right)))
        if self.quiz_answers == "notes":
            notes = [answer_line, *explanation, *notes]
        drafts = self._parts("quiz", "quiz", self._quiz_title("quiz"), frame, [notes], block.loc)
        if self.quiz_answers == "next-slide":
            groups = [[Para(plain(answer_line, bold=True), 0, "none", loc=block.loc)],
                      *[[Para(plain(t), 0, "none", loc=block.loc)] for t in explanation]]
            frames = self.fitter.split("content", "body", groups)
            drafts.extend(self._parts("content", "answer", self._quiz_title("answer"), frames, [], block.loc))
        return drafts

    def _quiz_title(self, kind: SlideKind, number: int | None = None) -> str:
        """A quiz slide's or its answer slide's title, numbered when the module has several quizzes."""
        quiz = self.labels.slides_quiz if number is None else f"{self.labels.slides_quiz} {number}"
        return quiz if kind == "quiz" else self.labels.slides_quiz_answer.format(quiz=quiz)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


_EVERY_MODULE = ("objectives", "key-points", "quiz", "answer", "red-flags")


def _unique_titles(drafts: list[_Draft], workshop: bool, labels: Labels) -> None:
    """Give every slide a unique, non-empty title: parts get "(2/3)", repeats get their module or a number."""
    for d in drafts:
        d.title = " ".join(d.title.split()) or labels.slides_untitled
        if d.part:
            d.title = f"{d.title} ({d.part[0]}/{d.part[1]})"
    if workshop:
        counts: dict[str, int] = {}
        for d in drafts:
            counts[d.title] = counts.get(d.title, 0) + 1
        for d in drafts:  # slides every module has are always marked with their module, repeats too
            if d.module is not None and d.kind != "section" and (d.kind in _EVERY_MODULE or counts[d.title] > 1):
                d.title = labels.slides_title_in_module.format(title=d.title, number=d.module)
    seen: dict[str, int] = {}
    counts = {}
    for d in drafts:
        counts[d.title] = counts.get(d.title, 0) + 1
    for d in drafts:
        if counts[d.title] > 1:
            seen[d.title] = seen.get(d.title, 0) + 1
            base = d.title
            candidate = f"{base} {seen[base]}"
            while candidate in counts:
                seen[base] += 1
                candidate = f"{base} {seen[base]}"
            d.title = candidate


def plan_module_deck(course: m.Course, module: m.Module, geometry: Geometry, metrics: FontMetrics, **options) -> tuple[DeckPlan, list[Diagnostic]]:  # type: ignore[no-untyped-def]
    """One module's deck and what was found planning it."""
    planner = Planner(course, geometry, metrics, **options)
    return planner.module_deck(module), planner.diagnostics


def plan_workshop_deck(course: m.Course, geometry: Geometry, metrics: FontMetrics, **options) -> tuple[DeckPlan, list[Diagnostic]]:  # type: ignore[no-untyped-def]
    """The whole course as one workshop deck, with an agenda and a closing slide."""
    planner = Planner(course, geometry, metrics, **options)
    return planner.workshop_deck(), planner.diagnostics
