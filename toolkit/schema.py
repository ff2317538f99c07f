"""The fields of `course.yml`, module front matter, `glossary.yml` and `theme.yml`.

Values arrive from the YAML loader as text; pydantic gives them their types, so
`NO` stays a string and `version: 1.10` stays "1.10".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag

from toolkit.fields import Colour, HttpsUrl, LanguageTag, Strict, Text
from toolkit.labels import Labels


class Person(Strict):
    name: Text
    role: Text | None = None


class Contact(Strict):
    """How to reach the clinic."""

    name: Text
    phone: Text | None = None
    email: Text | None = None
    website: HttpsUrl | None = None
    address: Text | None = None


class Emergency(Strict):
    """What to do when a warning sign appears, shown beside every red-flags block."""

    line: Text
    text: Text


# How soon a warning sign needs help, most urgent first; each course words its own action for each.
UrgencyTier = Literal["at-once", "same-day", "soon"]
URGENCY_TIERS: tuple[UrgencyTier, ...] = ("at-once", "same-day", "soon")


class UrgencyWords(Strict):
    """One urgency tier in the clinic's words: the condition's heading, the action, and a number to call."""

    title: Text     # stands above the signs: "Call 999 or go to A&E now if you have any of these"
    action: Text    # stands under them: "Call 999 or go to A&E now. Do not wait."
    call: Text | None = None  # the number the action asks for, for a call button


class RedFlagRequirement(Strict):
    """A warning sign the course must cover, found by any of its phrases (in a block of its tier, if named)."""

    sign: Text
    phrases: list[Text] = Field(min_length=1)
    tier: UrgencyTier | None = None


class PrintItem(Strict):
    """A printable coursekit makes for the workshop: `wallet-card`, or a picture file from the course folder."""

    print: Text
    title: Text | None = None   # a picture's defaults to its file name in words; the card's to its label
    copies: Text | None = None  # how many, in plain words: "one for each person"


def _material_kind(value: Any) -> str:
    # Tags start with a capital so diagnostics leave them out of the field's name (validate._is_union_tag).
    return "Print" if isinstance(value, dict) else "Words"


# One thing to prepare: plain words ("Hand mirrors, one for every two people"), or `print: ...`.
MaterialItem = Annotated[Union[Annotated[Text, Tag("Words")], Annotated[PrintItem, Tag("Print")]],
                         Discriminator(_material_kind)]


class CheckSettings(Strict):
    """Thresholds for the plain-language checks."""

    reading_grade_warning: float = Field(default=8, ge=0, le=30)
    reading_grade_error: float = Field(default=10, ge=0, le=30)
    course_grade_warning: float = Field(default=7, ge=0, le=30)
    sentence_words_warning: int = Field(default=25, ge=1)
    average_sentence_words_warning: float = Field(default=20, ge=1)
    summary_max_words: int = Field(default=40, ge=1)
    review_warning_days: int = Field(default=60, ge=0, le=3650)
    # Rare words the clinic's readers know without an explanation (place and brand names): no CK411.
    allowed_words: list[Text] = []
    # Words the clinic treats as medical terms, which need a glossary entry even if common (CK410).
    medical_words: list[Text] = []


class Limits(Strict):
    """Upper bounds on what coursekit reads, so broken or hostile content cannot exhaust a build."""

    front_matter_bytes: int = Field(default=64 * 1024, ge=1)
    module_bytes: int = Field(default=1024 * 1024, ge=1)
    image_bytes: int = Field(default=10 * 1024 * 1024, ge=1)
    image_pixels: int = Field(default=40_000_000, ge=1)
    list_depth: int = Field(default=12, ge=1, le=30)
    # How long one handout may take WeasyPrint to render, in seconds; a pathological document is stopped.
    render_seconds: float = Field(default=120, gt=0, le=3600)


class CourseMeta(Strict):
    """`course.yml`: what the course is, who stands behind it, and its module order."""

    title: Text
    subtitle: Text | None = None
    summary: Text | None = None
    language: LanguageTag = "en"
    audience: Text | None = None
    version: Text | None = None
    authors: list[Person] = []
    reviewer: Person | None = None
    reviewed: dt.date | None = None
    next_review: dt.date | None = None
    contact: Contact | None = None
    emergency: Emergency | None = None
    urgency: dict[UrgencyTier, UrgencyWords] = {}
    disclaimer: Text | None = None
    theme: Text = "default"
    modules: list[Text] = []
    site_url: HttpsUrl | None = None  # the old place of the site's address, now in mkdocs.yml (CK708)
    leaflet_id: Text | None = None
    red_flags: list[RedFlagRequirement] = []
    materials: list[MaterialItem] = []  # what the whole workshop needs; each module lists its own
    checks: CheckSettings = CheckSettings()
    limits: Limits = Limits()
    # The words coursekit adds around the content; an empty mapping validates to the English defaults.
    labels: Labels = Field(default_factory=dict, validate_default=True)


class SourceRef(Strict):
    """A document the module's facts come from."""

    title: Text
    publisher: Text | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: HttpsUrl | None = None
    accessed: dt.date | None = None


class ModuleMeta(Strict):
    """A module's front matter."""

    title: Text
    summary: Text
    duration: int = Field(ge=1, le=240)
    objectives: list[Text] = []
    key_points: list[Text] = []
    questions: list[Text] = []  # to ask the care team; on the leaflet with a box to tick
    sources: list[SourceRef] = []
    materials: list[MaterialItem] = []  # what the instructor prepares for this module


class GlossaryEntryMeta(Strict):
    """A glossary entry written out in full, with other forms of the term."""

    definition: Text
    also: list[Text] = []


GlossaryValue = Text | GlossaryEntryMeta


class Palette(Strict):
    """Colours for one scheme; each `on_*` colour is text drawn on its partner."""

    text: Colour
    background: Colour
    primary: Colour
    on_primary: Colour
    accent: Colour
    alert: Colour
    on_alert: Colour
    link: Colour
    muted: Colour
    # The same-day and soon urgency tiers (the at-once tier uses `alert`).
    same_day: Colour = "#ffb81c"
    on_same_day: Colour = "#1b1f24"
    soon: Colour = "#005eb8"
    on_soon: Colour = "#ffffff"


class Colours(Strict):
    light: Palette
    dark: Palette


class FontSpec(Strict):
    family: Text = "Atkinson Hyperlegible"
    package: Text = "fontpkg_atkinson_hyperlegible"


class ThemeMeta(Strict):
    """`theme.yml`: one description of the look shared by the site, decks and handouts."""

    name: Text
    font: FontSpec = FontSpec()
    colours: Colours
    logo: Text | None = None
    paper: Literal["a4", "letter"] = "a4"
    clinic: Contact
    emergency: Emergency | None = None
    slides_template: Text | None = None
    quiz_answers: Literal["notes", "next-slide"] = "notes"
    print_css: Text | None = None
    site_css: Text | None = None
