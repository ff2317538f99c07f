"""Checks over the loaded model; each yields located diagnostics and never stops the run."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from toolkit.diagnostics import Diagnostic, Diagnostics
from toolkit.model import Course, Project

from toolkit.checks import links, media, structure

CourseCheck = Callable[[Course, Project], Iterable[Diagnostic]]

COURSE_CHECKS: list[CourseCheck] = [structure.check_course, media.check_course, links.check_course]


def check_project(project: Project) -> Diagnostics:
    """Every course check over every course."""
    found = Diagnostics()
    for course in project.courses:
        for check in COURSE_CHECKS:
            found.extend(check(course, project))
    return found
