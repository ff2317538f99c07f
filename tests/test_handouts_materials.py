"""What the instructor prepares: the guide lists each course's `materials:`, and the wallet card and printed
pictures are real PDFs read back (text, pages, sizes, positions, tagging)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import COURSE_YML, MODULE, REPO, SAMPLE_COURSES, SPINE_COURSE, ProjectFactory
from tests.pdf_support import page_texts, read
from toolkit import model as m
from toolkit.check import run_check
from toolkit.handouts.compose import CARD_GRID, PAPER_MM
from toolkit.handouts.plan import CARD_MM, wallet_card
from toolkit.materials import module_materials, printables

pytestmark = pytest.mark.slow

MM = 72 / 25.4


def _flat(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def _course(course_id: str) -> m.Course:
    result = run_check(REPO)
    assert not result.diagnostics.errors, result.diagnostics.format_text(REPO)
    return next(c for c in result.project.courses if c.id == course_id)


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_the_guide_lists_what_each_module_asks_to_prepare(sample_handouts: Path, course_id: str) -> None:
    course = _course(course_id)
    texts = [_flat(t) for t in page_texts(read(sample_handouts / "guide" / course_id / "facilitator-guide.pdf"))]
    checklist = next(t for t in texts if "Checklist of materials" in t)
    files = {p.source: p.file_name for p in printables(course)[0]}
    listed = 0
    whole = " ".join(texts)
    for number, module in enumerate(course.modules, 1):
        # The guide's modules run on: a module's part is from its heading to the next one (or the checklist).
        start = whole.index(f"Module {number}: {_flat(module.meta.title)}")
        ends = [whole.find(mark, start + 1) for mark in (f"Module {number + 1}: ", "Checklist of materials")]
        page = whole[start:min(e for e in ends if e > 0)]
        assert "Speaker notes" in page, module.id
        for item in module_materials(module):
            listed += 1
            expected = item.words if item.words else f"print {files[item.print]}"  # type: ignore[index]
            assert expected in page, (module.id, expected)
            assert expected in checklist, expected
            if item.copies:
                assert item.copies in checklist
        if module_materials(module):
            assert "Prepare for this module" in page
    assert listed > 0  # each sample course asks for something
    assert "Chairs without arms" not in checklist  # nothing the course does not ask for
    for printable in printables(course)[0]:
        assert (sample_handouts / "guide" / course_id / printable.file_name).is_file()


def _words_at(reader: PdfReader, index: int) -> list[tuple[str, float, float]]:
    """Each piece of text on a page with where it starts, in points from the bottom left."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text, x, y))

    reader.pages[index].extract_text(visitor_text=visit)
    return found


def test_the_wallet_card_gives_every_sign_with_its_action_on_cards_to_cut_out(sample_handouts: Path) -> None:
    course = _course(SPINE_COURSE)
    reader = read(sample_handouts / "guide" / SPINE_COURSE / "wallet-card.pdf")
    assert len(reader.pages) == 2  # the fronts, then the backs
    page_w, page_h = PAPER_MM["a4"]
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((page_w * MM, page_h * MM), abs=0.05)
    texts = [_flat(t) for t in page_texts(reader)]
    copies = CARD_GRID[0] * CARD_GRID[1]
    sides = wallet_card(course)
    assert [block.tier for block, _ in sides[0].flags] == ["at-once"]
    assert {block.tier for side in sides for block, _ in side.flags} == {"at-once", "same-day", "soon"}
    for text, side in zip(texts, sides):
        for block, _ in side.flags:
            words = course.urgency(block.tier)
            assert words is not None
            assert text.count(_flat(words.title)) == copies
            assert text.count(_flat(words.action)) == copies  # never a sign without its action
            for inner in m.walk_blocks(block.blocks):
                if isinstance(inner, m.Paragraph):
                    assert text.count(_flat(m.plain_text(inner.inlines))) == copies, m.plain_text(inner.inlines)
    assert texts[1].count("Riverside Spine Clinic (Sample): 01632 960123") == copies
    # Every word of a card stands inside a card: none runs off its edge, whatever was cut.
    card_w, card_h = CARD_MM
    left = (page_w - CARD_GRID[0] * card_w) / 2
    top = (page_h - CARD_GRID[1] * card_h) / 2
    cards = [(left + i * card_w, top + j * card_h) for i in range(CARD_GRID[0]) for j in range(CARD_GRID[1])]
    inside = 0
    for index in range(2):
        for text, x, y in _words_at(reader, index):
            x_mm, y_mm = x / MM, page_h - y / MM
            if y_mm < top:  # the line that says how to print and cut
                assert index == 0 and "cut along the marks" in " ".join(t for t, _, yy in _words_at(reader, 0) if yy == y)
                continue
            assert any(cx <= x_mm <= cx + card_w and cy <= y_mm <= cy + card_h for cx, cy in cards), (text, x_mm, y_mm)
            inside += 1
    assert inside > 100  # the positions were read: every card's words
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and str(root["/Lang"]) == "en-GB"
    assert reader.metadata is not None and reader.metadata.title == "Wallet card of the warning signs"


