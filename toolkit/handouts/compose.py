"""Handout plans → HTML, through Jinja2 templates and the shared, sanitising model renderer.

The templates escape everything they are given; content HTML comes only from
:mod:`toolkit.render_html` (already escaped and sanitised) and is marked safe
here. No WeasyPrint here: the HTML can be read and tested on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from toolkit import model as m
from toolkit.checks.media import resolve_media
from toolkit.diagnostics import Diagnostic
from toolkit.handouts.figures import LABEL_FLOOR_PT, print_source, read_svg
from toolkit.handouts.plan import CARD_MM, CARD_PADDING_MM, DocumentPlan, ModulePart, minutes_label
from toolkit.paper import PAPER_MM
from toolkit.warning_signs import course_red_flags
from toolkit.render_html import HtmlOptions, HtmlRenderer

TEMPLATES = Path(__file__).resolve().parent / "templates"
BOOKLET_LINK = "ck-booklet:"  # a link from one piece of the booklet to an anchor in another
GLOSSARY_ANCHOR = "ck-booklet-glossary"
QR_IMAGE = "ck-qr:"  # a picture of the QR code for the (quoted) address that follows


@dataclass
class ComposedDocument:
    """A document's HTML, the images it shows (file URL → image) and what the renderer had to remove."""

    plan: DocumentPlan
    html: str
    images: dict[str, m.Image] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # For a piece of a document joined from pieces: `front`, `footer`, the module's anchor, `glossary`
    # (the booklet's) or `materials` (the guide's).
    segment: str | None = None


@dataclass
class PiecedDocument:
    """A document (the booklet, the guide) as pieces rendered on their own: one per module and what follows them
    now; the front and the running footer once the pieces' page counts are known."""

    plan: DocumentPlan
    segments: list[ComposedDocument]
    context: dict[str, Any]
    images: dict[str, m.Image] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    template: str = "booklet.html.j2"
    folded: bool = False  # printed to fold (the booklet): its pages made a multiple of four by the back

    @property
    def html(self) -> str:
        """Every piece's HTML, the front (without page numbers) first."""
        return "\n".join([self.front({}).html, *(s.html for s in self.segments)])

    def front(self, starts: dict[str, int]) -> ComposedDocument:
        """The front (the booklet's cover and contents, the guide's agenda), with ``starts``: the page each
        module (by anchor) and the glossary start on."""
        return self._piece("front", starts=starts)

    def back(self, notes: int) -> ComposedDocument:
        """What a folded document ends with: ``notes`` pages for the reader's notes, then the back cover."""
        return self._piece("back", notes=notes)

    def footer(self, page_count: int) -> ComposedDocument:
        """A document of ``page_count`` empty pages with the document's running footer: its page numbers."""
        return self._piece("footer", page_count=page_count, running_footer=True)

    def _piece(self, segment: str, **extra: Any) -> ComposedDocument:
        context = {**self.context, "segment": segment, "running_footer": False, **extra}
        return ComposedDocument(self.plan, _render_template(self.template, context), self.images, segment=segment)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["clock"] = minutes_label
    return env


def qr_image(url: str) -> str:
    """The address of a picture of the QR code for ``url``: drawn only if the handout is rendered (see fetcher.py)."""
    return QR_IMAGE + quote(url, safe="")


