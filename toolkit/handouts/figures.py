"""Printed figures: the SVG beside a PNG where there is one, sized so its smallest label reaches a floor.

An SVG is untrusted content: it is read only when it passes the media check (no DOCTYPE, entities,
scripts or outside references, within the byte limit) and parsed with defusedxml, which refuses
any DTD, so nothing is fetched or expanded. Only the root's size and the font sizes of its text
are read; a label's size is its font-size (inherited, in any CSS unit) times the scale of the
transforms around it, in the SVG's user units.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.checks.media import inspect_image
from toolkit.limits import Limits
from toolkit.source import SourceLoc

# The smallest size a diagram label may print at, in points, for each kind of print. Large print asks
# 14 pt (the RNIB's large-print minimum; its body text is 18 pt). Standard print asks 10 pt: a label is
# a word or two read beside the drawing it names, not running text, and 10 pt is the smallest NHS
# patient information allows for such notes (body text stays 12 to 14 pt).
LABEL_FLOOR_PT = {"standard": 10.0, "large": 14.0}
PT_PER_PX = 0.75  # CSS: 96 px to the inch, 72 pt
_DEFAULT_FONT_SIZE = 16.0  # `medium`, in user units (CSS px)
_TOLERANCE_PT = 0.05  # rounding in WeasyPrint's layout

_UNITS_PX = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, "q": 96 / 101.6}
_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0, "x-large": 24.0,
             "xx-large": 32.0, "xxx-large": 48.0}
_LENGTH = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]*)\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?", re.IGNORECASE)
_TRANSFORM = re.compile(r"([a-zA-Z]+)\s*\(([^)]*)\)")
_SKIPPED = {"defs", "title", "desc", "metadata", "style", "symbol", "clipPath", "mask", "marker", "pattern"}
_TEXT = {"text", "tspan", "textPath"}


@dataclass(frozen=True)
class Label:
    """A run of text in an SVG and its size in the SVG's user units."""

    text: str
    size: float


@dataclass(frozen=True)
class SvgFigure:
    """What sizing needs of an SVG: its intrinsic size (CSS px), its viewBox, and its smallest label."""

    width: float | None
    height: float | None
    viewbox: tuple[float, float] | None
    smallest: Label | None

    def points_per_unit(self, box_width: float, box_height: float) -> float:
        """How many points one user unit prints at, drawn in a box of ``box_width`` × ``box_height`` px."""
        if self.viewbox is None:
            return PT_PER_PX  # without a viewBox WeasyPrint does not scale the drawing
        return PT_PER_PX * min(box_width / self.viewbox[0], box_height / self.viewbox[1])

    def label_points(self, box_width: float, box_height: float) -> float | None:
        """The smallest label's printed size in a box of that size, in points."""
        return self.smallest.size * self.points_per_unit(box_width, box_height) if self.smallest else None

    def width_for(self, floor: float) -> float | None:
        """The printed width (points) at which the smallest label prints at ``floor``; None when the
        figure has no text, or its size cannot change the labels' (no viewBox)."""
        if self.smallest is None or self.viewbox is None:
            return None
        ratio = self._ratio()
        # Height follows width at the intrinsic ratio; the drawing is fitted into that box.
        per_px_width = min(1 / self.viewbox[0], ratio / self.viewbox[1])
        width_px = floor / (PT_PER_PX * self.smallest.size * per_px_width)
        return math.ceil(width_px * PT_PER_PX * 10 - 1e-6) / 10  # up to a tenth of a point, past float noise

    def _ratio(self) -> float:
        if self.width and self.height:
            return self.height / self.width
        assert self.viewbox is not None
        return self.viewbox[1] / self.viewbox[0]


def print_source(path: Path, limits: Limits, loc: SourceLoc) -> Path:
    """The file to print for the picture at ``path``: the SVG of the same name beside a PNG or JPEG when it
    passes the media check (an SVG prints sharp at any size and its labels can be measured), else ``path``."""
    if path.suffix.lower() == ".svg":
        return path
    svg = path.with_suffix(".svg")
    if not svg.is_file() or svg.is_symlink():
        return path
    return svg if not inspect_image(svg, svg.name, limits, loc) else path


def too_small(figure: SvgFigure, box_width: float, box_height: float, floor: float) -> float | None:
    """The smallest label's printed size when it falls short of ``floor``, else None."""
    size = figure.label_points(box_width, box_height)
    return size if size is not None and size < floor - _TOLERANCE_PT else None


