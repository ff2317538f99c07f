"""Which printed documents a course gets, in which order, with which content (pure: no WeasyPrint here).

A module handout is a take-home leaflet of at most two sides, made from the
module's structure rather than its whole text: the clinic's header, the title
and summary, the warning signs by urgency tier with what to do (taken from the
course when the module has none of its own), the key points, what the author
wrote for print alone (`::: only handout`), the exercises as step cards, the
words the leaflet uses, the QR code of the full lesson, and the sources. The
booklet holds every module in full: sections, exercises, the quiz as a
worksheet with the answers at the end. Speaker notes are never part of a handout plan; only the
facilitator guide's plan carries them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from toolkit import model as m
from toolkit.materials import Material, Printable, module_materials, course_materials, printable_key, printables, resolve
from toolkit.plain_language.terms import first_uses
from toolkit.schema import URGENCY_TIERS, Contact, UrgencyTier, UrgencyWords
from toolkit.warning_signs import course_red_flags, module_red_flags, urgency_words

Paper = Literal["a4", "letter"]
Variant = Literal["standard", "large"]
Kind = Literal["module", "booklet", "guide", "card", "picture"]


@dataclass(frozen=True)
class Footer:
    """What every page carries at its foot."""

    version: str | None
    reviewed: dt.date | None
    next_review: dt.date | None
    leaflet_id: str
    disclaimer: str | None


@dataclass(frozen=True)
class ModulePart:
    """One module as a handout shows it."""

    module: m.Module
    number: int                                  # its place in the course, from 1
    red_flags: tuple[m.RedFlags, ...]            # the box on the first page
    red_flags_from: m.Module | None              # the module they come from, when not this one
    body: m.Module                               # intro and sections without exercises and quizzes
    exercises: tuple[m.Exercise, ...]
    quizzes: tuple[m.Quiz, ...]
    glossary: tuple[m.GlossaryEntry, ...]        # the terms used, the red-flags box's first, in order of first use
    qr_url: str | None                           # the online module
    # The take-home leaflet: what the author marked `::: only handout`, and the terms the leaflet itself uses.
    leaflet: tuple[m.Block, ...] = ()
    leaflet_glossary: tuple[m.GlossaryEntry, ...] = ()
    leaflet_exercises: tuple[m.Exercise, ...] = ()


@dataclass(frozen=True)
class AgendaRow:
    module: m.Module
    number: int
    start: int   # minutes from the start of the workshop
    minutes: int


@dataclass(frozen=True)
class MaterialLine:
    """One line of the guide's lists of what to prepare."""

    text: str
    copies: str | None = None       # how many, in the author's words
    file: str | None = None         # the PDF coursekit makes for it, next to the guide
    modules: tuple[int, ...] = ()   # in the list for the whole session: the modules that need it


@dataclass(frozen=True)
class GuideModule:
    """One module as the facilitator guide shows it."""

    module: m.Module
    number: int
    notes: tuple[m.Notes, ...]
    quizzes: tuple[m.Quiz, ...]
    exercises: tuple[m.Exercise, ...]
    materials: tuple[MaterialLine, ...] = ()


@dataclass(frozen=True)
class CardSide:
    """One side of the wallet card: warning signs by tier (each block with the module it is in), and the clinic."""

    flags: tuple[tuple[m.RedFlags, m.Module], ...]
    contact: bool                   # the clinic's name and number at its foot
    font_size: float                # in points: the largest that fits the card


