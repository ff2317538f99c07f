"""Links in print: a sheet of paper cannot be clicked, so a link prints as the text around it does (its colour,
no underline). Read from WeasyPrint's own layout of the sample booklets' pieces, with the theme's print
stylesheet."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import REPO, SAMPLE_COURSES
from toolkit.check import run_check
from toolkit.handouts import plan_course_handouts
from toolkit.handouts.compose import compose
from toolkit.handouts.fetcher import ProjectFetcher
from toolkit.handouts.writer import allowed_roots, stylesheets

pytestmark = pytest.mark.slow
CREATED = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def _boxes(box, parent=None):  # type: ignore[no-untyped-def]
    """Every box of a page's layout, with the box it is laid out in."""
    yield box, parent
    for child in getattr(box, "children", ()):
        yield from _boxes(child, box)


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_links_print_in_the_texts_colour_without_an_underline(course_id: str) -> None:
    from weasyprint import HTML

    project = run_check(REPO).project
    (course,) = [c for c in project.courses if c.id == course_id]
    booklet = next(p for p in plan_course_handouts(project, course, paper="a4", created=CREATED) if p.kind == "booklet")
    fetcher = ProjectFetcher(allowed_roots(REPO, course.theme))
    styles = stylesheets(course.theme, "a4", fetcher)
    links = 0
    for piece in compose(booklet, {}).segments:  # type: ignore[union-attr]
        document = HTML(string=piece.html, base_url=REPO.as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=styles.sheets)
        for page in document.pages:
            for box, parent in _boxes(page._page_box):  # noqa: SLF001
                element = getattr(box, "element", None)
                if element is None or element.tag != "a" or getattr(parent, "element", None) is element:
                    continue
                if "ck-call" in (element.get("class") or ""):  # the phone number in a warning box: bold, on its bar
                    continue
                links += 1
                assert box.style["text_decoration_line"] in ("none", None, frozenset()), element.get("href")
                assert box.style["color"] == parent.style["color"], element.get("href")
    assert links > 0  # the booklet has links to print: sources, other modules
