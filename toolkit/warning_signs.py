"""The warning signs a page shows: a module's own red-flags blocks, or the course's, with each tier's words."""

from __future__ import annotations

from toolkit import model as m
from toolkit.schema import URGENCY_TIERS, UrgencyTier, UrgencyWords


def urgency_words(course: m.Course) -> dict[UrgencyTier, UrgencyWords]:
    """Each tier the course gives words to, most urgent first."""
    return {tier: words for tier in URGENCY_TIERS if (words := course.urgency(tier)) is not None}


def _red_flags(blocks: tuple[m.Block, ...], output: m.Output) -> list[m.RedFlags]:
    found: list[m.RedFlags] = []
    for block in blocks:
        if isinstance(block, m.RedFlags):
            found.append(block)
        elif isinstance(block, m.Only) and output in block.outputs:
            found.extend(_red_flags(block.blocks, output))
    return found


def module_red_flags(module: m.Module, output: m.Output = "handout") -> tuple[m.RedFlags, ...]:
    """The module's own top-level red-flags blocks that ``output`` shows."""
    found: list[m.RedFlags] = _red_flags(module.intro, output)
    for section in module.sections:
        found.extend(_red_flags(section.blocks, output))
    return tuple(found)


def course_red_flags(course: m.Course, output: m.Output = "handout") -> tuple[tuple[m.RedFlags, ...], m.Module | None]:
    """The first module with red-flags blocks: its first block of each tier, and the module, for pages that have none."""
    for module in course.modules:
        found = module_red_flags(module, output)
        if found:
            firsts: dict[UrgencyTier, m.RedFlags] = {}
            for block in found:
                firsts.setdefault(block.tier, block)
            return tuple(firsts.values()), module
    return (), None
