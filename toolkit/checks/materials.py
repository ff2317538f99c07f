"""`materials:`: each `print:` item names something coursekit can print, and a picture that is there."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit.diagnostics import Diagnostic
from toolkit.materials import Material, course_materials, module_materials, resolved
from toolkit.model import Course

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings
    from toolkit.plain_language.analysis import ModuleAnalysis


def _problems(course: Course, materials: tuple[Material, ...]) -> list[Diagnostic]:
    return [problem for _, problems in resolved(course, materials) for problem in problems]


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """The problems with the printables the module's front matter names."""
    return list(_problems(course, module_materials(analysis.module)))


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """The problems with the printables `course.yml` names, then each module's."""
    yield from _problems(course, course_materials(course))
    for findings in modules:
        yield from findings.found["materials"]  # type: ignore[misc]
