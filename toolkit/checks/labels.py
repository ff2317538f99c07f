"""Labels: a course not written in English should give the words coursekit adds in its own language (CK507)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.labels import Labels
from toolkit.model import Course

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings
    from toolkit.plain_language.analysis import ModuleAnalysis

# How many of the keys still to set the hint names; the format reference lists them all.
HINT_KEYS = 8


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """Nothing: labels belong to the course."""
    return []


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """One warning, at `language:`, when a course in another language leaves labels unset."""
    language = course.meta.language
    if language.split("-", 1)[0].lower() == "en":
        return
    missing = course.labels.untranslated()
    if not missing:
        return
    total = len(Labels.model_fields)
    shown = ", ".join(f"`{key}`" for key in missing[:HINT_KEYS])
    more = f" and {len(missing) - HINT_KEYS} more" if len(missing) > HINT_KEYS else ""
    yield rules.LABELS_IN_ENGLISH.at(
        course.field_loc("language"),
        f"`language: {language}`, but {len(missing)} of the {total} words coursekit adds are still in English",
        f"Set them under `labels:` in `course.yml`: {shown}{more}. docs/format.md (`labels`) lists every key "
        "with its English words.")
