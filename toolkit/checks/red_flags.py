"""Red-flag coverage: each warning sign `course.yml` requires must be in some red-flags block (CK510)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import ContentError, Diagnostic
from toolkit.model import Course
from toolkit.plain_language.analysis import ModuleAnalysis, red_flag_coverage
from toolkit.source import SourceLoc
from toolkit.yamlsafe import load_yaml_file

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """Nothing: a module's red-flags text is in its ModuleFindings."""
    return []


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each warning sign `course.yml` requires that no module's red-flags blocks mention."""
    coverage = red_flag_coverage(course.meta.red_flags, [(f.module_id, f.red_flag_text) for f in modules])
    uncovered = [c for c in coverage if not c.covered_by]
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
