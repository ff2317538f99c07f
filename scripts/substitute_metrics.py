#!/usr/bin/env python3
"""Write the advance widths of the substitute font: the font a computer WITHOUT the theme font draws instead.

On a computer without Atkinson Hyperlegible, LibreOffice asks fontconfig for the
family and is given the default sans-serif font: DejaVu Sans on Debian and
Ubuntu, and much wider (about 15 % in regular, 19 % in bold). The slide fitter
measures every text with the wider of the theme font and this one
(toolkit/slides/fit.py), so the decks fit either way.

No Python package ships DejaVu Sans without a large program around it, so its
widths (not its outlines) are kept in the repository, in
`toolkit/data/substitute-dejavu-sans.json`: for each face, the advance of every
character below U+2E80 (Latin, Greek, Cyrillic, punctuation, symbols; the other
scripts have their own fallbacks, toolkit/fallback_fonts.py). DejaVu's licence
(Bitstream Vera's, and public domain for the DejaVu changes) lets anyone copy it.

Regenerate it from Debian's fonts-dejavu-core (the default) or any folder of the
four DejaVu Sans files; the output is the same bytes for the same fonts:

    python scripts/substitute_metrics.py [--fonts /usr/share/fonts/truetype/dejavu]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "toolkit" / "data" / "substitute-dejavu-sans.json"
FACES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf",
         "italic": "DejaVuSans-Oblique.ttf", "bolditalic": "DejaVuSans-BoldOblique.ttf"}
LAST = 0x2E7F  # CJK and later are measured with their own fallback fonts


def runs(path: Path) -> tuple[int, list[list[object]]]:
    """The font's units per em and its advances as runs of consecutive characters: [first, [advance, ...]]."""
    font = TTFont(path, lazy=True)
    cmap, hmtx = font.getBestCmap() or {}, font["hmtx"].metrics
    found: list[list[object]] = []
    for code in sorted(c for c in cmap if c <= LAST and cmap[c] in hmtx):
        advance = hmtx[cmap[code]][0]
        last = found[-1] if found else None
        if last is not None and int(last[0]) + len(last[1]) == code:  # type: ignore[arg-type]
            last[1].append(advance)  # type: ignore[attr-defined]
        else:
            found.append([code, [advance]])
    return font["head"].unitsPerEm, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fonts", type=Path, default=Path("/usr/share/fonts/truetype/dejavu"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    regular = TTFont(args.fonts / FACES["regular"], lazy=True)
    table: dict[str, object] = {
        "family": "DejaVu Sans",
        "version": regular["name"].getDebugName(5),
        "why": "the font LibreOffice draws on Debian and Ubuntu when the theme font is missing; "
               "made by scripts/substitute_metrics.py",
        "faces": {},
    }
    for face, name in FACES.items():
        upm, advances = runs(args.fonts / name)
        table["faces"][face] = {"units_per_em": upm, "advances": advances}  # type: ignore[index]
    # One face a line, so a change of font shows as a change of lines.
    faces = table.pop("faces")
    head = json.dumps(table, ensure_ascii=True)[1:-1]
    body = ",\n".join(f"  {json.dumps(face)}: {json.dumps(value, separators=(',', ':'))}"
                       for face, value in faces.items())  # type: ignore[attr-defined]
    args.out.write_text(f"{{{head},\n\"faces\": {{\n{body}\n}}}}\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
