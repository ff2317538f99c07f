"""The slides of special blocks and of a section's text, read from the plans the planner makes (no .pptx):
an alert's layout per urgency tier and its action on every part, an exercise's steps, a quiz's question and
its answer in the notes or on the slide after it, and a section's text on the slide with the rest in notes."""

from __future__ import annotations

import dataclasses

from toolkit import model as m
from toolkit.loader import load_project
from toolkit.slides.deck_model import DeckPlan, SlidePlan
from toolkit.slides.geometry import DEFAULT_GEOMETRY, SPLIT_PT, Geometry
from toolkit.slides.plan import Planner

from tests.conftest import COURSE_YML, ProjectFactory
from tests.slides_support import STRESS, load_course
from tests.test_slides_planning import HEAD, METRICS
from tests.test_slides_split_notes import SHALLOW_NOTES, fits_notes_page
from tests.test_slides_split_notes import module_deck as split_module_deck


def module_deck(course: m.Course, **options) -> DeckPlan:  # type: ignore[no-untyped-def]
    planner = Planner(course, DEFAULT_GEOMETRY, METRICS, **options)
    plan = planner.module_deck(course.modules[0])
    assert not planner.diagnostics, [d.message for d in planner.diagnostics]
    return plan


def deck_of(make_project: ProjectFactory, body: str, course_yml: str = COURSE_YML,  # type: ignore[no-untyped-def]
            **options) -> DeckPlan:
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


URGENCY = """\
urgency:
  same-day:
    title: Call your team today if you have this
    action: Call the clinic on 01632 960000 today.
  soon:
    title: Book a visit soon
    action: Book a visit within a week.
"""
THREE_TIERS = """\
## When to get help

::: red-flags at-once
- You cannot pee
:::

:::: red-flags same-day
If any of these:

- A red, hot wound
  - with pus

::: notes
Ask them.
:::
::::

::: red-flags soon
- Pain that is worse
:::
"""


def test_each_tier_has_its_own_layout_title_and_bold_action_after_the_signs(make_project: ProjectFactory) -> None:
    at_once, same_day, soon = of_kind(deck_of(make_project, THREE_TIERS, COURSE_YML + URGENCY), "red-flags")
    assert [(s.layout, s.title) for s in (at_once, same_day, soon)] == [
        ("alert", "Get help at once if you notice any of these"),
        ("alert-same-day", "Call your team today if you have this"),
        ("alert-soon", "Book a visit soon")]
    assert body_of(at_once) == [("You cannot pee", "bullet", False), ("Call 999 now.", "none", True)]
    assert body_of(same_day) == [("If any of these:", "none", False), ("A red, hot wound", "bullet", False),
                                 ("with pus", "bullet", False),
                                 ("Call the clinic on 01632 960000 today.", "none", True)]
    assert [p.level for p in same_day.frame("body").paras] == [0, 0, 1, 0]  # type: ignore[union-attr]
    assert body_of(soon) == [("Pain that is worse", "bullet", False), ("Book a visit within a week.", "none", True)]
    # Notes: what the slide shows, as written, then the block's own notes, then the action.
    assert at_once.notes == ("• You cannot pee", "Call 999 now.")
    assert same_day.notes == ("If any of these:", "• A red, hot wound", "  • with pus", "Ask them.",
                              "Call the clinic on 01632 960000 today.")
    assert soon.notes == ("• Pain that is worse", "Book a visit within a week.")


SIGNS = [f"Sign number {n}: you cannot feel your legs or feet when you stand up to walk" for n in range(1, 15)]


def long_alert(tier: str) -> str:
    """An alert too long for one slide: a lead-in, fourteen signs (every fifth with a sign under it), its notes."""
    signs = "".join(f"- {s}\n" + (f"  - worse at night {n}\n" if n % 5 == 0 else "")
                    for n, s in enumerate(SIGNS, 1))
    return (f"## When to get help\n\n:::: red-flags {tier}\nIf you notice any of these:\n\n{signs}\n"
            "::: notes\nAsk who has felt this.\n:::\n::::\n")


def test_every_part_of_a_split_alert_shows_and_notes_its_own_signs_then_the_action(make_project: ProjectFactory) -> None:
    alerts = of_kind(deck_of(make_project, long_alert("same-day"), COURSE_YML + URGENCY), "red-flags")
    n = len(alerts)
    assert n > 1
    assert [(s.layout, s.title) for s in alerts] == [
        ("alert-same-day", f"Call your team today if you have this ({i}/{n})") for i in range(1, n + 1)]
    action = ("Call the clinic on 01632 960000 today.", "none", True)
    for part, slide in enumerate(alerts):
        *signs, last = body_of(slide)
        assert last == action, slide.title
        assert all(not bold for _, _, bold in signs), slide.title
        # The notes: a line for each line the part shows, its own notes on the first part only, the action last.
        own = ("Ask who has felt this.",) if part == 0 else ()
        assert slide.notes[len(signs):] == (*own, action[0]), slide.title
        assert [line.lstrip(" •") for line in slide.notes[:len(signs)]] == [text for text, _, _ in signs]
    # Each sign's line as the source writes it, with its mark and indent, once, in order.
    expected = ["If you notice any of these:"] + [line for k, s in enumerate(SIGNS, 1) for line in
                                                    [f"• {s}", *([f"  • worse at night {k}"] if k % 5 == 0 else [])]]
    assert [line for slide in alerts for line in slide.notes if line not in (action[0], "Ask who has felt this.")] \
        == expected


