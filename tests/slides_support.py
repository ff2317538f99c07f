"""Helpers shared by the deck tests: load a course and build its decks into a folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit import model as m
from toolkit.loader import load_project
from toolkit.slides import build_decks

from tests.conftest import FIXTURES, REPO

SITE = "https://example.org/courses/"  # the root of the site in the repository's mkdocs.yml
STRESS = FIXTURES / "slides-stress"
WHEN = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def load_course(root: Path, course_id: str | None = None) -> m.Course:
    """A course as the loader reads it (the content checks are tested elsewhere)."""
    project, found = load_project(root, course_ids=(course_id,) if course_id else ())
    assert not found.errors, found.format_text(root)
    return project.courses[0]


def sample_folder(course_id: str) -> Path:
    """The folder of the sample course `course_id` in courses/."""
    return REPO / "courses" / course_id


def sample_course(course_id: str) -> m.Course:
    """The sample course `course_id` in courses/ (one of conftest's SAMPLE_COURSES)."""
    if not (sample_folder(course_id) / "course.yml").is_file():
        pytest.skip(f"the sample course {course_id} is not in courses/")
    return load_course(REPO, course_id)


def course_home(course: m.Course) -> str:
    """The course's home page in a site of several courses under SITE."""
    return f"{SITE}{course.id}/"


def build(course: m.Course, out: Path, course_url: str | None = None) -> list[Path]:
    found = build_decks(course, out, source_date=WHEN, course_url=course_url)
    assert not found.errors and not found.warnings, found.format_text()
    return sorted(out.glob("*.pptx"))
