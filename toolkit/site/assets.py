"""The site's own files: CSS made from theme.yml, the quiz script, the theme's font and logo, and the fallback
fonts for the scripts the theme font lacks (:mod:`toolkit.fallback_fonts`)."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from toolkit import fallback_fonts

from toolkit.model import Theme
from toolkit.schema import Palette
from toolkit.themes import contrast_ratio

HERE = Path(__file__).resolve().parent / "assets"
STATIC = ("coursekit.css", "quiz.js", "iframe-worker.js")

# WCAG 1.4.11: a graphic that identifies something needs 3:1 against what is around it.
LOGO_CONTRAST = 3.0
_SVG_FILL = re.compile(r"""fill\s*[:=]\s*["']?\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b""")

# Material's colour custom properties, each set from one colour of the palette.
_SCHEMES = (("default", "light"), ("slate", "dark"))


def _scheme_css(selector: str, p: Palette) -> str:
    props = {
        "--md-primary-fg-color": p.primary,
        "--md-primary-fg-color--light": p.primary,
        "--md-primary-fg-color--dark": p.primary,
        "--md-primary-bg-color": p.on_primary,
        "--md-primary-bg-color--light": p.on_primary,
        "--md-accent-fg-color": p.link,
        "--md-accent-fg-color--transparent": p.link + "1a",
        "--md-accent-bg-color": p.background,
        "--md-default-fg-color": p.text,
        "--md-default-fg-color--light": p.muted,
        "--md-default-fg-color--lighter": p.muted + "80",
        "--md-default-fg-color--lightest": p.muted + "26",
        "--md-default-bg-color": p.background,
        "--md-default-bg-color--light": p.background,
        "--md-typeset-color": p.text,
        "--md-typeset-a-color": p.link,
        "--md-code-fg-color": p.text,
        # The footer: stock Material draws grey text on a dark grey bar that fails contrast.
        "--md-footer-bg-color": p.primary,
        "--md-footer-bg-color--dark": p.primary,
        "--md-footer-fg-color": p.on_primary,
        "--md-footer-fg-color--light": p.on_primary,
        "--md-footer-fg-color--lighter": p.on_primary,
        "--ck-alert": p.alert,
        "--ck-on-alert": p.on_alert,
        "--ck-same-day": p.same_day,
        "--ck-on-same-day": p.on_same_day,
        "--ck-soon": p.soon,
        "--ck-on-soon": p.on_soon,
    }
    body = "".join(f"  {name}: {value};\n" for name, value in props.items())
    return f'[data-md-color-scheme="{selector}"] {{\n{body}}}\n'


def font_files(theme: Theme) -> list[Path]:
    """The TrueType files of the theme's font package (none if it is not installed), then the fallback fonts."""
    spec = importlib.util.find_spec(theme.meta.font.package)
    own: list[Path] = []
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))) / "files"
        own = sorted(folder.glob("*.ttf")) if folder.is_dir() else []
    return [*own, *(path for _, path in fallback_fonts.installed())]


def _font_face(family: str, file_name: str, unicode_range: str = "") -> str:
    """One face. A fallback (with a ``unicode_range``) is one file for every weight: the browser makes bold."""
    stem = Path(file_name).stem.lower()
    weight = "" if unicode_range else f" font-weight: {700 if 'bold' in stem else 400};"
    style = "italic" if "italic" in stem else "normal"
    family = family.replace("\\", "").replace('"', "")
    kind = "opentype" if file_name.lower().endswith(".otf") else "truetype"
    extra = f" unicode-range: {unicode_range};" if unicode_range else ""
    return (f'@font-face {{ font-family: "{family}"; src: url("fonts/{quote(file_name)}") format("{kind}");'
            f"{weight} font-style: {style}; font-display: swap;{extra} }}\n")


