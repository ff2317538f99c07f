"""The booklet joined from separately rendered pieces (toolkit/handouts/pdf_join.py), read back with pypdf."""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    StreamObject,
)

from tests.conftest import REPO, SAMPLE_COURSES
from tests.pdf_support import page_texts, read
from toolkit import model as m
from toolkit.check import run_check
from toolkit.handouts.compose import BOOKLET_LINK
from toolkit.handouts.pdf_join import JoinError, Piece, join

pytestmark = pytest.mark.slow

GLOSSARY_TITLE = "Words used in this booklet"

# Byte-for-byte repeatability of whole builds, booklet included, is already checked by
# test_same_bytes.py, in two fresh processes (and across --jobs by test_build_jobs.py).


@pytest.fixture(scope="session", params=SAMPLE_COURSES)
def booklet_course(request: pytest.FixtureRequest) -> str:
    """Each sample course in turn: every booklet test runs on each one's booklet."""
    return str(request.param)


@pytest.fixture(scope="session")
def booklet(sample_handouts: Path, booklet_course: str) -> PdfReader:
    """A sample course's booklet, from the session's build of the sample courses' handouts."""
    return read(sample_handouts / "handouts" / booklet_course / "booklet.pdf")


@pytest.fixture(scope="session")
def course_titles(booklet_course: str) -> tuple[str, list[str]]:
    """The sample course's title and its modules' titles, in order."""
    (course,) = [c for c in run_check(REPO).project.courses if c.id == booklet_course]
    return course.meta.title, [module.meta.title for module in course.modules]


@functools.cache
def _texts(reader: PdfReader) -> tuple[str, ...]:
    return tuple(page_texts(reader))


def _module_starts(reader: PdfReader, count: int) -> list[int]:
    """The page index on which each module's heading ("Module N of M") appears."""
    texts = _texts(reader)
    return [next(i for i, text in enumerate(texts) if f"Module {n} of {count}" in text) for n in range(1, count + 1)]


def _ref(dictionary: DictionaryObject, key: str) -> int:
    """The object number ``dictionary[key]`` refers to (pypdf resolves references on plain indexing)."""
    return dictionary.raw_get(key).idnum


def _page_index(reader: PdfReader) -> dict[int, int]:
    return {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}


def _nums(reader: PdfReader) -> dict[int, object]:
    tree = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"].get_object()
    assert "/Kids" not in tree  # the join writes one flat number tree
    flat = tree["/Nums"]
    return {int(flat[i]): flat[i + 1].get_object() for i in range(0, len(flat), 2)}


def _kids(element: DictionaryObject) -> list[object]:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object() if isinstance(kids, IndirectObject) else kids
    return list(kids) if isinstance(kids, ArrayObject) else [kids]


def _mcids(element: DictionaryObject) -> set[int]:
    found = set()
    for kid in _kids(element):
        kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(kid, int):
            found.add(int(kid))
        elif isinstance(kid, DictionaryObject) and "/MCID" in kid:
            found.add(int(kid["/MCID"]))
    return found


def _content_mcids(reader: PdfReader, stream: object) -> list[int]:
    operations = ContentStream(stream, reader).operations
    return [int(operands[1]["/MCID"]) for operands, op in operations
            if op == b"BDC" and isinstance(operands[1], DictionaryObject) and "/MCID" in operands[1]]


def _annotations(reader: PdfReader) -> list[tuple[int, DictionaryObject]]:
    return [(index, reference.get_object()) for index, page in enumerate(reader.pages)
            for reference in page.get("/Annots") or []]


def _dests(reader: PdfReader) -> dict[str, int]:
    """Each named destination and the index of the page it points at."""
    flat = reader.trailer["/Root"]["/Names"]["/Dests"].get_object()["/Names"]
    pages = _page_index(reader)
    return {str(flat[i]): pages[flat[i + 1].get_object()[0].idnum] for i in range(0, len(flat), 2)}


def _objects(reader: PdfReader) -> list[object]:
    return [obj for number in range(1, int(reader.trailer["/Size"]))
            if (obj := reader.get_object(number)) is not None]


