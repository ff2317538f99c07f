"""Structure: sections, quizzes, exercises and the course's red flags."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course, Exercise, Module, Quiz, walk_blocks

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings
    from toolkit.plain_language.analysis import ModuleAnalysis


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """The module's sections, quizzes and exercises."""
    return list(check_module(analysis.module))


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each module's findings, then whether any module has a red-flags block."""
    for findings in modules:
        yield from findings.found["structure"]  # type: ignore[misc]
    if modules and not any(findings.has_red_flags for findings in modules):
        yield rules.NO_RED_FLAGS.at(course.loc, f"no module of `{course.id}` has a `::: red-flags` block")


def check_module(module: Module) -> Iterator[Diagnostic]:
    if not module.sections:
        yield rules.NO_SECTION.at(module.loc, f"`{module.file_name}` has no `## heading`")
    for block in walk_blocks(tuple(module.blocks())):
        if isinstance(block, Quiz):
            yield from _check_quiz(block)
        elif isinstance(block, Exercise) and block.steps is None:
            yield rules.EXERCISE_NO_STEPS.at(block.loc, f"exercise `{block.title or '(untitled)'}` has no numbered steps")


def _check_quiz(quiz: Quiz) -> Iterator[Diagnostic]:
    if not quiz.question:
        yield rules.QUIZ_NO_QUESTION.at(quiz.loc, "the quiz has no question before its options")
    if len(quiz.options) < 2:
        yield rules.QUIZ_ONE_OPTION.at(quiz.loc, f"the quiz has {len(quiz.options)} option{'s' if len(quiz.options) != 1 else ''}")
    if quiz.options and not any(o.correct for o in quiz.options):
        yield rules.QUIZ_NO_ANSWER.at(quiz.loc, "no option is marked `- [x]`")
