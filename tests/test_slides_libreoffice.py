"""A real client: LibreOffice Impress opens every deck and prints it to PDF, one page per slide, nothing overflowing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from toolkit.slides.fit import font_faces
from toolkit.slides.geometry import DEFAULT_GEOMETRY, EMU_PER_PT

from tests.conftest import SAMPLE_COURSES, tool
from tests.pdf_words import Word, pdf_words
from tests.slides_support import STRESS, build, load_course, sample_course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.requires("soffice"),
]


def fontconfig(tmp: Path) -> Path:
    """A fontconfig file that adds the theme font, so Impress draws the text with the font it was measured in."""
    font_dir = next(iter(font_faces("fontpkg_atkinson_hyperlegible").values())).parent
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{font_dir}</dir>\n  <cachedir>{tmp / 'fontcache'}</cachedir>\n</fontconfig>\n")
    return conf


def print_every_deck(tmp: Path, convert_to: str = "pdf") -> list[tuple[Path, Path]]:
    """Every deck of every sample course and of the stress fixture, and the PDF one Impress run prints of it
    (``convert_to`` is soffice's filter: the slides, or the notes pages)."""
    decks = [deck for course_id in SAMPLE_COURSES for deck in build(sample_course(course_id), tmp / course_id)]
    decks += build(load_course(STRESS), tmp / "stress")
    for deck in decks:  # one folder, so one soffice call converts them all
        shutil.copy(deck, tmp / f"{deck.parent.name}-{deck.name}")
    inputs = sorted(tmp.glob("*.pptx"))
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig(tmp)), "HOME": str(tmp)}
    result = subprocess.run(
        [tool("soffice"), f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless", "--norestore",
         "--convert-to", convert_to, "--outdir", str(tmp / "pdf"), *map(str, inputs)],
        capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    pairs = [(deck, tmp / "pdf" / f"{deck.stem}.pdf") for deck in inputs]
    missing = [pdf.name for _, pdf in pairs if not pdf.is_file()]
    assert not missing, (missing, result.stdout, result.stderr)
    return pairs


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """Every deck of every sample course and of the stress fixture, converted to PDF in one Impress run."""
    return print_every_deck(tmp_path_factory.mktemp("impress"))


def test_impress_prints_one_page_per_slide(converted: list[tuple[Path, Path]]) -> None:
    assert len(converted) >= 3
    for deck, pdf in converted:
        slides = len(Presentation(str(deck)).slides)
        assert len(PdfReader(str(pdf)).pages) == slides, deck.name


def test_impress_draws_the_theme_font(converted: list[tuple[Path, Path]]) -> None:
    for _, pdf in converted:
        fonts = set()
        for page in PdfReader(str(pdf)).pages:
            for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
                fonts.add(str(font.get_object().get("/BaseFont")))
        assert any("AtkinsonHyperlegible" in f for f in fonts), (pdf.name, fonts)


def test_no_text_runs_into_the_footer(converted: list[tuple[Path, Path]]) -> None:
    """Everything but the footer line sits above the body's bottom edge, as Impress lays it out."""
    footer_top = DEFAULT_GEOMETRY.box("content", "footer").y / EMU_PER_PT  # type: ignore[union-attr]
    body_bottom = min(box.y + box.h for kind in DEFAULT_GEOMETRY.layouts.values()
                      for role, box in kind.items() if role not in ("footer", "slide-number")) / EMU_PER_PT
    assert body_bottom < footer_top
    for deck, pdf in converted:
        shapes = Presentation(str(deck)).slides[0].shapes
        footer = next(s.text_frame.text for s in shapes if s.is_placeholder and s.placeholder_format.type == 15)
        for number, page in enumerate(PdfReader(str(pdf)).pages, 1):
            height = float(page.mediabox.height)
            low: list[str] = []

            def visit(text, cm, tm, font, size, low=low, height=height):  # type: ignore[no-untyped-def]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                if text.strip() and height - y > footer_top - 2:
                    low.append(text)

            page.extract_text(visitor_text=visit)
            stray = "".join("".join(low).split()).replace("".join(footer.split()), "", 1)
            stray = stray.removesuffix(str(number))  # the slide number
            assert not stray, (deck.name, number, "".join(low))


# A word's box runs from the font's ascent to its descent, which is taller than the line pitch: a line set at
# the very bottom of its box reaches past the edge by a little (3 pt of a 57 pt box on a cover title). A word
# may reach past its box's edge by this share of its own height; one line too many moves text a whole line.
EDGE_ALLOWANCE = 0.1
# Bullets and list numbers Impress draws before a paragraph, which are not part of the paragraph's text.
LIST_MARK = re.compile(r"[•–]|(\d+|[A-Z])\.")


@dataclass(frozen=True)
class TextBox:
    """A shape's or a table cell's text and its rectangle on the page, in points from the top left corner."""

    name: str
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def holds_centre(self, word: Word) -> bool:
        x, y = word.centre
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    def holds(self, word: Word) -> bool:
        slack = EDGE_ALLOWANCE * word.height
        return (self.left - slack <= word.left and word.right <= self.right + slack
                and self.top - slack <= word.top and word.bottom <= self.bottom + slack)


def text_boxes(slide, scale: float) -> list[TextBox]:  # type: ignore[no-untyped-def]
    """Every box with text on a slide, where the deck puts it (a placeholder where its layout does)."""
    boxes = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            boxes.append(TextBox(shape.name, shape.text_frame.text, shape.left * scale, shape.top * scale,
                                 (shape.left + shape.width) * scale, (shape.top + shape.height) * scale))
        if getattr(shape, "has_table", False) and shape.has_table:
            top = shape.top
            for r, row in enumerate(shape.table.rows):
                left = shape.left
                for c, column in enumerate(shape.table.columns):
                    boxes.append(TextBox(f"{shape.name} cell {r},{c}", shape.table.cell(r, c).text, left * scale,
                                         top * scale, (left + column.width) * scale, (top + row.height) * scale))
                    left += column.width
                top += row.height
    return boxes


def without_list_marks(words: list[str]) -> str:
    return "".join(word for word in words if not LIST_MARK.fullmatch(word))


@pytest.mark.requires("pdftotext")
def test_every_text_box_holds_its_own_text_as_impress_draws_it(converted: list[tuple[Path, Path]]) -> None:
    """Every word Impress draws lies in one text box of its slide (a placeholder or a table cell, where the deck
    puts it), each box holds its own text and nothing else, and no word reaches past its box's edges: text that
    overflows its box lands below it, in another box or in none, and is found."""
    problems: list[str] = []
    boxes_checked = 0
    for deck, pdf in converted:
        presentation = Presentation(str(deck))
        pages = pdf_words(pdf)
        assert len(pages) == len(presentation.slides), deck.name
        for number, (slide, page) in enumerate(zip(presentation.slides, pages), 1):
            boxes = text_boxes(slide, page.width / presentation.slide_width)
            found: dict[str, list[Word]] = {box.name: [] for box in boxes}
            for word in page.words:
                holders = [box for box in boxes if box.holds_centre(word)]
                if len(holders) != 1:
                    problems.append(f"{deck.name} slide {number}: {word.text!r} is in {len(holders)} text boxes")
                    continue
                found[holders[0].name].append(word)
                if not holders[0].holds(word):
                    box = holders[0]
                    problems.append(f"{deck.name} slide {number}: {word.text!r} reaches past the edge of {box.name} "
                                    f"(word {word.left:.1f}, {word.top:.1f} to {word.right:.1f}, {word.bottom:.1f}; "
                                    f"box {box.left:.1f}, {box.top:.1f} to {box.right:.1f}, {box.bottom:.1f})")
            for box in boxes:
                drawn = without_list_marks([word.text for word in found[box.name]])
                if drawn != without_list_marks(box.text.split()):
                    problems.append(f"{deck.name} slide {number}: {box.name} should hold {box.text!r}, "
                                    f"Impress drew {drawn!r} in it")
                boxes_checked += 1
    assert not problems, "\n".join(problems[:20])
    assert boxes_checked > 500
