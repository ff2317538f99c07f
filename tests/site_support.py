"""Helpers for the course-site tests: build a project's site once, read its pages, serve it locally."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from toolkit.check import run_check
from toolkit.diagnostics import Diagnostics
from toolkit.proof.screens import served
from toolkit.site import copy_downloads, render_site
from toolkit.site.engines import DEFAULT_ENGINE
from toolkit.site.pages import DOWNLOAD_FOLDERS, find_downloads

REPO = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "site-hostile"
EPOCH = "1764547200"  # 2025-12-01, any fixed date will do


def build(root: Path, site_dir: Path, strict: bool = False, site_url: str | None = None,
          engine: str = DEFAULT_ENGINE, documents: Path | None = None) -> Diagnostics:
    """The project's site, built in-process as `coursekit build --only site` does, at a fixed date, by ``engine``.

    ``documents`` is the output folder of a build of the decks and handouts: the site offers them and they are
    copied into it, as `coursekit build` does when it makes them beside the site.
    """
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        if documents is None:
            return render_site(root, site_dir, strict=strict, site_url=site_url, engine=engine)
        offered = tuple(sorted(path.resolve() for folder in DOWNLOAD_FOLDERS for path in (documents / folder).rglob("*")
                               if path.is_file()))
        found = render_site(root, site_dir, strict=strict, site_url=site_url, engine=engine,
                            downloads=documents.resolve(), offered=offered)
        if not found.errors:
            for course in run_check(root).project.courses:
                copy_downloads(find_downloads(course, documents.resolve(), offered), site_dir)
        return found
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def pages(site: Path) -> list[str]:
    """Every page of a built site, as a path below the site's root URL (`course/module/`)."""
    found = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        found.append("" if relative == "." else relative + "/")
    return found


class Elements(HTMLParser):
    """Every start tag of a document with its attributes, and the text inside `<article>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None], bool]] = []  # (tag, attrs, inside article)
        self._article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article += 1
        self.tags.append((tag, dict(attrs), self._article > 0))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs), self._article > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article:
            self._article -= 1


def elements(html: str) -> list[tuple[str, dict[str, str | None], bool]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.tags


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(site: Path, port: int = 0) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (as the proof serves it); yields its base URL."""
    with served(site, port) as origin:
        yield origin + "/"
