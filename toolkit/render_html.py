"""Model blocks and inlines → safe HTML strings, shared by the course site and the handouts.

Every piece of text is escaped. HTML typed into a module (``RawBlock``,
``RawInline``) goes through nh3 with a small allow-list, and each piece removed
is reported as a located diagnostic (CK700-CK702). Site-only decoration (quiz
hooks, Material admonition classes) is chosen through :class:`HtmlOptions`, so
the PDF handouts can reuse the same renderer with other options.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html import escape as _escape
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from toolkit import model as m
from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.labels import ENGLISH, Labels
from toolkit.schema import UrgencyTier, UrgencyWords
from toolkit.source import SourceLoc

SAFE_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

# What HTML typed into a module may keep. No ids or classes (they could imitate
# coursekit's own alerts or clash with its anchors), no styles, no media.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "br", "cite", "code", "dfn", "em", "i", "kbd", "mark", "q", "s", "small",
    "span", "strong", "sub", "sup", "u", "p", "div", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "hr", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "h3", "h4", "h5", "h6",
})
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"lang", "dir", "title"},
    "a": {"href"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background"})
# Tags removed together with everything inside them.
CONTENT_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math",
                          "textarea", "select", "title", "xmp", "noembed", "noframes", "plaintext"})

# HTML tags that end an <svg> or <math> where they start (HTML's rules for foreign content): what follows is
# HTML again, kept or cleaned like any other, though the <svg> or <math> itself goes.
_LEAVES_FOREIGN = frozenset({
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre",
    "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
})
# Elements inside <svg> and <math> that hold HTML (integration points): there those tags stay inside.
_HOLDS_HTML = frozenset({"foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"})

# Characters used to hold trusted markup while a run with typed HTML is sanitised.
_OPEN, _CLOSE = "\ue000", "\ue001"
_HOLD = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
# An address's scheme as browsers read it (WHATWG URL): a letter, then letters, digits, `+`, `-` or `.`, then `:`.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def esc(text: str) -> str:
    """Text made safe for HTML content and double-quoted attributes."""
    return _escape(text, quote=True)


def _scheme_and_rest(url: str) -> tuple[str, str]:
    """The scheme of an address as a browser may read it (entities decoded, spaces and control characters
    dropped), lower-cased ("" if none), and the address so cleaned."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", unescape(url))
    scheme = _SCHEME.match(cleaned)  # not urlsplit, which refuses some addresses (`https://[x`) with an error
    return (scheme.group(1).lower() if scheme else ""), cleaned


def safe_url(url: str) -> str | None:
    """The address if its scheme is allowed (or it has none), else None. An address starting `//` (or `\\`,
    which browsers read alike) names another site without a scheme, so it is refused too."""
    scheme, cleaned = _scheme_and_rest(url)
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if cleaned.startswith("//") or cleaned.startswith("\\"):
        return None
    if not _readable(cleaned):
        return None
    return url.strip()


def _readable(cleaned: str) -> bool:
    """Whether an address can be read at all: nh3 drops one it cannot (`https://[x`), and so must a link."""
    try:
        urlsplit(cleaned)
    except ValueError:
        return False
    return True


def _refused(url: str) -> str:
    """How a report names a refused address: by its scheme as typed (a `JaVaScRiPt:`), as `//` (`\\`) for one
    naming another site, or as unreadable."""
    scheme, cleaned = _scheme_and_rest(url)
    if not scheme:
        return f"a `{cleaned[:2]}`"
    named = f"`{cleaned[:min(len(scheme), 20)]}:`"
    return f"a {named}" if scheme not in SAFE_SCHEMES else f"an unreadable {named}"


def _unheld(text: str) -> str:
    """Content with the holding characters replaced, so none of it can call back trusted markup: a typed
    hold would put that markup inside an attribute, or unbalanced, or fail on a number held nothing under."""
    return text.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")


# Sanitising


