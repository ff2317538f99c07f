#!/usr/bin/env python3
"""Draw the diagrams for the sample course "Leg numbness after back surgery".

Writes simple, high-contrast SVG files into the course's `media/` folder. Each
SVG has a <title> and <desc> for screen readers, and all labels are real text
set large enough to read on a phone or a projector.

Uses the Python standard library only. With `--png`, it also makes a PNG copy
of each diagram next to the SVG, 1200 pixels wide, using `rsvg-convert` (from
librsvg) with the theme's font (Atkinson Hyperlegible, from the fontpkg package
the project installs) and, if installed, shrinks it with `optipng`.

    python scripts/draw_diagrams.py          # SVG only
    python scripts/draw_diagrams.py --png    # SVG and PNG
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "courses" / "leg-numbness-after-back-surgery" / "media"

# Colours: dark text on white, and fills that stay distinct in greyscale.
INK = "#111111"
WHITE = "#ffffff"
SKIN = "#f6e3d4"
BONE = "#e4e4e4"
DISC = "#3a78c2"
NERVE = "#f2b705"
NERVE_EDGE = "#5c4300"
ALERT = "#b00020"
GREEN = "#1b7f3b"
BLUE = "#1f4fa0"
MUTED = "#555555"

FONT = "'Atkinson Hyperlegible', Arial, 'DejaVu Sans', sans-serif"
# Type sizes, in drawing units (each diagram is 1200 wide). Handouts size a printed diagram by its
# smallest text: 38 of 1200 still prints at 10 pt across an A5 page's text column (about 120 mm).
LABEL = 40
NOTE = 38  # the smallest: side notes such as "Seen from behind"


# --------------------------------------------------------------------------
# Small SVG helpers
# --------------------------------------------------------------------------

def attrs(**kw: object) -> str:
    """Turn keyword arguments into SVG attributes (`stroke_width` → `stroke-width`)."""
    parts = []
    for key, value in kw.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f'{name}="{escape(str(value), {chr(34): "&quot;"})}"')
    return " ".join(parts)


def text(x: float, y: float, lines: str | list[str], size: int = LABEL, weight: str = "normal",
         anchor: str = "start", fill: str = INK, gap: float = 1.2) -> str:
    """One or more lines of text; `y` is the baseline of the first line."""
    if isinstance(lines, str):
        lines = [lines]
    spans = []
    for i, line in enumerate(lines):
        dy = "0" if i == 0 else f"{gap}em"
        spans.append(f'<tspan x="{x}" dy="{dy}">{escape(line)}</tspan>')
    return (f'<text {attrs(x=x, y=y, font_size=size, font_weight=weight, text_anchor=anchor, fill=fill)}>'
            + "".join(spans) + "</text>")


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = INK, width: float = 3,
         arrow: bool = False, dash: str | None = None) -> str:
    a = attrs(x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=width, stroke_linecap="round",
              stroke_dasharray=dash)
    return f"<line {a}" + (' marker-end="url(#arrow)"' if arrow else "") + "/>"


def leader(x1: float, y1: float, x2: float, y2: float) -> str:
    """A label's pointer line, ending in a dot on the thing it names."""
    return line(x1, y1, x2, y2, width=3) + f'<circle {attrs(cx=x2, cy=y2, r=7, fill=INK)}/>'


def rect(x: float, y: float, w: float, h: float, fill: str, stroke: str = INK, width: float = 3,
         rx: float = 0) -> str:
    return f'<rect {attrs(x=x, y=y, width=w, height=h, rx=rx, fill=fill, stroke=stroke, stroke_width=width)}/>'


def path(d: str, fill: str = "none", stroke: str = INK, width: float = 3, **kw: object) -> str:
    a = attrs(d=d, fill=fill, stroke=stroke, stroke_width=width, stroke_linejoin="round", stroke_linecap="round", **kw)
    return f"<path {a}/>"


