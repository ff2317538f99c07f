"""Medical terms and glossary terms in learner text: which are used, which are defined, where first.

A term matches as whole words, ignoring case, with any run of spaces between its
words (a hyphenated word is one word), and in its plural too (``+s``, ``+es``, and ``y`` → ``ies``). Where terms
overlap, the longest wins ("cauda equina syndrome" before "cauda equina").

Renderers use :func:`first_uses` to show a glossary definition where a module
first uses each term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from toolkit.model import Block, GlossaryEntry, Module
from toolkit.plain_language.text import Unit, module_units
from toolkit.source import SourceLoc


@lru_cache(maxsize=1)
def medical_terms() -> tuple[str, ...]:
    """The medical terms coursekit ships (``toolkit/data/medical_terms.txt``), in file order."""
    text = resources.files("toolkit").joinpath("data/medical_terms.txt").read_text(encoding="utf-8")
    terms: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line not in terms:
            terms.append(line)
    return tuple(terms)


def variants(form: str) -> list[str]:
    """A term's written form and its plurals, lower-cased, spaces normalised."""
    base = " ".join(form.lower().split())
    out = [base, base + "s", base + "es"]
    if len(base) > 2 and base.endswith("y") and base[-2] not in "aeiou":
        out.append(base[:-1] + "ies")
    return out


@dataclass(frozen=True)
class TermMatch:
    """One use of a term in a piece of text."""

    start: int
    end: int
    text: str                     # as written
    term: str                     # the glossary term or the listed medical term
    entry: GlossaryEntry | None   # the glossary entry that defines it, if any


_TOKEN = re.compile(r"[^\W_]+(?:[-'’&.][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of ``text`` as terms are matched: "post-operative", "A&E" and "don't" are one word."""
    return _TOKEN.findall(text)


def word_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Each word of ``text`` as terms are matched (start, end, word): "post-operative", "A&E" and "don't" are one word."""
    for token in _TOKEN.finditer(text):
        yield token.start(), token.end(), token.group(0)


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.lower().replace("’", "'") for t in _TOKEN.findall(text))


class TermMatcher:
    """Finds glossary terms (defined) and listed medical terms (maybe not) in text.

    Text and terms are split into the same word tokens (hyphens, apostrophes and
    ``&`` join a token: "post-operative", "A&E"), and terms are looked up by
    their tokens, longest first, so matching is fast on large courses.
    """

    def __init__(self, glossary: Sequence[GlossaryEntry], extra_terms: Iterable[str] = ()) -> None:
        owners: dict[tuple[str, ...], tuple[str, GlossaryEntry | None]] = {}
        for entry in glossary:
            for form in entry.forms:
                for variant in variants(form):
                    if key := _key(variant):
                        owners.setdefault(key, (entry.term, entry))
        for term in extra_terms:
            for variant in variants(term):
                if key := _key(variant):
                    owners.setdefault(key, (term, None))
        self._owners = owners
        self._longest = max((len(k) for k in owners), default=0)
        self._starts = frozenset(k[0] for k in owners)

    def finditer(self, text: str) -> Iterator[TermMatch]:
        """Every term in ``text``, left to right, the longest where terms overlap."""
        if not self._owners or self._starts.isdisjoint(_TOKEN.findall(text.replace("’", "'").lower())):
            return
        tokens = list(_TOKEN.finditer(text))
        words = [t.group(0).lower().replace("’", "'") for t in tokens]
        starts = self._starts
        i = 0
        while i < len(tokens):
            if words[i] not in starts:
                i += 1
                continue
            for n in range(min(self._longest, len(tokens) - i), 0, -1):
                owner = self._owners.get(tuple(words[i:i + n]))
                if owner is None or (n > 1 and not _only_spaces_between(text, tokens[i:i + n])):
                    continue
                begin, end = tokens[i].start(), tokens[i + n - 1].end()
                yield TermMatch(begin, end, text[begin:end], owner[0], owner[1])
                i += n
                break
            else:
                i += 1


def _only_spaces_between(text: str, tokens: list[re.Match[str]]) -> bool:
    return all(not text[a.end():b.start()].strip() for a, b in zip(tokens, tokens[1:]))


def course_matcher(glossary: Sequence[GlossaryEntry], medical_words: Sequence[str] = ()) -> TermMatcher:
    """A matcher for a course's glossary, coursekit's medical terms and the course's own
    (``checks: medical_words``); cached per glossary and words."""
    return _cached_matcher(tuple(glossary), tuple(medical_words))


@lru_cache(maxsize=64)
def _glossary_matcher(glossary: tuple[GlossaryEntry, ...]) -> TermMatcher:
    """A matcher for a glossary alone, made once: planning the handouts asks it of every module, several times."""
    return TermMatcher(glossary)


@lru_cache(maxsize=64)
def _cached_matcher(glossary: tuple[GlossaryEntry, ...], medical_words: tuple[str, ...]) -> TermMatcher:
    return TermMatcher(glossary, medical_terms() + medical_words)


@dataclass(frozen=True)
class TermUse:
    """Where a term is used: the unit of learner text, the match in it, and its line."""

    match: TermMatch
    unit: Unit
    loc: SourceLoc

    @property
    def block(self) -> Block | None:
        """The model block holding the use (None in the front matter and section titles)."""
        return self.unit.block


def first_term_uses(units: Iterable[Unit], matcher: TermMatcher) -> dict[str, TermUse]:
    """The first use of each term (key: the glossary term or the listed term), in reading order."""
    first: dict[str, TermUse] = {}
    for unit in units:
        for match in matcher.finditer(unit.text):
            if match.term not in first:  # later uses are not located: most matches are of a term seen before
                first[match.term] = TermUse(match, unit, unit.loc_at(match.start))
    return first


@dataclass(frozen=True)
class FirstUse:
    """Where a module first uses a glossary term: for showing its definition there."""

    entry: GlossaryEntry
    text: str            # the term as written there, e.g. "Sciatica" or "nerve roots"
    loc: SourceLoc
    block: Block | None  # the model block holding it (None for a section title)
    unit: Unit           # the run of learner text holding it
    start: int           # offsets of the term in ``unit.text``
    end: int


def first_uses(module: Module, glossary: Sequence[GlossaryEntry], *, include_front_matter: bool = False,
               include_headings: bool = False) -> dict[str, FirstUse]:
    """The first use of each glossary term in ``module``'s learner text, keyed by the entry's term.

    Every written form of a term counts (its ``also:`` forms and plurals), as
    whole words, ignoring case. By default the front matter and headings are
    skipped, so the definition appears in the body where the term is first
    read in a sentence. Medical terms without a glossary entry are not returned.
    """
    matcher = _glossary_matcher(tuple(glossary))
    found: dict[str, FirstUse] = {}
    for unit in module_units(module):
        if (unit.in_front_matter and not include_front_matter) or (unit.is_heading and not unit.in_front_matter and not include_headings):
            continue
        for match in matcher.finditer(unit.text):
            if match.entry is not None and match.entry.term not in found:
                found[match.entry.term] = FirstUse(match.entry, match.text, unit.loc_at(match.start), unit.block, unit,
                                                   match.start, match.end)
    return found
