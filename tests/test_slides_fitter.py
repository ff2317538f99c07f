"""The slide fitter's promises, checked against hand-computed figures.

The fitter is given a font whose every character is exactly half the type size wide (bold: 0.6 of it),
once the 4 % safety margin every width carries is included, and boxes without insets. So at 20 pt a
character is 10 pt wide, and every expected line count, height, size and column width below can be worked
out on paper. The design figures they rest on are stated here, not read from the code: a line is 1.25
times the type size tall, a paragraph after the first has 0.35 of the size before it (0.15 when nested),
a bullet hangs 27 pt, a number 42 pt and each list level indents 27 pt more; a table cell has 7.2 pt of
margin left and right, 3.6 pt above and below, and 1 pt of rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import rules
from toolkit.slides import fit
from toolkit.slides.deck_model import Frame, Para, Run
from toolkit.slides.fitter import Fitter
from toolkit.slides.geometry import DEFAULT_GEOMETRY, EMU_PER_PT, Box, Geometry
from toolkit.source import SourceLoc

# 1040 units per em and 500 units a character: 500 / 1040 em x 1.04 safety = half the type size.
EVEN = fit.FontMetrics("Even", {
    (False, False): fit.FaceWidths({code: 500 for code in range(32, 127)}, 1040, 500),
    (True, False): fit.FaceWidths({code: 600 for code in range(32, 127)}, 1040, 600),
})
TITLE_FLOOR_PT = 24  # docs/format.md: no title below 24 pt, no other slide text below 18 pt
TEXT_FLOOR_PT = 18
HERE = SourceLoc(Path("modules/01-intro.md"), 12, 1)


def box(width_pt: float, height_pt: float) -> Box:
    """A placeholder without insets: its text may use all of it."""
    return Box(0, 0, round(width_pt * EMU_PER_PT), round(height_pt * EMU_PER_PT), 0, 0, 0, 0)


def fitter(body: Box = box(1000, 1000), title: Box = box(1000, 1000), notes: Box = box(1000, 1000),
           metrics: fit.FontMetrics = EVEN) -> tuple[Fitter, list]:
    diagnostics: list = []
    geometry = Geometry(10 ** 7, 10 ** 7, {"content": {"title": title, "body": body}}, notes=notes)
    return Fitter(geometry, metrics, diagnostics), diagnostics


def para(text: str, level: int = 0, marker: str = "none", loc: SourceLoc | None = None) -> Para:
    return Para((Run(text),) if text else (), level, marker, loc=loc)  # type: ignore[arg-type]


def texts(frames: list[Frame]) -> list[list[str]]:
    return [[p.text for p in frame.paras] for frame in frames]


# Heights of text at one size.

def test_one_line_is_a_quarter_taller_than_its_type() -> None:
    frame = fitter()[0].frame("content", "body", [para("abcd")], sizes=(22, 18))
    assert (frame.size, frame.needed) == (22, 27.5)


def test_each_later_paragraph_adds_its_space_before_less_when_nested() -> None:
    fit_ = fitter()[0]
    top = fit_.frame("content", "body", [para("one"), para("two")], sizes=(22, 18))
    nested = fit_.frame("content", "body", [para("one"), para("two", level=1)], sizes=(22, 18))
    assert top.needed == 27.5 + 7.7 + 27.5  # 0.35 x 22 before the second
    assert nested.needed == 27.5 + 3.3 + 27.5  # 0.15 x 22


def test_an_empty_paragraph_takes_one_line_even_in_a_narrow_box() -> None:
    frame = fitter(body=box(30, 1000))[0].frame("content", "body", [para("")], sizes=(20, 18))
    assert frame.needed == 25.0


def test_a_long_word_is_broken_at_the_box_edge() -> None:
    # 25 characters of 10 pt in a 105 pt column: 10, 10 and 5 characters.
    frame = fitter(body=box(105, 1000))[0].frame("content", "body", [para("a" * 25)], sizes=(20, 18))
    assert frame.needed == 3 * 25.0


@pytest.mark.parametrize(("level", "marker", "lines"), [
    (0, "none", 1),    # 90 pt of text in 110 pt
    (0, "bullet", 2),  # 110 - 27 = 83 pt
    (0, "number", 2),  # 110 - 42 = 68 pt
    (1, "none", 2),    # 110 - 27 = 83 pt
])
def test_text_wraps_within_its_indent(level: int, marker: str, lines: int) -> None:
    frame = fitter(body=box(110, 1000))[0].frame("content", "body", [para("aaaa bbbb", level, marker)],
                                                sizes=(20, 18))
    assert frame.needed == lines * 25.0


def test_the_capacity_is_the_box_height_in_points_to_the_hundredth() -> None:
    tall = Box(0, 0, 1000 * EMU_PER_PT, 5_000_000, 0, 0, 0, 0)  # 393.7008 pt
    assert fitter(body=tall)[0].frame("content", "body", [para("a")]).capacity == 393.7


# Choosing the size.

def test_text_that_fits_exactly_keeps_the_largest_size() -> None:
    frame = fitter(body=box(1000, 35))[0].frame("content", "body", [para("one line")])
    assert (frame.size, frame.needed, frame.capacity, frame.fits) == (28, 35.0, 35.0, True)


def test_sizes_are_tried_in_two_point_steps_down_from_the_largest() -> None:
    # One line needs 35 pt at 28, 32.5 at 26, 30 at 24 (and 31.2 at 25, a size never tried).
    fit_, diagnostics = fitter(body=box(1000, 31.5))
    frame = fit_.frame("content", "body", [para("one line")])
    assert (frame.size, frame.needed) == (24, 30.0)
    assert diagnostics == []


def test_more_text_never_gets_larger_type_nor_type_below_the_floors() -> None:
    # The real theme font in the default template's boxes.
    fit_ = Fitter(DEFAULT_GEOMETRY, fit.load_metrics("fontpkg_atkinson_hyperlegible", "Atkinson Hyperlegible"), [])
    words = "Numbness after a nerve block usually wears off within a day of the operation".split() * 30
    for role, floor in (("body", TEXT_FLOOR_PT), ("title", TITLE_FLOOR_PT)):
        sizes = [fit_.frame("content", role, [para(" ".join(words[:n]))], report=False).size
                 for n in range(1, len(words), 5)]
        assert sizes == sorted(sizes, reverse=True), (role, sizes)
        assert sizes[0] > floor and sizes[-1] == floor, (role, sizes)


@pytest.mark.parametrize(("role", "floor"), [("body", TEXT_FLOOR_PT), ("title", TITLE_FLOOR_PT)])
def test_text_too_long_for_any_size_stays_at_the_floor_and_is_reported(role: str, floor: int) -> None:
    # 80 pt wide: "word word", 9 characters of half the size, needs at least 81 pt, so each word takes a line.
    fit_, diagnostics = fitter(body=box(80, 30), title=box(80, 30))
    frame = fit_.frame("content", role, [para("word word word word word", loc=HERE)])
    pitch = floor * 1.25
    assert (frame.size, frame.needed, frame.fits) == (floor, 5 * pitch, False)
    assert [(d.code, d.loc, d.message) for d in diagnostics] == [(
        rules.SLIDE_OVERFLOW.code, HERE,
        f"“word word word word word” needs {5 * pitch:.0f} pt but the {role} placeholder holds 30 pt, "
        f"even at {floor} pt type")]


def test_an_overflow_not_to_report_is_left_to_the_caller() -> None:
    fit_, diagnostics = fitter(body=box(100, 30))
    assert not fit_.frame("content", "body", [para("word " * 20)], report=False).fits
    assert diagnostics == []


@pytest.mark.parametrize(("paras", "loc", "where"), [
    ([para("x " * 40), para("y " * 40, loc=HERE)], None, HERE),
    ([para("x " * 40)], HERE.at(30), HERE.at(30)),
    ([para("x " * 40)], None, SourceLoc(Path("."))),
])
def test_an_overflow_is_reported_at_the_first_paragraph_that_knows_its_line(
        paras: list[Para], loc: SourceLoc | None, where: SourceLoc) -> None:
    fit_, diagnostics = fitter(body=box(100, 30))
    fit_.frame("content", "body", paras, loc=loc)
    assert [d.loc for d in diagnostics] == [where]


@pytest.mark.parametrize(("text", "quoted"), [
    ("a" * 60, "a" * 60),
    ("a" * 61, "a" * 59 + "…"),
    ("  two\n\nlines  ", "two lines"),
])
def test_an_overflow_message_quotes_the_text_cut_to_sixty_characters(text: str, quoted: str) -> None:
    fit_, diagnostics = fitter(body=box(30, 10))
    fit_.frame("content", "body", [para(text)])
    assert diagnostics[0].message.startswith(f"“{quoted}” needs ")


# Splitting text over several slides (packed at 24 pt: a line 30 pt, the space before a paragraph 8.4 pt).

def test_text_that_fits_exactly_at_twenty_points_is_not_split() -> None:
    # Three one-line paragraphs: 25 + 7 + 25 + 7 + 25 = 89 pt at 20, 97.9 pt at 22.
    frames = fitter(body=box(1000, 89))[0].split("content", "body", [[para("a")], [para("b")], [para("c")]])
    assert texts(frames) == [["a", "b", "c"]]
    assert (frames[0].size, frames[0].needed) == (20, 89.0)


def test_a_group_that_fits_a_slide_moves_whole_to_the_next() -> None:
    groups = [[para("a")], [para("b1"), para("b2", level=1)]]  # b1 and b2: 30 + 3.6 + 30 pt at 24
    frames = fitter(body=box(1000, 70))[0].split("content", "body", groups)
    assert texts(frames) == [["a"], ["b1", "b2"]]


def test_a_group_exactly_as_tall_as_the_slide_is_kept_together() -> None:
    groups = [[para("a")], [para("b1"), para("b2")]]  # 30 + 8.4 + 30 = 68.4 pt at 24
    frames = fitter(body=box(1000, 68.4))[0].split("content", "body", groups)
    assert texts(frames) == [["a"], ["b1", "b2"]]


def test_a_slide_is_filled_up_to_its_last_point() -> None:
    frames = fitter(body=box(1000, 68.4))[0].split("content", "body", [[para("a")], [para("b")], [para("c")]])
    assert texts(frames) == [["a", "b"], ["c"]]


def test_a_group_too_tall_for_a_slide_is_split_between_its_paragraphs() -> None:
    frames = fitter(body=box(1000, 70))[0].split("content", "body", [[para("a"), para("b"), para("c")]])
    assert texts(frames) == [["a", "b"], ["c"]]
    assert all(frame.fits for frame in frames)


def test_a_paragraph_too_long_for_any_slide_gets_one_slide_at_the_floor() -> None:
    fit_, diagnostics = fitter(body=box(100, 60))
    frames = fit_.split("content", "body", [[para("word " * 30, loc=HERE)]])
    assert [(f.size, f.fits) for f in frames] == [(TEXT_FLOOR_PT, False)]
    assert [d.code for d in diagnostics] == [rules.SLIDE_OVERFLOW.code]


# Speaker notes (12 pt: a line 15 pt, the space before a paragraph 4.2 pt).

def test_no_notes_make_one_empty_page() -> None:
    assert fitter()[0].notes([]) == [()]


def test_notes_lines_that_exactly_fill_a_page_share_it() -> None:
    # 19 characters of 6 pt: 114 pt, one line in the 120 pt wide page (notes are not indented).
    notes = fitter(notes=box(120, 34.2))[0].notes(["aaaa bbbb cccc dddd", "eeee"])
    assert notes == [("aaaa bbbb cccc dddd", "eeee")]


def test_notes_lines_go_on_to_a_new_page() -> None:
    notes = fitter(notes=box(120, 34))[0].notes(["aaaa", "bbbb", "cccc"])
    assert notes == [("aaaa",), ("bbbb",), ("cccc",)]


# In a page 40 pt wide each of these sentences (36 pt) takes a line of its own.
SENTENCES = ["aa bb.", "cc dd.", "ee ff.", "gg hh.", "ii jj."]


def test_a_paragraph_that_exactly_fills_a_notes_page_is_not_cut() -> None:
    notes = fitter(notes=box(40, 45))[0].notes([" ".join(SENTENCES[:3])])
    assert notes == [("aa bb. cc dd. ee ff.",)]


@pytest.mark.parametrize("height", [50, 58])
def test_a_long_notes_paragraph_is_cut_at_sentence_ends_into_pieces_of_at_most_nine_tenths_of_a_page(
        height: float) -> None:
    # Three lines (45 pt) are at most 0.9 of 50 or 58 pt; four lines (60 pt) are more.
    notes = fitter(notes=box(40, height))[0].notes([" ".join(SENTENCES)])
    assert notes == [("aa bb. cc dd. ee ff.",), ("gg hh. ii jj.",)]


def test_a_first_sentence_longer_than_nine_tenths_of_a_page_is_a_piece_of_its_own() -> None:
    # "aa bb cc dd ee ff." takes three lines (45 pt): more than 0.9 x 48 pt, yet it fits the page.
    notes = fitter(notes=box(40, 48))[0].notes(["aa bb cc dd ee ff. gg hh."])
    assert notes == [("aa bb cc dd ee ff.",), ("gg hh.",)]


# Tables (22 pt down to 18 pt; a one-line row is 35.7 pt at 22, 33.2 at 20, 30.7 at 18).

def test_a_table_that_fits_is_one_part_with_columns_shared_by_their_bold_header() -> None:
    # Natural widths: bold "aa" 26.4 + 14.4 = 40.8, bold "bbbb" 52.8 + 14.4 = 67.2, of 108; the box is 216.
    fit_, diagnostics = fitter(body=Box(0, 0, 216 * EMU_PER_PT, 5_000_000, 0, 0, 0, 0))
    [plan] = fit_.table("content", "body", ("aa", "bbbb"), [("c", "d")], HERE)
    assert (plan.role, plan.header, plan.rows, plan.size) == ("body", ("aa", "bbbb"), (("c", "d"),), 22)
    assert plan.col_widths == pytest.approx((81.6, 134.4), abs=0.01)
    assert (plan.row_heights, plan.needed, plan.capacity, plan.fits) == ((35.7, 35.7), 71.4, 393.7, True)
    assert diagnostics == []


@pytest.mark.parametrize(("height", "size"), [(71.4, 22), (68, 20), (62, 18)])
def test_a_table_takes_the_largest_size_that_fits_in_two_point_steps(height: float, size: int) -> None:
    # Two one-line rows: 71.4 pt at 22, 66.4 at 20, 61.4 at 18.
    [plan] = fitter(body=box(216, height))[0].table("content", "body", ("aa",), [("c",)], HERE)
    assert (plan.size, plan.fits) == (size, True)


def test_a_cell_wraps_at_its_column_width_less_its_margins() -> None:
    # One column 74.4 pt wide leaves 60 pt of text: "aaaaa" (55 pt) fits, "aa aaa" (66 pt) wraps.
    [plan] = fitter(body=box(74.4, 1000))[0].table("content", "body", ("h",), [("aaaaa",), ("aa aaa",)], HERE)
    assert plan.size == 22
    assert plan.row_heights == (35.7, 35.7, 63.2)


def test_the_header_row_is_measured_bold() -> None:
    # "abcde": 55 pt regular, 66 pt bold, in 60 pt.
    [plan] = fitter(body=box(74.4, 1000))[0].table("content", "body", ("abcde",), [("abcde",)], HERE)
    assert plan.row_heights == (63.2, 35.7)


def test_an_empty_cell_takes_one_line() -> None:
    [plan] = fitter(body=box(54.4, 1000))[0].table("content", "body", ("h",), [("",), ("a",)], HERE)
    assert plan.row_heights == (35.7, 35.7, 35.7)


def test_columns_too_wide_together_keep_their_longest_word_and_share_the_rest() -> None:
    # Longest words: "aaaa" 44 + 14.4 = 58.4, bold "bbb" 39.6 + 14.4 = 54; of 120 pt, 7.6 are left over,
    # all for the first column, the only one whose text is wider than its longest word.
    [plan] = fitter(body=box(120, 1000))[0].table("content", "body", ("a", "bbb"), [("aaaa aaaa", "bb")], HERE)
    assert plan.col_widths == pytest.approx((66.0, 54.0), abs=0.01)


def test_columns_whose_longest_words_are_too_wide_shrink_in_proportion() -> None:
    # The longest words need 58.4 + 54 = 112.4 pt; the box has 100.
    [plan] = fitter(body=box(100, 1000))[0].table("content", "body", ("a", "bbb"), [("aaaa aaaa", "bb")], HERE)
    assert plan.col_widths == pytest.approx((58.4 * 100 / 112.4, 54 * 100 / 112.4), abs=0.01)


def test_a_long_table_is_split_into_parts_that_each_repeat_the_header() -> None:
    # At 18 pt in a column of 60 pt of text: "aaaa aaaa" takes two lines (53.2 pt), the rest one (30.7 pt).
    rows = [("aaaa aaaa",), ("b",), ("c",), ("d",)]
    fit_, diagnostics = fitter(body=box(74.4, 100))
    plans = fit_.table("content", "body", ("H",), rows, HERE)
    assert [(p.header, p.rows, p.size) for p in plans] == [
        (("H",), (("aaaa aaaa",),), 18), (("H",), (("b",), ("c",)), 18), (("H",), (("d",),), 18)]
    assert [(p.row_heights, p.needed) for p in plans] == [
        ((30.7, 53.2), 83.9), ((30.7, 30.7, 30.7), 92.1), ((30.7, 30.7), 61.4)]
    assert diagnostics == []


def test_a_table_part_is_filled_up_to_its_last_point() -> None:
    rows = [("aaaa aaaa",), ("b",), ("c",), ("d",)]
    plans = fitter(body=box(74.4, 92.1))[0].table("content", "body", ("H",), rows, HERE)
    assert [p.rows for p in plans] == [(("aaaa aaaa",),), (("b",), ("c",)), (("d",),)]


def test_a_table_row_too_tall_for_the_slide_is_reported_at_the_table() -> None:
    # At 18 pt in 40 pt of text, each "aaaa" (36 pt) takes a line: 3 x 22.5 + 8.2 = 75.7 pt, under a 30.7 pt header.
    fit_, diagnostics = fitter(body=box(54.4, 50))
    [plan] = fit_.table("content", "body", ("H",), [("aaaa aaaa aaaa",)], HERE)
    assert (plan.size, plan.needed, plan.capacity, plan.fits) == (18, 106.4, 50.0, False)
    assert [(d.code, d.loc, d.message) for d in diagnostics] == [
        (rules.SLIDE_OVERFLOW.code, HERE, "a table row needs 106 pt but the slide holds 50 pt")]
