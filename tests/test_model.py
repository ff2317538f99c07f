"""The model: immutable, and every node knows where it came from."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.conftest import ProjectFactory
from toolkit import model as m
from toolkit.limits import DEFAULT_LIMITS
from toolkit.loader import load_project
from toolkit.markdown_reader import read_module

TEXT = """\
---
title: All blocks
summary: Every kind of block.
duration: 5
---

Intro text.

## First *section*

A paragraph with **bold**, a [link](02-x.md) and `code`
on two lines.

![A nerve](../media/n.png "The nerve")

| Term | Meaning |
| ---- | ------- |
| Disc | A cushion |

> A quote.

### A smaller heading

::: red-flags at-once
- Sudden weakness
:::

::: exercise Knee hug
1. Lie down.
2. Hug your knee.

Stop if it hurts.
:::

::: quiz
Which?

- [ ] One
- [x] Two

Because two.
:::

::: notes
Say hello.
:::

::: tip Good idea
Drink water.
:::

::: only site, handout
Only here.
:::
"""


def parsed():
    return read_module(TEXT, Path("m.md"), DEFAULT_LIMITS)


def test_blocks_have_their_types_and_lines() -> None:
    source = parsed()
    assert source.diagnostics == ()
    assert [(type(b).__name__, b.loc.line) for b in source.intro] == [("Paragraph", 7)]
    (section,) = source.sections
    assert (m.plain_text(section.title), section.anchor, section.loc.line) == ("First section", "first-section", 9)
    assert [(type(b).__name__, b.loc.line) for b in section.blocks] == [
        ("Paragraph", 11), ("Figure", 14), ("Table", 16), ("Quote", 20), ("Heading", 22), ("RedFlags", 24),
        ("Exercise", 28), ("Quiz", 35), ("Notes", 44), ("Callout", 48), ("Only", 52),
    ]


def test_inlines_keep_their_lines_across_soft_breaks() -> None:
    paragraph = parsed().sections[0].blocks[0]
    assert isinstance(paragraph, m.Paragraph)
    lines = {type(i).__name__: i.loc.line for i in m.walk_inlines(paragraph.inlines)}
    assert lines["Strong"] == 11 and lines["Link"] == 11 and lines["Break"] == 11
    assert paragraph.inlines[-1].loc.line == 12


def test_block_contents() -> None:
    blocks = parsed().sections[0].blocks
    figure, table, exercise, quiz, callout, only = blocks[1], blocks[2], blocks[6], blocks[7], blocks[9], blocks[10]
    assert (figure.image.src, figure.image.alt, figure.image.title) == ("../media/n.png", "A nerve", "The nerve")
    assert [m.plain_text(c) for c in table.header] == ["Term", "Meaning"]
    assert exercise.title == "Knee hug" and exercise.steps is not None and len(exercise.steps.items) == 2
    assert m.plain_text(quiz.question) == "Which?"
    assert [(m.plain_text(o.inlines), o.correct) for o in quiz.options] == [("One", False), ("Two", True)]
    assert m.plain_text(quiz.explanation[0].inlines) == "Because two."
    assert (callout.kind, callout.title) == ("tip", "Good idea")
    assert only.outputs == frozenset({"site", "handout", "leaflet", "booklet"})  # `handout` names both kinds


def test_every_node_carries_a_source_location(make_project: ProjectFactory) -> None:
    project, _ = load_project(make_project())
    course = project.courses[0]

    def visit(node: object) -> int:
        count = 0
        if dataclasses.is_dataclass(node):
            if hasattr(node, "loc"):
                assert node.loc.line >= 1, node
                count += 1
            for f in dataclasses.fields(node):
                count += visit(getattr(node, f.name))
        elif isinstance(node, tuple):
            count += sum(visit(item) for item in node)
        return count

    assert visit(course) > 10


def test_the_model_is_immutable(make_project: ProjectFactory) -> None:
    project, _ = load_project(make_project())
    module = project.courses[0].modules[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        module.id = "other"  # type: ignore[misc]
    with pytest.raises(Exception):
        module.meta.title = "other"  # type: ignore[misc]
    assert isinstance(module.sections, tuple)


def test_a_link_names_its_target_module_and_anchor(make_project: ProjectFactory) -> None:
    project, _ = load_project(make_project())
    course = project.courses[0]
    module = course.modules[0]
    assert course.link_target("01-keep-moving.md#why-moving-helps-you") == (module, "why-moving-helps-you")
    assert course.link_target("./01-keep-moving.md") == (module, "")
    assert course.link_target("01%2Dkeep-moving.md") == (module, "")
    assert course.link_target("02-missing.md") is None
    assert course.link_target("https://example.org/01-keep-moving.md") is None
