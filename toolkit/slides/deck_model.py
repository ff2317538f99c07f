"""The pure presentation model of a deck: slides, their text frames, pictures and tables, no python-pptx.

A ``DeckPlan`` is a list of ``SlidePlan``: each names its layout, holds its
text frames (already fitted: font size chosen, height measured against the
placeholder's capacity), its pictures or table, and its speaker notes. The
writer only copies the plan into a template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from toolkit.slides import fit
from toolkit.slides.fit import StyledText
from toolkit.source import SourceLoc

Run = StyledText
Marker = Literal["bullet", "number", "letter", "none"]


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
