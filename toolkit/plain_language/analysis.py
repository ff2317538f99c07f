"""Every plain-language measure of a course, computed once and shared by `check` and `report`."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit import model as m
from toolkit.plain_language.pemat import Assessment, assess
from toolkit.plain_language.readability import Readability, measure
from toolkit.plain_language.terms import TermMatcher, TermUse, course_matcher, first_term_uses
from toolkit.plain_language.text import Unit, blocks_units, module_units
from toolkit.schema import CheckSettings, RedFlagRequirement, UrgencyTier


@dataclass(frozen=True)
class ModuleAnalysis:
    module: m.Module
    units: tuple[Unit, ...]
    readability: Readability
    pemat: Assessment
    terms: dict[str, TermUse]          # first use of each term (glossary or medical list), in reading order
    red_flag_texts: tuple[tuple[UrgencyTier, str], ...]  # each red-flags block's tier and normalised text

    @property
    def undefined_terms(self) -> list[TermUse]:
        """Listed medical terms used without a glossary entry, first use of each."""
        return [use for use in self.terms.values() if use.match.entry is None]


@dataclass(frozen=True)
class SignCoverage:
    sign: str
    index: int
    covered_by: tuple[str, ...]  # module ids whose red-flags blocks mention it
    tier: UrgencyTier | None = None  # the tier `course.yml` gives it
    in_tier: tuple[str, ...] = ()    # module ids whose blocks of that tier mention it (all of covered_by without one)


@dataclass(frozen=True)
class CourseAnalysis:
    course: m.Course
    modules: tuple[ModuleAnalysis, ...]
    red_flags: tuple[SignCoverage, ...]

    @property
    def average_flesch_kincaid(self) -> float:
        return average([a.readability.flesch_kincaid for a in self.modules if a.readability.sentences])

    @property
    def average_smog(self) -> float:
        return average([a.readability.smog for a in self.modules if a.readability.sentences])

    @property
    def average_grade(self) -> float:
        return max(self.average_flesch_kincaid, self.average_smog)

    def signs_covered_by(self, module_id: str) -> list[str]:
        return [c.sign for c in self.red_flags if module_id in c.covered_by]


def average(values: list[float]) -> float:
    """The mean to one decimal, as grades are shown; 0 for none."""
    return round(sum(values) / len(values), 1) if values else 0.0


def analyse(course: m.Course) -> CourseAnalysis:
    """The plain-language analysis of ``course`` (cached per course object)."""
    cached = _CACHE.get(id(course))
    if cached is not None and cached[0] is course:
        return cached[1]
    result = _analyse(course)
    _CACHE[id(course)] = (course, result)
    if len(_CACHE) > 16:
        _CACHE.popitem(last=False)
    return result


_CACHE: OrderedDict[int, tuple[m.Course, CourseAnalysis]] = OrderedDict()


def _analyse(course: m.Course) -> CourseAnalysis:
    matcher = course_matcher(course.glossary, course.meta.checks.medical_words)
    analyses = tuple(analyse_module(module, matcher, course.meta.checks) for module in course.modules)
    coverage = red_flag_coverage(course.meta.red_flags, [(a.module.id, a.red_flag_texts) for a in analyses])
    return CourseAnalysis(course, analyses, coverage)


def analyse_module(module: m.Module, matcher: TermMatcher, settings: CheckSettings) -> ModuleAnalysis:
    """The plain-language analysis of one module, ``matcher`` finding its course's terms."""
    units = module_units(module)
    readability = measure(units)
    return ModuleAnalysis(
        module, units, readability, assess(module, units, readability.sentences, settings.summary_max_words),
        first_term_uses(units, matcher),
        tuple((block.tier, normalise(" ".join(u.text for u in blocks_units(block.blocks, "red-flags"))))
              for block in red_flag_blocks(module)),
    )


def red_flag_coverage(requirements: Sequence[RedFlagRequirement],
                      flag_texts: Sequence[tuple[str, Sequence[tuple[UrgencyTier, str]]]]) -> tuple[SignCoverage, ...]:
    """Which modules cover each required sign, and which in its own tier, from each module's id and blocks' texts."""
    coverage = []
    for index, requirement in enumerate(requirements):
        patterns = [_phrase_pattern(p) for p in requirement.phrases]

        def mentions(texts: Sequence[tuple[UrgencyTier, str]], tier: UrgencyTier | None) -> bool:
            return any(any(p.search(text) for p in patterns) for block_tier, text in texts if tier in (None, block_tier))

        covered = tuple(module_id for module_id, texts in flag_texts if mentions(texts, None))
        in_tier = tuple(module_id for module_id, texts in flag_texts if mentions(texts, requirement.tier))
        coverage.append(SignCoverage(requirement.sign, index, covered, requirement.tier, in_tier))
    return tuple(coverage)


def red_flag_blocks(module: m.Module) -> list[m.RedFlags]:
    """The module's red-flags blocks (not those inside speaker notes)."""
    found: list[m.RedFlags] = []

    def walk(blocks: tuple[m.Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, m.Notes):
                continue
            if isinstance(block, m.RedFlags):
                found.append(block)
            if isinstance(block, m.ListBlock):
                for item in block.items:
                    walk(item.blocks)
            elif hasattr(block, "blocks"):
                walk(block.blocks)  # type: ignore[attr-defined]

    walk(tuple(module.blocks()))
    return found


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase found from the start of a word, ignoring case and spacing ("numb" finds "numbness")."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in normalise(phrase).split()))
