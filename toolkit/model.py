"""The course model every renderer reads: Course → Module → blocks → inlines.

All nodes are frozen and carry the SourceLoc they were read from, so any later
stage can point an author at the line to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union
from urllib.parse import unquote, urlsplit

from toolkit.labels import Labels
from toolkit.schema import CourseMeta, Limits, ModuleMeta, SourceRef, ThemeMeta, UrgencyTier, UrgencyWords
from toolkit.source import SourceLoc

# Inlines


@dataclass(frozen=True)
class Text:
    text: str
    loc: SourceLoc


@dataclass(frozen=True)
class Code:
    text: str
    loc: SourceLoc


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]
    loc: SourceLoc


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]
    loc: SourceLoc


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]
    loc: SourceLoc


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    title: str
    loc: SourceLoc


@dataclass(frozen=True)
class Break:
    """A line break: ``hard`` for a forced one, otherwise a space in most outputs."""

    hard: bool
    loc: SourceLoc


@dataclass(frozen=True)
class RawInline:
    """HTML typed into a line; renderers must sanitise or drop it."""

    html: str
    loc: SourceLoc


Inline = Union[Text, Code, Strong, Emph, Link, Image, Break, RawInline]

# Blocks


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    loc: SourceLoc


@dataclass(frozen=True)
class Heading:
    """A heading below section level (``###`` and deeper)."""

    level: int
    inlines: tuple[Inline, ...]
    loc: SourceLoc
    anchor: str  # its id on the page, unique in the module together with the sections' anchors


@dataclass(frozen=True)
class Figure:
    """An image standing alone in its paragraph: a picture with alt text and a caption."""

    image: Image
    loc: SourceLoc


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]
    checked: bool | None
    loc: SourceLoc


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool
    start: int
    loc: SourceLoc


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    loc: SourceLoc


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]
    loc: SourceLoc


@dataclass(frozen=True)
class CodeBlock:
    text: str
    loc: SourceLoc


@dataclass(frozen=True)
class RawBlock:
    """An HTML block; renderers must sanitise or drop it."""

    html: str
    loc: SourceLoc


@dataclass(frozen=True)
class RedFlags:
    """Warning signs of one urgency tier: never hidden, shown with that tier's action."""

    blocks: tuple[Block, ...]
    loc: SourceLoc
    named_tier: UrgencyTier | None = None  # None in a block written before tiers: it counts as at once

    @property
    def tier(self) -> UrgencyTier:
        return self.named_tier or "at-once"


@dataclass(frozen=True)
class Exercise:
    title: str
    blocks: tuple[Block, ...]
    loc: SourceLoc

    @property
    def steps(self) -> ListBlock | None:
        """The first numbered list: the exercise's steps."""
        return next((b for b in self.blocks if isinstance(b, ListBlock) and b.ordered), None)


@dataclass(frozen=True)
class QuizOption:
    inlines: tuple[Inline, ...]
    correct: bool
    loc: SourceLoc


@dataclass(frozen=True)
class Quiz:
    question: tuple[Inline, ...]
    options: tuple[QuizOption, ...]
    explanation: tuple[Block, ...]
    loc: SourceLoc


@dataclass(frozen=True)
class Notes:
    """Speaker notes: for instructors only."""

    blocks: tuple[Block, ...]
    loc: SourceLoc


@dataclass(frozen=True)
class Callout:
    kind: Literal["tip", "caution"]
    title: str  # "" when the author gave none: each output then shows its label for the kind
    blocks: tuple[Block, ...]
    loc: SourceLoc


Output = Literal["site", "slides", "handout"]
OUTPUTS: tuple[Output, ...] = ("site", "slides", "handout")
# What `::: only` may name: an output, or one of the two kinds of handout (a module's leaflet, the full booklet).
OnlyTarget = Literal["site", "slides", "handout", "leaflet", "booklet"]
ONLY_TARGETS: tuple[OnlyTarget, ...] = ("site", "slides", "handout", "leaflet", "booklet")


@dataclass(frozen=True)
class Only:
    """Content for some outputs only; `handout` stands for both the leaflet and the booklet, and either names it."""

    outputs: frozenset[OnlyTarget]
    blocks: tuple[Block, ...]
    loc: SourceLoc


Block = Union[
    Paragraph, Heading, Figure, ListBlock, Table, Quote, CodeBlock, RawBlock,
    RedFlags, Exercise, Quiz, Notes, Callout, Only,
]


@dataclass(frozen=True)
class Section:
    """A ``##`` section of a module."""

    title: tuple[Inline, ...]
    anchor: str
    blocks: tuple[Block, ...]
    loc: SourceLoc


# Documents


@dataclass(frozen=True)
class Module:
    """One lesson: its front matter, any text before the first section, and its sections."""

    id: str
    number: int
    path: Path
    meta: ModuleMeta
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    loc: SourceLoc
    field_locs: dict[str, SourceLoc] = field(default_factory=dict, compare=False, hash=False)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        return tuple(self.meta.sources)

    def field_loc(self, name: str) -> SourceLoc:
        """Where a front-matter field stands, or the module's first line."""
        return self.field_locs.get(name, self.loc)

    def anchors(self) -> tuple[str, ...]:
        """What a link into the module can name after `#`: every section's and heading's anchor, in page order.

        Headings in speaker notes or in `::: only` blocks are left out: some outputs do not show them.
        """
        found = [*_heading_anchors(self.intro)]
        for section in self.sections:
            found.append(section.anchor)
            found.extend(_heading_anchors(section.blocks))
        return tuple(found)

    def blocks(self) -> Iterator[Block]:
        """Every top-level block, intro first, then each section's."""
        yield from self.intro
        for section in self.sections:
            yield from section.blocks


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    also: tuple[str, ...]
    loc: SourceLoc

    @property
    def forms(self) -> tuple[str, ...]:
        """Every written form of the term."""
        return (self.term, *self.also)


