"""The built site as a phone shows it: each page in headless Chromium at phone width, cut into screens."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PHONE = (390, 844)      # CSS pixels: a common phone's screen
SCALE = 1.5             # device pixels per CSS pixel: about 250 dpi at the size a sheet prints a screen
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")
PAGE_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class ScreenJob:
    """Some pages of a built site to show at phone size; each page's screens go to ``out/<n>-<k>.png``."""

    chromium: str
    site: Path
    pages: tuple[str, ...]     # paths below the site's root: "" for the home page, "course/module/"
    out: Path
    first: int                 # the number of this job's first page, so the files of jobs never meet

    @property
    def seconds(self) -> float:
        return 2.0 + 1.0 * len(self.pages)

    def run(self) -> ScreenResult:
        """Every page's screens; never raises for what the browser did."""
        self.out.mkdir(parents=True, exist_ok=True)
        try:
            return ScreenResult(tuple(self._capture()))
        except Exception as error:  # noqa: BLE001 (a browser that fails leaves the site out, with the reason)
            return ScreenResult((), f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")

    def _capture(self) -> Iterator[tuple[Path, ...]]:
        from playwright.sync_api import sync_playwright

        with served(self.site) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=self.chromium, args=list(CHROMIUM_ARGS))
            try:
                context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, device_scale_factor=SCALE,
                                              color_scheme="light", reduced_motion="reduce", is_mobile=True,
                                              has_touch=True, service_workers="block")
                # Content is untrusted: the page may load what the site holds, and nothing else.
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin + "/")
                              else route.abort())
                page = context.new_page()
                page.set_default_timeout(PAGE_TIMEOUT_MS)
                for number, path in enumerate(self.pages, start=self.first):
                    page.goto(f"{origin}/{path}", wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    shot = page.screenshot(full_page=True, animations="disabled", caret="hide")
                    yield tuple(_cut(shot, self.out, number))
            finally:
                browser.close()


@dataclass(frozen=True)
class ScreenResult:
    screens: tuple[tuple[Path, ...], ...]  # each page's screens, top to bottom, in the job's order
    failure: str | None = None


def _cut(png: bytes, folder: Path, number: int) -> Iterator[Path]:
    """A full-page shot cut into screen-high PNGs; the last is filled out with white to a whole screen."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    screen = round(PHONE[1] * SCALE)
    for index, top in enumerate(range(0, height, screen)):
        part = Image.new("RGB", (width, screen), "white")
        part.paste(image.crop((0, top, width, min(top + screen, height))), (0, 0))
        path = folder / f"{number:03d}-{index + 1:02d}.png"
        part.save(path, format="PNG", compress_level=6)  # optimize=True would take four times as long for 3% less
        yield path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def served(folder: Path, port: int = 0) -> Iterator[str]:
    """The folder served on this machine's loopback address (a free port unless named), for as long as the
    block runs; yields its origin, `http://127.0.0.1:PORT`."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
