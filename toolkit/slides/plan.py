"""Plan decks from the course model: pure data, no python-pptx.

Each module's deck and the workshop deck are assembled here from the slide
kinds (frame_slides, section_slides, block_slides), then every title is made
unique and fitted; the result is a ``DeckPlan`` (deck_model) for the writer.

What goes where follows DESIGN.md: the slide shows what the group must see and
do (a paragraph's lead sentence and its instructions, lists, images, tables);
its notes hold the rest of that part of the source. Each urgency tier of red
flags gets an alert slide with its action; an exercise becomes a steps slide; a
quiz becomes a question slide with its answer in the notes or on the next
slide. Notes before a module's first section (its timing plan) go with the
module's title slide or divider.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from toolkit import model as m
from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.labels import Labels
from toolkit.slides.block_slides import quiz_title
from toolkit.slides.deck_model import DeckPlan, Para, SlidePlan
from toolkit.slides.draft import Draft, PlanContext, QuizAnswers
from toolkit.slides.fit import FontMetrics
from toolkit.slides.fitter import Fitter
from toolkit.slides.frame_slides import (agenda, closing, course_title_slide, divider, key_points, objectives, stamp,
                                         title_slide)
from toolkit.slides.geometry import FOOTER_PT, Geometry
from toolkit.slides.paragraphs import notes_text, plain, shown_blocks
from toolkit.slides.section_slides import section


class Planner:
    """Plans the decks of one course."""

    def __init__(self, course: m.Course, geometry: Geometry, metrics: FontMetrics, *,
                 quiz_answers: QuizAnswers | None = None, created: dt.datetime | None = None,
                 qr_png: Callable[[str], bytes] | None = None, course_url: str | None = None) -> None:
        self.course = course
        self.labels = course.labels
        self.geometry = geometry
        self.metrics = metrics
        self.created = created or dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
        self.diagnostics: list[Diagnostic] = []
        self.fitter = Fitter(geometry, metrics, self.diagnostics)
        self.context = PlanContext(course, course.labels, geometry, self.fitter, self.diagnostics,
                                   quiz_answers or course.theme.meta.quiz_answers, qr_png, course_url)

    def module_deck(self, module: m.Module) -> DeckPlan:
        opening = title_slide(self.context, module)
        opening.notes = _opening_notes(module) or opening.notes
        drafts = [opening, *self._module_body(module)]
        _check_pace(self.context, module, len(drafts) - 1)
        return self._deck(module.id, module.meta.title, drafts, workshop=False)

    def workshop_deck(self) -> DeckPlan:
        course, ctx = self.course, self.context
        drafts = [course_title_slide(ctx), *agenda(ctx)]
        clock = 0
        for module in course.modules:
            opening = divider(ctx, module, clock)
            opening.notes.extend(_opening_notes(module))
            drafts.append(opening)
            drafts.extend(self._module_body(module))
            clock += module.meta.duration
        drafts.extend(closing(ctx))
        return self._deck("workshop", course.meta.title, drafts, workshop=True)

    def _module_body(self, module: m.Module) -> list[Draft]:
        """A module's slides between its title (or divider) and the next module: objectives to key points."""
        ctx = self.context
        drafts = objectives(ctx, module)
        shown_intro = tuple(b for b in module.intro if not isinstance(b, m.Notes))  # its notes open the module
        parts = [(module.meta.title, shown_intro, module.loc),
                 *((m.plain_text(p.title).strip(), p.blocks, p.loc) for p in module.sections)]
        for title, blocks, loc in parts:
            made, stray = section(ctx, module, title, blocks, loc)
            drafts[-1].notes.extend(stray)  # notes with no slide of their own go with the slide before
            drafts.extend(made)
        drafts.extend(key_points(ctx, module))
        quizzes = sorted({d.loc for d in drafts if d.kind == "quiz"})
        if len(quizzes) > 1:  # "Quick check 1", "Quick check 2", ... and their answers
            for d in drafts:
                if d.kind in ("quiz", "answer"):
                    d.title = quiz_title(self.labels, d.kind, quizzes.index(d.loc) + 1)
        for d in drafts:
            d.module = module.number
        return drafts

    def _deck(self, name: str, title: str, drafts: list[Draft], workshop: bool) -> DeckPlan:
        meta = self.course.meta
        _unique_titles(drafts, workshop, self.labels)
        slides = tuple(self._finish(d) for d in drafts)
        footer, footer_size = self._footer()
        return DeckPlan(
            name=name, title=title,
            subject=meta.summary or meta.subtitle or meta.title,
            author="; ".join(p.name for p in meta.authors) or (meta.contact.name if meta.contact else "coursekit"),
            language=meta.language, footer=footer, footer_size=footer_size, created=self.created, slides=slides,
        )

    def _finish(self, draft: Draft) -> SlidePlan:
        if not draft.notes:  # every slide has notes: at least the words it shows
            draft.notes = [f.text for f in draft.frames if f.text.strip()]
        title_role = "cover-title" if draft.layout == "title" else "title"
        where = draft.title_loc or draft.loc
        title_frame = self.fitter.frame(draft.layout, "title", [Para(plain(draft.title), 0, "none", loc=where)],
                                        size_role=title_role)
        return SlidePlan(draft.layout, draft.kind, (title_frame, *draft.frames), tuple(draft.notes), draft.loc,
                         tuple(draft.pictures), draft.table)

    def _footer(self) -> tuple[str, float]:
        meta = self.course.meta
        parts = [meta.title, *stamp(self.context)]
        box = self.geometry.box("content", "footer")
        text = " · ".join(parts)
        if box is None:
            return text, FOOTER_PT[0]
        for size in range(FOOTER_PT[0], FOOTER_PT[1] - 1, -1):
            if self.metrics.width(text, size) <= box.text_width_pt:
                return text, size
        title = meta.title
        while len(title) > 10 and self.metrics.width(" · ".join([title + "…", *parts[1:]]), FOOTER_PT[1]) > box.text_width_pt:
            title = title[:-1]
        return " · ".join([title.rstrip() + "…", *parts[1:]]), FOOTER_PT[1]


