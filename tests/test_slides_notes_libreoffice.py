"""Speaker notes as LibreOffice Impress prints them on notes pages: each slide's notes whole, inside its notes box.

The planner splits a long section over slides so that each slide's notes fit the template's notes box. These
tests judge that without the planner's own measure: Impress lays out every deck's notes pages, and the words
it draws (read back from the PDF) must be the notes' words, each inside the notes box of its page. Notes that
overflow run below the box, and past the page's foot, where they are lost from the print.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from toolkit import model as m

from tests.pdf_words import Word, pdf_words
from tests.slides_support import STRESS, load_course
from tests.test_slides_libreoffice import EDGE_ALLOWANCE, print_every_deck

pytestmark = [
    pytest.mark.slow,
    pytest.mark.requires("soffice", "pdftotext"),
]

# Impress's PDF export, printing the notes pages only: one page per slide, the slide above and its notes below.
NOTES_PAGES_PDF = ('pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
                   '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}')
PRESENTATION_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@dataclass(frozen=True)
class NotesPage:
    """One slide's notes page: the notes as the deck holds them, the words Impress drew for them, the notes box."""

    deck: str
    number: int
    title: str
    notes: str
    words: tuple[Word, ...]  # every word drawn below the slide's picture, but the page's slide number
    left: float
    top: float
    right: float
    bottom: float

    def outside(self) -> list[Word]:
        """The words that reach past the notes box's edges (by more than a line's ascent may)."""
        return [w for w in self.words if not (
            self.left - EDGE_ALLOWANCE * w.height <= w.left and w.right <= self.right + EDGE_ALLOWANCE * w.height
            and self.top - EDGE_ALLOWANCE * w.height <= w.top and w.bottom <= self.bottom + EDGE_ALLOWANCE * w.height)]

    def drawn_whole(self) -> bool:
        """Impress drew every character of the notes, in order (a long address may break over two lines)."""
        return "".join(w.text for w in self.words) == "".join(self.notes.split())

    def problem(self) -> str | None:
        if not self.drawn_whole():
            drawn = " ".join(w.text for w in self.words)
            return (f"{self.deck} slide {self.number} ({self.title}): Impress drew {len(drawn.split())} of the notes' "
                    f"{len(self.notes.split())} words, ending “{drawn[-60:]}”")
        if outside := self.outside():
            return (f"{self.deck} slide {self.number} ({self.title}): {len(outside)} words reach past the notes box "
                    f"(its bottom {self.bottom:.1f} pt, the lowest word's {max(w.bottom for w in outside):.1f} pt)")
        return None


def notes_page_width(deck: Path) -> int:
    """The notes pages' width in EMU, from the deck's presentation part."""
    with zipfile.ZipFile(deck) as package:
        root = ET.fromstring(package.read("ppt/presentation.xml"))
    return int(root.find(f"{PRESENTATION_NS}notesSz").attrib["cx"])  # type: ignore[union-attr]


def notes_pages(deck: Path, pdf: Path) -> list[NotesPage]:
    presentation = Presentation(str(deck))
    pages = pdf_words(pdf)
    assert len(pages) == len(presentation.slides), deck.name
    scale = pages[0].width / notes_page_width(deck)
    found = []
    for number, (slide, page) in enumerate(zip(presentation.slides, pages), 1):
        if not slide.has_notes_slide or not slide.notes_slide.notes_text_frame.text.strip():
            continue
        notes_slide = slide.notes_slide
        placeholders = {shape.placeholder_format.type: shape for shape in notes_slide.placeholders}
        picture = placeholders[PP_PLACEHOLDER.SLIDE_IMAGE]
        box = notes_slide.notes_placeholder
        words = [w for w in page.words if w.top >= (picture.top + picture.height) * scale]
        if words and words[-1].text == str(number):  # the slide number, at the page's foot
            words.pop()
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        found.append(NotesPage(deck.stem, number, title, notes_slide.notes_text_frame.text, tuple(words),
                               box.left * scale, box.top * scale, (box.left + box.width) * scale,
                               (box.top + box.height) * scale))
    return found


@pytest.fixture(scope="module")
def printed_notes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[NotesPage]]:
    """The notes pages of every deck of the sample courses and of the stress fixture, by deck, from one Impress run."""
    printed = print_every_deck(tmp_path_factory.mktemp("notes-pages"), NOTES_PAGES_PDF)
    return {deck.stem: notes_pages(deck, pdf) for deck, pdf in printed}


def test_a_two_thousand_word_section_is_printed_whole_inside_the_notes_boxes_of_its_slides(
        printed_notes: dict[str, list[NotesPage]]) -> None:
    section = next(s for s in load_course(STRESS).modules[0].sections if m.plain_text(s.title) == "A very long talk")
    words = " ".join(m.plain_text(b.inlines) for b in section.blocks if isinstance(b, m.Paragraph)).split()
    assert len(words) >= 2000
    for deck in ("stress-long-things", "stress-workshop"):
        parts = [page for page in printed_notes[deck] if re.fullmatch(r"A very long talk \(\d+/\d+\)", page.title)]
        assert len(parts) > 1, deck
        # Read from the printed notes pages, one after another, the talk is there word for word.
        assert [w.text for page in parts for w in page.words] == words, deck
        assert [page.problem() for page in parts] == [None] * len(parts)


def test_every_sample_deck_s_notes_are_printed_whole_inside_their_notes_box(
        printed_notes: dict[str, list[NotesPage]]) -> None:
    pages = [page for deck, found in printed_notes.items() if not deck.startswith("stress-") for page in found]
    assert len(pages) > 300
    problems = [problem for page in pages if (problem := page.problem())]
    assert not problems, "\n".join(problems)


def test_every_stress_deck_slide_s_notes_are_printed_whole_inside_their_notes_box(
        printed_notes: dict[str, list[NotesPage]]) -> None:
    pages = [page for deck, found in printed_notes.items() if deck.startswith("stress-") for page in found]
    problems = [problem for page in pages if (problem := page.problem())]
    assert not problems, "\n".join(problems)


def test_a_split_list_s_and_a_split_table_s_notes_are_printed_part_by_part_word_for_word(
        printed_notes: dict[str, list[NotesPage]]) -> None:
    source = (STRESS / "courses/stress/modules/01-long-things.md").read_text().splitlines()
    items = [line[2:] for line in source if line.startswith("- Item ")]
    # A table's notes are its rows as lines, the cells between " | ".
    header, *rows = [" | ".join(c.strip() for c in line.strip("|").split("|")).split()
                     for line in source if line.startswith("| ") and "---" not in line]
    assert len(items) == 40 and len(rows) == 24
    for deck in ("stress-long-things", "stress-workshop"):
        lists = [page for page in printed_notes[deck] if re.fullmatch(r"A list of forty things \(\d+/\d+\)", page.title)]
        tables = [page for page in printed_notes[deck] if page.title.startswith("Pictures and tables (")
                  and [w.text for w in page.words[:len(header)]] == header]
        assert len(lists) > 1 and len(tables) > 1, deck
        # Read one notes page after another, the list is there item by item, each item once ...
        assert [w.text for page in lists for w in page.words] == [w for item in items for w in ["•", *item.split()]]
        # ... and the table row by row, each page's rows under the header.
        assert [w.text for page in tables for w in page.words[len(header):]] == [w for row in rows for w in row]
        assert [page.problem() for page in lists + tables] == [None] * (len(lists) + len(tables))
