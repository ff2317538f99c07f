"""What the deck planner promises, read from the plans it makes (before any .pptx is written): which slides, in
what order, with which titles, notes and properties; the footer line; the pace warning."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from toolkit import model as m
from toolkit.slides import fit
from toolkit.slides.deck_model import DeckPlan, SlidePlan
from toolkit.slides.geometry import DEFAULT_GEOMETRY, Box, Geometry
from toolkit.slides.plan import Planner, plan_module_deck, plan_workshop_deck

from tests.conftest import COURSE_YML, ProjectFactory
from tests.slides_support import load_course

METRICS = fit.load_metrics("fontpkg_atkinson_hyperlegible", "Atkinson Hyperlegible")

HEAD = "---\ntitle: {title}\nsummary: About {title}.\nduration: {duration}\n---\n\n"

# Three modules: the first opens with a timing plan and some text before its first section, and has two quizzes
# and an alert; the second and third share a section title with the first.
KEEP_MOVING = HEAD.format(title="Keep moving", duration=10) + """\
::: notes
Spend two minutes on this.
:::

Moving helps.

## Why it matters

It helps you heal.

::: quiz
Is walking good for you?

- [x] Yes
- [ ] No
:::

## Practice

Try it now.

::: quiz
Is resting all day good for you?

- [ ] Yes
- [x] No
:::

::: red-flags at-once
- You cannot pee
:::
"""
REST_WELL = HEAD.format(title="Rest well", duration=15) + "## Why it matters\n\nSleep helps.\n\n## Sleep\n\nGo to bed.\n"
EAT_WELL = (HEAD.format(title="Eat well", duration=20)
            + "## Why it matters\n\nFood helps.\n\n::: quiz\nIs fruit good?\n\n- [x] Yes\n- [ ] No\n:::\n")
THREE_MODULES = {"01-keep-moving.md": KEEP_MOVING, "02-rest-well.md": REST_WELL, "03-eat-well.md": EAT_WELL}
FOOTER_BOX = DEFAULT_GEOMETRY.box("content", "footer")
STAMP = " · Version 1.0.0 · Reviewed 2026-11-01"  # COURSE_YML's version and review date, as the footer ends


@pytest.fixture
def three_modules(make_project: ProjectFactory) -> m.Course:
    return load_course(make_project(THREE_MODULES))


def planned(course: m.Course, **options) -> tuple[list[DeckPlan], list]:  # type: ignore[no-untyped-def]
    planner = Planner(course, DEFAULT_GEOMETRY, METRICS, **options)
    return [planner.module_deck(module) for module in course.modules] + [planner.workshop_deck()], planner.diagnostics


def titles(plan: DeckPlan) -> list[str]:
    return [s.title for s in plan.slides]


def lines_of(slide: SlidePlan, role: str = "body") -> list[str]:
    """The paragraphs of one of the slide's text frames."""
    frame = slide.frame(role)
    assert frame is not None, (slide.title, role)
    return [p.text for p in frame.paras]


def shown(plan: DeckPlan) -> str:
    """Every word on the deck's slides (titles too), none of its notes."""
    return "\n".join(f.text for s in plan.slides for f in s.frames)


def test_the_workshop_marks_slides_every_module_has_and_repeated_titles_with_their_module(
        three_modules: m.Course) -> None:
    workshop = planned(three_modules, quiz_answers="next-slide")[0][-1]
    assert [(s.kind, s.title) for s in workshop.slides] == [
        ("title", "A small course"),
        ("agenda", "Agenda"),
        ("section", "Keep moving"),  # a divider keeps its module's title, though the text after it shares it
        ("objectives", "What you will learn · module 1"),
        ("content", "Keep moving · module 1"),
        ("content", "Why it matters · module 1"),
        ("quiz", "Quick check 1 · module 1"),
        ("answer", "Quick check 1: the answer · module 1"),
        ("content", "Practice"),  # a title no other slide has stays as it is
        ("quiz", "Quick check 2 · module 1"),
        ("answer", "Quick check 2: the answer · module 1"),
        ("red-flags", "Get help at once if you notice any of these · module 1"),
        ("key-points", "Key points · module 1"),
        ("section", "Rest well"),
        ("objectives", "What you will learn · module 2"),
        ("content", "Why it matters · module 2"),
        ("content", "Sleep"),
        ("key-points", "Key points · module 2"),
        ("section", "Eat well"),
        ("objectives", "What you will learn · module 3"),
        ("content", "Why it matters · module 3"),
        ("quiz", "Quick check · module 3"),  # a module's only quiz is not numbered
        ("answer", "Quick check: the answer · module 3"),
        ("key-points", "Key points · module 3"),
        ("closing", "Thank you"),
    ]


