"""Property tests: whatever the content, coursekit fails only with its own located errors.

About 2,000 examples run in `make test`; `make fuzz` sets COURSEKIT_FUZZ_EXAMPLES
to run 100,000 (spread over the properties in the same proportions).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.html_policy import ALLOWED_TAGS, disallowed
from toolkit import model as m
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


# Tags, attributes and addresses an attacker would try, nested and left open, among comments, CDATA,
# entities and broken markup; the allow-list they are judged by is tests/html_policy.py's, not the code's.
TAG_NAMES = sorted(ALLOWED_TAGS) + [
    "script", "style", "iframe", "frame", "frameset", "img", "image", "svg", "math", "object", "embed", "applet",
    "form", "input", "button", "select", "option", "textarea", "link", "meta", "base", "template", "noscript",
    "title", "xmp", "plaintext", "noembed", "noframes", "video", "audio", "source", "details", "marquee", "body",
    "html", "head", "use", "animate", "set", "foreignObject", "dialog", "portal", "h1", "h2", "nav", "section"]
ATTRIBUTE_NAMES = st.one_of(st.sampled_from([
    "style", "STYLE", "onclick", "onerror", "onload", "ONMOUSEOVER", "onfocus", "href", "HREF", "src", "srcset",
    "srcdoc", "action", "formaction", "xlink:href", "poster", "background", "data", "class", "id", "lang", "dir",
    "title", "rel", "target", "start", "scope", "colspan", "rowspan", "data-x", "tabindex", "autofocus", "is",
    "cite", "ping", "download", "name", "form", "slot", "popover"]), st.from_regex(r"on[a-z]{1,8}", fullmatch=True))
ADDRESSES = st.sampled_from([
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "&#x6A;&#x61;vascript:alert(1)", "\x01javascript:x",
    "data:text/html,<script>alert(1)</script>", "data:image/svg+xml;base64,PHN2Zz4=", "DATA:,x",
    "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.org/", "https://example.org/", "http://example.org/x",
    "//evil.example/x", "\\\\evil.example\\x", "mailto:a@example.org", "tel:+441632960123", "#part",
    "02-x.md#a", "\ue0000\ue001", "\ue0009\ue001"])
VALUES = st.one_of(ADDRESSES, st.text(max_size=10), st.sampled_from([
    "color:red", "background:url(https://evil.example/x)", "width:expression(alert(1))", "x", "",
    '"><script>alert(1)</script>', "x' onclick='alert(1)", "&quot; onclick=&quot;alert(1)", "\ue000", "\ue001"]))


def _attribute(name: str, value: str, quote: str) -> str:
    return f" {name}" if quote == "bare" else f" {name}={quote}{value}{quote}"


QUOTES = st.sampled_from(['"', "'", "", "bare"])
ADDRESS_ATTRIBUTES = st.builds(_attribute, st.sampled_from(
    ["href", "HREF", "src", "action", "formaction", "xlink:href", "background", "poster", "cite", "data"]), ADDRESSES, QUOTES)
ATTRIBUTES = st.lists(st.one_of(ADDRESS_ATTRIBUTES, st.builds(_attribute, ATTRIBUTE_NAMES, VALUES, QUOTES)), max_size=4)
LEAVES = st.one_of(st.text(max_size=12), st.sampled_from([
    "&amp;", "&lt;script&gt;alert(1)&lt;/script&gt;", "&#0;", "&#x3c;", "&nbsp;", "&bogus;", "&", "<!-- note -->",
    "<!--[if IE]><script>alert(1)</script><![endif]-->", "<!-->", "<![CDATA[<script>alert(1)</script>]]>",
    "<!DOCTYPE html>", "<?php system('x') ?>", "<", "</", "<a", "<scr<script>ipt>alert(1)</script>", "</p>",
    "\x00", "\ue000", "\ue001", "\ue0000\ue001", "\ufeff", "\r\n", "<br/>", "<hr>", "</script>"]))


def _element(tag: str, upper: bool, attributes: list[str], children: list[str], end: str) -> str:
    name = tag.upper() if upper else tag
    inner = "".join(children)
    if end == "self-closing":
        return f"<{name}{''.join(attributes)}/>{inner}"
    closing = {"closed": f"</{name}>", "left open": "", "closed wrongly": "</b>", "closed twice": f"</{name}></{name}>"}
    return f"<{name}{''.join(attributes)}>{inner}{closing[end]}"


STRUCTURED = st.recursive(LEAVES, lambda children: st.builds(
    _element, st.one_of(st.sampled_from(["a", "span", "p", "img", "script", "style", "iframe", "svg"]),
                        st.sampled_from(TAG_NAMES)), st.booleans(), ATTRIBUTES, st.lists(children, max_size=4),
    st.sampled_from(["closed", "left open", "self-closing", "closed wrongly", "closed twice"])), max_leaves=24)
HOSTILE_HTML = st.one_of(HTML, STRUCTURED, st.lists(STRUCTURED, max_size=4).map("".join))


@given(HOSTILE_HTML)
@example('<p style="color:red" class="ck-alert" id="x" onclick="alert(1)">a</p>')
@example('<a href="data:text/html,x">a</a><a href="  jav&#x09;ascript:alert(1)">b</a><a href="//evil.example/">c</a>')
@example('<img src=x onerror=alert(1)><svg><script>alert(1)</script></svg><!-- a --><![CDATA[x]]>')
@budget(0.2)
def test_sanitised_html_keeps_only_the_allowed_tags_attributes_and_addresses(html: str) -> None:
    clean, _ = sanitize(html, LOC)
    assert disallowed(clean) == [], clean


# What the renderer itself puts around typed HTML: markup the allow-list permits too. Its text may hold the
# characters the renderer holds that markup under while typed HTML is sanitised.
WORDS = st.one_of(st.text(max_size=8), st.sampled_from(["\ue0000\ue001", "\ue0009\ue001", "\ue000", "\ue001"]))
TRUSTED = st.one_of(
    WORDS.map(lambda t: m.Text(t, LOC)),
    WORDS.map(lambda t: m.Strong((m.Text(t, LOC),), LOC)),
    WORDS.map(lambda t: m.Emph((m.Text(t, LOC),), LOC)),
    WORDS.map(lambda t: m.Code(t, LOC)),
    st.sampled_from(["https://example.org/a", "mailto:a@example.org", "#part"]).map(
        lambda href: m.Link(href, (m.Text("more", LOC),), LOC)),
    st.just(m.Break(True, LOC)),
)


@given(st.lists(st.one_of(TRUSTED, HOSTILE_HTML.map(lambda html: m.RawInline(html, LOC))), max_size=6),
       HOSTILE_HTML)
@example(run=[m.RawInline('<span title="\ue0000\ue001">', LOC), m.Link("https://example.org/", (m.Text("x", LOC),), LOC),
              m.RawInline("</span>", LOC)], block="")
@example(run=[m.RawInline("<b>", LOC), m.Code("\ue0000\ue001", LOC), m.RawInline("</b>", LOC)], block="")
@example(run=[m.RawInline("<b>\ue0009\ue001</b>", LOC)], block="")
@budget(0.1)
def test_typed_html_in_a_paragraph_or_a_block_keeps_only_the_allowed_markup(run: list[m.Inline], block: str) -> None:
    renderer = HtmlRenderer(HtmlOptions())
    paragraph = renderer.inlines(tuple(run))
    assert disallowed(paragraph) == [], paragraph
    assert paragraph.count("<code>") == paragraph.count("</code>"), paragraph
    html_block = renderer.block(m.RawBlock(block, LOC))
    assert disallowed(html_block) == [], html_block


def test_rendering_the_same_modules_in_two_fresh_processes_gives_the_same_html(tmp_path: Path) -> None:
    """The same module texts rendered in two processes with different hash seeds (tests/render_examples.py)."""
    import json
    import subprocess
    import sys

    from tests.fresh_process import REPO, SEEDS

    count = str(max(10, int(TOTAL * 0.15)))
    for seed in SEEDS:
        subprocess.run([sys.executable, "-m", "tests.render_examples", count, str(tmp_path / f"{seed}.json")],
                       cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
    first, second = (json.loads((tmp_path / f"{seed}.json").read_text()) for seed in SEEDS)
    assert len(first) >= 10, "too few module texts read without a content error"
    assert sorted(first) == sorted(second), "the two processes were given different texts"
    differing = [text for text in first if first[text] != second[text]]
    assert not differing, "\n".join(repr(text) for text in differing)
    for pages in first.values():
        assert not any(EVENT_ATTRIBUTE.search(page) or SCRIPT_URL.search(page) for page in pages), pages


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
    """Each build in a fresh process with its own hash seed, so set order cannot hide behind a shared seed."""
    from tests.fresh_process import SEEDS, coursekit, differences
    from toolkit.scaffold import new_project

    root = tmp_path_factory.mktemp("same-bytes") / "project"
    new_project(root)
    module = root / "courses/first-course/modules/01-keep-moving.md"
    text = module.read_text()
    module.write_text(text.replace("## When to get help at once", body + "\n## When to get help at once", 1))

    first, second = (coursekit("build", str(root), "--out", str(root / seed), "--only", "slides,site", "--jobs", "1",
                               "--quiet", seed=seed) for seed in SEEDS)
    assert "Traceback" not in first.stderr + second.stderr, first.stderr + second.stderr
    assert (first.returncode, first.stdout) == (second.returncode, second.stdout)
    event("built" if first.returncode == 0 else "stopped by a content error")
    if first.returncode == 0:
        found = differences(root / SEEDS[0], root / SEEDS[1])
        assert not found, "\n".join(found)
