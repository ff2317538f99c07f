"""A PDF's page references, listed once per page count instead of once per tagged element.

WeasyPrint asks pydyf for ``PDF.page_references[n]`` for every element of the
tag tree, and pydyf builds the whole list of pages each time, so writing
grows with the square of the page count (a 280-page booklet: 5.4 s of
writing, 4.7 s with the list kept). :func:`install` keeps the
list with the PDF until a page is added; the references, and so the bytes,
are the same. It changes pydyf only in this process, and only once.
"""

from __future__ import annotations

from typing import Any

REPLACED: property | None = None  # pydyf's own property, once install() has replaced it


def install() -> bool:
    """Make ``pydyf.PDF.page_references`` remember its list; False when pydyf has no such property."""
    global REPLACED
    if REPLACED is not None:
        return True
    import pydyf

    original = getattr(pydyf.PDF, "page_references", None)
    if not isinstance(original, property) or original.fget is None:
        return False
    listing = original.fget

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        kept = pdf.__dict__.get("_coursekit_page_references")
        # Pages are only ever added, to the same list: its length says whether the kept list is current.
        if kept is not None and kept[0] is kids and kept[1] == len(kids):
            return kept[2]
        references = listing(pdf)
        pdf.__dict__["_coursekit_page_references"] = (kids, len(kids), references)
        return references

    pydyf.PDF.page_references = property(page_references, doc=original.__doc__)
    REPLACED = original
    return True