def test_an_alert_of_a_tier_without_words_keeps_its_layout_under_the_plain_title_with_no_action(
        make_project: ProjectFactory) -> None:
    (alert,) = of_kind(deck_of(make_project, "## When\n\n::: red-flags soon\n- Pain that is worse\n:::\n"), "red-flags")
    assert (alert.layout, alert.title) == ("alert-soon", "Get help at once")
    assert body_of(alert) == [("Pain that is worse", "bullet", False)]
    assert alert.notes == ("• Pain that is worse",)
    alerts = of_kind(deck_of(make_project, long_alert("soon").replace("If you notice any of these:\n\n", "")),
                     "red-flags")
    assert len(alerts) > 1
    for slide in alerts:
        assert slide.layout == "alert-soon"
        assert [marker for _, marker, _ in body_of(slide)] == ["bullet"] * len(body_of(slide)), slide.title
    assert [line for s in alerts for line in s.notes if not line.startswith(("•", "  •"))] == ["Ask who has felt this."]


QUIZ = """\
## Practice

:::: quiz
Is walking good for you?

- [x] Yes
- [ ] No
- [x] Maybe

It helps the nerve.

::: notes
Ask why.
:::
::::
"""


def test_a_quiz_shows_its_question_in_bold_and_its_options_lettered(make_project: ProjectFactory) -> None:
    for answers in ("notes", "next-slide"):
        (question,) = of_kind(deck_of(make_project, QUIZ, quiz_answers=answers), "quiz")
        assert (question.layout, question.title) == ("quiz", "Quick check")
        assert body_of(question) == [("Is walking good for you?", "none", True), ("Yes", "letter", False),
                                     ("No", "letter", False), ("Maybe", "letter", False)]


def test_with_answers_in_the_notes_the_quiz_notes_give_every_right_answer_then_the_explanation(
        make_project: ProjectFactory) -> None:
    plan = deck_of(make_project, QUIZ, quiz_answers="notes")
    (question,) = of_kind(plan, "quiz", "answer")
    assert question.notes == ("Answers: A. Yes; C. Maybe", "It helps the nerve.", "Ask why.")
    one_right = deck_of(make_project, QUIZ.replace("- [x] Maybe", "- [ ] Maybe"), quiz_answers="notes")
    assert of_kind(one_right, "quiz")[0].notes[0] == "Answer: A. Yes"


def test_with_answers_on_the_next_slide_the_quiz_notes_keep_the_question_and_the_answer_slide_follows(
        make_project: ProjectFactory) -> None:
    plan = deck_of(make_project, QUIZ, quiz_answers="next-slide")
    at = [s.kind for s in plan.slides].index("quiz")
    question, answer = plan.slides[at:at + 2]
    assert question.notes == ("Is walking good for you?", "Ask why.")
    assert (answer.kind, answer.layout, answer.title) == ("answer", "content", "Quick check: the answer")
    assert body_of(answer) == [("Answers: A. Yes; C. Maybe", "none", True), ("It helps the nerve.", "none", False)]
    assert answer.notes == ("Answers: A. Yes; C. Maybe", "It helps the nerve.")


def test_an_exercise_without_notes_of_its_own_has_its_steps_to_read_out(make_project: ProjectFactory) -> None:
    body = EXERCISE.replace("\n::: notes\nWatch their feet.\n:::\n", "").replace("::::", ":::")
    (slide,) = of_kind(deck_of(make_project, body), "exercise")
    assert body_of(slide) == [("Sit down.", "number", False), ("Turn your ankle.", "number", False)]
    assert slide.notes == ("1. Sit down.", "2. Turn your ankle.")


STEPS = [f"Step {n}: lift your leg slowly and hold it for a count of five then rest" for n in range(1, 13)]
LONG_EXERCISE = "## Practice\n\n:::: exercise Leg lifts\n" + "".join(f"{n}. {s}\n" for n, s in enumerate(STEPS, 1)) + \
    "::::\n"


