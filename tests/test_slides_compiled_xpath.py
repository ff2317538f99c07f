"""python-pptx's XPath expressions compiled once (toolkit/slides/compiled_xpath.py): the same deck bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx.oxml import xmlchemy

from tests.conftest import REPO, SAMPLE_COURSES
from toolkit.check import run_check
from toolkit.reproducible import source_date
from toolkit.slides import compiled_xpath, plan_decks
from toolkit.slides.writer import write_deck


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_compiled_expressions_give_the_same_deck_with_each_expression_compiled_once(
        course_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert compiled_xpath.install()
    own = compiled_xpath.REPLACED
    assert own is not None and xmlchemy.BaseOxmlElement.xpath is not own
    (course,) = run_check(REPO, course_ids=(course_id,)).project.courses
    template, plans, _ = plan_decks(course, created=source_date((course,)))
    assert template is not None
    workshop = plans[-1]
    calls: list[str] = []

    def counted(self, xpath_str):  # type: ignore[no-untyped-def]
        calls.append(xpath_str)
        return own(self, xpath_str)

    # The compiled expressions, in place of a counted python-pptx.
    monkeypatch.setattr(compiled_xpath, "REPLACED", None)
    monkeypatch.setattr(xmlchemy.BaseOxmlElement, "xpath", counted)
    assert compiled_xpath.install()
    assert write_deck(workshop, template, tmp_path / "compiled.pptx") == []
    assert calls == []  # python-pptx's own method, which compiles each time, is never called
    # python-pptx's own method, counted.
    monkeypatch.setattr(xmlchemy.BaseOxmlElement, "xpath", counted)
    assert write_deck(workshop, template, tmp_path / "own.pptx") == []
    assert len(calls) > 10 * len(set(calls))  # the same few expressions, over and over
    assert (tmp_path / "compiled.pptx").read_bytes() == (tmp_path / "own.pptx").read_bytes()
