"""Fonts for the scripts the theme font lacks: Arabic, Hebrew, Chinese and Japanese, and emoji.

The theme font (Atkinson Hyperlegible by default) covers Latin only. These
fonts come from Python packages that coursekit depends on, like the theme font,
so every output looks the same on every machine and nothing is fetched while
building:

- ``manimgx-fonts``: Noto Sans Arabic, Noto Sans Hebrew and Noto Emoji (monochrome, right for print);
- ``noto-cjk-sans-jp-regular``: Noto Sans CJK JP, which also covers the Chinese characters.

Each renderer puts them after the theme font: the site and the handouts in the
CSS font stack (with `@font-face` rules pointing at these files), the decks as
the runs' East Asian (`a:ea`) and complex-script (`a:cs`) typefaces, and the
slide fitter measures a character the theme font lacks with the metrics of the
first fallback that has it.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Fallback:
    """One fallback font: its family name, the package and file it comes in, and its role in Office text."""

    family: str
    package: str     # the import name of the package that ships the file
    file: str        # the file's name inside the package folder
    role: str        # "cs" (complex script: Arabic, Hebrew), "ea" (East Asian) or "emoji"
    # The characters a browser needs the font for (the site's `unicode-range`, so a page in English never
    # downloads the fonts of other scripts).
    unicode_range: str = ""


# In the order a character missing from the theme font is looked for.
FALLBACKS: tuple[Fallback, ...] = (
    Fallback("Noto Sans Arabic", "manimgx_fonts", "NotoSansArabic[wght].ttf", "cs",
             "U+0600-06FF, U+0750-077F, U+0870-08FF, U+200C-200F, U+FB50-FDFF, U+FE70-FEFF"),
    Fallback("Noto Sans Hebrew", "manimgx_fonts", "NotoSansHebrew[wght].ttf", "cs",
             "U+0590-05FF, U+200C-200F, U+FB1D-FB4F"),
    Fallback("Noto Emoji", "manimgx_fonts", "NotoEmoji[wght].ttf", "emoji",
             "U+00A9, U+00AE, U+200D, U+203C, U+2049, U+2122, U+2139, U+2194-21AA, U+231A-23FF, U+24C2, "
             "U+25AA-25FE, U+2600-27BF, U+2934-2935, U+2B05-2B55, U+3030, U+303D, U+3297, U+3299, U+FE0F, "
             "U+1F000-1FAFF, U+E0020-E007F"),
    Fallback("Noto Sans CJK JP", "noto_cjk_sans_jp_regular", "NotoSansCJKjp-Regular.otf", "ea",
             "U+2E80-2FDF, U+3000-30FF, U+3190-31FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, "
             "U+FF00-FFEF, U+20000-2FA1F"),
)

EAST_ASIAN = next(f.family for f in FALLBACKS if f.role == "ea")
ARABIC = "Noto Sans Arabic"
HEBREW = "Noto Sans Hebrew"


@lru_cache(maxsize=16)
def package_folder(package: str) -> Path | None:
    """The folder of an installed package, or None when it is not installed."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def fallback_path(fallback: Fallback) -> Path | None:
    """The font file of ``fallback``, or None when its package is not installed."""
    folder = package_folder(fallback.package)
    if folder is None:
        return None
    path = folder / fallback.file
    return path if path.is_file() else None


def installed() -> list[tuple[Fallback, Path]]:
    """Every fallback whose file is installed, in order."""
    return [(fallback, path) for fallback in FALLBACKS if (path := fallback_path(fallback)) is not None]


def folders() -> list[Path]:
    """The folders the fallback fonts are in (the handout fetcher may read them)."""
    return list(dict.fromkeys(path.parent for _, path in installed()))


def css_families(family: str) -> str:
    """The theme font and each installed fallback, quoted and separated by commas, as CSS names them."""
    names = [family.replace("\\", "").replace('"', ""), *(f.family for f, _ in installed())]
    return ", ".join(f'"{name}"' for name in names)


def css_stack(family: str, generic: str = "sans-serif") -> str:
    """A CSS `font-family` value: the theme font, then each installed fallback, then ``generic``."""
    return f"{css_families(family)}, {generic}"


def complex_script_family(text: str) -> str:
    """The complex-script typeface for a run of text: Hebrew when it has Hebrew letters, else Arabic."""
    return HEBREW if any("\u0590" <= ch <= "\u05ff" or "\ufb1d" <= ch <= "\ufb4f" for ch in text) else ARABIC


def starts_right_to_left(text: str) -> bool:
    """Whether the first letter with a direction in ``text`` is written right to left (Hebrew, Arabic)."""
    import unicodedata

    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
