"""Who stands behind a course and when it is next reviewed: pure functions shared by check and report."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from toolkit.schema import CourseMeta

#: Fields of `course.yml` a clinical sign-off needs, with how to name them to an author.
REQUIRED_FIELDS: tuple[tuple[str, str], ...] = (
    ("version", "the course version"),
    ("reviewer", "the clinical reviewer"),
    ("reviewed", "the date it was reviewed"),
    ("next_review", "the date of the next review"),
    ("disclaimer", "the disclaimer"),
    ("contact", "the clinic's contact details"),
    ("emergency", "the emergency line"),
)


def today() -> dt.date:
    """The date reviews are judged against: today, or ``COURSEKIT_TODAY`` (YYYY-MM-DD) when set.

    ``SOURCE_DATE_EPOCH`` is deliberately not used: it fixes the date stamped on
    outputs, and an old one must never hide an overdue review.
    """
    fixed = os.environ.get("COURSEKIT_TODAY", "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    return dt.date.today()


def missing_fields(meta: CourseMeta) -> list[tuple[str, str]]:
    """The required governance fields that `course.yml` leaves out, as (field, description)."""
    return [(name, what) for name, what in REQUIRED_FIELDS if getattr(meta, name) is None]


ReviewState = Literal["current", "due-soon", "overdue", "unknown"]


@dataclass(frozen=True)
class ReviewStatus:
    state: ReviewState
    next_review: dt.date | None
    days_left: int | None

    @property
    def label(self) -> str:
        if self.next_review is None or self.days_left is None:
            return "no review date"
        if self.state == "overdue":
            return f"overdue since {self.next_review.isoformat()}"
        if self.state == "due-soon":
            return f"due {self.next_review.isoformat()} (in {self.days_left} days)"
        return f"current until {self.next_review.isoformat()}"


def review_status(meta: CourseMeta, on: dt.date, warning_days: int) -> ReviewStatus:
    """Whether the course's review is current, due within ``warning_days``, or overdue, ``on`` a date."""
    if meta.next_review is None:
        return ReviewStatus("unknown", None, None)
    days = (meta.next_review - on).days
    if days < 0:
        return ReviewStatus("overdue", meta.next_review, days)
    if days <= warning_days:
        return ReviewStatus("due-soon", meta.next_review, days)
    return ReviewStatus("current", meta.next_review, days)
