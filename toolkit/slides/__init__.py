"""Slide decks: a pure plan of every slide (plan.py and its slide kinds), then a thin python-pptx adapter (writer.py).

``build_decks`` writes one deck per module (``<module-id>.pptx``) and
``workshop.pptx`` for the whole course into a folder, and returns what it
found. It never prints and never raises for content problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic, Diagnostics
from toolkit.model import Course
from toolkit.rendering import Rendering
from toolkit.reproducible import source_date

if TYPE_CHECKING:  # the plan needs no python-pptx; only the template and the writer import it
    from toolkit.slides.deck_model import DeckPlan
    from toolkit.slides.template import Template

__all__ = ["DeckJob", "build_decks", "build_output", "plan_decks", "qr_png", "write_deck_job"]

def qr_png(url: str) -> bytes:
    """A QR code for ``url`` as PNG bytes; the same address always gives the same bytes."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=12, border=4)
    return buffer.getvalue()


def plan_decks(course: Course, *, created: dt.datetime | None = None, course_url: str | None = None
               ) -> tuple[Template | None, list[DeckPlan], Diagnostics]:
    """The template and every deck's plan (modules first, then the workshop), or no plans and the reasons.

    ``course_url`` is the public address of the course's home page (site/address.py): the workshop
    deck's closing slide shows it with a QR code; without it, the slide has neither.
    """
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
    planner = Planner(course, template.geometry, metrics, created=created or source_date((course,)), qr_png=qr_png,
                      course_url=course_url)
    plans = [planner.module_deck(module) for module in course.modules]
    plans.append(planner.workshop_deck())
    found.extend(planner.diagnostics)
    return template, plans, found


def build_decks(course: Course, out_dir: Path, *, source_date: dt.datetime | None = None,
                on_written: Callable[[Path], None] | None = None, course_url: str | None = None) -> Diagnostics:
    """Write `<out_dir>/<module-id>.pptx` for every module and `<out_dir>/workshop.pptx`.

    Everything is planned (and every problem found) before the first file is written.
    """
    from toolkit.slides.writer import write_deck

    template, plans, found = plan_decks(course, created=source_date, course_url=course_url)
    if template is None or found.errors:
        return found
    for plan in plans:
        path = Path(out_dir) / f"{plan.name}.pptx"
        problems = write_deck(plan, template, path)
        found.extend(problems)
        if on_written is not None and not problems:
            on_written(path)
    return found


@dataclass(frozen=True)
class DeckJob:
    """One deck to write, as plain data: its plan, the theme's template and where it goes."""

    plan: DeckPlan
    template: Template
    path: Path


def write_deck_job(job: DeckJob) -> list[Diagnostic]:
    """Write one deck (in a worker process or here); its problems come back as plain data."""
    from toolkit.slides.writer import write_deck

    return write_deck(job.plan, job.template, job.path)


def _deck_key(plan: DeckPlan, course: Course, course_part: str, module_parts: dict[str, str]) -> str | None:
    from toolkit.cache import Unkeyable, document_key, fingerprint

    try:
        planned = fingerprint(plan)
    except Unkeyable:
        return None
    if plan.name in module_parts and plan.name != "workshop":
        return document_key("slides:module", plan.name, course_part, [module_parts[plan.name]], planned)
    return document_key("slides:workshop", plan.name, course_part, [module_parts[m.id] for m in course.modules], planned)


# An estimate of the seconds python-pptx takes per slide, so the pool starts the longest decks first.
SECONDS_PER_SLIDE = 0.005


def build_output(context, stage: Path) -> Diagnostics | Rendering:  # type: ignore[no-untyped-def]
    """The `slides` builder for `coursekit build`: `stage/slides/<course>/<module>.pptx` and `workshop.pptx`.

    Every course's decks are planned before any is written. A deck whose inputs are unchanged is taken
    from the cache; the others are left to the build's pool of workers as a :class:`Rendering`.
    Strictness is applied by the caller.
    """
    from toolkit.cache import course_digest, module_digest, output_cache
    from toolkit.site.address import course_url

    project = context.project
    found = Diagnostics()
    if project.site.url is None:
        found.add(rules.SLIDES_NO_SITE_URL.at(project.site.loc, "the site has no address (`site_url` in mkdocs.yml), "
                                                                "so the workshop deck's closing slide has no QR code"))
    cache = output_cache(context, stage, "slides")
    jobs: list[DeckJob] = []
    keys: list[str | None] = []
    for course in project.courses:
        planned = context.planned.get(course.id)
        if planned is not None and planned.template is not None:  # planned by the checks, their findings reported
            template, plans = planned.template, list(planned.decks)
        else:
            template, plans, problems = plan_decks(course, created=context.source_date, course_url=course_url(project, course))
            found.extend(problems)
            if template is None or problems.errors:
                continue
        course_part = course_digest(course, source_date=context.source_date, paper=None) if cache else ""
        module_parts = {m.id: module_digest(course, m) for m in course.modules} if cache else {}
        for plan in plans:
            jobs.append(DeckJob(plan, template, stage / "slides" / course.id / f"{plan.name}.pptx"))
            keys.append(_deck_key(plan, course, course_part, module_parts) if cache else None)
    if found.errors:
        return found
    reused = [cache is not None and key is not None and cache.copy_to(key, ".pptx", job.path)
              for job, key in zip(jobs, keys)]

    def finish(results: list[list[Diagnostic]]) -> Diagnostics:
        written = iter(results)
        for job, key, done in zip(jobs, keys, reused):
            problems = [] if done else next(written)
            found.extend(problems)
            if problems:
                continue
            if done:
                getattr(context.progress, "file_reused", lambda *_: None)("slides", job.path)
            elif cache is not None and key is not None:
                cache.store(key, ".pptx", job.path)
            context.progress.file_written("slides", job.path)
        return found

    made = [job for job, done in zip(jobs, reused) if not done]
    return Rendering(made, write_deck_job, lambda job: len(job.plan.slides) * SECONDS_PER_SLIDE, finish,
                     files=tuple(job.path for job in made))
