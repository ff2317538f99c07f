"""The slides of special blocks and of a section's text, read from the plans the planner makes (no .pptx):
an alert's layout per urgency tier and its action on every part, an exercise's steps, a quiz's question and
its answer in the notes or on the slide after it, and a section's text on the slide with the rest in notes."""

from __future__ import annotations

import pytest

from toolkit import model as m
from toolkit.slides.deck_model import DeckPlan, SlidePlan
from toolkit.slides.geometry import DEFAULT_GEOMETRY
from toolkit.slides.plan import Planner

from tests.conftest import COURSE_YML, ProjectFactory
from tests.slides_support import load_course
from tests.test_slides_planning import HEAD, METRICS


def module_deck(course: m.Course, **options) -> DeckPlan:  # type: ignore[no-untyped-def]
    planner = Planner(course, DEFAULT_GEOMETRY, METRICS, **options)
    plan = planner.module_deck(course.modules[0])
    assert not planner.diagnostics, [d.message for d in planner.diagnostics]
    return plan


def deck_of(make_project: ProjectFactory, body: str, course_yml: str = COURSE_YML, **options) -> DeckPlan:  # type: ignore[no-untyped-def]
    """The module deck of a one-module course whose module is `body` under a front matter."""
    module = HEAD.format(title="Keep moving", duration=10) + body
    return module_deck(load_course(make_project({"01-keep-moving.md": module}, course_yml=course_yml)), **options)


def body_of(slide: SlidePlan) -> list[tuple[str, str, bool]]:
    """Each paragraph of the slide's body: its text, its marker and whether it is bold throughout."""
    frame = slide.frame("body")
    assert frame is not None, slide.title
    return [(p.text, p.marker, all(r.bold for r in p.runs)) for p in frame.paras]


def of_kind(plan: DeckPlan, *kinds: str) -> list[SlidePlan]:
    return [s for s in plan.slides if s.kind in kinds]


EXERCISE = """\
## Practice

:::: exercise Ankle circles
1. Sit down.
2. Turn your ankle.

::: notes
Watch their feet.
:::
::::
"""


def test_an_exercise_shows_its_steps_under_its_title_with_its_own_notes(make_project: ProjectFactory) -> None:
    (slide,) = of_kind(deck_of(make_project, EXERCISE), "exercise")
    assert (slide.title, slide.layout) == ("Exercise: Ankle circles", "content")
    assert body_of(slide) == [("Sit down.", "number", False), ("Turn your ankle.", "number", False)]
    assert slide.notes == ("Watch their feet.",)
