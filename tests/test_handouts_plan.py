"""Handout plans and their HTML, without WeasyPrint: what each document holds, and in which order."""

from __future__ import annotations

import datetime as dt
from html import unescape
import re
import sys

import pytest

from tests.conftest import COURSE_YML, FOOT_COURSE, MODULE, REPO, SAMPLE_COURSES, SPINE_COURSE, ProjectFactory
from toolkit import model as m
from toolkit.check import run_check
from toolkit.handouts import plan_course_handouts
from toolkit.handouts.compose import compose, qr_image, short_link
from toolkit.handouts.plan import minutes_label, plan_guide, plan_handouts

CREATED = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
# Each sample course's own names the tests look for: its first module, a module with exercises and quizzes
# (and its title), glossary words of its warning-signs module, and the large-print warning-signs leaflet's id.
EXPECTED = {
    SPINE_COURSE: {"first": "why-your-leg-feels-numb", "exercises": "moving-well", "exercises_title": "Moving well",
                   "terms": ("A&E", "bladder"), "leaflet": "SPN-LN-001-02-LP",
                   # exercises on the leaflet, and one kept off it by `::: only site, slides, booklet`
                   "kept_and_left_off": (("Pelvic tilt",), ("Knee rolls",))},
    FOOT_COURSE: {"first": "why-diabetes-affects-your-feet", "exercises": "your-daily-foot-check",
                  "exercises_title": "Your daily foot check", "terms": ("A&E", "ulcer"), "leaflet": "DIA-FT-001-02-LP",
                  "kept_and_left_off": (("Your daily foot check",), ())},
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
    for plan in _plans(sample, course_id):
        if plan.kind != "module":
            continue
        part = plan.parts[0]
        assert part.qr_url == f"https://example.org/courses/{course_id}/{part.module.id}/"  # mkdocs.yml's site_url
    booklet = next(plan for plan in _plans(sample, course_id) if plan.kind == "booklet")
    assert booklet.qr_url == f"https://example.org/courses/{course_id}/"  # the course's home page


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
def test_the_module_leaflet_html_is_in_the_order_the_clinic_needs(sample: m.Project, course_id: str) -> None:
    plan = {p.name: p for p in _plans(sample, course_id)}[EXPECTED[course_id]["exercises"]]
    html = compose(plan, {}).html
    marks = ['class="ck-header"', "<h1>", 'class="ck-summary"', 'class="ck-red-flags ', "Key points", 'class="ck-qr"',
             "Exercises to try at home", "Words used in this handout", "Sources:"]
    positions = [html.index(mark) for mark in marks]
    assert positions == sorted(positions), list(zip(marks, positions))
    assert 'class="ck-tick"' in html
    # A leaflet, not the lesson printed: no sections, no quiz; the exercises the author kept off it stay off.
    assert "Check your understanding" not in html and "Answers" not in html
    module = plan.parts[0].module
    assert all(m.plain_text(s.title) not in html for s in module.sections)
    kept, left_off = EXPECTED[course_id]["kept_and_left_off"]
    assert all(title in html for title in kept) and not any(title in html for title in left_off)
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


TWO_RIGHT = """
::: quiz
Which of these help your back?

- [x] Short walks
- [x] Changing position often
- [ ] Lying still all day
:::

::: quiz
How often should you walk?

- [ ] Never
- [x] Each day
:::
"""


def _quiz_section(html: str) -> str:
    """The worksheet and what follows it."""
    return html[html.index('class="ck-worksheet"'):]


def test_a_question_with_several_right_answers_is_not_asked_for_one_tick(make_project: ProjectFactory) -> None:
    from toolkit.labels import ENGLISH

    project = run_check(make_project({"01-keep-moving.md": MODULE + TWO_RIGHT})).project
    plans = {p.name: p for p in plan_course_handouts(project, project.courses[0], paper="a4", created=CREATED)}
    assert {"keep-moving", "booklet"} <= set(plans)
    for name, lead in (("booklet", ENGLISH.handout_quiz_lead_booklet_several),):  # the quiz is in the full lesson
        worksheet = _quiz_section(compose(plans[name], {}).html)
        assert "Tick one answer" not in worksheet
        assert f'<p class="ck-lead-in">{lead}</p>' in worksheet
        # The note stands under the question with two right answers, and only there.
        first, second = worksheet.split('class="ck-quiz"')[1:3]
        assert f'<p class="ck-quiz__several">{ENGLISH.handout_quiz_several}</p>' in first
        assert "ck-quiz__several" not in second


def test_questions_with_one_right_answer_each_keep_the_one_tick_lead(make_project: ProjectFactory) -> None:
    from toolkit.labels import ENGLISH

    one_right = TWO_RIGHT.replace("- [x] Changing position often", "- [ ] Changing position often")
    project = run_check(make_project({"01-keep-moving.md": MODULE + one_right})).project
    plan = {p.name: p for p in plan_course_handouts(project, project.courses[0], paper="a4", created=CREATED)}["booklet"]
    worksheet = _quiz_section(compose(plan, {}).html)
    assert f'<p class="ck-lead-in">{ENGLISH.handout_quiz_lead_booklet}</p>' in worksheet
    assert "ck-quiz__several" not in worksheet


FOOT_GLOSSARY = ("Charcot foot: A foot whose bones and joints are damaged by nerve problems, so it changes shape.\n"
                 "ulcer: An open sore on the skin that is slow to heal.\n")
FOOT_CARE = MODULE.replace("Keep moving", "Foot care").replace("""::: red-flags at-once
- You cannot control your bladder
:::""", """Check your feet each day for an ulcer.

::: red-flags at-once
- Your foot is hot, red and swollen: it may be Charcot foot
:::""")
SHOES = (MODULE.replace("Keep moving", "Good shoes").replace("Walk a little each day.", "Wear soft shoes that fit.")
         .replace("""::: red-flags at-once
- You cannot control your bladder
:::""", "Look inside each shoe before you put it on."))


def test_the_words_list_names_the_terms_of_the_red_flags_box_on_page_one(make_project: ProjectFactory) -> None:
    """Each handout shows a red-flags box, this module's or (here, for the second) the course's first."""
    root = make_project({"01-foot-care.md": FOOT_CARE, "02-good-shoes.md": SHOES}, files={"glossary.yml": FOOT_GLOSSARY})
    result = run_check(root)
    project = result.project
    plans = {p.name: p for p in plan_course_handouts(project, project.courses[0], paper="a4", created=CREATED)}
    shoes = plans["good-shoes"].parts[0]
    assert shoes.red_flags_from is not None and shoes.red_flags_from.id == "foot-care"
    assert [e.term for e in shoes.glossary] == ["Charcot foot"]
    html = compose(plans["good-shoes"], {}).html
    words = html[html.index("Words used in this handout"):]
    assert "Charcot foot" in words
    # The module's own box comes first on its page, so its terms lead the list.
    assert [e.term for e in plans["foot-care"].parts[0].glossary] == ["Charcot foot", "ulcer"]
@every_course
def test_a_leaflet_explains_the_words_it_shows_and_only_those(sample: m.Project, course_id: str) -> None:
    course = _course(sample, course_id)
    for plan in _plans(sample, course_id):
        if plan.kind != "module":
            continue
        part = plan.parts[0]
        html = compose(plan, {}).html
        words_at = html.index("Words used in this handout") if part.leaflet_glossary else len(html)
        shown = unescape(re.sub(r"<[^>]+>", " ", html[:words_at])).lower()
        for entry in part.leaflet_glossary:
            assert any(re.search(rf"\b{re.escape(form.lower())}", shown) for form in entry.forms), (plan.name, entry.term)
        # Every glossary word on the leaflet's warning signs is explained, even when the signs come from another module.
        for block in part.red_flags:
            text = " ".join(m.plain_text(b.inlines) for b in m.walk_blocks(block.blocks) if isinstance(b, m.Paragraph)).lower()
            for entry in course.glossary:
                if any(re.search(rf"\b{re.escape(form.lower())}\b", text) for form in entry.forms):
                    assert entry in part.leaflet_glossary, (plan.name, entry.term)


QUESTIONS = MODULE.replace("sources:\n", "questions:\n  - What is causing my pain?\n  - When can I <b>drive</b> again?\n"
                                         "sources:\n")


def test_the_leaflet_lists_the_questions_to_ask_after_the_key_points_with_a_box_to_tick(
        make_project: ProjectFactory) -> None:
    address = "site_name: Test\nsite_url: https://example.org/learn/\n"
    project = run_check(make_project({"01-keep-moving.md": QUESTIONS}, mkdocs_yml=address)).project
    plans = {p.name: p for p in plan_course_handouts(project, project.courses[0], paper="a4", created=CREATED)}
    for name in ("keep-moving", "keep-moving-large"):
        html = compose(plans[name], {}).html
        points = html.index(">Key points</h2>")
        heading = html.index(">Questions to ask your care team</h2>")
        section = html[html.rindex("<section", 0, heading):html.index("</section>", heading)]
        assert points < heading < html.index('class="ck-qr"')
        assert section.startswith('<section class="ck-keep"')  # kept whole, as the key points are
        items = re.findall(r"<li>(.*?)</li>", section, re.S)
        assert items == ['<span class="ck-tick" aria-hidden="true"></span>What is causing my pain?',
                         '<span class="ck-tick" aria-hidden="true"></span>When can I &lt;b&gt;drive&lt;/b&gt; again?']
    # The booklet has them after the key points too; a module without questions has no heading.
    booklet = compose(plans["booklet"], {}).html
    assert booklet.index(">Key points</h") < booklet.index(">Questions to ask your care team</h") < booklet.index(
        "What is causing my pain?")
    plain = run_check(make_project({"01-keep-moving.md": MODULE})).project
    html = compose(plan_course_handouts(plain, plain.courses[0], paper="a4", created=CREATED)[0], {}).html
    assert "Questions to ask" not in html and "ck-questions" not in html
