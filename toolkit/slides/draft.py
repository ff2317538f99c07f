"""A slide while it is being planned, and what every slide kind needs to plan one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from toolkit import model as m
from toolkit.diagnostics import Diagnostic
from toolkit.labels import Labels
from toolkit.slides.deck_model import Frame, PicturePlan, SlideKind, TablePlan
from toolkit.slides.fitter import Fitter
from toolkit.slides.geometry import Geometry
from toolkit.source import SourceLoc

QuizAnswers = Literal["notes", "next-slide"]


@dataclass
class Draft:
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
class PlanContext:
    """One course's planning state, shared by every slide kind and every deck planned from it."""

    course: m.Course
    labels: Labels
    geometry: Geometry
    fitter: Fitter
    diagnostics: list[Diagnostic]
    quiz_answers: QuizAnswers
    qr_png: Callable[[str], bytes] | None
    course_url: str | None = None  # the public address of the course's home page, for the closing slide's QR code
    # Kept across decks so each picture problem is reported once, however many decks show the picture.
    readable: dict[Path, bool] = field(default_factory=dict)
    picture_paths: dict[SourceLoc, Path | None] = field(default_factory=dict)


def parts(layout: str, kind: SlideKind, title: str, frames: list[Frame], notes: list[list[str]],
          loc: SourceLoc, module: int | None = None) -> list[Draft]:
    """One slide per frame, marked as parts when there are several."""
    n = len(frames)
    return [Draft(layout, kind, title, [f], notes[i] if i < len(notes) else [], loc, module=module,
                  part=(i + 1, n) if n > 1 else None)
            for i, f in enumerate(frames)]
