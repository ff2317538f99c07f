"""Where text stands on each page of a built PDF: rows of text, the running footer, and how full each page is."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

FOOTER_MARK = re.compile(r"Page \d+ of \d+")


@dataclass(frozen=True)
class Row:
    """One line of text across the page (both columns of a two-column list share a row)."""
    y: float      # baseline, in points from the bottom of the page
    text: str
    size: float   # the largest effective font size in the row
    bold: bool    # every run of the row is in a bold face


@dataclass(frozen=True)
class PageLayout:
    number: int
    rows: tuple[Row, ...]          # the body, top to bottom, without the running footer
    footer_top: float | None       # the baseline of the footer's first line


def _rows(page) -> list[Row]:  # type: ignore[no-untyped-def]
    runs: dict[float, list[tuple[str, float, bool]]] = {}

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if not text.strip():
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
        name = str(font.get("/BaseFont", "")) if font else ""
        runs.setdefault(round(y), []).append((text, size * scale, "Bold" in name))

    page.extract_text(visitor_text=visit)
    return [Row(y, " ".join(" ".join(t for t, _, _ in found).split()), round(max(s for _, s, _ in found), 1),
                all(b for t, _, b in found if t.strip(" •.:")))
            for y, found in sorted(runs.items(), reverse=True)]


def svg_labels(folder: Path) -> frozenset[str]:
    """The words of every diagram in a course's media folder, as they print."""
    from defusedxml import ElementTree

    found = set()
    for svg in folder.glob("*.svg"):
        for element in ElementTree.parse(svg).iter():
            if element.tag.endswith("}text") or element.tag.endswith("}tspan") or element.tag in ("text", "tspan"):
                text = " ".join("".join(element.itertext()).split())
                if text:
                    found.add(text)
    return frozenset(found)


def layout(path: Path) -> list[PageLayout]:
    """Each page's body rows and where its footer starts."""
    pages = []
    for number, page in enumerate(PdfReader(str(path)).pages, 1):
        rows = _rows(page)
        footer = [row.y for row in rows if FOOTER_MARK.search(row.text)]
        top = max(footer) if footer else None
        body = tuple(row for row in rows if top is None or row.y > top + 1)
        pages.append(PageLayout(number, body, top))
    return pages


def body_size(pages: list[PageLayout]) -> float:
    """The most common text size of the document's body."""
    return Counter(row.size for page in pages for row in page.rows).most_common(1)[0][0]


def fullness(pages: list[PageLayout]) -> list[float]:
    """How much of each page's text area the body fills, from the highest text of the document to the footer."""
    top = max(row.y for page in pages for row in page.rows) + 1
    bottom = min(page.footer_top for page in pages if page.footer_top is not None)
    return [(top - min((row.y for row in page.rows), default=top)) / (top - bottom) for page in pages]


def stranded(pages: list[PageLayout], labels: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Pages but the last whose last row is a heading, a term or a question: bold, at least body size, and not
    the end of a sentence. A bold paragraph's last line ends in a full stop; a figure's labels print smaller
    than the body or not bold, and a row made only of `labels` (a diagram's words) is a figure's; a page whose
    only text is its heading (a notes page) strands nothing."""
    size = body_size(pages)
    found = []
    for page in pages[:-1]:
        if len(page.rows) > 1:
            last = page.rows[-1]
            rest = last.text
            for label in sorted(labels, key=len, reverse=True):
                rest = rest.replace(label, "")
            if last.bold and last.size >= size - 0.1 and not last.text.endswith(".") and rest.strip():
                found.append((page.number, last.text))
    return found
