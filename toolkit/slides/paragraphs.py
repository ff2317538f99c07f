"""Model inlines and blocks as slide paragraphs and speaker-notes lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from toolkit import model as m
from toolkit.labels import Labels
from toolkit.slides.deck_model import Para, Run


def web_link(href: str) -> str | None:
    """A link a slide may carry: a plain https address (links between modules mean nothing in a deck)."""
    return href if href.startswith("https://") and not any(c.isspace() or ord(c) < 32 for c in href) else None


def runs_of(inlines: tuple[m.Inline, ...], bold: bool = False, italic: bool = False,
            link: str | None = None) -> tuple[Run, ...]:
    out: list[Run] = []
    for inline in inlines:
        if isinstance(inline, (m.Text, m.Code)):
            out.append(Run(inline.text, bold, italic, link))
        elif isinstance(inline, m.Strong):
            out.extend(runs_of(inline.children, True, italic, link))
        elif isinstance(inline, m.Emph):
            out.extend(runs_of(inline.children, bold, True, link))
        elif isinstance(inline, m.Link):
            out.extend(runs_of(inline.children, bold, italic, web_link(inline.href)))
        elif isinstance(inline, m.Break):
            out.append(Run("\n" if inline.hard else " ", bold, italic, link))
        elif isinstance(inline, m.Image):
            out.append(Run(inline.alt, bold, italic, link))
        # Raw HTML never reaches a deck.
    merged = _merged(out)
    if merged:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return tuple(r for r in merged if r.text)


def _merged(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of the same style joined into one."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (run.bold, run.italic, run.link):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged


def plain(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    return (Run(text, bold, italic),) if text else ()


def shown_blocks(blocks: Iterable[m.Block]) -> Iterable[m.Block]:
    """Blocks as a deck sees them: `::: only` opened for slides, dropped for other outputs."""
    for block in blocks:
        if isinstance(block, m.Only):
            if "slides" in block.outputs:
                yield from shown_blocks(block.blocks)
        else:
            yield block


def notes_text(block: m.Block) -> list[str]:
    """A block as lines of speaker notes."""
    if isinstance(block, m.Paragraph):
        return [m.plain_text(block.inlines).strip()]
    if isinstance(block, m.Heading):
        return [m.plain_text(block.inlines).strip()]
    if isinstance(block, m.ListBlock):
        lines = []
        for n, item in enumerate(block.items, block.start):
            texts = [t for b in shown_blocks(item.blocks) for t in notes_text(b)]
            mark = f"{n}." if block.ordered else "•"
            if texts:
                lines.append(f"{mark} {texts[0]}")
                lines.extend(f"  {t}" for t in texts[1:])
        return lines
    if isinstance(block, m.CodeBlock):
        return [block.text.rstrip("\n")]
    if isinstance(block, m.Figure):
        return [block.image.alt]
    if isinstance(block, m.Table):
        return [" | ".join(m.plain_text(c) for c in row) for row in (block.header, *block.rows)]
    if isinstance(block, (m.Notes, m.Quote, m.Callout, m.RedFlags, m.Exercise)):
        return [t for b in shown_blocks(block.blocks) for t in notes_text(b)]
    return []


def slide_paras(block: m.Block, labels: Labels, level: int = 0) -> list[list[Para]]:
    """A block as slide text, in groups that are kept together on one slide when they can be."""
    if isinstance(block, m.Paragraph):
        runs = runs_of(block.inlines)
        return [[Para(runs, level, "none", loc=block.loc)]] if runs else []
    if isinstance(block, m.Heading):
        return [[Para(runs_of(block.inlines, bold=True), level, "none", loc=block.loc)]]
    if isinstance(block, m.ListBlock):
        groups = []
        for n, item in enumerate(block.items, block.start):
            group: list[Para] = []
            for i, inner in enumerate(shown_blocks(item.blocks)):
                if i == 0 and isinstance(inner, m.Paragraph):
                    runs = runs_of(inner.inlines)
                    if item.checked is not None:
                        runs = (Run("☑ " if item.checked else "☐ "), *runs)
                    group.append(Para(runs, level, "number" if block.ordered else "bullet", n, item.loc))
                else:
                    for sub in slide_paras(inner, labels, level + 1):
                        group.extend(sub)
            if group:
                groups.append(group)
        return groups
    if isinstance(block, m.Quote):
        return [[replace(p, runs=tuple(Run(r.text, r.bold, True) for r in p.runs)) for g in groups for p in g]
                for groups in [[g for b in shown_blocks(block.blocks) for g in slide_paras(b, labels, level)]] if groups]
    if isinstance(block, m.CodeBlock):
        return [[Para(plain(block.text.rstrip("\n")), level, "none", loc=block.loc)]]
    if isinstance(block, m.Callout):
        groups = [g for b in shown_blocks(block.blocks) for g in slide_paras(b, labels, level)]
        title = block.title or (labels.tip if block.kind == "tip" else labels.caution)
        label = Run(f"{title}: ", bold=True)
        if groups and groups[0][0].marker == "none":
            first = groups[0][0]
            groups[0][0] = replace(first, runs=(label, *first.runs))
        else:
            groups.insert(0, [Para((Run(title, bold=True),), level, "none", loc=block.loc)])
        return groups
    if isinstance(block, m.Figure):
        return [[Para(plain(block.image.alt, italic=True), level, "none", loc=block.loc)]]
    if isinstance(block, m.Table):
        return [[Para(plain(" | ".join(m.plain_text(c) for c in row)), level, "none", loc=block.loc)]
                for row in (block.header, *block.rows)]
    if isinstance(block, (m.RedFlags, m.Exercise)):
        return [g for b in shown_blocks(block.blocks) for g in slide_paras(b, labels, level)]
    return []   # notes (in a list item, a quote, a tip) are for the speaker alone


# A sentence ends at . ! or ? (perhaps inside a closing quote or bracket) before a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+")


def sentences(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    """A paragraph's runs cut into sentences, each keeping its runs' bold, italic and links."""
    out: list[list[Run]] = [[]]
    for run in runs:
        start = 0
        for end in _SENTENCE_END.finditer(run.text):
            out[-1].append(replace(run, text=run.text[start:end.start()] + end.group().rstrip()))
            out.append([])
            start = end.end()
        if run.text[start:]:
            out[-1].append(replace(run, text=run.text[start:]))
    return [tuple(r for r in s if r.text) for s in out if any(r.text.strip() for r in s)]


def instruction_words(labels: Labels) -> tuple[str, ...]:
    """The words that start an instruction, from the course's labels (lower case, longest first)."""
    return _instruction_words(labels.slides_instruction_words)


