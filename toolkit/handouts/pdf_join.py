"""Join the booklet's pieces, each rendered on its own, into one tagged PDF with continuous page numbers.

The pieces (the front, each module, the glossary) are rendered without the
running footer; ``footer`` is a document of the footer alone, a page for each
page of the booklet (see booklet.py). The join:

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
  objects with pydyf into a compressed object stream, so the same pieces give
  the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pydyf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    Fit,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from toolkit.handouts.compose import BOOKLET_LINK

FOOTER_PREFIX = "/ckfooter"  # the form XObject holding page n's footer is named /ckfooter<n>


class JoinError(Exception):
    """The pieces cannot be joined as they are (a coursekit defect, not a content problem)."""


class Piece:
    """One rendered piece of the booklet, in reading order, read (once) only when it is joined, unless its
    page count must be read from it."""

    def __init__(self, name: str, pdf: bytes, pages: int | None = None) -> None:
        self.name = name  # `front`, a module's anchor, or the glossary's
        self.pdf: bytes | None = pdf
        self.reader: PdfReader | None = None
        if pages is None:
            pages = len(self.read().pages)
        self.pages = pages

    def read(self) -> PdfReader:
        if self.reader is None:
            if self.pdf is None:
                raise JoinError(f"the booklet's piece `{self.name}` was already joined")
            self.reader = PdfReader(io.BytesIO(self.pdf))
        return self.reader

    def release(self) -> None:
        """Let the parsed objects and the bytes go: the piece is in the booklet now."""
        self.pdf = self.reader = None


def join(pieces: list[Piece], footer: bytes, *, identifier: bytes) -> bytes:
    """The booklet: ``pieces`` one after another (the first gives the document's information), each page with
    its page of ``footer`` laid over it.

    Each piece is read only until it is copied (its parsed objects are let go, as a 200-module booklet's
    would otherwise be held twice), so a piece can be joined once.
    """
    writer = PdfWriter()
    front = pieces[0].read()
    document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
                                 NameObject("/K"): ArrayObject()})
    document_ref = writer._add_object(document)
    page_entries: list[tuple[int, object]] = []      # (page index, its marked contents' elements)
    annotation_entries: list[tuple[DictionaryObject, object]] = []  # (annotation, its Link element)
    destinations: dict[str, object] = {}  # each piece's anchors, renamed for the booklet → where they point
    anchors: dict[str, str] = {}  # an anchor as pieces link to it → its name in the booklet (the first piece's)
    bookmarks: list[_Bookmark] = []
    for index, piece in enumerate(pieces):
        reader = piece.read()
        if len(reader.pages) != piece.pages:  # the contents and the footer were laid out with that count
            raise JoinError(f"the booklet's piece `{piece.name}` has {len(reader.pages)} pages, not {piece.pages}")
        start = len(writer.pages)
        prefix = f"{index}-"
        for page in reader.pages:
            writer.add_page(page)
        tree = _structure_root(reader, piece)
        for kid in tree["/K"][0].get_object()["/K"]:
            copied = kid.clone(writer, ignore_fields=("/P",))
            document["/K"].append(copied)
            _set_parents(copied, document_ref)
        numbers = _parent_tree(tree)
        annotations = _annotations_by_key(writer, start, len(reader.pages))
        for key, value in numbers.items():
            copied = value.clone(writer, ignore_fields=("/P",))
            if key < len(reader.pages):
                page_entries.append((start + key, copied))
            elif key in annotations:
                annotation_entries.append((annotations[key], copied))
        for name, target in _named_destinations(reader).items():
            destinations[prefix + name] = target.clone(writer, ignore_fields=("/P",))
            anchors.setdefault(name, prefix + name)
        for annotation in annotations.values():
            _rename_destination(annotation, prefix)
        bookmarks += _bookmarks(reader, reader.outline, start, None, len(bookmarks))
        if index:  # the front's information and catalog are copied last
            _forget(writer, piece)
    for annotation, _ in annotation_entries:
        _resolve_piece_link(annotation, anchors)
    _lay_footer(writer, footer)
    total = len(writer.pages)
    nums = ArrayObject()
    for page_index, value in page_entries:
        writer.pages[page_index][NameObject("/StructParents")] = NumberObject(page_index)
        nums += [NumberObject(page_index), value]
    for key, (annotation, value) in enumerate(annotation_entries, start=total):
        annotation[NameObject("/StructParent")] = NumberObject(key)
        nums += [NumberObject(key), value]
    _finish_catalog(writer, front, document, document_ref, nums, total + len(annotation_entries), destinations)
    added: list[object] = []
    for bookmark in bookmarks:
        added.append(writer.add_outline_item(title=bookmark.title, page_number=bookmark.page,
                                             parent=added[bookmark.parent] if bookmark.parent is not None else None,
                                             fit=Fit.xyz(bookmark.left, bookmark.top, 0)))
    _share_identical_streams(writer)
    _name_subsets_apart(writer)
    information = DictionaryObject({NameObject(k): v.clone(writer) for k, v in (front.metadata or {}).items()})
    _forget(writer, pieces[0])
    return _compact(writer, information, identifier, version=str(front.pdf_header).removeprefix("%PDF-"))


def _forget(writer: PdfWriter, piece: Piece) -> None:
    """Let a copied piece go: pypdf's writer keeps every reader it copied from alive (by its table of the
    objects it copied, and of the pages it added), and a 200-module booklet would hold them all."""
    reader = piece.reader
    if reader is not None:
        writer._id_translated.pop(id(reader), None)
        for original in [page for page in writer._merged_in_pages if page is not None and page.pdf is reader]:
            del writer._merged_in_pages[original]
    piece.release()


def _structure_root(reader: PdfReader, piece: Piece) -> DictionaryObject:
    root = reader.trailer["/Root"]
    if "/StructTreeRoot" not in root:
        raise JoinError(f"the booklet's piece `{piece.name}` was rendered without tags")
    return root["/StructTreeRoot"].get_object()


def _set_parents(element: object, parent: IndirectObject) -> None:
    """Point every structure element below ``element`` (an indirect reference) at its parent."""
    stack = [(element, parent)]
    while stack:
        reference, above = stack.pop()
        node = reference.get_object() if isinstance(reference, IndirectObject) else reference
        if not isinstance(node, DictionaryObject) or "/S" not in node:
            continue  # a marked-content id, or a reference to an annotation
        node[NameObject("/P")] = above
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids.get_object()
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if isinstance(kid, IndirectObject):
                stack.append((kid, reference))


def _parent_tree(tree: DictionaryObject) -> dict[int, object]:
    """The piece's parent tree (WeasyPrint writes it as one flat number array)."""
    parent_tree = tree["/ParentTree"].get_object()
    if "/Kids" in parent_tree:
        raise JoinError("a piece of the booklet has a parent tree in several nodes")
    flat = parent_tree["/Nums"]
    return {int(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def _annotations_by_key(writer: PdfWriter, start: int, count: int) -> dict[int, DictionaryObject]:
    """The copied pages' annotations, by the parent-tree key the piece gave them."""
    found: dict[int, DictionaryObject] = {}
    for page in writer.pages[start:start + count]:
        for reference in page.get("/Annots", ArrayObject()):
            annotation = reference.get_object()
            if "/StructParent" in annotation:
                found[int(annotation["/StructParent"])] = annotation
    return found


def _named_destinations(reader: PdfReader) -> dict[str, ArrayObject]:
    names = reader.trailer["/Root"].get("/Names")
    if names is None or "/Dests" not in names.get_object():
        return {}
    flat = names.get_object()["/Dests"].get_object().get("/Names", ArrayObject())
    return {str(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def _rename_destination(annotation: DictionaryObject, prefix: str) -> None:
    if "/Dest" in annotation and isinstance(annotation["/Dest"], (TextStringObject, ByteStringObject)):
        annotation[NameObject("/Dest")] = TextStringObject(prefix + str(annotation["/Dest"]))


def _resolve_piece_link(annotation: DictionaryObject, anchors: dict[str, str]) -> None:
    """A `ck-booklet:` link, to an anchor in another piece, as a link inside the booklet."""
    action = annotation.get("/A")
    if action is None:
        return
    uri = str(action.get_object().get("/URI", ""))
    if not uri.startswith(BOOKLET_LINK):
        return
    anchor = uri.removeprefix(BOOKLET_LINK)
    if anchor not in anchors:
        raise JoinError(f"no piece of the booklet has the anchor `{anchor}`")
    del annotation["/A"]
    annotation[NameObject("/Dest")] = TextStringObject(anchors[anchor])
    annotation[NameObject("/Contents")] = TextStringObject(anchor)


def _lay_footer(writer: PdfWriter, footer: bytes) -> None:
    """Page n of ``footer`` over page n, as a form XObject drawn last and marked as an artifact (page furniture)."""
    reader = PdfReader(io.BytesIO(footer))
    if len(reader.pages) != len(writer.pages):
        raise JoinError(f"the footer has {len(reader.pages)} pages for {len(writer.pages)}")
    for number, (page, footer_page) in enumerate(zip(writer.pages, reader.pages)):
        contents = footer_page.raw_get("/Contents")
        if not isinstance(contents, IndirectObject) or not isinstance(contents.get_object(), StreamObject):
            raise JoinError("the footer's page is not drawn by one content stream")
        form = contents.clone(writer).get_object()
        form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): ArrayObject(footer_page.mediabox),
                     NameObject("/Resources"): footer_page.raw_get("/Resources").clone(writer)})
        name = NameObject(f"{FOOTER_PREFIX}{number + 1}")
        resources = page["/Resources"].get_object()
        resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()[name] = form.indirect_reference
        opening, drawing = DecodedStreamObject(), DecodedStreamObject()
        opening.set_data(b"q\n")
        drawing.set_data(b"Q\n/Artifact BMC q " + name.encode() + b" Do Q EMC\n")
        existing = page.raw_get("/Contents")
        streams = list(existing.get_object()) if isinstance(existing.get_object(), ArrayObject) else [existing]
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(opening), *streams, writer._add_object(drawing)])


