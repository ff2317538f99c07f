"""Fitting text to placeholders: font sizes, splits across slides, notes pages and table parts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.slides import fit
from toolkit.slides.deck_model import Frame, Para, Run, TablePlan
from toolkit.slides.fit import FontMetrics
from toolkit.slides.geometry import NOTES_PT, SIZES, SPLIT_PT, Box, Geometry
from toolkit.slides.paragraphs import plain
from toolkit.source import SourceLoc


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
        # sum(natural) is never 0: every column has its margins.
        if sum(natural) <= width:
            return [n * width / sum(natural) for n in natural]
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
