"""Where text and pictures go on each slide layout: pure data, read from a template or taken from the default.

The layouts a deck needs are named, not numbered. ``LAYOUTS`` maps each kind
of slide to the layout name coursekit's own template uses, ``LAYOUT_ALIASES``
to names PowerPoint gives its built-in layouts (so a clinic's template usually
needs only the coursekit-specific ones added), and ``ROLES`` to the
placeholders each layout must have.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EMU_PER_INCH = 914400
EMU_PER_PT = 12700

LAYOUTS: dict[str, str] = {
    "title": "Title",
    "section": "Section",
    "content": "Title and Content",
    "two-content": "Two Content",
    "picture": "Picture with Caption",
    "alert": "Alert",
    "alert-same-day": "Alert Same Day",
    "alert-soon": "Alert Soon",
    "quiz": "Quiz",
    "closing": "Closing",
}

# Layouts a template may leave out, and the layout used instead: a template drawn before urgency tiers
# shows every tier on its alert layout.
LAYOUT_FALLBACKS: dict[str, str] = {"alert-same-day": "alert", "alert-soon": "alert"}

LAYOUT_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title slide",),
    "section": ("section header",),
}

# The placeholders each layout needs, by role; footer and slide number are optional everywhere.
ROLES: dict[str, tuple[str, ...]] = {
    "title": ("title", "subtitle"),
    "section": ("title", "subtitle"),
    "content": ("title", "body"),
    "two-content": ("title", "left", "right"),
    "picture": ("title", "picture", "caption"),
    "alert": ("title", "body"),
    "alert-same-day": ("title", "body"),
    "alert-soon": ("title", "body"),
    "quiz": ("title", "body"),
    "closing": ("title", "body", "picture"),
}
OPTIONAL_ROLES = ("footer", "slide-number")

# The placeholder names coursekit's template uses, by role.
PLACEHOLDER_NAMES: dict[str, str] = {
    "title": "Title", "subtitle": "Subtitle", "body": "Body", "left": "Left", "right": "Right",
    "picture": "Picture", "caption": "Caption", "footer": "Footer", "slide-number": "Slide Number",
}

# Names a placeholder may have in other templates ("Content Placeholder 2" reads as "content").
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "center title", "centre title"),
    "subtitle": ("subtitle", "text"),
    "body": ("body", "content", "text"),
    "left": ("left", "content", "text"),
    "right": ("right", "content", "text"),
    "picture": ("picture", "image"),
    "caption": ("caption", "text"),
    "footer": ("footer",),
    "slide-number": ("slide number",),
}

# (preferred, smallest) font size in points for each role; nothing on a slide goes below 18 pt.
FLOOR_PT = 18
SIZES: dict[str, tuple[int, int]] = {
    "title": (36, 24),
    "cover-title": (44, 28),
    "subtitle": (26, FLOOR_PT),
    "body": (28, FLOOR_PT),
    "left": (26, FLOOR_PT),
    "right": (26, FLOOR_PT),
    "caption": (22, FLOOR_PT),
    "table": (22, FLOOR_PT),
}
SPLIT_PT = 24        # a frame that must be split is packed at this size, then each part grows if it can
NOTES_PT = 12
FOOTER_PT = (12, 9)


@dataclass(frozen=True)
class Box:
    """A placeholder's rectangle and its text insets, in EMU."""

    x: int
    y: int
    w: int
    h: int
    left: int = 91440
    top: int = 45720
    right: int = 91440
    bottom: int = 45720

    @property
    def text_width_pt(self) -> float:
        return (self.w - self.left - self.right) / EMU_PER_PT

    @property
    def height_pt(self) -> float:
        """The height text may fill: the box less its top and bottom insets."""
        return (self.h - self.top - self.bottom) / EMU_PER_PT


@dataclass(frozen=True)
class Geometry:
    """The slide size and the boxes of every role of every layout, plus the notes page's text box."""

    slide_w: int
    slide_h: int
    layouts: dict[str, dict[str, Box]] = field(hash=False)
    notes: Box

    def box(self, layout: str, role: str) -> Box | None:
        return self.layouts.get(layout, {}).get(role)


def _in(value: float) -> int:
    return round(value * EMU_PER_INCH)


def _box(x: float, y: float, w: float, h: float) -> Box:
    return Box(_in(x), _in(y), _in(w), _in(h))


SLIDE_W, SLIDE_H = 12192000, 6858000  # 16:9, 13.333 x 7.5 in
BAND_H = _in(1.45)                    # the coloured title band of content slides

_FOOTER = {"footer": _box(0.5, 6.98, 10.4, 0.4), "slide-number": _box(11.3, 6.98, 1.53, 0.4)}
_TITLE = _box(0.5, 0.12, 12.333, 1.21)
_BODY = _box(0.6, 1.7, 12.133, 5.05)

# coursekit's default template is drawn from these boxes (themes/default/make_template.py).
DEFAULT_GEOMETRY = Geometry(
    SLIDE_W, SLIDE_H,
    {
        "title": {"title": _box(0.8, 1.55, 11.733, 2.3), "subtitle": _box(0.8, 4.05, 11.733, 2.2), **_FOOTER},
        "section": {"title": _box(1.1, 2.05, 11.4, 1.9), "subtitle": _box(1.1, 4.1, 11.4, 1.6), **_FOOTER},
        "content": {"title": _TITLE, "body": _BODY, **_FOOTER},
        "two-content": {"title": _TITLE, "left": _box(0.6, 1.7, 5.95, 5.05), "right": _box(6.783, 1.7, 5.95, 5.05), **_FOOTER},
        "picture": {"title": _TITLE, "picture": _box(0.6, 1.7, 12.133, 4.05), "caption": _box(0.6, 5.85, 12.133, 0.9), **_FOOTER},
        "alert": {"title": _TITLE, "body": _BODY, **_FOOTER},
        "alert-same-day": {"title": _TITLE, "body": _BODY, **_FOOTER},
        "alert-soon": {"title": _TITLE, "body": _BODY, **_FOOTER},
        "quiz": {"title": _TITLE, "body": _BODY, **_FOOTER},
        "closing": {"title": _TITLE, "body": _box(0.6, 1.7, 8.0, 5.05), "picture": _box(9.0, 2.0, 3.6, 3.6), **_FOOTER},
    },
    notes=_box(0.5, 4.35, 6.5, 5.2),
)
NOTES_PAGE = (_in(7.5), _in(10))
NOTES_SLIDE_IMAGE = _box(0.5, 0.55, 6.5, 3.656)
