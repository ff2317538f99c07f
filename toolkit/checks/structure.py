"""Structure: sections, quizzes, exercises and the course's red flags."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import (Break, Code, Course, Exercise, Inline, ListBlock, Module, Paragraph, Quiz, Text,
                           walk_blocks)
from toolkit.source import SourceLoc

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


# A line that looks like a quiz option but is not read as one: `-[x] ...`, `[x] ...`, `- [x]...`.
_OPTION_LOOKALIKE = re.compile(r"^\s*(?:[-*+]\s*)?\[([ xX])\]")


def _check_quiz(quiz: Quiz) -> Iterator[Diagnostic]:
    if not quiz.question:
        yield rules.QUIZ_NO_QUESTION.at(quiz.loc, "the quiz has no question before its options")
    lookalikes = list(_option_lookalikes(quiz))
    for loc, line, marked in lookalikes:
        words = _OPTION_LOOKALIKE.sub("", line, count=1).strip()
        yield rules.QUIZ_OPTION_MALFORMED.at(loc, f"`{line.strip()}` is not read as an option",
                                             f"Write `- [{'x' if marked else ' '}] {words}`: a dash, a space, the box, a space.")
    if len(quiz.options) < 2:
        yield rules.QUIZ_ONE_OPTION.at(quiz.loc, f"the quiz has {len(quiz.options)} option{'s' if len(quiz.options) != 1 else ''}")
    marked_lookalike = any(marked for _, _, marked in lookalikes)
    if quiz.options and not any(o.correct for o in quiz.options) and not marked_lookalike:
        yield rules.QUIZ_NO_ANSWER.at(quiz.loc, "no option is marked `- [x]`")


def _option_lookalikes(quiz: Quiz) -> Iterator[tuple[SourceLoc, str, bool]]:
    """Each line of the quiz's text that starts like an option but is not one: where, what, and whether marked."""
    runs = [quiz.question, *(option.inlines for option in quiz.options)]
    for block in walk_blocks(quiz.explanation):
        if isinstance(block, Paragraph):
            runs.append(block.inlines)
        elif isinstance(block, ListBlock):  # `- [x]Every`: a list item, but not an option
            runs.extend(item.blocks[0].inlines for item in block.items
                        if item.blocks and isinstance(item.blocks[0], Paragraph))
    for run in runs:
        for loc, line in _lines(run):
            match = _OPTION_LOOKALIKE.match(line)
            if match:
                yield loc, line, match[1] in "xX"


def _lines(run: tuple[Inline, ...]) -> Iterator[tuple[SourceLoc, str]]:
    """The source lines of an inline run, as text, each with where it starts."""
    loc: SourceLoc | None = None
    words: list[str] = []
    for inline in run:
        if isinstance(inline, Break):
            if loc is not None:
                yield loc, "".join(words)
            loc, words = None, []
            continue
        if loc is None:
            loc = inline.loc
        if isinstance(inline, (Text, Code)):
            words.append(inline.text)
        else:  # a link or emphasis: not the start of an option
            words.append("\x00")
    if loc is not None:
        yield loc, "".join(words)