def test_a_long_exercise_is_split_into_numbered_parts_each_with_the_steps_it_shows_in_its_notes(
        make_project: ProjectFactory) -> None:
    parts = of_kind(deck_of(make_project, LONG_EXERCISE), "exercise")
    n = len(parts)
    assert n > 1
    assert [(s.layout, s.title) for s in parts] == [("content", f"Exercise: Leg lifts ({i}/{n})") for i in range(1, n + 1)]
    assert [line for s in parts for line in body_of(s)] == [(step, "number", False) for step in STEPS]
    for slide in parts:
        assert slide.frame("body").fits, slide.title  # type: ignore[union-attr]
        # the steps it shows, numbered as written, and nothing else
        assert [line.partition(". ")[2] for line in slide.notes] == [text for text, _, _ in body_of(slide)]
    assert [line for s in parts for line in s.notes] == [f"{n}. {s}" for n, s in enumerate(STEPS, 1)]


def test_a_long_exercises_own_notes_go_with_its_first_part_after_its_steps(make_project: ProjectFactory) -> None:
    body = LONG_EXERCISE.replace("::::\n", "\n::: notes\nWatch their knees.\n:::\n::::\n")
    first, *rest = of_kind(deck_of(make_project, body), "exercise")
    assert first.notes[-1] == "Watch their knees." and first.notes[0] == f"1. {STEPS[0]}"
    assert rest and all("Watch their knees." not in s.notes for s in rest)
    assert [line for s in (first, *rest) for line in s.notes if line != "Watch their knees."] == [
        f"{n}. {s}" for n, s in enumerate(STEPS, 1)]


def bodies(plan: DeckPlan, kinds: tuple[str, ...] = ("content", "table", "quiz")) -> list[tuple[str, str, list[str], tuple[str, ...]]]:
    """The section's slides, the opening and closing slides left out: kind, title, the body's lines, notes."""
    return [(s.kind, s.title, [p.text for p in s.frame("body").paras] if s.frame("body") else [], s.notes)  # type: ignore[union-attr]
            for s in plan.slides if s.kind in kinds and s.title not in ("What you will learn", "Key points")]


SECTION = """\
## Moving

Walk a little every day. It keeps the nerve moving and eases the pain over the weeks.

### How far

Go to the end of the road.

::: notes
Ask how far they walk now.
:::

Then turn back.

::: quiz
Is walking good?

- [x] Yes
- [ ] No
:::

::: notes
Give them a minute.
:::

More text under how far.

### Steps to take

Do these:

- Stand up
- Sit down
"""


def test_a_sections_text_is_on_numbered_slides_around_its_quiz_with_each_notes_where_written(
        make_project: ProjectFactory) -> None:
    assert bodies(deck_of(make_project, SECTION)) == [
        # the paragraph's lead sentence on the slide, all of it in the notes; a heading with its text
        ("content", "Moving (1/2)",
         ["Walk a little every day.", "How far", "Go to the end of the road.", "Then turn back."],
         ("Walk a little every day. It keeps the nerve moving and eases the pain over the weeks.",
          "Go to the end of the road.", "Ask how far they walk now.", "Then turn back.")),
        # notes written after the quiz go with the quiz
        ("quiz", "Quick check", ["Is walking good?", "Yes", "No"], ("Answer: A. Yes", "Give them a minute.")),
        # the heading again above the text after the quiz; a lead-in stays with its list
        ("content", "Moving (2/2)",
         ["How far", "More text under how far.", "Steps to take", "Do these:", "Stand up", "Sit down"],
         ("More text under how far.", "Do these:", "• Stand up", "• Sit down")),
    ]


TABLE_FIRST = """\
## Moving

::: notes
Start with a story.
:::

| When | What |
|------|------|
| Week 1 | Walk |
| Week 2 | Run |

### Check

::: notes
Keep it light.
:::

::: quiz
Is walking good?

- [x] Yes
- [ ] No
:::

After the quiz.
"""


def test_notes_before_a_sections_first_slide_open_its_notes_and_a_heading_before_a_quiz_moves_below_it(
        make_project: ProjectFactory) -> None:
    plan = deck_of(make_project, TABLE_FIRST)
    (table,) = [s for s in plan.slides if s.kind == "table"]
    assert table.table is not None and table.table.header == ("When", "What")
    assert table.table.rows == (("Week 1", "Walk"), ("Week 2", "Run"))
    assert bodies(plan) == [
        ("table", "Moving (1/2)", [], ("Start with a story.", "When | What", "Week 1 | Walk", "Week 2 | Run")),
        # the heading's notes go with the quiz, the heading itself above the text after it (no slide of its own)
        ("quiz", "Quick check", ["Is walking good?", "Yes", "No"], ("Answer: A. Yes", "Keep it light.")),
        ("content", "Moving (2/2)", ["Check", "After the quiz."], ("After the quiz.",)),
    ]


