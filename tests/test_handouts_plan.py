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
from toolkit.handouts.plan import MaterialLine as PlanLine
from toolkit.handouts.plan import (CARD_FONT_SIZES, CARD_MM, CardSide, card_font_size, minutes_label, plan_guide,
                                   plan_handouts, plan_printables, wallet_card)

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


# What goes where: the body keeps what is written for the booklet, the leaflet what is written for print


BLOCKS_FOR_OUTPUTS = MODULE + """
::: notes
Say this aloud only.
:::

This paragraph follows the notes.

::: only booklet
Only the booklet shows this.
:::

::: only site
Only the site shows this.
:::

:::: only handout
Print this on the leaflet.

::: quiz
Is this quiz on the leaflet?

- [x] No
- [ ] Yes
:::

::: exercise Seated march
1. Lift one knee, then the other.
:::
::::

::: exercise Heel slide
1. Slide one heel towards you.
:::

:::: only booklet
::: exercise Knee rolls
1. Roll your knees to one side.
:::
::::
"""


def _texts(blocks: tuple[m.Block, ...]) -> list[str]:
    return [m.plain_text(b.inlines) for b in m.walk_blocks(blocks) if isinstance(b, m.Paragraph)]


def test_the_body_keeps_the_booklets_content_and_the_leaflet_what_is_written_for_print(
        make_project: ProjectFactory) -> None:
    result = run_check(make_project({"01-keep-moving.md": BLOCKS_FOR_OUTPUTS}))
    assert not result.diagnostics.errors, result.diagnostics.format_text(REPO)
    part = plan_handouts(result.project.courses[0], paper="a4", created=CREATED)[0].parts[0]
    body = _texts(tuple(part.body.blocks()))
    # Notes are left out, and what follows them stays; the booklet's own content is in, the site's is not.
    assert "This paragraph follows the notes." in body and "Say this aloud only." not in body
    assert "Only the booklet shows this." in body and "Only the site shows this." not in body
    assert [e.title for e in part.exercises] == ["Seated march", "Heel slide", "Knee rolls"]
    # The leaflet: what is written for print, never a quiz; every exercise but those kept for other outputs.
    assert _texts(part.leaflet) == ["Print this on the leaflet."]
    assert not any(isinstance(b, (m.Quiz, m.Notes, m.Exercise)) for b in part.leaflet)
    assert [e.title for e in part.leaflet_exercises] == ["Seated march", "Heel slide"]


# The words on page one


FOOT_CARE_WORDS = FOOT_CARE.replace("summary: Moving a little each day helps you.",
                                    "summary: An ulcer on your foot heals slowly.").replace(
    "## Why moving helps you", "## When to see a podiatrist")
WORDS_GLOSSARY = (FOOT_GLOSSARY.replace("ulcer:", "Ulcer:") + "podiatrist: A health professional who treats feet.\n"
                  "A&E: Accident and emergency.\n")
URGENCY_WORDS = COURSE_YML + """\
urgency:
  at-once:
    title: "Go to A&E now if you have any of these"
    action: "Go to A&E now."
"""


def test_page_ones_warning_signs_lead_the_words_then_the_summary_and_headings_follow(
        make_project: ProjectFactory) -> None:
    root = make_project({"01-foot-care.md": FOOT_CARE_WORDS, "02-good-shoes.md": SHOES},
                        files={"glossary.yml": WORDS_GLOSSARY}, course_yml=URGENCY_WORDS)
    project = run_check(root).project
    plans = {p.name: p for p in plan_handouts(project.courses[0], paper="a4", created=CREATED)}
    own = plans["foot-care"].parts[0]
    # The box's words first (its tier's, from course.yml, then its signs'), even though the summary comes earlier
    # in the file; a word only in a heading counts.
    assert [e.term for e in own.glossary] == ["A&E", "Charcot foot", "Ulcer", "podiatrist"]
    # The leaflet explains the tier's own words too ("A&E" in the title and action from course.yml).
    assert "A&E" in [e.term for e in own.leaflet_glossary]
    borrowed = plans["good-shoes"].parts[0]
    assert borrowed.red_flags_from is not None and borrowed.red_flags_from.id == "foot-care"
    assert [e.term for e in borrowed.leaflet_glossary][:2] == ["A&E", "Charcot foot"]
    # The booklet explains every module's words once, the tiers' among them, in alphabetical order whatever their case.
    assert [e.term for e in plans["booklet"].glossary] == ["A&E", "Charcot foot", "podiatrist", "Ulcer"]