@lru_cache(maxsize=8)
def _instruction_words(listed: str) -> tuple[str, ...]:
    """Read once per course's list, not once per paragraph."""
    words = {w.strip().lower() for w in listed.split(",") if w.strip()}
    return tuple(sorted(words, key=len, reverse=True))


def is_instruction(sentence: tuple[Run, ...], words: tuple[str, ...]) -> bool:
    """Whether a sentence tells people what to do: it, or a clause of it ("If ..., call ..."), opens with an
    instruction word."""
    for clause in re.split(r"[,;:]\s+", "".join(r.text for r in sentence)):
        text = re.sub(r"^[\s\"“‘(*]+", "", clause).lower()
        if any(text.startswith(w) and not text[len(w):len(w) + 1].isalpha() for w in words):
            return True
    return False


def slide_sentences(block: m.Paragraph, labels: Labels) -> tuple[Run, ...]:
    """What a paragraph puts on a slide: its lead sentence and every instruction after it (all of it when it
    opens with a bold label, such as "**What to do:**")."""
    runs = runs_of(block.inlines)
    cut = sentences(runs)
    if len(cut) <= 1 or runs[0].bold:
        return runs
    words = instruction_words(labels)
    kept = [cut[0], *(s for s in cut[1:] if is_instruction(s, words))]
    joined: list[Run] = []
    for sentence in kept:
        if joined:
            joined.append(Run(" "))
        joined.extend(sentence)
    return tuple(_merged(joined))
