"""The booklet imposed for saddle stitching: two of its pages side by side on each side of a landscape sheet.

Printed on both sides (flipping on the short edge), the sheets stacked in
order, folded down the middle and stapled on the fold, they read as the
booklet. Sheet k (from 0) carries pages n-2k and 2k+1 on its front and 2k+2
and n-2k-1 on its back, left then right: the outermost sheet holds the covers.
Each page is drawn as a form XObject by pikepdf (qpdf), so its text stays text;
links and tags, which a printer does not use, are left behind.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

import pikepdf
from pikepdf import Array, Name, Pdf, Rectangle, String

from toolkit import rules
from toolkit.diagnostics import Diagnostics
from toolkit.handouts.plan import DocumentPlan, identifier
from toolkit.paper import PAPER_PT

# The sheet for each paper, landscape, in points: A4 holds two A5 pages, Letter two half-letter pages.
SHEETS = {paper: (height, width) for paper, (width, height) in PAPER_PT.items()}


class ImposeError(Exception):
    """The booklet cannot be imposed as it is (a coursekit defect: its page count is not a multiple of four)."""


def sheet_sides(pages: int) -> list[tuple[int, int]]:
    """The (left, right) page numbers, from 1, of each side printed, in order: sheet 1's front and back, then
    sheet 2's, and so on."""
    if pages <= 0 or pages % 4:
        raise ImposeError(f"a booklet of {pages} pages cannot be folded from sheets: it needs a multiple of four")
    sides = []
    for k in range(pages // 4):
        sides.append((pages - 2 * k, 2 * k + 1))
        sides.append((2 * k + 2, pages - 2 * k - 1))
    return sides


def print_path(path: PurePosixPath) -> PurePosixPath:
    """The print-ready file beside the booklet: `handouts/<course>/booklet.pdf` → `.../booklet-print.pdf`."""
    return path.with_name(f"{path.stem}-print{path.suffix}")


def print_ready(plan: DocumentPlan, booklet: bytes) -> tuple[bytes | None, Diagnostics]:
    """The booklet's print-ready file, imposed on its paper, or None and why not."""
    found = Diagnostics()
    try:
        return impose(booklet, plan.paper, identifier=identifier(plan.identifier.decode(), "print")), found
    except ImposeError as error:
        found.add(rules.HANDOUT_RENDER_FAILED.at(plan.loc, f"{print_path(plan.path).name}: {error}"))
        return None, found


def impose(booklet: bytes, paper: str, *, identifier: bytes) -> bytes:
    """The print-ready file of ``booklet``: its pages two to a side of ``paper`` turned landscape, in the order
    of :func:`sheet_sides`; the same booklet gives the same bytes."""
    width, height = SHEETS[paper]
    with pikepdf.open(io.BytesIO(booklet)) as source, pikepdf.new() as sheets:
        forms = {}
        for left, right in sheet_sides(len(source.pages)):
            side = sheets.add_blank_page(page_size=(width, height))
            for number, x in ((left, 0.0), (right, width / 2)):
                page = source.pages[number - 1]
                if number not in forms:  # each page once: qpdf copies what pages share (fonts, pictures) once
                    forms[number] = sheets.copy_foreign(page.as_form_xobject())
                box = page.mediabox
                page_width, page_height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
                # The page at its own size, against the fold, centred up and down (A5 fills half an A4 but for a
                # sliver at the outer edge; half-letter fills half a Letter).
                inset = width / 2 - page_width if x == 0.0 else 0.0
                bottom = (height - page_height) / 2
                _place(side, forms[number], Name(f"/ckpage{number}"),
                       Rectangle(x + inset, bottom, x + inset + page_width, bottom + page_height))
        _describe(sheets, source)
        sheets.trailer.ID = Array([String(identifier), String(identifier)])
        out = io.BytesIO()
        sheets.save(out, min_version=source.pdf_version, fix_metadata_version=False, compress_streams=True,
                    object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
        return out.getvalue()


def _place(side: pikepdf.Page, form: pikepdf.Stream, name: Name, rect: Rectangle) -> None:
    """What Page.add_overlay does, under a name of our own: pikepdf names a resource at random."""
    side.add_resource(form, Name.XObject, name)
    drawing = side.calc_form_xobject_placement(form, name, rect, allow_shrink=True, allow_expand=False)
    side.contents_add(b"q\n" + drawing + b"Q\n", prepend=False)


def _describe(sheets: Pdf, source: Pdf) -> None:
    """The booklet's title, language and dates, so the file says what it is (and no date of its own)."""
    if "/Info" in source.trailer:
        sheets.trailer.Info = sheets.copy_foreign(source.make_indirect(source.trailer.Info))
    if "/Lang" in source.Root:
        sheets.Root.Lang = String(str(source.Root.Lang))
    sheets.Root.ViewerPreferences = pikepdf.Dictionary(Duplex=Name.DuplexFlipShortEdge, PrintScaling=Name("/None"))
