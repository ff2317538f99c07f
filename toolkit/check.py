"""`coursekit check`: load every course, run every check, and judge the result."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit.checks import check_project
from toolkit.diagnostics import Diagnostics
from toolkit.limits import Limits
from toolkit.loader import load_project
from toolkit.model import Project


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
