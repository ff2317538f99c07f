"""The site's source as any engine reads it: each page as Markdown, the files it needs, the nav and settings.

coursekit writes the whole site itself; an engine (MkDocs with Material, ProperDocs, Zensical) only renders it.
A page is our sanitised HTML laid out so that every engine's Markdown leaves it as it is: top-level headings
as Markdown headings (so the engine's table of contents lists them), everything else as raw HTML blocks.
Only Markdown that the three engines render natively is used: headings with attribute lists (`attr_list`),
and HTML blocks. Each page ends with a marker the build looks for once the engine has run (``PAGE_MARKER``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import yaml

from toolkit.diagnostics import Diagnostic
from toolkit.model import Project
from toolkit.site import assets
from toolkit.site.address import page_address
from toolkit.site.pages import ASSET_DIR, SitePage, SitePlan, mixed_themes
from toolkit.site.render import render_page

# The attribute of the empty element that ends every generated page; its value is the page's source name.
PAGE_MARKER = "data-coursekit-page"
# The Markdown extensions the pages need; every engine has them (they come with Python-Markdown).
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "toc")

# Elements Python-Markdown takes as the start of a raw HTML block (markdown.util.BLOCK_LEVEL_ELEMENTS).
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
    "footer", "form", "header", "hgroup", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"})
_HEADING = re.compile(r"h[1-6]")
# Markdown's backslash escapes, and the characters extensions may give a meaning that a backslash does not stop.
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")
_ENTITIES = re.compile(r"[:~=^|]")
_TAG = re.compile(r"(<[^>]*>)")


@dataclass(frozen=True)
class SiteSource:
    """Everything an engine needs to render the site, with what making it found."""

    pages: dict[str, str]  # src_uri → the page's Markdown
    files: dict[str, Path]  # src_uri → a file published as it is (images, fonts, scripts, the theme's CSS and logo)
    texts: dict[str, str]  # src_uri → a file made here (the palette's CSS)
    downloads: dict[str, Path]  # src_uri → a deck or handout, which may still be being made
    languages: dict[str, str]  # src_uri → the page's language (`<html lang>`)
    nav: list[object]
    extra_css: tuple[str, ...]
    extra_javascript: tuple[str, ...]
    logo: str | None
    planned: dict[str, SitePage] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def make_site_source(project: Project, plan: SitePlan, directory_urls: bool = True, *,
                     links_from_source: bool = False) -> SiteSource:
    """Every page of ``plan`` as Markdown, with the files and settings the site needs.

    A page's links are relative to its published address, which MkDocs leaves as they are; with
    ``links_from_source`` they are relative to its Markdown file instead, for an engine that rewrites every
    relative address in a page's content, raw HTML too, as one written from that file (Zensical). The footer
    is printed by the theme's template, which no engine rewrites, so it always links from the address.
    """
    theme = project.courses[0].theme
    files: dict[str, Path] = dict(sorted(plan.media.items()))
    fonts = assets.font_files(theme)
    for path in fonts:
        files[f"{ASSET_DIR}/fonts/{path.name}"] = path
    for name in assets.STATIC:
        files[f"{ASSET_DIR}/{name}"] = assets.HERE / name
    extra_css = [f"{ASSET_DIR}/palette.css", f"{ASSET_DIR}/coursekit.css"]
    site_css = theme.asset(theme.meta.site_css)
    if site_css is not None and site_css.is_file():  # the theme's own stylesheet comes last, so it can change ours
        files[f"{ASSET_DIR}/theme/site.css"] = site_css
        extra_css.append(f"{ASSET_DIR}/theme/site.css")
    logo_file, logo_name = theme.asset(theme.meta.logo), logo_file_name(theme.meta.logo)
    logo = None
    if logo_file is not None and logo_name and logo_file.is_file():
        logo = f"{ASSET_DIR}/{logo_name}"
        files[logo] = logo_file
    texts = {f"{ASSET_DIR}/palette.css": assets.palette_css(theme, fonts)}
    downloads = {d.src_uri: d.path for found in plan.downloads.values() for d in found}

    urls = {uri: page_address(uri, directory_urls) for uri in (page.src_uri for page in plan.pages)}
    pages: dict[str, str] = {}
    languages: dict[str, str] = {}
    found: list[Diagnostic] = list(plan.diagnostics) + mixed_themes(project.courses)
    for page in plan.pages:
        from_address = _linker(urls, urls[page.src_uri])
        # A source name is a file: links go from its folder.
        rendered = render_page(plan, page, _linker(urls, page.src_uri) if links_from_source else from_address,
                               footer_link=from_address)
        found.extend(rendered.diagnostics)
        pages[page.src_uri] = page_markdown(page.title, rendered.html, page.src_uri, rendered.footer)
        languages[page.src_uri] = rendered.lang
    return SiteSource(pages, files, texts, downloads, languages, plan.nav(), tuple(extra_css),
                      (f"{ASSET_DIR}/quiz.js",), logo, {page.src_uri: page for page in plan.pages}, found)


def _linker(urls: dict[str, str], here: str) -> Callable[[str], str]:
    """Links from the page at ``here``: to a page by its address, to any other file by its name."""
    from mkdocs.utils import get_relative_url

    def link(target: str) -> str:
        uri, _, fragment = target.partition("#")
        url = get_relative_url(urls.get(uri, uri), here or ".")
        return url + (f"#{fragment}" if fragment else "")

    return link


def logo_file_name(relative: str | None) -> str | None:
    """A fixed name for the theme's logo (the templates print it unescaped), or None for other file types."""
    if not relative:
        return None
    suffix = Path(relative).suffix.lower()
    return f"logo{suffix}" if suffix in (".svg", ".png", ".jpg", ".jpeg") else None