def test_planning_the_leaflets_alone_leaves_out_the_booklet_and_its_words(make_project: ProjectFactory) -> None:
    root = make_project({"01-foot-care.md": FOOT_CARE_WORDS}, files={"glossary.yml": WORDS_GLOSSARY})
    course = run_check(root).project.courses[0]
    plans = plan_handouts(course, paper="a4", created=CREATED, leaflets_only=True)
    assert [p.name for p in plans] == ["foot-care", "foot-care-large"]
    assert all(p.parts[0].glossary == () and p.parts[0].leaflet_glossary for p in plans)
    full = plan_handouts(course, paper="a4", created=CREATED)
    assert [e.term for e in full[0].parts[0].glossary] == ["Charcot foot", "Ulcer", "podiatrist"]


# Each document's name, title, kind, leaflet number and identifier


def test_each_handout_has_its_kind_title_leaflet_number_and_the_clinic(make_project: ProjectFactory) -> None:
    modules = {"01-keep-moving.md": MODULE, "02-good-shoes.md": SHOES}
    course = run_check(make_project(modules, course_yml=COURSE_YML + "leaflet_id: SML-7\n")).project.courses[0]
    plans = plan_handouts(course, paper="a4", created=CREATED)
    assert [(p.kind, p.name, p.title, p.variant, p.footer.leaflet_id) for p in plans] == [
        ("module", "keep-moving", "Keep moving", "standard", "SML-7-01"),
        ("module", "keep-moving-large", "Keep moving", "large", "SML-7-01-LP"),
        ("module", "good-shoes", "Good shoes", "standard", "SML-7-02"),
        ("module", "good-shoes-large", "Good shoes", "large", "SML-7-02-LP"),
        ("booklet", "booklet", "A small course", "standard", "SML-7-BK"),
    ]
    assert [p.parts[0].number for p in plans[:4]] == [1, 1, 2, 2] and len(plans[4].parts) == 2
    assert {(p.clinic.name, p.clinic.phone) for p in plans} == {("A clinic", "01632 960000")}  # course.yml's
    assert {p.footer.version for p in plans} == {"1.0.0"}
    theirs = run_check(make_project(modules, course_yml=COURSE_YML.replace(
        'contact:\n  name: A clinic\n  phone: "01632 960000"\n', ""))).project.courses[0]
    assert {p.clinic.name for p in plan_handouts(theirs, paper="a4", created=CREATED)} == {"Your clinic"}  # the theme's


def test_a_document_identifier_is_fixed_by_the_document_and_the_course_version(make_project: ProjectFactory) -> None:
    # Modules named like other documents (`booklet`, `keep-moving-large`) still get identifiers of their own.
    modules = {"01-keep-moving.md": MODULE, "02-keep-moving-large.md": SHOES, "03-booklet.md": SHOES}
    course = run_check(make_project(modules)).project.courses[0]
    first = [p.identifier for p in plan_handouts(course, paper="a4", created=CREATED)]
    assert len(set(first)) == len(first) == 7
    assert all(re.fullmatch(rb"[0-9a-f]{32}", ident) for ident in first)  # 16 bytes, as a PDF's /ID has them
    # A pinned value: the same document of the same course version keeps its identifier from release to release.
    assert first[0] == b"5df973ab6e3c47a3a283dbde508be06f"
    newer = run_check(make_project(modules, course_yml=COURSE_YML.replace('"1.0.0"', '"1.0.1"'))).project.courses[0]
    assert set(first).isdisjoint(p.identifier for p in plan_handouts(newer, paper="a4", created=CREATED))