class _Inspector(HTMLParser):
    """Finds what nh3 will remove from a piece of HTML, so each removal can be reported."""

    def __init__(self, loc: SourceLoc) -> None:
        super().__init__()
        self.base = loc
        self.found: list[Diagnostic] = []
        self._inside: str | None = None  # the removed tag whose content is passed over, till it ends
        self._holding_html = 0  # how deep inside the <svg> or <math> is in elements that hold HTML

    def _here(self) -> SourceLoc:
        line, _ = self.getpos()
        # A location without a line (the whole file) stays so: no line inside it can be named.
        return SourceLoc(self.base.path, self.base.line + line - 1, 1) if self.base.line else self.base

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._inside is not None:
            if not (self._in_foreign_content() and (tag in _LEAVES_FOREIGN or tag == "font" and any(
                    name in ("color", "face", "size") for name, _ in attrs))):
                self._holding_html += tag in _HOLDS_HTML
                return
            self._inside = None  # a browser reads this tag, and what follows, as HTML
        loc = self._here()
        if tag not in ALLOWED_TAGS:
            inside = " and everything inside it" if tag in CONTENT_TAGS else ""
            self.found.append(rules.HTML_TAG_REMOVED.at(loc, f"removed `<{tag}>`{inside}"))
            if tag in CONTENT_TAGS and tag != "embed":  # an <embed> has no end tag: it holds nothing
                # Removed with all they hold (html.parser reads only script and style as raw text), so what is
                # inside is not reported; a `<script/>` never closes, as in a browser, and hides the rest.
                self._inside = tag
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.found.append(rules.HTML_ATTRIBUTE_REMOVED.at(loc, f"removed `{name}` from `<{tag}>`"))
            elif name in URL_ATTRIBUTES and value is not None and safe_url(value) is None:
                self.found.append(rules.HTML_URL_REMOVED.at(loc, f"removed {_refused(value)} address from `<{tag}>`"))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside or tag in ("p", "br") and self._in_foreign_content():
            self._inside, self._holding_html = None, 0
        elif tag in _HOLDS_HTML and self._holding_html:
            self._holding_html -= 1

    def _in_foreign_content(self) -> bool:
        """Whether an <svg> or <math> is being passed over, outside its parts that hold HTML: there some HTML
        tags end it (_LEAVES_FOREIGN)."""
        return self._inside in ("svg", "math") and not self._holding_html


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES and safe_url(value) is None:
        return None
    return value


