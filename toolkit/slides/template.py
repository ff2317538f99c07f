"""Open a theme's slide template and find its layouts and placeholders by name, never by position."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.util import Emu

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Theme
from toolkit.slides.geometry import LAYOUT_ALIASES, LAYOUT_FALLBACKS, LAYOUTS, OPTIONAL_ROLES, ROLE_NAMES, ROLES, Box, Geometry
from toolkit.themes import builtin_themes_folder

_NUMBER_SUFFIX = re.compile(r"(\s+placeholder)?(\s+\d+)?$")


def normalise(name: str) -> str:
    """A layout or placeholder name as compared: lower case, single spaces, no "Placeholder 2" ending."""
    name = " ".join(name.lower().split())
    return _NUMBER_SUFFIX.sub("", name).strip()


@dataclass(frozen=True)
class Template:
    """A slide template that has every layout and placeholder a deck needs."""

    path: Path
    layout_names: dict[str, str]                  # kind → the layout's name in the file
    placeholder_names: dict[str, dict[str, str]]  # kind → role → the placeholder's name in the file
    geometry: Geometry

    def open(self):  # type: ignore[no-untyped-def]
        """A fresh presentation from the template, without any slides the template itself holds."""
        prs = Presentation(str(self.path))
        slide_ids = prs.slides._sldIdLst  # noqa: SLF001 - python-pptx has no public way to drop slides
        for sld_id in list(slide_ids):
            prs.part.drop_rel(sld_id.rId)
            slide_ids.remove(sld_id)
        return prs

    def layout(self, prs, kind: str):  # type: ignore[no-untyped-def]
        wanted = self.layout_names[kind]
        return next(layout for layout in prs.slide_layouts if layout.name == wanted)


def template_path(theme: Theme) -> Path | None:
    """The theme's template file, coursekit's own when the theme names none, None when it leads outside the theme."""
    if theme.meta.slides_template:
        path = (theme.folder / theme.meta.slides_template).resolve()
        return path if path.is_relative_to(theme.folder.resolve()) else None
    return builtin_themes_folder() / "default" / "template.pptx"


def _layout_for(kind: str, layouts: dict[str, object]) -> object | None:
    for name in (LAYOUTS[kind], *LAYOUT_ALIASES.get(kind, ())):
        found = layouts.get(normalise(name))
        if found is not None:
            return found
    return None


def _find_role(role: str, placeholders: list, taken: set[int]):  # type: ignore[no-untyped-def]
    names = ROLE_NAMES[role]
    for wanted in names:  # the exact name first ("Body"), then the looser ones ("Content Placeholder 2")
        for shape in placeholders:
            if id(shape) not in taken and normalise(shape.name) == wanted:
                return shape
    return None


def _box(shape, body_pr) -> Box:  # type: ignore[no-untyped-def]
    def inset(name: str, default: int) -> int:
        value = body_pr.get(name) if body_pr is not None else None
        return int(value) if value is not None else default
    return Box(int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0),
               inset("lIns", 91440), inset("tIns", 45720), inset("rIns", 91440), inset("bIns", 45720))


def _body_pr(shape):  # type: ignore[no-untyped-def]
    """The text insets' element: the shape's own, else its master's."""
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr"
    own = shape._element.find(f".//{ns}")  # noqa: SLF001
    if own is not None and any(own.get(k) is not None for k in ("lIns", "tIns", "rIns", "bIns")):
        return own
    try:
        inherited = shape._base_placeholder  # noqa: SLF001
    except Exception:  # noqa: BLE001
        inherited = None
    if inherited is not None:
        found = inherited._element.find(f".//{ns}")  # noqa: SLF001
        if found is not None:
            return found
    return own


def load_template(theme: Theme) -> tuple[Template | None, list[Diagnostic]]:
    """The theme's template checked for every layout and placeholder, or None with the reasons."""
    path, loc = template_path(theme), theme.field_loc("slides_template")
    if path is None:  # the theme check reports this too (CK603); never open a file outside the theme
        return None, [rules.SLIDES_TEMPLATE_UNREADABLE.at(
            loc, f"`{theme.meta.slides_template}` is outside the theme folder", rules.THEME_ASSET_MISSING.hint)]
    shown = path.name
    try:
        if not zipfile.is_zipfile(path):
            raise PackageNotFoundError(str(path))
        prs = Presentation(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        return None, [rules.SLIDES_TEMPLATE_UNREADABLE.at(loc, f"`{shown}` is not a PowerPoint file ({type(error).__name__})")]
    layouts = {}
    for layout in prs.slide_layouts:
        layouts.setdefault(normalise(layout.name), layout)
    missing = [kind for kind in LAYOUTS if _layout_for(kind, layouts) is None and kind not in LAYOUT_FALLBACKS]
    if missing:
        present = ", ".join(f"“{layout.name}”" for layout in prs.slide_layouts) or "none"
        needed = ", ".join(f"“{LAYOUTS[k]}”" for k in LAYOUTS if k not in LAYOUT_FALLBACKS)
        return None, [rules.SLIDES_LAYOUT_MISSING.at(
            loc, f"`{shown}` has no layout called {', '.join(f'“{LAYOUTS[k]}”' for k in missing)}. "
                 f"Decks need the layouts {needed}; the file has {present}")]
    problems: list[Diagnostic] = []
    layout_names: dict[str, str] = {}
    placeholder_names: dict[str, dict[str, str]] = {}
    boxes: dict[str, dict[str, Box]] = {}
    for kind in LAYOUTS:
        layout = _layout_for(kind, layouts) or _layout_for(LAYOUT_FALLBACKS[kind], layouts)
        layout_names[kind] = layout.name  # type: ignore[attr-defined]
        placeholders = list(layout.placeholders)  # type: ignore[attr-defined]
        taken: set[int] = set()
        placeholder_names[kind] = {}
        boxes[kind] = {}
        lacking = []
        for role in (*ROLES[kind], *OPTIONAL_ROLES):
            shape = _find_role(role, placeholders, taken)
            if shape is None:
                if role not in OPTIONAL_ROLES:
                    lacking.append(role)
                continue
            taken.add(id(shape))
            placeholder_names[kind][role] = shape.name
            boxes[kind][role] = _box(shape, _body_pr(shape))
        if lacking:
            wanted = ", ".join(f"“{r.replace('-', ' ').title()}”" for r in lacking)
            have = ", ".join(f"“{s.name}”" for s in placeholders) or "none"
            problems.append(rules.SLIDES_PLACEHOLDER_MISSING.at(
                loc, f"the layout “{layout.name}” of `{shown}` needs placeholders named "  # type: ignore[attr-defined]
                     f"{wanted}; it has {have}"))
    if problems:
        return None, problems
    notes_box = _notes_box(prs)
    geometry = Geometry(int(prs.slide_width), int(prs.slide_height), boxes, notes_box)
    return Template(path, layout_names, placeholder_names, geometry), []


def _notes_box(prs) -> Box:  # type: ignore[no-untyped-def]
    master = prs.notes_master
    for shape in master.placeholders:
        if normalise(shape.name) in ("notes", "body", "text", "notes text") or shape.placeholder_format.type == 2:
            return _box(shape, _body_pr(shape))
    return Box(Emu(685800), Emu(4400550), Emu(5486400), Emu(3600450))
