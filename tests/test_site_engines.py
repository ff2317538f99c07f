"""Every installed site engine publishes the same course site as the default one, MkDocs with Material.

Each engine renders the sample courses' site once per session (conftest's ``sample_sites``, with the decks and
handouts to download). Page by page, what a reader sees is read out of each site's HTML as plain data (titles,
warning signs with their actions, quizzes, downloads, glossary, help banner, footer) and must equal MkDocs'.
Then, in Debian's Chromium: the quizzes work, axe finds nothing, the phone measures of test_site_phone.py hold,
and the page looks the same but for the differences the tables here name (LOOK_DIFFERENCES,
SEARCH_CONTRAST_KNOWN), each listed in README.md ("Differences between engines found by
tests/test_site_engines.py").
"""

from __future__ import annotations

import difflib
import inspect
import json
import posixpath
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from tests import test_site_phone
from tests.conftest import REPO, SPINE_COURSE
from tests.test_site_phone import course, screen  # noqa: F401  (fixtures of the phone measures run here too)
from toolkit import model as m
from toolkit.check import run_check
from toolkit.site.engines import DEFAULT_ENGINE, installed_engines
from toolkit.site.render import warning_signs_module

pytestmark = [
    pytest.mark.browser,
    pytest.mark.requires("chromium", "playwright"),
]

# The engines compared with the default one; `make test` installs them all (the `engines` extra).
OTHER_ENGINES = tuple(name for name in installed_engines() if name != DEFAULT_ENGINE)

Page = dict[str, object]  # what a reader sees on one page, by aspect


@pytest.fixture(scope="module", params=OTHER_ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def engine_site(sample_sites, engine: str) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """The engine's site of the sample courses: its folder and the address it is served from."""
    return sample_sites.served(engine)


@pytest.fixture(scope="module")
def site(engine_site: tuple[Path, str]) -> str:
    """The engine's served site, for the phone measures (test_site_phone.py reads the default engine's)."""
    return engine_site[1]


@pytest.fixture(scope="module")
def courses() -> dict[str, m.Course]:
    return {c.id: c for c in run_check(REPO).project.courses}


# What a reader sees, read from the HTML.

def _class(name: str) -> str:
    """An XPath test for an element with the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _link_target(relative: str) -> Callable[[str], str]:
    """A link of the page at ``relative`` (its HTML file in the site) as the file it leads to, from the site's root."""
    here = "/" + relative

    def target(href: str) -> str:
        if urlsplit(href).scheme:  # tel:, mailto:, https:
            return href
        path = posixpath.normpath(unquote(urlsplit(urljoin(here, href)).path)).lstrip("/")
        return posixpath.join(path, "index.html") if href.endswith("/") or path == "" else path

    return target


def reader_sees(site: Path) -> dict[str, Page]:
    """Every HTML page of the site, by its file, as what a reader sees on it."""
    found: dict[str, Page] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        document = lxml.html.fromstring(path.read_bytes())
        articles = document.xpath("//article")
        article = articles[0] if articles else document
        target = _link_target(relative)
        found[relative] = {
            "title": {"<title>": [_text(t) for t in document.xpath("//title")],
                      "h1": [_text(h) for h in article.xpath(".//h1")]},
            "warning signs": [
                {"tier": sorted(c for c in (box.get("class") or "").split() if c.startswith("ck-red-flags--")),
                 "heading": [_text(t) for t in box.xpath(f".//*[{_class('ck-red-flags__title')}]")],
                 "signs": [_text(li) for li in box.xpath(".//li")],
                 "action": [_text(a) for a in box.xpath(f".//*[{_class('ck-action')}]")]}
                for box in article.xpath(f".//*[{_class('ck-red-flags')}]")],
            "quizzes": [
                {"question": [_text(q) for q in quiz.xpath(f".//*[{_class('ck-quiz__question')}]")],
                 "options": [[_text(option), *(f"{i.get('type')} correct={i.get('data-ck-correct')}" for i in option.xpath(".//input"))]
                             for option in quiz.xpath(f".//*[{_class('ck-quiz__option')}]")]}
                for quiz in article.xpath(".//*[@data-ck-quiz]")],
            "downloads": [[target(a.get("href") or ""), _text(a)] for a in article.xpath(".//a[@download]")],
            "glossary": [_text(term) for term in article.xpath(f".//dl[{_class('ck-glossary')}]/dt")],
            "term tooltips": len(article.xpath(f".//abbr[{_class('ck-term')}][@title]")),
            "help banner": [[_text(h), [target(a.get("href") or "") for a in h.xpath(".//a")]]
                            for h in article.xpath(f".//*[{_class('ck-help')}]")],
            "footer": [[_text(f), [target(a.get("href") or "") for a in f.xpath(".//a")]]
                       for f in document.xpath(f"//*[{_class('ck-footer')}]")],
        }
    return found


ASPECTS = ("title", "warning signs", "quizzes", "downloads", "glossary", "term tooltips", "help banner", "footer")


@pytest.fixture(scope="module")
def default_pages(sample_sites) -> dict[str, Page]:  # type: ignore[no-untyped-def]
    return reader_sees(sample_sites.served(DEFAULT_ENGINE)[0])


@pytest.fixture(scope="module")
def engine_pages(engine_site: tuple[Path, str]) -> dict[str, Page]:
    return reader_sees(engine_site[0])


def _diff(expected: object, found: object, names: tuple[str, str]) -> str:
    """Two values as a unified diff of their JSON, one item a line."""
    def lines(value: object) -> list[str]:
        return json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True).splitlines()
    return "\n".join(difflib.unified_diff(lines(expected), lines(found), *names, lineterm=""))


