"""Placeholders: sentences `coursekit new module` wrote that the author has not replaced yet (CK225)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.model import Course, Notes, walk_blocks
from toolkit.module_template import placeholder_in
from toolkit.plain_language.text import blocks_units

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings
    from toolkit.plain_language.analysis import ModuleAnalysis


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """A warning at each placeholder left in the module's text, its sources and its speaker notes."""
    module = analysis.module
    notes = [unit for block in walk_blocks(tuple(module.blocks())) if isinstance(block, Notes)
             for unit in blocks_units(block.blocks)]
    texts = [(unit.text, unit.loc) for unit in (*analysis.units, *notes)]
    texts += [(text, module.field_loc("sources")) for source in module.sources
              for text in (source.title, source.publisher or "")]
    found: list[object] = []
    for text, loc in sorted(texts, key=lambda pair: (pair[1].line, pair[1].column)):
        placeholder = placeholder_in(text)
        if placeholder is not None:
            found.append(rules.PLACEHOLDER_TEXT.at(loc, f"“{placeholder}” is a placeholder from `coursekit new module`"))
    return found


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each module's placeholders, in course order."""
    for findings in modules:
        yield from findings.found["placeholders"]  # type: ignore[misc]