# The facilitator guide: the agenda, each module's part and the list of what to prepare


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'
QUIZ = "\n::: quiz\nHow often should you walk?\n\n- [ ] Never\n- [x] Each day\n:::\n"


def _with_materials(module: str, items: str, minutes: int) -> str:
    return module.replace("duration: 10", f"duration: {minutes}").replace("sources:\n", f"materials:\n{items}sources:\n")


GUIDE_COURSE = COURSE_YML.replace('line: "999"', 'line: "112"') + """\
leaflet_id: SML-7
materials:
  - Name badges
  - print: wallet-card
    copies: one for each person
  - print: media/body-outline.svg
"""
GUIDE_MODULES = {
    "01-keep-moving.md": _with_materials(MODULE, "  - Hand mirrors\n"
                                                 "  - print: media/body-outline.svg\n    copies: two for each table\n", 10),
    # The same picture under another title (one file, so one line with module 1's), and with other copies.
    "02-good-shoes.md": _with_materials(SHOES, "  - Hand mirrors\n"
                                               "  - print: media/body-outline.svg\n    title: Outline of a body\n"
                                               "    copies: two for each table\n"
                                               "  - print: media/body-outline.svg\n    copies: one each\n", 15) + QUIZ,
    "03-rest.md": _with_materials(SHOES.replace("Good shoes", "Rest"), "", 20),
}


def test_the_guide_has_each_module_in_order_with_its_start_and_what_it_needs(make_project: ProjectFactory) -> None:
    root = make_project(GUIDE_MODULES, course_yml=GUIDE_COURSE, files={"media/body-outline.svg": SVG})
    course = run_check(root).project.courses[0]
    plan = plan_guide(course, paper="letter", created=CREATED)
    assert (plan.kind, str(plan.path), plan.name, plan.title, plan.variant, plan.paper, plan.footer.leaflet_id) == (
        "guide", "guide/small/facilitator-guide.pdf", "facilitator-guide", "A small course: facilitator guide",
        "standard", "letter", "SML-7-FG")
    assert [(row.module.id, row.number, row.start, row.minutes) for row in plan.agenda] == [
        ("keep-moving", 1, 0, 10), ("good-shoes", 2, 10, 15), ("rest", 3, 25, 20)]
    assert [(g.number, len(g.quizzes)) for g in plan.guide] == [(1, 0), (2, 1), (3, 0)]
    outline = "Body outline: print body-outline.pdf"
    assert plan.guide[0].materials == (PlanLine("Hand mirrors"), PlanLine(outline, "two for each table", "body-outline.pdf"))
    assert plan.guide[2].materials == ()
    assert plan.materials == (
        PlanLine("The module handouts (3 modules), one set for each learner"),
        PlanLine("Large-print handouts for anyone who asks for them"),
        PlanLine("The booklet with every module, for learners who want it all in one place"),
        PlanLine("The workshop slides (workshop.pptx), on a laptop and a projector or screen"),
        PlanLine("Pens or pencils for the quiz worksheets"),  # module 2 has a quiz
        PlanLine("The emergency line (112) written up where everyone can see it"),  # course.yml's, not the theme's
        PlanLine("Name badges"),
        PlanLine("Wallet card of the warning signs: print wallet-card.pdf", "one for each person", "wallet-card.pdf"),
        PlanLine(outline, None, "body-outline.pdf"),
        # Each module's needs once, with the modules that need them: one picture is one file, whatever its title.
        PlanLine("Hand mirrors", modules=(1, 2)),
        PlanLine("Outline of a body: print body-outline.pdf", "two for each table", "body-outline.pdf", (1, 2)),
        PlanLine(outline, "one each", "body-outline.pdf", (2,)),
    )


