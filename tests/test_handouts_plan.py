"""Handout plans and their HTML, without WeasyPrint: what each document holds, and in which order."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import COURSE_YML, MODULE, REPO, ProjectFactory
from toolkit import model as m
from toolkit.check import run_check
from toolkit.handouts import plan_course_handouts
from toolkit.handouts.compose import compose, qr_image, short_link
from toolkit.handouts.plan import minutes_label, plan_guide, plan_handouts

CREATED = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
SAMPLE_ID = "leg-numbness-after-back-surgery"


@pytest.fixture(scope="module")
def sample() -> m.Project:
    result = run_check(REPO)
    assert not result.diagnostics.errors, result.diagnostics.format_text(REPO)
    return result.project


def _plans(project: m.Project, paper: str = "a4"):  # type: ignore[no-untyped-def]
    return plan_course_handouts(project, project.courses[0], paper=paper, created=CREATED)  # type: ignore[arg-type]


def test_every_module_gets_a_standard_and_a_large_print_handout_then_the_booklet(sample: m.Project) -> None:
    course = sample.courses[0]
    paths = [str(p.path) for p in _plans(sample)]
    expected = []
    for module in course.modules:
        expected += [f"handouts/{SAMPLE_ID}/{module.id}.pdf", f"handouts/{SAMPLE_ID}/{module.id}-large.pdf"]
    assert paths == expected + [f"handouts/{SAMPLE_ID}/booklet.pdf"]
    assert "why-your-leg-feels-numb" in paths[0]  # the id drops the number and `.md`


def test_the_plan_does_not_import_weasyprint() -> None:
    # Other tests may have imported WeasyPrint already; check in a fresh process.
    import subprocess

    code = ("import sys; from toolkit.handouts import plan, compose; import toolkit.handouts; "
            "sys.exit(1 if 'weasyprint' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


def test_a_module_without_warning_signs_shows_the_courses_on_page_one(sample: m.Project) -> None:
    plans = {p.name: p for p in _plans(sample)}
    first = plans["why-your-leg-feels-numb"].parts[0]
    assert not any(isinstance(b, m.RedFlags) for b in m.walk_blocks(tuple(first.module.blocks())))
    assert first.red_flags and first.red_flags_from is not None
    assert first.red_flags_from.id == "warning-signs"
    own = plans["warning-signs"].parts[0]
    assert own.red_flags and own.red_flags_from is None


def test_exercises_and_quizzes_stand_after_the_sections_and_notes_are_gone(sample: m.Project) -> None:
    part = {p.name: p for p in _plans(sample)}["moving-well"].parts[0]
    assert part.exercises and part.quizzes
    kept = list(m.walk_blocks(tuple(part.body.blocks())))
    assert not any(isinstance(b, (m.Exercise, m.Quiz, m.Notes)) for b in kept)


def test_the_glossary_lists_the_terms_used_in_order_of_first_use(sample: m.Project) -> None:
    part = {p.name: p for p in _plans(sample)}["warning-signs"].parts[0]
    terms = [e.term for e in part.glossary]
    assert "A&E" in terms and "bladder" in terms
    assert len(terms) == len(set(terms))
    course_terms = {e.term for e in sample.courses[0].glossary}
    assert set(terms) <= course_terms


def test_qr_addresses_are_the_sites_module_pages(sample: m.Project) -> None:
    for plan in _plans(sample):
        if plan.kind != "module":
            continue
        part = plan.parts[0]
        assert part.qr_url == f"https://example.org/courses/{SAMPLE_ID}/{part.module.id}/"  # mkdocs.yml's site_url
    booklet = next(plan for plan in _plans(sample) if plan.kind == "booklet")
    assert booklet.qr_url == "https://example.org/courses/"  # the course's home page: the site's root


def test_a_qr_code_is_named_by_its_address_and_drawn_only_when_rendered(sample: m.Project) -> None:
    url = "https://example.org/courses/x/y/?a=1&b=2"
    assert qr_image(url) == "ck-qr:https%3A%2F%2Fexample.org%2Fcourses%2Fx%2Fy%2F%3Fa%3D1%26b%3D2"
    assert short_link(url) == "example.org/courses/x/y"
    plan = {p.name: p for p in _plans(sample)}["moving-well"]
    html = compose(plan, {}).html
    assert f'<img src="{qr_image(plan.parts[0].qr_url)}"' in html
    assert "data:image/svg" not in html


def test_the_module_handout_html_is_in_the_order_the_clinic_needs(sample: m.Project) -> None:
    plan = {p.name: p for p in _plans(sample)}["moving-well"]
    html = compose(plan, {}).html
    marks = ['class="ck-header"', "<h1>", 'class="ck-summary"', 'class="ck-red-flags ', "<h2",
             "Exercises to try at home", "Check your understanding", "Key points", "Sources",
             "Words used in this handout", "Answers", 'class="ck-qr"']
    positions = [html.index(mark) for mark in marks]
    assert positions == sorted(positions), list(zip(marks, positions))
    assert 'class="ck-tick"' in html and 'class="ck-box"' in html
    assert "ck-quiz__answer" not in html  # answers only at the end
    assert 'lang="en-GB"' in html and "<title>Moving well" in html
    assert 'name="dcterms.created" content="2026-11-01T00:00:00Z"' in html


def test_speaker_notes_never_reach_a_handouts_html(sample: m.Project) -> None:
    for plan in _plans(sample):
        html = compose(plan, {}).html
        for part in plan.parts:
            for notes in (b for b in m.walk_blocks(tuple(part.module.blocks())) if isinstance(b, m.Notes)):
                for block in m.walk_blocks(notes.blocks):
                    if isinstance(block, m.Paragraph):
                        text = m.plain_text(block.inlines)
                        assert len(text) < 25 or text[:40] not in html, (plan.name, text)


def test_the_footer_carries_version_dates_leaflet_id_and_disclaimer(sample: m.Project) -> None:
    plan = {p.name: p for p in _plans(sample)}["warning-signs-large"]
    html = compose(plan, {}).html
    footer = html[html.index('class="ck-footer"'):html.index("</div>", html.index('class="ck-footer"'))]
    for text in ("Version 1.0.0", "Reviewed 1 November 2026", "Next review 1 November 2027", "SPN-LN-001-02-LP",
                 "ck-pageno", "does not replace advice"):
        assert text in footer
    assert 'class="ck-large ck-module"' in html


def test_content_is_escaped_by_the_templates(make_project: ProjectFactory) -> None:
    hostile = MODULE.replace("title: Keep moving", 'title: "<script>alert(1)</script> Keep moving"')
    root = make_project({"01-keep-moving.md": hostile}, course_yml=COURSE_YML + "leaflet_id: \"<b>X</b>\"\n")
    project = run_check(root).project
    for plan in plan_course_handouts(project, project.courses[0], paper="a4", created=CREATED):
        html = compose(plan, {}).html
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "<b>X</b>" not in html


def test_the_guide_has_agenda_timings_notes_answers_and_materials(sample: m.Project) -> None:
    course = sample.courses[0]
    plan = plan_guide(course, paper="a4", created=CREATED)
    assert [row.start for row in plan.agenda][:2] == [0, course.modules[0].meta.duration]
    assert sum(row.minutes for row in plan.agenda) == sum(mod.meta.duration for mod in course.modules)
    html = compose(plan).html
    assert "Agenda" in html and "Checklist of materials" in html and "Speaker notes" in html
    assert "0:00–" + minutes_label(course.modules[0].meta.duration) in html
    assert "This is the most important module in the course" in html  # a speaker note
    assert "Call 999 or go to A&amp;E now" in html  # a quiz answer
    assert str(plan.path) == f"guide/{SAMPLE_ID}/facilitator-guide.pdf"


def test_a_course_without_a_site_address_has_no_qr(make_project: ProjectFactory) -> None:
    project = run_check(make_project()).project
    plans = plan_handouts(project.courses[0], paper="letter", created=CREATED)
    assert all(p.paper == "letter" for p in plans)
    html = compose(plans[0], {}).html
    assert 'class="ck-qr"' not in html
    assert re.search(r'class="ck-red-flags ', html)


def test_identifiers_are_stable_and_distinct(sample: m.Project) -> None:
    first = [p.identifier for p in _plans(sample)]
    again = [p.identifier for p in _plans(sample)]
    assert first == again and len(set(first)) == len(first)
    assert {p.identifier for p in _plans(sample, "letter")}.isdisjoint(first)


def test_a_theme_without_print_css_still_names_the_file() -> None:
    theme_yml = (REPO / "themes" / "default" / "theme.yml").read_text()
    assert re.search(r"^print_css: print.css$", theme_yml, re.M)
    assert (REPO / "themes" / "default" / "print.css").is_file()
    assert Path  # keep the import used