def svg(width: int, height: int, title: str, desc: str, body: list[str], slug: str) -> str:
    """A complete, accessible SVG document."""
    defs = (
        "<defs>"
        '<marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>'
        f'<pattern id="hatch" width="18" height="18" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="18" height="18" fill="{ALERT}" fill-opacity="0.55"/>'
        f'<line x1="0" y1="0" x2="0" y2="18" stroke="{ALERT}" stroke-width="7"/></pattern>'
        f'<pattern id="stripes" width="24" height="24" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="24" height="24" fill="{BLUE}"/>'
        f'<line x1="0" y1="0" x2="0" y2="24" stroke="#4f7fd0" stroke-width="10"/></pattern>'
        "</defs>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{slug}-title {slug}-desc" '
        f'font-family="{escape(FONT, {chr(34): "&quot;"})}">\n'
        f'<title id="{slug}-title">{escape(title)}</title>\n'
        f'<desc id="{slug}-desc">{escape(desc)}</desc>\n'
        f"{defs}\n"
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>\n'
        + "\n".join(body)
        + "\n</svg>\n"
    )


# --------------------------------------------------------------------------
# A simple lower body, seen from behind (used by two diagrams)
# --------------------------------------------------------------------------

CX = 420  # the body's middle line


def lower_body_back_view() -> list[str]:
    """Hips, bottom and both legs seen from behind, with the lower spine drawn in."""
    parts = []
    # Legs first: thigh, knee, calf, ankle; their tops are hidden under the hips.
    for side in (-1, 1):
        pts = [(CX + side * 170, 280), (CX + side * 6, 280), (CX + side * 22, 560), (CX + side * 30, 790),
               (CX + side * 90, 790), (CX + side * 128, 560)]
        d = "M" + " L".join(f"{x},{y}" for x, y in pts) + " Z"
        parts.append(path(d, fill=SKIN, width=4))
        # Heel.
        heel = attrs(cx=CX + side * 60, cy=808, rx=42, ry=24, fill=SKIN, stroke=INK, stroke_width=4)
        parts.append(f"<ellipse {heel}/>")
    # Hips and bottom, with the curve of each buttock at the bottom edge.
    parts.append(path(
        f"M{CX - 150},70 L{CX + 150},70 C{CX + 185},150 {CX + 200},230 {CX + 170},320 "
        f"Q{CX + 90},370 {CX},336 Q{CX - 90},370 {CX - 170},320 "
        f"C{CX - 200},230 {CX - 185},150 {CX - 150},70 Z",
        fill=SKIN, width=4))
    parts.append(path(f"M{CX},215 L{CX},336", width=3))
    # Lower spine: a short stack of bones.
    for i in range(5):
        y = 78 + i * 26
        parts.append(rect(CX - 22, y, 44, 20, BONE, width=2.5, rx=5))
    return parts


def sciatic_nerve_path() -> str:
    parts = lower_body_back_view()
    join = (CX + 62, 225)
    nerve = (f"M{join[0]},{join[1]} C{CX + 75},260 {CX + 80},350 {CX + 76},450 "
             f"L{CX + 72},545")
    branch_a = f"M{CX + 72},545 C{CX + 62},620 {CX + 54},700 {CX + 52},788"
    branch_b = f"M{CX + 72},545 C{CX + 86},620 {CX + 94},700 {CX + 86},788"
    roots = [f"M{CX + 24},{y} C{CX + 44},{y + 6} {CX + 58},{y + 30} {join[0]},{join[1]}" for y in (114, 140, 166)]
    for d in [nerve, branch_a, branch_b, *roots]:
        parts.append(path(d, stroke=NERVE_EDGE, width=18))
    for d in [nerve, branch_a, branch_b, *roots]:
        parts.append(path(d, stroke=NERVE, width=10))
    lx = 680
    parts += [
        text(40, 50, "Seen from behind", size=NOTE, fill=MUTED),
        leader(lx - 20, 126, CX + 44, 126),
        text(lx, 115, ["Nerve roots leave", "the lower back"], weight="bold"),
        leader(lx - 20, 290, CX + 79, 300),
        text(lx, 280, ["The sciatic nerve", "runs through", "your bottom"], weight="bold"),
        leader(lx - 20, 470, CX + 76, 470),
        text(lx, 460, ["Down the back", "of the thigh"]),
        leader(lx - 20, 600, CX + 73, 552),
        text(lx, 600, ["Splits behind", "the knee"]),
        leader(lx - 20, 760, CX + 88, 760),
        text(lx, 750, ["Runs down", "to the foot"]),
    ]
    return svg(
        1200, 880,
        "The path of the sciatic nerve",
        "A back view of the hips and legs. Nerve roots leave the lower spine and join to form the "
        "sciatic nerve, drawn as a thick yellow line. It runs through the bottom and down the back "
        "of the thigh, then splits into two branches behind the knee that run down to the foot.",
        parts, "sciatic")


