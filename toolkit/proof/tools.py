"""The programs a proof draws with, both optional: LibreOffice prints the decks, Chromium shows the site."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass


@dataclass(frozen=True)
class Tool:
    """An outside program, where it is (None when missing), and what a missing one costs the proof."""

    name: str
    path: str | None
    leaves_out: str
    install: str

    @property
    def found(self) -> bool:
        return self.path is not None


def libreoffice() -> Tool:
    """LibreOffice Impress, which opens each real .pptx and prints it to PDF as PowerPoint users see it."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    return Tool("LibreOffice", path, "the slides",
                "install Debian's `libreoffice-impress` (sudo apt-get install libreoffice-impress)")


def chromium() -> Tool:
    """Debian's Chromium, driven by Playwright (never a browser Playwright downloads), for the phone screens."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        return Tool("Chromium", None, "the site's phone screens",
                    "install Debian's `chromium` (sudo apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        return Tool("Playwright", None, "the site's phone screens",
                    "install coursekit's proof extra (pip install 'coursekit[proof]'), which brings Playwright")
    return Tool("Chromium", path, "the site's phone screens", "")