BESIDE_THE_LAST = """\
## Moving

::: notes
Open with the picture.
:::

Keep a diary.

""" + "".join(f"- Point number {n} about keeping a diary of your numbness\n" for n in range(1, 6)) + """
### Your patch

Shade it in.

![A leg with a shaded numb patch](../media/leg.png)

::: notes
Pass the picture round.
:::
"""


def test_a_figure_sits_beside_the_last_part_of_the_text_when_all_of_it_would_not_fit(
        make_project: ProjectFactory) -> None:
    png = (STRESS / "courses/stress/media/leg-diagram.png").read_bytes()
    module = HEAD.format(title="Keep moving", duration=10) + BESIDE_THE_LAST
    plan = module_deck(load_course(make_project({"01-keep-moving.md": module}, files={"media/leg.png": png})))
    points = [f"Point number {n} about keeping a diary of your numbness" for n in range(1, 6)]
    first, beside = [s for s in plan.slides if s.title.startswith("Moving")]
    assert (first.layout, first.title, first.pictures) == ("content", "Moving (1/2)", ())
    assert [p.text for p in first.frame("body").paras] == ["Keep a diary.", *points]  # type: ignore[union-attr]
    # notes written before the section's first slide open its notes
    assert first.notes == ("Open with the picture.", "Keep a diary.", *(f"• {p}" for p in points))
    assert (beside.layout, beside.title) == ("two-content", "Moving (2/2)")
    assert [p.text for p in beside.frame("left").paras] == ["Your patch", "Shade it in.",  # type: ignore[union-attr]
                                                            "A leg with a shaded numb patch"]
    assert [(p.role, p.alt) for p in beside.pictures] == [("right", "A leg with a shaded numb patch")]
    # the text's notes, then those written after the figure
    assert beside.notes == ("Shade it in.", "Pass the picture round.")


def test_notes_inside_a_list_item_stay_off_the_slide(make_project: ProjectFactory) -> None:
    body = "## Moving\n\n- Stand up\n\n  ::: notes\n  Say it slowly.\n  :::\n- Sit down\n"
    assert bodies(deck_of(make_project, body)) == [
        ("content", "Moving", ["Stand up", "Sit down"], ("• Stand up", "  Say it slowly.", "• Sit down"))]


POINTS = [f"Point number {n}: write down where the numbness is and how far it spreads" for n in range(1, 15)]
NOTES_ONLY_ITEMS = "## Moving\n\n- ::: notes\n  Before the first point.\n  :::\n" + "".join(
    f"- {p}\n" + ("- ::: notes\n  After point ten.\n  :::\n" if n == 10 else "") for n, p in enumerate(POINTS, 1))


def test_a_split_lists_items_with_only_notes_go_with_the_part_showing_the_item_before_or_else_after(
        make_project: ProjectFactory) -> None:
    parts = bodies(deck_of(make_project, NOTES_ONLY_ITEMS))
    n = len(parts)
    assert n > 1 and [title for _, title, _, _ in parts] == [f"Moving ({i}/{n})" for i in range(1, n + 1)]
    assert [line for _, _, shown, _ in parts for line in shown] == POINTS
    for _, title, shown, notes in parts:
        extra = (["• Before the first point."] if POINTS[0] in shown else []) + ["• " + p for p in shown]
        if POINTS[9] in shown:
            extra.insert(extra.index(f"• {POINTS[9]}") + 1, "• After point ten.")
        assert list(notes) == extra, title
    # the notes-only item after point ten is with point ten, though point eleven begins the next part
    assert any(shown[-1] == POINTS[9] for _, _, shown, _ in parts)


def test_a_quiz_is_set_flush_left_its_options_lettered_from_a_and_its_answer_slide_too(
        make_project: ProjectFactory) -> None:
    plan = deck_of(make_project, QUIZ, quiz_answers="next-slide")
    (question,) = of_kind(plan, "quiz")
    (answer,) = of_kind(plan, "answer")
    assert [p.level for p in question.frame("body").paras] == [0, 0, 0, 0]  # type: ignore[union-attr]
    assert question.frame("body").paras[1].number == 1  # type: ignore[union-attr]  # the first option is A
    assert [p.level for p in answer.frame("body").paras] == [0, 0]  # type: ignore[union-attr]


HUGE = " ".join(["numbness"] * 450)


def overflow_lines(make_project: ProjectFactory, body: str, **options) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Where planning the module's deck warns of text that cannot fit (code, line in the module)."""
    course = load_course(make_project({"01-keep-moving.md": HEAD.format(title="Keep moving", duration=10) + body}))
    planner = Planner(course, DEFAULT_GEOMETRY, METRICS, **options)
    planner.module_deck(course.modules[0])
    return [(d.code, d.loc.line) for d in planner.diagnostics]  # type: ignore[union-attr]


