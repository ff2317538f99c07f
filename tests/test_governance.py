"""Governance: sign-off fields, review dates and sources, each at the line to fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import COURSE_YML, FIXTURES, ProjectFactory
from toolkit import governance
from toolkit.check import run_check
from toolkit.loader import load_project

C = "courses/numb-legs/course.yml"


def found(root: Path) -> list[tuple[str, str, int]]:
    return [(d.code, d.loc.path.as_posix(), d.loc.line) for d in run_check(root).diagnostics.sorted()]


def test_an_expired_review_is_an_error_at_the_next_review_line() -> None:
    diagnostics = list(run_check(FIXTURES / "review-expired").diagnostics)
    assert [(d.code, d.loc.path.as_posix(), d.loc.line, d.severity.value) for d in diagnostics] == [
        ("CK502", C, 8, "error")]
    assert diagnostics[0].message == "the review was due on 2020-06-01, 2364 days ago"


def test_missing_governance_fields_are_errors_on_line_1() -> None:
    diagnostics = run_check(FIXTURES / "governance-missing").diagnostics.sorted()
    assert [(d.code, d.loc.path.as_posix(), d.loc.line) for d in diagnostics] == [
        ("CK501", C, 1)] * 5 + [("CK506", "courses/numb-legs/modules/01-why-your-leg-feels-numb.md", 1)]
    assert [d.message for d in diagnostics if d.code == "CK501"] == [
        "`course.yml` has no `version:` (the course version)",
        "`course.yml` has no `reviewer:` (the clinical reviewer)",
        "`course.yml` has no `reviewed:` (the date it was reviewed)",
        "`course.yml` has no `disclaimer:` (the disclaimer)",
        "`course.yml` has no `emergency:` (the emergency line)",
    ]


@pytest.mark.parametrize(("today", "expected"), [
    ("2027-08-31", []),                                        # 62 days to go
    ("2027-09-02", [("CK503", "courses/small/course.yml", 9)]),  # 60 days to go: a warning
    ("2027-11-01", [("CK503", "courses/small/course.yml", 9)]),  # due today
    ("2027-11-02", [("CK502", "courses/small/course.yml", 9)]),  # a day late: an error
])
def test_review_due_soon_then_overdue(today: str, expected: list[tuple[str, str, int]], make_project: ProjectFactory,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSEKIT_TODAY", today)
    assert found(make_project()) == expected


def test_the_warning_window_is_a_setting(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSEKIT_TODAY", "2027-08-31")
    root = make_project(course_yml=COURSE_YML + "checks:\n  review_warning_days: 90\n")
    assert found(root) == [("CK503", "courses/small/course.yml", 9)]


def test_review_dates_in_the_wrong_order(make_project: ProjectFactory) -> None:
    future = make_project(course_yml=COURSE_YML.replace("reviewed: 2026-11-01", "reviewed: 2026-12-01"))
    assert found(future) == [("CK504", "courses/small/course.yml", 8)]
    backwards = make_project(course_yml=COURSE_YML.replace("next_review: 2027-11-01", "next_review: 2026-10-01"))
    assert ("CK505", "courses/small/course.yml", 9) in found(backwards)


def test_a_field_given_but_invalid_is_reported_once(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML.replace("next_review: 2027-11-01", "next_review: 2027-02-30"))
    codes = [code for code, _, _ in found(root)]
    assert "CK103" in codes and "CK501" not in codes


def test_a_module_without_sources(make_project: ProjectFactory) -> None:
    from tests.conftest import MODULE

    text = MODULE.replace('sources:\n  - title: "Low back pain and sciatica in over 16s: assessment and management (NG59)"\n'
                          "    publisher: NICE\n    year: 2016\n", "sources: []\n")
    root = make_project(modules={"01-keep-moving.md": text})
    assert found(root) == [("CK506", "courses/small/modules/01-keep-moving.md", 9)]  # the `sources:` line


def test_review_status_labels(make_project: ProjectFactory) -> None:
    project, _ = load_project(make_project())
    meta = project.courses[0].meta
    assert governance.review_status(meta, dt.date(2026, 11, 21), 60).label == "current until 2027-11-01"
    assert governance.review_status(meta, dt.date(2027, 10, 2), 60).label == "due 2027-11-01 (in 30 days)"
    assert governance.review_status(meta, dt.date(2027, 11, 2), 60).label == "overdue since 2027-11-01"


def test_today_is_the_real_date_unless_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COURSEKIT_TODAY")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the output date never hides an overdue review
    assert governance.today() == dt.date.today()
    monkeypatch.setenv("COURSEKIT_TODAY", "2030-01-02")
    assert governance.today() == dt.date(2030, 1, 2)


def test_a_new_project_is_never_born_overdue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`coursekit new` dates the starter review from today, so the scaffold passes `check --strict` in any year."""
    from toolkit.scaffold import new_project

    monkeypatch.setenv("COURSEKIT_TODAY", "2031-05-05")
    root = new_project(tmp_path / "clinic")
    text = (root / "courses/first-course/course.yml").read_text()
    assert "reviewed: 2031-05-05\n" in text and "next_review: 2032-05-05\n" in text
    assert [d.format() for d in run_check(root, strict=True).diagnostics] == []
