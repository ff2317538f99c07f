"""The handouts' fonts: the theme font (Atkinson Hyperlegible) and the fallbacks for the scripts it lacks
(Arabic, Hebrew, Chinese and Japanese, emoji; see :mod:`toolkit.fallback_fonts`), all from Python packages,
never from the system.

One WeasyPrint ``FontConfiguration`` serves every document this process renders,
and the parsed stylesheets (the fonts, the theme's colours and paper, its print
CSS) are kept per theme and paper, so each document only parses its own HTML.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import re
import shutil
import threading
from functools import lru_cache
from pathlib import Path

_LOCK = threading.Lock()
_FONT_CONFIG = None

_STYLES = {  # file name suffix → (weight, style)
    "regular": ("normal", "normal"), "italic": ("normal", "italic"),
    "bold": ("bold", "normal"), "bolditalic": ("bold", "italic"),
}


def font_config():  # type: ignore[no-untyped-def]
    """The process's one FontConfiguration; the copies of the fonts it makes are removed when the process exits."""
    global _FONT_CONFIG
    with _LOCK:
        if _FONT_CONFIG is None:
            from weasyprint.text.fonts import FontConfiguration

            _FONT_CONFIG = FontConfiguration()
            atexit.register(_remove_font_copies, _FONT_CONFIG, os.getpid())
        return _FONT_CONFIG


def _remove_font_copies(config, owner: int) -> None:  # type: ignore[no-untyped-def]
    """Remove the temporary folder where WeasyPrint copied the fonts.

    WeasyPrint's own clean-up runs only when the configuration is collected, which for ours is at
    interpreter shutdown, when the function it calls is already gone: it printed a traceback and left
    the folder (about 19 MB) behind on every run. A forked worker shares the folder, so only the
    process that made it removes it.
    """
    folder = getattr(config, "_folder", None)
    if os.getpid() != owner or not folder:
        return
    shutil.rmtree(folder, ignore_errors=True)
    config._folder = None  # noqa: SLF001 (so WeasyPrint's clean-up finds nothing left to do)


@lru_cache(maxsize=8)
def font_folder(package: str) -> Path | None:
    """The folder holding the font package's files, or None when it is not installed."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def font_folders(package: str) -> list[Path]:
    """The theme font's package folder (when installed), then the fallback fonts' folders."""
    from toolkit.fallback_fonts import folders

    own = font_folder(package)
    return list(dict.fromkeys([*([own] if own is not None else []), *folders()]))


def font_files(package: str) -> list[tuple[Path, str, str]]:
    """(file, weight, style) for each TrueType or OpenType file of the package."""
    folder = font_folder(package)
    if folder is None:
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".ttf", ".otf") or not path.is_file():
            continue
        suffix = re.sub(r"[^a-z]", "", path.stem.rsplit("-", 1)[-1].lower())
        weight, style = _STYLES.get(suffix, ("normal", "normal"))
        found.append((path, weight, style))
    return found


def font_face_css(family: str, package: str) -> str:
    """`@font-face` rules for the package's files, by file URL (the handout fetcher allows the package folder)."""
    rules = []
    quoted = family.replace("\\", "").replace('"', "")
    for path, weight, style in font_files(package):
        rules.append(f'@font-face {{ font-family: "{quoted}"; src: url("{path.as_uri()}"); '
                     f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules)


def fallback_face_css() -> str:
    """`@font-face` rules for every installed fallback font (the handout fetcher allows their folders)."""
    from toolkit.fallback_fonts import installed

    return "\n".join(f'@font-face {{ font-family: "{fallback.family}"; src: url("{path.as_uri()}"); }}'
                     for fallback, path in installed())
