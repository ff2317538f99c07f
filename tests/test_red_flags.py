"""Red-flag coverage: every warning sign `course.yml` requires must be in some red-flags block."""

from __future__ import annotations

from tests.conftest import COURSE_YML, FIXTURES, MODULE, ProjectFactory
from toolkit.check import run_check
from toolkit.loader import load_project
from toolkit.plain_language.analysis import analyse

REQUIRED = COURSE_YML + """\
red_flags:
  - sign: Bladder control
    phrases: [control your bladder]
  - sign: Saddle numbness
    phrases: [Numb Between Your Legs, saddle]
"""


def found(root) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return [(d.code, d.loc.path.as_posix(), d.loc.line) for d in run_check(root).diagnostics.sorted()]


def test_an_uncovered_sign_is_an_error_at_its_line_in_course_yml() -> None:
    diagnostics = list(run_check(FIXTURES / "red-flags-uncovered").diagnostics)
    assert [(d.code, d.loc.path.as_posix(), d.loc.line, d.severity.value) for d in diagnostics] == [
        ("CK510", "courses/numb-legs/course.yml", 21, "error")]
    assert diagnostics[0].message == ("the warning sign “Weakness in both legs” is in no `red-flags` block "
                                      "(looked for “both legs”, “both of your legs”)")


def test_phrases_match_any_case_and_spacing_inside_red_flags_blocks_only(make_project: ProjectFactory) -> None:
    # The baseline module covers the bladder; "numb between your legs" appears only in ordinary text and notes.
    text = MODULE.replace("Walk a little each day.", "Walk a little each day. Tell us if you feel numb between your legs.\n\n"
                          "::: notes\nAsk about feeling numb between your legs.\n:::")
    root = make_project(course_yml=REQUIRED, modules={"01-keep-moving.md": text})
    assert found(root) == [("CK510", "courses/small/course.yml", 20)]
    covered = MODULE.replace("- You cannot control your bladder", "- You cannot CONTROL your\n  bladder\n- You feel numb between\n  your legs")
    root = make_project(course_yml=REQUIRED, modules={"01-keep-moving.md": covered})
    assert found(root) == []


def test_coverage_per_module(make_project: ProjectFactory) -> None:
    other = MODULE.replace("- You cannot control your bladder", "- Your saddle area feels numb")
    root = make_project(course_yml=REQUIRED, modules={"01-keep-moving.md": MODULE, "02-more.md": other})
    project, _ = load_project(root)
    analysis = analyse(project.courses[0])
    assert [(c.sign, c.covered_by) for c in analysis.red_flags] == [
        ("Bladder control", ("keep-moving",)), ("Saddle numbness", ("more",))]
    assert analysis.signs_covered_by("more") == ["Saddle numbness"]
