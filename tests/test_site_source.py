"""The site's source: every page as Markdown that any engine's Markdown turns back into coursekit's HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from tests.site_support import HOSTILE, REPO
from toolkit import scaffold
from toolkit.check import run_check
from toolkit.site.address import page_address
from toolkit.site.pages import plan_site
from toolkit.site.render import render_page
from toolkit.site.site_source import MARKDOWN_EXTENSIONS, PAGE_MARKER, _linker, make_site_source, page_markdown
from toolkit.site.staging import has_marker


class _Canonical(HTMLParser):
    """A document as its elements, sorted attributes and whitespace-folded text: what a reader's browser gets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[tuple[str, ...]] = []
        self.open: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = ("<", tag, *sorted(f"{k}={v or ''}" for k, v in attrs))
        self.nodes.append(node)
        if tag not in ("br", "hr", "img", "input", "wbr", "col", "source"):
            self.open.append(node)

    def handle_endtag(self, tag: str) -> None:
        opened = self.open.pop() if self.open else ("<", tag)
        self.nodes.append((">", *opened[1:]))  # an end names its start's attributes, to be told apart

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.nodes.append(("text", text))


def canonical(html: str) -> list[tuple[str, ...]]:
    parser = _Canonical()
    parser.feed(html)
    parser.close()
    return parser.nodes


def engine_markdown(page: str) -> str:
    """What Python-Markdown (the Markdown of MkDocs, ProperDocs and Zensical) makes of a page's body."""
    body = page.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=list(MARKDOWN_EXTENSIONS))


def as_published(nodes: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """What may differ between a page's HTML and its Markdown's: the `<h1>`, written without an id, gets one
    from the engine's table of contents; text loose at the top level is held in a bare `<div>`."""
    bare = {("<", "div"), (">", "div")}
    return [node[:2] if node[1] == "h1" else node for node in nodes if node not in bare]


def new_topic(tmp_path: Path) -> Path:
    """A project on a topic the samples do not cover: what `coursekit new` makes."""
    return scaffold.new_project(tmp_path / "new-topic")


@pytest.mark.parametrize("project", ["samples", "hostile", "new topic"])
def test_every_page_comes_back_from_markdown_as_the_same_html(project: str, tmp_path: Path) -> None:
    root = {"samples": REPO, "hostile": HOSTILE}.get(project) or new_topic(tmp_path)
    checked = run_check(root).project
    plan = plan_site(checked, root / "build")
    source = make_site_source(checked, plan)
    assert set(source.pages) == {page.src_uri for page in plan.pages}
    urls = {page.src_uri: page_address(page.src_uri) for page in plan.pages}
    for page in plan.pages:
        html = render_page(plan, page, _linker(urls, urls[page.src_uri])).html
        made = canonical(engine_markdown(source.pages[page.src_uri]))
        marker = ("div", "class=ck-page", f"{PAGE_MARKER}={page.src_uri}", "hidden=")
        assert made[-2:] == [("<", *marker), (">", *marker)], page.src_uri  # the marker ends the page, as an element
        assert as_published(made[:-2]) == as_published(canonical(html)), page.src_uri


def test_top_level_headings_are_markdown_headings_for_the_table_of_contents() -> None:
    html = ('<h1>Moving well</h1>\n<p>Intro</p>\n<h2 id="walk">Walk</h2>\n<section><h3 id="inner">Inside</h3></section>\n'
            '<h2 id="letter-a" class="ck-az__letter">A</h2>\n')
    page = page_markdown("Moving well", html, "c/m.md")
    lines = page.splitlines()
    assert "# Moving well" in lines
    assert "## Walk {: #walk }" in lines
    assert "## A {: #letter-a .ck-az__letter }" in lines
    assert '<section><h3 id="inner">Inside</h3></section>' in lines  # inside an element: stays HTML


@pytest.mark.parametrize("words", [
    "Stars *and* _lines_ `code`", "[a link](javascript:alert(1))", "Ends in {#an-id .a-class}",
    "1. Not a list", "# not a heading", "Emoji :smile: ~~gone~~ ==marked== ^^in^^ a|b", "Back\\slash & <tags>"])
def test_heading_text_means_only_what_it_says(words: str) -> None:
    from html import escape

    html = f'<h2 id="h">{escape(words)}</h2>\n'
    made = markdown.markdown(page_markdown("T", html, "c/m.md").split("---\n", 2)[2],
                             extensions=[*MARKDOWN_EXTENSIONS, "pymdownx.tilde", "pymdownx.mark", "pymdownx.caret",
                                         "pymdownx.emoji"])
    assert canonical(made)[:3] == [("<", "h2", "id=h"), ("text", words), (">", "h2", "id=h")]


def test_the_title_is_escaped_in_the_front_matter() -> None:
    import yaml

    page = page_markdown('Pain & "numbness" <b>', "<p>x</p>\n", "c/m.md", footer='<div class="ck-footer">F</div>')
    meta = yaml.safe_load(page.split("---\n", 2)[1])
    assert meta == {"title": "Pain &amp; &quot;numbness&quot; &lt;b&gt;", "ck_footer": '<div class="ck-footer">F</div>'}


def test_loose_text_at_the_top_level_stays_text() -> None:
    made = engine_markdown(page_markdown("T", "Some *text* <span>here</span>\n<p>after</p>\n", "c/m.md"))
    assert canonical(made)[:6] == [("<", "div"), ("text", "Some *text*"), ("<", "span"), ("text", "here"),
                                   (">", "span"), (">", "div")]  # in a `<div>`, where Markdown leaves it alone


@pytest.mark.parametrize("html, found", [
    (f'<article><div class="ck-page" hidden {PAGE_MARKER}="c/m.md"></div></article>', True),
    (f'<div {PAGE_MARKER}="c/other.md"></div>', False),
    (f'<pre>&lt;div class="ck-page" hidden {PAGE_MARKER}="c/m.md"&gt;&lt;/div&gt;</pre>', False),  # printed as text
    (f'<p>{PAGE_MARKER}="c/m.md"</p>', False),
    ("", False),
])
def test_the_marker_counts_only_as_an_element_of_its_own_page(html: str, found: bool) -> None:
    assert has_marker(html, "c/m.md") is found



def _relative_links(html: str) -> list[str]:
    return [link for link in re.findall(r'(?:href|src)="([^"]+)"', html) if ":" not in link and not link.startswith("#")]


def test_links_from_the_markdown_file_lead_where_links_from_the_address_do() -> None:
    """For an engine that reads a page's addresses as written from its Markdown file (Zensical): each link leads
    to the same place from the folder of `course/module.md` as before from `course/module/`; the footer, which
    no engine rewrites, still links from the address."""
    import posixpath

    import yaml

    project = run_check(REPO).project
    plan = plan_site(project, REPO / "build")
    course = project.courses[0]
    uri = f"{course.id}/{course.modules[-1].id}.md"
    pages = {}
    for from_file in (False, True):
        _, front, body = make_site_source(project, plan, links_from_source=from_file).pages[uri].split("---\n", 2)
        pages[from_file] = _relative_links(body), _relative_links(yaml.safe_load(front)["ck_footer"])
    (body, footer), (body_from_file, footer_from_file) = pages[False], pages[True]
    assert len(body) == len(body_from_file) >= 1 and body != body_from_file
    assert [posixpath.normpath(posixpath.join(uri[:-3], link)) for link in body] == \
        [posixpath.normpath(posixpath.join(course.id, link)) for link in body_from_file]
    assert footer == footer_from_file and footer
