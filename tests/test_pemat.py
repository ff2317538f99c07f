"""Plain-language structure after PEMAT: summary, headings, lists, "you", an action; a score per module."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from toolkit.check import run_check
from toolkit.loader import load_project
from toolkit.plain_language.analysis import analyse
from toolkit.plain_language.pemat import is_generic_heading

WEAK = "courses/numb-legs/modules/01-about-the-nerves.md"


def test_a_weak_module_breaks_every_item_at_its_line() -> None:
    diagnostics = run_check(FIXTURES / "pemat-weak").diagnostics.sorted()
    assert [(d.code, d.loc.path.as_posix(), d.loc.line, d.severity.value) for d in diagnostics] == [
        ("CK422", WEAK, 1, "warning"),
        ("CK423", WEAK, 1, "warning"),
        ("CK424", WEAK, 1, "warning"),
        ("CK403", WEAK, 3, "warning"),   # the summary is one long sentence, too
        ("CK420", WEAK, 3, "warning"),
        ("CK421", WEAK, 11, "warning"),
        ("CK421", WEAK, 15, "warning"),
    ]
    messages = {d.code: d.message for d in diagnostics}
    assert messages["CK420"] == "the summary has 44 words; keep it to 40 or fewer"
    assert "`Section 2`" in [d.message for d in diagnostics if d.code == "CK421"][1]


def test_scores() -> None:
    project, _ = load_project(FIXTURES / "pemat-weak")
    weak, good = analyse(project.courses[0]).modules
    assert (weak.pemat.passed, weak.pemat.score) == (0, 0)
    assert (good.pemat.passed, good.pemat.score) == (5, 100)
    assert [(i.label, i.passed) for i in good.pemat.items] == [
        ("Summary first", True), ("Informative headings", True), ("Lists used", True),
        ("Speaks to you", True), ("Asks you to act", True)]


@pytest.mark.parametrize(("heading", "generic"), [
    ("Overview", True), ("Introduction", True), ("Section 2", True), ("Part IV", True), ("3.", True), ("More information", True),
    ("Why your leg feels numb", False), ("Medicines", False), ("Step 1: lie on your back", False), ("Overview of your nerves", False),
])
def test_generic_headings(heading: str, generic: bool) -> None:
    assert is_generic_heading(heading) is generic
