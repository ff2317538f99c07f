"""`coursekit proof`: one PDF per course that shows every output on a few pages, for the clinical reviewer.

The build is made (or found up to date) first; then LibreOffice prints the real decks and Chromium shows the
built site at phone width, in the build's pool of workers, and each course's proof is composed there as soon
as its pictures are ready: a cover with the report's figures and the open warnings, contact sheets of every
slide, every printed page and every phone screen, and a sign-off page.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from toolkit import __version__, rules
from toolkit.build import Progress
from toolkit.diagnostics import Diagnostics, Severity
from toolkit.proof import tools
from toolkit.proof.decks import DeckJob, DeckResult, balanced
from toolkit.proof.layout import Picture, Sheet, sheets
from toolkit.proof.screens import PHONE, ScreenJob, ScreenResult
from toolkit.source import SourceLoc

PROOF_FOLDER = "proof"


class UnknownCourse(ValueError):
    """``--course`` names no course of the project."""


@dataclass(frozen=True)
class ProofSettings:
    """What to prove and how; decided once by the command layer."""

    out: Path                          # the build folder; the proofs go to its proof/ folder
    course_ids: tuple[str, ...] = ()   # none: every course
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    strict: bool = False


@dataclass(frozen=True)
class ProofResult:
    diagnostics: Diagnostics
    written: tuple[tuple[Path, int], ...] = ()  # each proof and its page count

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors


@dataclass(frozen=True)
class Page:
    """A page of the built site: where it is below the site's root, and what to call it."""

    address: str
    title: str


@dataclass(frozen=True)
class CourseProof:
    """Everything one course's proof is made from, as plain data, and the step that composes it."""

    course_id: str
    language: str
    figures: dict[str, Any]
    made: str
    theme: str
    paper: str
    font_family: str
    font_package: str
    font_roots: tuple[Path, ...]
    open_findings: tuple[str, ...]
    left_out: tuple[str, ...]
    decks: tuple[tuple[Path, int, int, int], ...]  # (deck, its slides, its job's place in `needs`, its place there)
    pages: tuple[tuple[Page, int, int], ...]   # the same for the site's pages
    documents: tuple[Path, ...]
    needs: tuple[int, ...]                     # the jobs whose results it takes
    work: Path

    def compose(self, taken: list[Any]) -> tuple[Path | None, int, tuple[str, ...]]:
        """Lay out, render and write this course's proof into ``work``: its path, pages and what went wrong."""
        from toolkit.handouts.fonts import font_face_css
        from toolkit.proof import compose, writer

        problems: list[str] = []
        slide_pictures: list[Picture] = []
        for deck, slides, job, place in self.decks:
            result: DeckResult = taken[job]
            pdf = result.pdfs[place] if place < len(result.pdfs) else None
            if pdf is None:
                problems.append(f"{deck.name}: {result.failure or 'LibreOffice did not print it'}")
                continue
            pictures = _pdf_pictures(pdf, deck.name, "slide {n}", "Slide {n} of {file}")
            if len(pictures) != slides:
                problems.append(f"{deck.name}: LibreOffice printed {len(pictures)} pages for {slides} slides")
            slide_pictures += pictures
        document_pictures = [p for path in self.documents
                             for p in _pdf_pictures(path, path.name, "page {n} of {total}", "Page {n} of {file}")]
        screen_pictures: list[Picture] = []
        for page, job, place in self.pages:
            shots: ScreenResult = taken[job]
            if shots.failure or place >= len(shots.screens):
                problems.append(f"{page.address or 'the home page'}: {shots.failure or 'Chromium did not show it'}")
                continue
            screens = shots.screens[place]
            label = page.title
            screen_pictures += [Picture(path, 0, PHONE[0], PHONE[1], f"screen {k} of {len(screens)}",
                                        f"{label}: phone screen {k} of {len(screens)}", label)
                                for k, path in enumerate(screens, start=1)]
        laid_out: list[Sheet] = [*sheets("slides", slide_pictures, self.paper),
                                 *sheets("documents", document_pictures, self.paper),
                                 *sheets("site", screen_pictures, self.paper)]
        counts = (("decks", len(self.decks)), ("slides", len(slide_pictures)), ("printed documents", len(self.documents)),
                  ("printed pages", len(document_pictures)), ("site pages", len(self.pages)),
                  ("phone screens", len(screen_pictures)))
        cover = compose.Cover(self.made, __version__, self.theme, self.paper, self.open_findings,
                              (*self.left_out, *(f"Could not be shown: {p}" for p in problems)), counts)
        html = compose.html(self.figures, cover, laid_out, self.language)
        stylesheet = font_face_css(self.font_family, self.font_package) + compose.css(self.paper, self.font_family)
        try:
            pdf, count, sheet_pages, warned = writer.render(html, stylesheet, (self.work, *self.font_roots),
                                                            self.work.as_uri() + "/", len(laid_out))
            if any(index < 0 for index in sheet_pages):
                raise RuntimeError("a contact sheet did not start a page")
            pdf = writer.set_pages(pdf, laid_out, sheet_pages)  # pages set into frames: the count stays
        except Exception as error:  # noqa: BLE001 (reported as a finding; the other proofs go on)
            return None, 0, (*problems, f"{type(error).__name__}: {error}")
        path = self.work / f"{self.course_id}.pdf"
        path.write_bytes(pdf)
        return path, count, (*problems, *warned)


