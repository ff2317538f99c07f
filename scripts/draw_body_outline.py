#!/usr/bin/env python3
"""Draw the body outline for the sample course "Leg numbness after back surgery".

Writes `courses/leg-numbness-after-back-surgery/media/body-outline.svg` and its PNG copy: a plain
outline of a standing person seen from the front and from the back, with each side marked, for
learners to shade where they feel numb. Both files are drawn from the same points (a smooth curve
through a list of points down one side of the body, mirrored for the other), the SVG by hand and the
PNG with Pillow and the theme's font, so the same versions draw the same bytes.

    python scripts/draw_body_outline.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import fontpkg_atkinson_hyperlegible
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "courses" / "leg-numbness-after-back-surgery" / "media"
FONTS = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
FONT_FAMILY = "'Atkinson Hyperlegible', Arial, 'DejaVu Sans', sans-serif"

WIDTH, HEIGHT = 1000, 1100
SCALE = 2  # the PNG is drawn at twice the size, then shrunk, for smooth edges
INK = "#111111"
MUTED = "#555555"
LINE = 5
LABEL = 40
SIDE_LABEL = 30

TITLE = "Body outline, front and back"
DESC = ("Two plain outlines of a standing person, arms a little away from the body. The left one is seen "
        "from the front, the right one from the back. Each side is marked Right or Left, for shading where "
        "you feel numb.")

# Down the person's right side as seen from the front, from the neck to the middle between the legs:
# (distance from the middle line, height), in drawing units. The head is drawn on its own.
RIGHT_SIDE = [
    (20, 150), (34, 178), (82, 192), (112, 214), (122, 262), (128, 330), (136, 400), (146, 470),
    (156, 520), (162, 556), (156, 590), (140, 598), (128, 572), (124, 530), (112, 476), (100, 410),
    (92, 350), (86, 300), (84, 360), (78, 420), (90, 480), (94, 540), (90, 640), (84, 720),
    (80, 790), (76, 860), (70, 920), (62, 968), (76, 992), (74, 1008), (44, 1010), (24, 1004),
    (26, 970), (22, 900), (20, 820), (18, 740), (14, 650), (8, 580), (0, 560),
]
HEAD = (0, 92, 48, 58)  # centre (from the middle line), height, and the two radii


def outline(cx: float) -> list[tuple[float, float]]:
    """The closed outline of the body (without the head), centred on ``cx``: a smooth curve through the points."""
    right = [(cx - dx, y) for dx, y in RIGHT_SIDE]           # seen from the front: the person's right is our left
    left = [(cx + dx, y) for dx, y in reversed(RIGHT_SIDE[:-1])]
    return smooth(right + left)


def smooth(points: list[tuple[float, float]], steps: int = 8) -> list[tuple[float, float]]:
    """A closed Catmull-Rom curve through ``points``, as a dense list of points."""
    found = []
    n = len(points)
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        for k in range(steps):
            t = k / steps
            found.append(tuple(
                0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t * t + (-a + 3 * b - 3 * c + d) * t ** 3)
                for a, b, c, d in zip(p0, p1, p2, p3)))
    return [(round(x, 1), round(y, 1)) for x, y in found]  # type: ignore[misc]


# Each figure: its middle line, its name, and which of the person's sides is on our left.
FIGURES = ((260, "Front", ("Right", "Left")), (740, "Back", ("Left", "Right")))
TOP = 90  # the figures start below their names


def svg() -> str:
    parts = []
    for cx, name, (on_left, on_right) in FIGURES:
        d = "M" + " L".join(f"{x},{y + TOP}" for x, y in outline(cx)) + " Z"
        parts.append(f'<path d="{d}" fill="#ffffff" stroke="{INK}" stroke-width="{LINE}" stroke-linejoin="round"/>')
        hx, hy, rx, ry = HEAD
        parts.append(f'<ellipse cx="{cx + hx}" cy="{hy + TOP}" rx="{rx}" ry="{ry}" fill="#ffffff" stroke="{INK}" '
                     f'stroke-width="{LINE}"/>')
        parts.append(f'<text x="{cx}" y="{TOP - 30}" font-size="{LABEL}" font-weight="bold" text-anchor="middle" '
                     f'fill="{INK}">{name}</text>')
        for text, x in ((on_left, cx - 150), (on_right, cx + 150)):
            parts.append(f'<text x="{x}" y="{TOP + 1060}" font-size="{SIDE_LABEL}" text-anchor="middle" '
                         f'fill="{MUTED}">{text}</text>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT + TOP}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT + TOP}" role="img" aria-labelledby="outline-title outline-desc" '
        f'font-family="{escape(FONT_FAMILY, {chr(34): "&quot;"})}">\n'
        f'<title id="outline-title">{escape(TITLE)}</title>\n'
        f'<desc id="outline-desc">{escape(DESC)}</desc>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT + TOP}" fill="#ffffff"/>\n'
        + "\n".join(parts) + "\n</svg>\n"
    )


def png() -> Image.Image:
    canvas = Image.new("RGB", (WIDTH * SCALE, (HEIGHT + TOP) * SCALE), "white")
    draw = ImageDraw.Draw(canvas)
    bold = ImageFont.truetype(str(FONTS / "AtkinsonHyperlegible-Bold.ttf"), LABEL * SCALE)
    regular = ImageFont.truetype(str(FONTS / "AtkinsonHyperlegible-Regular.ttf"), SIDE_LABEL * SCALE)
    for cx, name, (on_left, on_right) in FIGURES:
        points = [(x * SCALE, (y + TOP) * SCALE) for x, y in outline(cx)]
        draw.polygon(points, fill="white", outline=INK, width=LINE * SCALE)
        hx, hy, rx, ry = HEAD
        draw.ellipse([(cx + hx - rx) * SCALE, (hy + TOP - ry) * SCALE, (cx + hx + rx) * SCALE, (hy + TOP + ry) * SCALE],
                     fill="white", outline=INK, width=LINE * SCALE)
        draw.text((cx * SCALE, (TOP - 30) * SCALE), name, font=bold, fill=INK, anchor="ms")
        for text, x in ((on_left, cx - 150), (on_right, cx + 150)):
            draw.text((x * SCALE, (TOP + 1060) * SCALE), text, font=regular, fill=MUTED, anchor="ms")
    return canvas.resize((WIDTH, HEIGHT + TOP), Image.Resampling.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MEDIA, help="folder to write into (default: the course's media/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "body-outline.svg").write_text(svg(), encoding="utf-8")
    png().save(args.out / "body-outline.png", format="PNG", optimize=True)
    print("body-outline.svg body-outline.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
