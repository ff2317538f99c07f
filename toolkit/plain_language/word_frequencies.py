"""wordfreq's word frequencies for a course's language: which list, and its words, loaded once per process."""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import msgpack

# Course language (its primary subtag) → wordfreq's code, where they differ.
_LANGUAGE_ALIASES = {"no": "nb", "tl": "fil", "iw": "he", "in": "id", "sr": "sh", "hr": "sh", "bs": "sh"}
# wordfreq has lists for these, but their words are not separated by spaces, so coursekit cannot split them.
_UNSPACED = frozenset({"zh", "ja"})


@lru_cache(maxsize=64)
def wordfreq_language(language: str) -> str | None:
    """wordfreq's code for a course's ``language:`` (``en-GB`` → ``en``), or None when it has no usable list."""
    primary = language.split("-")[0].lower()
    code = _LANGUAGE_ALIASES.get(primary, primary)
    return None if code in _UNSPACED else code if code in _word_lists() else None


# Words rarer than this (Zipf 1.5, 1 in 30 million words) are left out, as if never used: that halves the
# time to load English (half its 321,000 words are rarer), and changes whether a word is rare for 1 in
# 1,000 words, all of them at a cut-off, where a family's rarest forms add up.
_RAREST_CENTIBELS = 750


@lru_cache(maxsize=4)
def frequencies(code: str) -> Mapping[str, float]:
    """wordfreq's frequencies for ``code`` (a word → its share of all words), loaded once per process."""
    words: dict[str, float] = {}
    for centibels, bucket in enumerate(_buckets(code)[:_RAREST_CENTIBELS + 1]):  # bucket i: the words at -i cB
        words.update(dict.fromkeys(bucket, 10 ** (-centibels / 100)))
    return words


# wordfreq's lists are read from its data files as wordfreq reads them, without importing wordfreq: its
# tokenizers and language matching, which coursekit does not use, take longer to import (about 0.1 s) than
# the English list takes to read. Should a wordfreq release store them differently, its own API is used.
_CBPACK_HEADER = {"format": "cB", "version": 1}


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, Path]:
    """Each language's "best" list file: the large list where wordfreq has one, else the small one."""
    spec = importlib.util.find_spec("wordfreq")
    folders = [Path(p) / "data" for p in (spec.submodule_search_locations or [])] if spec else []
    found: dict[str, Path] = {}
    for size in ("small", "large"):
        for folder in folders:
            for path in sorted(folder.glob(f"{size}_*.msgpack.gz")):
                found[path.name.split(".")[0].split("_", 1)[1]] = path
    if not found:
        from wordfreq import available_languages

        found = {code: Path(path) for code, path in available_languages("best").items()}
    return found


def _buckets(code: str) -> list[list[str]]:
    """The words of ``code``'s list, by frequency: bucket i holds the words at -i centibels."""
    try:
        with gzip.open(_word_lists()[code], "rb") as packed:
            data = msgpack.load(packed, raw=False)
        if data and data[0] == _CBPACK_HEADER:
            return data[1:]  # type: ignore[no-any-return]
    except (OSError, ValueError, KeyError, msgpack.UnpackException):
        pass
    from wordfreq import get_frequency_list

    return get_frequency_list(code, "best")
