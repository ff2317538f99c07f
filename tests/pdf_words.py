"""Every word of a PDF with its box, as poppler's pdftotext finds them: points from the page's top left corner."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import tool

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    """One word and the box of its glyphs, from the font's ascent above the baseline to its descent below."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class PageWords:
    width: float
    height: float
    words: tuple[Word, ...]


def pdf_words(pdf: Path) -> list[PageWords]:
    """The words of every page of ``pdf``, page by page."""
    found = subprocess.run([tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120)
    pages = []
    for page in ET.fromstring(found.stdout).iter(f"{XHTML}page"):
        words = tuple(Word(word.text or "", *(float(word.attrib[edge]) for edge in ("xMin", "yMin", "xMax", "yMax")))
                      for word in page.iter(f"{XHTML}word"))
        pages.append(PageWords(float(page.attrib["width"]), float(page.attrib["height"]), words))
    return pages