def page_markdown(title: str, html: str, src_uri: str, footer: str = "") -> str:
    """A page's HTML as Markdown that every engine renders back to the same HTML, ending with the page's marker.

    The title and footer go in the front matter: engines print ``title`` in `<title>` and the nav as given,
    so it is escaped here; ``ck_footer`` is printed by the clinic's footer template.
    """
    meta = {"title": escape(title, quote=True)}
    if footer:
        meta["ck_footer"] = footer
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    body = "\n\n".join(_blocks(html))
    marker = f'<div class="ck-page" hidden {PAGE_MARKER}="{escape(src_uri, quote=True)}"></div>'
    return f"---\n{front}---\n\n{body}\n\n{marker}\n"


def _blocks(html: str) -> list[str]:
    """The top-level parts of ``html``: headings as Markdown, other elements as raw HTML blocks.

    Text or inline elements at the top level (none in the pages coursekit makes) are kept in a `<div>`,
    since Markdown would read them as Markdown.
    """
    blocks: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        text = "".join(loose).strip()
        if text:
            blocks.append(f"<div>{text}</div>")
        loose.clear()

    for tag, attrs, chunk in _top_level(html):
        if tag is not None and _HEADING.fullmatch(tag):
            flush()
            blocks.append(_heading(tag, attrs, chunk))
        elif tag in _BLOCK_TAGS:
            flush()
            blocks.append(chunk.strip())
        else:
            loose.append(chunk)
    flush()
    return blocks


def _heading(tag: str, attrs: list[tuple[str, str | None]], chunk: str) -> str:
    """A heading element as a Markdown heading with its id and classes (attr_list), its text escaped."""
    inner = chunk[chunk.index(">") + 1: chunk.rindex("<")]
    text = "".join(part if part.startswith("<") else _escape_markdown(part) for part in _TAG.split(inner))
    text = " ".join(text.split())  # one line
    names = [f"#{value}" for key, value in attrs if key == "id" and value]
    names += [f".{name}" for key, value in attrs if key == "class" and value for name in value.split()]
    attributes = f" {{: {' '.join(names)} }}" if names else ""
    return f"{'#' * int(tag[1])} {text}{attributes}"


def _escape_markdown(text: str) -> str:
    """Text (already HTML-escaped) that Markdown prints as it is."""
    text = _BACKSLASHED.sub(r"\\\1", text)
    return _ENTITIES.sub(lambda match: f"&#{ord(match.group())};", text)


def _top_level(html: str) -> list[tuple[str | None, list[tuple[str, str | None]], str]]:
    """``html`` cut into its top-level nodes: (tag or None for text, the tag's attributes, the node's source)."""
    parser = _TopLevel(html)
    parser.feed(html)
    parser.close()
    nodes: list[tuple[str | None, list[tuple[str, str | None]], str]] = []
    position = 0
    for start, end, tag, attrs in parser.spans:
        if start > position:
            nodes.append((None, [], html[position:start]))
        nodes.append((tag, attrs, html[start:end]))
        position = end
    if position < len(html):
        nodes.append((None, [], html[position:]))
    return nodes


class _TopLevel(HTMLParser):
    """Where each top-level element of well-formed ``html`` starts and ends, as offsets into it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.lines = [0]  # the offset at which each line starts
        for line in html.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.depth = 0
        self.start: tuple[int, str, list[tuple[str, str | None]]] | None = None
        self.spans: list[tuple[int, int, str, list[tuple[str, str | None]]]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self.handle_startendtag(tag, attrs)
            return
        if self.depth == 0:
            self.start = (self._offset(), tag, attrs)
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            start = self._offset()
            self.spans.append((start, start + len(self.get_starttag_text() or ""), tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        self.depth -= 1
        if self.depth == 0 and self.start is not None:
            start, opened, attrs = self.start
            self.spans.append((start, self.html.index(">", self._offset()) + 1, opened, attrs))
            self.start = None


def page_file(src_uri: str, directory_urls: bool = True) -> str:
    """The HTML file an engine writes for the page ``src_uri``, relative to the site folder."""
    address = page_address(src_uri, directory_urls)
    return f"{address}index.html" if address == "" or address.endswith("/") else address


def write_site_source(source: SiteSource, docs: Path) -> None:
    """The site's source into the folder ``docs`` (which must be empty): pages, files and the made texts."""
    import shutil

    for uri, text in (*source.pages.items(), *source.texts.items()):
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for uri, path in source.files.items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
