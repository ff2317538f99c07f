"""One date for every output, so the same source gives the same bytes."""

from __future__ import annotations

import datetime as dt
import os

from toolkit.model import Project

FALLBACK = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def source_date(project: Project) -> dt.datetime:
    """`SOURCE_DATE_EPOCH` when set, else the latest review date of the courses, else a fixed date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    reviewed = [c.meta.reviewed for c in project.courses if c.meta.reviewed]
    if reviewed:
        return dt.datetime.combine(max(reviewed), dt.time(), tzinfo=dt.timezone.utc)
    return FALLBACK
