"""One date for every output, so the same source gives the same bytes."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.model import Course

# ZIP files (decks) cannot hold an earlier date, so no output is dated before it.
EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
FALLBACK = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def source_date(courses: Iterable[Course], environ: Mapping[str, str] | None = None) -> dt.datetime:
    """`SOURCE_DATE_EPOCH` when set, else the latest review date of the courses, else a fixed date."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return max(dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc), EARLIEST)
    reviewed = [c.meta.reviewed for c in courses if c.meta.reviewed]
    if reviewed:
        return max(dt.datetime.combine(max(reviewed), dt.time(), tzinfo=dt.timezone.utc), EARLIEST)
    return FALLBACK
