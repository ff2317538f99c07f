"""Slide decks: a pure plan of every slide (plan.py, fit.py), then a thin python-pptx adapter (writer.py).

``build_decks`` writes one deck per module (``<module-id>.pptx``) and
``workshop.pptx`` for the whole course into a folder, and returns what it
found. It never prints and never raises for content problems.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostics
from toolkit.model import Course

if TYPE_CHECKING:  # the plan needs no python-pptx; only the template and the writer import it
    from toolkit.slides.plan import DeckPlan
    from toolkit.slides.template import Template

__all__ = ["build_decks", "build_output", "plan_decks", "source_date", "qr_png"]

EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def source_date(course: Course, environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The date a build stamps on its decks: SOURCE_DATE_EPOCH if set, else the course's review date."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return max(dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc), EARLIEST)
    if course.meta.reviewed is not None:
        return max(dt.datetime.combine(course.meta.reviewed, dt.time(), dt.timezone.utc), EARLIEST)
    return EARLIEST


def qr_png(url: str) -> bytes:
    """A QR code for ``url`` as PNG bytes; the same address always gives the same bytes."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=12, border=4)
    return buffer.getvalue()


def plan_decks(course: Course, *, created: dt.datetime | None = None
               ) -> tuple[Template | None, list[DeckPlan], Diagnostics]:
    """The template and every deck's plan (modules first, then the workshop), or no plans and the reasons."""
    from toolkit.slides.fit import load_metrics
    from toolkit.slides.plan import Planner
    from toolkit.slides.template import load_template

    found = Diagnostics()
    template, problems = load_template(course.theme)
    found.extend(problems)
    if template is None:
        return None, [], found
    font = course.theme.meta.font
    try:
        metrics = load_metrics(font.package, font.family)
    except (LookupError, ValueError, OSError) as error:
        found.add(rules.THEME_FONT_MISSING.at(course.theme.loc, f"cannot measure slide text: {error}"))
        return None, [], found
    planner = Planner(course, template.geometry, metrics, created=created or source_date(course), qr_png=qr_png)
    plans = [planner.module_deck(module) for module in course.modules]
    plans.append(planner.workshop_deck())
    found.extend(planner.diagnostics)
    return template, plans, found


def build_decks(course: Course, out_dir: Path, *, source_date: dt.datetime | None = None,
                on_written: Callable[[Path], None] | None = None) -> Diagnostics:
    """Write `<out_dir>/<module-id>.pptx` for every module and `<out_dir>/workshop.pptx`.

    Everything is planned (and every problem found) before the first file is written.
    """
    from toolkit.slides.writer import write_deck

    template, plans, found = plan_decks(course, created=source_date)
    if template is None or found.errors:
        return found
    for plan in plans:
        path = Path(out_dir) / f"{plan.name}.pptx"
        problems = write_deck(plan, template, path)
        found.extend(problems)
        if on_written is not None and not problems:
            on_written(path)
    return found


def build_output(context, stage: Path) -> Diagnostics:  # type: ignore[no-untyped-def]
    """The `slides` builder for `coursekit build`: writes `stage/slides/<course>/<module>.pptx` and `workshop.pptx`.

    Every course's decks are planned before any is written; strictness is applied by the caller.
    """
    found = Diagnostics()
    for course in context.project.courses:
        found.extend(build_decks(course, stage / "slides" / course.id, source_date=context.source_date,
                                 on_written=lambda path: context.progress.file_written("slides", path)))
    return found