def saddle_area() -> str:
    parts = lower_body_back_view()
    saddle = (f"M{CX - 70},255 C{CX - 40},240 {CX + 40},240 {CX + 70},255 "
              f"C{CX + 90},300 {CX + 75},360 {CX + 40},440 "
              f"L{CX + 14},440 L{CX + 8},345 L{CX - 8},345 L{CX - 14},440 L{CX - 40},440 "
              f"C{CX - 75},360 {CX - 90},300 {CX - 70},255 Z")
    parts.append(path(saddle, fill="url(#hatch)", stroke=ALERT, width=5))
    lx = 680
    parts += [
        text(40, 50, "Seen from behind", size=NOTE, fill=MUTED),
        leader(lx - 20, 150, CX + 55, 270),
        text(lx, 125, "Saddle area:", weight="bold"),
        text(lx, 173, ["the parts that would", "touch a bike saddle"]),
        leader(lx - 20, 385, CX + 50, 400),
        text(lx, 375, ["Inner thighs,", "genitals and", "around the bottom"]),
        rect(lx - 30, 570, 530, 200, ALERT, stroke=ALERT, rx=18),
        text(lx - 5, 625, ["New numbness here?", "Call 999 or go", "to A&E now."], weight="bold", fill=WHITE),
    ]
    return svg(
        1200, 880,
        "Where saddle numbness is felt",
        "A back view of the hips and legs. The inner thighs, the area between the legs and the skin "
        "around the bottom are shaded with red stripes and labelled as the saddle area. A red box "
        "says: New numbness here? Call 999 or go to A&E now.",
        parts, "saddle")


# --------------------------------------------------------------------------
# The lower spine from the side, with a bulging disc
# --------------------------------------------------------------------------

