"""The last steps of a document made in pieces (the booklet, the guide), once its pieces are rendered: the
front, the running footer, and the join.

The pieces (one per module, and the booklet's glossary or the guide's
checklist of materials) are rendered, and cached, on their own by the
build's pool of workers; these last steps follow in the same pool, in one
job, as soon as the pieces are done. Their page counts give where
each starts, so the front (cover and contents) can list those pages; the
front is rendered with its own length as noted in the cache last time (or
one page), and again if that was wrong. A document of the footer alone, with
as many pages as the whole, gives the page numbers; pdf_join.py lays it
over the pages. The front and footer are cached by their HTML, so a build in
which no piece changed its length renders neither.

The booklet is printed to fold, so its page count must be a multiple of
four: after the glossary come as many pages for notes as that takes, then
the back cover (the back piece), never blank pages inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.diagnostics import Diagnostics

if TYPE_CHECKING:
    from toolkit.handouts.compose import ComposedDocument, PiecedDocument
    from toolkit.handouts.pdf_join import Piece

@dataclass
class PieceRenderer:
    """How a document's last pieces are rendered here, and cached: what the handouts builder provides."""

    render: Callable[[ComposedDocument], tuple[bytes | None, Diagnostics]]  # a PDF, or None and why
    cached: Callable[[ComposedDocument], bytes | None]
    store: Callable[[ComposedDocument, bytes], None]
    recall: Callable[[ComposedDocument], int | None]  # the page count last noted for a document's inputs
    note: Callable[[ComposedDocument, int], None]


def piece_path(document: ComposedDocument) -> Path:
    """The name a document is known by while the build runs: its path, and the piece of its document it is."""
    path = Path(document.plan.path)
    return path if document.segment is None else path.with_name(f"{path.name}#{document.segment}")


def assemble(document: PiecedDocument, rendered: dict[Path, bytes], renderer: PieceRenderer,
             pages: dict[Path, int] | None = None) -> tuple[bytes | None, Diagnostics]:
    """The whole document from its rendered pieces (by :func:`piece_path`), or None and why not. ``pages``
    gives the pieces' page counts where they are known, so those pieces are read only by the join."""
    from toolkit.handouts.pdf_join import Piece, join

    found = Diagnostics()
    pieces = []
    for segment in document.segments:
        pdf = rendered.get(piece_path(segment))
        if pdf is None:  # its render failed, and said why
            return None, found
        pieces.append(Piece(segment.segment or "", pdf, (pages or {}).get(piece_path(segment))))
    front = _front(document, pieces, renderer, found)
    if front is None:
        return None, found
    pieces = [front, *pieces]
    if document.folded:
        back = _back(document, sum(piece.pages for piece in pieces), renderer, found)
        if back is None:
            return None, found
        pieces.append(back)
    footer, _ = _rendered(document.footer(sum(piece.pages for piece in pieces)), renderer, found)
    if footer is None:
        return None, found
    return join(pieces, footer, identifier=document.plan.identifier), found


def _back(document: PiecedDocument, before: int, renderer: PieceRenderer, found: Diagnostics) -> Piece | None:
    """The notes pages and back cover that bring a folded document of ``before`` pages to a multiple of four."""
    from toolkit.handouts.pdf_join import Piece

    notes = (-(before + 1)) % 4  # a page each, and a back cover of one page
    for _ in range(2):
        pdf, _ = _rendered(document.back(notes), renderer, found)
        if pdf is None:
            return None
        piece = Piece("back", pdf)
        if (before + piece.pages) % 4 == 0:
            return piece
        # The back cover took more than a page (a long address, say): count the notes pages again from its length.
        notes = (-(before + piece.pages - notes)) % 4
    return piece  # the footer numbers it all the same; the print file's imposition reports the count


def _starts(pieces: list[Piece], front_pages: int) -> dict[str, int]:
    starts: dict[str, int] = {}
    page = front_pages + 1
    for piece in pieces:
        starts[piece.name] = page
        page += piece.pages
    return starts


def _front(document: PiecedDocument, pieces: list[Piece], renderer: PieceRenderer, found: Diagnostics) -> Piece | None:
    """The front, whose contents list the page each piece starts on."""
    from toolkit.handouts.pdf_join import Piece

    skeleton = document.front({})  # its length barely depends on the numbers it lists
    guess = renderer.recall(skeleton) or 1
    tried: set[int] = set()
    quiet = True
    while True:
        tried.add(guess)
        front = document.front(_starts(pieces, guess))
        pdf, problems = _rendered(front, renderer, found, keep=False)
        quiet = quiet and not problems.actionable
        if pdf is None:
            return None
        piece = Piece("front", pdf)
        # The listed numbers could lengthen the front and shorten it again: the second length found stands.
        if piece.pages == guess or piece.pages in tried:
            if quiet:  # kept only when WeasyPrint had nothing to say but information
                renderer.store(front, pdf)
                renderer.note(skeleton, piece.pages)
            return piece
        guess = piece.pages


def _rendered(document: ComposedDocument, renderer: PieceRenderer, found: Diagnostics, *,
              keep: bool = True) -> tuple[bytes | None, Diagnostics]:
    """The document from the cache or rendered, and what its render found (also added to ``found``)."""
    pdf = renderer.cached(document)
    if pdf is not None:
        return pdf, Diagnostics()
    pdf, problems = renderer.render(document)
    found.extend(problems)
    if pdf is not None and not problems.actionable and keep:
        renderer.store(document, pdf)
    return pdf, problems
