"""The only way a handout render may load anything: data: URLs, QR codes and regular files in allowed folders.

WeasyPrint asks this fetcher for every image, stylesheet and font, including
those an SVG picture refers to. Files are served only when their real path (links
followed) lies inside the project, the theme or a font package, and is an
ordinary file. Anything else (http, ftp, a file outside those folders, a folder,
a device) stops the render with :class:`FetchRefused`, which the builder turns
into a located diagnostic. A `ck-qr:` address is a QR code, drawn here (so a
handout taken from the cache never draws its codes).
"""

from __future__ import annotations

import base64
import io
import mimetypes
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from toolkit.handouts.compose import QR_IMAGE

MAX_BYTES = 50 * 1024 * 1024


class FetchRefused(FatalURLFetchingError):
    """A handout asked for something it may not load; stops WeasyPrint's render."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.url = url
        self.reason = reason


class ProjectFetcher(URLFetcher):
    """Serves `data:` URLs and regular files inside ``roots``; refuses everything else."""

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.roots = tuple(dict.fromkeys(Path(root).resolve() for root in roots))
        self.served: list[str] = []
        # Every refusal, with how many files had been served before it (WeasyPrint swallows
        # errors while drawing SVG pictures, so the builder reads refusals from here).
        self.refused: list[tuple[FetchRefused, int]] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:  # type: ignore[override]
        try:
            return self._fetch(url)
        except FetchRefused as refused:
            self.refused.append((refused, len(self.served)))
            raise

    def _fetch(self, url: str) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return _data_url(url)
        if url.startswith(QR_IMAGE):
            return URLFetcherResponse(url, qr_svg(unquote(url.removeprefix(QR_IMAGE))), {"Content-Type": "image/svg+xml"})
        if scheme != "file":
            raise FetchRefused(url, "a handout may not load anything from the web or another address")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(url, "a handout may not load files from another computer")
        path = Path(url2pathname(unquote(parts.path)))
        if not path.is_absolute():
            raise FetchRefused(url, "a handout may only load files by their full path")
        resolved = path.resolve()
        if not any(resolved.is_relative_to(root) for root in self.roots):
            raise FetchRefused(url, "a handout may not load files outside the project, its theme and its fonts")
        if not resolved.is_file():
            raise FetchRefused(url, "a handout may only load ordinary files")
        if resolved.stat().st_size > MAX_BYTES:
            raise FetchRefused(url, "the file is too large for a handout")
        body = resolved.read_bytes()
        self.served.append(url)
        mime = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        return URLFetcherResponse(resolved.as_uri(), body, {"Content-Type": mime})


@lru_cache(maxsize=1024)  # a module's address is in its handout, its large print and the booklet
def qr_svg(url: str) -> bytes:
    """A QR code for ``url`` as SVG; the same address always gives the same bytes."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="svg", scale=4, border=4, dark="#000000", light="#ffffff")
    return buffer.getvalue()


def _data_url(url: str) -> URLFetcherResponse:
    header, comma, payload = url[5:].partition(",")
    if not comma:
        raise FetchRefused(url[:60], "a `data:` address without data")
    params = header.split(";")
    is_base64 = params[-1].lower() == "base64"
    if is_base64:
        params = params[:-1]
    mime = params[0] or "text/plain"
    try:
        body = base64.b64decode(unquote(payload), validate=False) if is_base64 else unquote_to_bytes(payload)
    except ValueError:
        raise FetchRefused(url[:60], "a `data:` address that cannot be read") from None
    headers = {"Content-Type": ";".join([mime, *params[1:]])}
    return URLFetcherResponse(url, body, headers)
