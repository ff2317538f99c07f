"""Helpers shared by the deck tests: load a course and build its decks into a folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit import model as m
from toolkit.loader import load_project
from toolkit.slides import build_decks

from tests.conftest import FIXTURES, REPO

SAMPLE = REPO / "courses" / "leg-numbness-after-back-surgery"
SAMPLE_HOME = "https://example.org/courses/"  # the sample course's home page: the root of the site in mkdocs.yml
STRESS = FIXTURES / "slides-stress"
WHEN = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def load_course(root: Path, course_id: str | None = None) -> m.Course:
    """A course as the loader reads it (the content checks are tested elsewhere)."""
    project, found = load_project(root, course_ids=(course_id,) if course_id else ())
    assert not found.errors, found.format_text(root)
    return project.courses[0]


def sample_course() -> m.Course:
    if not (SAMPLE / "course.yml").is_file():
        pytest.skip("the sample course is not in courses/ yet")
    return load_course(REPO, SAMPLE.name)


def build(course: m.Course, out: Path, course_url: str | None = None) -> list[Path]:
    found = build_decks(course, out, source_date=WHEN, course_url=course_url)
    assert not found.errors and not found.warnings, found.format_text()
    return sorted(out.glob("*.pptx"))