def _embedded_streams(reader: PdfReader) -> list[tuple[str, bytes]]:
    """Every image and font program in the file: (kind, its encoded data)."""
    found = []
    for obj in _objects(reader):
        if not isinstance(obj, StreamObject):
            continue
        if obj.get("/Subtype") == "/Image":
            found.append(("image", obj._data))
        elif "/Length1" in obj or obj.get("/Subtype") in ("/Type1C", "/CIDFontType0C", "/OpenType"):
            found.append(("font", obj._data))
    return found


A5 = (419.53, 595.28)
A4_LANDSCAPE = (841.89, 595.28)


@pytest.fixture(scope="session")
def print_file(sample_handouts: Path, booklet_course: str) -> PdfReader:
    """The sample course's booklet imposed for saddle stitching (`booklet-print.pdf`)."""
    return read(sample_handouts / "handouts" / booklet_course / "booklet-print.pdf")


def _size(box) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return round(float(box.width), 2), round(float(box.height), 2)


def _footer_page(text: str, total: int) -> int:
    """The page number a page's footer prints ("Page N of M")."""
    (number,) = re.findall(rf"Page (\d+) of {total}\b", " ".join(text.split()))
    return int(number)


def test_the_booklet_is_a5_and_a_multiple_of_four_pages_with_notes_pages_before_the_back_cover(booklet: PdfReader) -> None:
    texts = _texts(booklet)
    assert len(texts) % 4 == 0, len(texts)
    for index, page in enumerate(booklet.pages):
        assert _size(page.mediabox) == pytest.approx(A5, abs=0.05), index
    glossary = max(i for i, text in enumerate(texts) if GLOSSARY_TITLE in text)
    notes = [i for i, text in enumerate(texts) if text.startswith("Notes ")]
    # Every page after the glossary's last is for notes, but the back cover; none is blank or elsewhere.
    assert notes == list(range(notes[0] if notes else len(texts) - 1, len(texts) - 1))
    assert all(i > glossary for i in notes)
    assert texts[-1].startswith(("Riverside", "Brookside")) and "How to contact us" in texts[-1], texts[-1][:200]
    assert [i for i, text in enumerate(texts) if "How to contact us" in text] == [len(texts) - 1]


def test_the_cover_has_the_clinic_the_title_the_emergency_line_with_its_signs_and_the_qr_code(
        booklet: PdfReader, booklet_course: str) -> None:
    from toolkit.warning_signs import course_red_flags

    (course,) = [c for c in run_check(REPO).project.courses if c.id == booklet_course]
    cover = " ".join(_texts(booklet)[0].split())
    clinic = course.meta.contact or course.theme.meta.clinic
    assert cover.startswith(clinic.name) and clinic.phone in cover
    assert " ".join(course.meta.title.split()) in cover and course.meta.subtitle in cover
    flags, _ = course_red_flags(course)
    urgent = course.urgency(flags[0].tier)
    assert flags[0].tier == "at-once" and urgent is not None
    emergency = course.meta.emergency or course.theme.meta.emergency
    assert emergency is not None and urgent.title in cover and urgent.action in cover  # the line, and when to call it
    assert f"Call {emergency.line}" in urgent.action
    signs = [" ".join(m.plain_text(run).split()) for block in m.walk_blocks(flags[0].blocks)
             for run in m.block_inlines(block)]
    assert signs
    for sign in signs:  # the signs it is for, on the same page
        assert sign[:30] in cover, sign
    assert "Take this course online" in cover and "example.org/courses/" in cover
    assert "Version 1.0.0" in cover and "Reviewed 1 November 2026" in cover and "Next review 1 November 2027" in cover
    assert reader_pages_have_qr_link(booklet, 0)


def reader_pages_have_qr_link(reader: PdfReader, index: int) -> bool:
    """Whether a page links to the course's home page (its QR code is drawn with that link)."""
    return any(str(a.get_object().get("/A", {}).get("/URI", "")).startswith("https://example.org/courses/")
               for a in reader.pages[index].get("/Annots") or [])


