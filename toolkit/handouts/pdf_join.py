"""Join the booklet's pieces, each rendered on its own, into one tagged PDF with continuous page numbers.

The pieces (the front, each module, the glossary) are rendered without the
running footer; ``footer`` is a document of the footer alone, a page for each
page of the booklet (see booklet.py). The join, done by qpdf (through pikepdf),
which copies objects between files without parsing what it does not touch:

- copies every page, and the structure tree of each piece under one
  ``Document`` element, renumbering the parent tree (pages first, then link
  annotations, as WeasyPrint numbers them);
- draws page *n* of the footer, as a form XObject, last on page *n*, marked as
  an artifact (running page furniture);
- renames each piece's named destinations, and turns ``ck-booklet:`` links
  (between pieces) into links to the anchor they name;
- rebuilds the outline (bookmarks) at the pages where the pieces now sit, and
  keeps the front's document information, XMP metadata (PDF/UA) and
  language, with the booklet's identifier;
- embeds a picture or font file that several pieces use once, and writes the
  objects into compressed object streams, so the same pieces give the same
  bytes.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, OutlineItem, Pdf, Stream, String

from toolkit.handouts.compose import BOOKLET_LINK

FOOTER_PREFIX = "/ckfooter"  # the form XObject holding page n's footer is named /ckfooter<n>


class JoinError(Exception):
    """The pieces cannot be joined as they are (a coursekit defect, not a content problem)."""


class Piece:
    """One rendered piece of the booklet, in reading order, opened only when it is joined, unless its
    page count must be read from it."""

    def __init__(self, name: str, pdf: bytes, pages: int | None = None) -> None:
        self.name = name  # `front`, a module's anchor, or the glossary's
        self.pdf: bytes | None = pdf
        self.reader: Pdf | None = None
        if pages is None:
            pages = len(self.read().pages)
        self.pages = pages

    def read(self) -> Pdf:
        if self.reader is None:
            if self.pdf is None:
                raise JoinError(f"the piece `{self.name}` was already joined")
            self.reader = pikepdf.open(io.BytesIO(self.pdf))
        return self.reader

    def release(self) -> None:
        """Let the file and its bytes go: the piece is in the booklet now."""
        if self.reader is not None:
            self.reader.close()
        self.pdf = self.reader = None


def join(pieces: list[Piece], footer: bytes, *, identifier: bytes) -> bytes:
    """The booklet: ``pieces`` one after another (the first gives the document's information), each page with
    its page of ``footer`` laid over it. A piece can be joined once: it is let go when the booklet is written."""
    booklet = pikepdf.new()
    try:
        return _join(booklet, pieces, footer, identifier)
    finally:
        booklet.close()
        for piece in pieces:
            piece.release()


def _join(booklet: Pdf, pieces: list[Piece], footer: bytes, identifier: bytes) -> bytes:
    front = pieces[0].read()
    document = booklet.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    page_entries: list[tuple[int, Object]] = []  # (page of the booklet, its marked contents' elements)
    annotation_entries: list[tuple[Dictionary, Object]] = []  # (annotation, its Link element)
    destinations: dict[str, Object] = {}  # each piece's anchors, renamed for the booklet → where they point
    anchors: dict[str, str] = {}  # an anchor as pieces link to it → its name in the booklet (the first piece's)
    bookmarks: list[_Bookmark] = []
    for index, piece in enumerate(pieces):
        source = piece.read()
        if len(source.pages) != piece.pages:  # the contents and the footer were laid out with that count
            raise JoinError(f"the piece `{piece.name}` has {len(source.pages)} pages, not {piece.pages}")
        start = len(booklet.pages)
        prefix = f"{index}-"
        with warnings.catch_warnings():  # that the named destinations stay behind: they are copied below, renamed
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            booklet.pages.extend(source.pages)
        tree = _structure_root(source, piece)
        for kid in tree.K[0].K:
            copied = booklet.copy_foreign(kid)  # its elements keep their parents: qpdf copies them once
            copied.P = document
            document.K.append(copied)
        numbers = _parent_tree(tree)
        annotations = _annotations_by_key(booklet, start, len(source.pages))
        for key, value in sorted(numbers.items()):
            copied = _copy(booklet, source, value)
            if key < len(source.pages):
                page_entries.append((start + key, copied))
            elif key in annotations:
                annotation_entries.append((annotations[key], copied))
        for name, target in _named_destinations(source).items():
            destinations[prefix + name] = _copy(booklet, source, target)
            anchors.setdefault(name, prefix + name)
        for annotation in annotations.values():
            _rename_destination(annotation, prefix)
        pages = {page.objgen: number for number, page in enumerate(source.pages)}
        bookmarks += _bookmarks(source.open_outline().root, pages, start, None, len(bookmarks))
    for annotation, _ in annotation_entries:
        _resolve_piece_link(annotation, anchors)
    footer_pdf = pikepdf.open(io.BytesIO(footer))
    try:
        _lay_footer(booklet, footer_pdf)
        total = len(booklet.pages)
        nums = Array()
        for page_index, value in page_entries:
            booklet.pages[page_index].obj.StructParents = page_index
            nums.extend([page_index, value])
        for key, (annotation, value) in enumerate(annotation_entries, start=total):
            annotation.StructParent = key
            nums.extend([key, value])
        _finish_catalog(booklet, front, document, nums, total + len(annotation_entries), destinations)
        _lay_outline(booklet, bookmarks)
        _share_identical_streams(booklet)
        _name_subsets_apart(booklet)
        return _write(booklet, front, identifier)
    finally:
        footer_pdf.close()


def _copy(booklet: Pdf, source: Pdf, value: object) -> Object:
    """``value`` (of ``source``) in the booklet; qpdf copies only indirect objects, so a direct one is made so."""
    if not isinstance(value, Object):
        return value  # type: ignore[return-value]  # a number or other plain value
    if not value.is_indirect:
        value = source.make_indirect(value)
    return booklet.copy_foreign(value)


def _structure_root(source: Pdf, piece: Piece) -> Dictionary:
    if "/StructTreeRoot" not in source.Root:
        raise JoinError(f"the piece `{piece.name}` was rendered without tags")
    return source.Root.StructTreeRoot


def _parent_tree(tree: Dictionary) -> dict[int, object]:
    """The piece's parent tree (WeasyPrint writes it as one flat number array)."""
    parent_tree = tree.ParentTree
    if "/Kids" in parent_tree:
        raise JoinError("a piece of the booklet has a parent tree in several nodes")
    flat = list(parent_tree.Nums)
    return {int(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def _annotations_by_key(booklet: Pdf, start: int, count: int) -> dict[int, Dictionary]:
    """The copied pages' annotations, by the parent-tree key the piece gave them."""
    found: dict[int, Dictionary] = {}
    for number in range(start, start + count):
        for annotation in booklet.pages[number].obj.get("/Annots", Array()):
            if "/StructParent" in annotation:
                found[int(annotation.StructParent)] = annotation
    return found


def _named_destinations(source: Pdf) -> dict[str, Object]:
    names = source.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    flat = list(names.Dests.get("/Names", Array()))
    return {str(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def _rename_destination(annotation: Dictionary, prefix: str) -> None:
    if isinstance(annotation.get("/Dest"), String):
        annotation.Dest = String(prefix + str(annotation.Dest))


def _resolve_piece_link(annotation: Dictionary, anchors: dict[str, str]) -> None:
    """A `ck-booklet:` link, to an anchor in another piece, as a link inside the booklet."""
    action = annotation.get("/A")
    if action is None:
        return
    uri = str(action.get("/URI", ""))
    if not uri.startswith(BOOKLET_LINK):
        return
    anchor = uri.removeprefix(BOOKLET_LINK)
    if anchor not in anchors:
        raise JoinError(f"no piece of the booklet has the anchor `{anchor}`")
    del annotation["/A"]
    annotation.Dest = String(anchors[anchor])
    annotation.Contents = String(anchor)


def _lay_footer(booklet: Pdf, footer: Pdf) -> None:
    """Page n of ``footer`` over page n, as a form XObject drawn last and marked as an artifact (page furniture)."""
    if len(footer.pages) != len(booklet.pages):
        raise JoinError(f"the footer has {len(footer.pages)} pages for {len(booklet.pages)}")
    for number, (page, footer_page) in enumerate(zip(booklet.pages, footer.pages)):
        contents = footer_page.obj.get("/Contents")
        if not isinstance(contents, Stream) or not contents.is_indirect:
            raise JoinError("the footer's page is not drawn by one content stream")
        form = booklet.copy_foreign(contents)
        form.Type, form.Subtype = Name.XObject, Name.Form
        form.BBox = Array([float(value) for value in footer_page.mediabox])
        form.Resources = _copy(booklet, footer, footer_page.obj.Resources)
        name = Name(f"{FOOTER_PREFIX}{number + 1}")
        resources = page.obj.Resources
        if "/XObject" not in resources:
            resources.XObject = Dictionary()
        resources.XObject[name] = form
        opening = booklet.make_stream(b"q\n")
        drawing = booklet.make_stream(b"Q\n/Artifact BMC q " + str(name).encode() + b" Do Q EMC\n")
        existing = page.obj.Contents
        streams = list(existing) if isinstance(existing, Array) else [existing]
        page.obj.Contents = Array([opening, *streams, drawing])


def _finish_catalog(booklet: Pdf, front: Pdf, document: Dictionary, nums: Array, next_key: int,
                    destinations: dict[str, Object]) -> None:
    """The structure tree root, named destinations, and the front's language, metadata and information."""
    root = booklet.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document]),
                                            ParentTree=booklet.make_indirect(Dictionary(Nums=nums)),
                                            ParentTreeNextKey=next_key))
    document.P = root
    catalog = booklet.Root
    catalog.StructTreeRoot = root
    source = front.Root
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
        if key in source:
            catalog[key] = _copy(booklet, front, source[key])
    flat = Array()
    for name in sorted(destinations):  # a name tree's names are sorted
        flat.extend([String(name), destinations[name]])
    catalog.Names = Dictionary(Dests=booklet.make_indirect(Dictionary(Names=flat)))
    if "/Info" in front.trailer:
        booklet.trailer.Info = _copy(booklet, front, front.trailer.Info)


@dataclass(frozen=True)
class _Bookmark:
    """One bookmark of a piece, at the page of the booklet it leads to; ``parent`` indexes the bookmarks before it."""

    title: str
    page: int
    left: float | None
    top: float | None
    parent: int | None


def _bookmarks(items: list[OutlineItem], pages: dict[tuple[int, int], int], start: int, parent: int | None,
               first: int = 0) -> list[_Bookmark]:
    """The piece's bookmarks, in order, at the pages where its pages now are (``first``: how many come before)."""
    found: list[_Bookmark] = []
    for item in items:
        destination = item.destination
        if not isinstance(destination, Array) or len(destination) < 4 or destination[0].objgen not in pages:
            raise JoinError(f"the bookmark `{item.title}` does not lead to a page of its piece")
        left, top = destination[2], destination[3]
        found.append(_Bookmark(str(item.title), start + pages[destination[0].objgen],
                               float(left) if left is not None else None, float(top) if top is not None else None,
                               parent))
        found += _bookmarks(item.children, pages, start, first + len(found) - 1, first + len(found))
    return found


def _lay_outline(booklet: Pdf, bookmarks: list[_Bookmark]) -> None:
    items: list[OutlineItem] = []
    with booklet.open_outline() as outline:
        for bookmark in bookmarks:
            item = OutlineItem(bookmark.title, bookmark.page, "XYZ", left=bookmark.left, top=bookmark.top, zoom=0)
            items.append(item)
            (items[bookmark.parent].children if bookmark.parent is not None else outline.root).append(item)


def _resources(booklet: Pdf) -> list[Dictionary]:
    """Every resource dictionary the pages draw with, the footer's forms' included, in page order."""
    found: list[Dictionary] = []
    seen: set[tuple[int, int]] = set()
    stack = [page.obj.Resources for page in reversed(booklet.pages)]
    while stack:
        resources = stack.pop()
        if resources.is_indirect:
            if resources.objgen in seen:
                continue
            seen.add(resources.objgen)
        found.append(resources)
        forms = [value for value in resources.get("/XObject", Dictionary()).values()
                 if value.get("/Subtype") == "/Form" and "/Resources" in value]
        stack += [form.Resources for form in reversed(forms)]
    return found


def _font_descriptor(font: Dictionary) -> Dictionary | None:
    if "/FontDescriptor" in font:
        return font.FontDescriptor
    if "/DescendantFonts" in font:
        return font.DescendantFonts[0].get("/FontDescriptor")
    return None


_FONT_FILES = ("/FontFile2", "/FontFile3", "/FontFile")


def _stream_key(stream: Stream) -> bytes:
    """What a stream holds, its dictionary's values included (whatever their object numbers)."""
    digest = hashlib.sha256()
    pending: list[object] = [stream]
    while pending:
        value = pending.pop()
        if isinstance(value, (Stream, Dictionary)):  # a stream's length depends on its filters, not its data
            keys = sorted(key for key in value.keys() if key != "/Length")  # noqa: SIM118 - a PDF dictionary
            data = value.read_raw_bytes() if isinstance(value, Stream) else b""
            digest.update(b"dict" + repr(keys).encode() + b"\0" + data)
            pending += [value.get(key) for key in reversed(keys)]
        elif isinstance(value, Array):
            digest.update(b"array%d" % len(value))
            pending += list(reversed(value))
        else:
            digest.update(repr(value).encode() + b"\0")
    return digest.digest()


def _share_identical_streams(booklet: Pdf) -> None:
    """One copy of each picture and font file that several pieces embed (WeasyPrint shares them within one)."""
    first: dict[bytes, Stream] = {}

    def shared(stream: Stream) -> Stream:
        return first.setdefault(_stream_key(stream), stream)

    for resources in _resources(booklet):
        pictures = resources.get("/XObject", Dictionary())
        for name, value in list(pictures.items()):
            if value.get("/Subtype") == "/Image":
                pictures[name] = shared(value)
        for font in resources.get("/Font", Dictionary()).values():
            descriptor = _font_descriptor(font)
            for key in _FONT_FILES if descriptor is not None else ():
                if key in descriptor:
                    descriptor[key] = shared(descriptor[key])


def _name_subsets_apart(booklet: Pdf) -> None:
    """A tag of its own for each font subset: WeasyPrint derives the tag (`ABCDEF+`) from the font, not from
    the glyphs a subset holds, so pieces give different subsets one name, which a PDF may not do."""
    fonts: dict[tuple[int, int], Dictionary] = {}  # every font (composite fonts' descendants too), in page order
    for resources in _resources(booklet):
        for font in resources.get("/Font", Dictionary()).values():
            for each in [font, *font.get("/DescendantFonts", Array())]:
                fonts.setdefault(each.objgen, each)
    seen: dict[str, tuple[int, int]] = {}  # a subset's name → the font file it names first
    renamed: dict[tuple[int, int], Name] = {}  # a font descriptor → its new name
    for font in fonts.values():
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or descriptor.objgen in renamed:
            continue
        name = str(descriptor.get("/FontName", ""))
        file = next((descriptor[key] for key in _FONT_FILES if key in descriptor), None)
        if "+" not in name or file is None or seen.setdefault(name, file.objgen) == file.objgen:
            continue
        digest = hashlib.sha256(file.read_bytes()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        descriptor.FontName = renamed[descriptor.objgen] = Name(f"/{tag}+{name.split('+', 1)[1]}")
    for font in fonts.values():
        descriptor = _font_descriptor(font)
        if descriptor is not None and descriptor.objgen in renamed:
            font.BaseFont = renamed[descriptor.objgen]


def _write(booklet: Pdf, front: Pdf, identifier: bytes) -> bytes:
    """The booklet as WeasyPrint writes a PDF: objects in compressed object streams, at the front's PDF version,
    with the booklet's identifier."""
    booklet.trailer.ID = Array([String(identifier), String(identifier)])
    out = io.BytesIO()
    booklet.save(out, min_version=front.pdf_version, fix_metadata_version=False, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return out.getvalue()