def test_a_one_module_workshop_still_marks_the_slides_every_module_has(make_project: ProjectFactory) -> None:
    course = load_course(make_project({"01-rest-well.md": REST_WELL}))
    workshop = planned(course)[0][-1]
    assert titles(workshop) == ["A small course", "Agenda", "Rest well", "What you will learn · module 1",
                                "Why it matters", "Sleep", "Key points · module 1", "Thank you"]


def test_module_decks_are_titled_without_module_marks_and_quizzes_numbered_in_order(three_modules: m.Course) -> None:
    keep_moving, rest_well, eat_well, _ = planned(three_modules, quiz_answers="next-slide")[0]
    # The text before the first section repeats the module's title: the cover keeps it, the repeat is numbered.
    assert titles(keep_moving) == ["Keep moving", "What you will learn", "Keep moving 2", "Why it matters",
                                       "Quick check 1", "Quick check 1: the answer", "Practice",
                                       "Quick check 2", "Quick check 2: the answer",
                                       "Get help at once if you notice any of these", "Key points"]
    questions = [lines_of(s)[0] for s in keep_moving.slides if s.kind == "quiz"]
    assert questions == ["Is walking good for you?", "Is resting all day good for you?"]
    assert titles(rest_well) == ["Rest well", "What you will learn", "Why it matters", "Sleep", "Key points"]
    assert titles(eat_well) == ["Eat well", "What you will learn", "Why it matters", "Quick check",
                                "Quick check: the answer", "Key points"]


def test_quizzes_with_answers_in_the_notes_are_numbered_too(three_modules: m.Course) -> None:
    keep_moving = planned(three_modules, quiz_answers="notes")[0][0]
    quizzes = [(s.title, s.notes[0]) for s in keep_moving.slides if s.kind == "quiz"]
    assert quizzes == [("Quick check 1", "Answer: A. Yes"), ("Quick check 2", "Answer: B. No")]


def test_the_timing_plan_goes_with_the_opening_slide_and_the_text_before_the_sections_on_a_slide(
        three_modules: m.Course) -> None:
    keep_moving, rest_well, _, workshop = planned(three_modules)[0]
    assert keep_moving.slides[0].notes == ("Spend two minutes on this.",)
    divider = next(s for s in workshop.slides if s.kind == "section")
    assert divider.notes == ("About Keep moving.", "Spend two minutes on this.")
    intro = keep_moving.slides[2]
    assert (intro.kind, lines_of(intro), intro.notes) == ("content", ["Moving helps."], ("Moving helps.",))
    for plan in (keep_moving, workshop):
        assert "Spend two minutes" not in shown(plan)
        assert sum("Spend two minutes on this." in s.notes for s in plan.slides) == 1
    # Without a timing plan the opening slide's notes are the words it shows.
    assert rest_well.slides[0].notes == ("About Rest well.\nA small course · Module 2 · 15 minutes",)


def test_each_divider_gives_its_module_its_place_on_the_running_clock(three_modules: m.Course) -> None:
    workshop = planned(three_modules)[0][-1]
    dividers = [(s.title, lines_of(s, "subtitle")) for s in workshop.slides if s.kind == "section"]
    assert dividers == [("Keep moving", ["Module 1 · 10 minutes · 0:00–0:10"]),
                        ("Rest well", ["Module 2 · 15 minutes · 0:10–0:25"]),
                        ("Eat well", ["Module 3 · 20 minutes · 0:25–0:45"])]


def test_the_alert_slide_shows_its_signs_and_action_in_both_decks(three_modules: m.Course) -> None:
    keep_moving, _, _, workshop = planned(three_modules)[0]
    for plan in (keep_moving, workshop):
        (alert,) = [s for s in plan.slides if s.kind == "red-flags"]
        assert alert.layout == "alert"
        assert lines_of(alert) == ["You cannot pee", "Call 999 now."]
        assert alert.notes == ("• You cannot pee", "Call 999 now.")


def test_repeated_titles_are_numbered_without_taking_a_title_the_deck_has(make_project: ProjectFactory) -> None:
    body = "".join(f"## {title}\n\n{text}\n\n" for title, text in (
        ("Practice", "Walk."), ("Practice 1", "Stand."), ("Practice", "Sit."), ("Stretch", "Reach."), ("Stretch", "Bend.")))
    course = load_course(make_project({"01-practice.md": HEAD.format(title="Keep moving", duration=20) + body}))
    plan = planned(course)[0][0]
    assert [(s.title, *lines_of(s)) for s in plan.slides if s.kind == "content"] == [
        ("Practice 2", "Walk."), ("Practice 1", "Stand."), ("Practice 3", "Sit."),
        ("Stretch 1", "Reach."), ("Stretch 2", "Bend.")]