def test_a_one_module_guide_without_quizzes_says_so_and_takes_the_themes_emergency_line(
        make_project: ProjectFactory) -> None:
    no_emergency = COURSE_YML.replace('emergency:\n  line: "999"\n  text: Call 999 now.\n', "")
    root = make_project({"01-keep-moving.md": MODULE}, course_yml=no_emergency + "materials:\n  - print: media/gone.svg\n")
    course = run_check(root).project.courses[0]  # check refuses the missing picture; the guide leaves it out
    assert [line.text for line in plan_guide(course, paper="a4", created=CREATED).materials] == [
        "The module handout (1 module), one for each learner",
        "Large-print handouts for anyone who asks for them",
        "The booklet with every module, for learners who want it all in one place",
        "The workshop slides (workshop.pptx), on a laptop and a projector or screen",
        "The emergency line (999) written up where everyone can see it",  # themes/default's
    ]


def test_minutes_are_shown_as_hours_and_minutes_from_the_start() -> None:
    assert [minutes_label(n) for n in (0, 5, 59, 60, 61, 125)] == ["0:00", "0:05", "0:59", "1:00", "1:01", "2:05"]


# The printables next to the guide: the wallet card and each picture


def test_each_printable_is_a_document_next_to_the_guide_and_a_changed_picture_a_new_one(
        make_project: ProjectFactory) -> None:
    files = {"media/body-outline.svg": SVG, "media/spine.svg": SVG.replace('width="10" height="10"/>', '/>')}
    course_yml = GUIDE_COURSE + "  - print: media/spine.svg\n    title: The spine\n"
    course = run_check(make_project(GUIDE_MODULES, course_yml=course_yml, files=files)).project.courses[0]
    plans = plan_printables(course, paper="a4", created=CREATED)
    assert [(p.kind, str(p.path), p.name, p.title, p.footer.leaflet_id) for p in plans] == [
        ("card", "guide/small/wallet-card.pdf", "wallet-card", "Wallet card of the warning signs", "SML-7-WC"),
        ("picture", "guide/small/body-outline.pdf", "body-outline", "Body outline", "SML-7-PR1"),
        ("picture", "guide/small/spine.pdf", "spine", "The spine", "SML-7-PR2"),
    ]
    assert plans[0].card == wallet_card(course) and plans[0].picture is None
    assert [p.picture.source for p in plans[1:] if p.picture] == ["media/body-outline.svg", "media/spine.svg"]
    assert len({p.identifier for p in plans}) == 3
    assert {(p.variant, p.created) for p in plans} == {("standard", CREATED)}
    letter = [p.identifier for p in plan_printables(course, paper="letter", created=CREATED)]
    assert set(letter).isdisjoint(p.identifier for p in plans)  # the same picture on other paper is another document
    redrawn = {**files, "media/spine.svg": SVG.replace("<rect", '<circle r="4"/><rect')}
    again = run_check(make_project(GUIDE_MODULES, course_yml=course_yml, files=redrawn)).project.courses[0]
    identifiers = [p.identifier for p in plan_printables(again, paper="a4", created=CREATED)]
    assert identifiers[:2] == [p.identifier for p in plans[:2]] and identifiers[2] != plans[2].identifier


# The wallet card: every tier's signs with its action, the most urgent on the front, in type that fits


@every_course
def test_the_wallet_card_shows_each_tiers_first_signs_once_the_most_urgent_on_the_front(
        sample: m.Project, course_id: str) -> None:
    course = _course(sample, course_id)
    front, back = wallet_card(course)
    assert [block.tier for block, _ in front.flags][:1] == ["at-once"]
    shown = [(block, module) for side in (front, back) for block, module in side.flags]
    assert [block.tier for block, _ in shown] == ["at-once", "same-day", "soon"]  # each tier once, in order
    for block, module in shown:  # the course's first block of its tier, with the module it is in
        first = next((b, mod) for mod in course.modules for b in m.walk_blocks(tuple(mod.blocks()))
                     if isinstance(b, m.RedFlags) and b.tier == block.tier)
        assert first[0] is block and first[1] is module
    assert (front.contact, back.contact) == (False, True)  # the clinic at the foot of the back
    # Pinned: tests/test_handouts_materials.py renders the sample card and finds every word inside its card.
    assert (front.font_size, back.font_size) == {SPINE_COURSE: (8.0, 7.5), FOOT_COURSE: (9.0, 6.5)}[course_id]


