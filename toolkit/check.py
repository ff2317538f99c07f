"""`coursekit check`: load every course, run every check, and judge the result."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit.checks import ModuleFindings, check_project, course_findings, module_findings
from toolkit.diagnostics import Diagnostic, Diagnostics
from toolkit.limits import Limits
from toolkit.loader import CourseFrame, load_module, load_project, read_course_frames
from toolkit.model import Course, Project
from toolkit.parallel import run_jobs
from toolkit.plain_language.analysis import analyse_module
from toolkit.plain_language.terms import TermMatcher, course_matcher

# Modules per job: small enough to share them out evenly, large enough that sending each job's results is cheap.
MODULES_PER_JOB = 8


@dataclass(frozen=True)
class CheckResult:
    """A project as loaded and everything found wrong with it, strictness applied."""

    project: Project
    diagnostics: Diagnostics

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors


def run_check(root: Path, *, strict: bool = False, limits: Limits | None = None,
              course_ids: tuple[str, ...] = ()) -> CheckResult:
    """Gather and check the whole project; never writes, never raises for content problems."""
    with cycle_collection_paused():
        project, found = load_project(root, limits, course_ids)
        found.extend(check_project(project))
    return CheckResult(project, found.with_strictness(strict))


def check_files(root: Path, *, strict: bool = False, jobs: int = 1) -> Diagnostics:
    """What `coursekit check` reports: ``run_check``'s diagnostics, in the same order, without keeping the model.

    Modules are read and checked in up to ``jobs`` forked processes, which send back only
    their findings (plain data); the checks over a whole course run here, on those findings.
    """
    root = root.resolve()
    found = Diagnostics()
    with cycle_collection_paused():
        frames = read_course_frames(root, None, (), found)
        batches = [_Batch.of(root, frame, frame.module_paths[i:i + MODULES_PER_JOB])
                   for frame in frames for i in range(0, len(frame.module_paths), MODULES_PER_JOB)]
        if jobs > 1 and len(batches) > 1:
            _load_shared_data({frame.meta.language for frame in frames})
        results = iter(run_jobs(_check_batch, batches, jobs))
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
        for course, modules in checked:
            found.extend(course_findings(course, modules))
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