def sanitize(html: str, loc: SourceLoc) -> tuple[str, list[Diagnostic]]:
    """``html`` with everything not on the allow-list removed, and one diagnostic per removal."""
    inspector = _Inspector(loc)
    try:
        inspector.feed(html)
        inspector.close()
    except Exception:  # the report is best effort; nh3 below is what keeps the output safe
        pass
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CONTENT_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(SAFE_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    return clean, inspector.found


# Options


@dataclass(frozen=True)
class HtmlOptions:
    """How a renderer turns blocks into HTML; the defaults suit a printed page."""

    output: m.Output = "handout"
    # href of a link to another module (``02-x.md#a``) → its address, or None to drop the link.
    module_link: Callable[[str], str | None] | None = None
    # an image → the address to show it from, or None to leave it out.
    image_src: Callable[[m.Image], str | None] | None = None
    # an image → its inline CSS (a printed figure's width), or None for none.
    image_style: Callable[[m.Image], str | None] | None = None
    # an image → its width and height in pixels, so a browser keeps its place while it loads; None: unknown.
    image_size: Callable[[m.Image], tuple[int, int] | None] | None = None
    glossary: tuple[m.GlossaryEntry, ...] = ()
    focusable_terms: bool = False  # glossary terms reachable by keyboard and touch (the site's tooltips)
    # Each urgency tier's words (`Course.urgency`), for the red-flags boxes.
    urgency: Mapping[UrgencyTier, UrgencyWords] = field(default_factory=dict)
    interactive_quiz: bool = False
    admonitions: bool = False  # Material's `admonition` classes and titles
    # Show each quiz's answer beside it; printed worksheets collect the answers at the end instead.
    quiz_answers: bool = True
    # Put a red-flags box's action straight under its title (printed pages), not after the signs.
    action_first: bool = False
    labels: Labels = ENGLISH


# Material's admonition type for each tier: its icon suits the urgency.
_ADMONITION_OF_TIER: dict[UrgencyTier, str] = {"at-once": "danger", "same-day": "warning", "soon": "info"}


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title_html: str
    children: tuple[TocEntry, ...] = ()


@dataclass
class RenderedModule:
    body: str
    toc: list[TocEntry]


class HtmlRenderer:
    """Renders blocks of one page; collects the diagnostics of everything it had to remove."""

    def __init__(self, options: HtmlOptions, id_prefix: str = "ck") -> None:
        self.options = options
        self.diagnostics: list[Diagnostic] = []
        self.id_prefix = id_prefix
        self._ids: set[str] = set()
        self._counter = 0
        self._terms_used: set[str] = set()
        self._term_pattern: re.Pattern[str] | None = None
        self._term_by_form: dict[str, m.GlossaryEntry] = {}
        forms = sorted({f for e in options.glossary for f in e.forms}, key=lambda f: (-len(f), f))
        if forms:
            for entry in options.glossary:
                for form in entry.forms:
                    self._term_by_form.setdefault(form.lower(), entry)
            self._term_pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE)

    # ids

    def unique_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{base}-{n}"
        self._ids.add(candidate)
        return candidate

    def _next(self, kind: str) -> str:
        self._counter += 1
        return self.unique_id(f"{self.id_prefix}-{kind}-{self._counter}")

    # inlines

    def inlines(self, run: Iterable[m.Inline], *, terms: bool = True) -> str:
        run = tuple(run)
        raw = [i for i in m.walk_inlines(run) if isinstance(i, m.RawInline)]
        if not raw:
            return "".join(self._inline(i, terms, None) for i in run)
        held: list[str] = []
        text = "".join(self._inline(i, terms, held) for i in run)
        clean, problems = sanitize(text, raw[0].loc)
        self.diagnostics.extend(problems)
        return _HOLD.sub(lambda match: held[int(match.group(1))], clean)

    def _hold(self, html: str, held: list[str] | None) -> str:
        if held is None:
            return html
        held.append(html)
        return f"{_OPEN}{len(held) - 1}{_CLOSE}"

    def _text(self, text: str, terms: bool, held: list[str] | None) -> str:
        text = _unheld(text)
        if not terms or self._term_pattern is None:
            return esc(text)
        out: list[str] = []
        pos = 0
        for match in self._term_pattern.finditer(text):
            entry = self._term_by_form[match.group(1).lower()]
            if entry.term in self._terms_used:
                continue
            self._terms_used.add(entry.term)
            out.append(esc(text[pos:match.start()]))
            tab = ' tabindex="0"' if self.options.focusable_terms else ""
            out.append(self._hold(f'<abbr class="ck-term"{tab} title="{esc(entry.definition)}">', held))
            out.append(esc(match.group(1)))
            out.append(self._hold("</abbr>", held))
            pos = match.end()
        out.append(esc(text[pos:]))
        return "".join(out)

    def _inline(self, inline: m.Inline, terms: bool, held: list[str] | None) -> str:
        if isinstance(inline, m.Text):
            return self._text(inline.text, terms, held)
        if isinstance(inline, m.Code):
            return self._hold("<code>", held) + esc(_unheld(inline.text)) + self._hold("</code>", held)
        if isinstance(inline, m.Break):
            return self._hold("<br>", held) if inline.hard else "\n"
        if isinstance(inline, m.RawInline):
            return _unheld(inline.html)
        if isinstance(inline, (m.Strong, m.Emph)):
            tag = "strong" if isinstance(inline, m.Strong) else "em"
            inner = "".join(self._inline(i, terms, held) for i in inline.children)
            return self._hold(f"<{tag}>", held) + inner + self._hold(f"</{tag}>", held)
        if isinstance(inline, m.Link):
            inner = "".join(self._inline(i, False, held) for i in inline.children)
            href = self._href(inline)
            if href is None:
                return inner
            return self._hold(f'<a href="{esc(href)}">', held) + inner + self._hold("</a>", held)
        if isinstance(inline, m.Image):
            return self._hold(self._img(inline), held)
        raise TypeError(f"unknown inline {type(inline).__name__}")

    def _href(self, link: m.Link) -> str | None:
        href = link.href.strip()
        if safe_url(href) is None:
            self.diagnostics.append(rules.HTML_URL_REMOVED.at(link.loc, f"removed {_refused(href)} link"))
            return None
        if _scheme_and_rest(href)[0]:
            return href
        parts = urlsplit(href)
        if not parts.path:
            return href if parts.fragment else None
        if self.options.module_link is None:
            return None
        return self.options.module_link(href)

    def _img(self, image: m.Image) -> str:
        src = self.options.image_src(image) if self.options.image_src else None
        if src is None:
            return ""
        title = f' title="{esc(image.title)}"' if image.title else ""
        css = self.options.image_style(image) if self.options.image_style else None
        style = f' style="{esc(css)}"' if css else ""
        size = self.options.image_size(image) if self.options.image_size else None
        dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
        return f'<img src="{esc(src)}" alt="{esc(image.alt)}"{title}{dimensions}{style} loading="lazy">'

    # blocks

    def blocks(self, blocks: Iterable[m.Block]) -> str:
        return "".join(self.block(b) for b in blocks)

    def block(self, block: m.Block) -> str:
        method = getattr(self, f"_block_{type(block).__name__}", None)
        if method is None:
            raise TypeError(f"unknown block {type(block).__name__}")
        return method(block)

    def _block_Paragraph(self, block: m.Paragraph) -> str:
        body = self.inlines(block.inlines)
        return f"<p{_direction(block.inlines)}>{body}</p>\n" if body.strip() else ""

    def _block_Heading(self, block: m.Heading) -> str:
        level = max(block.level, 3)  # h1 and h2 are the page's and its sections'; Markdown stops at h6
        anchor = self.unique_id(block.anchor)
        return f'<h{level} id="{esc(anchor)}">{self.inlines(block.inlines, terms=False)}</h{level}>\n'

    def _block_Figure(self, block: m.Figure) -> str:
        img = self._img(block.image)
        if not img:
            return ""
        caption = f"<figcaption>{esc(block.image.title)}</figcaption>" if block.image.title else ""
        return f'<figure class="ck-figure">{img}{caption}</figure>\n'

    def _list_items(self, block: m.ListBlock, steps: bool = False) -> str:
        items = []
        for item in block.items:
            inner = self._item_body(item)
            if steps and self.options.output == "handout":
                inner = '<span class="ck-tick" aria-hidden="true"></span>' + inner
            first = item.blocks[0] if item.blocks else None
            direction = _direction(first.inlines) if isinstance(first, m.Paragraph) else ""
            items.append(f"<li{direction}>{inner}</li>\n")
        return "".join(items)

    def _item_body(self, item: m.ListItem) -> str:
        # A tight item (one paragraph) is shown without its <p>.
        if len(item.blocks) == 1 and isinstance(item.blocks[0], m.Paragraph):
            return self.inlines(item.blocks[0].inlines)
        return self.blocks(item.blocks)

    def _block_ListBlock(self, block: m.ListBlock, css: str = "") -> str:
        cls = f' class="{css}"' if css else ""
        if block.ordered:
            start = f' start="{block.start}"' if block.start != 1 else ""
            return f"<ol{cls}{start}>\n{self._list_items(block, steps=bool(css))}</ol>\n"
        return f"<ul{cls}>\n{self._list_items(block)}</ul>\n"

    def _block_Table(self, block: m.Table) -> str:
        head = "".join(f'<th scope="col">{self.inlines(cell)}</th>' for cell in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{self.inlines(cell)}</td>" for cell in row) + "</tr>\n" for row in block.rows)
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n"

    def _block_Quote(self, block: m.Quote) -> str:
        return f"<blockquote>\n{self.blocks(block.blocks)}</blockquote>\n"

    def _block_CodeBlock(self, block: m.CodeBlock) -> str:
        return f"<pre><code>{esc(block.text)}</code></pre>\n"

    def _block_RawBlock(self, block: m.RawBlock) -> str:
        clean, problems = sanitize(block.html, block.loc)
        self.diagnostics.extend(problems)
        return clean + "\n" if clean.strip() else ""

    def _block_Notes(self, block: m.Notes) -> str:
        return ""  # never shown to learners; the facilitator guide reads the model directly

    def _block_Only(self, block: m.Only) -> str:
        return self.blocks(block.blocks) if self.options.output in block.outputs else ""

    def _block_RedFlags(self, block: m.RedFlags) -> str:
        words = self.options.urgency.get(block.tier)
        title_id = self._next("red-flags")
        title = words.title if words else self.options.labels.red_flags_title
        action = self.action_html(words) if words else ""
        tier = f"ck-red-flags ck-red-flags--{block.tier}"
        cls = f"admonition {_ADMONITION_OF_TIER[block.tier]} {tier}" if self.options.admonitions else tier
        return (
            f'<section class="{cls}" aria-labelledby="{title_id}">\n'
            f'<p class="admonition-title ck-red-flags__title" id="{title_id}">{esc(title)}</p>\n'
            + (f"{action}{self.blocks(block.blocks)}</section>\n" if self.options.action_first
               else f"{self.blocks(block.blocks)}{action}</section>\n")
        )

    def action_html(self, words: UrgencyWords) -> str:
        """A tier's action, with a button that calls its number on the site."""
        if not words.call:
            call = ""
        elif self.options.output == "handout":
            # On paper a call button is only a repeat: show the number unless the action already says it.
            call = "" if words.call in words.action else f" <strong>{esc(words.call)}</strong>"
        elif number := re.sub(r"[^0-9+]", "", words.call):
            label = self.options.labels.site_call_button.format(line=words.call)
            call = f' <a class="ck-call" href="tel:{esc(number)}">{esc(label)}</a>'
        else:
            call = f" <strong>{esc(words.call)}</strong>"
        return f'<p class="ck-action"><strong>{esc(words.action)}</strong>{call}</p>\n'

    def _block_Exercise(self, block: m.Exercise) -> str:
        s = self.options.labels
        title_id = self._next("exercise")
        steps = block.steps
        body = "".join(self._block_ListBlock(b, "ck-steps") if b is steps else self.block(b) for b in block.blocks)
        title = esc(s.exercise_titled.format(title=block.title) if block.title else s.exercise)
        return (
            f'<section class="ck-exercise" aria-labelledby="{title_id}">\n'
            f'<h3 class="ck-exercise__title" id="{title_id}">{title}</h3>\n{body}</section>\n'
        )

    def _block_Callout(self, block: m.Callout) -> str:
        s = self.options.labels
        kind = "tip" if block.kind == "tip" else "warning"
        default = s.tip if block.kind == "tip" else s.caution
        title = block.title or default
        cls = f"admonition {kind} ck-{block.kind}" if self.options.admonitions else f"ck-callout ck-{block.kind}"
        return (f'<div class="{cls}">\n<p class="admonition-title">{esc(title)}</p>\n'
                f"{self.blocks(block.blocks)}</div>\n")

    def _block_Quiz(self, block: m.Quiz) -> str:
        s = self.options.labels
        qid = self._next("quiz")
        # A printed worksheet numbers its questions under one heading; the site labels each quiz.
        label = esc(s.handout_question if self.options.output == "handout" else s.quiz_heading)
        question = self.inlines(block.question)
        right = [o for o in block.options if o.correct]
        answer = "; ".join(self.inlines(o.inlines, terms=False) for o in right)
        explanation = self.blocks(block.explanation)
        disclosure = (f'<details class="ck-quiz__answer"><summary>{esc(s.site_quiz_show_answer)}</summary>\n'
                      f'<p>{esc(s.site_quiz_answer_is)} <strong>{answer}</strong></p>\n{explanation}</details>\n')
        if not self.options.interactive_quiz:
            options = "".join(f'<li><span class="ck-box" aria-hidden="true"></span>{self.inlines(o.inlines, terms=False)}</li>\n'
                              for o in block.options)
            several_note = f'<p class="ck-quiz__several">{esc(s.handout_quiz_several)}</p>\n' if len(right) > 1 else ""
            return (f'<section class="ck-quiz" aria-labelledby="{qid}-q">\n<p class="ck-quiz__label">{label}</p>\n'
                    f'<p class="ck-quiz__question" id="{qid}-q">{question}</p>\n{several_note}<ul class="ck-quiz__options">\n{options}</ul>\n'
                    f"{disclosure if self.options.quiz_answers else ''}</section>\n")
        options = []
        # Several right answers: tick boxes, and the answer is right when exactly those are ticked.
        kind = "checkbox" if len(right) > 1 else "radio"
        for n, option in enumerate(block.options, 1):
            oid = f"{qid}-{n}"
            options.append(
                f'<div class="ck-quiz__option"><input type="{kind}" name="{qid}" id="{oid}" value="{n}"'
                f' data-ck-correct="{"true" if option.correct else "false"}">'
                f' <label for="{oid}">{self.inlines(option.inlines, terms=False)}</label></div>\n'
            )
        several = kind == "checkbox"
        described = f' aria-describedby="{qid}-several"' if several else ""
        several_note = f'<p class="ck-quiz__several" id="{qid}-several">{esc(s.site_quiz_several)}</p>\n' if several else ""
        return (
            f'<section class="ck-quiz" data-ck-quiz aria-labelledby="{qid}-q"'
            f' data-ck-right="{esc(s.site_quiz_right)}" data-ck-wrong="{esc(s.site_quiz_wrong)}" data-ck-choose="{esc(s.site_quiz_choose)}">\n'
            f'<p class="ck-quiz__label">{label}</p>\n'
            f'<fieldset class="ck-quiz__fieldset"{described}>\n<legend class="ck-quiz__question" id="{qid}-q">{question}</legend>\n'
            f'{several_note}{"".join(options)}</fieldset>\n'
            f'<button type="button" class="md-button ck-quiz__check" hidden>{esc(s.site_quiz_check)}</button>\n'
            f'<div class="ck-quiz__feedback" role="status" aria-live="polite"></div>\n'
            f'<div class="ck-quiz__explanation" hidden>{explanation}</div>\n'
            f"{disclosure}</section>\n"
        )

    # whole modules

    def module(self, module: m.Module) -> RenderedModule:
        """The blocks of a module (intro, then its sections with their `<h2>`), and its table of contents."""
        parts = [self.blocks(module.intro)]
        toc: list[TocEntry] = []
        for section in module.sections:
            anchor = self.unique_id(section.anchor)
            title = self.inlines(section.title, terms=False)
            body = self.blocks(section.blocks)
            parts.append(f'<h2 id="{esc(anchor)}">{title}</h2>\n{body}')
            children = tuple(TocEntry(3, i, t) for i, t in _h3s(body))
            toc.append(TocEntry(2, anchor, title, children))
        return RenderedModule("".join(parts), toc)


_H3 = re.compile(r'<h3(?: class="[^"]*")? id="([^"]+)">(.*?)</h3>', re.S)


def _h3s(html: str) -> list[tuple[str, str]]:
    return [(match.group(1), match.group(2)) for match in _H3.finditer(html)]


def _direction(inlines) -> str:  # type: ignore[no-untyped-def]
    """` dir="rtl"` for text whose first letter is Arabic or Hebrew, so it reads right to left (WeasyPrint
    knows no `dir="auto"` or `unicode-bidi: plaintext`); nothing for text written left to right."""
    from toolkit.fallback_fonts import starts_right_to_left

    return ' dir="rtl"' if starts_right_to_left(m.plain_text(inlines)) else ""
