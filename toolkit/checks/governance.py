"""Governance: who signed the course off, when it is next reviewed, and where each module's facts come from (CK501-CK506)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import governance, rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings
    from toolkit.plain_language.analysis import ModuleAnalysis


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """Whether the module lists its sources."""
    module = analysis.module
    if not module.meta.sources:
        return [rules.NO_SOURCES.at(module.field_loc("sources"), f"`{module.file_name}` lists no sources")]
    return []


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """The course's sign-off and review dates, then each module's findings."""
    meta = course.meta
    for name, what in governance.missing_fields(meta):
        if name in course.field_locs:
            continue  # written but not valid: CK1xx already says so
        yield rules.GOVERNANCE_FIELD_MISSING.at(course.loc, f"`course.yml` has no `{name}:` ({what})")
    today = governance.today()
    if meta.reviewed is not None and meta.reviewed > today:
        yield rules.REVIEWED_IN_FUTURE.at(course.field_loc("reviewed"), f"`reviewed: {meta.reviewed.isoformat()}` is after today ({today.isoformat()})")
    if meta.reviewed is not None and meta.next_review is not None and meta.next_review <= meta.reviewed:
        yield rules.REVIEW_DATES_ORDER.at(course.field_loc("next_review"),
                                          f"`next_review: {meta.next_review.isoformat()}` is not after `reviewed: {meta.reviewed.isoformat()}`")
    status = governance.review_status(meta, today, meta.checks.review_warning_days)
    if status.state == "overdue":
        yield rules.REVIEW_OVERDUE.at(course.field_loc("next_review"),
                                      f"the review was due on {meta.next_review.isoformat()}, {-status.days_left} days ago")  # type: ignore[union-attr,operator]
    elif status.state == "due-soon":
        yield rules.REVIEW_DUE_SOON.at(course.field_loc("next_review"),
                                       f"the review is due on {meta.next_review.isoformat()}, in {status.days_left} days")  # type: ignore[union-attr]
    for findings in modules:
        yield from findings.found["governance"]  # type: ignore[misc]