def test_the_same_pages(engine: str, default_pages: dict[str, Page], engine_pages: dict[str, Page],
                        courses: dict[str, m.Course]) -> None:
    assert sorted(engine_pages) == sorted(default_pages), _diff(sorted(default_pages), sorted(engine_pages),
                                                                 (DEFAULT_ENGINE, engine))
    # Every page of every course, not just some: the comparison below covers the whole site.
    assert sum(1 for page in default_pages if page.endswith("/index.html") and page.count("/") == 2) == \
        sum(len(c.modules) + 2 for c in courses.values())  # each module, the glossary and the sources


@pytest.mark.parametrize("aspect", ASPECTS)
def test_each_page_shows_what_mkdocs_shows(engine: str, aspect: str, default_pages: dict[str, Page],
                                           engine_pages: dict[str, Page]) -> None:
    expected = {page: seen[aspect] for page, seen in default_pages.items()}
    found = {page: seen[aspect] for page, seen in engine_pages.items() if page in expected}
    assert found == expected, _diff(expected, found, (f"{DEFAULT_ENGINE} ({aspect})", f"{engine} ({aspect})"))
    # Something was compared: each aspect shows on some page of the samples.
    assert any(value for value in expected.values()), aspect


@pytest.mark.parametrize("name", installed_engines())
def test_every_download_is_a_file_of_the_site(sample_sites, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = sample_sites.served(name)[0]
    downloads = {target: label for seen in reader_sees(folder).values() for target, label in seen["downloads"]}
    assert {Path(t).suffix for t in downloads} == {".pdf", ".pptx"}  # the handouts and the decks
    missing = sorted(t for t in downloads if not (folder / t).is_file() or (folder / t).stat().st_size == 0)
    assert missing == []


@pytest.mark.parametrize("name", installed_engines())
def test_every_link_and_picture_leads_to_a_file_of_the_site(sample_sites, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = sample_sites.served(name)[0]
    broken = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        target = _link_target(relative)
        for element, _, link, _ in lxml.html.fromstring(path.read_bytes()).iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:  # another site, or a place on this page
                continue
            if not (folder / target(link)).is_file():
                broken.append(f"{relative}: <{element.tag}> {link}")
    assert broken == []


# In Chromium.

def test_quizzes_answered_right_and_wrong_after_instant_navigation(browser, engine: str, engine_site: tuple[Path, str],  # type: ignore[no-untyped-def]
                                                                   courses: dict[str, m.Course]) -> None:
    base = engine_site[1]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for course_ in courses.values():
            module = next(mod for mod in course_.modules
                          if sum(isinstance(b, m.Quiz) and sum(o.correct for o in b.options) == 1
                                 for b in m.walk_blocks(tuple(mod.blocks()))) >= 2)
            # Arrive as a reader does: from the course page, through the engine's instant navigation.
            page.goto(f"{base}{course_.id}/", wait_until="networkidle")
            page.evaluate("window.ckSamePage = true")
            page.locator("article .ck-modules a", has_text=module.meta.title).first.click()
            page.wait_for_function("p => location.pathname === p", arg=f"/{course_.id}/{module.id}/")
            page.locator("[data-ck-quiz][data-ck-ready]").first.wait_for()
            assert page.evaluate("window.ckSamePage === true"), "the page was loaded again, not swapped in"
            quizzes = page.locator("[data-ck-quiz]:has(input[type=radio])")
            for index, right in ((0, True), (1, False)):
                quiz = quizzes.nth(index)
                correct = quiz.locator("input").evaluate_all("els => els.map(e => e.dataset.ckCorrect === 'true')")
                chosen = correct.index(right)
                quiz.locator("input").nth(chosen).check()
                quiz.locator(".ck-quiz__check").click()
                feedback = quiz.locator(".ck-quiz__feedback")
                page.wait_for_function("el => el.textContent.length > 0", arg=feedback.element_handle())
                words = course_.labels.site_quiz_right if right else course_.labels.site_quiz_wrong
                assert feedback.inner_text().strip() == words, (course_.id, index)
                assert f"ck-quiz--{'right' if right else 'wrong'}" in (quiz.get_attribute("class") or "")
                mark = f"ck-quiz__option--{'right' if right else 'wrong'}"
                assert mark in (quiz.locator(".ck-quiz__option").nth(chosen).get_attribute("class") or "")
                assert quiz.locator(".ck-quiz__explanation").is_visible() == right
    finally:
        context.close()


WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# As test_site_browser.py runs axe: colour does not change what the other rules see, so the dark palette is
# checked for contrast only.
AXE_RUNS = {
    "light": {"runOnly": {"type": "tag", "values": WCAG}},
    "dark": {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}},
}


@pytest.mark.parametrize("scheme", sorted(AXE_RUNS))
def test_axe_finds_no_wcag_violations(browser, engine: str, engine_site: tuple[Path, str], scheme: str,  # type: ignore[no-untyped-def]
                                      courses: dict[str, m.Course]) -> None:
    """A module page, the course's home page, its glossary and its warning signs, in each sample course."""
    from axe_playwright_python.sync_playwright import Axe

    base = engine_site[1]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        axe = Axe()
        problems = []
        for course_ in courses.values():
            signs = warning_signs_module(course_)
            assert signs is not None
            module = next(mod for mod in course_.modules if mod is not signs)
            for relative in (f"{course_.id}/{module.id}/", f"{course_.id}/", f"{course_.id}/glossary/",
                             f"{course_.id}/{signs.id}/"):
                page.goto(base + relative)
                expected = "slate" if scheme == "dark" else "default"
                assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
                for violation in axe.run(page, options=AXE_RUNS[scheme]).response["violations"]:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"{relative}: {violation['id']} {targets}")
        assert problems == []
    finally:
        context.close()




