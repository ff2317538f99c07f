#!/usr/bin/env python3
"""Draw the foot check picture for the sample course "Looking after your feet when you have diabetes".

Writes `courses/diabetes-foot-care/media/foot-check-map.svg`, with its labels as real text (so
printed handouts can size the picture by its smallest label), and the PNG copy beside it that
slides need: the top and the sole of a right foot, with numbered red circles on the five places
to look each day and a key beside them. The PNG is drawn with Pillow and the theme's font
(Atkinson Hyperlegible, from the fontpkg package the project already installs), so the same
versions draw the same bytes; the SVG is text written the same way every time.

    python scripts/draw_foot_check_map.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import fontpkg_atkinson_hyperlegible
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "courses" / "diabetes-foot-care" / "media" / "foot-check-map.svg"
FONTS = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"

# Drawn at twice the size, then shrunk, for smooth edges.
SCALE = 2
WIDTH, HEIGHT = 1200, 860

INK = (17, 17, 17)
WHITE = (255, 255, 255)
SKIN = (246, 227, 212)
NAIL = (255, 246, 240)
PAD = (236, 205, 186)
ALERT = (176, 0, 32)
GLASS = (205, 226, 245)
MUTED = (85, 85, 85)

# The key's words, one tuple of lines for each numbered place.
PLACES = (
    ("Between", "your toes"),
    ("Toe tips", "and nails"),
    ("Ball of", "your foot"),
    ("Heel",),
    ("Sides of", "your foot"),
)

# Type sizes, in drawing units (the picture is 1200 wide). The smallest is 38: at the width of an A5
# page's text it still prints at 10 pt, and it reaches large print's 14 pt well inside an A4 column.
LABEL = 38
HEADING = 42
KEY_LINE = 46  # the distance between the two lines of a key entry
MARKER_R = 30


RGB = tuple[int, int, int]
# A shape of the foot's silhouette: ("ellipse", cx, cy, rx, ry) or ("polygon", x1, y1, x2, y2, ...).
Shape = tuple


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size * SCALE)


def s(*values: float) -> list[float]:
    """Scale drawing coordinates to the supersampled canvas."""
    return [v * SCALE for v in values]


def ellipse_box(cx: float, cy: float, rx: float, ry: float) -> list[float]:
    return s(cx - rx, cy - ry, cx + rx, cy + ry)


def hex_colour(colour: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def foot_shapes(cx: float, top: float, big_toe_left: bool) -> list[Shape]:
    """The silhouette of a right foot: toes, forefoot, arch and heel."""
    side = -1 if big_toe_left else 1  # which way the big toe (inner side) lies
    forefoot_y, heel_y = top + 230, top + 560
    # The midfoot: wide on the outer side, a gentle curve in on the arch side.
    outer, inner = cx - side * 124, cx + side * 112
    return [
        ("ellipse", cx, forefoot_y, 128, 120),
        ("ellipse", cx + side * 10, heel_y, 86, 100),
        ("polygon", outer, forefoot_y, inner, forefoot_y, inner - side * 28, top + 420,
         cx + side * 92, heel_y, cx - side * 72, heel_y, outer + side * 18, top + 420),
        *(("ellipse", x, y, rx, ry) for x, y, rx, ry in toes(cx, top, side)),
    ]


def toes(cx: float, top: float, side: int) -> list[tuple[float, float, float, float]]:
    """Centre and radii of each toe, big toe first."""
    return [
        (cx + side * 88, top + 95, 40, 54),
        (cx + side * 22, top + 80, 28, 40),
        (cx - side * 30, top + 92, 25, 36),
        (cx - side * 76, top + 112, 23, 32),
        (cx - side * 114, top + 140, 20, 28),
    ]


class PillowPainter:
    """Draws on a supersampled Pillow canvas (the PNG copy)."""

    def __init__(self) -> None:
        self.canvas = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), WHITE)
        self.draw = ImageDraw.Draw(self.canvas)

    def silhouette(self, shapes: list[Shape]) -> None:
        """Fill the shapes' union with skin colour and outline it in ink."""
        mask = Image.new("L", self.canvas.size, 0)
        draw = ImageDraw.Draw(mask)
        for shape in shapes:
            if shape[0] == "ellipse":
                draw.ellipse(ellipse_box(*shape[1:]), fill=255)
            else:
                draw.polygon(s(*shape[1:]), fill=255)
        grown = mask.filter(ImageFilter.MaxFilter(4 * SCALE + 1))
        self.canvas.paste(INK, (0, 0), grown)
        self.canvas.paste(SKIN, (0, 0), mask)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: RGB | None = None,
                outline: RGB | None = None, width: float = 0) -> None:
        self.draw.ellipse(ellipse_box(cx, cy, rx, ry), fill=fill, outline=outline, width=round(width * SCALE))

    def rounded_rectangle(self, x0: float, y0: float, x1: float, y1: float, radius: float, fill: RGB,
                          outline: RGB, width: float) -> None:
        self.draw.rounded_rectangle(s(x0, y0, x1, y1), radius=radius * SCALE, fill=fill, outline=outline,
                                    width=round(width * SCALE))

    def line(self, x0: float, y0: float, x1: float, y1: float, fill: RGB, width: float) -> None:
        self.draw.line(s(x0, y0, x1, y1), fill=fill, width=round(width * SCALE))

    def text(self, x: float, y: float, words: str, size: int, fill: RGB, bold: bool = False,
             centred: bool = True) -> None:
        """Words with their middle (or, not centred, their left end) at x, their middle height at y."""
        self.draw.text(s(x, y), words, font=font(size, bold), fill=fill, anchor="mm" if centred else "lm")

    def image(self) -> Image.Image:
        return self.canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


