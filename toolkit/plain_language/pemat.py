"""Plain-language structure: the automatable items of AHRQ's PEMAT for print materials.

PEMAT (the Patient Education Materials Assessment Tool) asks, among other
things, whether a material gives a summary, uses informative headers, uses
lists, speaks to the reader directly, and names at least one action the reader
can take. These five are judged here from the module's structure; each is
pass or fail, and the score is the share passed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit import model as m
from toolkit.plain_language.readability import WORD, Sentence
from toolkit.plain_language.text import Unit
from toolkit.source import SourceLoc

#: Headings that say nothing about what follows.
GENERIC_HEADINGS = frozenset({
    "overview", "introduction", "intro", "background", "summary", "details", "detail", "information",
    "more information", "further information", "general", "general information", "other", "others", "misc",
    "miscellaneous", "notes", "note", "conclusion", "conclusions", "content", "contents", "main", "body",
    "discussion", "topic", "section", "part", "chapter", "module", "unit", "lesson", "text", "untitled",
    "heading", "title", "more", "extra", "additional information", "key information", "the basics", "basics",
})
_NUMBERED_HEADING = re.compile(
    r"^(?:(?:section|part|chapter|module|unit|lesson|topic|step|page|slide)\s*)?(?:\d+|[ivxlc]+)(?:[.:)]\s*\w*)?$",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(?:you|your|yours|yourself|yourselves|you['’](?:re|ll|ve|d))\b", re.IGNORECASE)
#: Verbs that open an instruction ("Walk ...", "Call ...", "Don't ...").
ACTION_VERBS = frozenset("""
ask avoid bend book breathe bring call change check choose contact continue do don't eat drink find follow get give go
hold keep let lie lift look make mark move note phone plan practise practice pull push put read remember repeat rest ring
see sit sleep speak stand start stay stop stretch take talk tell tick try turn use wait walk watch wear write keep
""".split())
_ACTION_PHRASE = re.compile(r"\b(?:you should|you can|you could|try to|make sure|it helps to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    """One PEMAT-style item for one module."""

    key: str
    label: str
    passed: bool
    detail: str
    loc: SourceLoc


@dataclass(frozen=True)
class Assessment:
    items: tuple[Item, ...]
    generic_headings: tuple[Unit, ...]

    @property
    def passed(self) -> int:
        return sum(1 for i in self.items if i.passed)

    @property
    def score(self) -> int:
        """The share of items passed, as a whole percentage."""
        return round(100 * self.passed / len(self.items)) if self.items else 100


def is_generic_heading(text: str) -> bool:
    """A heading that does not say what its section is about ("Overview", "Section 2")."""
    words = " ".join(WORD.findall(text.lower().replace("’", "'")))
    return not words or words in GENERIC_HEADINGS or bool(_NUMBERED_HEADING.match(" ".join(text.split())))


def assess(module: m.Module, units: Sequence[Unit], sentences: Sequence[Sentence], summary_max_words: int) -> Assessment:
    """Judge the five structure items for ``module`` from its learner text and that text's sentences (as `measure` splits them)."""
    body = [u for u in units if not u.in_front_matter]
    summary_words = len(WORD.findall(module.meta.summary))
    summary = Item("summary", "Summary first", 0 < summary_words <= summary_max_words,
                   f"the summary has {summary_words} words", module.field_loc("summary"))

    generic = tuple(u for u in body if u.kind in ("section_title", "heading") and is_generic_heading(u.text))
    headings = Item("headings", "Informative headings", not generic,
                    ", ".join(f"`{' '.join(u.text.split())}`" for u in generic) or "every heading says what follows",
                    generic[0].loc if generic else module.loc)

    has_list = any(isinstance(b, m.ListBlock) for b in _learner_blocks(module))
    lists = Item("lists", "Lists used", has_list, "a list is used" if has_list else "no list in the module's text", module.loc)

    you = next((u for u in body if not u.is_heading and _YOU.search(u.text)), None)
    direct = Item("you", "Speaks to you", you is not None, "uses “you”" if you else "never says “you” or “your”",
                  you.loc if you else module.loc)

    action = _first_action(module, sentences)
    act = Item("action", "Asks you to act", action is not None, action[1] if action else "no exercise or instruction",
               action[0] if action else module.loc)
    return Assessment((summary, headings, lists, direct, act), generic)


def _learner_blocks(module: m.Module):  # type: ignore[no-untyped-def]
    """Every block a learner sees (not inside speaker notes)."""
    def walk(blocks):  # type: ignore[no-untyped-def]
        for block in blocks:
            if isinstance(block, (m.Notes, m.CodeBlock, m.RawBlock)):
                continue
            yield block
            if isinstance(block, m.ListBlock):
                for item in block.items:
                    yield from walk(item.blocks)
            elif isinstance(block, m.Quiz):
                yield from walk(block.explanation)
            elif hasattr(block, "blocks"):
                yield from walk(block.blocks)
    return walk(tuple(module.blocks()))


def _first_action(module: m.Module, sentences: Sequence[Sentence]) -> tuple[SourceLoc, str] | None:
    """The first thing the module asks the reader to do: an exercise, or an instruction in the body (not a quiz)."""
    for block in _learner_blocks(module):
        if isinstance(block, m.Exercise):
            return block.loc, f"exercise `{block.title}`"
    for sentence in sentences:
        unit = sentence.unit
        if unit.in_front_matter or unit.kind in ("quiz_question", "quiz_option"):
            continue
        first = sentence.words[0].lower().replace("’", "'")
        if first in ACTION_VERBS or _ACTION_PHRASE.search(sentence.text):
            return unit.loc.at(sentence.line), f"“{_short(sentence.text)}”"
    return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
