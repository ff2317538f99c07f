"""Rare words: words a reader may not know because they are rare in everyday language, whatever the topic.

The frequencies are wordfreq's (offline lists, one per language, from subtitles,
news, Wikipedia, books and the web), on the Zipf scale: "the" is 7.7, 3 is
once in a million words. A word is judged by its family's frequency (the word, its
plurals and verb endings, and those of the word it comes from: "zaps" counts
"zap", "zapped", "zapping"), so a rare form of a common word passes, and by how
long it is, since the rarest-looking short words are mostly plain ("kerb",
"blotchy") and the jargon of any topic is mostly long ("cellulitis",
"debridement", "amputation", "arterial"). The cut-offs were tuned on the sample
course, the head-injury fixture and coursekit's list of medical terms
(README, "Words the reader may not know").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from toolkit.model import GlossaryEntry
from toolkit.plain_language.terms import TermMatcher, word_tokens, words
from toolkit.plain_language.text import Unit
from toolkit.plain_language.word_frequencies import frequencies
from toolkit.source import SourceLoc

#: Words of this many letters or more are long.
LONG_WORD_LETTERS = 8
#: A long word is rare below this Zipf frequency (2.5 uses in a million words): "arterial" is 3.26,
#: "amputation" 3.14, "blisters" 3.53, "squashed" 3.75.
LONG_WORD_ZIPF = 3.4
#: A short word is rare below this (0.3 in a million): "stoma" is 2.21, "coccyx" 2.15, "kerbs" 2.70, "blotchy" 2.85.
SHORT_WORD_ZIPF = 2.5
#: An abbreviation is rare below this ("MRI" is 3.58, "NHS" 4.0): its lower-case letters are often another
#: word or a name ("ct", "ms"), which makes it look commoner than it is.
ABBREVIATION_ZIPF = 3.7
#: The parts of a compound are both common from here ("wholemeal", "painkiller").
COMPOUND_PART_ZIPF = 4.0

def zipf(frequency: float) -> float:
    """A share of all words on the Zipf scale (log10 of uses per billion words)."""
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


# Endings taken off to find the word a form comes from, each with what to put back.
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("iness", ("y",)), ("ness", ("",)), ("ily", ("y",)), ("ly", ("",)), ("ies", ("y",)), ("ied", ("y",)),
    ("ier", ("y",)), ("iest", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e")),
    ("er", ("", "e")), ("est", ("", "e")), ("y", ("", "e")),
)


def fold(word: str) -> str:
    """``word`` as wordfreq lists it: case folded ("Straße" → "strasse"), with a straight apostrophe."""
    return word.casefold().replace("’", "'")


def base_forms(word: str) -> frozenset[str]:
    """``word`` (folded) and the words it may be a form of: "squashed" → "squash", "physio's" → "physio"."""
    out = {word}
    for possessive in ("'s", "'"):
        if word.endswith(possessive):
            word = word[: -len(possessive)]
            out.add(word)
            break
    for ending, replacements in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            out.update(stem + r for r in replacements)
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl":
                out.add(stem[:-1])  # "slurred" → "slur"
    return frozenset(out)


def _inflections(base: str) -> set[str]:
    out = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        out.add(base[:-1] + "ing")
    if len(base) > 2 and base.endswith("y") and base[-2] not in "aeiou":
        out.update((base[:-1] + "ies", base[:-1] + "ied"))
    if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
        out.update((base + base[-1] + "ed", base + base[-1] + "ing"))  # "zap" → "zapped"
    return out


@dataclass(frozen=True)
class RareWordUse:
    """The first use in a module of a rare word that nothing explains."""

    word: str        # as written
    unit: Unit
    loc: SourceLoc


class RareWords:
    """Judges the words of one course: rare in its language, and not explained by its glossary or allowed."""

    def __init__(self, words: Mapping[str, float], explained: Iterable[str]) -> None:
        self._words = words
        explained = {fold(part) for word in explained for part in (word, *word.split("-"))}
        self._explained = frozenset(base for word in explained for base in base_forms(word))
        self._judged: dict[str, bool] = {}

    def family_zipf(self, word: str) -> float:
        """The Zipf frequency of ``word`` (folded) with its plurals, verb endings and those of its base."""
        forms = {form for base in base_forms(word) for form in _inflections(base)}
        forms.add(word)
        return zipf(sum(self._words.get(form, 0.0) for form in forms))

    def is_rare(self, token: str) -> bool:
        """Whether ``token`` (one word as written) needs explaining; remembered per word."""
        try:
            return self._judged[token]
        except KeyError:
            judged = self._judged[token] = self._judge(token)
            return judged

    def _judge(self, token: str) -> bool:
        if not any(c.isalpha() for c in token) or token[0].isdigit() or "." in token:
            return False  # numbers and measures ("999", "2nd", "10mg"); addresses and "e.g."
        lower = fold(token)
        if base_forms(lower) & self._explained:
            return False
        if "-" in token:  # "post-operative": "operative"; "COVID-19": "COVID"
            return any(self._judge(part) for part in token.split("-") if part)
        if is_abbreviation(token):
            return "&" in token or self.family_zipf(lower) < ABBREVIATION_ZIPF
        if len(lower) >= LONG_WORD_LETTERS and self._is_compound(lower):
            return False
        limit = LONG_WORD_ZIPF if len(lower) >= LONG_WORD_LETTERS else SHORT_WORD_ZIPF
        return self.family_zipf(lower) < limit

    def _is_compound(self, word: str) -> bool:
        """Two common words written as one ("wholemeal", "painkiller")."""
        return any(zipf(self._words.get(word[:i], 0.0)) >= COMPOUND_PART_ZIPF
                   and self.family_zipf(word[i:]) >= COMPOUND_PART_ZIPF for i in range(3, len(word) - 2))


def is_abbreviation(token: str) -> bool:
    """Capitals only ("NHS", "A&E", "COPD"), or letters with digits ("HbA1c", "B12")."""
    letters = [c for c in token if c.isalpha()]
    if any(c.isdigit() for c in token) and letters:
        return True
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 5


def course_rare_words(code: str, glossary: Sequence[GlossaryEntry], allowed: Sequence[str]) -> RareWords:
    """The judge for a course in language ``code``: every word of its glossary's terms and other forms, and
    its allowed words, are explained (cached, so a worker judges each word once)."""
    return _cached_judge(code, tuple(glossary), tuple(allowed))


@lru_cache(maxsize=16)
def _cached_judge(code: str, glossary: tuple[GlossaryEntry, ...], allowed: tuple[str, ...]) -> RareWords:
    forms = [form for entry in glossary for form in entry.forms] + list(allowed)
    return RareWords(frequencies(code), (word for form in forms for word in words(form)))


def rare_word_uses(units: Sequence[Unit], matcher: TermMatcher, judge: RareWords) -> list[RareWordUse]:
    """The first use of each rare word in ``units``, in reading order, outside the terms ``matcher`` finds
    (glossary terms are explained; listed medical terms are reported as such)."""
    first: list[RareWordUse] = []
    seen: set[str] = set()  # the base forms of the words found, so a later "Amputations" is "amputation" again
    is_rare = judge.is_rare
    for unit in units:
        text = unit.text
        if not any(map(is_rare, words(text))):
            continue  # most text has no rare word: no need to find its terms
        spans = [(m.start, m.end) for m in matcher.finditer(text)]
        for start, end, token in word_tokens(text):
            if any(a <= start < b for a, b in spans) or not is_rare(token):
                continue
            forms = base_forms(fold(token))
            if seen.isdisjoint(forms):
                seen.update(forms)
                first.append(RareWordUse(token, unit, unit.loc_at(start)))
    return first
