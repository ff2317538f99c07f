#!/usr/bin/env python3
"""Draw the foot check picture for the sample course "Looking after your feet when you have diabetes".

Writes `tests/fixtures/foot-care/courses/diabetes-foot-care/media/foot-check-map.png`: the top and the sole of a right
foot, with numbered red circles on the five places to look each day and a key beside them.
It uses Pillow and the theme's font (Atkinson Hyperlegible, from the fontpkg package the
project already installs), so the same versions draw the same bytes.

    python scripts/draw_foot_check_map.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import fontpkg_atkinson_hyperlegible
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "foot-care" / "courses" / "diabetes-foot-care" / "media" / "foot-check-map.png"
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


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size * SCALE)


def s(*values: float) -> list[float]:
    """Scale drawing coordinates to the supersampled canvas."""
    return [v * SCALE for v in values]


def ellipse_box(cx: float, cy: float, rx: float, ry: float) -> list[float]:
    return s(cx - rx, cy - ry, cx + rx, cy + ry)


def foot_mask(cx: float, top: float, big_toe_left: bool) -> Image.Image:
    """The silhouette of a right foot: toes, forefoot, arch and heel."""
    mask = Image.new("L", (WIDTH * SCALE, HEIGHT * SCALE), 0)
    draw = ImageDraw.Draw(mask)
    side = -1 if big_toe_left else 1  # which way the big toe (inner side) lies
    forefoot_y, heel_y = top + 230, top + 560
    draw.ellipse(ellipse_box(cx, forefoot_y, 128, 120), fill=255)
    draw.ellipse(ellipse_box(cx + side * 10, heel_y, 86, 100), fill=255)
    # The midfoot: wide on the outer side, a gentle curve in on the arch side.
    outer, inner = cx - side * 124, cx + side * 112
    draw.polygon(s(outer, forefoot_y, inner, forefoot_y, inner - side * 28, top + 420,
                   cx + side * 92, heel_y, cx - side * 72, heel_y, outer + side * 18, top + 420), fill=255)
    for x, y, rx, ry in toes(cx, top, side):
        draw.ellipse(ellipse_box(x, y, rx, ry), fill=255)
    return mask


def toes(cx: float, top: float, side: int) -> list[tuple[float, float, float, float]]:
    """Centre and radii of each toe, big toe first."""
    return [
        (cx + side * 88, top + 95, 40, 54),
        (cx + side * 22, top + 80, 28, 40),
        (cx - side * 30, top + 92, 25, 36),
        (cx - side * 76, top + 112, 23, 32),
        (cx - side * 114, top + 140, 20, 28),
    ]


def paste_foot(canvas: Image.Image, mask: Image.Image) -> None:
    """Fill the silhouette with skin colour and outline it in ink."""
    grown = mask.filter(ImageFilter.MaxFilter(4 * SCALE + 1))
    canvas.paste(INK, (0, 0), grown)
    canvas.paste(SKIN, (0, 0), mask)


def toe_lines(draw: ImageDraw.ImageDraw, cx: float, top: float, side: int) -> None:
    """Outline each toe so the gaps between them show."""
    for x, y, rx, ry in toes(cx, top, side):
        draw.ellipse(ellipse_box(x, y, rx, ry), outline=INK, width=3 * SCALE)


def marker(draw: ImageDraw.ImageDraw, x: float, y: float, number: int) -> None:
    draw.ellipse(ellipse_box(x, y, 27, 27), fill=ALERT, outline=WHITE, width=4 * SCALE)
    draw.text(s(x, y + 1), str(number), font=font(32, bold=True), fill=WHITE, anchor="mm")


def draw_map() -> Image.Image:
    canvas = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), WHITE)
    draw = ImageDraw.Draw(canvas)
    top = 150
    top_cx, sole_cx = 215, 585

    # Left: the top of the right foot (big toe on the left), with nails.
    paste_foot(canvas, foot_mask(top_cx, top, big_toe_left=True))
    toe_lines(draw, top_cx, top, side=-1)
    for x, y, rx, ry in toes(top_cx, top, -1):
        draw.rounded_rectangle(s(x - rx * 0.55, y - ry * 0.8, x + rx * 0.55, y - ry * 0.05),
                               radius=8 * SCALE, fill=NAIL, outline=INK, width=2 * SCALE)

    # Right: the sole of the same foot, seen from below, so the big toe is on the right.
    paste_foot(canvas, foot_mask(sole_cx, top, big_toe_left=False))
    toe_lines(draw, sole_cx, top, side=1)
    draw.ellipse(ellipse_box(sole_cx + 8, top + 240, 98, 70), fill=PAD)    # ball of the foot
    draw.ellipse(ellipse_box(sole_cx + 10, top + 575, 62, 70), fill=PAD)   # heel pad

    # A hand mirror beside the sole.
    mx, my = 800, top + 400
    draw.line(s(mx, my + 70, mx + 20, my + 170), fill=MUTED, width=18 * SCALE)
    draw.ellipse(ellipse_box(mx, my, 52, 72), fill=GLASS, outline=MUTED, width=8 * SCALE)
    draw.text(s(mx, my + 215), "Use a", font=font(32), fill=MUTED, anchor="mm")
    draw.text(s(mx, my + 253), "mirror", font=font(32), fill=MUTED, anchor="mm")

    # The places to look: 1 between the toes, 2 toe tips and nails, 3 ball, 4 heel, 5 sides.
    marker(draw, top_cx - 54, top + 150, 1)
    marker(draw, top_cx - 88, top + 34, 2)
    marker(draw, sole_cx - 24, top + 245, 3)
    marker(draw, sole_cx + 10, top + 585, 4)
    marker(draw, top_cx + 116, top + 370, 5)
    marker(draw, sole_cx + 100, top + 370, 5)

    # Headings over each foot.
    draw.text(s(top_cx, 60), "Top of the foot", font=font(38, bold=True), fill=INK, anchor="mm")
    draw.text(s(sole_cx, 60), "Sole of the foot", font=font(38, bold=True), fill=INK, anchor="mm")

    # The key, on the right.
    kx, ky = 890, 190
    draw.text(s(kx - 10, ky - 70), "Check each", font=font(38, bold=True), fill=INK, anchor="lm")
    draw.text(s(kx - 10, ky - 26), "day:", font=font(38, bold=True), fill=INK, anchor="lm")
    for i, lines in enumerate(PLACES):
        y = ky + 40 + i * 120
        marker(draw, kx + 17, y, i + 1)
        for j, text in enumerate(lines):
            draw.text(s(kx + 58, y - 21 * (len(lines) - 1) + j * 42), text, font=font(36), fill=INK, anchor="lm")
    return canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the PNG file to write (default: the course's media/)")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    draw_map().save(args.out, format="PNG", optimize=True)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