def read_svg(path: Path, limits: Limits) -> SvgFigure | None:
    """The SVG's size and smallest label, or None when it is not a safe, readable SVG."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _read_svg(path, stat.st_mtime_ns, stat.st_size, limits.image_bytes)


@lru_cache(maxsize=64)
def _read_svg(path: Path, mtime: int, size: int, max_bytes: int) -> SvgFigure | None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    if size > max_bytes or inspect_image(path, path.name, Limits(image_bytes=max_bytes), SourceLoc(path)):
        return None
    try:
        root = fromstring(path.read_bytes(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError, OSError):
        return None
    if _local(root.tag) != "svg":
        return None
    viewbox = _viewbox(root.get("viewBox"))
    return SvgFigure(_absolute(root.get("width")), _absolute(root.get("height")), viewbox, _smallest_label(root))


def _smallest_label(root) -> Label | None:  # type: ignore[no-untyped-def]
    """The label with the smallest size, first in document order among equals."""
    smallest: Label | None = None
    # An explicit stack (element, inherited font size, transform scale, inside text): deep nesting cannot
    # exhaust Python's recursion.
    stack = [(root, _DEFAULT_FONT_SIZE, 1.0)]
    while stack:
        element, inherited, scale = stack.pop()
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag in _SKIPPED or _declared(element, "display") == "none":
            continue
        size = _font_size(_declared(element, "font-size"), inherited)
        scale *= _transform_scale(element.get("transform"))
        if tag in _TEXT:
            # Characters straight inside this element, and after each child element, are drawn at its size.
            own = " ".join(part.strip() for part in [element.text or "", *(c.tail or "" for c in element)] if part.strip())
            if own and size * scale > 0 and (smallest is None or size * scale < smallest.size):
                smallest = Label(own, size * scale)
        stack.extend((child, size, scale) for child in reversed(list(element)))
    return smallest


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _declared(element, name: str) -> str | None:  # type: ignore[no-untyped-def]
    """A presentation attribute, or the same property in the element's `style` (which wins)."""
    value = element.get(name)
    for declaration in (element.get("style") or "").split(";"):
        key, _, given = declaration.partition(":")
        if key.strip().lower() == name and given.strip():
            value = given.replace("!important", "").strip()
    return value


def _font_size(value: str | None, inherited: float) -> float:
    """A font-size in user units, from its CSS value and the parent's size; unknown values inherit."""
    if value is None:
        return inherited
    value = value.strip().lower()
    if value in _KEYWORDS:
        return _KEYWORDS[value]
    if value == "smaller":
        return inherited / 1.2
    if value == "larger":
        return inherited * 1.2
    match = _LENGTH.match(value)
    if not match:
        return inherited
    number, unit = float(match.group(1)), match.group(2)
    if number < 0:
        return inherited
    if unit == "em":
        return number * inherited
    if unit == "%":
        return number * inherited / 100
    if unit == "rem":
        return number * _DEFAULT_FONT_SIZE
    if unit == "ex":
        return number * inherited / 2
    return number * _UNITS_PX[unit] if unit in _UNITS_PX else inherited


def _transform_scale(value: str | None) -> float:
    """How much a `transform` scales lengths: the square root of its area scale."""
    if not value:
        return 1.0
    area = 1.0
    for name, arguments in _TRANSFORM.findall(value):
        numbers = [float(n) for n in _NUMBER.findall(arguments)]
        name = name.lower()
        if name == "matrix" and len(numbers) == 6:
            area *= numbers[0] * numbers[3] - numbers[1] * numbers[2]
        elif name == "scale" and numbers:
            area *= numbers[0] * (numbers[1] if len(numbers) > 1 else numbers[0])
    return math.sqrt(abs(area))


def _absolute(value: str | None) -> float | None:
    """A length of the root (`width`, `height`) in CSS px, or None for a percentage or nothing."""
    if value is None:
        return None
    match = _LENGTH.match(value)
    if not match or match.group(2).lower() not in _UNITS_PX:
        return None
    length = float(match.group(1)) * _UNITS_PX[match.group(2).lower()]
    return length if length > 0 else None


def _viewbox(value: str | None) -> tuple[float, float] | None:
    numbers = [float(n) for n in _NUMBER.findall(value or "")]
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return None
    return numbers[2], numbers[3]


@dataclass(frozen=True)
class LaidOutFigure:
    """A picture file as WeasyPrint laid it out: its address and the size of its box, in CSS px."""

    url: str
    width: float
    height: float


def laid_out_figures(document) -> list[LaidOutFigure]:  # type: ignore[no-untyped-def]
    """Every SVG picture file in a rendered WeasyPrint document, with the size it prints at."""
    from weasyprint.formatting_structure.boxes import ReplacedBox

    found = []
    for page in document.pages:
        for box in page._page_box.descendants():  # WeasyPrint keeps each page's laid-out boxes here
            if not isinstance(box, ReplacedBox) or box.element is None or box.element_tag != "img":
                continue
            src = box.element.get("src") or ""
            if src.startswith("file:") and src.lower().endswith(".svg"):
                found.append(LaidOutFigure(src, float(box.width), float(box.height)))
    return found
