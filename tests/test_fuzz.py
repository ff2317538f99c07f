"""Property tests: whatever the content, coursekit fails only with its own located errors.

About 2,000 examples run in `make test`; `make fuzz` sets COURSEKIT_FUZZ_EXAMPLES
to run 100,000 (spread over the properties in the same proportions).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from toolkit.diagnostics import ContentError
from toolkit.limits import DEFAULT_LIMITS
from toolkit.markdown_reader import read_module
from toolkit.render_html import HtmlOptions, HtmlRenderer, sanitize
from toolkit.source import SourceLoc
from toolkit.yamlsafe import load_yaml

TOTAL = int(os.environ.get("COURSEKIT_FUZZ_EXAMPLES", "2000"))


def budget(share: float) -> settings:
    return settings(max_examples=max(10, int(TOTAL * share)), deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


LOC = SourceLoc(Path("fuzz.md"), 1, 1)

# Pieces authors (and attackers) actually type, so examples reach deep into the readers.
MARKUP = st.sampled_from([
    "---\n", "---", "title: x\n", "summary: y\n", "duration: 5\n", "## Heading\n", "### Sub\n", "# Top\n",
    "::: quiz\n", "::: red-flags\n", "::: exercise Walk\n", "::: notes\n", "::: tip\n", "::: only site\n",
    "::: unknown\n", ":::\n", "::::\n", "- [x] yes\n", "- [ ] no\n", "1. step\n", "- item\n", "  - nested\n",
    "> quote\n", "| a | b |\n| - | - |\n| 1 | 2 |\n", "![alt](../media/x.png \"t\")\n", "[link](02-x.md#a)\n",
    "<script>alert(1)</script>\n", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "{: onclick=x}",
    "&amp;", "&#0;", "\x00", "\ufeff", "\r\n", "\t", "```\ncode\n```\n", "    indented\n", "\n", " ", "*", "_", "`",
    "&a", "*a", "!!python/object:os.system", "? ", ": ", "- ", "[", "]", "{", "}", "'", '"', "\\",
])
TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=20)), max_size=40).map("".join)


@given(TEXT)
@budget(0.35)
def test_module_text_raises_only_content_errors(text: str) -> None:
    try:
        source = read_module(text, Path("fuzz.md"), DEFAULT_LIMITS)
    except ContentError as error:
        assert error.diagnostics and all(d.loc.path == Path("fuzz.md") for d in error.diagnostics)
        return
    lines = text.count("\n") + 1
    for diagnostic in source.diagnostics:
        assert 1 <= diagnostic.loc.line <= lines + 1, diagnostic.format()


@given(st.one_of(TEXT, st.text(max_size=200)))
@budget(0.2)
def test_yaml_raises_only_content_errors(text: str) -> None:
    try:
        located = load_yaml(text, LOC)
    except ContentError as error:
        assert error.diagnostics[0].code.startswith("CK0")
        return
    _assert_plain_data(located.data)


def _assert_plain_data(value: object) -> None:
    """Only text, lists and mappings of text come out: no types a tag could smuggle in."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str)
            _assert_plain_data(item)
    elif isinstance(value, list):
        for item in value:
            _assert_plain_data(item)
    else:
        assert value is None or isinstance(value, str), type(value)


HTML = st.lists(st.one_of(
    st.sampled_from(["<", ">", "/", "=", '"', "'", " ", "script", "img", "a", "svg", "iframe", "style", "src", "href",
                     "onerror", "onclick", "OnLoad", "javascript:", "JaVaScRiPt:", "java\tscript:", "data:", "vbscript:",
                     "&#106;avascript:", "&#x6A;", "alert(1)", "<!--", "-->", "<![CDATA[", "]]>", "\x00", "formaction",
                     "xlink:href", "<math>", "<template>", "srcdoc", "style=", "expression(", "url("]),
    st.text(max_size=8)), max_size=60).map("".join)
EVENT_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):", re.IGNORECASE)


@given(HTML)
@budget(0.3)
def test_sanitised_html_has_no_event_attribute_or_script_url(html: str) -> None:
    clean, _ = sanitize(html, LOC)
    assert not EVENT_ATTRIBUTE.search(clean), clean
    assert not SCRIPT_URL.search(clean), clean
    assert "<script" not in clean.lower() and "<iframe" not in clean.lower()


@given(TEXT)
@budget(0.15)
def test_rendering_the_same_module_twice_gives_the_same_html(text: str) -> None:
    try:
        source = read_module(text, Path("fuzz.md"), DEFAULT_LIMITS)
    except ContentError:
        return
    blocks = [*source.intro, *(b for s in source.sections for b in s.blocks)]

    def render() -> str:
        return HtmlRenderer(HtmlOptions()).blocks(blocks)

    first = render()
    assert render() == first
    assert not EVENT_ATTRIBUTE.search(first) and not SCRIPT_URL.search(first)


# Whole builds are slow, so this property gets a small, fixed share of examples.
PROSE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60)
BODY = st.lists(st.one_of(
    PROSE.map(lambda t: t.replace("\n", " ") + "\n"),
    st.lists(PROSE.map(lambda t: "- " + " ".join(t.split()) + "\n"), min_size=1, max_size=4).map("".join),
    st.sampled_from(["### Part\n", "::: tip\nDrink water.\n:::\n", "| a | b |\n| - | - |\n| 1 | 2 |\n",
                     "::: quiz\nWhich?\n\n- [x] Yes\n- [ ] No\n:::\n", "<b>bold</b>\n", "**strong** and *soft*\n"]),
), max_size=8).map(lambda parts: "\n".join(parts))


@given(BODY)
@settings(max_examples=int(os.environ.get("COURSEKIT_FUZZ_BUILDS", "6")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_two_whole_builds_of_the_same_input_are_byte_identical(tmp_path_factory, body: str) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    from toolkit.build import BuildSettings, run_build
    from toolkit.scaffold import new_project

    root = tmp_path_factory.mktemp("same-bytes") / "project"
    new_project(root)
    module = root / "courses/first-course/modules/01-keep-moving.md"
    text = module.read_text()
    module.write_text(text.replace("## When to get help at once", body + "\n## When to get help at once", 1))

    def tree(out: Path) -> dict[str, str]:
        return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file()}

    first = run_build(root, BuildSettings(out=root / "one", only=("slides", "site"), jobs=1))
    second = run_build(root, BuildSettings(out=root / "two", only=("slides", "site"), jobs=1))
    assert [d.format() for d in first.diagnostics] == [d.format() for d in second.diagnostics]
    assert first.ok == second.ok
    event("built" if first.ok else "stopped by a content error")
    if first.ok:
        assert tree(root / "one") == tree(root / "two")
