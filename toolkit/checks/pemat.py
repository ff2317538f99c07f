"""Plain-language structure after AHRQ's PEMAT for print (CK420-CK424)."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course, Project
from toolkit.plain_language.analysis import analyse


def check_course(course: Course, project: Project) -> Iterator[Diagnostic]:
    limit = course.meta.checks.summary_max_words
    for analysis in analyse(course).modules:
        module = analysis.module
        items = {item.key: item for item in analysis.pemat.items}
        if not items["summary"].passed:
            yield rules.SUMMARY_TOO_LONG.at(items["summary"].loc, f"{items['summary'].detail}; keep it to {limit} or fewer")
        for unit in analysis.pemat.generic_headings:
            yield rules.HEADING_NOT_INFORMATIVE.at(unit.loc, f"the heading `{' '.join(unit.text.split())}` does not say what the section is about")
        if not items["lists"].passed:
            yield rules.NO_LIST.at(module.loc, f"`{module.file_name}` has no bulleted or numbered list")
        if not items["you"].passed:
            yield rules.NOT_ADDRESSED_TO_READER.at(module.loc, f"`{module.file_name}` never says “you” or “your”")
        if not items["action"].passed:
            yield rules.NO_ACTION.at(module.loc, f"`{module.file_name}` has no exercise and no instruction for the reader")
