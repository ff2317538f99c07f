"""Reading grade and sentence length of each module's learner text (CK401-CK405)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course
from toolkit.plain_language.analysis import ModuleAnalysis, average
from toolkit.plain_language.readability import Readability
from toolkit.schema import CheckSettings

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """The module's reading grade and sentence lengths."""
    settings = course.meta.checks
    return [*_grade(analysis, settings), *_sentences(analysis, settings)]


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each module's findings, then the course's average grade (as `CourseAnalysis` averages it)."""
    settings = course.meta.checks
    for findings in modules:
        yield from findings.found["readability"]  # type: ignore[misc]
    graded = [f for f in modules if f.grades is not None]
    average_fk = average([f.grades[0] for f in graded])  # type: ignore[index]
    average_smog = average([f.grades[1] for f in graded])  # type: ignore[index]
    average_grade = max(average_fk, average_smog)
    if graded and average_grade > settings.course_grade_warning:
        worst = sorted(graded, key=lambda f: (-f.grades[2], f.number))[:3]  # type: ignore[index]
        names = ", ".join(f"`{f.file_name}` ({f.grades[2]:.1f})" for f in worst)  # type: ignore[index]
        yield rules.COURSE_GRADE_ABOVE_TARGET.at(
            course.loc,
            f"the course's average reading grade is {average_grade:.1f} (Flesch-Kincaid "
            f"{average_fk:.1f}, SMOG {average_smog:.1f}), above {settings.course_grade_warning:g}; "
            f"highest: {names}",
        )


def describe(readability: Readability, limit: float) -> str:
    """The grades, the hardest sentences and the longest words, for the author to rewrite."""
    ranked = readability.hardest_sentences(3)
    hardest = [s for s in ranked if s.difficulty > limit] or ranked[:1]
    parts = [
        f"reading grade {readability.grade:.1f} (Flesch-Kincaid {readability.flesch_kincaid:.1f}, "
        f"SMOG {readability.smog:.1f}) is above {limit:g}",
    ]
    if hardest:
        parts.append(("hardest sentence: " if len(hardest) == 1 else "hardest sentences: ") + "; ".join(
            f"line {s.line}: “{_short(s.text)}” (grade {s.difficulty:.1f})" for s in hardest))
    words = readability.longest_words(5)
    if words:
        parts.append("longest words: " + ", ".join(f"{w} ({n} syllables)" for w, n in words))
    return "; ".join(parts)


def _grade(analysis: ModuleAnalysis, settings: CheckSettings) -> Iterator[Diagnostic]:
    readability = analysis.readability
    if not readability.sentences:
        return
    grade = readability.grade
    if grade > settings.reading_grade_error:
        rule, limit = rules.READING_GRADE_HIGH, settings.reading_grade_error
    elif grade > settings.reading_grade_warning:
        rule, limit = rules.READING_GRADE_ABOVE_TARGET, settings.reading_grade_warning
    else:
        return
    hardest = readability.hardest_sentences(1)[0]
    loc = hardest.unit.loc.at(hardest.line) if hardest.line else analysis.module.loc
    yield rule.at(loc, describe(readability, limit))


def _sentences(analysis: ModuleAnalysis, settings: CheckSettings) -> Iterator[Diagnostic]:
    readability = analysis.readability
    for sentence in readability.sentences:
        if sentence.word_count > settings.sentence_words_warning:
            loc = sentence.unit.loc.at(sentence.line) if sentence.line else sentence.unit.loc
            yield rules.SENTENCE_TOO_LONG.at(
                loc, f"a sentence of {sentence.word_count} words (the limit is {settings.sentence_words_warning}): "
                     f"“{_short(sentence.text)}”")
    if readability.sentences and readability.average_sentence_words > settings.average_sentence_words_warning:
        yield rules.SENTENCES_LONG_ON_AVERAGE.at(
            analysis.module.loc,
            f"sentences in `{analysis.module.file_name}` average {readability.average_sentence_words:g} words "
            f"(the limit is {settings.average_sentence_words_warning:g})")


def _short(text: str, limit: int = 160) -> str:
    """The sentence as written, cut at a word boundary when very long."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"
