"""Page-break rules, read back from where the text stands in every sample leaflet, booklet and guide.

A box (warning signs, an exercise's step card) is never split unless it is taller than a page; no heading, term
or question is the last thing on a page; no page but the last is less than a quarter full.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_COURSES
from tests.pdf_layout import PageLayout, fullness, layout, stranded, svg_labels
from tests.pdf_support import page_texts, read
from toolkit import model as m
from toolkit.check import run_check
from toolkit.handouts import plan_course_handouts

pytestmark = pytest.mark.slow
CREATED = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
every_course = pytest.mark.parametrize("course_id", SAMPLE_COURSES)


def _documents(built: Path, course_id: str) -> list[Path]:
    """Every leaflet, the booklet (not its print-ready file: the same pages, two to a side) and the guide."""
    handouts = sorted((built / "handouts" / course_id).glob("*.pdf"))
    return [p for p in handouts if not p.name.endswith("-print.pdf")] + [
        built / "guide" / course_id / "facilitator-guide.pdf"]


def _flat(text: str) -> str:
    return " ".join(text.split())


@every_course
def test_no_page_but_the_last_is_less_than_a_quarter_full(sample_handouts: Path, course_id: str) -> None:
    for path in _documents(sample_handouts, course_id):
        pages = [page for page in layout(path) if len(page.rows) > 1]  # not a notes page: a heading and lines
        low = [(number, round(full, 2)) for number, full in enumerate(fullness(pages)[:-1], 1) if full < 0.25]
        assert not low, (path.name, low)


@every_course
def test_no_heading_term_or_question_ends_a_page(sample_handouts: Path, course_id: str) -> None:
    labels = svg_labels(REPO / "courses" / course_id / "media")
    for path in _documents(sample_handouts, course_id):
        assert not stranded(layout(path), labels), path.name


def _box_ends(block: m.RedFlags | m.Exercise, course: m.Course) -> tuple[str, str]:
    """The first words of a box's title and the last words of its last line, as printed."""
    if isinstance(block, m.Exercise):
        title = f"Exercise: {block.title}"  # as its card prints it (the module may share its title)
    else:
        words = course.urgency(block.tier)
        assert words is not None
        title = words.title
    texts = [" ".join(m.plain_text(run) for run in m.block_inlines(b)) for b in m.walk_blocks(block.blocks)
             if isinstance(b, m.Paragraph)]
    assert texts and _flat(texts[-1]), title
    return _flat(title)[:30], _flat(texts[-1])[-30:]


def _pages_of(texts: list[str], words: str) -> list[int]:
    pages = [number for number, text in enumerate(texts, 1) if words in text]
    assert pages, words
    return pages


def _starts_its_page(page: PageLayout, words: str) -> bool:
    return bool(page.rows) and words[:15] in page.rows[0].text


@every_course
def test_no_box_is_split_unless_it_is_taller_than_a_page(sample_handouts: Path, course_id: str) -> None:
    project = run_check(REPO).project
    (course,) = [c for c in project.courses if c.id == course_id]
    checked = 0
    for plan in plan_course_handouts(project, course, paper="a4", created=CREATED):
        if plan.kind != "module":
            continue
        path = sample_handouts / plan.path
        texts = [_flat(text) for text in page_texts(read(path))]
        pages = layout(path)
        part = plan.parts[0]
        for block in (*part.red_flags, *part.leaflet_exercises):
            first, last = _box_ends(block, course)
            start, end = _pages_of(texts, first)[0], _pages_of(texts, last)[-1]
            checked += 1
            assert start == end or _starts_its_page(pages[start - 1], first), (path.name, first, start, end)
    assert checked >= 2 * len(course.modules)
