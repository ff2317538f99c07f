"""Handout plans and their HTML, without WeasyPrint: what each document holds, and in which order."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import COURSE_YML, FOOT_COURSE, MODULE, REPO, SAMPLE_COURSES, SPINE_COURSE, ProjectFactory
from toolkit import model as m
from toolkit.check import run_check
from toolkit.handouts import plan_course_handouts
from toolkit.handouts.compose import compose, qr_image, short_link
from toolkit.handouts.plan import minutes_label, plan_guide, plan_handouts
from toolkit.site.pages import module_page_uri, page_address

CREATED = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
# Each sample course's own names the tests look for: its first module, a module with exercises and quizzes
# (and its title), glossary words of its warning-signs module, and the large-print warning-signs leaflet's id.
EXPECTED = {
    SPINE_COURSE: {"first": "why-your-leg-feels-numb", "exercises": "moving-well", "exercises_title": "Moving well",
                   "terms": ("A&E", "bladder"), "leaflet": "SPN-LN-001-02-LP"},
    FOOT_COURSE: {"first": "why-diabetes-affects-your-feet", "exercises": "your-daily-foot-check",
                  "exercises_title": "Your daily foot check", "terms": ("A&E", "ulcer"), "leaflet": "DIA-FT-001-02-LP"},
}
every_course = pytest.mark.parametrize("course_id", SAMPLE_COURSES)


@pytest.fixture(scope="module")
def sample() -> m.Project:
    result = run_check(REPO)
    assert not result.diagnostics.errors, result.diagnostics.format_text(REPO)
    return result.project


def _course(project: m.Project, course_id: str) -> m.Course:
    (course,) = [c for c in project.courses if c.id == course_id]
    return course


def _plans(project: m.Project, course_id: str, paper: str = "a4"):  # type: ignore[no-untyped-def]
    return plan_course_handouts(project, _course(project, course_id), paper=paper, created=CREATED)  # type: ignore[arg-type]


def test_every_sample_course_has_its_expected_names() -> None:
    assert sorted(EXPECTED) == sorted(SAMPLE_COURSES)


@every_course
def test_every_module_gets_a_standard_and_a_large_print_handout_then_the_booklet(sample: m.Project, course_id: str) -> None:
    course = _course(sample, course_id)
    paths = [str(p.path) for p in _plans(sample, course_id)]
    expected = []
    for module in course.modules:
        expected += [f"handouts/{course_id}/{module.id}.pdf", f"handouts/{course_id}/{module.id}-large.pdf"]
    assert paths == expected + [f"handouts/{course_id}/booklet.pdf"]
    assert f"/{EXPECTED[course_id]['first']}.pdf" in paths[0]  # the id drops the number and `.md`


def test_the_plan_does_not_import_weasyprint() -> None:
    # Other tests may have imported WeasyPrint already; check in a fresh process.
    import subprocess

    code = ("import sys; from toolkit.handouts import plan, compose; import toolkit.handouts; "
            "sys.exit(1 if 'weasyprint' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


@every_course
def test_a_module_without_warning_signs_shows_the_courses_on_page_one(sample: m.Project, course_id: str) -> None:
    plans = {p.name: p for p in _plans(sample, course_id)}
    first = plans[EXPECTED[course_id]["first"]].parts[0]
    assert not any(isinstance(b, m.RedFlags) for b in m.walk_blocks(tuple(first.module.blocks())))
    assert first.red_flags and first.red_flags_from is not None
    assert first.red_flags_from.id == "warning-signs"
    own = plans["warning-signs"].parts[0]
    assert own.red_flags and own.red_flags_from is None


@every_course
def test_exercises_and_quizzes_stand_after_the_sections_and_notes_are_gone(sample: m.Project, course_id: str) -> None:
    part = {p.name: p for p in _plans(sample, course_id)}[EXPECTED[course_id]["exercises"]].parts[0]
    assert part.exercises and part.quizzes
    kept = list(m.walk_blocks(tuple(part.body.blocks())))
    assert not any(isinstance(b, (m.Exercise, m.Quiz, m.Notes)) for b in kept)


@every_course
def test_the_glossary_lists_the_terms_used_in_order_of_first_use(sample: m.Project, course_id: str) -> None:
    part = {p.name: p for p in _plans(sample, course_id)}["warning-signs"].parts[0]
    terms = [e.term for e in part.glossary]
    assert all(term in terms for term in EXPECTED[course_id]["terms"]), terms
    assert len(terms) == len(set(terms))
    course_terms = {e.term for e in _course(sample, course_id).glossary}
    assert set(terms) <= course_terms


@every_course
def test_qr_addresses_are_the_sites_module_pages(sample: m.Project, course_id: str) -> None:
    course = _course(sample, course_id)
    for plan in _plans(sample, course_id):
        if plan.kind != "module":
            continue
        part = plan.parts[0]
        assert part.qr_url == course.meta.site_url.rstrip("/") + "/" + page_address(module_page_uri(course, part.module))
        assert part.qr_url.endswith(f"/{course_id}/{part.module.id}/")


@every_course
def test_a_qr_code_is_named_by_its_address_and_drawn_only_when_rendered(sample: m.Project, course_id: str) -> None:
    url = "https://example.org/courses/x/y/?a=1&b=2"
    assert qr_image(url) == "ck-qr:https%3A%2F%2Fexample.org%2Fcourses%2Fx%2Fy%2F%3Fa%3D1%26b%3D2"
    assert short_link(url) == "example.org/courses/x/y"
    plan = {p.name: p for p in _plans(sample, course_id)}[EXPECTED[course_id]["exercises"]]
    html = compose(plan, {}).html
    assert f'<img src="{qr_image(plan.parts[0].qr_url)}"' in html
    assert "data:image/svg" not in html


@every_course
def test_the_module_handout_html_is_in_the_order_the_clinic_needs(sample: m.Project, course_id: str) -> None:
    plan = {p.name: p for p in _plans(sample, course_id)}[EXPECTED[course_id]["exercises"]]
    html = compose(plan, {}).html
    marks = ['class="ck-header"', "<h1>", 'class="ck-summary"', 'class="ck-red-flags ', "<h2",
             "Exercises to try at home", "Check your understanding", "Key points", "Sources",
             "Words used in this handout", "Answers", 'class="ck-qr"']
    positions = [html.index(mark) for mark in marks]
    assert positions == sorted(positions), list(zip(marks, positions))
    assert 'class="ck-tick"' in html and 'class="ck-box"' in html
    assert "ck-quiz__answer" not in html  # answers only at the end
    assert 'lang="en-GB"' in html and f"<title>{EXPECTED[course_id]['exercises_title']}" in html
    assert 'name="dcterms.created" content="2026-11-01T00:00:00Z"' in html


@every_course
def test_speaker_notes_never_reach_a_handouts_html(sample: m.Project, course_id: str) -> None:
    for plan in _plans(sample, course_id):
        html = compose(plan, {}).html
        for part in plan.parts:
            for notes in (b for b in m.walk_blocks(tuple(part.module.blocks())) if isinstance(b, m.Notes)):
                for block in m.walk_blocks(notes.blocks):
                    if isinstance(block, m.Paragraph):
                        text = m.plain_text(block.inlines)
                        assert len(text) < 25 or text[:40] not in html, (plan.name, text)


@every_course
def test_the_footer_carries_version_dates_leaflet_id_and_disclaimer(sample: m.Project, course_id: str) -> None:
    plan = {p.name: p for p in _plans(sample, course_id)}["warning-signs-large"]
    html = compose(plan, {}).html
    footer = html[html.index('class="ck-footer"'):html.index("</div>", html.index('class="ck-footer"'))]
    for text in ("Version 1.0.0", "Reviewed 1 November 2026", "Next review 1 November 2027", EXPECTED[course_id]["leaflet"],
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


@every_course
def test_the_guide_has_agenda_timings_notes_answers_and_materials(sample: m.Project, course_id: str) -> None:
    course = _course(sample, course_id)
    plan = plan_guide(course, paper="a4", created=CREATED)
    assert [row.start for row in plan.agenda][:2] == [0, course.modules[0].meta.duration]
    assert sum(row.minutes for row in plan.agenda) == sum(mod.meta.duration for mod in course.modules)
    html = compose(plan).html
    assert "Agenda" in html and "Checklist of materials" in html and "Speaker notes" in html
    assert "0:00–" + minutes_label(course.modules[0].meta.duration) in html
    assert "This is the most important module in the course" in html  # a speaker note
    assert "Call 999 or go to A&amp;E now" in html  # a quiz answer
    assert str(plan.path) == f"guide/{course_id}/facilitator-guide.pdf"


def test_a_course_without_a_site_address_has_no_qr(make_project: ProjectFactory) -> None:
    project = run_check(make_project()).project
    plans = plan_handouts(project.courses[0], paper="letter", created=CREATED)
    assert all(p.paper == "letter" for p in plans)
    html = compose(plans[0], {}).html
    assert 'class="ck-qr"' not in html
    assert re.search(r'class="ck-red-flags ', html)


@every_course
def test_identifiers_are_stable_and_distinct(sample: m.Project, course_id: str) -> None:
    first = [p.identifier for p in _plans(sample, course_id)]
    again = [p.identifier for p in _plans(sample, course_id)]
    assert first == again and len(set(first)) == len(first)
    assert {p.identifier for p in _plans(sample, course_id, "letter")}.isdisjoint(first)


def test_no_two_sample_courses_share_a_document_identifier(sample: m.Project) -> None:
    identifiers = [p.identifier for course_id in SAMPLE_COURSES for p in _plans(sample, course_id)]
    assert len(identifiers) > len(SAMPLE_COURSES) and len(set(identifiers)) == len(identifiers)


def test_a_theme_without_print_css_still_names_the_file() -> None:
    theme_yml = (REPO / "themes" / "default" / "theme.yml").read_text()
    assert re.search(r"^print_css: print.css$", theme_yml, re.M)
    assert (REPO / "themes" / "default" / "print.css").is_file()
    assert Path  # keep the import used
