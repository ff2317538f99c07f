"""Checks over the loaded model; each yields located diagnostics and never stops the run."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from toolkit.diagnostics import Diagnostic, Diagnostics
from toolkit.model import Course, Project

from toolkit.checks import governance, jargon, links, media, pemat, readability, red_flags, structure

CourseCheck = Callable[[Course, Project], Iterable[Diagnostic]]

COURSE_CHECKS: list[CourseCheck] = [
    structure.check_course, media.check_course, links.check_course,
    readability.check_course, jargon.check_course, pemat.check_course, governance.check_course, red_flags.check_course,
]


def check_project(project: Project) -> Diagnostics:
    """Every course check over every course."""
    found = Diagnostics()
    for course in project.courses:
        for check in COURSE_CHECKS:
            found.extend(check(course, project))
    return found
