"""Jargon: every medical term a module uses needs a glossary entry (CK410), and so does every word that is
rare in everyday language (CK411), whatever the topic."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course
from toolkit.plain_language.analysis import ModuleAnalysis
from toolkit.plain_language.rare_words import course_rare_words, rare_word_uses
from toolkit.plain_language.terms import course_matcher
from toolkit.plain_language.word_frequencies import wordfreq_language

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """The first use of each medical term the glossary does not define, then of each unexplained rare word."""
    glossary = f"{course.folder.name}/glossary.yml"
    found: list[object] = []
    for use in analysis.undefined_terms:
        written = " ".join(use.match.text.split())
        found.append(rules.JARGON_UNDEFINED.at(
            use.loc,
            f"“{written}” is a medical term with no entry in `glossary.yml`",
            f"Add `{use.match.term}: <a plain-language definition>` to `{glossary}` "
            f"(other forms, such as plurals, go under `also:`), or say it in everyday words.",
        ))
    code = wordfreq_language(course.meta.language)
    if code is None:
        return found
    checks = course.meta.checks
    judge = course_rare_words(code, course.glossary, checks.allowed_words)
    for rare in rare_word_uses(analysis.units, course_matcher(course.glossary, checks.medical_words), judge):
        found.append(rules.RARE_WORD_UNEXPLAINED.at(
            rare.loc,
            f"“{rare.word}” is not an everyday word and has no entry in `glossary.yml`",
            f"Add `{rare.word}: <a plain-language definition>` "
            f"(or the term it is part of) to `{glossary}`, or say it in everyday words; if your readers know it, "
            f"such as a place or a brand, add it to `checks: allowed_words` in `course.yml`.",
        ))
    return found


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Once, if the course's language has no word frequencies; then each module's findings."""
    if modules and wordfreq_language(course.meta.language) is None:
        yield rules.RARE_WORDS_UNCHECKED.at(
            course.field_loc("language"),
            f"coursekit has no word frequencies for `language: {course.meta.language}`, so rare words "
            f"(CK411) are not checked in this course",
        )
    for findings in modules:
        yield from findings.found["jargon"]  # type: ignore[misc]