class SvgPainter:
    """Writes the same drawing as SVG elements, its words as text."""

    def __init__(self) -> None:
        self.parts: list[str] = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{hex_colour(WHITE)}"/>']

    @staticmethod
    def _shape(shape: Shape, style: str) -> str:
        if shape[0] == "ellipse":
            _, cx, cy, rx, ry = shape
            return f'<ellipse cx="{cx:g}" cy="{cy:g}" rx="{rx:g}" ry="{ry:g}" {style}/>'
        points = " ".join(f"{x:g},{y:g}" for x, y in zip(shape[1::2], shape[2::2]))
        return f'<polygon points="{points}" {style}/>'

    def silhouette(self, shapes: list[Shape]) -> None:
        # Every shape stroked in ink, then every shape filled on top: only the outline of their union shows.
        ink = hex_colour(INK)
        self.parts += [self._shape(shape, f'fill="{ink}" stroke="{ink}" stroke-width="8" stroke-linejoin="round"')
                       for shape in shapes]
        self.parts += [self._shape(shape, f'fill="{hex_colour(SKIN)}"') for shape in shapes]

    @staticmethod
    def _paint(fill: RGB | None, outline: RGB | None, width: float) -> str:
        paint = f'fill="{hex_colour(fill)}"' if fill else 'fill="none"'
        if outline and width:
            # Pillow draws an outline inside the shape's edge; SVG centres its stroke on the edge.
            paint += f' stroke="{hex_colour(outline)}" stroke-width="{width:g}"'
        return paint

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: RGB | None = None,
                outline: RGB | None = None, width: float = 0) -> None:
        inset = width / 2 if outline else 0
        self.parts.append(self._shape(("ellipse", cx, cy, rx - inset, ry - inset), self._paint(fill, outline, width)))

    def rounded_rectangle(self, x0: float, y0: float, x1: float, y1: float, radius: float, fill: RGB,
                          outline: RGB, width: float) -> None:
        inset = width / 2
        self.parts.append(f'<rect x="{x0 + inset:g}" y="{y0 + inset:g}" width="{x1 - x0 - width:g}" '
                          f'height="{y1 - y0 - width:g}" rx="{radius:g}" {self._paint(fill, outline, width)}/>')

    def line(self, x0: float, y0: float, x1: float, y1: float, fill: RGB, width: float) -> None:
        self.parts.append(f'<line x1="{x0:g}" y1="{y0:g}" x2="{x1:g}" y2="{y1:g}" stroke="{hex_colour(fill)}" '
                          f'stroke-width="{width:g}"/>')

    def text(self, x: float, y: float, words: str, size: int, fill: RGB, bold: bool = False,
             centred: bool = True) -> None:
        # The baseline sits about a third of the type size below the middle of lower-case and capital letters.
        anchor = "middle" if centred else "start"
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(f'<text x="{x:g}" y="{y + size * 0.35:g}" font-size="{size}"{weight} '
                          f'text-anchor="{anchor}" fill="{hex_colour(fill)}">{escape(words)}</text>')

    def document(self) -> str:
        return "".join([
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
            'role="img" aria-labelledby="foot-title foot-desc" '
            'font-family="\'Atkinson Hyperlegible\', Arial, \'DejaVu Sans\', sans-serif">\n',
            f'<title id="foot-title">{escape(TITLE)}</title>\n',
            f'<desc id="foot-desc">{escape(DESCRIPTION)}</desc>\n',
            *(part + "\n" for part in self.parts),
            "</svg>\n",
        ])