def _opening_notes(module: m.Module) -> list[str]:
    """The notes written before a module's first section: its timing plan, for the slide that opens it."""
    return [t for b in module.intro if isinstance(b, m.Notes) for x in shown_blocks(b.blocks) for t in notes_text(x)]


# About one slide a minute, quizzes included, with a quarter more for the slides that take seconds (objectives, key points).
SLIDES_A_MINUTE = 1.25


def _check_pace(ctx: PlanContext, module: m.Module, slides: int) -> None:
    """A located warning when a module has more slides than its `duration` allows."""
    allowed = max(1, round(module.meta.duration * SLIDES_A_MINUTE))
    if slides > allowed:
        ctx.diagnostics.append(rules.SLIDES_TOO_MANY.at(
            module.field_loc("duration"),
            f"`{module.file_name}` makes {slides} slides after its title slide, more than one a minute for "
            f"`duration: {module.meta.duration}`"))


_EVERY_MODULE = ("objectives", "key-points", "quiz", "answer", "red-flags")
_KEEPS_TITLE = ("title", "section")  # the deck's cover and the workshop's module dividers


def _unique_titles(drafts: list[Draft], workshop: bool, labels: Labels) -> None:
    """Give every slide a unique, non-empty title: parts get "(2/3)", repeats get their module or a number."""
    for d in drafts:
        d.title = " ".join(d.title.split()) or labels.slides_untitled
        if d.part:
            d.title = f"{d.title} ({d.part[0]}/{d.part[1]})"
    if workshop:
        counts: dict[str, int] = {}
        for d in drafts:
            counts[d.title] = counts.get(d.title, 0) + 1
        for d in drafts:  # slides every module has are always marked with their module, repeats too
            if d.module is not None and d.kind != "section" and (d.kind in _EVERY_MODULE or counts[d.title] > 1):
                d.title = labels.slides_title_in_module.format(title=d.title, number=d.module)
    counts = {}
    for d in drafts:
        counts[d.title] = counts.get(d.title, 0) + 1
    # The cover and the dividers keep their titles; a slide that repeats one is numbered from 2 ("Keep moving 2").
    seen: dict[str, int] = {d.title: 1 for d in drafts if d.kind in _KEEPS_TITLE}
    for d in drafts:
        if counts[d.title] > 1 and d.kind not in _KEEPS_TITLE:
            seen[d.title] = seen.get(d.title, 0) + 1
            base = d.title
            candidate = f"{base} {seen[base]}"
            while candidate in counts:
                seen[base] += 1
                candidate = f"{base} {seen[base]}"
            d.title = candidate


def plan_module_deck(course: m.Course, module: m.Module, geometry: Geometry, metrics: FontMetrics, **options) -> tuple[DeckPlan, list[Diagnostic]]:  # type: ignore[no-untyped-def]
    """One module's deck and what was found planning it."""
    planner = Planner(course, geometry, metrics, **options)
    return planner.module_deck(module), planner.diagnostics


def plan_workshop_deck(course: m.Course, geometry: Geometry, metrics: FontMetrics, **options) -> tuple[DeckPlan, list[Diagnostic]]:  # type: ignore[no-untyped-def]
    """The whole course as one workshop deck, with an agenda and a closing slide."""
    planner = Planner(course, geometry, metrics, **options)
    return planner.workshop_deck(), planner.diagnostics
