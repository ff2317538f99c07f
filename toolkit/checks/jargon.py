"""Jargon: every listed medical term a module uses needs a glossary entry (CK410)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course
from toolkit.plain_language.analysis import ModuleAnalysis

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """The first use of each listed medical term the glossary does not define."""
    glossary = course.folder / "glossary.yml"
    found: list[object] = []
    for use in analysis.undefined_terms:
        written = " ".join(use.match.text.split())
        found.append(rules.JARGON_UNDEFINED.at(
            use.loc,
            f"“{written}” is a medical term with no entry in `glossary.yml`",
            f"Add `{use.match.term}: <a plain-language definition>` to `{glossary.parent.name}/glossary.yml` "
            f"(other forms, such as plurals, go under `also:`), or say it in everyday words.",
        ))
    return found


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each module's findings."""
    for findings in modules:
        yield from findings.found["jargon"]  # type: ignore[misc]
