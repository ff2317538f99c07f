"""Jargon: every listed medical term a module uses needs a glossary entry (CK410)."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course, Project
from toolkit.plain_language.analysis import analyse


def check_course(course: Course, project: Project) -> Iterator[Diagnostic]:
    glossary = course.folder / "glossary.yml"
    for analysis in analyse(course).modules:
        for use in analysis.undefined_terms:
            written = " ".join(use.match.text.split())
            yield rules.JARGON_UNDEFINED.at(
                use.loc,
                f"“{written}” is a medical term with no entry in `glossary.yml`",
                f"Add `{use.match.term}: <a plain-language definition>` to `{glossary.parent.name}/glossary.yml` "
                f"(other forms, such as plurals, go under `also:`), or say it in everyday words.",
            )