def test_the_body_outline_is_printed_alone_on_its_page_under_its_title(sample_handouts: Path) -> None:
    reader = read(sample_handouts / "guide" / SPINE_COURSE / "body-outline.pdf")
    assert len(reader.pages) == 1
    text = _flat(page_texts(reader)[0])
    assert text.startswith("Body outline, front and back")
    assert "Front" in text and "Back" in text  # the drawing's own words: the SVG is drawn, not left out
    assert "Leaflet SPN-LN-001-PR1" in text
    assert reader.metadata is not None and reader.metadata.title == "Body outline, front and back"
    assert b"/Figure" in _struct_bytes(reader)


def _struct_bytes(reader: PdfReader) -> bytes:
    """The structure tree's element types and alt texts, as text to search."""
    found = []

    def walk(node: object) -> None:
        node = node.get_object()  # type: ignore[attr-defined]
        if hasattr(node, "get"):
            found.append(f"{node.get('/S')} {node.get('/Alt')}")
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                if hasattr(kid, "get_object"):
                    walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return "\n".join(found).encode()


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _build_guide(root: Path, out: Path, paper: str | None = None) -> Path:
    from toolkit.build import BuildSettings, run_build

    result = run_build(root, BuildSettings(out=out, only=("guide",), paper=paper, jobs=1))
    assert result.ok, result.diagnostics.format_text(root)
    return out / "guide" / "small"


def test_a_course_without_materials_builds_its_guide_and_nothing_more(make_project: ProjectFactory, tmp_path: Path) -> None:
    folder = _build_guide(make_project(), tmp_path / "out")
    assert sorted(p.name for p in folder.iterdir()) == ["facilitator-guide.pdf"]
    checklist = _flat(page_texts(read(folder / "facilitator-guide.pdf"))[-1])
    assert "Before the session, prepare:" in checklist and ": print " not in checklist


def test_a_png_picture_and_the_card_on_letter_paper(make_project: ProjectFactory, tmp_path: Path) -> None:
    head, rest = MODULE.split("---\n\n", 1)
    module = (f"{head}materials:\n  - print: media/shoe.png\n    title: Shoe check\n    copies: one each\n"
              f"  - print: wallet-card\n---\n\n{rest}")
    course_yml = COURSE_YML + "materials:\n  - Name badges\n"
    folder = _build_guide(make_project({"01-keep-moving.md": module}, course_yml=course_yml,
                                       files={"media/shoe.png": _png(300, 200)}), tmp_path / "out", paper="letter")
    assert sorted(p.name for p in folder.iterdir()) == ["facilitator-guide.pdf", "shoe.pdf", "wallet-card.pdf"]
    picture = read(folder / "shoe.pdf")
    assert len(picture.pages) == 1 and _flat(page_texts(picture)[0]).startswith("Shoe check")
    images = list(picture.pages[0].images)
    assert len(images) == 1 and images[0].image.size == (300, 200)
    card = read(folder / "wallet-card.pdf")
    width, height = PAPER_MM["letter"]
    assert (float(card.pages[0].mediabox.width), float(card.pages[0].mediabox.height)) == pytest.approx((width * MM, height * MM), abs=0.05)
    front = _flat(page_texts(card)[0])
    assert front.count("You cannot control your bladder") == CARD_GRID[0] * CARD_GRID[1]
    assert front.count("Call 999 now.") == CARD_GRID[0] * CARD_GRID[1]  # the emergency line stands in for the tier's words
    guide = " ".join(_flat(t) for t in page_texts(read(folder / "facilitator-guide.pdf")))
    assert "Shoe check: print shoe.pdf, one each" in guide and "Name badges" in guide
    assert "Wallet card of the warning signs: print wallet-card.pdf" in guide
