"""pydyf's page references kept per page count (toolkit/handouts/page_index.py): the same PDF bytes, far fewer listings."""

from __future__ import annotations

import io
from pathlib import Path

import pydyf
import pytest
from pypdf import PdfReader

from toolkit.handouts import page_index
from toolkit.handouts.fetcher import ProjectFetcher
from toolkit.handouts.writer import render_pdf

# Enough tagged elements (headings, paragraphs, lists) over enough pages for the listings to add up.
HTML = "<html lang='en'><head><title>Pages</title></head><body>" + "".join(
    f"<h2>Part {n}</h2><p>{'Walk a little further each day. ' * 40}</p><ul><li>One</li><li>Two</li></ul>"
    for n in range(40)) + "</body></html>"


def _render(tmp_path: Path) -> bytes:
    return render_pdf(HTML, base_url=tmp_path.as_uri() + "/", fetcher=ProjectFetcher([tmp_path]), sheets=[],
                      identifier=b"page-index-test")[0]


def test_kept_page_references_give_the_same_bytes_with_far_fewer_listings(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert page_index.install()
    original = page_index.REPLACED
    assert original is not None and original.fget is not None
    listings: list[object] = []

    def counted(pdf):  # type: ignore[no-untyped-def]
        listings.append(pdf)
        return original.fget(pdf)

    # The kept list, built from a counted listing.
    monkeypatch.setattr(page_index, "REPLACED", None)
    monkeypatch.setattr(pydyf.PDF, "page_references", property(counted))
    assert page_index.install()
    kept = _render(tmp_path)
    kept_listings = len(listings)
    # pydyf's own property, counted the same way.
    listings.clear()
    monkeypatch.setattr(pydyf.PDF, "page_references", property(counted))
    own = _render(tmp_path)
    assert kept == own
    pages = len(PdfReader(io.BytesIO(kept)).pages)
    assert pages >= 5
    # Once per page added (the list changes) at most, against once per tagged element.
    assert kept_listings <= pages + 1 < 10 * pages < len(listings), (kept_listings, pages, len(listings))