def _pdf_pictures(pdf: Path, group: str, caption: str, alt: str) -> list[Picture]:
    import pikepdf

    with pikepdf.open(pdf) as document:
        total = len(document.pages)
        out = []
        for index, page in enumerate(document.pages):
            box = [float(v) for v in page.mediabox]
            width, height = box[2] - box[0], box[3] - box[1]
            if int(page.obj.get("/Rotate", 0)) % 180:
                width, height = height, width
            n = index + 1
            out.append(Picture(pdf, index, width, height, f"{group}, {caption.format(n=n, total=total)}",
                               alt.format(n=n, file=group), group))
    return out


def slide_count(deck: Path) -> int:
    """How many slides a .pptx holds: its slide parts."""
    with zipfile.ZipFile(deck) as package:
        return sum(1 for name in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))


def run_proof(root: Path, settings: ProofSettings, progress: Progress | None = None) -> ProofResult:
    """Build (or find up to date), then make ``<out>/proof/<course>.pdf`` for each course asked for; ``progress``
    hears of the build's outputs, then of the proof as one more."""
    from toolkit import governance
    from toolkit.build import BuildSettings, run_build
    from toolkit.check import run_check
    from toolkit.handouts.fonts import font_folders
    from toolkit.loader import course_folders
    from toolkit.output import locked, write_atomically
    from toolkit.rendering import LastStep, Rendering, render_together
    from toolkit.report import course_report, figures
    from toolkit.site.address import page_address
    from toolkit.site.pages import course_page_uri, module_page_uri

    known = {folder.name for folder in course_folders(root)}
    unknown = [c for c in settings.course_ids if c not in known]
    if unknown:  # before the build, which may take a while
        raise UnknownCourse(f"no course `{unknown[0]}` in {root / 'courses'}; the courses are: {', '.join(sorted(known))}")
    out = settings.out.resolve()
    built = run_build(root, BuildSettings(out=out, jobs=settings.jobs, strict=settings.strict), progress)
    if not built.ok:
        return ProofResult(built.diagnostics)
    checked = run_check(root)
    project = checked.project
    courses = [c for c in project.courses if not settings.course_ids or c.id in settings.course_ids]
    found = Diagnostics(built.diagnostics)
    if progress is not None:
        progress.output_started(PROOF_FOLDER)
    started = time.perf_counter()
    libreoffice, chromium = tools.libreoffice(), tools.chromium()
    left_out = tuple(f"{tool.leaves_out.capitalize()}: {tool.name} is not installed; {tool.install}."
                     for tool in (libreoffice, chromium) if not tool.found)
    for tool in (libreoffice, chromium):
        if not tool.found:
            found.add(rules.PROOF_TOOL_MISSING.at(SourceLoc(root / "mkdocs.yml", 1, 1),
                                                  f"{tool.name} is not installed, so the proof leaves out {tool.leaves_out}",
                                                  f"To show them, {tool.install}."))
    today = governance.today()
    uses_directories = project.site.directory_urls
    work = Path(tempfile.mkdtemp(prefix="coursekit-proof-"))
    try:
        jobs: list[DeckJob | ScreenJob] = []
        proofs: list[CourseProof] = []
        for course in courses:
            report = course_report(course, checked.diagnostics, today, root)
            course_work = work / course.id
            decks = _decks(out / "slides" / course.id, [m.id for m in course.modules]) if libreoffice.found else []
            counted = [(deck, slide_count(deck)) for deck in decks]
            deck_refs: list[tuple[Path, int, int, int]] = []
            needs: list[int] = []
            font_roots = tuple(font_folders(course.theme.meta.font.package))
            for number, group in enumerate(balanced(counted, settings.jobs)):
                needs.append(len(jobs))
                jobs.append(DeckJob(libreoffice.path or "", tuple(d for d, _ in group), course_work / "slides",
                                    course_work / f"office-{number}", font_roots, sum(n for _, n in group)))
                deck_refs += [(deck, slides, len(needs) - 1, place) for place, (deck, slides) in enumerate(group)]
            deck_refs.sort(key=lambda ref: decks.index(ref[0]))
            page_refs: list[tuple[Page, int, int]] = []
            site = out / "site"
            if chromium.found and (site / "index.html").is_file():
                pages = [Page(page_address(course_page_uri(project, course), uses_directories), course.meta.title),
                         *(Page(page_address(module_page_uri(course, m), uses_directories), m.meta.title)
                           for m in course.modules)]
                pages = [page for page in pages if _page_file(site, page.address).is_file()]
                size = max(1, -(-len(pages) // max(1, settings.jobs)))
                for start in range(0, len(pages), size):
                    needs.append(len(jobs))
                    chunk = pages[start:start + size]
                    jobs.append(ScreenJob(chromium.path or "", site, tuple(p.address for p in chunk),
                                          course_work / "site", start))
                    page_refs += [(page, len(needs) - 1, place) for place, page in enumerate(chunk)]
            documents = _documents(out, course.id, [m.id for m in course.modules])
            findings = tuple(d.format(root).splitlines()[0] for d in found.sorted()
                             if d.severity is not Severity.INFO and d.loc.path.is_relative_to(course.folder))
            proofs.append(CourseProof(
                course.id, course.meta.language, figures(report, root), today.isoformat(), course.theme.name,
                course.theme.meta.paper, course.theme.meta.font.family, course.theme.meta.font.package, font_roots, findings, left_out,
                tuple(deck_refs), tuple(page_refs), tuple(documents), tuple(needs), course_work))
            course_work.mkdir(parents=True, exist_ok=True)
        last = [LastStep(proof.needs, proof.compose, 3.0 + 0.02 * len(proof.documents)) for proof in proofs]
        rendering = Rendering(jobs, lambda job: job.run(), lambda job: job.seconds, lambda results: Diagnostics(), last)
        results = render_together([rendering], settings.jobs)[0].results[len(jobs):]
        written: list[tuple[Path, int]] = []
        with locked(out):
            for course, (path, pages_count, problems) in zip(courses, results):
                if path is None:  # the last problem is why
                    found.extend(rules.PROOF_INCOMPLETE.at(course.loc, problem) for problem in problems[:-1])
                    found.add(rules.PROOF_FAILED.at(course.loc, f"the proof of `{course.id}` could not be made: {problems[-1]}"))
                    continue
                found.extend(rules.PROOF_INCOMPLETE.at(course.loc, problem) for problem in problems)
                target = out / PROOF_FOLDER / f"{course.id}.pdf"
                write_atomically(target, path.read_bytes())
                written.append((target, pages_count))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if progress is not None:
        progress.output_finished(PROOF_FOLDER, time.perf_counter() - started)
    return ProofResult(found.with_strictness(settings.strict), tuple(written))


def _page_file(site: Path, address: str) -> Path:
    """The file a page's address is served from: `a/b/` → `a/b/index.html`, `a/b.html` as it is."""
    path = unquote(address)  # MkDocs percent-encodes what a file name may hold
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def _decks(folder: Path, module_ids: list[str]) -> list[Path]:
    """The course's decks: each module's in the course's order, then the rest (the workshop deck)."""
    if not folder.is_dir():
        return []
    present = {p.stem: p for p in folder.glob("*.pptx")}
    ordered = [present.pop(m) for m in module_ids if m in present]
    return ordered + [present[name] for name in sorted(present)]


def _documents(out: Path, course_id: str, module_ids: list[str]) -> list[Path]:
    """The course's printed documents: each module's handouts in the course's order, the rest, then the guide."""
    folder = out / "handouts" / course_id
    # The booklet's print-ready file holds the booklet's own pages again, two to a side: proofing it adds nothing.
    present = {p.name: p for p in folder.glob("*.pdf") if not p.name.endswith("-print.pdf")} if folder.is_dir() else {}
    ordered = []
    for module_id in module_ids:
        for name in (f"{module_id}.pdf", f"{module_id}-large.pdf"):
            if name in present:
                ordered.append(present.pop(name))
    ordered += [present[name] for name in sorted(present)]
    guide = out / "guide" / course_id
    ordered += sorted(guide.glob("*.pdf")) if guide.is_dir() else []
    return ordered
