"""The shared renderer (toolkit/render_html.py): the HTML each block and inline becomes, and what the sanitiser
keeps of typed HTML, removes and reports.

The allow-list typed HTML is judged by is tests/html_policy.py's, written out apart from the code; each removal
must be reported with its code, its line in the module and words that name what went.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.html_policy import ALLOWED_TAGS, disallowed
from toolkit import model as m
from toolkit.labels import ENGLISH
from toolkit.render_html import HtmlOptions, HtmlRenderer, TocEntry, esc, sanitize
from toolkit.schema import ModuleMeta, UrgencyWords
from toolkit.source import SourceLoc

PATH = Path("courses/c/modules/01-a.md")
LOC = SourceLoc(PATH, 7, 1)
REL = ' rel="noopener noreferrer"'  # what the sanitiser adds to every typed link


def text(s: str) -> m.Text:
    return m.Text(s, LOC)


def para(s: str) -> m.Paragraph:
    return m.Paragraph((text(s),), LOC)


def item(*blocks: m.Block) -> m.ListItem:
    return m.ListItem(tuple(blocks), None, LOC)


def renderer(**options: object) -> HtmlRenderer:
    return HtmlRenderer(HtmlOptions(**options))  # type: ignore[arg-type]


def reports(found: list) -> list[tuple[str, int, str]]:
    return [(d.code, d.loc.line, d.message) for d in found]


# Typed HTML: what is kept


def test_every_allowed_tag_and_attribute_is_kept_as_typed() -> None:
    inline = "".join(f"<{tag}>{tag}</{tag}>" for tag in sorted(ALLOWED_TAGS - {
        "br", "hr", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "li", "dt", "dd"}))
    html = (f'<div dir="rtl" lang="ar" title="t">{inline}</div><br><hr>'
            '<ol start="3"><li>a</li></ol><dl><dt>t</dt><dd>d</dd></dl>'
            '<table><caption>c</caption><thead><tr><th scope="col" colspan="2" rowspan="1">h</th></tr></thead>'
            '<tbody><tr><td colspan="1" rowspan="2">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>')
    clean, found = sanitize(html, LOC)
    assert found == []
    assert clean == html.replace("<a>", f"<a{REL}>")


def test_addresses_of_the_allowed_kinds_and_within_the_course_are_kept() -> None:
    html = ('<a href="https://example.org/">a</a><a href="http://example.org/">b</a><a href="mailto:a@example.org">c</a>'
            '<a href="tel:+441632960123">d</a><a href="#part">e</a><a href="02-x.md#a">f</a>'
            '<abbr title="note: not an address">g</abbr>')
    clean, found = sanitize(html, LOC)
    assert found == []
    assert clean == html.replace('">', f'"{REL}>').replace(f'address"{REL}>', 'address">')


def test_a_comment_is_dropped_silently() -> None:
    assert sanitize("<!-- a note --><b>x</b>", LOC) == ("<b>x</b>", [])


# Typed HTML: what is removed, and how each removal is reported

TAG = "CK700"
ATTRIBUTE = "CK701"
ADDRESS = "CK702"


@pytest.mark.parametrize("html, clean, expected", [
    ('<h1>Big</h1><img src="x.png" alt="x"><details>d</details>', "Bigd",
     [(TAG, "removed `<h1>`"), (TAG, "removed `<img>`"), (TAG, "removed `<details>`")]),
    ('<img src="x.png"/><br onclick="x"/>', "<br>", [(TAG, "removed `<img>`"), (ATTRIBUTE, "removed `onclick` from `<br>`")]),
    ('<p class="ck-alert" id="x" style="color:red" onclick="go()">a</p>', "<p>a</p>",
     [(ATTRIBUTE, "removed `class` from `<p>`"), (ATTRIBUTE, "removed `id` from `<p>`"),
      (ATTRIBUTE, "removed `style` from `<p>`"), (ATTRIBUTE, "removed `onclick` from `<p>`")]),
    ('<a href="https://example.org/" hreflang="en" target="_blank">a</a><th align="left">h</th>',
     f'<a href="https://example.org/"{REL}>a</a>h',
     [(ATTRIBUTE, "removed `hreflang` from `<a>`"), (ATTRIBUTE, "removed `target` from `<a>`"),
      (ATTRIBUTE, "removed `align` from `<th>`")]),
    # Removed with everything inside, and nothing inside is reported: the reader never sees it.
    ('<script>alert("<b onclick=x>")</script><style>b {}</style>', "",
     [(TAG, "removed `<script>` and everything inside it"), (TAG, "removed `<style>` and everything inside it")]),
    ('<iframe><b onclick="x">in</b></iframe><b onclick="y">out</b>', "<b>out</b>",
     [(TAG, "removed `<iframe>` and everything inside it"), (ATTRIBUTE, "removed `onclick` from `<b>`")]),
    ("<textarea>a</textarea><noscript>b</noscript><title>c</title><svg><text>d</text></svg><object>e</object>k", "k",
     [(TAG, f"removed `<{tag}>` and everything inside it") for tag in ("textarea", "noscript", "title", "svg", "object")]),
    # A tag removed without its content does not hide what follows from the report.
    ('<img src="x.png"><b onclick="y">b</b>', "<b>b</b>",
     [(TAG, "removed `<img>`"), (ATTRIBUTE, "removed `onclick` from `<b>`")]),
    # An <embed> holds nothing: what follows it is reported.
    ('<embed src="x"><b onclick="y">b</b>', "<b>b</b>",
     [(TAG, "removed `<embed>` and everything inside it"), (ATTRIBUTE, "removed `onclick` from `<b>`")]),
    # An HTML tag ends an <svg> or <math> where it starts, as a browser reads it: what follows is kept and cleaned.
    ('<svg><p onclick="x">hi</p>after</svg>tail', "<p>hi</p>aftertail",
     [(TAG, "removed `<svg>` and everything inside it"), (ATTRIBUTE, "removed `onclick` from `<p>`")]),
    ('<math><b onclick="x">x</b></math>', "<b>x</b>",
     [(TAG, "removed `<math>` and everything inside it"), (ATTRIBUTE, "removed `onclick` from `<b>`")]),
    ('<svg></p><a onclick="x">z</a></svg>', f"<p></p><a{REL}>z</a>",
     [(TAG, "removed `<svg>` and everything inside it"), (ATTRIBUTE, "removed `onclick` from `<a>`")]),
    ('<svg></br><a onclick="x">z</a></svg>', f"<br><a{REL}>z</a>",
     [(TAG, "removed `<svg>` and everything inside it"), (ATTRIBUTE, "removed `onclick` from `<a>`")]),
    ('<svg></b><a onclick="x">z</a></svg>', "", [(TAG, "removed `<svg>` and everything inside it")]),
    ('<svg><font color="red">x</font></svg><svg><font face="x">y</font></svg><svg><font size="3">z</font></svg>', "xyz",
     [(TAG, "removed `<svg>` and everything inside it"), (TAG, "removed `<font>`")] * 3),
    ("<svg><font>x</font></svg>", "", [(TAG, "removed `<svg>` and everything inside it")]),
    # ... but not inside the parts of an <svg> or <math> that hold HTML: those go with it.
    ('<svg><foreignObject><b onclick="x">y</b></foreignObject><i onclick="z">w</i></svg>', "<i>w</i>",
     [(TAG, "removed `<svg>` and everything inside it"), (ATTRIBUTE, "removed `onclick` from `<i>`")]),
    ('<math><mi><b onclick="x">y</b></mi></math><b onclick="q">k</b>', "<b>k</b>",
     [(TAG, "removed `<math>` and everything inside it"), (ATTRIBUTE, "removed `onclick` from `<b>`")]),
    ('<svg><desc><p onclick="x">a</p></desc><title><p>t</p></title></svg>', "",
     [(TAG, "removed `<svg>` and everything inside it")]),
    ('<svg><foreignObject><b>y</b><i onclick="z">w</i></foreignObject></svg>', "",
     [(TAG, "removed `<svg>` and everything inside it")]),
    # A part that holds HTML left open ends with its <svg>.
    ('<svg><desc></svg><svg><b onclick="x">y</b></svg>', "<b>y</b>",
     [(TAG, "removed `<svg>` and everything inside it")] * 2 + [(ATTRIBUTE, "removed `onclick` from `<b>`")]),
    # `<script/>` opens a script that never ends, in a browser as in the output: all after it goes.
    ('<script/><b onclick="x">bold</b>', "", [(TAG, "removed `<script>` and everything inside it")]),
    # Addresses: named by their scheme as typed, however hidden; those naming another site without one by `//`.
    ('<a href="javascript:alert(1)">a</a>', f"<a{REL}>a</a>", [(ADDRESS, "removed a `javascript:` address from `<a>`")]),
    ('<a href="JaVaScRiPt&#58;alert(\'a:b\')">a</a>', f"<a{REL}>a</a>",
     [(ADDRESS, "removed a `JaVaScRiPt:` address from `<a>`")]),
    ('<a href="  jav&#x09;ascript:alert(1)">a</a><a href="jav\x01ascript:alert(1)">b</a>', f"<a{REL}>a</a><a{REL}>b</a>",
     [(ADDRESS, "removed a `javascript:` address from `<a>`")] * 2),
    ('<a href="data:text/html,x">a</a><a href="ftp://example.org/">b</a>', f"<a{REL}>a</a><a{REL}>b</a>",
     [(ADDRESS, "removed a `data:` address from `<a>`"), (ADDRESS, "removed a `ftp:` address from `<a>`")]),
    ('<a href="abcdefghijklmnopqrstuvwxyz:x">a</a>', f"<a{REL}>a</a>",
     [(ADDRESS, "removed a `abcdefghijklmnopqrst:` address from `<a>`")]),
    ('<a href="//evil.example/x">a</a><a href=" //evil.example/x">b</a>', f"<a{REL}>a</a><a{REL}>b</a>",
     [(ADDRESS, "removed a `//` address from `<a>`")] * 2),
    ('<a href="\\\\evil.example\\x">a</a>', f"<a{REL}>a</a>", [(ADDRESS, "removed a `\\\\` address from `<a>`")]),
    # An address nh3 cannot read is dropped, and reported as such.
    ('<a href="https://[x">a</a>', f"<a{REL}>a</a>", [(ADDRESS, "removed an unreadable `https:` address from `<a>`")]),
])
def test_each_removal_is_reported_with_what_went(html: str, clean: str, expected: list[tuple[str, str]]) -> None:
    got, found = sanitize(html, LOC)
    assert got == clean
    assert disallowed(got) == []
    assert [(d.code, d.message) for d in found] == expected
    assert {d.loc for d in found} <= {LOC}


def test_each_removal_is_reported_at_its_own_line_of_the_block() -> None:
    html = '<p>one</p>\n<p onclick="x">two</p>\n\n<b>three\n<script>x</script></b><i style="s">four</i>'
    _, found = sanitize(html, SourceLoc(PATH, 40, 1))
    assert reports(found) == [(ATTRIBUTE, 41, "removed `onclick` from `<p>`"),
                              (TAG, 44, "removed `<script>` and everything inside it"),
                              (ATTRIBUTE, 44, "removed `style` from `<i>`")]
    assert all(d.loc == SourceLoc(PATH, d.loc.line, 1) for d in found)


def test_html_of_a_file_without_a_line_is_reported_at_the_file() -> None:
    whole_file = SourceLoc(PATH)
    _, found = sanitize('<p>one</p>\n<p onclick="x">two</p>', whole_file)
    assert [(d.code, d.loc) for d in found] == [(ATTRIBUTE, whole_file)]


# Text and inlines


def test_text_is_escaped_for_content_and_attributes() -> None:
    assert esc('"a" & \'b\' <c>') == "&quot;a&quot; &amp; &#x27;b&#x27; &lt;c&gt;"
    assert renderer().block(para('Say "stop" & <go>')) == "<p>Say &quot;stop&quot; &amp; &lt;go&gt;</p>\n"


def test_a_paragraph_of_nothing_but_spaces_is_left_out() -> None:
    assert renderer().blocks((m.Paragraph((), LOC), para("  \n"), para("x"))) == "<p>x</p>\n"


def test_text_that_starts_in_arabic_or_hebrew_reads_right_to_left() -> None:
    assert renderer().block(para("نص عربي then English")) == '<p dir="rtl">نص عربي then English</p>\n'
    assert renderer().block(para("English then نص")) == "<p>English then نص</p>\n"


def test_the_characters_that_hold_the_renderers_markup_show_as_replacement_characters() -> None:
    held = "a\ue0000\ue001b"
    assert renderer().inlines((text(held), m.Code(held, LOC))) == "a\ufffd0\ufffdb<code>a\ufffd0\ufffdb</code>"
    typed = renderer().inlines((m.RawInline(f"<b>{held}</b>", LOC), text(held)))
    assert typed == "<b>a\ufffd0\ufffdb</b>a\ufffd0\ufffdb"


def test_inline_markup() -> None:
    run = (m.Strong((text("a"),), LOC), m.Emph((text("b"), text("c")), LOC), m.Code("<x>", LOC), m.Break(True, LOC),
           text("d"), m.Break(False, LOC), text("e"))
    assert renderer().inlines(run) == "<strong>a</strong><em>bc</em><code>&lt;x&gt;</code><br>d\ne"


def test_an_unknown_inline_or_block_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="^unknown inline str$"):
        renderer().inlines(("x",))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^unknown block Text$"):
        renderer().block(text("x"))  # type: ignore[arg-type]


def test_links_within_the_page_to_modules_and_to_allowed_addresses() -> None:
    r = renderer(module_link=lambda href: f"../{href.removesuffix('.md')}/")
    run = (m.Link("#part", (text("here"),), LOC), m.Link("02-x.md", (text("next"), text(" one")), LOC),
           m.Link("mailto:a@example.org", (text("mail"),), LOC), m.Link("?x=1", (text("query"),), LOC))
    assert r.inlines(run) == ('<a href="#part">here</a><a href="../02-x/">next one</a>'
                              '<a href="mailto:a@example.org">mail</a>query')
    assert r.diagnostics == []
    # Without a way to reach other modules (a printed page), a link to one is only its words.
    assert renderer().inlines((m.Link("02-x.md", (text("next"),), LOC),)) == "next"


@pytest.mark.parametrize("href, kind", [
    ("javascript:alert(1)", "javascript:"), ("JavaScript:alert(1)", "JavaScript:"), ("//evil.example/", "//"),
    ("\\\\evil.example\\x", "\\\\"), ("java\x01script:alert(1)", "javascript:"), ("data:,x", "data:"),
])
def test_a_link_to_a_refused_address_keeps_its_words_and_is_reported(href: str, kind: str) -> None:
    r = renderer(module_link=lambda href: "../elsewhere/")
    at = SourceLoc(PATH, 12, 5)
    assert r.inlines((m.Link(href, (text("words"),), at),)) == "words"
    assert [(d.code, d.loc, d.message) for d in r.diagnostics] == [(ADDRESS, at, f"removed a `{kind}` link")]


def test_a_link_to_an_address_that_cannot_be_read_is_reported_not_a_crash() -> None:
    r = renderer()
    assert r.inlines((m.Link("https://[x", (text("words"),), LOC),)) == "words"
    assert reports(r.diagnostics) == [(ADDRESS, 7, "removed an unreadable `https:` link")]


# Glossary terms

NERVE = m.GlossaryEntry("nerve", 'A "thin" cord.', ("nerves",), LOC)
NERVE_PAIN = m.GlossaryEntry("nerve pain", "Pain from a nerve.", (), LOC)
BACK = m.GlossaryEntry("back", "The spine.", (), LOC)


def term(word: str, entry: m.GlossaryEntry, tab: str = "") -> str:
    return f'<abbr class="ck-term"{tab} title="{esc(entry.definition)}">{word}</abbr>'


def test_each_term_is_defined_at_its_first_use_the_longest_form_first() -> None:
    r = renderer(glossary=(NERVE, NERVE_PAIN, BACK))
    html = r.inlines((text("Nerve pain or a nerve? Nerves and your back, your back."),))
    assert html == (f"{term('Nerve pain', NERVE_PAIN)} or a {term('nerve', NERVE)}? Nerves and your "
                    f"{term('back', BACK)}, your back.")


def test_terms_reachable_by_keyboard_on_the_site() -> None:
    html = renderer(glossary=(NERVE,), focusable_terms=True).inlines((text("a nerve"),))
    assert html == "a " + term("nerve", NERVE, ' tabindex="0"')


def test_terms_are_not_marked_in_headings_links_or_quiz_options() -> None:
    r = renderer(glossary=(NERVE,))
    assert r.block(m.Heading(3, (text("A nerve"),), LOC, "a")) == '<h3 id="a">A nerve</h3>\n'
    assert r.inlines((m.Link("#a", (text("nerve"),), LOC),)) == '<a href="#a">nerve</a>'
    assert r.inlines((text("nerve"),)) == term("nerve", NERVE)  # still unused until here


def test_the_renderers_markup_survives_typed_html_beside_it() -> None:
    """Terms, links and pictures are held apart while a run with typed HTML is sanitised, so their classes,
    addresses and tags (which typed HTML may not have) stay as the renderer made them."""
    r = renderer(glossary=(NERVE,), image_src=lambda image: "media/x.png")
    run = (text("a nerve "), m.RawInline("<b>", LOC), text("bold"), m.RawInline("</b>", LOC),
           m.Strong((text("x "), m.Link("https://example.org/", (text("site"),), LOC)), LOC),
           m.Emph((m.Image("../media/x.png", "A", "", LOC),), LOC),
           m.Link("#top", (m.Image("../media/x.png", "B", "", LOC),), LOC))
    picture = '<img src="media/x.png" alt="{}" loading="lazy">'
    assert r.inlines(run) == (f'a {term("nerve", NERVE)} <b>bold</b><strong>x <a href="https://example.org/">site</a>'
                              f'</strong><em>{picture.format("A")}</em><a href="#top">{picture.format("B")}</a>')
    assert r.diagnostics == []


def test_a_term_inside_emphasis_beside_typed_html_is_still_defined() -> None:
    r = renderer(glossary=(NERVE,))
    html = r.inlines((m.RawInline("<i>", LOC), m.Emph((text("nerves"),), LOC), m.RawInline("</i>", LOC)))
    assert html == f"<i><em>{term('nerves', NERVE)}</em></i>"


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.count: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.count[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        self.count[tag] -= 1


@pytest.mark.parametrize("trusted, tag", [
    (m.Code("x", LOC), "code"), (m.Strong((text("x"),), LOC), "strong"), (m.Emph((text("x"),), LOC), "em"),
    (m.Link("https://example.org/", (text("x"),), LOC), "a"),
])
def test_typed_html_cannot_open_or_close_the_renderers_own_markup(trusted: m.Inline, tag: str) -> None:
    for run in ((trusted, m.RawInline(f"</{tag}>", LOC)), (m.RawInline(f"<{tag}>", LOC), trusted),
                (m.RawInline(f"<{tag}>", LOC), trusted, m.RawInline(f"</{tag}>", LOC), m.RawInline(f"</{tag}>", LOC))):
        balance = _Balance()
        balance.feed(renderer().inlines(run))
        assert all(n == 0 for n in balance.count.values()), (run, balance.count)


def test_typed_markup_inside_the_renderers_own_is_sanitised_too() -> None:
    r = renderer()
    html = r.inlines((m.Strong((text("a"), m.RawInline("</strong>", LOC), text("b")), LOC),))
    assert html == "<strong>ab</strong>"


# Pictures

PICTURE = m.Image("../media/x.png", 'A "b"', "T", LOC)
SHOWN = dict(image_src=lambda image: f"media/{Path(image.src).name}",
             image_style=lambda image: {"../media/x.png": "width: 50%"}.get(image.src),
             image_size=lambda image: {"../media/x.png": (640, 480)}.get(image.src))


def test_a_picture_with_its_address_size_style_and_title() -> None:
    img = '<img src="media/x.png" alt="A &quot;b&quot;" title="T" width="640" height="480" style="width: 50%" loading="lazy">'
    assert renderer(**SHOWN).inlines((PICTURE,)) == img
    assert renderer(**SHOWN).block(m.Figure(PICTURE, LOC)) == f'<figure class="ck-figure">{img}<figcaption>T</figcaption></figure>\n'


def test_a_picture_without_title_size_or_style() -> None:
    r = renderer(image_src=lambda image: "media/x.png", image_style=lambda image: None, image_size=lambda image: None)
    plain = m.Image("../media/x.png", "alt", "", LOC)
    assert r.block(m.Figure(plain, LOC)) == '<figure class="ck-figure"><img src="media/x.png" alt="alt" loading="lazy"></figure>\n'


def test_a_picture_with_no_address_to_show_it_from_is_left_out() -> None:
    assert renderer().block(m.Figure(PICTURE, LOC)) == ""
    assert renderer(image_src=lambda image: None).inlines((text("a"), PICTURE)) == "a"


# Blocks


def test_headings_start_at_h3_below_the_page_and_section_titles_and_ids_stay_unique() -> None:
    r = renderer()
    html = r.blocks((m.Heading(1, (text("One"),), LOC, "a"), m.Heading(3, (text("Three"),), LOC, "a"),
                     m.Heading(4, (text("Four"),), LOC, "a"), m.Heading(6, (text("Six"),), LOC, "b")))
    assert html == ('<h3 id="a">One</h3>\n<h3 id="a-2">Three</h3>\n<h4 id="a-3">Four</h4>\n<h6 id="b">Six</h6>\n')


def test_lists() -> None:
    r = renderer()
    ordered = m.ListBlock((item(para("one")), item(para("two"), para("more")), item()), True, 3, LOC)
    assert r.block(ordered) == '<ol start="3">\n<li>one</li>\n<li><p>two</p>\n<p>more</p>\n</li>\n<li></li>\n</ol>\n'
    assert r.block(m.ListBlock((item(para("one")),), True, 1, LOC)) == "<ol>\n<li>one</li>\n</ol>\n"
    assert r.block(m.ListBlock((item(para("one")),), True, 2, LOC)) == '<ol start="2">\n<li>one</li>\n</ol>\n'
    bullets = m.ListBlock((item(para("نص عربي")), item(m.CodeBlock("c", LOC)), item(m.Quote((para("q"),), LOC))),
                          False, 1, LOC)
    assert r.block(bullets) == ('<ul>\n<li dir="rtl">نص عربي</li>\n<li><pre><code>c</code></pre>\n</li>\n'
                                "<li><blockquote>\n<p>q</p>\n</blockquote>\n</li>\n</ul>\n")


def test_a_table_has_a_header_row_of_column_headers() -> None:
    table = m.Table(((text("A"),), (text("B"),)), (((text("1"),), (text("2"),)), ((text("3"),), (text("<4>"),))), LOC)
    assert renderer().block(table) == (
        '<table>\n<thead><tr><th scope="col">A</th><th scope="col">B</th></tr></thead>\n<tbody>\n'
        "<tr><td>1</td><td>2</td></tr>\n<tr><td>3</td><td>&lt;4&gt;</td></tr>\n</tbody>\n</table>\n")


def test_quotes_and_code_blocks() -> None:
    r = renderer()
    assert r.block(m.Quote((para("q"), para("r")), LOC)) == "<blockquote>\n<p>q</p>\n<p>r</p>\n</blockquote>\n"
    assert r.block(m.CodeBlock('<b> & "x"\n', LOC)) == "<pre><code>&lt;b&gt; &amp; &quot;x&quot;\n</code></pre>\n"


def test_an_html_block_is_sanitised_and_reported_at_its_line() -> None:
    r = renderer()
    html = r.blocks((m.RawBlock('<p onclick="x">ok</p>', SourceLoc(PATH, 30, 1)),
                     m.RawBlock("\n<script>x</script>", SourceLoc(PATH, 40, 1))))
    assert html == "<p>ok</p>\n"  # the block that is left empty leaves nothing, not even a line
    assert reports(r.diagnostics) == [(ATTRIBUTE, 30, "removed `onclick` from `<p>`"),
                                      (TAG, 41, "removed `<script>` and everything inside it")]


def test_typed_html_in_a_paragraph_is_reported_at_the_line_of_its_first_piece() -> None:
    r = renderer()
    run = (text("a"), m.RawInline('<b onclick="x">', SourceLoc(PATH, 20, 3)), text("b"), m.RawInline("</b>", SourceLoc(PATH, 21, 1)))
    assert r.inlines(run) == "a<b>b</b>"
    assert reports(r.diagnostics) == [(ATTRIBUTE, 20, "removed `onclick` from `<b>`")]


URGENT = UrgencyWords(title="Call 999 if you have any of these", action="Call 999 now.", call="999")
SOON = UrgencyWords(title="See your GP soon", action="Book a visit.", call="your GP")


def test_red_flags_without_the_courses_words_use_the_label_and_count_as_at_once() -> None:
    assert renderer().block(m.RedFlags((para("Numb"),), LOC)) == (
        '<section class="ck-red-flags ck-red-flags--at-once" aria-labelledby="ck-red-flags-1">\n'
        '<p class="admonition-title ck-red-flags__title" id="ck-red-flags-1">Get help at once if you notice any of these</p>\n'
        "<p>Numb</p>\n</section>\n")


def test_printed_red_flags_put_the_action_first_when_asked() -> None:
    r = renderer(urgency={"at-once": URGENT, "soon": SOON}, action_first=True)
    assert r.block(m.RedFlags((para("Numb"),), LOC, "at-once")) == (
        '<section class="ck-red-flags ck-red-flags--at-once" aria-labelledby="ck-red-flags-1">\n'
        '<p class="admonition-title ck-red-flags__title" id="ck-red-flags-1">Call 999 if you have any of these</p>\n'
        '<p class="ck-action"><strong>Call 999 now.</strong></p>\n<p>Numb</p>\n</section>\n')
    assert r.block(m.RedFlags((para("Sore"),), LOC, "soon")) == (
        '<section class="ck-red-flags ck-red-flags--soon" aria-labelledby="ck-red-flags-2">\n'
        '<p class="admonition-title ck-red-flags__title" id="ck-red-flags-2">See your GP soon</p>\n'
        '<p class="ck-action"><strong>Book a visit.</strong> <strong>your GP</strong></p>\n<p>Sore</p>\n</section>\n')


def test_red_flags_on_the_site_give_the_action_after_the_signs() -> None:
    r = renderer(output="site", urgency={"soon": SOON})
    assert r.block(m.RedFlags((para("Sore"),), LOC, "soon")) == (
        '<section class="ck-red-flags ck-red-flags--soon" aria-labelledby="ck-red-flags-1">\n'
        '<p class="admonition-title ck-red-flags__title" id="ck-red-flags-1">See your GP soon</p>\n'
        '<p>Sore</p>\n<p class="ck-action"><strong>Book a visit.</strong> <strong>your GP</strong></p>\n</section>\n')


def test_on_the_site_a_call_without_a_number_is_named_not_a_button() -> None:
    site = renderer(output="site")
    assert site.action_html(SOON) == '<p class="ck-action"><strong>Book a visit.</strong> <strong>your GP</strong></p>\n'
    assert site.action_html(UrgencyWords(title="t", action="Rest.")) == '<p class="ck-action"><strong>Rest.</strong></p>\n'
    assert site.action_html(UrgencyWords(title="t", action="Call.", call="+44 1632")) == (
        '<p class="ck-action"><strong>Call.</strong> <a class="ck-call" href="tel:+441632">Phone +44 1632</a></p>\n')


def test_exercises_number_their_steps_with_boxes_to_tick_on_paper() -> None:
    exercise = m.Exercise("Walk", (para("Go."), m.ListBlock((item(para("Stand")), item(para("Walk"))), True, 1, LOC),
                                   m.ListBlock((item(para("x")),), True, 1, LOC),
                                   m.ListBlock((item(para("y")),), False, 1, LOC)), LOC)
    tick = '<span class="ck-tick" aria-hidden="true"></span>'
    rest = "<ol>\n<li>x</li>\n</ol>\n<ul>\n<li>y</li>\n</ul>\n</section>\n"
    head = ('<section class="ck-exercise" aria-labelledby="ck-exercise-1">\n'
            '<h3 class="ck-exercise__title" id="ck-exercise-1">Exercise: Walk</h3>\n<p>Go.</p>\n')
    assert renderer(output="handout").block(exercise) == (
        f'{head}<ol class="ck-steps">\n<li>{tick}Stand</li>\n<li>{tick}Walk</li>\n</ol>\n{rest}')
    assert renderer(output="site").block(exercise) == f'{head}<ol class="ck-steps">\n<li>Stand</li>\n<li>Walk</li>\n</ol>\n{rest}'
    assert renderer().block(m.Exercise("", (), LOC)) == (
        '<section class="ck-exercise" aria-labelledby="ck-exercise-1">\n'
        '<h3 class="ck-exercise__title" id="ck-exercise-1">Exercise</h3>\n</section>\n')


def test_ids_count_up_across_a_page_with_the_renderers_prefix() -> None:
    r = HtmlRenderer(HtmlOptions(), id_prefix="help")
    r.block(m.Exercise("", (), LOC))
    quiz = r.block(m.Quiz((text("Q?"),), (m.QuizOption((text("Yes"),), True, LOC),), (), LOC))
    flags = r.block(m.RedFlags((), LOC))
    assert 'id="help-quiz-2-q"' in quiz and 'id="help-red-flags-3"' in flags
    assert 'id="ck-exercise-1"' in renderer().block(m.Exercise("", (), LOC))


@pytest.mark.parametrize("kind, label, admonition", [("tip", "Tip", "tip"), ("caution", "Caution", "warning")])
def test_callouts(kind: str, label: str, admonition: str) -> None:
    callout = m.Callout(kind, "", (para("b"),), LOC)  # type: ignore[arg-type]
    assert renderer().block(callout) == (
        f'<div class="ck-callout ck-{kind}">\n<p class="admonition-title">{label}</p>\n<p>b</p>\n</div>\n')
    titled = m.Callout(kind, "Mind <this>", (para("b"),), LOC)  # type: ignore[arg-type]
    assert renderer(admonitions=True).block(titled) == (
        f'<div class="admonition {admonition} ck-{kind}">\n<p class="admonition-title">Mind &lt;this&gt;</p>\n<p>b</p>\n</div>\n')


# Quizzes

ONE_RIGHT = m.Quiz((text("Which?"),), (m.QuizOption((text("Yes"),), True, LOC), m.QuizOption((text("No"),), False, LOC)),
                   (), LOC)
TWO_RIGHT = m.Quiz((text("Which nerve?"),), (m.QuizOption((text("A nerve"),), True, LOC),
                                             m.QuizOption((text("Back"),), True, LOC),
                                             m.QuizOption((text("No"),), False, LOC)), (para("Both."),), LOC)
BOX = '<span class="ck-box" aria-hidden="true"></span>'


def test_a_printed_quiz_asks_for_each_right_answer_and_gives_them_all() -> None:
    html = renderer(output="handout", glossary=(NERVE, BACK)).block(TWO_RIGHT)  # no term marked in the options
    assert html == (
        '<section class="ck-quiz" aria-labelledby="ck-quiz-1-q">\n<p class="ck-quiz__label">Question</p>\n'
        f'<p class="ck-quiz__question" id="ck-quiz-1-q">Which {term("nerve", NERVE)}?</p>\n'
        '<p class="ck-quiz__several">More than one answer is right: tick each one.</p>\n'
        f'<ul class="ck-quiz__options">\n<li>{BOX}A nerve</li>\n<li>{BOX}Back</li>\n<li>{BOX}No</li>\n</ul>\n'
        '<details class="ck-quiz__answer"><summary>Show the answer</summary>\n'
        "<p>The answer is: <strong>A nerve; Back</strong></p>\n<p>Both.</p>\n</details>\n</section>\n")


def test_a_quiz_with_one_right_answer_on_the_site_without_javascript() -> None:
    assert renderer(output="site").block(ONE_RIGHT) == (
        '<section class="ck-quiz" aria-labelledby="ck-quiz-1-q">\n<p class="ck-quiz__label">Check your understanding</p>\n'
        '<p class="ck-quiz__question" id="ck-quiz-1-q">Which?</p>\n'
        f'<ul class="ck-quiz__options">\n<li>{BOX}Yes</li>\n<li>{BOX}No</li>\n</ul>\n'
        '<details class="ck-quiz__answer"><summary>Show the answer</summary>\n'
        "<p>The answer is: <strong>Yes</strong></p>\n</details>\n</section>\n")


def test_a_worksheet_leaves_the_answer_for_the_end() -> None:
    html = renderer(output="handout", quiz_answers=False).block(ONE_RIGHT)
    assert html == (
        '<section class="ck-quiz" aria-labelledby="ck-quiz-1-q">\n<p class="ck-quiz__label">Question</p>\n'
        '<p class="ck-quiz__question" id="ck-quiz-1-q">Which?</p>\n'
        f'<ul class="ck-quiz__options">\n<li>{BOX}Yes</li>\n<li>{BOX}No</li>\n</ul>\n</section>\n')


def test_an_interactive_quiz_with_several_right_answers() -> None:
    html = renderer(output="site", interactive_quiz=True, glossary=(NERVE, BACK)).block(TWO_RIGHT)
    option = ('<div class="ck-quiz__option"><input type="checkbox" name="ck-quiz-1" id="ck-quiz-1-{n}" value="{n}"'
              ' data-ck-correct="{right}"> <label for="ck-quiz-1-{n}">{words}</label></div>\n')
    assert html == (
        '<section class="ck-quiz" data-ck-quiz aria-labelledby="ck-quiz-1-q" data-ck-right="Yes, that is right."'
        ' data-ck-wrong="Not quite. Have another look and try again." data-ck-choose="Choose an answer first.">\n'
        '<p class="ck-quiz__label">Check your understanding</p>\n'
        '<fieldset class="ck-quiz__fieldset" aria-describedby="ck-quiz-1-several">\n'
        f'<legend class="ck-quiz__question" id="ck-quiz-1-q">Which {term("nerve", NERVE)}?</legend>\n'
        '<p class="ck-quiz__several" id="ck-quiz-1-several">More than one answer is right: tick each one.</p>\n'
        + option.format(n=1, right="true", words="A nerve") + option.format(n=2, right="true", words="Back")
        + option.format(n=3, right="false", words="No")
        + '</fieldset>\n<button type="button" class="md-button ck-quiz__check" hidden>Check my answer</button>\n'
        '<div class="ck-quiz__feedback" role="status" aria-live="polite"></div>\n'
        '<div class="ck-quiz__explanation" hidden><p>Both.</p>\n</div>\n'
        '<details class="ck-quiz__answer"><summary>Show the answer</summary>\n'
        "<p>The answer is: <strong>A nerve; Back</strong></p>\n<p>Both.</p>\n</details>\n</section>\n")


def test_an_interactive_quiz_with_one_right_answer_uses_radio_buttons_and_no_note() -> None:
    html = renderer(output="site", interactive_quiz=True).block(ONE_RIGHT)
    option = ('<div class="ck-quiz__option"><input type="radio" name="ck-quiz-1" id="ck-quiz-1-{n}" value="{n}"'
              ' data-ck-correct="{right}"> <label for="ck-quiz-1-{n}">{words}</label></div>\n')
    assert html == (
        '<section class="ck-quiz" data-ck-quiz aria-labelledby="ck-quiz-1-q" data-ck-right="Yes, that is right."'
        ' data-ck-wrong="Not quite. Have another look and try again." data-ck-choose="Choose an answer first.">\n'
        '<p class="ck-quiz__label">Check your understanding</p>\n<fieldset class="ck-quiz__fieldset">\n'
        '<legend class="ck-quiz__question" id="ck-quiz-1-q">Which?</legend>\n'
        + option.format(n=1, right="true", words="Yes") + option.format(n=2, right="false", words="No")
        + '</fieldset>\n<button type="button" class="md-button ck-quiz__check" hidden>Check my answer</button>\n'
        '<div class="ck-quiz__feedback" role="status" aria-live="polite"></div>\n'
        '<div class="ck-quiz__explanation" hidden></div>\n'
        '<details class="ck-quiz__answer"><summary>Show the answer</summary>\n'
        "<p>The answer is: <strong>Yes</strong></p>\n</details>\n</section>\n")


# Whole modules


def test_a_module_has_its_sections_under_h2_and_a_table_of_contents() -> None:
    meta = ModuleMeta(title="Keep moving", summary="Why.", duration=5)
    module = m.Module("01-a", 1, PATH, meta, (para("Intro."),), (
        m.Section((text("Why "), m.Emph((text("nerves"),), LOC)), "why", (
            para("nerve"), m.Heading(3, (text("Part"),), LOC, "part"), m.Exercise("", (), LOC)), LOC),
        m.Section((text("Why"),), "why", (), LOC)), LOC)
    rendered = renderer(glossary=(NERVE,)).module(module)
    assert rendered.body == (
        '<p>Intro.</p>\n<h2 id="why">Why <em>nerves</em></h2>\n'
        f'<p>{term("nerve", NERVE)}</p>\n<h3 id="part">Part</h3>\n'
        '<section class="ck-exercise" aria-labelledby="ck-exercise-1">\n'
        '<h3 class="ck-exercise__title" id="ck-exercise-1">Exercise</h3>\n</section>\n'
        '<h2 id="why-2">Why</h2>\n')
    assert rendered.toc == [
        TocEntry(2, "why", "Why <em>nerves</em>", (TocEntry(3, "part", "Part"), TocEntry(3, "ck-exercise-1", "Exercise"))),
        TocEntry(2, "why-2", "Why", ()),
    ]


def test_labels_come_from_the_options() -> None:
    labels = ENGLISH.model_copy(update={"tip": "Astuce", "red_flags_title": "Urgence"})
    r = renderer(labels=labels)
    assert '<p class="admonition-title">Astuce</p>' in r.block(m.Callout("tip", "", (), LOC))
    assert ">Urgence</p>" in r.block(m.RedFlags((), LOC))