@dataclass(frozen=True)
class Theme:
    """A theme folder and its validated ``theme.yml``."""

    name: str
    folder: Path
    meta: ThemeMeta
    loc: SourceLoc
    field_locs: dict[str, SourceLoc] = field(default_factory=dict, compare=False, hash=False)

    def asset(self, relative: str | None) -> Path | None:
        return self.folder / relative if relative else None

    def field_loc(self, name: str) -> SourceLoc:
        """Where ``theme.yml`` sets a top-level field, else the file itself."""
        return self.field_locs.get(name, self.loc)


@dataclass(frozen=True)
class Course:
    id: str
    folder: Path
    meta: CourseMeta
    glossary: tuple[GlossaryEntry, ...]
    modules: tuple[Module, ...]
    theme: Theme
    loc: SourceLoc
    field_locs: dict[str, SourceLoc] = field(default_factory=dict, compare=False, hash=False)
    limits: Limits = field(default_factory=Limits, compare=False)

    def field_loc(self, name: str) -> SourceLoc:
        return self.field_locs.get(name, self.loc)

    @property
    def labels(self) -> Labels:
        """The words every output adds around this course's content: `labels:` over the English defaults."""
        return self.meta.labels

    def link_target(self, href: str) -> tuple[Module, str] | None:
        """The module a relative link such as `02-warning-signs.md#anchor` names, and its anchor."""
        parts = urlsplit(href.strip())
        if parts.scheme or parts.netloc:
            return None
        name = unquote(parts.path).removeprefix("./")
        target = next((m for m in self.modules if m.file_name == name), None) if name else None
        return (target, unquote(parts.fragment)) if target is not None else None

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def urgency(self, tier: UrgencyTier) -> UrgencyWords | None:
        """The tier's words from `urgency:`; the at-once tier falls back to the emergency line."""
        words = self.meta.urgency.get(tier)
        if words is not None or tier != "at-once":
            return words
        emergency = self.meta.emergency or self.theme.meta.emergency
        if emergency is None:
            return None
        return UrgencyWords(title=self.labels.red_flags_title, action=emergency.text, call=emergency.line)


@dataclass(frozen=True)
class SiteAddress:
    """Where the course site is published: MkDocs' `site_url` and `use_directory_urls` in `mkdocs.yml`."""

    url: str | None = None  # the site's root, ending in `/`; None: the site has no public address
    loc: SourceLoc = SourceLoc(Path("mkdocs.yml"))  # where it is written, or where it belongs
    directory_urls: bool = True


@dataclass(frozen=True)
class Project:
    """A folder holding ``mkdocs.yml``, ``courses/`` and ``themes/``."""

    root: Path
    courses: tuple[Course, ...]
    site: SiteAddress = SiteAddress()


def walk_blocks(blocks: tuple[Block, ...] | list[Block],
                skip: Callable[[Block], bool] | None = None) -> Iterator[Block]:
    """Every block, depth first, including those inside lists, quotes and `:::` blocks; a block ``skip``
    accepts is passed over with everything inside it."""
    for block in blocks:
        if skip is not None and skip(block):
            continue
        yield block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from walk_blocks(item.blocks, skip)
        elif isinstance(block, Quiz):
            yield from walk_blocks(block.explanation, skip)
        elif hasattr(block, "blocks"):
            yield from walk_blocks(block.blocks, skip)


def _heading_anchors(blocks: tuple[Block, ...]) -> Iterator[str]:
    """The anchors of the headings every output shows (none in notes or `::: only`), depth first."""
    shown = walk_blocks(blocks, skip=lambda block: isinstance(block, (Notes, Only)))
    return (block.anchor for block in shown if isinstance(block, Heading))


def walk_inlines(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    """Every inline, depth first."""
    for inline in inlines:
        yield inline
        if isinstance(inline, (Strong, Emph, Link)):
            yield from walk_inlines(inline.children)


def block_inlines(block: Block) -> Iterator[tuple[Inline, ...]]:
    """The inline runs held directly by a block (not by blocks inside it)."""
    if isinstance(block, (Paragraph, Heading)):
        yield block.inlines
    elif isinstance(block, Figure):
        yield (block.image,)
    elif isinstance(block, Table):
        yield from block.header
        for row in block.rows:
            yield from row
    elif isinstance(block, Quiz):
        yield block.question
        for option in block.options:
            yield option.inlines


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The words of an inline run, without markup."""
    parts: list[str] = []
    for inline in inlines:
        if isinstance(inline, (Text, Code)):
            parts.append(inline.text)
        elif isinstance(inline, (Strong, Emph, Link)):
            parts.append(plain_text(inline.children))
        elif isinstance(inline, Break):
            parts.append("\n" if inline.hard else " ")
        elif isinstance(inline, Image):
            parts.append(inline.alt)
    return "".join(parts)