# The look of a module page: computed styles of what a reader sees, by part.
LOOK = """() => {
  const pick = (selector, properties) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const style = getComputedStyle(element);
    return Object.fromEntries(properties.map(p => [p, style.getPropertyValue(p)]));
  };
  const text = ['color', 'font-family', 'font-size', 'font-weight', 'line-height'];
  return {
    'header': pick('.md-header', ['background-color', 'color']),
    'site name': pick('.md-header__title', text),
    'body text': pick('article p:not([class])', text),
    'h1': pick('article h1', text),
    'h2': pick('article h2', text),
    'link': pick('article .ck-help a', ['color', 'text-decoration-line']),
    'help banner': pick('article .ck-help', ['border-left-color', 'border-left-width']),
    'call button': pick('article .ck-call', ['background-color', 'color', 'font-size']),
    'warning title': pick('article .ck-red-flags__title', ['background-color', 'color', 'font-size', 'font-weight']),
    'warning box': pick('article .ck-red-flags', ['border-top-color', 'background-color']),
    'quiz question': pick('article .ck-quiz__question', text),
    'quiz button': pick('article .ck-quiz__check', ['background-color', 'color', 'border-top-color']),
    'glossary term': pick('article abbr.ck-term', ['text-decoration-line', 'text-decoration-style']),
    'footer': pick('.md-footer-meta', ['background-color', 'color']),
    'footer text': pick('.ck-footer', ['color', 'font-size']),
  };
}"""

