"""`coursekit check`: load every course, run every check, plan the outputs, and judge the result."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.checks import ModuleFindings, check_project, course_findings, module_findings
from toolkit.diagnostics import Diagnostic, Diagnostics, Severity
from toolkit.limits import Limits
from toolkit.loader import CourseFrame, load_module, load_project, read_course_frames
from toolkit.model import Course, Project, SiteAddress
from toolkit.parallel import run_jobs
from toolkit.plain_language.analysis import analyse_module
from toolkit.plain_language.terms import TermMatcher, course_matcher
from toolkit.planning import OUTPUTS, CoursePlans, plan_course, plan_project, project_findings
from toolkit.reproducible import source_date
from toolkit.site.address import course_url, module_url, read_site_address

# Modules per job: small enough to share them out evenly, large enough that sending each job's results is cheap.
MODULES_PER_JOB = 8


@dataclass(frozen=True)
class CheckResult:
    """A project as loaded and everything found wrong with it, strictness applied; with the courses' plans
    (by course id) when outputs were planned."""

    project: Project
    diagnostics: Diagnostics
    plans: dict[str, CoursePlans] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors


def run_check(root: Path, *, strict: bool = False, limits: Limits | None = None,
              course_ids: tuple[str, ...] = (), outputs: Sequence[str] = ()) -> CheckResult:
    """Gather and check the whole project; never writes, never raises for content problems.

    With ``outputs``, a project without errors has those outputs planned too (toolkit/planning.py): their
    findings are reported, and their plans kept for the build. A project with errors is never built, so
    its outputs are not planned.
    """
    with cycle_collection_paused():
        project, found = load_project(root, limits, course_ids)
        found.extend(check_project(project))
        plans: dict[str, CoursePlans] = {}
        if outputs and not found.errors:
            plans, planned = plan_project(project, outputs)
            found.extend(planned)
    return CheckResult(project, found.with_strictness(strict), plans)


def check_files(root: Path, *, strict: bool = False, jobs: int = 1, outputs: Sequence[str] = OUTPUTS) -> Diagnostics:
    """What `coursekit check` reports: ``run_check``'s diagnostics (every output planned, as a build would),
    in the same order, without keeping the model.

    Modules are read and checked in up to ``jobs`` forked processes, which send back only
    their findings (plain data); the checks over a whole course run here, on those findings.
    Each course's outputs are planned in a job of their own, beside the checks, and its findings
    are kept only when the checks find no error.
    """
    root = root.resolve()
    found = Diagnostics()
    with cycle_collection_paused():
        frames = read_course_frames(root, None, (), found)
        batches = [_Batch.of(root, frame, frame.module_paths[i:i + MODULES_PER_JOB])
                   for frame in frames for i in range(0, len(frame.module_paths), MODULES_PER_JOB)]
        courses = [frame.course(()) for frame in frames if frame.theme is not None]
        site, site_found = read_site_address(root, [frame for frame in frames if frame.theme is not None])
        urls = {c.id: course_url(Project(root, tuple(courses), site), c) for c in courses}
        planning = [_Planning(root, frame, tuple(outputs), source_date(courses), urls.get(frame.folder.name), site)
                    for frame in frames if frame.theme is not None] if outputs else []
        # With several workers the plans are made while the modules are checked, and dropped if there is an error.
        together = jobs > 1 and len(batches) + len(planning) > 1
        if together:
            _load_shared_data({frame.meta.language for frame in frames})
        work: list[_Batch | _Planning] = [*batches, *(planning if together else [])]
        done = run_jobs(_run_job, work, jobs, cost=_job_cost)
        results = iter(done[:len(batches)])
        checked: list[tuple[Course, list[ModuleFindings]]] = []
        for frame in frames:
            found.extend(frame.found)
            modules: list[ModuleFindings] = []
            for _ in range(0, len(frame.module_paths), MODULES_PER_JOB):
                for problems, findings in next(results):
                    found.extend(problems)
                    if findings is not None:
                        modules.append(findings)
            if frame.theme is not None:
                checked.append((frame.course(()), modules))
        found.extend(site_found)
        for course, modules in checked:
            found.extend(course_findings(course, modules))
        if planning and not found.errors:
            planned = done[len(batches):] if together else run_jobs(_run_job, planning, jobs, cost=_job_cost)
            for course_found in planned:
                found.extend(course_found)  # type: ignore[arg-type]
            found.extend(project_findings(courses, outputs, site))
    return found.with_strictness(strict)


@dataclass(frozen=True)
class _Batch:
    """Some of one course's module files, to read and check in one job."""

    root: Path
    frame: CourseFrame
    course: Course | None  # the course without its modules, for the module checks; None if it cannot be checked
    matcher: TermMatcher
    paths: tuple[Path, ...]

    @classmethod
    def of(cls, root: Path, frame: CourseFrame, paths: tuple[Path, ...]) -> _Batch:
        """A batch of ``paths`` from ``frame``'s course."""
        return cls(root, frame, frame.course(()) if frame.theme is not None else None,
                   course_matcher(frame.glossary, frame.meta.checks.medical_words), paths)