def spine_disc_nerve() -> str:
    parts: list[str] = []
    body_x, body_w = 300, 210          # bones (vertebrae)
    canal_x, canal_w = 530, 56         # the tube of nerves behind the bones
    arch_x, arch_w = 606, 100          # the bony arch at the back of each bone
    tops = [90, 330, 570]
    height = 190
    # Nerves in the spine (drawn first, behind everything).
    parts.append(rect(canal_x, 60, canal_w, 760, NERVE, stroke=NERVE_EDGE, width=4, rx=20))
    for top in tops:
        parts.append(rect(body_x, top, body_w, height, BONE, width=4, rx=26))
        parts.append(rect(arch_x, top + 15, arch_w, height - 30, BONE, width=4, rx=20))
    # Discs between the bones; the middle one bulges backwards.
    disc_tops = [tops[0] + height + 4, tops[1] + height + 4]
    disc_h = tops[1] - tops[0] - height - 8
    for i, top in enumerate(disc_tops):
        if i == 0:
            parts.append(rect(body_x + 6, top, body_w - 12, disc_h, DISC, width=4, rx=18))
        else:
            # A disc with a bump pushing out at the back, into the nerve root.
            back, bottom = body_x + body_w, top + disc_h
            d = (f"M{body_x + 22},{top} L{back - 20},{top} "
                 f"C{back + 60},{top - 20} {back + 130},{top + 5} {back + 120},{top + disc_h / 2} "
                 f"C{back + 110},{bottom + 5} {back + 40},{bottom + 15} {back - 20},{bottom} "
                 f"L{body_x + 22},{bottom} C{body_x},{bottom} {body_x},{top} {body_x + 22},{top} Z")
            parts.append(path(d, fill=DISC, width=4))
    # Nerve roots leave through the gaps between the arches, at the level of each disc.
    root_y = [tops[0] + height + 20, tops[1] + height + 20, tops[2] + height + 30]
    for y in root_y:
        d = (f"M{canal_x + canal_w - 10},{y - 30} "
             f"C{arch_x + 55},{y - 10} {arch_x + 130},{y + 20} {arch_x + 215},{y + 65}")
        parts.append(path(d, stroke=NERVE_EDGE, width=26))
        parts.append(path(d, stroke=NERVE, width=16))
    # Mark where the disc presses on the root.
    press_x, press_y = body_x + body_w + 110, disc_tops[1] + disc_h / 2
    parts.append(f'<circle {attrs(cx=press_x, cy=press_y, r=62, fill="none", stroke=ALERT, stroke_width=7)}/>')
    lx = 850
    parts += [
        leader(body_x - 40, 185, body_x + 40, 185),
        text(24, 170, ["Bone", "(vertebra)"], weight="bold"),
        leader(body_x - 40, disc_tops[0] + disc_h / 2, body_x + 30, disc_tops[0] + disc_h / 2),
        text(body_x - 60, disc_tops[0] + disc_h / 2 + 14, "Disc", weight="bold", anchor="end"),
        leader(lx - 20, 100, canal_x + canal_w / 2, 100),
        text(lx, 95, ["Nerves inside", "the spine"], weight="bold"),
        leader(lx - 20, root_y[0] + 55, arch_x + 185, root_y[0] + 48),
        text(lx, root_y[0] + 68, "Nerve root"),
        leader(lx - 20, press_y - 10, press_x + 55, press_y - 10),
        text(lx, press_y - 40, ["Bulging disc", "presses on", "the nerve root"], weight="bold", fill=ALERT),
        text(body_x + body_w / 2, 940, "Front of body", size=NOTE, anchor="middle", fill=MUTED),
        text(arch_x + arch_w / 2 + 40, 940, "Back of body", size=NOTE, anchor="middle", fill=MUTED),
    ]
    return svg(
        1200, 970,
        "A bulging disc pressing on a nerve root",
        "A side view of three bones of the lower spine, with the front of the body on the left. "
        "Blue discs sit between the bones like cushions. A yellow bundle of nerves runs down behind "
        "the bones, and yellow nerve roots leave it through gaps at the back. The middle disc bulges "
        "out at the back and presses on a nerve root, which is circled in red.",
        parts, "spine")


# --------------------------------------------------------------------------
# Nerve recovery timeline
# --------------------------------------------------------------------------

def nerve_recovery_timeline() -> str:
    x0, x1 = 60, 1100
    months = 12

    def at(month: float) -> float:
        return x0 + (x1 - x0) * month / months

    axis_y = 520
    parts = [
        text(600, 60, "How long nerves can take to heal", size=44, weight="bold", anchor="middle"),
        # Small fibres.
        text(x0, 150, "Small fibres: pain, heat and cold", weight="bold", fill=GREEN),
        rect(x0, 175, at(1.4) - x0, 70, GREEN, stroke=INK, rx=12),
        text(at(1.4) + 20, 222, "about 6 weeks", fill=INK),
        # Large fibres.
        text(x0, 320, "Large fibres: touch and strength", weight="bold", fill=BLUE),
        rect(x0, 345, at(12) - x0, 70, "url(#stripes)", stroke=INK, rx=12),
        text(at(12) - 20, 392, "up to 1 year", fill=WHITE, weight="bold", anchor="end"),
        # The time axis.
        line(x0, axis_y, x1 + 40, axis_y, width=5, arrow=True),
    ]
    # Marks are labelled below the axis, but 6 weeks above it: below, it would run into "Surgery".
    # No 3-month mark: at a readable size its label would run into both.
    ticks = [(0, "Surgery", True), (1.4, "6 weeks", False), (6, "6 months", True), (12, "1 year", True)]
    for month, label, below in ticks:
        x = at(month)
        parts.append(line(x, axis_y - 15, x, axis_y + 15, width=4))
        anchor = "start" if month == 0 else ("end" if month == 12 else "middle")
        lx = x - 10 if month == 0 else (x + 10 if month == 12 else x)
        parts.append(text(lx, axis_y + 55 if below else axis_y - 30, label, anchor=anchor, weight="bold"))
    parts.append(text(600, 710, ["Everyone heals at their own pace.", "These times are a rough guide."],
                      size=NOTE, anchor="middle", fill=MUTED))
    return svg(
        1200, 800,
        "How long nerves can take to heal",
        "A timeline from the day of surgery to one year. A short green bar shows that small nerve "
        "fibres, which carry pain, heat and cold, may recover in about six weeks. A long blue bar "
        "shows that large nerve fibres, which carry touch and strength, can take up to a year. "
        "Everyone heals at their own pace; these times are a rough guide.",
        parts, "timeline")


