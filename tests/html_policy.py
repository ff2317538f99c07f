"""What HTML typed into a module may leave in an output, stated here and not taken from the code.

The promise (docs/format.md, "Raw HTML is not shown as written"): text-level and block markup only; no
scripts, frames, styles, forms or media; no `on...` handlers, styles, classes or ids; links only to
https, http, mailto and tel addresses or within the course. Output is checked by parsing it.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "br", "cite", "code", "dfn", "em", "i", "kbd", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "u", "p", "div", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "h3", "h4", "h5", "h6",
})
ANY_TAG_MAY_HAVE = frozenset({"lang", "dir", "title"})
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "rel"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"scope", "colspan", "rowspan"}),
    "td": frozenset({"colspan", "rowspan"}),
}
ALLOWED_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

Element = tuple[str, tuple[tuple[str, str | None], ...]]

_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def address_problem(value: str) -> str | None:
    """Why a browser would not treat ``value`` as an allowed address, or None."""
    # A browser drops leading and trailing spaces and control characters, and tabs and newlines anywhere.
    address = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                                        "\x1c\x1d\x1e\x1f ")
    scheme = _SCHEME.match(address)
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return f"a `{scheme.group(1)}:` address"
    return None


def element_problems(tag: str, attrs: tuple[tuple[str, str | None], ...]) -> list[str]:
    """Everything about one start tag that the promise does not allow."""
    if tag not in ALLOWED_TAGS:
        return [f"<{tag}>"]
    allowed = ANY_TAG_MAY_HAVE | ALLOWED_ATTRIBUTES.get(tag, frozenset())
    problems = [f"`{name}` on <{tag}>" for name, _ in attrs if name not in allowed]
    for name, value in attrs:
        if name == "href" and value is not None and (why := address_problem(value)):
            problems.append(f"{why} in <{tag} href={value!r}>")
    return problems


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.elements: list[Element] = []
        self.other: list[str] = []  # comments, declarations, processing instructions, a bare `<`

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(attrs)))

    def handle_data(self, data: str) -> None:
        if "<" in data:  # markup the serialiser should have escaped, which a browser may read as a tag
            self.other.append(f"an unescaped `<` in {data[:40]!r}")

    def handle_comment(self, data: str) -> None:
        self.other.append(f"a comment {data[:40]!r}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"a declaration {decl[:40]!r}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"a declaration {data[:40]!r}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"a processing instruction {data[:40]!r}")


def parse(html: str) -> tuple[list[Element], list[str]]:
    """The start tags of ``html`` with their attributes (names lower-cased, values unescaped), and its other
    pieces that are not text."""
    parser = _Parsed()
    parser.feed(html)
    parser.close()
    return parser.elements, parser.other


def disallowed(html: str) -> list[str]:
    """Every tag, attribute, address and other piece of ``html`` that the promise does not allow."""
    elements, other = parse(html)
    return [problem for tag, attrs in elements for problem in element_problems(tag, attrs)] + other


def added_elements(before: str, after: str) -> list[Element]:
    """The start tags ``after`` has that ``before`` has not (as many times as it has more of them)."""
    extra = Counter(parse(after)[0]) - Counter(parse(before)[0])
    return sorted(extra.elements(), key=repr)