@dataclass(frozen=True)
class DocumentPlan:
    """One PDF: what it is, where it goes, and everything it shows."""

    kind: Kind
    path: PurePosixPath            # relative to the build folder
    name: str                      # module id, `booklet` or `facilitator-guide`
    title: str
    lang: str
    variant: Variant
    paper: Paper
    course: m.Course
    clinic: Contact
    urgency: dict[UrgencyTier, UrgencyWords]  # each tier's words, for the red-flags boxes
    footer: Footer
    created: dt.datetime
    identifier: bytes
    parts: tuple[ModulePart, ...] = ()
    glossary: tuple[m.GlossaryEntry, ...] = ()   # the booklet's, for every module
    qr_url: str | None = None                     # the booklet's: the online course
    agenda: tuple[AgendaRow, ...] = ()            # the guide's
    guide: tuple[GuideModule, ...] = ()
    materials: tuple[MaterialLine, ...] = ()      # the guide's: everything to prepare before the session
    card: tuple[CardSide, ...] = ()               # the wallet card's front and back
    picture: Printable | None = None              # the picture a printed copy shows

    @property
    def modules_held(self) -> int:
        """How many modules the document shows: one for a module's handout, every one for the booklet and guide."""
        return max(1, len(self.parts), len(self.guide))

    @property
    def loc(self) -> m.SourceLoc:  # type: ignore[name-defined]
        """Where problems with this document are reported when nothing more exact is known."""
        return self.parts[0].module.loc if self.kind == "module" else self.course.loc


# Content


def _handout_blocks(blocks: tuple[m.Block, ...]) -> tuple[tuple[m.Block, ...], list[m.Exercise], list[m.Quiz]]:
    """The blocks to show in place, and the exercises and quizzes taken out to stand later."""
    kept: list[m.Block] = []
    exercises: list[m.Exercise] = []
    quizzes: list[m.Quiz] = []
    for block in blocks:
        if isinstance(block, m.Only):
            if "booklet" in block.outputs:
                inner, more_exercises, more_quizzes = _handout_blocks(block.blocks)
                kept.extend(inner)
                exercises.extend(more_exercises)
                quizzes.extend(more_quizzes)
        elif isinstance(block, m.Exercise):
            exercises.append(block)
        elif isinstance(block, m.Quiz):
            quizzes.append(block)
        elif isinstance(block, m.Notes):
            continue
        else:
            kept.append(block)
    return tuple(kept), exercises, quizzes


def terms_used(module: m.Module, glossary: tuple[m.GlossaryEntry, ...], *,
               red_flags: tuple[m.Block, ...] = ()) -> tuple[m.GlossaryEntry, ...]:
    """The glossary entries a module's handout uses, in order of first use: first those of ``red_flags``, the
    box on page 1 with its tiers' words (this module's or another's: its words are in its blocks alone), then
    the module's own."""
    box = dataclasses.replace(module, intro=red_flags, sections=())
    found: dict[str, m.GlossaryEntry] = {}
    for text, front_matter in ((box, False), (module, True)):
        uses = first_uses(text, glossary, include_front_matter=front_matter, include_headings=True)
        for use in sorted(uses.values(), key=lambda use: (use.loc.line, use.loc.column)):
            found.setdefault(use.entry.term, use.entry)
    return tuple(found.values())


def _leaflet_blocks(blocks: tuple[m.Block, ...], printed: bool = False) -> tuple[list[m.Block], list[m.Exercise]]:
    """What a leaflet shows of some blocks: the content written for print (`::: only handout` or `leaflet`), and
    every exercise but those kept for other outputs (`::: only booklet`, say)."""
    found: list[m.Block] = []
    exercises: list[m.Exercise] = []
    for block in blocks:
        if isinstance(block, m.Only):
            if "leaflet" in block.outputs:
                inner, more = _leaflet_blocks(block.blocks, printed=True)
                found.extend(inner)
                exercises.extend(more)
        elif isinstance(block, m.Exercise):
            exercises.append(block)
        elif printed and not isinstance(block, (m.Quiz, m.Notes)):
            found.append(block)
    return found, exercises


