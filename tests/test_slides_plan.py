"""Deck plans, tested as pure data: no python-pptx is imported here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import model as m
from toolkit.loader import load_project
from toolkit.slides import fit
from toolkit.slides.deck_model import DeckPlan, Para
from toolkit.slides.fitter import Fitter
from toolkit.slides.geometry import DEFAULT_GEOMETRY
from toolkit.slides.plan import Planner, plan_module_deck, plan_workshop_deck

from tests.conftest import FIXTURES, REPO, SAMPLE_COURSES

STRESS = FIXTURES / "slides-stress"
METRICS = fit.load_metrics("fontpkg_atkinson_hyperlegible", "Atkinson Hyperlegible")
# The smallest type a slide may show: 18 pt for everything but titles, tables too (docs/format.md, CK743),
# 24 pt for titles. Stated here, not read from the fitter, so a fitter that goes lower fails.
TITLE_FLOOR_PT = 24
TEXT_FLOOR_PT = 18


def load_course(root: Path, course_id: str | None = None) -> m.Course:
    """A course as the loader reads it (the content checks are tested elsewhere)."""
    project, found = load_project(root, course_ids=(course_id,) if course_id else ())
    assert not found.errors, found.format_text(root)
    return project.courses[0]


def plans_for(course: m.Course, **options) -> tuple[list[DeckPlan], list]:  # type: ignore[no-untyped-def]
    planner = Planner(course, DEFAULT_GEOMETRY, METRICS, qr_png=lambda url: b"png", **options)
    plans = [planner.module_deck(module) for module in course.modules] + [planner.workshop_deck()]
    return plans, planner.diagnostics


@pytest.fixture(scope="module", params=SAMPLE_COURSES)
def sample(request: pytest.FixtureRequest) -> m.Course:
    """Each sample course in turn: the plan tests run on every one."""
    return load_course(REPO, request.param)


@pytest.fixture(scope="module")
def stress() -> m.Course:
    return load_course(STRESS)


def test_planning_needs_no_python_pptx() -> None:
    code = ("import sys, toolkit.slides.plan, toolkit.slides.fit; "
            "sys.exit(1 if any(n == 'pptx' or n.startswith('pptx.') for n in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


def test_widths_come_from_the_font_not_from_counting_characters() -> None:
    narrow, wide = METRICS.width("iiiiiiiiii", 28), METRICS.width("MMMMMMMMMM", 28)
    assert wide > 2.5 * narrow
    assert METRICS.width("Bold words", 28, bold=True) > METRICS.width("Bold words", 28)
    # Ten "M"s fit a column as wide as they are and break one short of it.
    assert fit.count_lines((fit.StyledText("M " * 10),), METRICS.width("M " * 10, 28), 28, METRICS) == 1
    assert fit.count_lines((fit.StyledText("M " * 10),), METRICS.width("M " * 9, 28), 28, METRICS) == 2


def all_frames_fit(plan: DeckPlan) -> None:
    """Every frame and table the planner says fits, and none set below the smallest type the design allows."""
    for slide in plan.slides:
        for frame in slide.frames:
            assert frame.fits, (plan.name, slide.title, frame.role, frame.needed, frame.capacity)
            floor = TITLE_FLOOR_PT if frame.role == "title" else TEXT_FLOOR_PT
            assert frame.size >= floor, (plan.name, slide.title, frame.role, frame.size)
        if slide.table is not None:
            assert slide.table.fits, (plan.name, slide.title)
            assert slide.table.size >= TEXT_FLOOR_PT, (plan.name, slide.title, slide.table.size)


def test_stress_module_fits_on_every_slide(stress: m.Course) -> None:
    plans, diagnostics = plans_for(stress)
    assert diagnostics == []
    for plan in plans:
        all_frames_fit(plan)


def test_forty_item_list_splits_across_marked_continuation_slides(stress: m.Course) -> None:
    plan = plans_for(stress)[0][0]
    parts = [s for s in plan.slides if s.title.startswith("A list of forty things")]
    assert len(parts) > 1
    n = len(parts)
    assert [s.title for s in parts] == [f"A list of forty things ({i}/{n})" for i in range(1, n + 1)]
    items = [p.text for s in parts for p in s.frame("body").paras]  # type: ignore[union-attr]
    assert items == [p for p in items if p.startswith("Item ")]
    assert [int(re.match(r"Item (\d+)", t)[1]) for t in items] == list(range(1, 41))  # type: ignore[index]


def test_two_thousand_word_section_spreads_its_notes_over_slides_that_fit(stress: m.Course) -> None:
    plan = plans_for(stress)[0][0]
    module = stress.modules[0]
    section = next(s for s in module.sections if m.plain_text(s.title) == "A very long talk")
    words = " ".join(m.plain_text(b.inlines) for b in section.blocks if isinstance(b, m.Paragraph)).split()
    assert len(words) >= 2000
    parts = [s for s in plan.slides if s.title.startswith("A very long talk")]
    assert len(parts) > 1 and all(re.search(r"\(\d+/\d+\)$", s.title) for s in parts)
    assert " ".join(" ".join(s.notes) for s in parts).split() == words
    box = DEFAULT_GEOMETRY.notes
    fitter_height = Planner(stress, DEFAULT_GEOMETRY, METRICS).fitter.height
    for slide in parts:
        needed = fitter_height([Para((fit.StyledText(t),), 0, "none") for t in slide.notes], box, 12)
        assert needed <= box.height_pt


def test_sample_course_plans_fit_with_unique_titles(sample: m.Course) -> None:
    plans, diagnostics = plans_for(sample)
    assert [d.code for d in diagnostics] == []
    assert {p.name for p in plans} == {mod.id for mod in sample.modules} | {"workshop"}
    for plan in plans:
        all_frames_fit(plan)
        titles = [s.title for s in plan.slides]
        assert all(t.strip() for t in titles)
        assert len(set(titles)) == len(titles), plan.name
        assert plan.slides[0].kind == "title"
        assert "objectives" in [s.kind for s in plan.slides]
        assert plan.slides[-1].kind == ("closing" if plan.name == "workshop" else "key-points")


def test_module_decks_follow_the_design_table(sample: m.Course) -> None:
    plans, _ = plans_for(sample)
    for module, plan in zip(sample.modules, plans):
        kinds = [s.kind for s in plan.slides]
        assert kinds[0] == "title" and kinds[1] == "objectives" and kinds[-1] == "key-points"
        on_slides = "\n".join(f.text for s in plan.slides for f in s.frames)
        notes = "\n".join(n for s in plan.slides for n in s.notes)
        blocks = list(m.walk_blocks(tuple(module.blocks())))
        for section in module.sections:
            for block in section.blocks:
                if isinstance(block, m.Paragraph):  # the lead sentence on a slide, the whole paragraph in the notes
                    text = m.plain_text(block.inlines).strip()
                    assert text in notes
                    assert re.split(r"(?<=[.!?])\s+", text)[0] in on_slides
        if any(isinstance(b, m.RedFlags) for b in blocks):
            alert = [s for s in plan.slides if s.kind == "red-flags"]
            assert alert and all(s.layout in ("alert", "alert-same-day", "alert-soon") for s in alert)
        for exercise in (b for b in blocks if isinstance(b, m.Exercise)):
            steps = next(s for s in plan.slides if s.kind == "exercise" and exercise.title in s.title)
            # Each step is a numbered line, in order; text before or after the steps is not numbered.
            numbered = [p.text for p in steps.frame("body").paras if p.marker == "number"]  # type: ignore[union-attr]
            assert numbered == [" ".join(m.plain_text(item.blocks[0].inlines).split())  # type: ignore[union-attr]
                                for item in exercise.steps.items], (module.id, exercise.title)
        quizzes = [b for b in blocks if isinstance(b, m.Quiz)]
        assert len([s for s in plan.slides if s.kind == "quiz"]) >= len(quizzes)


def test_workshop_has_agenda_with_running_clock_dividers_and_closing(sample: m.Course) -> None:
    plans, _ = plans_for(sample, course_url="https://example.org/courses/")
    workshop = plans[-1]
    agenda = [s for s in workshop.slides if s.kind == "agenda"]
    lines = [p.text for s in agenda for p in s.frame("body").paras]  # type: ignore[union-attr]
    clock = 0
    for module, line in zip(sample.modules, lines):
        end = clock + module.meta.duration
        assert line.startswith(f"{clock // 60}:{clock % 60:02d}–{end // 60}:{end % 60:02d}")
        assert module.meta.title in line and f"({module.meta.duration} min)" in line
        clock = end
    dividers = [s for s in workshop.slides if s.kind == "section" and s.layout == "section"]
    assert [s.title for s in dividers] == [mod.meta.title for mod in sample.modules]
    closing = workshop.slides[-1]
    assert closing.kind == "closing" and closing.layout == "closing"
    contact = sample.meta.contact or sample.theme.meta.clinic
    assert contact.name in closing.frame("body").text  # type: ignore[union-attr]
    assert closing.pictures and closing.pictures[0].data == b"png"
    assert "https://example.org/courses/" in closing.pictures[0].alt
    assert "https://example.org/courses/" in closing.frame("body").text  # type: ignore[union-attr]


def test_quiz_answer_goes_to_the_notes_or_the_next_slide(stress: m.Course) -> None:
    in_notes = plans_for(stress, quiz_answers="notes")[0][0]
    quiz = next(s for s in in_notes.slides if s.kind == "quiz")
    assert quiz.notes[0] == "Answer: B. Up to a year"
    assert "Up to a year" in quiz.frame("body").text  # type: ignore[union-attr]
    assert not any(s.kind == "answer" for s in in_notes.slides)
    next_slide = plans_for(stress, quiz_answers="next-slide")[0][0]
    kinds = [s.kind for s in next_slide.slides]
    at = kinds.index("quiz")
    assert kinds[at + 1] == "answer"
    answer = next_slide.slides[at + 1]
    assert "Answer: B. Up to a year" in answer.frame("body").text  # type: ignore[union-attr]
    assert "Large fibres heal slowly." in answer.frame("body").text  # type: ignore[union-attr]
    assert not any("Answer" in n for n in next_slide.slides[at].notes)


def test_red_flags_slide_ends_with_the_emergency_line(stress: m.Course) -> None:
    plan = plans_for(stress)[0][0]
    alert = next(s for s in plan.slides if s.kind == "red-flags")
    assert alert.frame("body").paras[-1].text == "Call 999 now."  # type: ignore[union-attr]
    assert "You cannot control your bladder or bowels" in alert.frame("body").text  # type: ignore[union-attr]


def test_figure_keeps_its_alt_text_and_caption(stress: m.Course) -> None:
    plan = plans_for(stress)[0][0]
    figure = next(s for s in plan.slides if s.kind == "figure")
    assert figure.pictures[0].alt == "A simple diagram of a leg with a shaded numb patch"
    assert figure.pictures[0].path == (STRESS / "courses/stress/media/leg-diagram.png").resolve()
    assert figure.frame("caption").text == "The numb patch is shaded"  # type: ignore[union-attr]


def test_long_table_splits_and_repeats_its_header(stress: m.Course) -> None:
    plan = plans_for(stress)[0][0]
    tables = [s.table for s in plan.slides if s.table is not None]
    assert len(tables) > 1
    assert all(t.header == ("When", "What to do", "Who to call") for t in tables)  # type: ignore[union-attr]
    assert [r[0] for t in tables for r in t.rows] == [f"Week {i}" for i in range(1, 25)]  # type: ignore[union-attr]


MODULE_HEAD = """\
---
title: Odd things
summary: A module with things that cannot fit.
duration: 30
sources:
  - title: A source
