"""Measure text with the theme font's real metrics, so a slide's text is known to fit before it is written.

Widths come from the font's own advance widths (fontTools), not from counting
characters. Lines are broken the way PowerPoint and Impress break them: at
spaces, greedily, with a word longer than the line broken inside itself.
Every paragraph is written with an exact line spacing and space before, so the
height measured here is the height drawn. A character the theme font lacks
(Arabic, Hebrew, Chinese, Japanese, emoji) is measured with the first fallback
font that has it (:mod:`toolkit.fallback_fonts`), the font the deck names for it.

A computer without the theme font draws the text in another one, and on Debian
and Ubuntu LibreOffice's choice, DejaVu Sans, is about 15 % wider. So the decks
are measured with the wider of the two, word by word (:func:`load_metrics`):
text that fits in both fits on either computer. The substitute's widths are kept
in ``toolkit/data/substitute-dejavu-sans.json`` (``scripts/substitute_metrics.py``).
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

EMU_PER_PT = 12700
LINE_SPACING = 1.25      # line pitch as a multiple of the font size, written as exact spacing
SPACE_BEFORE = 0.35      # space before a top-level paragraph, as a multiple of the font size
SPACE_BEFORE_NESTED = 0.15
WIDTH_SAFETY = 1.04      # renderers differ slightly (hinting, substitution); measure a little wide
INDENT_PT = 27.0         # indent per list level, and the hanging indent of a bullet, in points
NUMBER_INDENT_PT = 42.0  # the hanging indent of a number or letter ("12." needs more room than "•")


@dataclass(frozen=True)
class StyledText:
    """A piece of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None   # a web address the text leads to (never measured: it does not change the text)


Style = tuple[bool, bool]  # (bold, italic)
STYLE_NAMES: dict[str, Style] = {"regular": (False, False), "bold": (True, False), "italic": (False, True),
                                 "bolditalic": (True, True)}
SUBSTITUTE = Path(__file__).resolve().parent.parent / "data" / "substitute-dejavu-sans.json"


@dataclass(frozen=True)
class FaceWidths:
    """One face's advance widths by character, its units per em, and the advance of its "M" (the stand-in
    for a character neither it nor a fallback font has)."""

    widths: dict[int, int]
    upm: int
    default: int

    @classmethod
    def read(cls, path: Path) -> FaceWidths:
        font = TTFont(path, lazy=True)
        cmap = font.getBestCmap() or {}
        hmtx = font["hmtx"].metrics
        upm = font["head"].unitsPerEm
        widths = {code: hmtx[glyph][0] for code, glyph in cmap.items() if glyph in hmtx}
        return cls(widths, upm, hmtx.get(cmap.get(ord("M"), ".notdef"), (upm, 0))[0])


class FontMetrics:
    """Advance widths and line metrics of one font family (regular, bold, italic, bold italic).

    ``also`` are other fonts the same text may be drawn in (a computer without this font substitutes one):
    every width is then the widest of them all.
    """

    def __init__(self, family: str, faces: Mapping[Style, Path | FaceWidths],
                 also: tuple[FontMetrics, ...] = ()) -> None:
        self.family = family
        self.also = also
        self._widths: dict[Style, FaceWidths] = {
            style: face if isinstance(face, FaceWidths) else FaceWidths.read(face) for style, face in faces.items()}
        if (False, False) not in self._widths:
            raise ValueError(f"the font {family!r} has no regular face")
        self._ems: dict[tuple[str, bool, bool], float] = {}  # a course repeats its words

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The width of ``text`` at ``size`` points, in points (the widest of this font and ``also``)."""
        return self.em(text, bold, italic) * size * WIDTH_SAFETY

    def em(self, text: str, bold: bool = False, italic: bool = False) -> float:
        """The width of ``text`` in ems, in the widest of this font and ``also``."""
        known = self._ems.get((text, bold, italic))
        if known is None:
            face = self._widths.get((bold, italic)) or self._widths.get((bold, False)) or self._widths[(False, False)]
            widths = face.widths
            try:
                units: float = sum(widths[ord(ch)] for ch in text)
            except KeyError:  # a character the font lacks
                units = sum(widths[ord(ch)] if ord(ch) in widths else _missing_width(ord(ch), face.upm, face.default)
                            for ch in text)
            known = units / face.upm
            for other in self.also:
                known = max(known, other.em(text, bold, italic))
            self._ems[(text, bold, italic)] = known
        return known


def _missing_width(code: int, upm: int, default: int) -> float:
    """The advance, in units of a font with ``upm`` units per em, of a character that font lacks: none for a
    mark or format character, else the first fallback font's, else ``default``."""
    if unicodedata.category(chr(code)) in ("Mn", "Me", "Cf"):
        return 0.0
    em = _fallback_em(code)
    return default if em is None else em * upm


@lru_cache(maxsize=None)
def _fallback_em(code: int) -> float | None:
    """The advance of ``code`` in the first fallback font that has it, as a fraction of an em."""
    from toolkit.fallback_fonts import installed

    for _, path in installed():
        cmap, advances, upm = _fallback_tables(path)
        glyph = cmap.get(code)
        if glyph is not None and glyph in advances:
            return advances[glyph][0] / upm
    return None


