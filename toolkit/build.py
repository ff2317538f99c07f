"""`coursekit build`: check and plan everything, then render each output into a staged folder and swap it in."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from toolkit import rules
from toolkit.cache import CACHE_FOLDER
from toolkit.diagnostics import Diagnostics
from toolkit.output import carry_over, check_replaceable, locked, refuse_dangerous, staged, sweep_leftovers
from toolkit.planning import OUTPUTS
from toolkit.rendering import Rendering, render_together
from toolkit.reproducible import source_date
from toolkit.source import SourceLoc
from toolkit.uptodate import RECORD, inputs_digest, record_build, unchanged_findings

if TYPE_CHECKING:  # a build with nothing to do stops before the model and the checks are imported
    from toolkit.model import Project
    from toolkit.planning import CoursePlans

OUTPUT_NAMES = OUTPUTS  # build order (toolkit/planning.py)
# Folders of the output that coursekit makes: the outputs, `coursekit report`'s and `coursekit proof`'s, and
# the cache of documents by the hash of their inputs (toolkit/cache.py), which the builders themselves bring forward.
KEPT_FOLDERS = (*OUTPUT_NAMES, "report", "proof", CACHE_FOLDER)


@dataclass(frozen=True)
class BuildSettings:
    """What to build and how; decided once by the command layer."""

    out: Path
    only: tuple[str, ...] = OUTPUT_NAMES
    paper: str | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    strict: bool = False
    course_ids: tuple[str, ...] = ()
    force: bool = False  # build even when the last build's output is current (toolkit/uptodate.py)
    site_engine: str = "mkdocs"  # what renders the site's source (toolkit/site/engines.py)

    def describe(self) -> str:
        """The settings that change what a build writes (not the output folder, not the number of workers)."""
        return (f"only={sorted(self.only)} paper={self.paper} courses={sorted(self.course_ids)} strict={self.strict}"
                f" site_engine={self.site_engine}")


class Progress(Protocol):
    """Where a build reports how far it has got; the command layer decides how to show it."""

    def output_started(self, output: str) -> None: ...

    def file_written(self, output: str, path: Path) -> None: ...

    def file_reused(self, output: str, path: Path) -> None:
        """``path`` (also reported as written) was taken from the cache, its inputs unchanged."""

    def output_finished(self, output: str, seconds: float) -> None: ...


class SilentProgress:
    """Progress nobody watches (library use and tests)."""

    def output_started(self, output: str) -> None:
        pass

    def file_written(self, output: str, path: Path) -> None:
        pass

    def file_reused(self, output: str, path: Path) -> None:
        pass

    def output_finished(self, output: str, seconds: float) -> None:
        pass


@dataclass(frozen=True)
class BuildContext:
    """What every builder shares: the checked project, the settings and the one source date.

    ``previous`` is the output folder being replaced, whose cache of documents (toolkit/cache.py) the
    builders may reuse and carry forward into the stage; None (a builder called on its own) means no cache.
    ``coming`` are the files the outputs built before this one will write into the stage once their
    documents are rendered. ``planned`` are the courses' plans, by course id, as the checks made them
    (toolkit/planning.py); a builder renders from them rather than plan again.
    """

    project: Project
    settings: BuildSettings
    source_date: dt.datetime
    progress: Progress = field(default_factory=SilentProgress)
    previous: Path | None = None
    coming: frozenset[Path] = frozenset()
    planned: dict[str, CoursePlans] = field(default_factory=dict)


Builder = Callable[[BuildContext, Path], "Diagnostics | Rendering"]
"""Writes one output into the staged folder and returns what it found, or leaves its documents to the build's
one pool of workers as a Rendering (toolkit/rendering.py), whose finishing returns what it found."""

# Each output's builder, imported only when that output is built.
BUILDERS: dict[str, str] = {
    "slides": "toolkit.slides:build_output",
    "site": "toolkit.site:build_output",
    "handouts": "toolkit.handouts:build_handouts",
    "guide": "toolkit.handouts:build_guide",
}


def builder(name: str) -> Builder:
    module_name, _, function = BUILDERS[name].partition(":")
    return getattr(importlib.import_module(module_name), function)


@dataclass(frozen=True)
class BuildResult:
    """What a build found and, when it succeeded, the files it wrote and how long each output took."""

    diagnostics: Diagnostics
    written: tuple[tuple[str, int], ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)
    unchanged: bool = False  # nothing was built: the output was already made from these very inputs

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors


class BuildFailed(Exception):
    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics


def run_build(root: Path, settings: BuildSettings, progress: Progress | None = None) -> BuildResult:
    """Check, then build; the previous output stays untouched unless everything succeeds.

    When the output was made from these very inputs, nothing is checked or built: the result holds the
    findings that build reported, and ``unchanged`` is set.
    """
    # Absolute but not resolved: a linked --out stays a link, so check_replaceable refuses it.
    out = Path(os.path.abspath(settings.out))
    inputs = inputs_digest(root, settings.describe())
    if not settings.force:
        current = _unchanged(root, out, inputs)
        if current is not None:
            return current
    from toolkit.check import run_check

    # The checks plan the outputs too, so everything a build can find before it renders stops it here.
    checked = run_check(root, strict=settings.strict, course_ids=settings.course_ids, outputs=settings.only)
    if not checked.ok:
        return BuildResult(checked.diagnostics)
    refuse_dangerous(out, checked.project.root)
    progress = progress or SilentProgress()
    context = BuildContext(checked.project, settings, source_date(checked.project.courses), progress, previous=out,
                           planned=checked.plans)
    seconds: dict[str, float] = {}
    found = Diagnostics(checked.diagnostics)
    with locked(out):
        sweep_leftovers(out)
        check_replaceable(out)
        stage = out
        try:
            with staged(out) as stage:
                # Outputs not remade this time (and reports) stay as the last build left them.
                carry_over(out, stage, set(KEPT_FOLDERS) - set(settings.only) - {CACHE_FOLDER})
                # The cached documents of those outputs come too; each output built now keeps what it uses.
                carry_over(out / CACHE_FOLDER, stage / CACHE_FOLDER, set(OUTPUT_NAMES) - set(settings.only))
                pending: dict[str, Rendering] = {}
                for name in sorted(settings.only, key=OUTPUT_NAMES.index):
                    progress.output_started(name)
                    started = time.perf_counter()
                    coming = frozenset(path for rendering in pending.values() for path in rendering.files)
                    produced = builder(name)(replace(context, coming=coming), stage)
                    seconds[name] = time.perf_counter() - started
                    if isinstance(produced, Rendering):
                        pending[name] = produced
                        continue
                    _finished(name, produced, settings, progress, seconds, found)
                _render_pending(pending, settings, progress, seconds, found)
                written = _listing(stage)
                record_build(stage, inputs, found, checked.project.root)
        except BuildFailed as failed:
            return BuildResult(failed.diagnostics)
        except OSError as error:
            failed_path = Path(error.filename) if error.filename else out
            if failed_path.is_relative_to(stage):  # name where the file was going, not the stage that is gone
                failed_path = out / failed_path.relative_to(stage)
            where = SourceLoc(failed_path)
            found.add(rules.OUTPUT_WRITE_FAILED.at(where, f"writing the output failed: {error.strerror or error}"))
            return BuildResult(found)
    return BuildResult(found, written, seconds)


def _render_pending(pending: dict[str, Rendering], settings: BuildSettings, progress: Progress,
                    seconds: dict[str, float], found: Diagnostics) -> None:
    """Render what the builders left, all in one pool, then finish each output in the build's order.

    An output's time is its builder's, its documents' (on whichever core rendered them) and its finishing.
    """
    if not pending:
        return
    rendered = render_together(list(pending.values()), settings.jobs)
    for (name, rendering), done in zip(pending.items(), rendered):
        started = time.perf_counter()
        produced = rendering.finish(done.results)
        seconds[name] += done.seconds + time.perf_counter() - started
        _finished(name, produced, settings, progress, seconds, found)
    pending.clear()


def _finished(name: str, produced: Diagnostics, settings: BuildSettings, progress: Progress,
              seconds: dict[str, float], found: Diagnostics) -> None:
    progress.output_finished(name, seconds[name])
    found.extend(produced.with_strictness(settings.strict))
    if found.errors:
        raise BuildFailed(found)


def _unchanged(root: Path, out: Path, inputs: str) -> BuildResult | None:
    """The last build's result when ``out`` holds what it made from ``inputs``; None when a build is needed."""
    if not (out / CACHE_FOLDER / RECORD).is_file():
        return None
    refuse_dangerous(out, root.resolve())
    with locked(out):
        sweep_leftovers(out)
        check_replaceable(out)
        found = unchanged_findings(out, inputs, root.resolve())
        if found is None:
            return None
        return BuildResult(found, _listing(out), unchanged=True)


def available_outputs() -> tuple[str, ...]:
    return tuple(name for name in OUTPUT_NAMES if name in BUILDERS)


def _listing(folder: Path) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((p.relative_to(folder).as_posix(), p.stat().st_size) for p in folder.rglob("*")
                        if p.is_file() and not p.relative_to(folder).parts[0].startswith(".coursekit")))