# --------------------------------------------------------------------------
# Four gentle moves, as stick figures
# --------------------------------------------------------------------------

def limb(points: list[tuple[float, float]], width: float = 12) -> str:
    d = "M" + " L".join(f"{x},{y}" for x, y in points)
    return path(d, stroke=INK, width=width)


def head(x: float, y: float) -> str:
    return f'<circle {attrs(cx=x, cy=y, r=26, fill=SKIN, stroke=INK, stroke_width=6)}/>'


def lying_figure(ox: float, oy: float) -> list[str]:
    """A person lying on their back with knees bent; (ox, oy) is the top-left of the panel."""
    floor = oy + 400
    return [
        rect(ox + 40, floor, 520, 22, "#9ec5e8", stroke=INK, width=3, rx=8),   # mat
        head(ox + 90, floor - 30),
        limb([(ox + 118, floor - 26), (ox + 300, floor - 22)]),                # body
        limb([(ox + 160, floor - 26), (ox + 230, floor - 60)], width=10),      # arm
        limb([(ox + 300, floor - 22), (ox + 390, floor - 120), (ox + 470, floor - 12)]),  # leg, knee bent
        limb([(ox + 470, floor - 12), (ox + 505, floor - 12)], width=10),      # foot
    ]


def gentle_moves() -> str:
    parts: list[str] = []
    # Tall panels leave room above each figure for its note at a readable size.
    w, h = 600, 500
    panels = [(0, 0, "1. Pelvic tilt"), (w, 0, "2. Knee rolls"), (0, h, "3. Ankle pumps"), (w, h, "4. Short walks")]
    for ox, oy, label in panels:
        parts.append(rect(ox + 10, oy + 10, w - 20, h - 20, WHITE, stroke=MUTED, width=3, rx=16))
        parts.append(text(ox + 40, oy + 70, label, weight="bold"))
    # 1. Pelvic tilt: press the small of the back down.
    ox, oy = panels[0][0], panels[0][1]
    floor = oy + 400
    parts += lying_figure(ox, oy)
    parts.append(line(ox + 250, floor - 120, ox + 250, floor - 50, width=6, arrow=True))
    parts.append(text(ox + 250, floor - 145, "press down", size=NOTE, fill=MUTED, anchor="middle"))
    # 2. Knee rolls: knees tip gently to each side.
    ox, oy = panels[1][0], panels[1][1]
    parts += lying_figure(ox, oy)
    parts.append(path(f"M{ox + 330},{floor - 160} Q{ox + 390},{floor - 205} {ox + 450},{floor - 160}",
                      width=6, marker_start="url(#arrow)", marker_end="url(#arrow)"))
    parts.append(text(ox + 390, floor - 225, "side to side", size=NOTE, fill=MUTED, anchor="middle"))
    # 3. Ankle pumps: sitting with legs out, toes up and down.
    ox, oy = panels[2][0], panels[2][1]
    floor = oy + 420
    parts += [
        rect(ox + 40, floor, 520, 22, "#9ec5e8", stroke=INK, width=3, rx=8),
        head(ox + 140, oy + 240),
        limb([(ox + 145, oy + 268), (ox + 165, floor - 10)]),                # back, sitting up
        limb([(ox + 150, oy + 300), (ox + 220, oy + 345)], width=10),        # arm
        limb([(ox + 165, floor - 10), (ox + 440, floor - 10)]),              # legs out straight
        limb([(ox + 440, floor - 10), (ox + 455, floor - 60)], width=10),    # foot, toes up
        path(f"M{ox + 480},{floor - 90} Q{ox + 520},{floor - 40} {ox + 490},{floor + 5}",
             width=6, marker_start="url(#arrow)", marker_end="url(#arrow)"),
        text(ox + 330, oy + 190, ["toes up,", "toes down"], size=NOTE, fill=MUTED),
    ]
    # 4. Short walks: a walking figure on a path.
    ox, oy = panels[3][0], panels[3][1]
    ground = oy + 440
    parts += [
        line(ox + 60, ground, ox + 540, ground, stroke=MUTED, width=5, dash="18 14"),
        head(ox + 260, oy + 215),
        limb([(ox + 260, oy + 243), (ox + 255, oy + 350)]),                   # body
        limb([(ox + 258, oy + 270), (ox + 210, oy + 330)], width=10),         # arm back
        limb([(ox + 258, oy + 270), (ox + 305, oy + 325)], width=10),         # arm forward
        limb([(ox + 255, oy + 350), (ox + 215, ground - 5)]),                 # back leg
        limb([(ox + 255, oy + 350), (ox + 305, ground - 5)]),                 # front leg
        line(ox + 380, oy + 300, ox + 480, oy + 300, width=6, arrow=True),
        text(ox + 370, oy + 360, ["5 to 10", "minutes"], size=NOTE, fill=MUTED),
    ]
    return svg(
        1200, 1000,
        "Four gentle moves",
        "Four simple stick-figure drawings. One: pelvic tilt, lying on the back with knees bent, "
        "pressing the small of the back down. Two: knee rolls, lying the same way and letting both "
        "knees roll gently from side to side. Three: ankle pumps, sitting with legs out straight and "
        "moving the toes up and down. Four: short walks of 5 to 10 minutes.",
        parts, "moves")