def test_the_cover_title_is_set_larger_than_any_slide_title(three_modules: m.Course) -> None:
    for plan in planned(three_modules)[0]:
        cover, *rest = plan.slides
        cover_title = cover.frame("title")
        assert cover.layout == "title" and cover_title.fits  # type: ignore[union-attr]
        assert all(cover_title.size > s.frame("title").size for s in rest), plan.name  # type: ignore[union-attr]


def test_titles_are_single_paragraphs_without_bullet_or_indent(three_modules: m.Course) -> None:
    for plan in planned(three_modules)[0]:
        for slide in plan.slides:
            (para,) = slide.frame("title").paras  # type: ignore[union-attr]
            assert (para.marker, para.level) == ("none", 0), (plan.name, slide.title)


def course_yml(*, drop: tuple[str, ...] = (), add: str = "") -> str:
    """COURSE_YML without the named top-level fields (and what is nested under them), plus ``add``."""
    lines, skipping = [], False
    for line in COURSE_YML.splitlines(keepends=True):
        if not line.startswith(" "):
            skipping = line.split(":")[0] in drop
        if not skipping:
            lines.append(line)
    return "".join(lines) + add


@pytest.mark.parametrize(("yml", "subject", "author"), [
    (course_yml(), "A small course", "A nurse"),
    (course_yml(add="summary: How to keep moving.\nsubtitle: After surgery\n"), "How to keep moving.", "A nurse"),
    (course_yml(add="subtitle: After surgery\n"), "After surgery", "A nurse"),
    (course_yml(drop=("authors",), add="authors:\n  - name: A nurse\n  - name: A surgeon\n"), "A small course",
     "A nurse; A surgeon"),
    (course_yml(drop=("authors",)), "A small course", "A clinic"),
    (course_yml(drop=("authors", "contact")), "A small course", "coursekit"),
], ids=["title", "summary", "subtitle", "two authors", "contact", "nobody"])
def test_deck_properties_come_from_course_yml(make_project: ProjectFactory, yml: str, subject: str,
                                              author: str) -> None:
    course = load_course(make_project({"01-rest-well.md": REST_WELL}, course_yml=yml))
    module_deck, workshop = planned(course)[0]
    assert (module_deck.name, module_deck.title) == ("rest-well", "Rest well")
    assert (workshop.name, workshop.title) == ("workshop", "A small course")
    for plan in (module_deck, workshop):
        assert (plan.subject, plan.author, plan.language) == (subject, author, "en-GB")


def test_decks_are_dated_1980_unless_given_a_date_and_every_option_reaches_the_plan(
        make_project: ProjectFactory) -> None:
    course = load_course(make_project({"01-keep-moving.md": KEEP_MOVING}))
    # Without a source date every deck carries the same fixed date, so the same input gives the same bytes.
    for plan in planned(course)[0]:
        assert plan.created == dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    when = dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.timezone.utc)
    module, found = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS, created=when,
                                     quiz_answers="next-slide")
    assert found == [] and module.created == when
    assert [s.kind for s in module.slides].count("answer") == 2
    workshop, found = plan_workshop_deck(course, DEFAULT_GEOMETRY, METRICS, created=when,
                                         qr_png=lambda url: b"png", course_url="https://example.org/small/")
    assert found == [] and workshop.created == when
    assert [p.data for p in workshop.slides[-1].pictures] == [b"png"]


SECTION = "## Part {n}\n\nWalk a little.\n\n"


@pytest.mark.parametrize(("duration", "sections", "slides"), [(1, 0, 2), (4, 4, 6)])
def test_more_slides_than_the_duration_allows_is_warned_at_the_duration(make_project: ProjectFactory, duration: int,
                                                                        sections: int, slides: int) -> None:
    text = HEAD.format(title="Keep moving", duration=duration) + "".join(SECTION.format(n=n) for n in range(sections))
    course = load_course(make_project({"01-keep-moving.md": text}))
    plan, found = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)
    assert len(plan.slides) == slides + 1  # the title slide, then what the warning counts
    (warning,) = found
    assert (warning.code, warning.loc.path.name, warning.loc.line) == ("CK748", "01-keep-moving.md", 4)
    assert warning.message == (f"`01-keep-moving.md` makes {slides} slides after its title slide, more than one a "
                               f"minute for `duration: {duration}`")


