"""The course site: the shared HTML renderer, the page plan, and real MkDocs builds."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import escape as escape_html, unescape
from pathlib import Path

import pytest

from tests.conftest import MODULE, SAMPLE_COURSES, ProjectFactory
from tests.site_support import EPOCH, HOSTILE, REPO, build, elements, pages
from toolkit import model as m
from toolkit.check import run_check
from toolkit.render_html import HtmlOptions, HtmlRenderer, sanitize
from toolkit.schema import UrgencyWords
from toolkit.site import render_site
from toolkit.site.pages import plan_site
from toolkit.source import SourceLoc
from toolkit.warning_signs import course_red_flags

LOC = SourceLoc(Path("courses/c/modules/01-a.md"), 7, 1)
EXECUTABLE_TAGS = {"script", "iframe", "object", "embed", "style", "form", "frame", "frameset", "base", "meta", "link"}


def text(s: str) -> m.Text:
    return m.Text(s, LOC)


# The shared renderer


@pytest.mark.parametrize("html, code, words", [
    ('<p onclick="x()">hi</p>', "CK701", "`onclick` from `<p>`"),
    ("<script>alert(1)</script>", "CK700", "`<script>` and everything inside it"),
    ('<a href="javascript:alert(1)">x</a>', "CK702", "`javascript:` address"),
    ('<a href="  jav&#x09;ascript:alert(1)">x</a>', "CK702", "address"),
    ('<a href="data:text/html,x">x</a>', "CK702", "`data:` address"),
    ('<iframe src="https://example.org/"></iframe>', "CK700", "`<iframe>`"),
    ('<div style="color:red">x</div>', "CK701", "`style` from `<div>`"),
])
def test_sanitize_removes_and_reports_each_piece(html: str, code: str, words: str) -> None:
    clean, found = sanitize(html, LOC)
    assert [d.code for d in found] == [code]
    assert words in found[0].message
    assert found[0].loc == LOC
    lowered = clean.lower()
    assert "script" not in lowered and "onclick" not in lowered and "javascript" not in lowered
    assert "iframe" not in lowered and "style" not in lowered and "data:" not in lowered


def test_sanitize_reports_the_line_inside_a_block() -> None:
    _, found = sanitize("<p>fine</p>\n<p>fine</p>\n<b onmouseover='x'>bad</b>", LOC)
    assert [(d.code, d.loc.line) for d in found] == [("CK701", 9)]


def test_sanitize_keeps_safe_markup() -> None:
    clean, found = sanitize('<p><b>bold</b> <a href="https://example.org/">site</a> <abbr title="for example">e.g.</abbr></p>', LOC)
    assert found == []
    assert '<b>bold</b>' in clean and 'href="https://example.org/"' in clean and '<abbr title="for example">' in clean


def test_text_is_escaped_and_attribute_syntax_stays_text() -> None:
    renderer = HtmlRenderer(HtmlOptions())
    html = renderer.block(m.Paragraph((text('<script>alert(1)</script> {onclick="x"}'),), LOC))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert [t for t, attrs, _ in elements(html)] == ["p"]


def test_inline_html_is_sanitised_with_the_trusted_markup_around_it() -> None:
    renderer = HtmlRenderer(HtmlOptions())
    run = (m.Strong((text("Stop"),), LOC), text(" now "), m.RawInline('<span onclick="x">', LOC), text("here"),
           m.RawInline("</span>", LOC), m.Link("https://example.org/", (text("more"),), LOC))
    html = renderer.inlines(run)
    assert html == '<strong>Stop</strong> now <span>here</span><a href="https://example.org/">more</a>'
    assert [d.code for d in renderer.diagnostics] == ["CK701"]


def test_links_to_modules_are_rewritten_and_unsafe_links_dropped() -> None:
    renderer = HtmlRenderer(HtmlOptions(module_link=lambda href: "../warning-signs/#" + href.split("#")[1]))
    html = renderer.inlines((m.Link("02-warning-signs.md#act-fast", (text("signs"),), LOC),
                             m.Link("javascript:alert(1)", (text("bad"),), LOC)))
    assert html == '<a href="../warning-signs/#act-fast">signs</a>bad'
    assert [d.code for d in renderer.diagnostics] == ["CK702"]


def test_notes_are_never_shown_and_only_blocks_follow_the_output() -> None:
    para = m.Paragraph((text("for the site"),), LOC)
    blocks = (m.Notes((m.Paragraph((text("speaker only"),), LOC),), LOC),
              m.Only(frozenset({"site"}), (para,), LOC),
              m.Only(frozenset({"slides"}), (m.Paragraph((text("slides only"),), LOC),), LOC))
    site = HtmlRenderer(HtmlOptions(output="site")).blocks(blocks)
    handout = HtmlRenderer(HtmlOptions(output="handout")).blocks(blocks)
    assert site == "<p>for the site</p>\n"
    assert handout == ""


AT_ONCE = UrgencyWords(title="Call 999 if you have any of these", action="Call 999 now.", call="999")
SAME_DAY = UrgencyWords(title="Call your team today if you have this", action="Call your care team today.", call="01632 960123")


def test_red_flags_are_an_open_alert_of_their_tier_with_its_action() -> None:
    renderer = HtmlRenderer(HtmlOptions(output="site", admonitions=True, urgency={"at-once": AT_ONCE, "same-day": SAME_DAY}))
    html = renderer.block(m.RedFlags((m.Paragraph((text("Numb between your legs"),), LOC),), LOC, "at-once"))
    assert "<details" not in html
    assert 'class="admonition danger ck-red-flags ck-red-flags--at-once"' in html
    assert ">Call 999 if you have any of these</p>" in html
    assert '<a class="ck-call" href="tel:999">Phone 999</a>' in html and "Call 999 now." in html
    html = renderer.block(m.RedFlags((m.Paragraph((text("A hot red wound"),), LOC),), LOC, "same-day"))
    assert 'class="admonition warning ck-red-flags ck-red-flags--same-day"' in html
    assert ">Call your team today if you have this</p>" in html and "Call your care team today." in html
    assert '<a class="ck-call" href="tel:01632960123">Phone 01632 960123</a>' in html
    assert "999" not in html


def test_printed_red_flags_do_not_repeat_a_number_the_action_already_gives() -> None:
    def action(call: str, text: str) -> str:
        words = UrgencyWords(title="If", action=text, call=call)
        return HtmlRenderer(HtmlOptions(output="handout")).action_html(words)

    assert action("999", "Call 999 now.") == '<p class="ck-action"><strong>Call 999 now.</strong></p>\n'
    assert action("112", "Call the emergency number now.") == (
        '<p class="ck-action"><strong>Call the emergency number now.</strong> <strong>112</strong></p>\n')


def test_quiz_is_interactive_with_an_answer_that_works_without_javascript() -> None:
    quiz = m.Quiz((text("How long?"),),
                  (m.QuizOption((text("A week"),), False, LOC), m.QuizOption((text("A year"),), True, LOC)),
                  (m.Paragraph((text("Large fibres heal slowly."),), LOC),), LOC)
    html = HtmlRenderer(HtmlOptions(interactive_quiz=True)).block(quiz)
    tags = elements(html)
    radios = [attrs for tag, attrs, _ in tags if tag == "input"]
    assert [r["data-ck-correct"] for r in radios] == ["false", "true"]
    assert all(r["type"] == "radio" and r["name"] == radios[0]["name"] for r in radios)
    labels = [attrs["for"] for tag, attrs, _ in tags if tag == "label"]
    assert labels == [r["id"] for r in radios]
    assert any(tag == "div" and attrs.get("aria-live") == "polite" for tag, attrs, _ in tags)
    answer = html[html.index("<details"):]
    assert "A year" in answer and "Large fibres heal slowly." in answer
    button = next(attrs for tag, attrs, _ in tags if tag == "button")
    assert "hidden" in button  # shown by the script; without it the disclosure is the way to the answer


def test_a_quiz_with_several_right_answers_uses_tick_boxes() -> None:
    quiz = m.Quiz((text("Which help?"),), (m.QuizOption((text("Walking"),), True, LOC),
                                          m.QuizOption((text("Swimming"),), True, LOC),
                                          m.QuizOption((text("Lying still all day"),), False, LOC)), (), LOC)
    tags = elements(HtmlRenderer(HtmlOptions(interactive_quiz=True)).block(quiz))
    assert [a["type"] for t, a, _ in tags if t == "input"] == ["checkbox"] * 3
    fieldset = next(a for t, a, _ in tags if t == "fieldset")
    assert any(a.get("id") == fieldset["aria-describedby"] for t, a, _ in tags if t == "p")


def test_glossary_terms_are_defined_at_first_use_only() -> None:
    entry = m.GlossaryEntry("nerve", "A thin cord that carries messages.", ("nerves",), LOC)
    renderer = HtmlRenderer(HtmlOptions(glossary=(entry,)))
    html = renderer.blocks((m.Paragraph((text("Your Nerves heal. A nerve is slow."),), LOC),))
    assert html.count("<abbr") == 1
    assert '<abbr class="ck-term" title="A thin cord that carries messages.">Nerves</abbr>' in html


# The page plan


def test_plan_has_one_page_per_module_and_a_catalogue_for_several_courses(tmp_path: Path) -> None:
    root = tmp_path / "two"
    shutil.copytree(HOSTILE, root)
    shutil.copytree(root / "courses" / "hostile", root / "courses" / "second")
    project = run_check(root).project
    plan = plan_site(project)
    uris = [p.src_uri for p in plan.pages]
    assert uris[0] == "index.md" and plan.pages[0].kind == "catalogue"
    assert "hostile/index.md" in uris and "second/index.md" in uris
    assert "hostile/keep-moving.md" in uris and "hostile/glossary.md" in uris and "hostile/sources.md" in uris
    assert plan.nav()[1] == {"Caring for your back at home": [
        {"About this course": "hostile/index.md"}, {"Keep moving to help your back": "hostile/keep-moving.md"},
        {"A module full of hostile HTML &lt;img src=x onerror=alert(20)&gt; &amp; &lt;script&gt;alert(21)&lt;/script&gt;":
         "hostile/hostile-html.md"}, {"Glossary": "hostile/glossary.md"},
        {"Sources": "hostile/sources.md"}]}


def test_a_module_named_like_a_site_page_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "clash"
    shutil.copytree(HOSTILE, root)
    modules = root / "courses" / "hostile" / "modules"
    (modules / "02-hostile-html.md").rename(modules / "02-glossary.md")
    course_yml = root / "courses" / "hostile" / "course.yml"
    course_yml.write_text(course_yml.read_text().replace("02-hostile-html.md", "02-glossary.md"))
    plan = plan_site(run_check(root).project)
    assert [(d.code, d.loc.path.name) for d in plan.diagnostics] == [("CK703", "02-glossary.md")]


# Real builds


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sample") / "site"
    found = build(REPO, site, strict=True)
    assert not found.errors, found.format_text(REPO)
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    site = tmp_path_factory.mktemp("hostile") / "site"
    found = build(HOSTILE, site)
    assert not found.errors, found.format_text(HOSTILE)
    return site, list(found)


def sample_course(course_id: str) -> m.Course:
    """One of the sample courses in courses/, as the site built it."""
    (course,) = [c for c in run_check(REPO).project.courses if c.id == course_id]
    return course


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_sample_site_has_every_page(sample_site: Path, course_id: str) -> None:
    course = sample_course(course_id)
    expected = {"", f"{course_id}/", *(f"{course_id}/{mod.id}/" for mod in course.modules),
                f"{course_id}/glossary/", f"{course_id}/sources/"}
    assert expected <= set(pages(sample_site))
    assert (sample_site / "search" / "search_index.json").is_file()


def test_the_sample_site_opens_on_a_catalogue_of_every_course(sample_site: Path) -> None:
    courses = run_check(REPO).project.courses
    assert [c.id for c in courses] == list(SAMPLE_COURSES) and len(courses) >= 2
    home = (sample_site / "index.html").read_text()
    links = [a["href"] for tag, a, in_article in elements(home) if tag == "a" and in_article]
    assert links == [f"{c.id}/" for c in courses]
    for course in courses:
        assert f">{escape_html(course.meta.title)}</a></h2>" in home
        assert course.meta.summary and escape_html(course.meta.summary) in home
        assert f"{len(course.modules)} modules · about " in home
        assert "Agenda" not in home  # the agenda is on each course's own home page


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_sample_pages_carry_language_version_and_review_date(sample_site: Path, course_id: str) -> None:
    course = sample_course(course_id)
    for mod in course.modules:
        html = (sample_site / course_id / mod.id / "index.html").read_text()
        assert f'<html lang="{course.meta.language}"' in html
        assert f"Version {course.meta.version}" in html
        assert re.search(r"Reviewed \d{1,2} \w+ \d{4}", html), mod.id
    home = (sample_site / course_id / "index.html").read_text()
    assert course.meta.title in home and "Agenda" in home
    total = sum(mod.meta.duration for mod in course.modules)
    hours, minutes = divmod(total, 60)
    assert "Total" in home and (f"{hours} hour" in home if hours else f"{minutes} minutes" in home)


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_red_flags_are_never_collapsed_and_notes_never_shown(sample_site: Path, course_id: str) -> None:
    course = sample_course(course_id)
    saw_red_flags = False
    for mod in course.modules:
        html = (sample_site / course_id / mod.id / "index.html").read_text()
        for block in m.walk_blocks(tuple(mod.blocks())):
            if isinstance(block, m.Notes):
                for para in m.walk_blocks(block.blocks):
                    if isinstance(para, m.Paragraph):
                        words = m.plain_text(para.inlines).strip()
                        assert words[:60] not in html, f"speaker notes shown in {mod.id}"
        for match in re.finditer(r'<section class="admonition \w+ ck-red-flags ck-red-flags--', html):
            saw_red_flags = True
            before = html[:match.start()]
            assert before.count("<details") == before.count("</details>"), "red flags inside a disclosure"
    assert saw_red_flags


def test_site_uses_no_outside_service(sample_site: Path) -> None:
    for path in sample_site.rglob("*.html"):
        for tag, attrs, _ in elements(path.read_text()):
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                if tag in ("script", "link", "img", "iframe") and value.startswith(("http:", "https:", "//")):
                    if not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                        pytest.fail(f"{path.relative_to(sample_site)} loads {value}")
    css = "".join(p.read_text() for p in sample_site.rglob("*.css"))
    assert "fonts.googleapis" not in css
    assert (sample_site / "assets" / "coursekit" / "fonts" / "AtkinsonHyperlegible-Regular.ttf").is_file()


def test_hostile_module_builds_with_nothing_executable(hostile_site: tuple[Path, list]) -> None:
    site, _ = hostile_site
    html = (site / "hostile" / "hostile-html" / "index.html").read_text()
    clean = (site / "hostile" / "keep-moving" / "index.html").read_text()
    for tag, attrs, in_article in elements(html):
        if in_article:
            assert tag not in EXECUTABLE_TAGS | {"svg", "math", "img", "button", "input"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction", "data") and value:
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (tag, name, value)
    scripts = lambda page: [a.get("src") for t, a, _ in elements(page) if t == "script"]  # noqa: E731
    assert scripts(html) == scripts(clean)  # only the theme's and coursekit's own scripts
    assert "Some <b>bold</b>" in html
    # Every `alert(` left is text the reader sees, escaped; none is inside a tag or a script.
    assert not re.search(r"<[^>]*alert\(", html) and not re.search(r"<script>[^<]*alert", html)
    glossary = (site / "hostile" / "glossary" / "index.html").read_text()
    assert not any(name.startswith("on") for _, attrs, _ in elements(glossary) for name in attrs)
    assert "&lt;b onmouseover=alert(22)&gt;stretch&lt;/b&gt;" in glossary


def test_hostile_module_reports_each_removal(hostile_site: tuple[Path, list]) -> None:
    _, found = hostile_site
    removed = [(d.code, d.loc.line) for d in found if d.code in ("CK700", "CK701", "CK702")]
    assert ("CK700", 18) in removed  # <script>
    assert ("CK700", 20) in removed  # <iframe>
    assert ("CK700", 22) in removed  # <style>
    assert removed.count(("CK701", 28)) == 5  # onclick, onmouseover, style, class, id
    assert removed.count(("CK702", 30)) == 3  # javascript:, entity-encoded javascript:, data:
    assert all(d.loc.path.name == "02-hostile-html.md" for d in found if d.code.startswith("CK70"))


def test_mkdocs_build_strict_works_directly(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent),
           "COURSEKIT_TODAY": "2026-11-21"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
                            cwd=REPO, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    for course in run_check(REPO).project.courses:
        for module in course.modules:
            assert (tmp_path / "s" / course.id / module.id / "index.html").is_file(), (course.id, module.id)


def test_mkdocs_build_stops_on_content_errors_without_a_traceback(tmp_path: Path) -> None:
    root = tmp_path / "broken"
    shutil.copytree(HOSTILE, root)
    course_yml = root / "courses" / "hostile" / "course.yml"
    course_yml.write_text(course_yml.read_text().replace("02-hostile-html.md", "03-missing.md"))
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent), "COURSEKIT_TODAY": "2026-11-21"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 1
    assert "courses/hostile/course.yml:" in result.stderr and "error[CK204]" in result.stderr
    assert "Traceback" not in result.stderr


def test_offline_build_makes_a_site_that_opens_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSEKIT_OFFLINE", "true")
    site = tmp_path / "usb"
    assert not build(HOSTILE, site).errors
    assert (site / "hostile" / "keep-moving.html").is_file()  # no folder URLs: works from a USB stick
    assert (site / "search" / "search_index.js").is_file()
    index = (site / "index.html").read_text()
    assert "unpkg.com" not in index and "https://" not in "".join(
        a.get("src") or "" for t, a, _ in elements(index) if t == "script")


def test_course_page_offers_built_handouts_and_decks(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(HOSTILE, root)
    built = tmp_path / "build"
    (built / "handouts" / "hostile").mkdir(parents=True)
    (built / "slides" / "hostile").mkdir(parents=True)
    (built / "handouts" / "hostile" / "keep-moving.pdf").write_bytes(b"%PDF-1.7 handout")
    (built / "handouts" / "hostile" / "keep-moving-large.pdf").write_bytes(b"%PDF-1.7 large")
    (built / "handouts" / "hostile" / "booklet.pdf").write_bytes(b"%PDF-1.7 booklet")
    (built / "slides" / "hostile" / "keep-moving.pptx").write_bytes(b"PK deck")
    (built / "handouts" / "hostile" / "not-a-module.pdf").write_bytes(b"%PDF-1.7 stray")
    from toolkit.build import BuildSettings, run_build
    from toolkit.output import MARKER

    (built / MARKER).write_text("")  # as a coursekit build of the decks and handouts left it
    found = run_build(root, BuildSettings(out=built, only=("site",))).diagnostics
    assert not found.errors, found.format_text(root)
    home = (built / "site" / "index.html").read_text()
    links = [a["href"] for t, a, _ in elements(home) if t == "a" and "download" in a]
    assert links == ["hostile/downloads/handouts/keep-moving.pdf", "hostile/downloads/handouts/keep-moving-large.pdf",
                     "hostile/downloads/slides/keep-moving.pptx", "hostile/downloads/handouts/booklet.pdf"]
    assert (built / "site" / "hostile" / "downloads" / "slides" / "keep-moving.pptx").read_bytes() == b"PK deck"
    module = (built / "site" / "hostile" / "keep-moving" / "index.html").read_text()
    assert [a["href"] for t, a, _ in elements(module) if t == "a" and "download" in a] == [
        "../downloads/handouts/keep-moving.pdf", "../downloads/handouts/keep-moving-large.pdf",
        "../downloads/slides/keep-moving.pptx"]
    assert "Downloads" in home and "Large-print handout (PDF)" in home
    # Plain `mkdocs build` (no coursekit build around it) copies what it finds in the folder itself.
    plain = tmp_path / "plain-site"
    assert not render_site(root, plain, downloads=built).errors
    assert (plain / "hostile" / "downloads" / "slides" / "keep-moving.pptx").read_bytes() == b"PK deck"
    assert not (plain / "hostile" / "downloads" / "handouts" / "not-a-module.pdf").exists()


def test_a_full_build_makes_the_site_beside_the_decks_and_handouts_and_copies_them_in(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    from toolkit.build import BuildSettings, run_build

    root = make_project({"01-keep-moving.md": MODULE})
    shutil.copy(REPO / "toolkit/project_template/mkdocs.yml", root / "mkdocs.yml")
    out = tmp_path / "out"
    result = run_build(root, BuildSettings(out=out, jobs=2))
    assert result.ok, result.diagnostics.format_text(root)
    offered = out / "site" / "small" / "downloads"
    copied = {p.relative_to(offered).as_posix(): p.read_bytes() for p in sorted(offered.rglob("*")) if p.is_file()}
    # Not the booklet's print-ready file: it is for the clinic's printer, not for readers.
    made = {f"{folder}/{p.name}": p.read_bytes() for folder in ("handouts", "slides") for p in sorted((out / folder / "small").iterdir())
            if p.name != "booklet-print.pdf"}
    assert sorted(copied) == ["handouts/booklet.pdf", "handouts/keep-moving-large.pdf", "handouts/keep-moving.pdf",
                              "slides/keep-moving.pptx", "slides/workshop.pptx"]
    assert copied == made
    links = [(page, a["href"]) for page in sorted((out / "site").rglob("index.html"))
             for t, a, _ in elements(page.read_text()) if t == "a" and "download" in a]
    assert len(links) == 5 + 3  # the course page offers all five; the module's page its own three
    assert [href for page, href in links if not (page.parent / href).is_file()] == []


def test_a_site_build_keeps_the_old_site_when_the_content_has_errors(tmp_path: Path) -> None:
    from toolkit.build import BuildSettings, run_build

    root = tmp_path / "project"
    shutil.copytree(HOSTILE, root)
    out = tmp_path / "build"
    assert run_build(root, BuildSettings(out=out, only=("site",))).ok
    before = (out / "site" / "index.html").read_bytes()
    module = root / "courses" / "hostile" / "modules" / "01-keep-moving.md"
    module.write_text(module.read_text().replace("duration: 10", "duration: many"))
    found = run_build(root, BuildSettings(out=out, only=("site",))).diagnostics
    assert [d.code for d in found.errors] == ["CK103"]
    assert found.errors[0].loc.path.as_posix() == "courses/hostile/modules/01-keep-moving.md"
    assert (out / "site" / "index.html").read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".build.lock", "build", "project"]


def test_a_new_project_builds_its_site_strictly(tmp_path: Path) -> None:
    from toolkit.scaffold import new_project

    root = new_project(tmp_path / "clinic")
    found = build(root, tmp_path / "site", strict=True)
    assert not found.errors, found.format_text(root)
    assert (tmp_path / "site" / "first-course" / "keep-moving" / "index.html").is_file()


def test_palette_css_fixes_the_footer_and_follows_the_theme() -> None:
    from toolkit.site.assets import palette_css

    theme = run_check(HOSTILE).project.courses[0].theme
    css = palette_css(theme, [])
    light = css[css.index('[data-md-color-scheme="default"]'):css.index('[data-md-color-scheme="slate"]')]
    dark = css[css.index('[data-md-color-scheme="slate"]'):]
    for block, palette in ((light, theme.meta.colours.light), (dark, theme.meta.colours.dark)):
        assert f"--md-footer-bg-color: {palette.primary};" in block
        assert f"--md-footer-fg-color--lighter: {palette.on_primary};" in block
        assert f"--md-typeset-color: {palette.text};" in block and f"--ck-alert: {palette.alert};" in block


def test_coursekit_serve_rebuilds_when_a_module_glossary_course_or_theme_changes(tmp_path: Path) -> None:
    import socket
    import time
    import urllib.request

    from toolkit.themes import builtin_themes_folder

    root = tmp_path / "project"
    shutil.copytree(HOSTILE, root)
    shutil.copytree(builtin_themes_folder() / "default", root / "themes" / "default")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent), "COURSEKIT_TODAY": "2026-11-21"}
    server = subprocess.Popen([sys.executable, "-m", "toolkit", "serve", str(root), "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.read().decode()

    def wait_for(path: str, words: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if words in fetch(path):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        server.kill()
        pytest.fail(f"`{words}` never appeared in /{path}:\n{server.communicate()[0].decode()[-3000:]}")

    def edit(relative: str, old: str, new: str) -> None:
        path = root / relative
        path.write_text(path.read_text().replace(old, new))

    course = "courses/hostile"
    try:
        wait_for("hostile/keep-moving/", "Keep moving to help your back")
        edit(f"{course}/modules/01-keep-moving.md", "title: Keep moving to help your back", "title: Keep walking every day")
        wait_for("hostile/keep-moving/", "Keep walking every day")
        edit(f"{course}/glossary.yml", "It protects the nerves", "It guards the nerves")
        wait_for("hostile/glossary/", "It guards the nerves")
        edit(f"{course}/course.yml", "title: Caring for your back at home", "title: Looking after your back")
        wait_for("", "Looking after your back")
        edit("themes/default/theme.yml", 'alert: "#a4161a"', 'alert: "#9b1c1c"')
        wait_for("assets/coursekit/palette.css", "--ck-alert: #9b1c1c;")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_several_courses_get_a_catalogue_and_the_theme_stylesheet(tmp_path: Path) -> None:
    from toolkit.themes import builtin_themes_folder

    root = tmp_path / "two"
    shutil.copytree(HOSTILE, root)
    shutil.copytree(root / "courses" / "hostile", root / "courses" / "second")
    shutil.rmtree(root / "courses" / "second" / "modules")
    (root / "courses" / "second" / "modules").mkdir()
    shutil.copy(HOSTILE / "courses" / "hostile" / "modules" / "01-keep-moving.md", root / "courses" / "second" / "modules")
    course_yml = root / "courses" / "second" / "course.yml"
    course_yml.write_text(course_yml.read_text().replace("  - 02-hostile-html.md\n", "").replace(
        "title: Caring for your back at home", "title: A second course").replace("language: en-GB", "language: cy"))
    theme = root / "themes" / "default"
    shutil.copytree(builtin_themes_folder() / "default", theme)
    (theme / "site.css").write_text(".md-typeset h1 { letter-spacing: 0.01em; }\n")
    (theme / "theme.yml").write_text((theme / "theme.yml").read_text() + "site_css: site.css\n")
    site = tmp_path / "site"
    found = build(root, site)
    assert not found.errors, found.format_text(root)
    home = (site / "index.html").read_text()
    assert [a["href"] for t, a, in_article in elements(home) if t == "a" and in_article] == ["hostile/", "second/"]
    sizes = re.findall(r'<p class="ck-meta">([^<]*)</p>', home)
    assert [size.split(" · ")[0] for size in sizes] == ["2 modules", "1 module"]
    assert '<html lang="cy"' in (site / "second" / "keep-moving" / "index.html").read_text()
    assert '<html lang="en-GB"' in (site / "hostile" / "keep-moving" / "index.html").read_text()
    assert "assets/coursekit/theme/site.css" in home
    assert (site / "assets" / "coursekit" / "theme" / "site.css").is_file()


def test_public_addresses_name_pages_that_exist(sample_site: Path) -> None:
    from toolkit.site.address import course_url, module_url

    project = run_check(REPO).project
    assert len(project.courses) >= 2
    base = "https://example.org/courses/"
    assert project.site.url == base
    for course in project.courses:
        for module in course.modules:
            address = module_url(project, course, module)
            assert address and (sample_site / address.removeprefix(base) / "index.html").is_file(), address
        home = course_url(project, course)
        assert home == f"{base}{course.id}/" and (sample_site / home.removeprefix(base) / "index.html").is_file()


def test_the_project_configuration_fetches_nothing() -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    assert config.theme["font"] is False  # Material's fonts come from Google
    names = list(config.plugins)
    assert "material/privacy" not in names and "privacy" not in names
    assert "coursekit" in names and "material/search" in names
    template = load_config(str(REPO / "toolkit" / "project_template" / "mkdocs.yml"))
    assert list(template.plugins) == names and template.theme["font"] is False


@pytest.mark.parametrize("where", ["mkdocs.yml", "courses/hostile/course.yml"])
def test_a_hostile_site_url_cannot_break_out_of_an_attribute(tmp_path: Path, where: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(HOSTILE, root)
    written = root / where  # the site's address, or its old place in a course of a one-course site
    written.write_text(written.read_text() + "site_url: 'https://example.org/a\"onmouseover=\"alert(1)\"><script>alert(2)</script>/'\n")
    site = tmp_path / "site"
    assert not build(root, site).errors
    html = (site / "hostile" / "keep-moving" / "index.html").read_text()
    tags = elements(html)
    assert not any(name.startswith("on") for _, attrs, _ in tags for name in attrs)
    canonical = next(attrs["href"] for tag, attrs, _ in tags if tag == "link" and attrs.get("rel") == "canonical")
    assert canonical.startswith("https://example.org/a%22onmouseover=%22alert(1)%22%3E%3Cscript%3E")


def test_a_docs_page_with_the_address_of_a_course_page_is_replaced_with_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(HOSTILE, root)
    (root / "pages").mkdir()
    (root / "pages" / "index.md").write_text("# A clinic's own home page\n")
    (root / "pages" / "about.md").write_text("# About the clinic\n")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: courses", "docs_dir: pages"))
    site = tmp_path / "site"
    found = build(root, site)
    assert [(d.code, d.loc.path.as_posix()) for d in found if d.code == "CK705"] == [("CK705", "pages/index.md")]
    assert "Caring for your back at home" in (site / "index.html").read_text()
    assert (site / "about" / "index.html").is_file()  # the clinic's own pages stay, and are in the navigation
    assert '<a href="about/"' in (site / "index.html").read_text()


def test_mixed_themes_reach_coursekit_build_and_fail_it_in_strict_mode(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from toolkit.cli import cli
    from toolkit.scaffold import new_project

    root = tmp_path / "two"
    new_project(root)
    shutil.copytree(root / "courses/first-course", root / "courses/second-course")
    shutil.copytree(root / "themes/default", root / "themes/other")
    course = root / "courses/second-course/course.yml"
    course.write_text(course.read_text().replace("theme: default", "theme: other"))
    lenient = CliRunner().invoke(cli, ["build", str(root), "--only", "site"])
    assert lenient.exit_code == 0 and "warning[CK704]: `second-course` uses theme `other`" in lenient.output
    strict = CliRunner().invoke(cli, ["build", str(root), "--only", "site", "--strict"])
    assert strict.exit_code == 1 and "error[CK704]" in strict.output


def test_coursekit_build_checks_once_and_reports_each_finding_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from toolkit.cli import cli
    from toolkit.scaffold import new_project
    from toolkit.site import plugin

    root = new_project(tmp_path / "project")
    module = root / "courses/first-course/modules/01-keep-moving.md"
    module.write_text(module.read_text() + "\nA line with <b>html</b>.\n")

    def checked_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the site plugin checked a project coursekit build had checked already")

    monkeypatch.setattr(plugin, "run_check", checked_again)
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "site"])
    assert result.exit_code == 0, result.output
    assert result.output.count("[CK221]") == 1


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_the_home_pages_help_gives_each_tier_its_signs_and_action(sample_site: Path, course_id: str) -> None:
    (course,) = [c for c in run_check(REPO).project.courses if c.id == course_id]
    html = (sample_site / course_id / "index.html").read_text()
    help_part = html[html.index('id="getting-help"'):html.index('id="about-this-course"')]
    boxes = re.findall(r'<section class="admonition \w+ ck-red-flags ck-red-flags--([\w-]+)"(.*?)</section>', help_part, re.S)
    assert [tier for tier, _ in boxes] == [block.tier for block in course_red_flags(course, "site")[0]]
    assert [tier for tier, _ in boxes][:2] == ["at-once", "same-day"]
    for tier, box in boxes:
        words = course.urgency(tier)  # type: ignore[arg-type]
        assert words is not None
        assert escape_text(words.title) in box and escape_text(words.action) in box and "<li>" in box, tier
    # No action stands on its own, outside the box of the signs it is for.
    assert help_part.count('class="ck-action"') == len(boxes)


def escape_text(text: str) -> str:
    from html import escape

    return escape(text, quote=False)


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_the_home_page_leads_with_purpose_audience_modules_then_help(sample_site: Path, course_id: str) -> None:
    (course,) = [c for c in run_check(REPO).project.courses if c.id == course_id]
    html = (sample_site / course.id / "index.html").read_text()
    article = html[html.index("<article"):html.index("</article>")]
    order = [article.index(marker) for marker in
             ('class="ck-lead"', 'class="ck-audience"', 'class="ck-modules"', 'id="getting-help"', 'id="about-this-course"')]
    assert order == sorted(order)
    modules = re.findall(r"<li><p class=\"ck-modules__title\">(.*?)</li>\n", article, re.S)
    assert len(modules) == len(course.modules)
    for mod, item in zip(course.modules, modules, strict=True):
        assert escape_text(mod.meta.summary) in item and escape_text(mod.meta.title) in item
    # Objectives stay on their modules' pages: not one long list on the home page.
    assert not any(escape_text(o) in article for mod in course.modules for o in mod.meta.objectives)
    assert "<table" not in article
    # A role in brackets is never put inside another pair of brackets.
    about = article[article.index('id="about-this-course"'):]
    assert not re.search(r"\([^()]*\(", about)


def test_a_logo_that_melts_into_the_header_is_put_on_a_plate(tmp_path: Path) -> None:
    from PIL import Image

    from toolkit.site.assets import logo_colour, logo_plate
    from toolkit.themes import contrast_ratio

    palette = run_check(REPO).project.courses[0].theme.meta.colours.light
    same = tmp_path / "same.svg"
    same.write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="{palette.primary}"/><path fill="#fff"/></svg>')
    plate = logo_plate(logo_colour(same), palette)
    assert plate is not None and contrast_ratio(palette.primary, plate) >= 3
    short = tmp_path / "short.svg"
    short.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:#FC0"/></svg>')
    assert logo_colour(short) == "#ffcc00" and logo_plate("#ffcc00", palette) is None  # stands out already
    picture = tmp_path / "logo.png"
    Image.new("RGBA", (40, 40), palette.primary).save(picture)
    assert logo_plate(logo_colour(picture), palette) is not None


def test_image_size_reads_pictures_and_svg_sizes(tmp_path: Path) -> None:
    from PIL import Image

    from toolkit.site.assets import image_size

    Image.new("RGB", (30, 20)).save(tmp_path / "a.png")
    (tmp_path / "b.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80">')
    (tmp_path / "c.svg").write_text("<svg viewBox='0 0 64.4 32' xmlns='http://www.w3.org/2000/svg'>")
    (tmp_path / "d.svg").write_text('<svg width="50%" height="2em">')
    assert [image_size(tmp_path / n) for n in ("a.png", "b.svg", "c.svg", "d.svg")] == [(30, 20), (120, 80), (64, 32), None]


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_every_module_page_of_a_tiered_course_opens_with_help(tmp_path: Path) -> None:
    from toolkit.site.render import warning_signs_module

    root = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "fixtures" / "tiered-course", root)
    shutil.copy(REPO / "toolkit/project_template/mkdocs.yml", root / "mkdocs.yml")
    site = tmp_path / "site"
    assert not build(root, site).errors
    (course,) = run_check(root).project.courses
    signs = warning_signs_module(course)
    assert signs is not None
    for mod in course.modules:
        article = _article((site / course.id / mod.id / "index.html").read_text())
        after_title = article[article.index("</h1>"):]
        first = re.search(r'class="([^"]*(?:ck-help|ck-red-flags)[^"]*)"', after_title)
        assert first is not None and after_title.index(first.group()) < after_title.index('class="ck-lead"'), mod.id
        if mod is signs:  # the signs themselves, every tier, once each
            tiers = re.findall(r"ck-red-flags--([\w-]+)", after_title)
            assert "ck-red-flags" in first.group(1) and len(tiers) == len(set(tiers)) >= 2
        else:
            assert "ck-help" in first.group(1) and escape_text(course.urgency("at-once").action) in after_title



@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_a_module_page_lists_its_questions_to_ask_after_the_key_points(sample_site: Path, course_id: str) -> None:
    asked = [mod for mod in sample_course(course_id).modules if mod.meta.questions]
    assert asked
    for mod in asked:
        html = (sample_site / course_id / mod.id / "index.html").read_text()
        heading = html.index('<h2 id="questions">Questions to ask your care team</h2>')
        assert html.index(">Key points</h2>") < heading
        listed = html[heading:html.index("</ul>", heading)]
        assert [unescape(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<li>(.*?)</li>", listed)] == list(
            mod.meta.questions)
        assert 'href="#questions"' in html  # in the page's table of contents
