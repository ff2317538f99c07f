"""Red flags: each block's tier has the course's words (CK513), and each required sign is in a block of its tier (CK510, CK514)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from toolkit import rules
from toolkit.diagnostics import ContentError, Diagnostic
from toolkit.model import Course
from toolkit.plain_language.analysis import ModuleAnalysis, red_flag_blocks, red_flag_coverage
from toolkit.source import SourceLoc
from toolkit.yamlsafe import load_yaml_file

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """Each red-flags block whose tier `course.yml` gives no words (its text is in the ModuleFindings)."""
    return [rules.RED_FLAGS_TIER_UNWORDED.at(block.loc, f"`::: red-flags {block.tier}` has no `urgency: {block.tier}:` in `course.yml`")
            for block in red_flag_blocks(analysis.module)
            if block.named_tier is not None and course.urgency(block.tier) is None]


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each module's blocks without words, then each required sign no block (of its tier) mentions."""
    for findings in modules:
        yield from findings.found["red_flags"]  # type: ignore[misc]
    coverage = red_flag_coverage(course.meta.red_flags, [(f.module_id, f.red_flag_texts) for f in modules])
    missing = [c for c in coverage if not c.in_tier]
    if not missing:
        return
    locate = _sign_locator(course)
    for sign in missing:
        if sign.covered_by:
            yield rules.RED_FLAG_WRONG_TIER.at(
                locate(sign.index),
                f"the warning sign “{sign.sign}” has `tier: {sign.tier}`, but only blocks of another tier mention it "
                f"(in {', '.join(sign.covered_by)})")
            continue
        phrases = ", ".join(f"“{p}”" for p in course.meta.red_flags[sign.index].phrases)
        yield rules.RED_FLAG_NOT_COVERED.at(
            locate(sign.index),
            f"the warning sign “{sign.sign}” is in no `red-flags` block (looked for {phrases})")


def _sign_locator(course: Course):  # type: ignore[no-untyped-def]
    """Where each `red_flags:` entry's `sign:` stands in `course.yml` (the model keeps only top-level lines)."""
    fallback = course.field_loc("red_flags")
    try:
        located = load_yaml_file(course.folder / "course.yml", course.loc.path)
    except (ContentError, OSError):
        return lambda index: fallback

    def locate(index: int) -> SourceLoc:
        return located.key_loc(("red_flags", index, "sign"))

    return locate