def test_as_many_slides_as_the_duration_allows_is_not_warned(make_project: ProjectFactory) -> None:
    # Four minutes allow five slides after the title: objectives, three sections and key points.
    text = HEAD.format(title="Keep moving", duration=4) + "".join(SECTION.format(n=n) for n in range(3))
    course = load_course(make_project({"01-keep-moving.md": text}))
    plan, found = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)
    assert len(plan.slides) == 6 and found == []


def fits_footer(text: str, size: int) -> bool:
    """Whether a line fits the footer box at that size, measured with the theme font's widths."""
    return METRICS.width(text, size) <= FOOTER_BOX.text_width_pt  # type: ignore[union-attr]


def retitled(course: m.Course, title: str, **fields: str) -> m.Course:
    return dataclasses.replace(course, meta=course.meta.model_copy(update={"title": title, **fields}))


def footer(course: m.Course) -> tuple[str, float]:
    plan = plan_module_deck(course, course.modules[0], DEFAULT_GEOMETRY, METRICS)[0]
    return plan.footer, plan.footer_size


WORDS = "Leg numbness after back surgery and what to do about it when walking slowly each day".split()


def test_the_footer_names_the_course_version_and_review_at_the_largest_size_that_fits(
        make_project: ProjectFactory) -> None:
    course = load_course(make_project({"01-rest-well.md": REST_WELL}))
    assert footer(course) == ("A small course" + STAMP, 12)
    sizes = set()
    for n in range(1, 60):  # longer and longer titles, until none fits whole at 9 pt
        title = " ".join((WORDS * 4)[:n])
        text, size = footer(retitled(course, title))
        whole = title + STAMP
        if not fits_footer(whole, 9):  # the first title too long at 9 pt is cut, never set smaller
            assert size == 9 and text.endswith("…" + STAMP) and text != whole, title
            break
        assert text == whole, title
        assert fits_footer(text, int(size)), title
        assert size == 12 or not fits_footer(text, int(size) + 1), title
        sizes.add(size)
    else:
        pytest.fail("no title was too long for the footer")
    assert sizes == {12, 11, 10, 9}


@pytest.mark.parametrize("extra", range(6))
def test_a_footer_too_long_at_9_pt_cuts_the_title_to_the_longest_start_that_fits(make_project: ProjectFactory,
                                                                                 extra: int) -> None:
    course = load_course(make_project({"01-rest-well.md": REST_WELL}))
    title = "Your " + "x" * extra + " ".join(WORDS * 3)  # each a letter longer, so the cut falls at each place
    text, size = footer(retitled(course, title))
    # The longest start of the title that fits with an ellipsis; a space before the ellipsis is dropped.
    longest = max(k for k in range(len(title) + 1) if fits_footer(title[:k] + "…" + STAMP, 9))
    assert longest < len(title)
    assert (text, size) == (title[:longest].rstrip() + "…" + STAMP, 9)
    assert fits_footer(text, 9)


def test_the_footer_keeps_ten_characters_of_the_title_however_long_the_stamp(make_project: ProjectFactory) -> None:
    course = load_course(make_project({"01-rest-well.md": REST_WELL}))
    version = "1.0.0 " + "build " * 40
    text, size = footer(retitled(course, "Leg numbness after surgery", version=version))
    assert (text, size) == (f"Leg numbne… · Version {version} · Reviewed 2026-11-01", 9)


def test_a_template_without_a_footer_box_keeps_the_footer_whole_at_its_largest_size(
        make_project: ProjectFactory) -> None:
    course = load_course(make_project({"01-rest-well.md": REST_WELL}))
    layouts = {name: {role: box for role, box in roles.items() if role != "footer"}
               for name, roles in DEFAULT_GEOMETRY.layouts.items()}
    geometry = dataclasses.replace(DEFAULT_GEOMETRY, layouts=layouts)
    title = " ".join(WORDS * 3)
    plan, found = plan_module_deck(retitled(course, title), course.modules[0], geometry, METRICS)
    assert (plan.footer, plan.footer_size) == (title + STAMP, 12)


# A font whose every character is one em wide, so a line can be made exactly as wide as a footer box.
ONE_EM = fit.FontMetrics("One em", {(False, False): fit.FaceWidths(dict.fromkeys(range(32, 0x2100), 1000), 1000, 1000)})


def exact_footer(width_pt: float) -> Geometry:
    """The default geometry with a footer box whose text is ``width_pt`` wide (less the box's insets)."""
    box = FOOTER_BOX
    assert box is not None
    wide = Box(box.x, box.y, round(width_pt * 12700) + box.left + box.right, box.h)
    assert wide.text_width_pt == width_pt
    layouts = dict(DEFAULT_GEOMETRY.layouts)
    layouts["content"] = {**layouts["content"], "footer": wide}
    return dataclasses.replace(DEFAULT_GEOMETRY, layouts=layouts)