def module_part(course: m.Course, module: m.Module, qr_url: str | None, *, booklet: bool) -> ModulePart:
    """One module as the handouts show it; without ``booklet``, as its leaflets alone do (no booklet glossary)."""
    intro, exercises, quizzes = _handout_blocks(module.intro)
    sections = []
    for section in module.sections:
        blocks, more_exercises, more_quizzes = _handout_blocks(section.blocks)
        exercises.extend(more_exercises)
        quizzes.extend(more_quizzes)
        sections.append(dataclasses.replace(section, blocks=blocks))
    body = dataclasses.replace(module, intro=intro, sections=tuple(sections))
    own = module_red_flags(module)
    red_flags, source = (own, None) if own else course_red_flags(course)
    number = next(n for n, other in enumerate(course.modules, 1) if other is module)  # faster than comparing modules
    leaflet: list[m.Block] = []
    leaflet_exercises: list[m.Exercise] = []
    for blocks in (module.intro, *(s.blocks for s in module.sections)):
        more, more_exercises = _leaflet_blocks(blocks)
        leaflet.extend(more)
        leaflet_exercises.extend(more_exercises)
    # The leaflet and the booklet explain the words they show, and only those: the warning signs may come from
    # another module, and each tier's words come from course.yml.
    tiers = [course.urgency(t) for t in dict.fromkeys(b.tier for b in red_flags)]
    said = tuple(m.Paragraph((m.Text(f"{w.title} {w.action}", module.loc),), module.loc) for w in tiers if w is not None)
    shown = dataclasses.replace(module, intro=(*said, *red_flags, *leaflet, *leaflet_exercises), sections=())
    return ModulePart(module, number, red_flags, source, body, tuple(exercises), tuple(quizzes),
                      terms_used(module, course.glossary, red_flags=(*said, *red_flags)) if booklet else (),
                      qr_url,
                      tuple(leaflet), terms_used(shown, course.glossary), tuple(leaflet_exercises))


# Documents


def _footer(course: m.Course, leaflet_id: str) -> Footer:
    meta = course.meta
    return Footer(meta.version, meta.reviewed, meta.next_review, leaflet_id, meta.disclaimer)


def _leaflet_id(course: m.Course, suffix: str) -> str:
    base = course.meta.leaflet_id or course.id
    return f"{base}-{suffix}"


