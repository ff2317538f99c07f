"""A list or table split over slides: each part's speaker notes are the notes of what that part shows.

Planned as pure data. Whether Impress prints each part's notes whole inside the notes box is judged in
test_slides_notes_libreoffice.py; here the parts' notes are read against the source's own lines.
"""

from __future__ import annotations

import re
from dataclasses import replace

from toolkit import model as m
from toolkit.slides import fit
from toolkit.slides.deck_model import DeckPlan, Para, SlidePlan
from toolkit.slides.geometry import DEFAULT_GEOMETRY, Geometry
from toolkit.slides.plan import Planner

from tests.test_slides_plan import METRICS, MODULE_HEAD, STRESS, load_course

STRESS_MODULE = (STRESS / "courses/stress/modules/01-long-things.md").read_text()
# The source's lines, as the instructor wrote them: the forty items and the table's header and rows.
LIST_LINES = [f"• {line[2:]}" for line in STRESS_MODULE.splitlines() if line.startswith("- Item ")]
TABLE_LINES = [" | ".join(cell.strip() for cell in line.strip("|").split("|"))
               for line in STRESS_MODULE.splitlines() if line.startswith("| ") and "---" not in line]
HEADER_LINE, ROW_LINES = TABLE_LINES[0], TABLE_LINES[1:]
# A template whose notes box is a third as tall as the default's: the stress list's and table's parts, as the
# slides split them, carry more notes than it holds.
SHALLOW_NOTES = replace(DEFAULT_GEOMETRY, notes=replace(DEFAULT_GEOMETRY.notes, h=DEFAULT_GEOMETRY.notes.h // 3))


def module_deck(course: m.Course, geometry: Geometry = DEFAULT_GEOMETRY, warnings: tuple[str, ...] = ()) -> DeckPlan:
    planner = Planner(course, geometry, METRICS, qr_png=lambda url: b"png")
    plan = planner.module_deck(course.modules[0])
    assert [d.code for d in planner.diagnostics] == list(warnings)
    return plan


def parts_of(plan: DeckPlan, title: str) -> list[SlidePlan]:
    """The slides of a section split over several, checked to be numbered 1/n to n/n."""
    parts = [s for s in plan.slides if s.title.startswith(f"{title} (")]
    assert [s.title for s in parts] == [f"{title} ({i}/{len(parts)})" for i in range(1, len(parts) + 1)]
    return parts


def fits_notes_page(notes: tuple[str, ...], geometry: Geometry) -> bool:
    """The notes, set at 12 pt as the notes pages set them, are no taller than the template's notes box."""
    box = geometry.notes
    height = Planner(load_course(STRESS), geometry, METRICS).fitter.height(
        [Para((fit.StyledText(t),), 0, "none") for t in notes], box, 12)
    return height <= box.height_pt


def shown_items(slide: SlidePlan) -> list[str]:
    return [p.text for p in slide.frame("body").paras]  # type: ignore[union-attr]


def check_list_parts(parts: list[SlidePlan], geometry: Geometry) -> None:
    assert len(parts) > 1
    for slide in parts:
        # A part's notes are its own items, word for word as written, and nothing else.
        assert list(slide.notes) == [f"• {item}" for item in shown_items(slide)], slide.title
        assert fits_notes_page(slide.notes, geometry), slide.title
    assert [line for slide in parts for line in slide.notes] == LIST_LINES


def check_table_parts(parts: list[SlidePlan], geometry: Geometry) -> None:
    tables = [s for s in parts if s.table is not None]
    assert len(tables) > 1
    for slide in tables:
        # A part's notes are the header, for context, then the rows the part shows.
        assert list(slide.notes) == [HEADER_LINE, *(" | ".join(row) for row in slide.table.rows)], slide.title  # type: ignore[union-attr]
        assert fits_notes_page(slide.notes, geometry), slide.title
        assert slide.table.fits  # type: ignore[union-attr]
    assert [line for slide in tables for line in slide.notes[1:]] == ROW_LINES


def test_the_source_lines_are_read_from_the_stress_module() -> None:
    assert len(LIST_LINES) == 40 and LIST_LINES[0] == "• Item 1: your physio may take weeks in most people"
    assert HEADER_LINE == "When | What to do | Who to call" and len(ROW_LINES) == 24
    assert ROW_LINES[-1] == "Week 24 | Should be noted in most people | Your surgical team"


def test_each_part_of_a_split_list_carries_only_its_own_items_notes() -> None:
    plan = module_deck(load_course(STRESS))
    parts = parts_of(plan, "A list of forty things")
    check_list_parts(parts, DEFAULT_GEOMETRY)
    # The first part no longer carries the whole list (479 words, more than a notes page holds).
    assert len(" ".join(parts[0].notes).split()) < 150


def test_each_part_of_a_split_table_carries_its_header_and_its_own_rows() -> None:
    plan = module_deck(load_course(STRESS))
    parts = parts_of(plan, "Pictures and tables")
    check_table_parts(parts, DEFAULT_GEOMETRY)
    assert len({s.notes for s in parts if s.table is not None}) == len([s for s in parts if s.table is not None])


def test_a_template_with_a_shallow_notes_box_gets_more_parts_each_with_notes_that_fit_it() -> None:
    course = load_course(STRESS)
    # More slides than the module's twenty minutes allow (CK748): the long talk's notes need more slides too.
    default, shallow = module_deck(course), module_deck(course, SHALLOW_NOTES, warnings=("CK748",))
    for title, check in (("A list of forty things", check_list_parts), ("Pictures and tables", check_table_parts)):
        assert len(parts_of(shallow, title)) > len(parts_of(default, title)), title
        check(parts_of(shallow, title), SHALLOW_NOTES)
    # The table's rows keep the type and columns the whole table was given; only its parts are shorter.
    default_tables = [s.table for s in default.slides if s.table is not None]
    shallow_tables = [s.table for s in shallow.slides if s.table is not None]
    assert {(t.size, t.col_widths) for t in shallow_tables} == {(t.size, t.col_widths) for t in default_tables}  # type: ignore[union-attr]
    for table in shallow_tables:
        assert table.needed == round(sum(table.row_heights), 2) and len(table.row_heights) == len(table.rows) + 1  # type: ignore[union-attr]


STEPS_BODY = """\
### Lifting the leg

Do these steps in order:

""" + "".join(f"{n}. Step {n}: lift your leg slowly and hold it for a count of five\n\n"
              f"    Say why step {n} helps the nerve.\n\n" for n in range(3, 21)) + """\
::: notes
Remind them to go slowly.
:::
"""


def test_a_split_numbered_list_gives_each_part_its_items_and_what_follows_to_the_last(make_project) -> None:  # type: ignore[no-untyped-def]
    course = load_course(make_project({"01-steps.md": MODULE_HEAD + STEPS_BODY}))
    parts = parts_of(module_deck(course), "A section")
    assert len(parts) > 1
    shown = [re.match(r"Step (\d+)", t) for slide in parts for t in shown_items(slide)]
    assert [int(s[1]) for s in shown if s] == list(range(3, 21))
    for i, slide in enumerate(parts):
        # The heading is on every part; the lead-in and its notes on the first; each item's number, line and
        # its paragraph in the notes of the part that shows it; the notes after the list with its end.
        assert shown_items(slide)[0] == "Lifting the leg"
        numbers = [int(s[1]) for t in shown_items(slide) if (s := re.match(r"Step (\d+)", t))]
        expected = [line for n in numbers for line in (f"{n}. Step {n}: lift your leg slowly and hold it for a "
                                                      f"count of five", f"  Say why step {n} helps the nerve.")]
        lead = ["Do these steps in order:"] if i == 0 else []
        tail = ["Remind them to go slowly."] if i == len(parts) - 1 else []
        assert list(slide.notes) == lead + expected + tail, slide.title
        assert fits_notes_page(slide.notes, DEFAULT_GEOMETRY)


SHORT_LIST_BODY = "".join(f"- Point {n}: write down where the numbness is, how far it spreads and what eases it\n"
                          for n in range(1, 5))


def test_a_list_that_fits_one_slide_is_spread_only_when_its_notes_overflow_the_notes_page(make_project) -> None:  # type: ignore[no-untyped-def]
    course = load_course(make_project({"01-points.md": MODULE_HEAD + SHORT_LIST_BODY}))
    lines = [f"• {line[2:]}" for line in SHORT_LIST_BODY.splitlines()]
    one = [s for s in module_deck(course).slides if s.title == "A section"]
    assert len(one) == 1 and list(one[0].notes) == lines
    # Under a notes box a sixth as tall, the same four points fit the slide but their notes do not fit the page.
    tiny = replace(DEFAULT_GEOMETRY, notes=replace(DEFAULT_GEOMETRY.notes, h=DEFAULT_GEOMETRY.notes.h // 6))
    assert not fits_notes_page(tuple(lines), tiny)
    parts = parts_of(module_deck(course, tiny), "A section")
    assert len(parts) > 1
    for slide in parts:
        assert list(slide.notes) == [f"• {item}" for item in shown_items(slide)]
        assert fits_notes_page(slide.notes, tiny)
    assert [line for slide in parts for line in slide.notes] == lines