def _finish_catalog(writer: PdfWriter, front: PdfReader, document: DictionaryObject, document_ref: IndirectObject,
                    nums: ArrayObject, next_key: int, destinations: dict[str, object]) -> None:
    """The structure tree root, named destinations, and the front's language, metadata and information."""
    parent_tree = writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): ArrayObject([document_ref]),
                             NameObject("/ParentTree"): parent_tree, NameObject("/ParentTreeNextKey"): NumberObject(next_key)})
    root_ref = writer._add_object(root)
    document[NameObject("/P")] = root_ref
    catalog = writer._root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    source = front.trailer["/Root"]
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences"):
        if key in source:
            catalog[NameObject(key)] = source[key].clone(writer)
    if "/Metadata" in source:
        catalog[NameObject("/Metadata")] = source.raw_get("/Metadata").clone(writer)
    flat = ArrayObject()
    for name in sorted(destinations):  # a name tree's names are sorted
        flat += [TextStringObject(name), destinations[name]]
    dests = writer._add_object(DictionaryObject({NameObject("/Names"): flat}))
    catalog[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): dests})


@dataclass(frozen=True)
class _Bookmark:
    """One bookmark of a piece, at the page of the booklet it leads to; ``parent`` indexes the bookmarks before it."""

    title: str
    page: int
    left: float | None
    top: float | None
    parent: int | None


