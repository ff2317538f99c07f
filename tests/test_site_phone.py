"""The course site on a phone (390 x 844) and a desktop (1280 x 900), measured in Debian's Chromium.

Each test reads positions, sizes and colours from the rendered pages of every sample course: where the urgent
help stands, how big the text a reader needs is, whether anything is wider than the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_COURSES
from tests.site_support import REPO, build, free_port, serving
from tests.test_site_browser import CHROMIUM, CHROMIUM_ARGS
from toolkit import model as m
from toolkit.check import run_check
from toolkit.site.render import warning_signs_module
from toolkit.warning_signs import urgency_words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="Debian's chromium is not installed (`make test` installs it: apt-get install chromium)"),
]

sync_api = pytest.importorskip("playwright.sync_api")

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample courses' site, served from 127.0.0.1 at the address it was built for."""
    port = free_port()
    folder = tmp_path_factory.mktemp("phone") / "site"
    found = build(REPO, folder, site_url=f"http://127.0.0.1:{port}/")
    assert not found.errors, found.format_text(REPO)
    with serving(folder, port) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module", params=SAMPLE_COURSES)
def course(request: pytest.FixtureRequest) -> m.Course:
    (found,) = [c for c in run_check(REPO).project.courses if c.id == request.param]
    return found


@pytest.fixture(params=sorted(SCREENS))
def screen(request: pytest.FixtureRequest, browser):  # type: ignore[no-untyped-def]
    """A page at one screen size; a phone is a touch screen."""
    size = SCREENS[request.param]
    phone = request.param == "phone"
    context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)
    opened = context.new_page()
    yield opened
    context.close()


def test_urgent_help_starts_in_the_first_screen_of_every_module_page(screen, site: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    height = screen.viewport_size["height"]
    signs = warning_signs_module(course)
    assert signs is not None
    for mod in course.modules:
        screen.goto(f"{site}{course.id}/{mod.id}/")
        first = screen.locator("article .ck-help, article .ck-red-flags").first
        top = first.bounding_box()["y"]
        assert 0 < top < height - 120, (mod.id, top)  # its start and first lines show without scrolling
        words = first.inner_text()
        assert next(iter(urgency_words(course).values())).action in words, mod.id  # the emergency action, in the course's own words
        if mod is signs:  # the page about the warning signs: the signs themselves come first
            assert "ck-red-flags" in (first.get_attribute("class") or "")
            assert first.locator("li").count() >= 2
        else:  # a banner with the condition, linking to the signs
            link = first.locator("a", has_text=course.labels.site_help_signs)
            assert link.get_attribute("href").rstrip("/").endswith(signs.id)
            assert first.locator(".ck-call").count() == 1


def test_warning_signs_are_shown_once_on_their_page(screen, site: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    signs = warning_signs_module(course)
    assert signs is not None
    screen.goto(f"{site}{course.id}/{signs.id}/")
    titles = screen.locator("article .ck-red-flags__title").all_inner_texts()
    assert len(titles) == len(set(titles)) and titles  # moved to the top, not copied
