"""Find a theme folder, read its `theme.yml`, and check its colours and assets."""

from __future__ import annotations

import importlib.util
import math
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import ContentError, Diagnostic
from toolkit.source import SourceLoc
from toolkit.yamlsafe import load_yaml_file

if TYPE_CHECKING:  # a build with nothing to do asks only for the built-in themes' folder
    from toolkit.model import Theme
    from toolkit.schema import Palette, ThemeMeta

# Each pair is (text, background): text drawn on that background must reach AA.
CONTRAST_PAIRS = (("text", "background"), ("link", "background"), ("muted", "background"),
                  ("on_primary", "primary"), ("on_alert", "alert"),
                  ("on_same_day", "same_day"), ("on_soon", "soon"))
AA_NORMAL_TEXT = 4.5


def builtin_themes_folder() -> Path:
    """Where the themes shipped with coursekit live: in the wheel, or beside the package in a checkout."""
    packaged = Path(str(resources.files("toolkit"))) / "themes"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "themes"


def theme_folder(name: str, project_root: Path) -> Path | None:
    """The project's own theme of that name, else the built-in one, else None."""
    for base in (project_root / "themes", builtin_themes_folder()):
        folder = base / name
        if (folder / "theme.yml").is_file():
            return folder
    return None


def load_theme(name: str, project_root: Path, used_at: SourceLoc) -> tuple[Theme | None, list[Diagnostic]]:
    """The named theme, validated, or None with the reasons."""
    from toolkit.model import Theme
    from toolkit.schema import ThemeMeta
    from toolkit.validate import validate

    if "/" in name or "\\" in name or name.startswith("."):
        return None, [rules.THEME_NOT_FOUND.at(used_at, f"`{name}` is not a theme name")]
    folder = theme_folder(name, project_root)
    if folder is None:
        return None, [rules.THEME_NOT_FOUND.at(used_at, f"no theme called `{name}`")]
    path = folder / "theme.yml"
    shown = _shown(path, project_root)
    try:
        located = load_yaml_file(path, shown)
    except ContentError as error:
        return None, error.diagnostics
    meta, problems = validate(ThemeMeta, located)
    if meta is None:
        return None, problems
    field_locs = {str(key[0]): located.value_loc(key) for key in located.keys if len(key) == 1}
    theme = Theme(name, folder, meta, SourceLoc(shown, 1, 1), field_locs)
    problems = contrast_problems(meta, located.value_loc) + _asset_problems(theme, located.value_loc)
    if importlib.util.find_spec(meta.font.package) is None:
        problems.append(rules.THEME_FONT_MISSING.at(
            located.value_loc(("font", "package")), f"the font package `{meta.font.package}` is not installed",
            f"Install it (`pip install {meta.font.package.replace('_', '-')}`), or name an installed font package in `font: package:`."))
    return theme, problems


def _shown(path: Path, project_root: Path) -> Path:
    try:
        return path.relative_to(project_root)
    except ValueError:
        return path


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio between two `#rrggbb` colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def meets_aa(ratio: float) -> bool:
    """Whether a contrast ratio meets WCAG AA for normal text: at least 4.5:1, so 4.5 itself passes."""
    return ratio >= AA_NORMAL_TEXT


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_problems(meta: ThemeMeta, value_loc) -> list[Diagnostic]:  # type: ignore[no-untyped-def]
    problems = []
    for scheme in ("light", "dark"):
        palette: Palette = getattr(meta.colours, scheme)
        for text, background in CONTRAST_PAIRS:
            ratio = contrast_ratio(getattr(palette, text), getattr(palette, background))
            if not meets_aa(ratio):
                problems.append(rules.THEME_CONTRAST.at(
                    value_loc(("colours", scheme, text)),
                    f"{scheme} `{text}` on `{background}` has contrast {_shown_below(ratio, AA_NORMAL_TEXT)}:1, "
                    f"below {AA_NORMAL_TEXT}:1",
                ))
    return problems


def _shown_below(ratio: float, threshold: float) -> str:
    """A failing ratio to two decimals, never rounded up to the threshold it fails (4.49996 is 4.49, not 4.50)."""
    shown = f"{ratio:.2f}"
    if float(shown) >= threshold:
        shown = f"{math.floor(ratio * 100) / 100:.2f}"
    return shown


def _asset_problems(theme: Theme, value_loc) -> list[Diagnostic]:  # type: ignore[no-untyped-def]
    problems = []
    for field_name in ("logo", "slides_template", "print_css", "site_css"):
        relative = getattr(theme.meta, field_name)
        if relative is None:
            continue
        path = (theme.folder / relative).resolve()
        if not path.is_relative_to(theme.folder.resolve()) or not path.is_file():
            problems.append(rules.THEME_ASSET_MISSING.at(value_loc((field_name,)), f"`{field_name}: {relative}` is not a file in the theme folder"))
    return problems
