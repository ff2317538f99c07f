"""The format reference (docs/format.md) must keep up with the code: every code, every field, every example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit import rules
from toolkit.checks.structure import check_module
from toolkit.diagnostics import Severity
from toolkit.labels import Labels
from toolkit.limits import DEFAULT_LIMITS
from toolkit.markdown_reader import read_module
from toolkit.model import Module
from toolkit.schema import (CheckSettings, Contact, CourseMeta, Emergency, Limits, ModuleMeta, Person, RedFlagRequirement,
                            SourceRef, ThemeMeta)
from toolkit.source import SourceLoc
from toolkit.validate import validate
from toolkit.yamlsafe import load_yaml

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "format.md"
DOC = DOC_PATH.read_text(encoding="utf-8")

DOCUMENTED_RECORDS = (CourseMeta, ModuleMeta, SourceRef, CheckSettings, Limits, Labels, RedFlagRequirement, Contact, Emergency, Person,
                      ThemeMeta)

# A marked example: `<!-- example: module -->` or `<!-- example: course.yml -->`, then a fenced block.
_EXAMPLE = re.compile(r"^<!-- example: (?P<kind>[\w.]+) -->\n```(?P<lang>\w+)\n(?P<body>.*?)^```$", re.M | re.S)
_FENCE = re.compile(r"^```.*?^```$", re.M | re.S)


def _examples(kind: str) -> list[tuple[int, str, str]]:
    """(line, fence language, text) of every example marked ``kind``."""
    return [(DOC.count("\n", 0, m.start()) + 2, m["lang"], m["body"]) for m in _EXAMPLE.finditer(DOC) if m["kind"] == kind]


def _prose() -> str:
    """The document without its fenced blocks, so a heading inside an example never counts."""
    return _FENCE.sub("", DOC)


def _headings() -> list[str]:
    return [line.lstrip("#").strip() for line in _prose().splitlines() if re.match(r"^#{1,6} ", line)]


def _github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as dashes."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_every_code_has_a_heading() -> None:
    documented = set(re.findall(r"^### (CK\d{3}): \S", _prose(), re.M))
    missing = sorted(set(rules.RULES) - documented)
    assert not missing, f"add a `### CKnnn: summary` section to docs/format.md for: {', '.join(missing)}"


def test_no_heading_documents_a_code_that_does_not_exist() -> None:
    documented = re.findall(r"^### (CK\d{3}):", _prose(), re.M)
    assert sorted(set(documented) - set(rules.RULES)) == []
    assert len(documented) == len(set(documented)), "a code is documented twice"


def test_each_code_section_shows_a_real_message_of_that_code() -> None:
    sections = re.split(r"^### (?=CK\d{3}:)", DOC, flags=re.M)[1:]
    for section in sections:
        code = section[:5]
        severity = rules.RULES[code].severity.value
        assert f"{severity}[{code}]" in section, f"{code}: no example message `{severity}[{code}]: ...`"
        assert f"**Severity:** {severity}" in section, f"{code}: the severity is not given as {severity}"
        assert "**How to fix:**" in section, f"{code}: no fix"


@pytest.mark.parametrize("record", DOCUMENTED_RECORDS, ids=lambda r: r.__name__)
def test_every_field_is_mentioned(record: type) -> None:
    missing = [name for name in record.model_fields if f"`{name}`" not in DOC]
    assert not missing, f"{record.__name__}: mention these fields in backticks in docs/format.md: {missing}"


def test_there_are_complete_examples() -> None:
    assert _examples("module"), "mark at least one complete module example with <!-- example: module -->"
    assert _examples("course.yml"), "mark at least one course.yml example with <!-- example: course.yml -->"


@pytest.mark.parametrize("line,lang,text", _examples("module"), ids=[f"line {e[0]}" for e in _examples("module")])
def test_module_examples_read_without_errors(line: int, lang: str, text: str) -> None:
    assert lang == "markdown"
    path = Path(f"docs/format.md (example at line {line})")
    source = read_module(text, path, DEFAULT_LIMITS)
    module = Module("example", 1, path, source.meta, source.intro, source.sections, SourceLoc(path, 1, 1), source.field_locs)
    found = [*source.diagnostics, *check_module(module)]
    errors = [d.format() for d in found if d.severity is Severity.ERROR and d.code[2] in "012"]
    assert errors == []


@pytest.mark.parametrize("line,lang,text", _examples("course.yml"), ids=[f"line {e[0]}" for e in _examples("course.yml")])
def test_course_examples_validate(line: int, lang: str, text: str) -> None:
    assert lang == "yaml"
    located = load_yaml(text, SourceLoc(Path(f"docs/format.md (example at line {line})"), 1))
    record, problems = validate(CourseMeta, located)
    assert [d.format() for d in problems] == []
    assert record is not None


def test_links_within_the_page_lead_to_a_heading() -> None:
    anchors = {_github_anchor(h) for h in _headings()}
    broken = sorted({a for a in re.findall(r"\]\(#([^)]+)\)", _prose()) if a not in anchors})
    assert broken == [], f"links to headings that do not exist: {broken}"


def test_every_test_the_readme_names_exists() -> None:
    """The README's promise table names its proofs; each must be a real test file and function."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    named = re.findall(r"`(tests/test_\w+\.py)(?:::(\w+))?`", readme)
    assert len(named) >= 10
    for path, function in named:
        source = Path(__file__).resolve().parent.parent / path
        assert source.is_file(), path
        if function:
            assert f"def {function}(" in source.read_text(), f"{path}::{function}"
    for function in re.findall(r"`::(\w+)`", readme):
        assert any(f"def {function}(" in p.read_text() for p in Path(__file__).resolve().parent.glob("test_*.py")), function