def _bookmarks(reader: PdfReader, outline: list[object], start: int, parent: int | None,
               first: int = 0) -> list[_Bookmark]:
    """The piece's bookmarks, in order, at the pages where its pages now are (``first``: how many come before)."""
    found: list[_Bookmark] = []
    last = None
    for item in outline:
        if isinstance(item, list):
            found += _bookmarks(reader, item, start, last, first + len(found))
            continue
        left, top = item.get("/Left"), item.get("/Top")
        found.append(_Bookmark(str(item.title), start + reader.get_destination_page_number(item),
                               float(left) if left is not None else None, float(top) if top is not None else None, parent))
        last = first + len(found) - 1
    return found


def _share_identical_streams(writer: PdfWriter) -> None:
    """One copy of each picture and font file that several pieces embed (WeasyPrint shares them within one)."""
    first: dict[bytes, IndirectObject] = {}
    replaced: dict[int, IndirectObject] = {}
    for index, obj in enumerate(writer._objects):
        if not isinstance(obj, StreamObject) or not ("/Length1" in obj or obj.get("/Subtype") == "/Image"):
            continue
        key = hashlib.sha256(repr(sorted((k, repr(v)) for k, v in obj.items() if k != "/Length")).encode()
                             + b"\0" + obj._data).digest()
        if key in first:
            replaced[index + 1] = first[key]
            writer._objects[index] = NullObject()
        else:
            first[key] = obj.indirect_reference
    if not replaced:
        return
    for obj in writer._objects:
        stack = [obj]
        while stack:
            node = stack.pop()
            items = node.items() if isinstance(node, DictionaryObject) else enumerate(node) if isinstance(node, ArrayObject) else ()
            for key, value in list(items):
                if isinstance(value, IndirectObject):
                    if value.idnum in replaced:
                        node[key] = replaced[value.idnum]
                elif isinstance(value, (DictionaryObject, ArrayObject)):
                    stack.append(value)