def _sides(reader: PdfReader) -> list[tuple[int, int]]:
    """Each side of the print file, as the pages of the booklet it shows, left then right: found by where each
    placed page is drawn (its `cm` before `Do`) and the footer it prints ("Page N of M")."""
    found = []
    for side in reader.pages:
        width = float(side.mediabox.width)
        placed: dict[str, int] = {}
        x = 0.0
        for operands, op in ContentStream(side.get_contents(), reader).operations:
            if op == b"cm":
                x = float(operands[4])
            elif op == b"Do":
                form = side["/Resources"]["/XObject"][operands[0]].get_object()
                box = [float(v) for v in form["/BBox"]]
                left = x + box[0]
                # The page sits wholly in one half, against the fold.
                half = "left" if left + box[2] - box[0] <= width / 2 + 0.01 else "right"
                assert half == "left" or left >= width / 2 - 0.01, (left, box)
                assert half not in placed
                text = side.extract_xform_text(form, (0,), 200.0)
                placed[half] = _footer_page(text, 2 * len(reader.pages))
        found.append((placed["left"], placed["right"]))
    return found


def test_the_print_file_holds_two_pages_a_side_of_a4_landscape_in_saddle_stitch_order(booklet: PdfReader,
                                                                                       print_file: PdfReader) -> None:
    pages = len(booklet.pages)
    assert len(print_file.pages) == pages // 2  # two sides a sheet, two pages a side
    for side in print_file.pages:
        assert _size(side.mediabox) == pytest.approx(A4_LANDSCAPE, abs=0.05)
    expected = []
    for k in range(pages // 4):  # sheet k: its front, then its back
        expected += [(pages - 2 * k, 2 * k + 1), (2 * k + 2, pages - 2 * k - 1)]
    assert _sides(print_file) == expected
    assert str(print_file.trailer["/Root"]["/ViewerPreferences"]["/Duplex"]) == "/DuplexFlipShortEdge"


def test_the_structure_tree_has_one_document_element(booklet: PdfReader) -> None:
    root = booklet.trailer["/Root"]["/StructTreeRoot"].get_object()
    kids = _kids(root)
    assert len(kids) == 1
    document = kids[0].get_object()
    assert document["/S"] == "/Document"
    assert _ref(document, "/P") == _ref(booklet.trailer["/Root"], "/StructTreeRoot")


def test_every_pages_marked_content_is_in_the_parent_tree(booklet: PdfReader) -> None:
    nums = _nums(booklet)
    for index, page in enumerate(booklet.pages):
        assert page["/StructParents"] == index, index
        used = set(_content_mcids(booklet, page.get_contents()))
        entry = nums[index]
        assert used == set(range(len(entry))), (index, sorted(used), len(entry))
        for mcid, element in enumerate(entry):
            element = element.get_object()
            assert mcid in _mcids(element), (index, mcid, element.get("/S"))
            assert _ref(element, "/Pg") == page.indirect_reference.idnum, (index, mcid)


def test_every_structure_element_points_at_its_parent(booklet: PdfReader) -> None:
    pages = _page_index(booklet)
    document = booklet.trailer["/Root"]["/StructTreeRoot"]["/K"][0]
    stack, seen = [document], 0
    while stack:
        reference = stack.pop()
        element = reference.get_object()
        if "/Pg" in element:
            assert _ref(element, "/Pg") in pages, reference  # not a page left outside the booklet
        for kid in _kids(element):
            if isinstance(kid, IndirectObject) and "/S" in kid.get_object():
                assert _ref(kid.get_object(), "/P") == reference.idnum, (kid, reference)
                stack.append(kid)
                seen += 1
    assert seen > 1000  # the whole booklet, not one piece


def test_every_link_annotation_is_in_the_structure_tree(booklet: PdfReader) -> None:
    nums = _nums(booklet)
    links = [annotation for _, annotation in _annotations(booklet) if annotation["/Subtype"] == "/Link"]
    assert len(links) > 10
    for annotation in links:
        element = nums[int(annotation["/StructParent"])]
        assert element["/S"] == "/Link"
        targets = [_ref(kid.get_object(), "/Obj") for kid in _kids(element)
                   if isinstance(kid.get_object(), DictionaryObject) and kid.get_object().get("/Type") == "/OBJR"]
        assert annotation.indirect_reference.idnum in targets, (annotation.get("/Contents"), targets)
    next_key = booklet.trailer["/Root"]["/StructTreeRoot"]["/ParentTreeNextKey"]
    assert next_key > max(nums)


def test_the_footer_is_drawn_last_as_an_artifact(booklet: PdfReader) -> None:
    texts = _texts(booklet)
    for index, page in enumerate(booklet.pages):
        contents = page["/Contents"].get_object()
        last = contents[-1].get_object()
        operations = ContentStream(last, booklet).operations
        assert b"/Artifact BMC" in last.get_data(), index
        drawn = [operands[0] for operands, op in operations if op == b"Do"]
        assert len(drawn) == 1, index
        assert page["/Resources"]["/XObject"][drawn[0]]["/Subtype"] == "/Form", index
        assert f"Page {index + 1} of {len(texts)}" in texts[index], index


def test_nothing_the_footer_draws_is_tagged_content(booklet: PdfReader) -> None:
    """Marked content with an MCID inside the footer's artifact would be real content claimed by no element."""
    tagged = []
    for index, page in enumerate(booklet.pages):
        last = page["/Contents"].get_object()[-1].get_object()
        for operands, op in ContentStream(last, booklet).operations:
            if op == b"Do":
                form = page["/Resources"]["/XObject"][operands[0]].get_object()
                if _content_mcids(booklet, form):
                    tagged.append(index + 1)
    assert tagged == [], f"the footer drawn on pages {tagged} holds marked content with MCIDs"


def test_links_between_pieces_become_named_destinations(booklet: PdfReader) -> None:
    dests = _dests(booklet)
    used = 0
    for index, annotation in _annotations(booklet):
        action = annotation.get("/A")
        if action is not None:
            assert not str(action.get_object().get("/URI", "")).startswith(BOOKLET_LINK), index
        if "/Dest" in annotation:
            used += 1
            assert str(annotation["/Dest"]) in dests, (index, annotation["/Dest"])
    assert used > 5


def test_the_contents_links_go_to_where_each_module_and_the_glossary_start(booklet: PdfReader,
                                                                         course_titles: tuple[str, list[str]]) -> None:
    _, titles = course_titles
    texts = _texts(booklet)
    contents = next(i for i, text in enumerate(texts) if "Contents" in text and "Module 1:" in text)
    starts = _module_starts(booklet, len(titles))
    glossary = next(i for i, text in enumerate(texts) if i > starts[-1] and GLOSSARY_TITLE in text)
    dests = _dests(booklet)
    targets: list[int] = []
    for index, annotation in _annotations(booklet):
        if index == contents and "/A" not in annotation:
            page = dests[str(annotation["/Dest"])]
            if not targets or targets[-1] != page:
                targets.append(page)
    assert targets == [*starts, glossary]


def test_the_outline_has_the_cover_each_module_at_its_start_and_the_glossary(booklet: PdfReader,
                                                                             course_titles: tuple[str, list[str]]) -> None:
    course, titles = course_titles
    top = [item for item in booklet.outline if not isinstance(item, list)]
    assert [str(item.title) for item in top] == [course, *titles, GLOSSARY_TITLE]
    pages = [booklet.get_destination_page_number(item) for item in top[1:-1]]
    assert pages == _module_starts(booklet, len(titles))


def test_no_picture_or_font_program_is_embedded_twice(booklet: PdfReader) -> None:
    streams = _embedded_streams(booklet)
    # Fonts always; pictures only where a course has one without an SVG (an SVG and the QR code print as drawing).
    assert "font" in {kind for kind, _ in streams}
    digests = [(kind, hashlib.sha256(data).hexdigest()) for kind, data in streams]
    assert len(set(digests)) == len(digests)


def test_each_embedded_font_program_has_its_own_name(booklet: PdfReader) -> None:
    """Different subsets in one PDF must have different tags (ISO 32000-1, 9.6.4): readers cache fonts by name."""
    programs: dict[str, set[int]] = defaultdict(set)
    for obj in _objects(booklet):
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in obj:
                    programs[str(obj["/FontName"])].add(obj.raw_get(key).idnum)
    shared = {name: len(files) for name, files in programs.items() if len(files) > 1}
    assert shared == {}, f"font names given to several different font programs: {shared}"


def _pdf(body: str) -> bytes:
    """A tiny tagged PDF/UA-1 piece, rendered by WeasyPrint directly."""
    import weasyprint

    html = f'<html lang="en"><head><title>Piece</title></head><body>{body}</body></html>'
    return weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def _pages(count: int) -> str:
    """The HTML of a footer document of ``count`` pages."""
    return '<p style="break-after: page">Footer</p>' * (count - 1) + "<p>Footer</p>"


def _png() -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_join_embeds_a_picture_and_font_shared_by_two_pieces_once() -> None:
    shown = f'<p>The same words</p><img src="{_png()}" alt="A red square" width="40" height="40">'
    pieces = [Piece("front", _pdf(shown)), Piece("module-a", _pdf(f'<h1 id="module-a">A</h1>{shown}'))]
    joined = PdfReader(io.BytesIO(join(pieces, _pdf(_pages(2)), identifier=b"test")))
    streams = _embedded_streams(joined)
    assert [kind for kind, _ in streams].count("image") == 1
    assert len({data for _, data in streams}) == len(streams)


def test_join_lets_each_piece_go_once_copied_so_a_piece_joins_once() -> None:
    pieces = [Piece("front", _pdf("<p>Front</p>")), Piece("module-a", _pdf('<h1 id="module-a">A</h1>'))]
    joined = PdfReader(io.BytesIO(join(pieces, _pdf(_pages(2)), identifier=b"test")))
    assert len(joined.pages) == 2 and [piece.pages for piece in pieces] == [1, 1]
    assert [piece.reader for piece in pieces] == [None, None]
    with pytest.raises(JoinError, match="`front` was already joined"):
        join(pieces, _pdf(_pages(2)), identifier=b"test")


def test_a_piece_whose_length_is_known_is_opened_by_the_join_alone_once_and_then_let_go() -> None:
    opened: list[str] = []

    class Watched(Piece):
        def read(self):  # type: ignore[no-untyped-def]
            if self.reader is None:
                opened.append(self.name)
            return super().read()

    pieces = [Watched("module-a", _pdf('<h1 id="module-a">A</h1>'), pages=1),
              Watched("module-b", _pdf('<h1 id="module-b">B</h1>'), pages=1)]
    assert opened == []  # their lengths came with them (from the render, or noted in the cache)
    front = Watched("front", _pdf("<p>Front</p>"))
    assert opened == ["front"]  # a length not known is read from the piece
    join([front, *pieces], _pdf(_pages(3)), identifier=b"test")
    assert opened == ["front", "module-a", "module-b"]
    assert [(piece.pdf, piece.reader) for piece in [front, *pieces]] == [(None, None)] * 3


def test_join_refuses_a_piece_whose_noted_length_is_wrong() -> None:
    pieces = [Piece("front", _pdf("<p>Front</p>")), Piece("module-a", _pdf('<h1 id="module-a">A</h1>'), pages=2)]
    with pytest.raises(JoinError, match="`module-a` has 1 pages, not 2"):
        join(pieces, _pdf(_pages(3)), identifier=b"test")


def test_join_refuses_a_footer_with_another_page_count() -> None:
    pieces = [Piece("front", _pdf("<p>Front</p>")), Piece("module-a", _pdf('<h1 id="module-a">A</h1>'))]
    with pytest.raises(JoinError, match="footer"):
        join(pieces, _pdf(_pages(1)), identifier=b"test")


def test_join_refuses_a_link_to_an_anchor_no_piece_has() -> None:
    front = _pdf(f'<p><a href="{BOOKLET_LINK}module-b">Module B</a></p>')
    pieces = [Piece("front", front), Piece("module-a", _pdf('<h1 id="module-a">A</h1>'))]
    with pytest.raises(JoinError, match="module-b"):
        join(pieces, _pdf(_pages(2)), identifier=b"test")


def test_join_keeps_each_pieces_own_links_when_two_pieces_share_an_anchor() -> None:
    piece = '<p><a href="#key-points">Key points</a></p><h2 style="break-before: page" id="key-points">Key points</h2>'
    pieces = [Piece("front", _pdf("<p>Front</p>")), Piece("module-a", _pdf(piece)), Piece("module-b", _pdf(piece))]
    joined = PdfReader(io.BytesIO(join(pieces, _pdf(_pages(5)), identifier=b"test")))
    dests = _dests(joined)
    links = {index: dests[str(annotation["/Dest"])] for index, annotation in _annotations(joined)}
    assert links == {1: 2, 3: 4}  # each module's link goes to the heading on its own next page