---

## A section

"""


def test_content_that_cannot_fit_warns_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    huge = " ".join(["numbness"] * 450)
    root = make_project({"01-odd.md": MODULE_HEAD + f"- short item\n- {huge}\n"})
    course = load_course(root)
    plan, diagnostics = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)
    assert [d.code for d in diagnostics] == ["CK743"]
    assert diagnostics[0].loc.line == MODULE_HEAD.count("\n") + 2
    assert "numbness numbness" in diagnostics[0].message
    # It is set at the smallest readable size, never smaller, and the warning says so.
    assert diagnostics[0].message.endswith(f"even at {TEXT_FLOOR_PT} pt type")
    assert [f.size for s in plan.slides for f in s.frames if "numbness numbness" in f.text] == [TEXT_FLOOR_PT]


def test_svg_without_png_is_left_off_with_a_warning(make_project) -> None:  # type: ignore[no-untyped-def]
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    root = make_project({"01-odd.md": MODULE_HEAD + "![A drawing of a nerve](../media/nerve.svg)\n"},
                        files={"media/nerve.svg": svg})
    course = load_course(root)
    plan, diagnostics = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)
    assert [d.code for d in diagnostics] == ["CK744"]
    assert diagnostics[0].loc.line == MODULE_HEAD.count("\n") + 1
    assert not any(s.pictures for s in plan.slides)


def test_svg_with_png_beside_it_uses_the_png(make_project) -> None:  # type: ignore[no-untyped-def]
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    png = (STRESS / "courses/stress/media/leg-diagram.png").read_bytes()
    root = make_project({"01-odd.md": MODULE_HEAD + "![A drawing of a nerve](../media/nerve.svg)\n"},
                        files={"media/nerve.svg": svg, "media/nerve.png": png})
    course = load_course(root)
    plan, diagnostics = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)
    assert diagnostics == []
    picture = next(p for s in plan.slides for p in s.pictures)
    assert picture.path.name == "nerve.png" and picture.alt == "A drawing of a nerve"  # type: ignore[union-attr]


def test_workshop_without_a_course_address_has_no_qr_or_link(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    course = load_course(root)
    plan, diagnostics = plan_workshop_deck(course, DEFAULT_GEOMETRY, METRICS, qr_png=lambda url: b"png")
    assert diagnostics == []  # the build says once that the site has no address (CK745)
    assert not plan.slides[-1].pictures
    assert "https://" not in plan.slides[-1].frame("body").text  # type: ignore[union-attr]


def test_only_blocks_for_other_outputs_stay_off_the_deck(make_project) -> None:  # type: ignore[no-untyped-def]
    body = ("::: only site\n- only on the site\n:::\n\n::: only slides\n- only on the slides\n:::\n\n"
            "::: notes\nSay hello.\n:::\n")
    root = make_project({"01-odd.md": MODULE_HEAD + body})
    course = load_course(root)
    plan, _ = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)
    text = "\n".join(f.text for s in plan.slides for f in s.frames)
    assert "only on the slides" in text and "only on the site" not in text
    assert any("Say hello." in n for s in plan.slides for n in s.notes)


def test_a_title_too_long_for_its_band_warns_at_its_line(make_project) -> None:  # type: ignore[no-untyped-def]
    long_title = " ".join(["Numbness"] * 40)
    root = make_project({"01-odd.md": MODULE_HEAD + f"## {long_title}\n\n- an item\n"})
    course = load_course(root)
    plan, diagnostics = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)
    assert [d.code for d in diagnostics] == ["CK743"]
    assert diagnostics[0].loc.line == MODULE_HEAD.count("\n") + 1
    assert "title placeholder" in diagnostics[0].message


from hypothesis import given, settings, strategies as st  # noqa: E402

WORDS = st.sampled_from(["a", "nerve", "numbness", "physiotherapist", "recovery", "W", "iii", "MMMMMM", "—", "é"])
ITEMS = st.lists(st.lists(WORDS, min_size=1, max_size=60).map(" ".join), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(items=ITEMS, level=st.integers(0, 2), marker=st.sampled_from(["bullet", "number", "none"]))
def test_split_text_always_fits_or_is_reported(items: list[str], level: int, marker: str) -> None:
    diagnostics: list = []
    fitter = Fitter(DEFAULT_GEOMETRY, METRICS, diagnostics)
    groups = [[Para((fit.StyledText(t),), level, marker, i + 1)] for i, t in enumerate(items)]  # type: ignore[arg-type]
    frames = fitter.split("content", "body", groups)
    assert [p.text for f in frames for p in f.paras] == items
    too_big = [f for f in frames if not f.fits]
    assert len(diagnostics) == len(too_big)
    for frame in too_big:  # only a paragraph alone on its slide at the smallest size may fail to fit
        assert len(frame.paras) == 1 and frame.size == TEXT_FLOOR_PT
    for frame in frames:
        assert frame.size >= TEXT_FLOOR_PT


def test_a_short_list_sits_beside_its_picture(make_project) -> None:  # type: ignore[no-untyped-def]
    png = (STRESS / "courses/stress/media/leg-diagram.png").read_bytes()
    body = ("Talk about the picture.\n\n- Shade the numb part\n- Date the drawing\n\n"
            "![A leg with a shaded numb patch](../media/leg.png \"Your numb patch\")\n\n"
            "## A long list\n\n" + "".join(f"- Point number {i} about keeping a diary of your numbness\n" for i in range(12))
            + "\n![A leg with a shaded numb patch](../media/leg.png)\n")
    root = make_project({"01-odd.md": MODULE_HEAD + body}, files={"media/leg.png": png})
    course = load_course(root)
    plan, diagnostics = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)
    assert diagnostics == []
    side = [s for s in plan.slides if s.layout == "two-content"]
    assert len(side) == 1 and side[0].title == "A section"
    left = side[0].frame("left")
    assert [p.text for p in left.paras] == ["Talk about the picture.", "Shade the numb part", "Date the drawing",  # type: ignore[union-attr]
                                            "Your numb patch"]
    assert left.fits and left.size >= 24  # type: ignore[union-attr]
    assert side[0].pictures[0].role == "right" and side[0].pictures[0].alt == "A leg with a shaded numb patch"
    assert side[0].notes[0] == "Talk about the picture."
    # Twelve points are too many to sit beside a picture: they and the picture get slides of their own.
    long = [s for s in plan.slides if s.title.startswith("A long list")]
    assert [s.layout for s in long][-1] == "picture" and len(long) >= 2
