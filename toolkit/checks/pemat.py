"""Plain-language structure after AHRQ's PEMAT for print (CK420-CK424)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course
from toolkit.plain_language.analysis import ModuleAnalysis

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """The PEMAT-style items the module fails."""
    return list(_failed_items(analysis, course.meta.checks.summary_max_words))


def _failed_items(analysis: ModuleAnalysis, limit: int) -> Iterator[Diagnostic]:
    """One diagnostic per failed item (and per generic heading)."""
    module = analysis.module
    items = {item.key: item for item in analysis.pemat.items}
    if not items["summary"].passed:
        yield rules.SUMMARY_TOO_LONG.at(items["summary"].loc, f"{items['summary'].detail}; keep it to {limit} or fewer")
    for unit in analysis.pemat.generic_headings:
        yield rules.HEADING_NOT_INFORMATIVE.at(unit.loc, f"the heading `{' '.join(unit.text.split())}` does not say what the section is about")
    if not items["lists"].passed:
        yield rules.NO_LIST.at(module.loc, f"`{module.file_name}` has no bulleted or numbered list")
    if not items["you"].passed:
        yield rules.NOT_ADDRESSED_TO_READER.at(module.loc, f"`{module.file_name}` never says “you” or “your”")
    if not items["action"].passed:
        yield rules.NO_ACTION.at(module.loc, f"`{module.file_name}` has no exercise and no instruction for the reader")


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each module's findings."""
    for findings in modules:
        yield from findings.found["pemat"]  # type: ignore[misc]