def identifier(*parts: str) -> bytes:
    """A stable PDF file identifier: the same document of the same course version always gets it."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32].encode()


def _document(course: m.Course, kind: Kind, path: str, name: str, title: str, variant: Variant, paper: Paper,
              leaflet_suffix: str, created: dt.datetime, **content: object) -> DocumentPlan:
    meta = course.meta
    clinic = meta.contact or course.theme.meta.clinic
    ident = identifier(course.id, meta.version or "", kind, name, variant, paper)
    return DocumentPlan(kind, PurePosixPath(path), name, title, meta.language, variant, paper, course, clinic,
                        urgency_words(course), _footer(course, _leaflet_id(course, leaflet_suffix)), created, ident,
                        **content)  # type: ignore[arg-type]


def plan_handouts(course: m.Course, *, paper: Paper, created: dt.datetime,
                  module_url: dict[str, str] | None = None, course_url: str | None = None,
                  leaflets_only: bool = False) -> list[DocumentPlan]:
    """Every handout of a course: each module in standard and large print, then the booklet (not with
    ``leaflets_only``, as planning measures the leaflets).

    ``module_url`` maps module ids to the address of their online page (for the QR codes).
    """
    module_url = module_url or {}
    base = f"handouts/{course.id}"
    plans: list[DocumentPlan] = []
    parts = [module_part(course, module, module_url.get(module.id), booklet=not leaflets_only)
             for module in course.modules]
    for part in parts:
        module = part.module
        number = f"{part.number:02d}"
        plans.append(_document(course, "module", f"{base}/{module.id}.pdf", module.id, module.meta.title, "standard",
                               paper, number, created, parts=(part,)))
        plans.append(_document(course, "module", f"{base}/{module.id}-large.pdf", f"{module.id}-large",
                               module.meta.title, "large", paper, f"{number}-LP", created, parts=(part,)))
    if leaflets_only:
        return plans
    glossary: dict[str, m.GlossaryEntry] = {}
    for part in parts:
        for entry in part.glossary:
            glossary.setdefault(entry.term, entry)
    booklet_glossary = tuple(sorted(glossary.values(), key=lambda e: e.term.lower()))
    plans.append(_document(course, "booklet", f"{base}/booklet.pdf", "booklet", course.meta.title, "standard", paper,
                           "BK", created, parts=tuple(parts), glossary=booklet_glossary, qr_url=course_url))
    return plans


def plan_guide(course: m.Course, *, paper: Paper, created: dt.datetime) -> DocumentPlan:
    """The facilitator guide: the agenda with timings, each module's objectives, what to prepare, notes and quiz
    answers, and a checklist of everything to prepare before the session."""
    agenda: list[AgendaRow] = []
    guide: list[GuideModule] = []
    files = _file_names(course)
    start = 0
    for number, module in enumerate(course.modules, 1):
        agenda.append(AgendaRow(module, number, start, module.meta.duration))
        start += module.meta.duration
        blocks = tuple(m.walk_blocks(tuple(module.blocks())))
        guide.append(GuideModule(
            module, number,
            tuple(b for b in blocks if isinstance(b, m.Notes)),
            tuple(b for b in blocks if isinstance(b, m.Quiz)),
            tuple(b for b in blocks if isinstance(b, m.Exercise)),
            tuple(line for item in module_materials(module) if (line := _line(course, item, files)) is not None),
        ))
    return _document(course, "guide", f"guide/{course.id}/facilitator-guide.pdf", "facilitator-guide",
                     course.labels.guide_title.format(course=course.meta.title), "standard", paper, "FG", created,
                     agenda=tuple(agenda), guide=tuple(guide), materials=materials(course, guide))


def _file_names(course: m.Course) -> dict[str, str]:
    """The PDF each printable of the course is written to, by what it prints."""
    made, _ = printables(course)
    return {printable_key(p): p.file_name for p in made}


def _line(course: m.Course, item: Material, files: dict[str, str]) -> MaterialLine | None:
    """An item of `materials:` as the guide lists it; None for a printable that cannot be made (check says why)."""
    if item.print is None:
        return MaterialLine(item.words or "")
    printable, _ = resolve(course.folder, item, course.labels.handout_wallet_card)
    if printable is None:
        return None
    file = files[printable_key(printable)]
    return MaterialLine(course.labels.guide_materials_print.format(title=printable.title, file=file), item.copies, file)


def materials(course: m.Course, guide: list[GuideModule]) -> tuple[MaterialLine, ...]:
    """Everything to prepare before the session: the documents coursekit makes, what `course.yml` lists, then what
    each module lists (once, with the modules that need it)."""
    labels = course.labels
    items = [MaterialLine(text) for text in (
        labels.modules(labels.guide_materials_handouts, labels.guide_materials_handouts_one, len(course.modules)),
        labels.guide_materials_large_print,
        labels.guide_materials_booklet,
        labels.guide_materials_slides,
    )]
    if any(g.quizzes for g in guide):
        items.append(MaterialLine(labels.guide_materials_pens))
    emergency = course.meta.emergency or course.theme.meta.emergency
    if emergency is not None:
        items.append(MaterialLine(labels.guide_materials_emergency.format(line=emergency.line)))
    files = _file_names(course)
    items += [line for item in course_materials(course) if (line := _line(course, item, files)) is not None]
    by_module: dict[tuple[str, str | None], MaterialLine] = {}
    for entry in guide:
        for line in entry.materials:
            key = (line.file or line.text, line.copies)
            known = by_module.get(key)
            by_module[key] = dataclasses.replace(line, modules=(*(known.modules if known else ()), entry.number))
    return (*items, *by_module.values())
def minutes_label(total: int) -> str:
    """`0:15`: hours and minutes from the start of the workshop."""
    hours, rest = divmod(total, 60)
    return f"{hours}:{rest:02d}"


# The printables: the wallet card and printed pictures, written next to the guide


def plan_printables(course: m.Course, *, paper: Paper, created: dt.datetime) -> list[DocumentPlan]:
    """A document for each printable the course's `materials:` name."""
    made, _ = printables(course)
    plans = []
    pictures = 0
    for printable in made:
        path = f"guide/{course.id}/{printable.file_name}"
        name = printable.file_name.removesuffix(".pdf")
        if printable.kind == "wallet-card":
            plans.append(_document(course, "card", path, name, printable.title, "standard", paper, "WC", created,
                                   card=wallet_card(course)))
        else:
            pictures += 1
            plan = _document(course, "picture", path, name, printable.title, "standard", paper, f"PR{pictures}",
                             created, picture=printable)
            # A changed picture is a new document: its bytes are part of the file identifier.
            plans.append(dataclasses.replace(plan, identifier=identifier(plan.identifier.decode(), printable.digest)))
    return plans