# Where an engine's look differs from MkDocs', by part: the properties that differ, in either palette, and why.
# README.md lists each. An engine not named here looks the same.
LOOK_DIFFERENCES: dict[str, dict[str, tuple[set[str], str]]] = {
    "zensical": {
        "h1": ({"color", "font-weight"}, "bold, in the text colour (Material: light, muted)"),
        "h2": ({"color", "font-weight"}, "bold, white in the dark palette (Material: light, in the text colour)"),
        "quiz button": ({"background-color", "color", "border-top-color"},
                        "grey on a grey tint (Material: the primary colour, outlined)"),
        "footer": ({"background-color", "color"}, "a grey tint of the page (Material: the primary colour)"),
        "footer text": ({"color"}, "muted text colour (Material: on the primary colour)"),
    },
}


def test_the_same_look_but_for_the_documented_differences(browser, engine: str, engine_site: tuple[Path, str],  # type: ignore[no-untyped-def]
                                                         sample_sites, courses: dict[str, m.Course]) -> None:
    """A module page with a quiz, in the light and the dark palette, against MkDocs' in the same palette."""
    course_ = courses[SPINE_COURSE]
    module = next(mod for mod in course_.modules if mod is not warning_signs_module(course_)
                  and {m.Quiz, m.RedFlags} <= {type(b) for b in m.walk_blocks(tuple(mod.blocks()))})
    sites = {DEFAULT_ENGINE: sample_sites.served(DEFAULT_ENGINE)[1], engine: engine_site[1]}
    differs: dict[str, set[str]] = {}
    shown: dict[str, dict[str, dict[str, str]]] = {DEFAULT_ENGINE: {}, engine: {}}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            looks = {}
            for name, base in sites.items():
                page.goto(f"{base}{course_.id}/{module.id}/")
                looks[name] = page.evaluate(LOOK)
        finally:
            context.close()
        default, found = looks[DEFAULT_ENGINE], looks[engine]
        assert [part for part, seen in default.items() if seen is None] == []  # every part is on the page
        for part, properties in default.items():
            for prop, value in properties.items():
                if found[part] is None or found[part][prop] != value:
                    differs.setdefault(part, set()).add(prop)
                    shown[DEFAULT_ENGINE][f"{scheme} {part} {prop}"] = value
                    shown[engine][f"{scheme} {part} {prop}"] = found[part][prop] if found[part] else "(missing)"
    documented = {part: properties for part, (properties, _) in LOOK_DIFFERENCES.get(engine, {}).items()}
    # Exactly the documented differences: a new one fails, and so does one the engine no longer shows.
    assert differs == documented, _diff({k: sorted(v) for k, v in documented.items()}, {k: sorted(v) for k, v in differs.items()}, ("documented", engine)) + \
        "\n" + _diff(shown[DEFAULT_ENGINE], shown[engine], (DEFAULT_ENGINE, engine))

# What axe finds in an engine's search once it shows results, by engine; an engine not named shows none.
# Zensical's search is its own dialog, drawn inside a shadow root that coursekit's CSS does not reach, and it
# prints each result's page path in grey on white at 3.4:1 (WCAG AA asks 4.5:1). README.md lists it.
SEARCH_CONTRAST_KNOWN = {"zensical": "the page path of each result"}


def _is_result_path(target: list[object]) -> bool:
    """Whether axe's target (a list of selectors, one per shadow root it crosses) is a result's page path."""
    return "-path > li" in str(target[-1])


@pytest.mark.parametrize("name", installed_engines())
def test_search_results_pass_contrast(browser, sample_sites, name: str, courses: dict[str, m.Course]) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    base = sample_sites.served(name)[1]
    course_ = next(iter(courses.values()))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{base}{course_.id}/", wait_until="networkidle")
        page.locator(".md-search__input, .md-search__button").first.click()
        page.keyboard.type(max(course_.glossary, key=lambda e: len(e.term)).term)
        # Material's results, or Zensical's (Playwright's selectors reach into its shadow root).
        page.locator(".md-search-result__item, [id$='-path'] li").first.wait_for(timeout=30000)
        contrast = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}
        flagged = [node["target"] for v in Axe().run(page, options=contrast).response["violations"] for node in v["nodes"]]
    finally:
        context.close()
    if name in SEARCH_CONTRAST_KNOWN:
        assert flagged and all(_is_result_path(t) for t in flagged), flagged
    else:
        assert flagged == []

# The phone measures of test_site_phone.py, on each other engine's site: every test there that reads the
# served site (`site`), so the default engine's keep their names there.
globals().update({name: test for name, test in vars(test_site_phone).items()
                  if name.startswith("test_") and "site" in inspect.signature(test).parameters})
