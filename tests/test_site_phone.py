"""The course site on a phone (390 x 844) and a desktop (1280 x 900), measured in Debian's Chromium.

Each test reads positions, sizes and colours from the rendered pages of every sample course: where the urgent
help stands, how big the text a reader needs is, whether anything is wider than the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_COURSES
from tests.site_support import build
from toolkit import model as m
from toolkit.check import run_check
from toolkit.site.render import warning_signs_module
from toolkit.warning_signs import urgency_words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.requires("chromium", "playwright"),
]

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def site(served_sample_site: tuple[Path, str]) -> str:
    """The sample courses' site, served from 127.0.0.1 at the address it was built for."""
    return served_sample_site[1]


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


def _contrast(a: list[float], b: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        channels = [c / 255 for c in rgb[:3]]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# The logo's edge colour (the first opaque pixel in from each side of each row, the commonest of those), and the
# colour drawn behind it: its own backdrop if it has one, else the header's.
_LOGO_COLOURS = """img => {
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 64;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0, 64, 64);
  const data = ctx.getImageData(0, 0, 64, 64).data;
  const counts = new Map();
  for (let y = 0; y < 64; y++) {
    for (const xs of [[...Array(64).keys()], [...Array(64).keys()].reverse()]) {
      for (const x of xs) {
        const i = (y * 64 + x) * 4;
        if (data[i + 3] > 200) { const k = [data[i], data[i + 1], data[i + 2]].join(); counts.set(k, (counts.get(k) || 0) + 1); break; }
      }
    }
  }
  const edge = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const own = getComputedStyle(img).backgroundColor;
  const behind = rgb(own)[3] === 0 ? getComputedStyle(img.closest('.md-header')).backgroundColor : own;
  return {edge, behind: rgb(behind)};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_logo_stands_out_from_the_header(browser, site: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    for name, size in SCREENS.items():
        context = browser.new_context(viewport=size, color_scheme=scheme, is_mobile=name == "phone")
        try:
            page = context.new_page()
            page.goto(site)
            logo = page.locator(".md-header .md-logo img")
            assert logo.is_visible(), name
            box = logo.bounding_box()
            assert box["height"] >= 20 and box["width"] >= 20, (name, box)  # a mark, not a smudge
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=logo.element_handle())
            colours = logo.evaluate(_LOGO_COLOURS)
            assert _contrast(colours["edge"], colours["behind"]) >= 3, (name, colours)  # WCAG 1.4.11
        finally:
            context.close()


def test_the_footer_says_how_to_reach_the_clinic_and_when_to_call(screen, site: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    contact = course.meta.contact
    assert contact is not None
    words = next(iter(urgency_words(course).values()))
    for relative in ("", f"{course.modules[-1].id}/", "glossary/"):
        screen.goto(f"{site}{course.id}/{relative}")
        footer = screen.locator(".md-footer-meta .ck-footer")
        footer.scroll_into_view_if_needed()
        assert footer.is_visible()
        text = " ".join(footer.inner_text().split())
        assert contact.name in text and contact.phone in text
        assert screen.locator('.ck-footer a[href^="tel:"]').count() >= 1
        # The emergency action with its condition, never on its own.
        condition = course.labels.site_help_banner.split("{")[0].strip()
        assert f"{condition}" in text and words.action in text
        assert course.meta.disclaimer in text and str(course.meta.next_review.year) in text
        assert "Made with" not in screen.locator(".md-footer").inner_text()
        body = screen.locator("article p").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        size = footer.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 0.9 * body


def test_the_glossary_jumps_from_a_to_z_and_lists_each_term_once(screen, site: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    screen.goto(f"{site}{course.id}/glossary/")
    jumps = screen.locator("article nav.ck-az a")
    assert jumps.first.bounding_box()["y"] < screen.viewport_size["height"] / 2  # found without scrolling
    letters = jumps.all_inner_texts()
    terms = sorted({entry.term.casefold() for entry in course.glossary})
    assert letters == sorted({t[0].upper() for t in terms})  # every letter with a term, and no other
    shown = screen.locator("article dl.ck-glossary dt").all_inner_texts()
    assert sorted(t.casefold() for t in shown) == terms  # one entry per term
    assert "Also written" not in screen.locator("article").inner_text()
    # A jump lands on its letter, below the header, in view.
    assert screen.evaluate("scrollY") == 0
    jumps.last.click()
    heading = screen.locator(f"article h2#letter-{letters[-1].lower()}")
    screen.wait_for_function("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }",
                             arg=heading.element_handle())
    header = screen.locator(".md-header").bounding_box()
    assert heading.bounding_box()["y"] >= header["y"] + header["height"] - 1
    assert screen.evaluate("scrollY") > 0
    # Each jump is a target a finger can hit (WCAG 2.5.8 asks for 24 px).
    assert min(jumps.evaluate_all("els => els.map(e => Math.min(e.offsetWidth, e.offsetHeight))")) >= 40


# What a reader reads, by kind: each must be body size, or within 10% of it.
READ_TEXT = {
    "callout": "article .admonition:not(.ck-red-flags) > :not(.admonition-title)",
    "callout title": "article .admonition:not(.ck-red-flags) > .admonition-title",
    "warning sign": "article .ck-red-flags li",
    "table": "article table td, article table th",
    "quiz question": "article .ck-quiz__question",
    "quiz answer": "article .ck-quiz__option label",
    "quiz disclosure": "article .ck-quiz__answer summary",
    "help banner": "article .ck-help p",
}


def _has(course: m.Course, kind: type) -> bool:
    return any(isinstance(b, kind) for mod in course.modules for b in m.walk_blocks(tuple(mod.blocks())))


def test_callouts_tables_tooltips_and_quizzes_are_body_size(screen, site: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    measured: dict[str, list[float]] = {}
    for mod in course.modules:
        screen.goto(f"{site}{course.id}/{mod.id}/")
        body = screen.locator("article p:not([class])").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        for kind, selector in READ_TEXT.items():
            sizes = screen.locator(selector).evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
            measured.setdefault(kind, []).extend(size / body for size in sizes)
    tooltip = _tooltip_size(screen)
    measured["tooltip"] = [tooltip]
    wrong = {kind: sorted({round(r, 2) for r in ratios if not 0.9 <= r <= 1.1}) for kind, ratios in measured.items()}
    assert {kind: r for kind, r in wrong.items() if r} == {}
    expected = {"warning sign", "quiz question", "quiz answer", "help banner", "tooltip"}
    expected |= {"callout", "callout title"} if _has(course, m.Callout) else set()
    expected |= {"table"} if _has(course, m.Table) else set()
    assert expected <= {kind for kind, ratios in measured.items() if ratios}


def _tooltip_size(screen) -> float:  # type: ignore[no-untyped-def]
    """The glossary tooltip's text size over the body's, on the last page opened."""
    screen.wait_for_function(
        """() => { const term = document.querySelector('article abbr.ck-term');
                   term.blur(); term.focus(); return term.hasAttribute('aria-describedby'); }""",
        polling=200, timeout=10000)
    term = screen.locator("article abbr.ck-term").first
    inner = screen.locator(f"#{term.get_attribute('aria-describedby')} .md-tooltip2__inner")
    inner.wait_for()
    size = inner.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    body = screen.locator("article p:not([class])").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    return size / body


def test_nothing_is_wider_than_the_screen(screen, site: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    width = screen.viewport_size["width"]
    wide = []
    for relative in ["", *(f"{mod.id}/" for mod in course.modules), "glossary/", "sources/"]:
        screen.goto(f"{site}{course.id}/{relative}")
        assert screen.evaluate("document.documentElement.scrollWidth") <= width, relative
        # Every visible element inside the page's width, unless a box that scrolls sideways holds it (the
        # navigation drawer waits off screen until it is opened).
        found = screen.evaluate("""w => [...document.querySelectorAll('.md-header *, .md-content *, .md-footer *')].filter(el => {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || (r.right <= w + 1 && r.left >= -1)) return false;
            for (let p = el.parentElement; p; p = p.parentElement) {
              const s = getComputedStyle(p);
              if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && p !== document.body && p !== document.documentElement) return false;
            }
            return getComputedStyle(el).visibility !== 'hidden';
          }).map(el => el.tagName + '.' + el.className)""", width)
        wide.extend(f"{relative}: {name}" for name in found[:3])
    assert wide == []


def test_a_quiz_works_on_a_page_opened_from_disk(browser, tmp_path: Path, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    """A page of the published build (not the offline copy) opened as a file: the quiz still checks answers."""
    folder = tmp_path / "site"
    assert not build(REPO, folder).errors
    quiz_module = next(mod for mod in course.modules
                       if any(isinstance(b, m.Quiz) for b in m.walk_blocks(tuple(mod.blocks()))))
    context = browser.new_context(viewport=SCREENS["phone"], is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto((folder / course.id / quiz_module.id / "index.html").as_uri())
        quiz = page.locator("[data-ck-quiz]").first
        check = quiz.locator(".ck-quiz__check")
        check.wait_for(state="visible", timeout=10000)
        correct = quiz.locator("input").evaluate_all("els => els.map(e => e.dataset.ckCorrect === 'true')")
        wrong = correct.index(False)
        quiz.locator("input").nth(wrong).check()
        check.click()
        feedback = quiz.locator(".ck-quiz__feedback")
        page.wait_for_function("el => el.textContent.length > 0", arg=feedback.element_handle())
        # The verdict, not the chosen answer repeated in quotes: the answer is marked where it stands.
        assert feedback.inner_text().strip() == course.labels.site_quiz_wrong
        assert "ck-quiz__option--wrong" in (quiz.locator(".ck-quiz__option").nth(wrong).get_attribute("class") or "")
    finally:
        context.close()


def test_a_long_quiz_answer_wraps_beside_its_box(screen, site: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    for mod in course.modules:
        screen.goto(f"{site}{course.id}/{mod.id}/")
        for option in screen.locator("article .ck-quiz__option").all():
            box = option.locator("input").bounding_box()
            label = option.locator("label")
            # Every line of the answer starts right of the tick box, not under it.
            lines = label.evaluate("el => [...el.getClientRects()].map(r => r.left)")
            assert min(lines) >= box["x"] + box["width"], (mod.id, label.inner_text())


def test_pictures_keep_their_place_before_they_load(browser, site: str, course: m.Course) -> None:  # type: ignore[no-untyped-def]
    """With pictures held back, each still takes its own height: the text does not jump when it arrives."""
    context = browser.new_context(viewport=SCREENS["phone"], is_mobile=True, has_touch=True)
    context.route("**/media/**", lambda route: route.abort())
    seen = 0
    try:
        page = context.new_page()
        for mod in course.modules:
            page.goto(f"{site}{course.id}/{mod.id}/")
            for image in page.locator("article figure img").all():
                width, height = int(image.get_attribute("width")), int(image.get_attribute("height"))
                box = image.bounding_box()
                assert box["width"] <= SCREENS["phone"]["width"]
                assert abs(box["height"] - box["width"] * height / width) <= 2, (mod.id, box)
                seen += 1
    finally:
        context.close()
    assert seen == sum(1 for mod in course.modules for b in m.walk_blocks(tuple(mod.blocks())) if isinstance(b, m.Figure))