def short_link(url: str) -> str:
    """The address as a reader would type it: without `https://` and a trailing slash."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")


class _Composer:
    def __init__(self, plan: DocumentPlan, module_url: dict[str, str]) -> None:
        self.plan = plan
        self.images: dict[str, m.Image] = {}
        self._printed: dict[m.Image, Path] = {}  # each image shown, and the file printed for it
        self.problems: list[Diagnostic] = []
        self._module: m.Module | None = None
        course = plan.course

        def module_link(href: str) -> str | None:
            found = course.link_target(href)
            if found is None:
                return None
            target, anchor = found
            if plan.kind == "booklet":  # another piece of the booklet: joined by booklet.py
                return f"{BOOKLET_LINK}module-{target.id}"
            url = module_url.get(target.id)
            return url + (f"#{anchor}" if anchor else "") if url else None

        self.options = HtmlOptions(
            output="handout", module_link=module_link, image_src=self._image_src, image_style=self._image_style,
            glossary=course.glossary,
            urgency=plan.urgency, interactive_quiz=False, admonitions=False, quiz_answers=False, action_first=True,
            labels=course.labels,
        )
        self.renderer = HtmlRenderer(self.options, id_prefix="ck")
        self.removed: list[Diagnostic] = []  # what earlier renderers removed

    def restart(self) -> None:
        """A new renderer for a new document, so its ids and first uses of terms do not depend on another's."""
        self.removed += self.renderer.diagnostics
        self.renderer = HtmlRenderer(self.options, id_prefix="ck")
        self.images = {}

    def _image_src(self, image: m.Image) -> str | None:
        module = self._module
        if module is None:
            return None
        path, problem = resolve_media(self.plan.course, module, image.src, image.loc)
        if problem is not None or path is None:
            if problem is not None:
                self.problems.append(problem)
            return None
        path = print_source(path, self.plan.course.limits, image.loc)
        url = path.as_uri()
        self.images.setdefault(url, image)
        self._printed[image] = path
        return url

    def _image_style(self, image: m.Image) -> str | None:
        """The printed width at which an SVG's smallest label reaches this document's floor (the column's
        width caps it, through the print CSS's `max-width: 100%`); None for a picture that cannot be measured."""
        path = self._printed.get(image)
        figure = read_svg(path, self.plan.course.limits) if path is not None and path.suffix.lower() == ".svg" else None
        width = figure.width_for(LABEL_FLOOR_PT[self.plan.variant]) if figure is not None else None
        # Height follows the width: the 85 mm cap on other pictures would shrink the labels again; three
        # quarters of the page area keeps a tall drawing on its page (and a label it shrinks is reported).
        return f"width: {width:g}pt; max-height: 75vh" if width is not None else None

    def html(self, blocks: tuple[m.Block, ...] | list[m.Block]) -> Markup:
        return Markup(self.renderer.blocks(blocks))

    def part(self, part: ModulePart) -> dict[str, Any]:
        self._module = part.module
        r = self.renderer
        meta = part.module.meta
        red_flags = Markup("".join(r.block(b) for b in part.red_flags))
        body = Markup(r.module(part.body).body)
        exercises = Markup("".join(r.block(e) for e in part.exercises))
        quizzes = Markup("".join(r.block(q) for q in part.quizzes))
        answers = [self.answer(q) for q in part.quizzes]
        return {
            "id": part.module.id,
            "anchor": f"module-{part.module.id}",
            "number": part.number,
            "title": meta.title,
            "summary": meta.summary,
            "duration": meta.duration,
            "objectives": meta.objectives,
            "red_flags": red_flags,
            "red_flags_from": part.red_flags_from.meta.title if part.red_flags_from else None,
            "body": body,
            "exercises": exercises,
            "quizzes": quizzes,
            "several_answers": any(sum(o.correct for o in q.options) > 1 for q in part.quizzes),
            "answers": answers,
            "key_points": meta.key_points,
            "questions": meta.questions,
            "sources": part.module.sources,
            "glossary": part.glossary,
            "leaflet": Markup(r.blocks(part.leaflet)) if part.leaflet else Markup(""),
            "leaflet_glossary": part.leaflet_glossary,
            "leaflet_exercises": Markup("".join(r.block(e) for e in part.leaflet_exercises)),
            "qr": self.qr(part.qr_url, self.plan.course.labels.handout_qr_alt_module, meta.title),
        }

    def answer(self, quiz: m.Quiz) -> dict[str, Markup]:
        r = self.renderer
        right = "; ".join(r.inlines(o.inlines, terms=False) for o in quiz.options if o.correct)
        return {"question": Markup(r.inlines(quiz.question, terms=False)), "answer": Markup(right),
                "explanation": self.html(quiz.explanation)}

    def qr(self, url: str | None, alt: str, title: str) -> dict[str, str] | None:
        """The QR code to ``url`` and its text, ``alt`` (a label) naming ``title``; None without an address."""
        if not url:
            return None
        return {"url": url, "short": short_link(url), "src": qr_image(url),
                "alt": alt.format(title=title, address=short_link(url))}

    def guide_module(self, guide) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        self._module = guide.module
        meta = guide.module.meta
        return {
            "number": guide.number,
            "title": meta.title,
            "duration": meta.duration,
            "objectives": meta.objectives,
            "notes": [self.html(n.blocks) for n in guide.notes],
            "answers": [self.answer(q) for q in guide.quizzes],
            "exercises": [e.title for e in guide.exercises],
            "materials": guide.materials,
        }


