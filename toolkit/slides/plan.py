"""Plan decks from the course model: pure data, no python-pptx.

Each module's deck and the workshop deck are assembled here from the slide
kinds (frame_slides, section_slides, block_slides), then every title is made
unique and fitted; the result is a ``DeckPlan`` (deck_model) for the writer.

What goes where follows DESIGN.md: prose goes to the notes; lists, images and
tables go onto the slide; red flags get an alert slide; an exercise becomes a
steps slide; a quiz becomes a question slide with its answer in the notes or on
the next slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from toolkit import model as m
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
from toolkit.slides.paragraphs import plain
from toolkit.slides.section_slides import section


class Planner:
    """Plans the decks of one course."""

    def __init__(self, course: m.Course, geometry: Geometry, metrics: FontMetrics, *,
                 quiz_answers: QuizAnswers | None = None, created: dt.datetime | None = None,
                 qr_png: Callable[[str], bytes] | None = None) -> None:
        self.course = course
        self.labels = course.labels
        self.geometry = geometry
        self.metrics = metrics
        self.created = created or dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
        self.diagnostics: list[Diagnostic] = []
        self.fitter = Fitter(geometry, metrics, self.diagnostics)
        self.context = PlanContext(course, course.labels, geometry, self.fitter, self.diagnostics,
                                   quiz_answers or course.theme.meta.quiz_answers, qr_png)

    def module_deck(self, module: m.Module) -> DeckPlan:
        drafts = [title_slide(self.context, module), *self._module_body(module)]
        return self._deck(module.id, module.meta.title, drafts, workshop=False)

    def workshop_deck(self) -> DeckPlan:
        course, ctx = self.course, self.context
        drafts = [course_title_slide(ctx), *agenda(ctx)]
        clock = 0
        for module in course.modules:
            drafts.append(divider(ctx, module, clock))
            drafts.extend(self._module_body(module))
            clock += module.meta.duration
        drafts.extend(closing(ctx))
        return self._deck("workshop", course.meta.title, drafts, workshop=True)

    def _module_body(self, module: m.Module) -> list[Draft]:
        """A module's slides between its title (or divider) and the next module: objectives to key points."""
        ctx = self.context
        drafts = objectives(ctx, module)
        intro = section(ctx, module, module.meta.title, module.intro, module.loc)
        if intro and all(d.kind == "content" and not d.frames for d in intro):
            drafts[0].notes.extend(n for d in intro for n in d.notes)
        else:
            drafts.extend(intro)
        for part in module.sections:
            drafts.extend(section(ctx, module, m.plain_text(part.title).strip(), part.blocks, part.loc))
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
        title_role = "cover-title" if draft.layout == "title" else "title"
        where = draft.title_loc or draft.loc
        title_frame = self.fitter.frame(draft.layout, "title", [Para(plain(draft.title), 0, "none", loc=where)],
                                        size_role=title_role, loc=where)
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


_EVERY_MODULE = ("objectives", "key-points", "quiz", "answer", "red-flags")


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
    seen: dict[str, int] = {}
    counts = {}
    for d in drafts:
        counts[d.title] = counts.get(d.title, 0) + 1
    for d in drafts:
        if counts[d.title] > 1:
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