def _check_batch(batch: _Batch) -> list[tuple[list[Diagnostic], ModuleFindings | None]]:
    """Each module's problems reading it and, if it was read and its course can be checked, its findings."""
    out: list[tuple[list[Diagnostic], ModuleFindings | None]] = []
    for path in batch.paths:
        problems: list[Diagnostic] = []
        module = load_module(batch.root, path, batch.frame.limits, problems)
        findings = None
        if module is not None and batch.course is not None:
            findings = module_findings(batch.course, analyse_module(module, batch.matcher, batch.course.meta.checks))
        out.append((problems, findings))
    return out


@dataclass(frozen=True)
class _Planning:
    """One course's outputs to plan, in a job of its own: it reads the course's modules itself."""

    root: Path
    frame: CourseFrame
    outputs: tuple[str, ...]
    created: dt.datetime
    course_url: str | None  # the public address of the course's home page
    site: SiteAddress       # the site's address, for the module pages' (the leaflets' QR codes)


def _plan_course(job: _Planning) -> list[Diagnostic]:
    """What planning the course's outputs finds; nothing when its modules cannot all be read (an error)."""
    problems: list[Diagnostic] = []
    modules = [load_module(job.root, path, job.frame.limits, problems) for path in job.frame.module_paths]
    if any(d.severity is Severity.ERROR for d in (*job.frame.found, *problems)):
        return []
    course = job.frame.course(tuple(m for m in modules if m is not None))
    project = Project(job.root, (course,), job.site)
    urls = {module.id: url for module in course.modules if (url := module_url(project, course, module))}
    return list(plan_course(course, job.outputs, job.created, job.course_url, urls).found)


def _run_job(job: _Batch | _Planning) -> object:
    return _plan_course(job) if isinstance(job, _Planning) else _check_batch(job)


# A course's planning reads each module again and plans its deck and its part of the workshop deck: a little
# longer than checking it.
_PLANNING_COST = 1.5


def _job_cost(job: _Batch | _Planning) -> float:
    """An estimate of a job's time, so the longest (a large course's planning) starts first."""
    return _PLANNING_COST * len(job.frame.module_paths) if isinstance(job, _Planning) else float(len(job.paths))


def _load_shared_data(languages: set[str]) -> None:
    """Load the parser and dictionaries once, before forking, so the workers share them instead of each loading them."""
    from toolkit.markdown_reader import _parser
    from toolkit.plain_language.readability import _cmu_lines, _hyphenator
    from toolkit.plain_language.word_frequencies import frequencies, wordfreq_language

    _parser()
    _cmu_lines()
    _hyphenator()
    for code in sorted({wordfreq_language(language) for language in languages} - {None}):
        frequencies(code)  # type: ignore[arg-type]


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the model is built.

    Loading makes millions of objects and no reference cycles, so the collector's
    repeated passes over them found nothing and cost a third of a large check.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