def compose(plan: DocumentPlan, module_url: dict[str, str] | None = None, logo: Path | None = None) -> ComposedDocument:
    """The HTML of one planned document."""
    composer = _Composer(plan, module_url or {})
    course = plan.course
    meta = course.meta
    context: dict[str, Any] = {
        "doc": plan,
        "lang": plan.lang,
        "title": plan.title,
        "variant": plan.variant,
        "kind": plan.kind,
        "created": plan.created.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "authors": [a.name for a in meta.authors],
        "course": meta,
        "clinic": plan.clinic,
        "logo": logo.resolve().as_uri() if logo else None,
        "footer": plan.footer,
        "labels": course.labels,
    }
    if plan.kind == "guide":
        context["agenda"] = plan.agenda
        context["total"] = sum(row.minutes for row in plan.agenda)
        context["materials"] = plan.materials
        return _compose_guide(plan, composer, context)
    if plan.kind == "booklet":
        return _compose_booklet(plan, composer, context)
    if plan.kind == "card":
        return _compose_card(plan, composer, context)
    if plan.kind == "picture":
        return _compose_picture(plan, context)
    context["parts"] = [composer.part(p) for p in plan.parts]
    html = _render_template("module.html.j2", context)
    return ComposedDocument(plan, html, composer.images, composer.problems + composer.renderer.diagnostics)


def _render_template(name: str, context: dict[str, Any]) -> str:
    return environment().get_template(name).render(**context)


GUIDE_MODULES = "modules"  # the guide's piece that holds every module


def _compose_guide(plan: DocumentPlan, composer: _Composer, context: dict[str, Any]) -> PiecedDocument:
    """The guide's modules, run on one after another, and its checklist of materials, each a document of its own;
    the front and footer later. The modules are one piece, not one each: a page per module left pages holding a
    line or two, where an instructor wants the notes to follow on."""
    context = {**context, "running_footer": False}
    segments = []
    images: dict[str, m.Image] = {}
    modules = []
    for guide in plan.guide:
        composer.restart()  # so a module's notes do not depend on the modules before it
        modules.append(composer.guide_module(guide))
        images.update(composer.images)
    html = _render_template("guide.html.j2", {**context, "segment": "module", "modules": modules})
    segments.append(ComposedDocument(plan, html, dict(images), segment=GUIDE_MODULES))
    html = _render_template("guide.html.j2", {**context, "segment": "materials"})
    segments.append(ComposedDocument(plan, html, {}, segment="materials"))
    composer.restart()
    # The front shows the warning signs the workshop must teach, each tier with its action.
    flags, source = course_red_flags(plan.course)
    composer._module = source
    context["red_flags"] = Markup("".join(composer.renderer.block(b) for b in flags))
    return PiecedDocument(plan, segments, context, images,
                          composer.problems + composer.removed + composer.renderer.diagnostics, template="guide.html.j2")