DIAGRAMS = {
    "sciatic-nerve-path": sciatic_nerve_path,
    "saddle-area": saddle_area,
    "spine-disc-nerve": spine_disc_nerve,
    "nerve-recovery-timeline": nerve_recovery_timeline,
    "gentle-moves": gentle_moves,
}


def theme_font_config(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig also finds the theme's font (Atkinson Hyperlegible, from the
    fontpkg package the project installs), so PNGs draw labels in the face the handouts print them in."""
    import fontpkg_atkinson_hyperlegible

    fonts = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"<dir>{escape(str(fonts))}</dir><cachedir>{escape(str(folder))}</cachedir></fontconfig>",
                    encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def to_png(svg_path: Path, env: dict[str, str], width: int = 1200) -> Path:
    """Make a PNG copy next to the SVG with rsvg-convert, then shrink it with optipng if present."""
    png_path = svg_path.with_suffix(".png")
    subprocess.run(["rsvg-convert", "-w", str(width), "-b", "white", "-o", str(png_path), str(svg_path)],
                   check=True, env=env)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o5", str(png_path)], check=True)
    return png_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", action="store_true", help="also write PNG copies (needs rsvg-convert)")
    parser.add_argument("--out", type=Path, default=MEDIA, help="folder to write into (default: the course's media/)")
    args = parser.parse_args(argv)
    if args.png and not shutil.which("rsvg-convert"):
        print("rsvg-convert not found: install librsvg2-bin, or run without --png", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = theme_font_config(Path(scratch)) if args.png else {}
        for name, draw in DIAGRAMS.items():
            svg_path = args.out / f"{name}.svg"
            svg_path.write_text(draw(), encoding="utf-8")
            written = [svg_path.name]
            if args.png:
                written.append(to_png(svg_path, env).name)
            print(" ".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
