"""Printable handouts and the facilitator guide: a pure plan (plan.py), HTML from Jinja2 templates and the
shared model renderer (compose.py), then WeasyPrint (writer.py) through a fetcher that reads only the
project, the theme and the font (fetcher.py).

``build_handouts`` writes, for each course, ``handouts/<course>/<module>.pdf``,
``<module>-large.pdf`` and ``booklet.pdf``; ``build_guide`` writes
``guide/<course>/facilitator-guide.pdf`` and the printables `materials:` names beside it
(``wallet-card.pdf``, a page for each picture). Every document is planned and
rendered before the first file is written, so a failure writes nothing. Deep
code never prints or exits: problems come back as located diagnostics.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

from toolkit import rules
from toolkit.cache import output_cache
from toolkit.diagnostics import Diagnostic, Diagnostics
from toolkit.handouts.booklet import piece_path
from toolkit.handouts.leaflet_fit import LEAFLET_SIDES, LeafletEstimate
from toolkit.handouts.plan import DocumentPlan, Paper, plan_guide, plan_handouts, plan_printables
from toolkit.model import Course, Project
from toolkit.rendering import LastStep, Rendering
from toolkit.source import SourceLoc

if TYPE_CHECKING:
    from toolkit.build import BuildContext
    from toolkit.handouts.compose import ComposedDocument, PiecedDocument
    from toolkit.handouts.figures import LaidOutFigure
    from toolkit.handouts.writer import Job, JobResult, LogEntry

__all__ = ["build_handouts", "build_guide", "compose_documents", "plan_course_handouts", "render_documents",
           "write_documents"]

_ACCESSIBILITY = re.compile(r"alt description|\"lang\" attribute|PDF/UA|tagged|accessib", re.I)
_IMAGE_SOURCE = re.compile(r'Image "([^"]*)"')
# WeasyPrint's notes about the computer rather than the document: a missing optional library.
_MACHINE_LIBRARY = re.compile(r"instead of HarfBuzz|please install .* with your package manager", re.I)
_CSS_POSITION = re.compile(r"\bat (?P<line>\d+):(?P<column>\d+)\b")
# An address in a stylesheet: url(...) with or without quotes, or @import's quoted string.
_CSS_ADDRESS = re.compile(r"""url\(\s*(?P<q>['"]?)(?P<url>[^'")]*)(?P=q)\s*\)|@import\s+(?P<iq>['"])(?P<import>[^'"]*)(?P=iq)""", re.I)


def _paper(context: BuildContext | None, course: Course) -> Paper:
    chosen = context.settings.paper if context is not None else None
    return chosen or course.theme.meta.paper  # type: ignore[return-value]


def _addresses(project: Project, course: Course) -> tuple[dict[str, str], str | None]:
    """The public address of each module's page and of the course's home page, as the site publishes them."""
    from toolkit.site.address import course_url, module_url

    modules = {module.id: url for module in course.modules if (url := module_url(project, course, module))}
    return modules, course_url(project, course)


def plan_course_handouts(project: Project, course: Course, *, paper: Paper, created: dt.datetime) -> list[DocumentPlan]:
    """A course's handout plans, with QR codes leading to the pages the site really publishes."""
    module_url, course_url = _addresses(project, course)
    return plan_handouts(course, paper=paper, created=created, module_url=module_url, course_url=course_url)


def compose_documents(project: Project, plans: list[DocumentPlan]) -> tuple[list[ComposedDocument], Diagnostics]:
    """Each plan's HTML, and what the shared renderer had to remove or could not find (pictures)."""
    from toolkit.handouts.compose import compose

    found = Diagnostics()
    composed = []
    for plan in plans:
        module_url, _ = _addresses(project, plan.course)
        theme = plan.course.theme
        document = compose(plan, module_url, theme.asset(theme.meta.logo))
        found.extend(document.diagnostics)
        composed.append(document)
    return composed, found


def render_documents(project: Project, documents: list[ComposedDocument | PiecedDocument], *, workers: int = 1,
                     clean: set[Path] | None = None) -> tuple[dict[Path, bytes], Diagnostics]:
    """Every document as PDF bytes (keyed by its path relative to the build folder), and what was found.

    The documents (a document in pieces: its pieces) are rendered in up to ``workers`` processes, and
    those in pieces joined here, without a cache; the bytes are the same whatever the number of workers.
    ``clean``, when given, receives the paths of the documents rendered without any diagnostic.
    """
    from toolkit.handouts.booklet import PieceRenderer, assemble
    from toolkit.handouts.compose import PiecedDocument
    from toolkit.handouts.impose import print_path, print_ready
    from toolkit.parallel import run_jobs

    pieced = [document for document in documents if isinstance(document, PiecedDocument)]
    todo = [d for d in documents if not isinstance(d, PiecedDocument)] + [s for whole in pieced for s in whole.segments]
    jobs, found = render_jobs(project, todo, workers=workers)
    if found.errors:
        return {}, found
    results = run_jobs(_render_job, jobs, workers, cost=_render_seconds)
    pages: dict[Path, int] = {}
    rendered: set[Path] = set()
    pdfs, problems = collect_renders(project, todo, results, clean=rendered, pages=pages)
    found.extend(problems)
    renderer = PieceRenderer(functools.partial(_render_here, project), lambda _: None, lambda *_: None,
                             lambda _: None, lambda *_: None)
    for whole in pieced:
        pdf, problems = assemble(whole, pdfs, renderer, pages)
        found.extend(problems)
        pieces = [piece_path(segment) for segment in whole.segments]
        if pdf is not None:
            pdfs[Path(whole.plan.path)] = pdf
            if all(piece in rendered for piece in pieces) and not problems:
                rendered.add(Path(whole.plan.path))
            if whole.folded:
                imposed, problems = print_ready(whole.plan, pdf)
                found.extend(problems)
                if imposed is not None:
                    pdfs[Path(print_path(whole.plan.path))] = imposed
        for piece in pieces:
            pdfs.pop(piece, None)
    if clean is not None:
        clean.update(path for path in rendered if path in pdfs)
    return pdfs, _once(found)


def render_jobs(project: Project, documents: list[ComposedDocument], *, workers: int = 1) -> tuple[list[Job], Diagnostics]:
    """Each document's render as a plain-data job, or an error when WeasyPrint is too old to be trusted.

    With more than one worker, the stylesheets are parsed here first, so the forked workers share them.
    """
    from toolkit.handouts.writer import Job, allowed_roots, prepare_for_workers, weasyprint_too_old

    found = Diagnostics()
    too_old = weasyprint_too_old()
    if too_old is not None and documents:
        found.add(rules.HANDOUT_RENDER_FAILED.at(documents[0].plan.course.theme.loc,
                                                 f"WeasyPrint {too_old} is installed; handouts need WeasyPrint 69 or later",
                                                 "Upgrade it: `pip install 'weasyprint>=69'`."))
        return [], found
    base_url = project.root.resolve().as_uri() + "/"
    work = [Job(d.html, base_url, tuple(allowed_roots(project.root, d.plan.course.theme)), d.plan.course.theme,
                d.plan.paper, d.plan.identifier, _time_limit(d), tagged=d.segment != "footer") for d in documents]
    if workers > 1:
        prepare_for_workers(work)
    return work, found


# An estimate of WeasyPrint's seconds per character of a document's HTML, so the pool starts the longest first.
SECONDS_PER_HTML_CHARACTER = 0.00003


def _render_seconds(job: Job) -> float:
    return len(job.html) * SECONDS_PER_HTML_CHARACTER


def collect_renders(project: Project, documents: list[ComposedDocument], results: list[JobResult], *,
                    clean: set[Path] | None = None, pages: dict[Path, int] | None = None) -> tuple[dict[Path, bytes], Diagnostics]:
    """The PDFs of the documents that rendered without error, and what each render reported, located;
    ``pages``, when given, receives their page counts."""
    found = Diagnostics()
    out: dict[Path, bytes] = {}
    for document, result in zip(documents, results):
        plan = document.plan
        if result.failure is not None and not result.refused:
            kind, message = result.failure
            rule = {"fetch": rules.HANDOUT_FETCH_REFUSED, "timeout": rules.HANDOUT_RENDER_TIMEOUT}.get(
                kind, rules.HANDOUT_RENDER_FAILED)
            loc = _fetch_loc(document, result.served) if kind == "fetch" else plan.loc
            if kind == "timeout":
                each = f", for each of the {plan.modules_held} modules it shows" if plan.modules_held > 1 else ""
                message += f" (the limit is `render_seconds` under `limits:` in `course.yml`{each})"
            found.add(rule.at(loc, f"{plan.path.name}: {message}"))
        for url, reason, served in result.refused:
            loc = _stylesheet_loc(project, plan.course, url) or _fetch_loc(document, result.served[:served])
            found.add(rules.HANDOUT_FETCH_REFUSED.at(loc, f"{plan.path.name}: {reason}: `{_short(url)}`"))
        if result.pdf is None:
            continue
        log = result.log
        if result.refused:  # WeasyPrint's own report of the same failure ("Failed to render SVG image ...")
            log = [entry for entry in log if "Failed to" not in entry.message]
        problems = Diagnostics(_from_log(project, document, entry) for entry in log)
        found.extend(problems)
        found.extend(small_labels(document, result.figures))
        if not result.refused and not problems.errors:
            out[piece_path(document)] = result.pdf
            if pages is not None:
                pages[piece_path(document)] = result.pages
            # Information (a note about the computer) asks for no change, so the document may still be kept.
            if clean is not None and result.failure is None and not problems.actionable:
                clean.add(piece_path(document))
    return out, found


def small_labels(document: ComposedDocument, figures: list[LaidOutFigure]) -> Diagnostics:
    """A warning for each SVG figure whose smallest label prints below the document's floor, at the picture."""
    from toolkit.handouts.figures import LABEL_FLOOR_PT, read_svg, too_small

    found = Diagnostics()
    plan = document.plan
    floor = LABEL_FLOOR_PT[plan.variant]
    for laid in figures:
        image = document.images.get(laid.url)
        path = Path(url2pathname(urlsplit(laid.url).path))
        figure = read_svg(path, plan.course.limits)
        if image is None or figure is None or figure.smallest is None:
            continue
        size = too_small(figure, laid.width, laid.height, floor)
        if size is None:
            continue
        need = figure.smallest.size * floor / size
        # Without a viewBox the drawing keeps its own size however wide it is printed.
        where = " (the SVG has no `viewBox`, so it cannot be printed larger)" if figure.viewbox is None else \
            " even as large as the page allows"
        found.add(rules.FIGURE_LABELS_TOO_SMALL.at(
            image.loc, f"{plan.path.name}: the label \"{_clip(figure.smallest.text)}\" in `{path.name}` prints at "
                       f"{size:.1f} pt{where}; {'large print' if plan.variant == 'large' else 'print'} needs {floor:g} pt, "
                       f"a font-size of about {math.ceil(need)} in the SVG (it is {figure.smallest.size:g})"))
    return found


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _time_limit(document: ComposedDocument) -> float | None:
    """`render_seconds` for each module the document shows: the footer of the booklet or guide (a page for each
    of their pages) legitimately takes as long as all its modules' handouts together; any other piece of
    them shows one module at most."""
    seconds = document.plan.course.limits.render_seconds
    from toolkit.handouts.compose import GUIDE_MODULES

    whole = document.segment in (None, "footer") or (document.plan.kind == "guide" and document.segment == GUIDE_MODULES)
    held = document.plan.modules_held if whole else 1
    return seconds * held if seconds else None


def _render_job(job):  # type: ignore[no-untyped-def]
    """One document's render, in a worker process or here: a plain-data job with its result in plain data."""
    from toolkit.handouts.writer import run_jobs

    return run_jobs([job])[0]


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."


def _fetch_loc(document: ComposedDocument, served: list[str]):  # type: ignore[no-untyped-def]
    """The image that led to a refused request (the last picture served before it), else the document."""
    for url in reversed(served):
        image = document.images.get(url)
        if image is not None:
            return image.loc
    return document.plan.loc


def _stylesheet_loc(project: Project, course: Course, url: str) -> SourceLoc | None:
    """Where the theme's print CSS asks for ``url`` (as WeasyPrint resolves it), if it does."""
    from urllib.parse import urljoin

    from toolkit.handouts.writer import print_css_path

    path = print_css_path(course.theme)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    base = path.resolve().as_uri()
    for number, line in enumerate(lines, 1):
        for match in _CSS_ADDRESS.finditer(line):
            address = (match["url"] if match["url"] is not None else match["import"]).strip()
            if address and urljoin(base, address) == url:
                shown = path.relative_to(project.root) if path.is_relative_to(project.root) else path
                return SourceLoc(shown, number, match.start() + 1)
    return None


def _from_log(project: Project, document: ComposedDocument, entry: LogEntry) -> Diagnostic:
    plan = document.plan
    name = plan.path.name
    message = entry.message
    # The picture the message is about, when it names one of the document's images.
    loc = next((image.loc for url, image in document.images.items() if url in message), plan.loc)
    position = _CSS_POSITION.search(message)
    if entry.stylesheet is not None:  # the theme's print CSS, at the line and column WeasyPrint names
        shown = entry.stylesheet
        if shown.is_relative_to(project.root):
            shown = shown.relative_to(project.root)
        loc = SourceLoc(shown, int(position["line"]), int(position["column"])) if position else SourceLoc(shown)
    if _ACCESSIBILITY.search(message):
        source = _IMAGE_SOURCE.search(message)
        if source and source.group(1) in document.images:
            loc = document.images[source.group(1)].loc
        elif "lang" in message:
            loc = plan.course.field_loc("language")
        return rules.HANDOUT_ACCESSIBILITY.at(loc, f"{name}: {message}")
    if entry.level < logging.ERROR and _MACHINE_LIBRARY.search(message):  # one note per build, at the font
        return rules.HANDOUT_MACHINE_LIBRARY.at(plan.course.theme.field_loc("font"), message)
    if entry.level >= logging.ERROR:
        return rules.HANDOUT_RENDER_FAILED.at(loc, f"{name}: {message}")
    return rules.HANDOUT_WEASYPRINT_WARNING.at(loc, f"{name}: {message}")


def _once(found: Diagnostics) -> Diagnostics:
    """One diagnostic per problem, though several documents (a module's handouts, the booklet) share it."""
    seen: set[tuple[str, object, str]] = set()
    kept = Diagnostics()
    for diagnostic in found:
        key = (diagnostic.code, diagnostic.loc, diagnostic.message.split(".pdf: ", 1)[-1])
        if key not in seen:
            seen.add(key)
            kept.add(diagnostic)
    return kept


def leaflet_lengths(plans: list[DocumentPlan], pdfs: dict[Path, bytes],
                    estimated: dict[Path, LeafletEstimate] | None = None) -> Diagnostics:
    """A warning for each module leaflet that runs past its sides, unless planning (``estimated``, by path)
    already warned about it: the estimate errs long, so this finds only what it missed."""
    import pikepdf

    from toolkit.handouts.leaflet_fit import estimate_leaflets, too_long

    estimated = estimated or {}
    found = Diagnostics()
    for plan in plans:
        data = pdfs.get(Path(plan.path))
        if plan.kind != "module" or data is None:
            continue
        with pikepdf.open(io.BytesIO(data)) as pdf:
            sides = len(pdf.pages)
        known = estimated.get(Path(plan.path))
        if sides > LEAFLET_SIDES[plan.variant] and not (known is not None and known.too_long):
            found.add(too_long(known or estimate_leaflets([plan])[0], sides, rendered=True))
    return found


def write_documents(stage: Path, pdfs: dict[Path, bytes], progress: object = None, output: str = "handouts") -> None:
    for relative, data in sorted(pdfs.items()):
        target = stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if progress is not None:
            progress.file_written(output, target)  # type: ignore[attr-defined]


def _no_site_url(project: Project) -> Diagnostic:
    return rules.HANDOUT_NO_SITE_URL.at(project.site.loc, "the site has no address (`site_url` in mkdocs.yml), so the "
                                                          "handouts have no QR code or link to the online lessons")


def _build(context: BuildContext, stage: Path, which: str) -> Diagnostics | Rendering:
    """Plan and compose every document; those not in the cache are left to the build's pool of workers."""
    project = context.project
    created = context.source_date
    found = Diagnostics()
    plans: list[DocumentPlan] = []
    for course in project.courses:
        paper = _paper(context, course)
        if which == "handouts":
            if project.site.url is None:
                found.add(_no_site_url(project))
            plans.extend(plan_course_handouts(project, course, paper=paper, created=created))
        else:
            plans.append(plan_guide(course, paper=paper, created=created))
            plans.extend(plan_printables(course, paper=paper, created=created))
    composed, problems = compose_documents(project, plans)
    found.extend(_once(problems))
    if found.errors:
        return found
    from toolkit.handouts.compose import ComposedDocument, PiecedDocument
    from toolkit.handouts.impose import print_path

    cache = output_cache(context, stage, which)
    keys = _Keys()
    cached: dict[Path, bytes] = {}
    cached_pages: dict[Path, int] = {}  # the cached pieces' page counts, as noted when they were made
    todo: list[ComposedDocument] = []
    pieced: list[PiecedDocument] = []  # the booklet and guide, made in pieces
    for item in composed:
        data = cache.read(keys.of(item), ".pdf") if cache is not None else None
        folded = isinstance(item, PiecedDocument) and item.folded
        imposed = cache.read(keys.of(item), PRINT_SUFFIX) if cache is not None and folded else None
        if data is not None and (imposed is not None or not folded):
            cached[Path(item.plan.path)] = data
            if imposed is not None:
                cached[Path(print_path(item.plan.path))] = imposed
            if cache is not None and not isinstance(item, ComposedDocument):
                _keep_pieces(cache, keys.of(item))  # for the next build that changes a module
            continue
        if isinstance(item, ComposedDocument):
            todo.append(item)
            continue
        pieced.append(item)
        for segment in item.segments:
            data = cache.read(keys.of(segment), ".pdf") if cache is not None else None
            if data is None:
                todo.append(segment)
                continue
            cached[piece_path(segment)] = data
            noted = _noted_pages(cache, keys.of(segment))
            if noted is not None:
                cached_pages[piece_path(segment)] = noted
    jobs, problems = render_jobs(project, todo, workers=context.settings.jobs)
    found.extend(problems)
    if found.errors:
        return found
    last = [_join_step(project, whole, todo, cached, cached_pages, cache, keys) for whole in pieced]
    pieces = {piece_path(s) for whole in pieced for s in whole.segments}

    def finish(results: list[JobResult | _Joined]) -> Diagnostics:
        clean: set[Path] = set()
        pages: dict[Path, int] = {}
        pdfs, problems = collect_renders(project, todo, results[:len(todo)], clean=clean, pages=pages)
        if problems.errors:
            found.extend(_once(problems))
            return found
        for document in todo:
            if piece_path(document) in clean and cache is not None:
                cache.store(keys.of(document), ".pdf", pdfs[piece_path(document)])
                if piece_path(document) in pieces:  # so the next join need not read it to count
                    cache.store(keys.of(document), ".pages", str(pages[piece_path(document)]).encode())
        for whole, joined in zip(pieced, results[len(todo):]):
            problems.extend(joined.found)
            if joined.pdf is None:
                continue
            pdfs[Path(whole.plan.path)] = joined.pdf
            if joined.imposed is not None:
                pdfs[Path(print_path(whole.plan.path))] = joined.imposed
            if cache is not None and not joined.found.actionable and all(piece_path(s) in clean or piece_path(s) in cached
                                                              for s in whole.segments):
                entries = [f"{keys.of(s)} {suffix}" for s in whole.segments for suffix in (".pdf", ".pages")]
                entries += joined.used
                cache.store(keys.of(whole), ".pdf", joined.pdf)
                if joined.imposed is not None:
                    cache.store(keys.of(whole), PRINT_SUFFIX, joined.imposed)
                cache.store(keys.of(whole), ".keys", "\n".join(sorted(set(entries))).encode())
        found.extend(_once(problems))  # each piece reports what the stylesheets logged
        if found.errors:
            return found
        made = {path: data for path, data in pdfs.items() if path not in pieces}
        reused = {path: data for path, data in cached.items() if path not in pieces}
        estimated = {Path(leaflet.path): leaflet for plans in context.planned.values() for leaflet in plans.leaflets}
        found.extend(leaflet_lengths([item.plan for item in composed], {**made, **reused}, estimated))
        write_documents(stage, {**made, **reused}, context.progress, which)
        for relative in sorted(reused):
            context.progress.file_reused(which, stage / relative)
        return found

    files = [stage / item.plan.path for item in composed]
    files += [stage / print_path(item.plan.path) for item in pieced if item.folded]
    return Rendering(jobs, _render_job, _render_seconds, finish, last, files=tuple(files))


@dataclass(frozen=True)
class _Joined:
    """A document joined from its pieces (or None), what its last renders found, and the cache entries they used."""

    pdf: bytes | None
    found: Diagnostics
    used: tuple[str, ...]  # "key suffix" of each cache entry read or written for the front and footer
    imposed: bytes | None = None  # the booklet's print-ready file (impose.py)


# The cache entry beside a folded document's own: its print-ready file.
PRINT_SUFFIX = "-print.pdf"


# An estimate of the seconds the join takes for each piece of a document, so its pieces start early.
JOIN_SECONDS_PER_PIECE = 0.01


def _join_step(project: Project, whole: PiecedDocument, todo: list[ComposedDocument], cached: dict[Path, bytes],
               cached_pages: dict[Path, int], cache, keys: _Keys) -> LastStep:  # type: ignore[no-untyped-def]
    """A document's front, footer and join, in the pool as soon as the pieces it waits for are rendered."""
    from toolkit.handouts.booklet import PieceRenderer, assemble
    from toolkit.handouts.impose import print_ready

    waited = [index for index, document in enumerate(todo) if any(document is s for s in whole.segments)]

    def join(results: list[JobResult]) -> _Joined:
        pages = dict(cached_pages)
        pdfs, _ = collect_renders(project, [todo[index] for index in waited], results, pages=pages)  # the build reports their findings
        used: list[str] = []

        def read(document: ComposedDocument) -> bytes | None:
            data = cache.read(keys.of(document), ".pdf") if cache is not None else None
            if data is not None:
                used.append(f"{keys.of(document)} .pdf")
            return data

        def store(document: ComposedDocument, data: bytes) -> None:
            if cache is not None:
                cache.store(keys.of(document), ".pdf", data)
                used.append(f"{keys.of(document)} .pdf")

        def recall(document: ComposedDocument) -> int | None:
            return _noted_pages(cache, keys.of(document))

        def note(document: ComposedDocument, pages: int) -> None:
            if cache is not None:
                cache.store(keys.of(document), ".pages", str(pages).encode())
                used.append(f"{keys.of(document)} .pages")

        pieces = PieceRenderer(functools.partial(_render_here, project), read, store, recall, note)
        pdf, found = assemble(whole, {**cached, **pdfs}, pieces, pages)
        imposed = None
        if pdf is not None and whole.folded:  # imposed here, in the pool, as the join is
            imposed, problems = print_ready(whole.plan, pdf)
            found.extend(problems)
        return _Joined(pdf, found, tuple(used), imposed)

    return LastStep(tuple(waited), join, JOIN_SECONDS_PER_PIECE * len(whole.segments))


def _render_here(project: Project, document: ComposedDocument) -> tuple[bytes | None, Diagnostics]:
    """One document rendered in this process: its PDF (None if it failed) and what was found."""
    jobs, problems = render_jobs(project, [document])
    if problems.errors:
        return None, problems
    rendered, problems = collect_renders(project, [document], [_render_job(job) for job in jobs])
    return rendered.get(piece_path(document)), problems


def _noted_pages(cache, key: str) -> int | None:  # type: ignore[no-untyped-def]
    """The page count noted in the cache beside a document (a piece, a front), if any."""
    noted = cache.read(key, ".pages") if cache is not None else None
    return int(noted) if noted and noted.isdigit() else None


def _keep_pieces(cache, key: str) -> None:  # type: ignore[no-untyped-def]
    """Keep the cached pieces, front and footer a cached document was joined from."""
    listed = cache.read(key, ".keys")
    for line in (listed or b"").decode().splitlines():
        piece, suffix = line.split(" ")
        cache.fetch(piece, suffix)


class _Keys:
    """Each document's cache key: its course's and modules' inputs, its kind and paper, and its HTML."""

    def __init__(self) -> None:
        self.courses: dict[str, str] = {}
        self.modules: dict[tuple[str, str], str] = {}
        self.known: dict[int, tuple[object, str]] = {}  # by id(document), the document kept so its id stays its own

    def of(self, document: ComposedDocument | PiecedDocument) -> str:
        """The key, computed once per document (a document in pieces renders every piece's template)."""
        if id(document) not in self.known:
            self.known[id(document)] = (document, self._key(document))
        return self.known[id(document)][1]

    def _key(self, document: ComposedDocument | PiecedDocument) -> str:
        from toolkit.cache import course_digest, document_key, module_digest
        from toolkit.handouts.compose import GUIDE_MODULES, ComposedDocument
        from toolkit.warning_signs import course_red_flags

        plan = document.plan
        course = plan.course
        if course.id not in self.courses:
            self.courses[course.id] = course_digest(course, source_date=plan.created, paper=plan.paper)
        segment = getattr(document, "segment", None)
        if plan.kind == "module":
            used = [part.module for part in plan.parts]
        elif segment == GUIDE_MODULES and plan.kind == "guide":
            used = [guide.module for guide in plan.guide]
        elif segment is not None and segment.startswith("module-"):
            shown = [part.module for part in plan.parts] + [guide.module for guide in plan.guide]
            used = [module for module in shown if f"module-{module.id}" == segment]
        elif segment == "front" and plan.kind == "booklet":  # titles in its HTML; the warning signs' pictures a module's
            used = [module for module in [course_red_flags(course)[1]] if module is not None]
        elif segment is not None:  # the guide's front, the glossary, the materials and the footer: all in their HTML
            used = []
        else:
            used = list(course.modules)
        for module in used:
            if (course.id, module.id) not in self.modules:
                self.modules[(course.id, module.id)] = module_digest(course, module)
        html = document.html
        if not isinstance(document, ComposedDocument):  # the whole document, its footer and its back
            html += document.footer(0).html + (document.back(0).html if document.folded else "")
        digest = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()
        name = plan.path.as_posix() + (f"#{segment}" if segment else "")
        return document_key(f"handouts:{plan.kind}:{plan.variant}:{plan.paper}", name,
                            self.courses[course.id] + ":" + plan.paper,
                            [self.modules[(course.id, m.id)] for m in used],
                            f"{digest}:{plan.identifier.hex()}:{plan.created.isoformat()}")


def build_handouts(context: BuildContext, stage: Path) -> Diagnostics | Rendering:
    """The `handouts` builder: every module in standard and large print, and the booklet, for each course."""
    return _build(context, stage, "handouts")


def build_guide(context: BuildContext, stage: Path) -> Diagnostics | Rendering:
    """The `guide` builder: `guide/<course>/facilitator-guide.pdf` for each course."""
    return _build(context, stage, "guide")