def palette_css(theme: Theme, fonts: list[Path]) -> str:
    """Light and dark colours and the font, as CSS Material reads (colours are validated `#rrggbb`)."""
    parts = ["/* Made by coursekit from theme.yml; do not edit. */\n"]
    family = theme.meta.font.family
    fallbacks = {path: fallback for fallback, path in fallback_fonts.installed()}
    for path in fonts:
        fallback = fallbacks.get(path)
        if fallback is not None:  # one face for every weight: the browser makes bold from it
            parts.append(_font_face(fallback.family, path.name, fallback.unicode_range))
        else:
            parts.append(_font_face(family, path.name))
    if fonts:
        families = fallback_fonts.css_families(family)
        parts.append(f":root {{ --md-text-font: {families}; "
                     f'--md-code-font: ui-monospace, "DejaVu Sans Mono", monospace; }}\n')
        parts.append(f"body, input, button {{ font-family: {families}, system-ui, sans-serif; }}\n")
    for selector, name in _SCHEMES:
        parts.append(_scheme_css(selector, getattr(theme.meta.colours, name)))
    parts.append(logo_css(theme))
    return "".join(parts)


def logo_colour(path: Path) -> str | None:
    """The colour at the logo's edge, as `#rrggbb`: an SVG's first fill (its backdrop), or a picture's commonest
    opaque colour; None when there is none to read."""
    if path.suffix.lower() == ".svg":
        found = _SVG_FILL.search(path.read_text(encoding="utf-8", errors="replace"))
        if found is None:
            return None
        value = found.group(1).lower()
        return "#" + (value if len(value) == 6 else "".join(c * 2 for c in value))
    from PIL import Image

    with Image.open(path) as image:
        pixels = image.convert("RGBA").resize((32, 32)).tobytes()
    opaque = Counter((pixels[i] // 16 * 16, pixels[i + 1] // 16 * 16, pixels[i + 2] // 16 * 16)
                     for i in range(0, len(pixels), 4) if pixels[i + 3] > 128)
    if not opaque:
        return None
    (r, g, b), _ = opaque.most_common(1)[0]
    return f"#{r:02x}{g:02x}{b:02x}"


def logo_plate(colour: str | None, palette: Palette) -> str | None:
    """None when the logo stands out from the header (3:1); else the plain backdrop it is shown on instead:
    the palette colour that contrasts most with the logo's edge."""
    if colour is None or contrast_ratio(colour, palette.primary) >= LOGO_CONTRAST:
        return None
    return max((palette.on_primary, palette.background, palette.text), key=lambda c: contrast_ratio(colour, c))


def logo_css(theme: Theme) -> str:
    """The logo in the header at every width, on a plate in each scheme where it would melt into the header."""
    path = theme.asset(theme.meta.logo)
    if path is None or not path.is_file():
        return ""
    parts = [".md-header__button.md-logo { display: inline-block; }\n"]
    colour = logo_colour(path)
    for selector, name in _SCHEMES:
        plate = logo_plate(colour, getattr(theme.meta.colours, name))
        if plate is not None:
            parts.append(f'[data-md-color-scheme="{selector}"] .md-logo img {{ background-color: {plate};'
                         f" padding: 0.15rem; border-radius: 0.3rem; box-sizing: content-box; }}\n")
    return "".join(parts)


_SVG_SIZE = re.compile(r"<svg\b[^>]*>", re.S)
_SVG_ATTRIBUTE = r"""\s{name}\s*=\s*["']\s*([0-9.]+)\s*(?:px)?\s*["']"""
_SVG_VIEWBOX = re.compile(r"""\sviewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*["']""")


def image_size(path: Path) -> tuple[int, int] | None:
    """A picture's width and height in pixels (an SVG's from its `width`/`height`, else its `viewBox`), or None."""
    try:
        if path.suffix.lower() == ".svg":
            tag = _SVG_SIZE.search(path.read_text(encoding="utf-8", errors="replace"))
            if tag is None:
                return None
            width = re.search(_SVG_ATTRIBUTE.format(name="width"), tag.group())
            height = re.search(_SVG_ATTRIBUTE.format(name="height"), tag.group())
            found = (width.group(1), height.group(1)) if width and height else None
            box = _SVG_VIEWBOX.search(tag.group())
            found = found or ((box.group(1), box.group(2)) if box else None)
            if found is None:
                return None
            size = (round(float(found[0])), round(float(found[1])))
            return size if min(size) > 0 else None
        from PIL import Image

        with Image.open(path) as picture:  # reads the header only
            return picture.size
    except (OSError, ValueError, SyntaxError):
        return None
