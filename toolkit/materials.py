"""What an instructor prepares for a workshop: `materials:` in `course.yml` and in each module's front matter.

An item is plain words ("Hand mirrors, one for every two people") or a printable
coursekit makes: `print: wallet-card` (the course's warning signs on cards to cut
out) or `print: media/body-outline.svg` (a picture from the course folder, one
to a page under its title). Paths start from the course folder in both files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.limits import Limits
from toolkit.schema import PrintItem
from toolkit.source import SourceLoc
from toolkit.yamlsafe import Located

if TYPE_CHECKING:
    from toolkit.model import Course, Module

WALLET_CARD = "wallet-card"
FIELD = "materials"
# File names the guide's folder already uses: a picture printed under one of them gets a prefix.
_TAKEN = {"facilitator-guide", WALLET_CARD}


@dataclass(frozen=True)
class Material:
    """One item of `materials:`, where it is written."""

    words: str | None        # something to prepare, in plain words
    print: str | None        # what to print: `wallet-card` or a path from the course folder
    title: str | None
    copies: str | None
    loc: SourceLoc           # the item
    print_loc: SourceLoc     # its `print:` value


@dataclass(frozen=True)
class Printable:
    """A document coursekit makes for the workshop, written next to the guide."""

    kind: Literal["wallet-card", "picture"]
    source: str              # as written after `print:`
    title: str
    path: Path | None        # the picture file; None for the wallet card
    digest: str              # the picture's bytes, so a changed picture is a new document
    loc: SourceLoc           # where it is first named
    file_name: str = ""      # set once every printable of the course is known


def item_locs(located: Located) -> dict[str, SourceLoc]:
    """Where each `materials:` item and its `print:` value stand, as `materials[1]` and `materials[1].print`."""
    found: dict[str, SourceLoc] = {}
    for path, loc in located.values.items():
        if len(path) >= 2 and path[0] == FIELD and isinstance(path[1], int):
            name = f"{FIELD}[{path[1] + 1}]"
            if len(path) == 2:
                found[name] = loc
            elif path[2:] == ("print",):
                found[f"{name}.print"] = loc
    return found


def read_materials(items: list[str | PrintItem], field_locs: dict[str, SourceLoc], origin: SourceLoc) -> tuple[Material, ...]:
    """The validated items of `materials:` with their places."""
    found = []
    for index, item in enumerate(items, 1):
        name = f"{FIELD}[{index}]"
        loc = field_locs.get(name) or field_locs.get(FIELD) or origin
        if isinstance(item, PrintItem):
            found.append(Material(None, item.print, item.title, item.copies, loc, field_locs.get(f"{name}.print", loc)))
        else:
            found.append(Material(item, None, None, None, loc, loc))
    return tuple(found)


def resolve(course_folder: Path, material: Material, card_title: str) -> tuple[Printable | None, Diagnostic | None]:
    """The printable a `print:` item names, or why it cannot be made."""
    from toolkit.checks.media import IMAGE_SUFFIXES, resolve_picture  # the checks read modules, as this module does

    source = material.print or ""
    loc = material.print_loc
    if source == WALLET_CARD:
        return Printable("wallet-card", source, material.title or card_title, None, "", loc), None
    if "/" not in source and "\\" not in source and PurePosixPath(source).suffix.lower() not in IMAGE_SUFFIXES:
        return None, rules.MATERIAL_UNKNOWN_PRINT.at(loc, f"coursekit cannot print `{source}`: it is neither "
                                                          f"`{WALLET_CARD}` nor a picture file")
    path, problem = resolve_picture(course_folder, course_folder, source, loc)
    if problem is not None:
        return None, _from_course_folder(course_folder, source, problem)
    assert path is not None
    title = material.title or PurePosixPath(source).stem.replace("-", " ").replace("_", " ").capitalize()
    return Printable("picture", source, title, path, hashlib.sha256(path.read_bytes()).hexdigest(), loc), None


def _from_course_folder(course_folder: Path, source: str, problem: Diagnostic) -> Diagnostic:
    """A path written from a module's folder (`../media/x.svg`), as images are, gets the path that works here."""
    if problem.rule is rules.PATH_ESCAPES and source.startswith("../"):
        meant = source.removeprefix("../")
        if os.path.isfile(course_folder / meant):
            return problem.rule.at(problem.loc, problem.message,
                                   f"Paths in `materials:` start from the course folder: write `{meant}`.")
    return problem


def inspect(printable: Printable, limits: Limits, loc: SourceLoc) -> list[Diagnostic]:
    """Problems with a picture's file itself (too large, damaged, unsafe SVG)."""
    from toolkit.checks.media import inspect_image

    if printable.path is None:
        return []
    return inspect_image(printable.path, printable.source, limits, loc)


def printable_key(printable: Printable) -> str:
    """What a printable prints: the same picture named twice (or the card) is one document."""
    return str(printable.path) if printable.path is not None else printable.source


def file_names(printables: list[Printable]) -> list[Printable]:
    """Each printable once (by what it prints), with the PDF's name: `wallet-card.pdf`, `<picture>.pdf`."""
    from dataclasses import replace

    unique: dict[str, Printable] = {}
    for printable in printables:
        unique.setdefault(printable_key(printable), printable)
    named: list[Printable] = []
    used: set[str] = set()
    for printable in unique.values():
        stem = WALLET_CARD if printable.path is None else printable.path.stem
        if printable.path is not None and stem in _TAKEN:
            stem = f"picture-{stem}"
        if stem in used and printable.path is not None:  # `x.svg` and `x.png`: both, by their endings
            stem = f"{stem}-{printable.path.suffix.lstrip('.').lower()}"
        used.add(stem)
        named.append(replace(printable, file_name=f"{stem}.pdf"))
    return named


def module_materials(module: Module) -> tuple[Material, ...]:
    """What a module's front matter asks the instructor to prepare."""
    return read_materials(module.meta.materials, module.field_locs, module.loc)


def course_materials(course: Course) -> tuple[Material, ...]:
    """What `course.yml` asks the instructor to prepare for the whole workshop."""
    return read_materials(course.meta.materials, course.field_locs, course.loc)


def resolved(course: Course, materials: tuple[Material, ...]) -> Iterator[tuple[Printable | None, list[Diagnostic]]]:
    """Each `print:` item of ``materials`` as the printable it names (None when it names nothing printable),
    with the problems of its name or its picture, found at the item."""
    for material in materials:
        if material.print is None:
            continue
        printable, problem = resolve(course.folder, material, course.labels.handout_wallet_card)
        if problem is not None:
            yield None, [problem]
        elif printable is not None:
            yield printable, inspect(printable, course.limits, material.print_loc)


def printables(course: Course) -> tuple[list[Printable], list[Diagnostic]]:
    """Every printable the course and its modules name, each once and named, and every problem with them."""
    found: list[Printable] = []
    problems: list[Diagnostic] = []
    named = (*course_materials(course), *(i for mod in course.modules for i in module_materials(mod)))
    for printable, more in resolved(course, named):
        problems.extend(more)
        if printable is not None:
            found.append(printable)
    return file_names(found), problems
