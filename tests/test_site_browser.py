"""The built course site in a real browser: Debian's Chromium, headless, driven by Playwright.

Every test here reads the sample courses' site, built once for the module and
served from 127.0.0.1; nothing is fetched from anywhere else. The tests about
one course run on each sample course.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_COURSES
from tests.site_support import HOSTILE, REPO, build, pages, serving
from toolkit import model as m
from toolkit.check import run_check

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.requires("chromium", "playwright"),
]


@pytest.fixture(scope="module")
def sample_site(served_sample_site: tuple[Path, str]) -> Path:
    return served_sample_site[0]


@pytest.fixture(scope="module")
def base_url(served_sample_site: tuple[Path, str]) -> str:
    return served_sample_site[1]


@pytest.fixture
def page(browser, base_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def route(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    opened = context.new_page()
    opened.outside_requests = outside  # type: ignore[attr-defined]
    yield opened
    context.close()


@pytest.fixture(scope="module", params=SAMPLE_COURSES)
def course(request: pytest.FixtureRequest) -> m.Course:
    """Each sample course in turn."""
    (found,) = [c for c in run_check(REPO).project.courses if c.id == request.param]
    return found


def test_every_page_opens_without_errors_or_outside_requests(page, base_url: str, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    for relative in pages(sample_site):
        response = page.goto(base_url + relative)
        assert response is not None and response.status == 200, relative
        assert page.locator("article h1").count() == 1, relative
    assert errors == []
    assert page.outside_requests == []


def test_red_flags_are_visible_without_clicking(page, base_url: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    with_flags = [mod for mod in course.modules if any(isinstance(b, m.RedFlags) for b in m.walk_blocks(tuple(mod.blocks())))]
    assert with_flags
    for mod in with_flags:
        page.goto(f"{base_url}{course.id}/{mod.id}/")
        alert = page.locator(".ck-red-flags").first
        alert.scroll_into_view_if_needed()
        assert alert.is_visible()
        box = alert.bounding_box()
        assert box is not None and box["height"] > 80
        assert alert.locator(".ck-call").is_visible()
        icon = alert.locator(".admonition-title").evaluate(
            "el => { const s = getComputedStyle(el, '::before'); return s.maskImage || s.webkitMaskImage }")
        assert icon and icon != "none"  # Material's warning icon beside the title
        assert alert.evaluate("el => el.closest('details') === null")


def _first_quiz_page(course: m.Course, several: bool = False) -> str:
    """The first module with a quiz that has one right answer (or several)."""
    for mod in course.modules:
        if any(isinstance(b, m.Quiz) and (sum(o.correct for o in b.options) > 1) == several
               for b in m.walk_blocks(tuple(mod.blocks()))):
            return mod.id
    raise AssertionError("the sample course has no such quiz")


def test_quiz_answered_wrongly_then_rightly_with_the_keyboard(page, base_url: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    # Arrive as a reader does: from the course page, through Material's instant navigation.
    quiz_module = course.module(_first_quiz_page(course))
    assert quiz_module is not None
    page.goto(f"{base_url}{course.id}/", wait_until="networkidle")  # Material has read the sitemap: links are intercepted
    page.evaluate("window.ckSamePage = true")
    page.locator("article .ck-modules a", has_text=quiz_module.meta.title).first.click()
    page.wait_for_function("p => location.pathname === p", arg=f"/{course.id}/{quiz_module.id}/")
    page.locator("[data-ck-quiz][data-ck-ready]").first.wait_for()
    assert page.evaluate("window.ckSamePage === true")  # no reload: the script set the quiz up again
    quiz = page.locator("[data-ck-quiz]:has(input[type=radio])").first
    quiz.scroll_into_view_if_needed()
    feedback = quiz.locator(".ck-quiz__feedback")
    assert feedback.get_attribute("aria-live") == "polite" and feedback.get_attribute("role") == "status"
    correct = [value == "true" for value in quiz.locator("input[type=radio]").evaluate_all(
        "els => els.map(e => e.dataset.ckCorrect)")]
    wrong_index, right_index = correct.index(False), correct.index(True)
    check = quiz.locator(".ck-quiz__check")
    assert check.is_visible() and quiz.locator(".ck-quiz__answer").is_hidden()

    # Reach the quiz by tabbing from the element just before it, as a keyboard user would.
    quiz.evaluate("el => { const b = document.createElement('button'); b.id = 'ck-test-start'; b.textContent = 'start';"
                  " el.parentNode.insertBefore(b, el); b.focus(); }")

    def choose(index: int) -> None:
        page.keyboard.press("Tab")  # into the radio group
        assert page.evaluate("document.activeElement.type") == "radio"
        here = page.evaluate("[...document.activeElement.closest('fieldset').querySelectorAll('input')]"
                             ".indexOf(document.activeElement)")
        for _ in range(abs(index - here)):
            page.keyboard.press("ArrowDown" if index > here else "ArrowUp")
        page.keyboard.press("Space")
        page.keyboard.press("Tab")  # to the button
        assert page.evaluate("document.activeElement.classList.contains('ck-quiz__check')")
        page.keyboard.press("Enter")

    choose(wrong_index)
    page.wait_for_function("el => el.textContent.includes('try again')", arg=feedback.element_handle())
    assert "ck-quiz--wrong" in (quiz.get_attribute("class") or "")
    assert quiz.locator(".ck-quiz__explanation").is_hidden()

    page.focus("#ck-test-start")
    choose(right_index)
    page.wait_for_function("el => el.textContent.includes('that is right')", arg=feedback.element_handle())
    assert "ck-quiz--right" in (quiz.get_attribute("class") or "")
    assert quiz.locator(".ck-quiz__explanation").is_visible() or quiz.locator(".ck-quiz__explanation").inner_text() == ""


def test_quiz_with_several_right_answers_uses_tick_boxes(page, base_url: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}{course.id}/{_first_quiz_page(course, several=True)}/")
    quiz = page.locator("[data-ck-quiz]:has(input[type=checkbox])").first
    quiz.scroll_into_view_if_needed()
    boxes = quiz.locator("input[type=checkbox]")
    correct = [v == "true" for v in boxes.evaluate_all("els => els.map(e => e.dataset.ckCorrect)")]
    feedback = quiz.locator(".ck-quiz__feedback")
    # Only one of the right answers: not enough.
    boxes.nth(correct.index(True)).focus()
    page.keyboard.press("Space")
    quiz.locator(".ck-quiz__check").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.includes('try again')", arg=feedback.element_handle())
    # Every right answer and nothing else.
    for index, right in enumerate(correct):
        if right and not boxes.nth(index).is_checked():
            boxes.nth(index).focus()
            page.keyboard.press("Space")
    quiz.locator(".ck-quiz__check").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.includes('that is right')", arg=feedback.element_handle())


def test_quiz_answer_is_in_a_disclosure_without_javascript(browser, base_url: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}{course.id}/{_first_quiz_page(course)}/")
        quiz = page.locator(".ck-quiz").first
        assert quiz.locator(".ck-quiz__check").is_hidden()
        answer = quiz.locator("details.ck-quiz__answer")
        answer.locator("summary").click()
        assert answer.get_attribute("open") is not None
        assert answer.locator("strong").first.is_visible()
    finally:
        context.close()


def test_print_shows_quiz_answers_and_hides_the_controls(page, base_url: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}{course.id}/{_first_quiz_page(course)}/")
    page.emulate_media(media="print")
    quiz = page.locator(".ck-quiz").first
    assert quiz.locator(".ck-quiz__check").is_hidden()
    assert quiz.locator(".ck-quiz__answer").is_visible()
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()


def test_print_shows_every_box_of_warning_signs_with_its_title_and_signs(page, base_url: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    """Printed from the browser, each module page shows each of its warning-sign boxes: the title and every sign."""
    with_signs = [(mod, blocks) for mod in course.modules
                  if (blocks := [b for b in m.walk_blocks(tuple(mod.blocks())) if isinstance(b, m.RedFlags)])]
    assert with_signs, "the sample course has no warning signs"
    for module, blocks in with_signs:
        page.goto(f"{base_url}{course.id}/{module.id}/")
        page.emulate_media(media="print")
        boxes = page.locator("article .ck-red-flags")
        assert boxes.count() == len(blocks), module.id
        for i in range(len(blocks)):
            box = boxes.nth(i)
            assert box.is_visible() and box.locator(".ck-red-flags__title").is_visible(), (module.id, i)
            signs = box.locator("li")
            assert signs.count() > 0 and all(signs.nth(j).is_visible() for j in range(signs.count())), (module.id, i)


def test_a_glossary_term_shows_its_definition_from_the_keyboard(page, base_url: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}{course.id}/{course.modules[0].id}/")
    term = page.locator("article abbr.ck-term").first
    definition = term.get_attribute("title")
    assert term.get_attribute("tabindex") == "0"  # Tab stops on it; a tap focuses it
    # Material wires its tooltips up after the page loads; focus again until it has, for at most 10 s.
    page.wait_for_function(
        """() => { const term = document.querySelector('article abbr.ck-term');
                   term.blur(); term.focus(); return term.hasAttribute('aria-describedby'); }""",
        polling=200, timeout=10000)
    tooltip_id = term.get_attribute("aria-describedby")
    assert tooltip_id, "Material did not attach a tooltip"
    tooltip = page.locator(f"#{tooltip_id}")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == (definition or "").strip()


def test_search_finds_a_glossary_term(page, base_url: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    entry = max(course.glossary, key=lambda e: len(e.term))
    page.goto(base_url)
    page.wait_for_function("typeof document$ !== 'undefined'")
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=10000)
    page.keyboard.type(entry.term)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=30000)
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    assert any("/glossary/" in href for href in hrefs), hrefs


def test_mobile_width_screenshot(browser, base_url: str, tmp_path: Path, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{base_url}{course.id}/{course.modules[1].id}/")
        shot = tmp_path / "mobile.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
        # Nothing wider than the phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        keep = os.environ.get("COURSEKIT_SCREENSHOTS")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, Path(keep) / "site-mobile.png")
    finally:
        context.close()


# Colour does not change what the other rules see, so the dark palette is checked for contrast only.
AXE_RUNS = {
    "light": {"runOnly": {"type": "tag", "values": WCAG}},
    "dark": {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}},
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations_on_any_page(browser, base_url: str, sample_site: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    # The reader's system setting picks the palette, as it does on a phone.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        axe = Axe()
        problems = []
        for relative in pages(sample_site):
            page.goto(base_url + relative)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            result = axe.run(page, options=AXE_RUNS[scheme])
            for violation in result.response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{relative or '/'}: {violation['id']} {targets}")
        assert problems == []
    finally:
        context.close()


def test_stock_material_footer_fails_contrast_and_ours_does_not(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """The reason the theme sets the footer's colours: without coursekit's stylesheets axe flags it."""
    from axe_playwright_python.sync_playwright import Axe

    contrast = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}
    page.goto(base_url)
    ours = Axe().run(page, options=contrast).response["violations"]
    assert ours == []
    page.evaluate("document.querySelectorAll('link[href*=\"assets/coursekit/\"]').forEach(l => l.remove())")
    stock = Axe().run(page, options=contrast).response["violations"]
    flagged = [node["target"][0] for v in stock for node in v["nodes"]]
    assert any(page.locator(target).first.evaluate("el => !!el.closest('.md-copyright')") for target in flagged), flagged


def test_hostile_html_runs_nothing_in_the_browser(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "hostile"
    assert not build(HOSTILE, site).errors
    with serving(site) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(url + "hostile/hostile-html/")
            page.mouse.move(200, 300)
            for link in page.locator("article a").all():
                link.focus()
            page.wait_for_timeout(300)
            assert dialogs == []
            assert page.evaluate("document.querySelectorAll('article script, article iframe, article svg').length") == 0
        finally:
            context.close()


def test_offline_copy_works_from_files_with_search(browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                   course: m.Course) -> None:
    monkeypatch.setenv("COURSEKIT_OFFLINE", "true")
    site = tmp_path / "usb"
    assert not build(REPO, site).errors
    context = browser.new_context()
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else (outside.append(route.request.url), route.abort()))
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())  # the catalogue of courses
        page.locator("article a", has_text=course.meta.title).first.click()
        assert page.url.endswith(f"{course.id}/index.html")
        page.locator("article a", has_text=course.modules[0].meta.title).first.click()
        assert page.url.endswith(f"{course.id}/{course.modules[0].id}.html")
        page.wait_for_load_state("load")
        page.wait_for_function("typeof document$ !== 'undefined'")
        page.keyboard.press("/")
        page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=10000)
        entry = max(course.glossary, key=lambda e: len(e.term))
        page.keyboard.type(entry.term)
        page.locator(".md-search-result__item a").first.wait_for(timeout=30000)
        assert outside == []
    finally:
        context.close()