@lru_cache(maxsize=8)
def _fallback_tables(path: Path) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    """A fallback font's character map, advances and units per em, read the first time a character needs it."""
    font = TTFont(path, lazy=True)
    return font.getBestCmap() or {}, font["hmtx"].metrics, font["head"].unitsPerEm


def font_faces(package: str) -> dict[tuple[bool, bool], Path]:
    """The TTF files of a font package's ``files/`` folder, by (bold, italic)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"the font package {package!r} is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "files"
    faces: dict[tuple[bool, bool], Path] = {}
    for path in sorted(folder.glob("*.[tT][tT][fF]")):
        style = path.stem.rsplit("-", 1)[-1].lower() if "-" in path.stem else "regular"
        key = STYLE_NAMES.get(style)
        if key is not None:
            faces.setdefault(key, path)
    if (False, False) not in faces and folder.is_dir():
        first = next(iter(sorted(folder.glob("*.[tT][tT][fF]"))), None)
        if first is not None:
            faces[(False, False)] = first
    if not faces:
        raise LookupError(f"the font package {package!r} has no TTF files in {folder}")
    return faces


@lru_cache(maxsize=1)
def substitute_metrics() -> FontMetrics:
    """The widths of DejaVu Sans, the font LibreOffice draws on Debian and Ubuntu when the theme font is
    missing (read from the table ``scripts/substitute_metrics.py`` made; no font file is needed)."""
    table = json.loads(SUBSTITUTE.read_text(encoding="utf-8"))
    faces: dict[Style, FaceWidths] = {}
    for name, face in table["faces"].items():
        widths = {first + i: advance for first, advances in face["advances"] for i, advance in enumerate(advances)}
        faces[STYLE_NAMES[name]] = FaceWidths(widths, int(face["units_per_em"]), widths.get(ord("M"), face["units_per_em"]))
    return FontMetrics(str(table["family"]), faces)


@lru_cache(maxsize=8)
def load_metrics(package: str, family: str = "", substitute: bool = True) -> FontMetrics:
    """The metrics of the theme font shipped in ``package`` (cached); with ``substitute``, every width is
    the wider of the theme font's and its substitute's (:func:`substitute_metrics`), as the decks are fitted."""
    return FontMetrics(family or package, font_faces(package), also=(substitute_metrics(),) if substitute else ())


def _words(runs: tuple[StyledText, ...]) -> list[list[tuple[str, bool, bool]] | None]:
    """Runs split into words (each a list of styled pieces); None marks a forced line break."""
    words: list[list[tuple[str, bool, bool]] | None] = []
    current: list[tuple[str, bool, bool]] = []
    for run in runs:
        buffer = ""
        for ch in run.text:
            if ch in " \t\n":
                if buffer:
                    current.append((buffer, run.bold, run.italic))
                    buffer = ""
                if current:
                    words.append(current)
                    current = []
                if ch == "\n":
                    words.append(None)
            else:
                buffer += ch
        if buffer:
            current.append((buffer, run.bold, run.italic))
    if current:
        words.append(current)
    return words


@lru_cache(maxsize=1 << 16)  # the planner measures a paragraph at several sizes, and the workshop deck again
def count_lines(runs: tuple[StyledText, ...], width: float, size: float, metrics: FontMetrics) -> int:
    """How many lines ``runs`` take in a column ``width`` points wide at ``size`` points."""
    if width <= 0:
        return 10**6
    space = metrics.width(" ", size)
    lines, line_width = 1, 0.0
    for word in _words(runs):
        if word is None:
            lines, line_width = lines + 1, 0.0
            continue
        w = sum(metrics.width(text, size, bold, italic) for text, bold, italic in word)
        if line_width == 0.0:
            pass
        elif line_width + space + w <= width:
            line_width += space + w
            continue
        else:
            lines += 1
        if w <= width:
            line_width = w
            continue
        # A word wider than the column is broken where it reaches the edge.
        line_width = 0.0
        for text, bold, italic in word:
            for ch in text:
                cw = metrics.width(ch, size, bold, italic)
                if line_width + cw > width and line_width > 0:
                    lines += 1
                    line_width = 0.0
                line_width += cw
    return lines


def line_pitch(size: float) -> float:
    """The exact line spacing written for text of ``size`` points."""
    return round(size * LINE_SPACING, 1)


def space_before(size: float, level: int) -> float:
    return round(size * (SPACE_BEFORE if level == 0 else SPACE_BEFORE_NESTED), 1)


def paragraph_height(runs: tuple[StyledText, ...], width: float, size: float, level: int,
                     metrics: FontMetrics, first: bool) -> float:
    """The height of one paragraph, including the space before it (none for the first)."""
    lines = count_lines(runs, width, size, metrics)
    return lines * line_pitch(size) + (0.0 if first else space_before(size, level))