def test_quiz_text_too_long_for_a_slide_is_warned_at_the_line_that_has_it(make_project: ProjectFactory) -> None:
    head = HEAD.format(title="Keep moving", duration=10).count("\n")  # the body's line n is the module's head + n
    question = f"## Q\n\n::: quiz\n{HUGE}?\n\n- [x] Yes\n- [ ] No\n:::\n"
    assert overflow_lines(make_project, question) == [("CK743", head + 3)]  # the quiz's line
    option = f"## Q\n\n::: quiz\nIs walking good?\n\n- [x] Yes\n- [ ] {HUGE}\n:::\n"
    assert overflow_lines(make_project, option) == [("CK743", head + 7)]  # the option's line
    # on the answer slide, the quiz's explanation is warned at the quiz
    explained = f"## Q\n\n::: quiz\nIs walking good?\n\n- [x] Yes\n- [ ] No\n\n{HUGE}\n:::\n"
    assert overflow_lines(make_project, explained, quiz_answers="next-slide") == [("CK743", head + 3)]
    answer = f"## Q\n\n::: quiz\nIs walking good?\n\n- [x] {HUGE}\n- [ ] No\n:::\n"
    assert ("CK743", head + 3) in overflow_lines(make_project, answer, quiz_answers="next-slide")


def test_an_exercise_slide_is_located_at_its_block(make_project: ProjectFactory) -> None:
    (slide,) = of_kind(deck_of(make_project, EXERCISE), "exercise")
    assert slide.loc.line == HEAD.format(title="Keep moving", duration=10).count("\n") + 3


def test_an_exercise_without_a_title_is_planned_under_the_plain_label(make_project: ProjectFactory) -> None:
    # The loader reports it (CK215) and a build stops there; planned on its own, it still gets a title.
    module = HEAD.format(title="Keep moving", duration=10) + "## Practice\n\n::: exercise\n1. Sit down.\n:::\n"
    project, found = load_project(make_project({"01-keep-moving.md": module}))
    assert [d.code for d in found] == ["CK215"]
    (slide,) = of_kind(module_deck(project.courses[0]), "exercise")
    assert slide.title == "Exercise"


WORDS = "when the numbness in your leg spreads past the knee or the foot"
LONG_HEADER_TABLE = (f"## A long table\n\n| Week, and {WORDS} | What to do, and {WORDS} | Who to call, and {WORDS} |\n"
                     "|---|---|---|\n" + "".join(f"| Week {n} | Walk a little further than last week, {n} | "
                                                  f"Your physio or your surgical team, {n} |\n" for n in range(1, 25)))


def test_a_tables_parts_cut_for_their_notes_count_the_header_in_those_notes_and_keep_each_rows_height(
        make_project: ProjectFactory) -> None:
    course = load_course(make_project({"01-keep-moving.md": HEAD.format(title="Keep moving", duration=10)
                                                            + LONG_HEADER_TABLE}))
    header = " | ".join(f"{cell}, and {WORDS}" for cell in ("Week", "What to do", "Who to call"))
    rows = [f"Week {n} | Walk a little further than last week, {n} | Your physio or your surgical team, {n}"
            for n in range(1, 25)]
    default = [s.table for s in split_module_deck(course).slides if s.table is not None]
    height = {row: h for t in default for row, h in zip(t.rows, t.row_heights[1:])}  # type: ignore[union-attr]
    shallow = [s for s in split_module_deck(course, SHALLOW_NOTES, warnings=("CK748",)).slides if s.table is not None]
    assert len(shallow) > len(default)
    for slide in shallow:
        # the header's line, then the part's rows, all on one notes page of the shallow box
        assert slide.notes == (header, *(" | ".join(row) for row in slide.table.rows)), slide.title  # type: ignore[union-attr]
        assert fits_notes_page(slide.notes, SHALLOW_NOTES), slide.title
        # each part keeps the header's height and each of its rows' heights, so what it needs is their sum
        assert slide.table.row_heights == (default[0].row_heights[0], *(height[r] for r in slide.table.rows))  # type: ignore[union-attr]
    assert [line for s in shallow for line in s.notes[1:]] == rows


def test_a_table_row_too_tall_for_a_slide_is_warned_at_the_table(make_project: ProjectFactory) -> None:
    body = f"## A table\n\n| When | What |\n|---|---|\n| Week 1 | {HUGE} |\n"
    assert overflow_lines(make_project, body) == [("CK743", HEAD.format(title="Keep moving", duration=10).count("\n") + 3)]


def test_a_tip_inside_a_list_item_is_labelled_on_the_slide(make_project: ProjectFactory) -> None:
    body = "## Moving\n\n- Stand up\n\n  ::: tip\n  Go slow.\n  :::\n- Sit down\n"
    assert bodies(deck_of(make_project, body)) == [
        ("content", "Moving", ["Stand up", "Tip: Go slow.", "Sit down"], ("• Stand up", "  Go slow.", "• Sit down"))]


