"""The proof's PDF: the HTML drawn by WeasyPrint, then each PDF page set into its frame by qpdf (pikepdf).

A page is set in as a form XObject, so it stays vector (sharp at any zoom) and a document's fonts are
copied once however many of its pages are shown. It is marked as an artifact: its caption names it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

from toolkit.proof.layout import Sheet

# Prefix of the XObject names of the pages set in: the tests count them.
THUMBNAIL_PREFIX = "Thumb"


def render(html: str, stylesheet: str, roots: Sequence[Path], base_url: str,
           sheet_count: int) -> tuple[bytes, int, list[int], list[str]]:
    """The proof's PDF from its HTML, its page count, the page each of its ``sheet_count`` sheets (``sheet-N``) landed on,
    and what WeasyPrint warned."""
    from weasyprint import CSS, DEFAULT_OPTIONS, HTML

    from toolkit.handouts.fetcher import ProjectFetcher
    from toolkit.handouts.fonts import fallback_face_css, font_config
    from toolkit.handouts.writer import PDF_VARIANT, captured_weasyprint_logs

    fetcher = ProjectFetcher(roots)
    config = font_config()
    with captured_weasyprint_logs() as records:
        sheets = [CSS(string=f"{fallback_face_css()}\n{stylesheet}", url_fetcher=fetcher, font_config=config)]
        options = {**DEFAULT_OPTIONS, "stylesheets": sheets, "pdf_variant": PDF_VARIANT,
                   "pdf_identifier": hashlib.sha256(html.encode()).hexdigest()[:32].encode(), "pdf_tags": True}
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(font_config=config, **options)
        pdf = document.write_pdf(**options)
    pages: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            pages.setdefault(anchor, index)
    found = [pages.get(f"sheet-{number}", -1) for number in range(sheet_count)]
    return pdf, len(document.pages), found, [record.getMessage() for record in records]


def set_pages(pdf: bytes, sheets: Sequence[Sheet], sheet_pages: Sequence[int]) -> bytes:
    """``pdf`` with every PDF page the sheets show set into its frame; the same input gives the same bytes."""
    import pikepdf

    proof = pikepdf.open(io.BytesIO(pdf))
    sources: dict[Path, pikepdf.Pdf] = {}
    try:
        for sheet, index in zip(sheets, sheet_pages):
            page = proof.pages[index]
            _own_resources(proof, page)
            # WeasyPrint's drawing leaves its transformation (a flip) in force: draw after it, not under it.
            page.contents_add(pikepdf.Stream(proof, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(proof, b"\nQ\n"), prepend=False)
            height = float(page.mediabox[3]) - float(page.mediabox[1])
            for placed in sheet.placed:
                picture = placed.picture
                if not picture.is_pdf:
                    continue
                source = sources.get(picture.source)
                if source is None:
                    source = sources[picture.source] = pikepdf.open(picture.source)
                form = proof.copy_foreign(source.pages[picture.page].as_form_xobject())
                name = page.add_resource(form, pikepdf.Name.XObject, prefix=THUMBNAIL_PREFIX)
                r = placed.rect
                box = pikepdf.Rectangle(r.x, height - r.y - r.height, r.x + r.width, height - r.y)
                drawn = page.calc_form_xobject_placement(form, name, box, allow_shrink=True, allow_expand=True)
                page.contents_add(pikepdf.Stream(proof, b"/Artifact BMC q " + drawn + b" Q EMC"), prepend=False)
        out = io.BytesIO()
        proof.save(out, deterministic_id=True, compress_streams=True,
                   object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
    finally:
        for source in sources.values():
            source.close()
        proof.close()


def _own_resources(proof, page) -> None:  # type: ignore[no-untyped-def]
    """Give the page its own resources and XObject dictionaries: WeasyPrint's pages share theirs, and each
    sheet names only its own pictures."""
    import pikepdf

    shared = page.obj.get("/Resources", pikepdf.Dictionary())
    own = pikepdf.Dictionary({key: value for key, value in shared.items()})
    xobjects = shared.get("/XObject")
    own.XObject = pikepdf.Dictionary({key: value for key, value in xobjects.items()}) if xobjects is not None else pikepdf.Dictionary()
    page.obj.Resources = own