def _name_subsets_apart(writer: PdfWriter) -> None:
    """A tag of its own for each font subset: WeasyPrint derives the tag (`ABCDEF+`) from the font, not from
    the glyphs a subset holds, so pieces give different subsets one name, which a PDF may not do."""
    fonts = [obj for obj in writer._objects if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Font"]
    seen: dict[str, object] = {}  # a subset's name → the font file it names first
    renamed: dict[int, str] = {}  # a font descriptor's object number → its new name
    for obj in writer._objects:
        if not isinstance(obj, DictionaryObject) or obj.get("/Type") != "/FontDescriptor":
            continue
        name = str(obj.get("/FontName", ""))
        file = next((obj.raw_get(key) for key in ("/FontFile2", "/FontFile3", "/FontFile") if key in obj), None)
        if "+" not in name or file is None:
            continue
        if seen.setdefault(name, file) == file:
            continue
        digest = hashlib.sha256(file.get_object().get_data()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        obj[NameObject("/FontName")] = NameObject(f"/{tag}+{name.split('+', 1)[1]}")
        renamed[obj.indirect_reference.idnum] = str(obj["/FontName"])
    for font in fonts:
        descriptor = font.raw_get("/FontDescriptor") if "/FontDescriptor" in font else None
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().raw_get("/FontDescriptor")
        if isinstance(descriptor, IndirectObject) and descriptor.idnum in renamed:
            font[NameObject("/BaseFont")] = NameObject(renamed[descriptor.idnum])


class _Serialized(pydyf.Object):
    """An object pypdf has serialised, for pydyf to write (in an object stream unless it is a stream)."""

    def __init__(self, data: bytes, stream: bool) -> None:
        super().__init__()
        self._data = data
        self._stream = stream

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return not self._stream


def _compact(writer: PdfWriter, information: DictionaryObject, identifier: bytes, *, version: str) -> bytes:
    """The joined PDF written by pydyf, as WeasyPrint writes its own: objects in a compressed object stream
    (pypdf would write each of the tens of thousands of structure elements on its own), with the front's
    document information and the booklet's identifier."""
    pdf = pydyf.PDF()
    pdf.objects = pdf.objects[:1]  # only the free object 0: the objects keep pypdf's numbers
    unused = writer._info_obj.indirect_reference.idnum if writer._info_obj is not None else None
    for number, obj in enumerate(writer._objects, 1):
        buffer = io.BytesIO()
        (NullObject() if obj is None or number == unused else obj).write_to_stream(buffer)
        pdf.add_object(_Serialized(buffer.getvalue(), isinstance(obj, StreamObject)))
        writer._objects[number - 1] = None  # written: let it go, so the objects are not held twice
    buffer = io.BytesIO()
    information.write_to_stream(buffer)
    pdf.info = _Serialized(buffer.getvalue(), False)  # numbered after every other object by pydyf's write
    pdf.catalog = pdf.objects[writer._root_object.indirect_reference.idnum]
    out = io.BytesIO()
    pdf.write(out, version=version.encode(), identifier=identifier, compress=True)
    return out.getvalue()