def _compose_booklet(plan: DocumentPlan, composer: _Composer, context: dict[str, Any]) -> PiecedDocument:
    """Each module of the booklet, and its glossary, as a document of its own; the front and footer later."""
    course = plan.course
    context = {**context, "total": len(plan.parts), "glossary": plan.glossary, "running_footer": False}
    segments = []
    parts = []
    for part in plan.parts:
        composer.restart()
        composed = composer.part(part)
        parts.append(composed)
        html = _render_template("booklet.html.j2", {**context, "segment": "module", "parts": [composed]})
        segments.append(ComposedDocument(plan, html, composer.images, segment=composed["anchor"]))
    if plan.glossary:
        html = _render_template("booklet.html.j2", {**context, "segment": "glossary", "parts": []})
        segments.append(ComposedDocument(plan, html, {}, segment=GLOSSARY_ANCHOR))
    composer.restart()
    context["parts"] = parts
    context["qr"] = composer.qr(plan.qr_url, course.labels.handout_qr_alt_course, course.meta.title)
    flags, source = course_red_flags(course)
    composer._module = source
    # The cover shows the most urgent tier (the emergency line, with the signs it is for); the page after it,
    # the other tiers. Each tier's box holds its signs and its action together.
    boxes = [composer.renderer.block(b) for b in flags]
    context["red_flags"] = Markup("".join(boxes[:1]))
    context["red_flags_more"] = Markup("".join(boxes[1:]))
    return PiecedDocument(plan, segments, context, composer.images,
                           composer.problems + composer.removed + composer.renderer.diagnostics, folded=True)


# How the wallet cards are laid out on a sheet: two across, four down, in the
# middle of the page, so the backs printed on the other side (flipped on the long edge) fall behind the fronts.
CARD_GRID = (2, 4)
CUT_MARK_MM = (2.0, 6.0)  # the gap between a mark and the cards, and the mark's length


def card_sheet(paper: str) -> dict[str, Any]:
    """Where each card and each cut mark stands on a sheet, in millimetres from its top left corner."""
    page_w, page_h = PAPER_MM[paper]
    card_w, card_h = CARD_MM
    columns, rows = CARD_GRID
    left = (page_w - columns * card_w) / 2
    top = (page_h - rows * card_h) / 2
    gap, length = CUT_MARK_MM
    xs = [left + i * card_w for i in range(columns + 1)]
    ys = [top + j * card_h for j in range(rows + 1)]
    marks = [{"x": x, "y": y, "w": 0, "h": length} for x in xs for y in (top - gap - length, ys[-1] + gap)]
    marks += [{"x": x, "y": y, "w": length, "h": 0} for y in ys for x in (left - gap - length, xs[-1] + gap)]
    cards = [{"x": x, "y": y} for y in ys[:-1] for x in xs[:-1]]
    return {"page": {"w": page_w, "h": page_h}, "card": {"w": card_w, "h": card_h}, "padding": CARD_PADDING_MM,
            "cards": cards, "marks": marks, "note_top": top - gap - length - 8}


def _compose_card(plan: DocumentPlan, composer: _Composer, context: dict[str, Any]) -> ComposedDocument:
    """A sheet of wallet cards, fronts on the first page and backs on the second; every sign with its action."""
    sheet = card_sheet(plan.paper)
    sides = []
    for side in plan.card:
        copies = []
        for _ in sheet["cards"]:  # each copy rendered afresh, so the ids on the page stay unique
            html = []
            for block, module in side.flags:
                composer._module = module
                html.append(composer.renderer.block(block))
            copies.append(Markup("".join(html)))
        sides.append({"font_size": side.font_size, "contact": side.contact, "copies": copies})
    html = _render_template("card.html.j2", {**context, "running_footer": False, "sheet": sheet, "sides": sides})
    return ComposedDocument(plan, html, composer.images, composer.problems + composer.renderer.diagnostics)


def _compose_picture(plan: DocumentPlan, context: dict[str, Any]) -> ComposedDocument:
    """A picture from the course, alone on its page under its title, to hand out and draw on."""
    picture = plan.picture
    assert picture is not None and picture.path is not None
    url = picture.path.as_uri()
    image = m.Image(picture.source, picture.title, picture.title, picture.loc)
    html = _render_template("picture.html.j2", {**context, "src": url, "alt": picture.title})
    return ComposedDocument(plan, html, {url: image})
