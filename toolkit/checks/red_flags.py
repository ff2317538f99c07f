"""Red-flag coverage: each warning sign `course.yml` requires must be in some red-flags block (CK510)."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit import rules
from toolkit.diagnostics import ContentError, Diagnostic
from toolkit.model import Course, Project
from toolkit.plain_language.analysis import analyse
from toolkit.source import SourceLoc
from toolkit.yamlsafe import load_yaml_file


def check_course(course: Course, project: Project) -> Iterator[Diagnostic]:
    uncovered = [c for c in analyse(course).red_flags if not c.covered_by]
    if not uncovered:
        return
    locate = _sign_locator(course)
    for coverage in uncovered:
        phrases = ", ".join(f"“{p}”" for p in course.meta.red_flags[coverage.index].phrases)
        yield rules.RED_FLAG_NOT_COVERED.at(
            locate(coverage.index),
            f"the warning sign “{coverage.sign}” is in no `red-flags` block (looked for {phrases})")


def _sign_locator(course: Course):  # type: ignore[no-untyped-def]
    """Where each `red_flags:` entry's `sign:` stands in `course.yml` (the model keeps only top-level lines)."""
    fallback = course.field_loc("red_flags")
    try:
        located = load_yaml_file(course.folder / "course.yml", course.loc.path)
    except (ContentError, OSError):
        return lambda index: fallback

    def locate(index: int) -> SourceLoc:
        return located.key_loc(("red_flags", index, "sign"))

    return locate