def test_a_tables_short_rows_are_filled_and_long_rows_cut_to_the_headers_cells(make_project: ProjectFactory) -> None:
    body = "## A table\n\n| When | What | Who |\n|---|---|---|\n| Week 1 | Walk |\n| Week 2 | Run | You | Extra |\n"
    (slide,) = [s for s in deck_of(make_project, body).slides if s.table is not None]
    assert slide.table.rows == (("Week 1", "Walk", ""), ("Week 2", "Run", "You"))  # type: ignore[union-attr]
    assert slide.notes == ("When | What | Who", "Week 1 | Walk | ", "Week 2 | Run | You")
    assert slide.loc.line == HEAD.format(title="Keep moving", duration=10).count("\n") + 3  # the table's first line


def paragraphs(n: int) -> str:
    return "".join(f"Paragraph number {k} says that walking a little every day helps the nerve to heal.\n\n"
                   for k in range(1, n + 1))


def test_a_lead_in_ending_in_a_colon_moves_to_the_next_slide_with_its_list(make_project: ProjectFactory) -> None:
    body = "## Moving\n\n" + paragraphs(4) + "Do these:\n\n- Stand up\n- Sit down\n- Stand up again\n"
    first, second = bodies(deck_of(make_project, body))
    assert first[2] == [f"Paragraph number {k} says that walking a little every day helps the nerve to heal."
                        for k in range(1, 5)]
    assert second[2] == ["Do these:", "Stand up", "Sit down", "Stand up again"]
    assert second[3] == ("Do these:", "• Stand up", "• Sit down", "• Stand up again")


def test_tips_quotes_and_code_are_shown_with_their_words_in_the_notes(make_project: ProjectFactory) -> None:
    body = ("## Moving\n\nWalk each day.\n\n::: tip\nGo slow. Rest often.\n:::\n\n> Walking saved my leg.\n\n"
            "```\nWalk 10 minutes\n```\n")
    (slide,) = [s for s in deck_of(make_project, body).slides if s.title == "Moving"]
    assert [(p.text, p.marker, p.level, all(r.italic for r in p.runs)) for p in slide.frame("body").paras] == [  # type: ignore[union-attr]
        ("Walk each day.", "none", 0, False), ("Tip: Go slow. Rest often.", "none", 0, False),
        ("Walking saved my leg.", "none", 0, True), ("Walk 10 minutes", "none", 0, False)]
    assert slide.notes == ("Walk each day.", "Go slow. Rest often.", "Walking saved my leg.", "Walk 10 minutes")


def test_a_tip_too_long_for_a_slide_shows_every_point_over_numbered_slides(make_project: ProjectFactory) -> None:
    body = "## Moving\n\n::: tip\nWhen you walk:\n\n" + "".join(f"- {p}\n" for p in POINTS) + ":::\n"
    parts = bodies(deck_of(make_project, body))
    n = len(parts)
    assert n > 1 and [title for _, title, _, _ in parts] == [f"Moving ({i}/{n})" for i in range(1, n + 1)]
    assert [line for _, _, shown, _ in parts for line in shown] == ["Tip: When you walk:", *POINTS]


def exactly_as_tall(paras: list, course: m.Course) -> Geometry:  # type: ignore[type-arg]
    """The default geometry with a content body box whose text height is that of ``paras`` set at SPLIT_PT."""
    box = DEFAULT_GEOMETRY.box("content", "body")
    assert box is not None
    height = Planner(course, DEFAULT_GEOMETRY, METRICS).fitter.height(paras, box, SPLIT_PT)
    tall = dataclasses.replace(box, h=round(height * 12700) + box.top + box.bottom)
    assert tall.height_pt == height
    layouts = dict(DEFAULT_GEOMETRY.layouts)
    layouts["content"] = {**layouts["content"], "body": tall}
    return dataclasses.replace(DEFAULT_GEOMETRY, layouts=layouts)


def test_text_exactly_as_tall_as_the_body_box_stays_on_one_slide(make_project: ProjectFactory) -> None:
    points = POINTS[:3]
    course = load_course(make_project({"01-keep-moving.md": HEAD.format(title="Keep moving", duration=10)
                                       + "## Moving\n\n" + "".join(f"- {p}\n" for p in points)}))
    (whole,) = [s for s in module_deck(course).slides if s.title == "Moving"]
    planner = Planner(course, exactly_as_tall(list(whole.frame("body").paras), course), METRICS)  # type: ignore[union-attr]
    (slide,) = [s for s in planner.module_deck(course.modules[0]).slides if s.title == "Moving"]
    assert [p.text for p in slide.frame("body").paras] == points and slide.frame("body").fits  # type: ignore[union-attr]


