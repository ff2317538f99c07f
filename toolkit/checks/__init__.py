"""Checks over the loaded model; each yields located diagnostics and never stops the run.

Each check is in two parts, so modules can be checked in separate processes:
``module_findings`` looks at one module and returns plain data (diagnostics, and
requests the course must settle, such as a link to resolve), and
``course_findings`` turns every module's findings, in course order, into the
check's diagnostics, adding those about the course as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from toolkit.diagnostics import Diagnostic, Diagnostics
from toolkit.model import Course, Project, RedFlags, walk_blocks
from toolkit.schema import UrgencyTier
from toolkit.plain_language.analysis import ModuleAnalysis, analyse

from toolkit.checks import (governance, jargon, labels, links, materials, media, pemat, placeholders, readability,
                            red_flags, structure)


@dataclass(frozen=True)
class ModuleFindings:
    """What the checks found in one module, and the little the course-wide checks need from it: plain data."""

    module_id: str
    file_name: str
    anchors: tuple[str, ...]               # its sections' and headings' anchors, for links into it
    has_red_flags: bool                    # a `red-flags` block anywhere in it
    red_flag_texts: tuple[tuple[UrgencyTier, str], ...]  # each red-flags block's tier and text, normalised
    grades: tuple[float, float, float] | None  # Flesch-Kincaid, SMOG, grade; None without sentences
    number: int
    found: dict[str, list[object]]         # each check's findings, by check name


ModuleCheck = Callable[[Course, ModuleAnalysis], list[object]]
CourseCheck = Callable[[Course, Sequence[ModuleFindings]], Iterable[Diagnostic]]

# Every check, in the order its diagnostics are reported.
CHECKS: dict[str, tuple[ModuleCheck, CourseCheck]] = {
    "structure": (structure.module_findings, structure.course_findings),
    "placeholders": (placeholders.module_findings, placeholders.course_findings),
    "media": (media.module_findings, media.course_findings),
    "materials": (materials.module_findings, materials.course_findings),
    "links": (links.module_findings, links.course_findings),
    "readability": (readability.module_findings, readability.course_findings),
    "jargon": (jargon.module_findings, jargon.course_findings),
    "pemat": (pemat.module_findings, pemat.course_findings),
    "governance": (governance.module_findings, governance.course_findings),
    "red_flags": (red_flags.module_findings, red_flags.course_findings),
    "labels": (labels.module_findings, labels.course_findings),
}


def check_project(project: Project) -> Diagnostics:
    """Every check over every course."""
    found = Diagnostics()
    for course in project.courses:
        modules = [module_findings(course, analysis) for analysis in analyse(course).modules]
        found.extend(course_findings(course, modules))
    return found


def module_findings(course: Course, analysis: ModuleAnalysis) -> ModuleFindings:
    """Every check's findings in one module of ``course`` (whose own ``modules`` need not be loaded)."""
    module = analysis.module
    readable = analysis.readability
    grades = (readable.flesch_kincaid, readable.smog, readable.grade) if readable.sentences else None
    return ModuleFindings(
        module.id, module.file_name, module.anchors(),
        any(isinstance(b, RedFlags) for b in walk_blocks(tuple(module.blocks()))), analysis.red_flag_texts,
        grades, module.number, {name: check(course, analysis) for name, (check, _) in CHECKS.items()},
    )


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> list[Diagnostic]:
    """Every check's diagnostics for ``course``, from its modules' findings in course order."""
    return [d for _, finish in CHECKS.values() for d in finish(course, modules)]
