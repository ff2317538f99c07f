"""Paper sizes in one place: millimetres, as the standards give them, and points (1/72 in), as PDF uses."""

from __future__ import annotations

MM = 72 / 25.4  # points in a millimetre
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}  # width, height, portrait
# Rounded to a thousandth of a point: Letter is exactly 612 x 792, not 612.0000000000001.
PAPER_PT = {name: (round(width * MM, 3), round(height * MM, 3)) for name, (width, height) in PAPER_MM.items()}