def test_notes_after_two_quizzes_go_with_the_second(make_project: ProjectFactory) -> None:
    quiz = "::: quiz\nIs {0} good?\n\n- [x] Yes\n- [ ] No\n:::\n\n"
    body = "## Moving\n\nWalk each day.\n\n" + quiz.format("walking") + quiz.format("resting") + \
        "::: notes\nGive them a minute.\n:::\n"
    assert [(title, notes) for kind, title, _, notes in bodies(deck_of(make_project, body)) if kind == "quiz"] == [
        ("Quick check 1", ("Answer: A. Yes",)), ("Quick check 2", ("Answer: A. Yes", "Give them a minute."))]


def test_a_split_list_under_a_heading_shows_the_heading_once_on_every_part(make_project: ProjectFactory) -> None:
    body = "## Moving\n\n### Your diary\n\nWrite these down:\n\n" + "".join(f"- {p}\n" for p in POINTS)
    parts = bodies(deck_of(make_project, body))
    assert len(parts) > 1
    for i, (_, title, shown, _) in enumerate(parts):
        lead = ["Your diary", "Write these down:"] if i == 0 else ["Your diary"]
        assert shown[:len(lead)] == lead and all(line in POINTS for line in shown[len(lead):]), title
    assert [line for _, _, shown, _ in parts for line in shown if line in POINTS] == POINTS