TITLE = "The five places to check on your feet each day"
DESCRIPTION = ("Two drawings of a right foot. On the left, the top of the foot; on the right, the sole. Red numbered "
               "circles mark the places to look: 1, between the toes; 2, the tips of the toes and the nails; 3, the "
               "ball of the foot; 4, the heel; 5, the sides of the foot. A hand mirror beside the sole has the words: "
               "use a mirror.")


def marker(painter: PillowPainter | SvgPainter, x: float, y: float, number: int) -> None:
    painter.ellipse(x, y, MARKER_R, MARKER_R, fill=ALERT, outline=WHITE, width=4)
    painter.text(x, y + 1, str(number), LABEL, WHITE, bold=True)


def draw_map(painter: PillowPainter | SvgPainter) -> None:
    top = 150
    top_cx, sole_cx = 215, 585

    # Left: the top of the right foot (big toe on the left), with nails.
    painter.silhouette(foot_shapes(top_cx, top, big_toe_left=True))
    for x, y, rx, ry in toes(top_cx, top, -1):  # outline each toe so the gaps between them show
        painter.ellipse(x, y, rx, ry, outline=INK, width=3)
    for x, y, rx, ry in toes(top_cx, top, -1):
        painter.rounded_rectangle(x - rx * 0.55, y - ry * 0.8, x + rx * 0.55, y - ry * 0.05,
                                  radius=8, fill=NAIL, outline=INK, width=2)

    # Right: the sole of the same foot, seen from below, so the big toe is on the right.
    painter.silhouette(foot_shapes(sole_cx, top, big_toe_left=False))
    for x, y, rx, ry in toes(sole_cx, top, 1):
        painter.ellipse(x, y, rx, ry, outline=INK, width=3)
    painter.ellipse(sole_cx + 8, top + 240, 98, 70, fill=PAD)    # ball of the foot
    painter.ellipse(sole_cx + 10, top + 575, 62, 70, fill=PAD)   # heel pad

    # A hand mirror beside the sole.
    mx, my = 800, top + 400
    painter.line(mx, my + 70, mx + 20, my + 170, MUTED, 18)
    painter.ellipse(mx, my, 52, 72, fill=GLASS, outline=MUTED, width=8)
    painter.text(mx, my + 215, "Use a", LABEL, MUTED)
    painter.text(mx, my + 215 + KEY_LINE, "mirror", LABEL, MUTED)

    # The places to look: 1 between the toes, 2 toe tips and nails, 3 ball, 4 heel, 5 sides.
    marker(painter, top_cx - 54, top + 150, 1)
    marker(painter, top_cx - 88, top + 34, 2)
    marker(painter, sole_cx - 24, top + 245, 3)
    marker(painter, sole_cx + 10, top + 585, 4)
    marker(painter, top_cx + 116, top + 370, 5)
    marker(painter, sole_cx + 100, top + 370, 5)

    # Headings over each foot.
    painter.text(top_cx, 60, "Top of the foot", HEADING, INK, bold=True)
    painter.text(sole_cx, 60, "Sole of the foot", HEADING, INK, bold=True)

    # The key, on the right.
    kx, ky = 890, 190
    painter.text(kx - 10, ky - 72, "Check each", HEADING, INK, bold=True, centred=False)
    painter.text(kx - 10, ky - 24, "day:", HEADING, INK, bold=True, centred=False)
    for i, lines in enumerate(PLACES):
        y = ky + 40 + i * 120
        marker(painter, kx + 20, y, i + 1)
        for j, words in enumerate(lines):
            painter.text(kx + 62, key_line_y(y, len(lines), j), words, LABEL, INK, centred=False)


def key_line_y(y: float, count: int, index: int) -> float:
    """The middle of line ``index`` of a key entry of ``count`` lines centred on ``y``."""
    return y - KEY_LINE / 2 * (count - 1) + index * KEY_LINE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT,
                        help="the SVG file to write; its PNG copy goes beside it (default: the course's media/)")
    args = parser.parse_args(argv)
    svg_path = args.out.with_suffix(".svg")
    svg_path.parent.mkdir(parents=True, exist_ok=True)
    vector = SvgPainter()
    draw_map(vector)
    svg_path.write_text(vector.document(), encoding="utf-8")
    raster = PillowPainter()
    draw_map(raster)
    png_path = svg_path.with_suffix(".png")
    raster.image().save(png_path, format="PNG", optimize=True)
    print(svg_path)
    print(png_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