def _signs(tier: str, count: int) -> str:
    signs = "".join(f"- Sign {n}: your leg is suddenly weak and you cannot stand up\n" for n in range(count))
    return f"\n::: red-flags {tier}\n{signs}:::\n"


def test_the_tiers_after_the_first_go_to_the_side_where_the_type_is_largest(make_project: ProjectFactory) -> None:
    urgency = COURSE_YML + ("urgency:\n  same-day:\n    title: Call us today\n    action: Call the clinic today.\n"
                            "  soon:\n    title: See your GP soon\n    action: Book a visit to your GP.\n")

    def card(soon: int) -> tuple[CardSide, ...]:
        module = MODULE + _signs("same-day", 1) + _signs("soon", soon) + _signs("soon", 1)
        course = run_check(make_project({"01-keep-moving.md": module}, course_yml=urgency)).project.courses[0]
        return wallet_card(course)

    few = card(1)  # little to show: the front keeps the most urgent alone
    assert [[block.tier for block, _ in side.flags] for side in few] == [["at-once"], ["same-day", "soon"]]
    assert [len(block.blocks[0].items) for block, _ in few[1].flags] == [1, 1]  # the first `soon` block, not the second
    longer = card(3)  # a longer last tier: the second moves to the front, so both sides keep the largest type
    assert [[block.tier for block, _ in side.flags] for side in longer] == [["at-once", "same-day"], ["soon"]]
    assert [side.font_size for side in longer] == [9.0, 9.0]


def test_a_course_with_one_tier_has_it_on_the_front_and_the_clinic_on_the_back(make_project: ProjectFactory) -> None:
    course = run_check(make_project()).project.courses[0]
    front, back = wallet_card(course)
    assert [block.tier for block, _ in front.flags] == ["at-once"] and back.flags == ()
    assert (front.contact, back.contact) == (False, True)
    # The back's type makes room for the clinic's own name (course.yml's, not the theme's).
    long_name = COURSE_YML.replace("name: A clinic", "name: " + "The clinic for backs, legs and feet " * 30)
    crowded = run_check(make_project(course_yml=long_name)).project.courses[0]
    assert wallet_card(crowded)[1].font_size < back.font_size == 9.0


def test_a_course_without_warning_signs_still_gets_a_card_with_the_clinic(make_project: ProjectFactory) -> None:
    plain = MODULE.replace("::: red-flags at-once\n- You cannot control your bladder\n:::\n", "")
    course = run_check(make_project({"01-keep-moving.md": plain})).project.courses[0]
    assert wallet_card(course) == (CardSide((), False, 9.0), CardSide((), True, 9.0))


def test_the_cards_type_is_the_largest_size_that_fits_and_never_outside_its_bounds() -> None:
    assert CARD_MM == (85.6, 54.0)  # ID-1, a bank card
    assert (max(CARD_FONT_SIZES), min(CARD_FONT_SIZES)) == (9.0, 6.0)
    line = "Call 999 now if you cannot feel your legs."  # 42 characters
    sizes = [card_font_size([line] * n, heading=False) for n in range(20)]
    headed = [card_font_size([line] * n, heading=True) for n in range(20)]
    # Pinned: more text, smaller type, down to the smallest; the card's heading takes room on the front.
    assert sizes == [9.0] * 12 + [8.5, 7.5, 7.0, 6.5, 6.0, 6.0, 6.0, 6.0]
    assert headed == [9.0] * 11 + [8.0, 7.5, 7.0, 6.5, 6.0, 6.0, 6.0, 6.0, 6.0]
    assert card_font_size(["word " * 2000], heading=True) == 6.0  # far too much: the smallest, never less
    assert card_font_size([], heading=True) == card_font_size([""], heading=False) == 9.0
    # A line wraps by its length: one long line needs more room than one short line.
    assert card_font_size([line * 16], heading=False) < card_font_size([line], heading=False) == 9.0
    assert card_font_size(["x" * 47] * 10, heading=False) == 9.0 and card_font_size(["x" * 48] * 10, heading=False) < 9.0