# The card: 85.6 × 54 mm (ID-1, a bank card), less a margin inside each edge.
CARD_MM = (85.6, 54.0)
CARD_PADDING_MM = 2.5
CARD_FONT_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
_PT_MM = 25.4 / 72
_CHARACTER_EM = 0.52   # the average width of a character of running text, in em (Atkinson Hyperlegible)
_LINE_EM = 1.2


def wallet_card(course: m.Course) -> tuple[CardSide, ...]:
    """The card's two sides: the most urgent tier's signs on the front; the other tiers and the clinic on the back.

    Each tier shows the first `red-flags` block of that tier in the course; the renderer gives it its action.
    """
    flags: list[tuple[m.RedFlags, m.Module]] = []
    for tier in URGENCY_TIERS:
        found = next(((b, mod) for mod in course.modules for b in module_red_flags(mod) if b.tier == tier), None)
        if found is not None:
            flags.append(found)
    words = urgency_words(course)
    clinic = course.meta.contact or course.theme.meta.clinic
    contact = [clinic.name, clinic.phone or ""]
    best: tuple[CardSide, ...] = ()
    # The most urgent tier leads the front; the tiers after it go wherever the smaller side's text is largest.
    for split in range(1, max(1, len(flags)) + 1):
        front, back = tuple(flags[:split]), tuple(flags[split:])
        sides = (CardSide(front, False, card_font_size(_card_text(front, words), heading=True)),
                 CardSide(back, True, card_font_size(_card_text(back, words) + contact, heading=False)))
        if not best or min(s.font_size for s in sides) > min(s.font_size for s in best):
            best = sides
    return best


def _card_text(flags: tuple[tuple[m.RedFlags, m.Module], ...], words: dict[UrgencyTier, UrgencyWords]) -> list[str]:
    """The lines of text a side shows before wrapping: each tier's title, action and signs."""
    lines: list[str] = []
    for block, _ in flags:
        tier = words.get(block.tier)
        if tier is not None:
            lines += [tier.title, tier.action + (f" {tier.call}" if tier.call and tier.call not in tier.action else "")]
        for inner in m.walk_blocks(block.blocks):
            if isinstance(inner, m.Paragraph):
                lines.append(m.plain_text(inner.inlines))
    return lines


def card_font_size(lines: list[str], *, heading: bool) -> float:
    """The largest of CARD_FONT_SIZES at which ``lines``, wrapped, fit on one side of the card (an estimate from
    the average width of a character; the smallest when none fits)."""
    width = CARD_MM[0] - 2 * CARD_PADDING_MM - 3   # less the indent of a list
    height = CARD_MM[1] - 2 * CARD_PADDING_MM
    for size in CARD_FONT_SIZES:
        em = size * _PT_MM
        per_line = max(1, int(width / (em * _CHARACTER_EM)))
        rows = sum(-(-max(1, len(line)) // per_line) for line in lines) + (1.5 if heading else 0)
        # Each tier's box has a little space around it: about half a line a box.
        if rows * em * _LINE_EM + len(lines) * 0.4 <= height:
            return size
    return CARD_FONT_SIZES[-1]