def test_a_two_point_list_whose_notes_overflow_the_notes_page_gives_each_point_a_slide(
        make_project: ProjectFactory) -> None:
    points = POINTS[:2]
    course = load_course(make_project({"01-keep-moving.md": HEAD.format(title="Keep moving", duration=10)
                                       + "## Moving\n\n" + "".join(f"- {p}\n" for p in points)}))
    tiny = dataclasses.replace(DEFAULT_GEOMETRY, notes=dataclasses.replace(DEFAULT_GEOMETRY.notes,
                                                                           h=DEFAULT_GEOMETRY.notes.h // 8))
    assert not fits_notes_page(tuple(f"• {p}" for p in points), tiny)
    parts = bodies(split_module_deck(course, tiny))
    assert [(title, shown, notes) for _, title, shown, notes in parts] == [
        ("Moving (1/2)", [points[0]], (f"• {points[0]}",)), ("Moving (2/2)", [points[1]], (f"• {points[1]}",))]


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


def test_text_after_raw_html_and_after_a_figure_left_off_is_still_shown(make_project: ProjectFactory) -> None:
    body = ("## Moving\n\n<div>Raw words</div>\n\nWalk each day.\n\n" + QUIZ.split("\n\n", 1)[1].replace("::::", ":::")
            .replace("::: notes\nAsk why.\n:::\n", "") + "\n![A nerve](../media/nerve.svg)\n\nAfter the picture.\n")
    module = HEAD.format(title="Keep moving", duration=10) + body
    course = load_course(make_project({"01-keep-moving.md": module}, files={"media/nerve.svg": SVG}))
    planner = Planner(course, DEFAULT_GEOMETRY, METRICS)
    plan = planner.module_deck(course.modules[0])
    assert [d.code for d in planner.diagnostics] == ["CK744"]  # the SVG without a PNG is left off
    assert [(kind, title, shown) for kind, title, shown, _ in bodies(plan)] == [
        ("content", "Moving (1/2)", ["Walk each day."]),
        ("quiz", "Quick check", ["Is walking good for you?", "Yes", "No", "Maybe"]),
        ("content", "Moving (2/2)", ["After the picture."])]


def test_a_figure_on_a_slide_of_its_own_is_numbered_with_the_sections_text(make_project: ProjectFactory) -> None:
    png = (STRESS / "courses/stress/media/leg-diagram.png").read_bytes()
    body = "## Your diary\n\n" + "".join(f"- {p}\n" for p in POINTS) + "\n![A leg with a shaded numb patch](../media/leg.png)\n"
    module = HEAD.format(title="Keep moving", duration=10) + body
    plan = module_deck(load_course(make_project({"01-keep-moving.md": module}, files={"media/leg.png": png})))
    slides = [s for s in plan.slides if s.title.startswith("Your diary")]
    n = len(slides)
    assert n > 2 and [s.title for s in slides] == [f"Your diary ({i}/{n})" for i in range(1, n + 1)]
    assert (slides[-1].kind, slides[-1].layout) == ("figure", "picture")


def test_notes_written_in_two_blocks_after_a_quiz_both_go_with_it(make_project: ProjectFactory) -> None:
    body = ("## Moving\n\nWalk each day.\n\n" + QUIZ.split("\n\n", 1)[1].replace("::::", ":::")
            .replace("::: notes\nAsk why.\n:::\n", "") + "\n::: notes\nGive them a minute.\n:::\n\n"
            "::: notes\nThen ask who got it.\n:::\n")
    (quiz,) = of_kind(deck_of(make_project, body), "quiz")
    assert quiz.notes[-2:] == ("Give them a minute.", "Then ask who got it.")


def test_a_paragraph_after_a_split_list_under_its_heading_follows_the_last_point(make_project: ProjectFactory) -> None:
    body = ("## Moving\n\n### Your diary\n\nWrite these down:\n\n" + "".join(f"- {p}\n" for p in POINTS)
            + "\nKeep the diary by your bed.\n")
    parts = bodies(deck_of(make_project, body))
    shown = [line for _, _, lines, _ in parts for line in lines if line != "Your diary"]
    assert shown == ["Write these down:", *POINTS, "Keep the diary by your bed."]
    notes = [line for _, _, _, lines in parts for line in lines]
    assert notes == ["Write these down:", *(f"• {p}" for p in POINTS), "Keep the diary by your bed."]


def test_an_alert_split_in_two_gives_each_part_its_own_signs_notes(make_project: ProjectFactory) -> None:
    signs = [f"Sign {n}: you cannot feel your feet when you stand" for n in range(1, 13)]
    body = ("## When to get help\n\n:::: red-flags at-once\n" + "".join(f"- {s}\n" for s in signs)
            + "\n::: notes\nAsk who has felt this.\n:::\n::::\n")
    alerts = of_kind(deck_of(make_project, body), "red-flags")
    assert len(alerts) == 2
    first, second = alerts
    assert first.notes[-2:] == ("Ask who has felt this.", "Call 999 now.") and second.notes[-1] == "Call 999 now."
    for slide in alerts:
        assert slide.notes[:len(body_of(slide)) - 1] == tuple(f"• {text}" for text, _, _ in body_of(slide)[:-1])
    assert [line for s in alerts for line in s.notes[:-1] if line != "Ask who has felt this."] == [
        f"• {s}" for s in signs]


def test_a_tip_inside_an_alert_is_labelled_on_the_slide_and_read_plainly_in_the_notes(
        make_project: ProjectFactory) -> None:
    body = "## When\n\n:::: red-flags at-once\n- You cannot pee\n\n::: tip\nKeep the number by the phone.\n:::\n::::\n"
    (alert,) = of_kind(deck_of(make_project, body), "red-flags")
    assert [text for text, _, _ in body_of(alert)] == ["You cannot pee", "Tip: Keep the number by the phone.",
                                                       "Call 999 now."]
    assert alert.notes == ("• You cannot pee", "Keep the number by the phone.", "Call 999 now.")


def test_an_action_too_long_for_a_slide_is_warned_at_the_alert(make_project: ProjectFactory) -> None:
    long_action = URGENCY.replace("Book a visit within a week.", HUGE)
    course = load_course(make_project({"01-keep-moving.md": HEAD.format(title="Keep moving", duration=10)
                                       + "## When\n\n::: red-flags soon\n- Pain that is worse\n:::\n"},
                                      course_yml=COURSE_YML + long_action))
    planner = Planner(course, DEFAULT_GEOMETRY, METRICS)
    planner.module_deck(course.modules[0])
    # the part showing the action alone is warned at the alert's line
    assert (planner.diagnostics[0].code, planner.diagnostics[0].loc.line) == (  # type: ignore[union-attr]
        "CK743", HEAD.format(title="Keep moving", duration=10).count("\n") + 3)


def test_a_long_list_after_a_quiz_under_a_heading_shows_the_heading_on_every_part(make_project: ProjectFactory) -> None:
    quiz = QUIZ.split("\n\n", 1)[1].replace("::::", ":::").replace("::: notes\nAsk why.\n:::\n", "")
    body = "## Moving\n\n### Your diary\n\nStart here.\n\n" + quiz + "\n" + "".join(f"- {p}\n" for p in POINTS)
    after = [shown for kind, _, shown, _ in bodies(deck_of(make_project, body)) if kind == "content"][1:]
    assert len(after) > 1
    assert all(shown[0] == "Your diary" for shown in after)
    assert [line for shown in after for line in shown[1:]] == POINTS


def test_two_lead_ins_in_a_row_both_move_to_the_next_slide_with_their_list(make_project: ProjectFactory) -> None:
    body = ("## Moving\n\n" + paragraphs(3) + "Before you start:\n\nDo these:\n\n- Stand up\n- Sit down\n"
            "- Stand up again\n")
    first, second = bodies(deck_of(make_project, body))
    assert first[2] == [f"Paragraph number {k} says that walking a little every day helps the nerve to heal."
                        for k in range(1, 4)]
    assert second[2] == ["Before you start:", "Do these:", "Stand up", "Sit down", "Stand up again"]