def test_a_footer_exactly_as_wide_as_its_box_fits(make_project: ProjectFactory) -> None:
    course = load_course(make_project({"01-rest-well.md": REST_WELL}))
    whole = "A small course" + STAMP
    geometry = exact_footer(ONE_EM.width(whole, 12))
    plan = plan_module_deck(course, course.modules[0], geometry, ONE_EM)[0]
    assert (plan.footer, plan.footer_size) == (whole, 12)


def test_a_cut_title_exactly_as_wide_as_the_box_keeps_its_last_letter(make_project: ProjectFactory) -> None:
    course = load_course(make_project({"01-rest-well.md": REST_WELL}))
    kept = "Leg numbness after back surgery"
    geometry = exact_footer(ONE_EM.width(kept + "…" + STAMP, 9))
    plan = plan_module_deck(retitled(course, kept + " and what to do"), course.modules[0], geometry, ONE_EM)[0]
    assert (plan.footer, plan.footer_size) == (kept + "…" + STAMP, 9)


def test_each_slide_is_located_where_its_content_is_written(three_modules: m.Course) -> None:
    lines = KEEP_MOVING.splitlines()

    def line(text: str) -> int:
        return lines.index(text) + 1

    keep_moving = planned(three_modules, quiz_answers="next-slide")[0][0]
    quiz = "::: quiz"
    second_quiz = lines.index(quiz, line(quiz)) + 1
    assert [(s.kind, s.loc.path.name, s.loc.line) for s in keep_moving.slides] == [
        ("title", "01-keep-moving.md", line("title: Keep moving")),
        ("objectives", "01-keep-moving.md", line("summary: About Keep moving.")),  # no objectives: the summary
        ("content", "01-keep-moving.md", line("Moving helps.")),
        ("content", "01-keep-moving.md", line("It helps you heal.")),
        ("quiz", "01-keep-moving.md", line(quiz)),
        ("answer", "01-keep-moving.md", line(quiz)),
        ("content", "01-keep-moving.md", line("Try it now.")),
        ("quiz", "01-keep-moving.md", second_quiz),
        ("answer", "01-keep-moving.md", second_quiz),
        ("red-flags", "01-keep-moving.md", line("::: red-flags at-once")),
        ("key-points", "01-keep-moving.md", line("summary: About Keep moving.")),
    ]


def test_a_long_alert_is_split_and_every_part_shows_the_action(make_project: ProjectFactory) -> None:
    signs = [f"Sign number {n}: you cannot feel your legs or feet when you stand up to walk" for n in range(1, 19)]
    body = "## When to get help\n\n::: red-flags at-once\n" + "".join(f"- {s}\n" for s in signs) + ":::\n"
    course = load_course(make_project({"01-keep-moving.md": HEAD.format(title="Keep moving", duration=10) + body}))
    for plan in planned(course)[0]:
        alerts = [s for s in plan.slides if s.kind == "red-flags"]
        n = len(alerts)
        assert n > 1, plan.name
        mark = " · module 1" if plan.name == "workshop" else ""
        assert [s.title for s in alerts] == [f"Get help at once if you notice any of these ({i}/{n}){mark}"
                                             for i in range(1, n + 1)]
        for slide in alerts:
            *shown_signs, action = lines_of(slide)
            assert action == "Call 999 now." and slide.frame("body").fits, (plan.name, slide.title)  # type: ignore[union-attr]
            # its notes: the signs it shows, as the unsplit alert's notes mark them, then the action
            assert slide.notes == (*(f"• {sign}" for sign in shown_signs), "Call 999 now."), (plan.name, slide.title)
        assert [t for s in alerts for t in lines_of(s)[:-1]] == signs


def test_a_split_alerts_own_notes_go_with_its_first_part(make_project: ProjectFactory) -> None:
    signs = [f"Sign number {n}: you cannot feel your legs or feet when you stand up to walk" for n in range(1, 19)]
    body = ("## When to get help\n\n:::: red-flags at-once\n" + "".join(f"- {s}\n" for s in signs)
            + "\n::: notes\nAsk who has felt this.\n:::\n::::\n")
    course = load_course(make_project({"01-keep-moving.md": HEAD.format(title="Keep moving", duration=10) + body}))
    module_deck = planned(course)[0][0]
    first, *rest = [s for s in module_deck.slides if s.kind == "red-flags"]
    assert first.notes[-2:] == ("Ask who has felt this.", "Call 999 now.")
    assert rest and all("Ask who has felt this." not in s.notes for s in rest)
