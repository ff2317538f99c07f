"""Contact sheets: which picture goes where on which page of the proof (pure: sizes in points, no PDF here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.paper import MM, PAPER_PT as PAPER

MARGIN = 12 * MM
HEADER = 14 * MM      # the sheet's heading, above the grid
CAPTION = 5 * MM      # a line under each picture
GAP = 5 * MM

# How many pictures a sheet holds, by kind: slides are small and many, pages of print want to be read.
SLOTS = {"slides": (6, 9), "documents": (4, 6), "site": (6, 8)}


@dataclass(frozen=True)
class Rect:
    """A box on a sheet, in points from the sheet's top-left corner."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Picture:
    """One thing to show: a page of a PDF (drawn as vectors) or a PNG, with its size and caption."""

    source: Path
    page: int            # the page of a PDF, from 0; 0 for a PNG
    width: float         # its own size (points, or pixels): only the ratio matters
    height: float
    caption: str
    alt: str
    group: str           # the file it belongs to: a group is kept on one sheet when it fits

    @property
    def is_pdf(self) -> bool:
        return self.source.suffix.lower() == ".pdf"


@dataclass(frozen=True)
class Placed:
    picture: Picture
    rect: Rect           # the picture itself, its ratio kept
    caption: Rect        # the line under it


@dataclass(frozen=True)
class Sheet:
    """One page of pictures: its heading, its size in points and what stands where."""

    kind: str
    heading: str
    width: float
    height: float
    placed: tuple[Placed, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True)
class Grid:
    width: float          # the sheet
    height: float
    columns: int
    rows: int
    slot_width: float     # the room for one picture, its caption below
    slot_height: float

    @property
    def slots(self) -> int:
        return self.columns * self.rows


def best_grid(paper: str, ratio: float, slots: tuple[int, int]) -> Grid:
    """The sheet orientation and grid, holding between ``slots`` pictures of width/height ``ratio``, that
    shows each picture largest (on a tie, the one holding more)."""
    short, long = PAPER[paper]
    best: tuple[float, int, Grid] | None = None
    for width, height in ((short, long), (long, short)):
        room_w, room_h = width - 2 * MARGIN, height - 2 * MARGIN - HEADER
        for columns in range(1, slots[1] + 1):
            for rows in range(1, slots[1] + 1):
                if not slots[0] <= columns * rows <= slots[1]:
                    continue
                slot_w = (room_w - (columns - 1) * GAP) / columns
                slot_h = (room_h - (rows - 1) * GAP) / rows
                picture_w = min(slot_w, (slot_h - CAPTION) * ratio)
                if picture_w <= 0:
                    continue
                area = picture_w * picture_w / ratio
                key = (round(area, 3), columns * rows)
                if best is None or key > best[:2]:
                    best = (*key, Grid(width, height, columns, rows, slot_w, slot_h))
    assert best is not None, (paper, ratio, slots)
    return best[2]


def place(grid: Grid, index: int, picture: Picture) -> Placed:
    """The picture in slot ``index`` of the grid: as large as the slot allows, centred, its caption under it."""
    column, row = index % grid.columns, index // grid.columns
    slot_x = MARGIN + column * (grid.slot_width + GAP)
    slot_y = MARGIN + HEADER + row * (grid.slot_height + GAP)
    ratio = picture.width / picture.height
    width = min(grid.slot_width, (grid.slot_height - CAPTION) * ratio)
    height = width / ratio
    x = slot_x + (grid.slot_width - width) / 2
    return Placed(picture, Rect(x, slot_y, width, height), Rect(slot_x, slot_y + height, grid.slot_width, CAPTION))


def sheets(kind: str, pictures: Sequence[Picture], paper: str) -> list[Sheet]:
    """The contact sheets of ``pictures`` in order. A new sheet starts when the pictures change shape, and
    when a file that would fit on one sheet does not fit in what is left of this one."""
    out: list[Sheet] = []
    index = 0
    while index < len(pictures):
        first = pictures[index]
        ratio = first.width / first.height
        grid = best_grid(paper, ratio, SLOTS[kind])
        placed: list[Placed] = []
        while index < len(pictures) and len(placed) < grid.slots:
            picture = pictures[index]
            if abs(picture.width / picture.height - ratio) > 0.01:
                break
            if placed and picture.group != placed[-1].picture.group:
                size = sum(1 for p in pictures[index:] if p.group == picture.group)
                if size > grid.slots - len(placed) and size <= grid.slots:
                    break
            placed.append(place(grid, len(placed), picture))
            index += 1
        groups = list(dict.fromkeys(p.picture.group for p in placed))
        out.append(Sheet(kind, ", ".join(groups), grid.width, grid.height, tuple(placed)))
    return out
