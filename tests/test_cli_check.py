"""`coursekit check` through Click's CliRunner: exit codes, messages and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import COURSE_YML, FIXTURES, FOOT_COURSE, MODULE, REPO, SAMPLE_COURSES, SPINE_COURSE, ProjectFactory
from toolkit import __version__
from toolkit.cli import cli

BROKEN = FIXTURES / "broken"
B = "courses/broken-course"

# Every problem planted in the broken fixture: (file:line, severity and code).
BROKEN_FINDINGS = [
    (f"{B}/course.yml:1:1", "error[CK216]"),
    (f"{B}/course.yml:2:1", "error[CK101]"),
    (f"{B}/course.yml:4:14", "error[CK103]"),
    (f"{B}/course.yml:9:5", "error[CK206]"),
    (f"{B}/course.yml:10:5", "error[CK207]"),
    (f"{B}/course.yml:11:5", "error[CK204]"),
    (f"{B}/glossary.yml:2:1", "error[CK003]"),
    (f"{B}/modules/01-intro.md:2:1", "error[CK102]"),
    (f"{B}/modules/01-intro.md:8:1", "error[CK307]"),
    (f"{B}/modules/01-intro.md:8:1", "error[CK313]"),
    (f"{B}/modules/01-intro.md:10:1", "error[CK301]"),
    (f"{B}/modules/01-intro.md:12:1", "error[CK302]"),
    (f"{B}/modules/01-intro.md:14:1", "error[CK304]"),
    (f"{B}/modules/01-intro.md:16:1", "error[CK303]"),
    (f"{B}/modules/01-intro.md:18:1", "error[CK308]"),
    (f"{B}/modules/02-steps.md:9:1", "error[CK214]"),
    (f"{B}/modules/02-steps.md:13:1", "error[CK211]"),
    (f"{B}/modules/02-steps.md:20:1", "error[CK212]"),
    (f"{B}/modules/02-steps.md:26:1", "error[CK209]"),
    (f"{B}/modules/02-steps.md:30:1", "error[CK210]"),
    (f"{B}/modules/03-no-section.md:1:1", "error[CK208]"),
    (f"{B}/modules/04-Intro.md:1:1", "error[CK202]"),
    (f"{B}/modules/06-steps.md:1:1", "error[CK201]"),
    (f"{B}/modules/07-not-listed.md:1:1", "warning[CK205]"),
    (f"{B}/modules/8 bad name.md:1:1", "error[CK203]"),
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# The fixture plants problems of reading files, fields, structure and media; the
# plain-language and governance checks (CK4xx, CK5xx) have their own tests and fixtures.
PLANTED = ("[CK0", "[CK1", "[CK2", "[CK3", "[CK6", "[CK7")


def test_the_broken_fixture_reports_every_problem_with_its_file_and_line() -> None:
    code, output = run("check", str(BROKEN))
    assert code == 1
    all_heads = [line.split(": ", 2)[:2] for line in output.splitlines() if not line.startswith("  ")][:-1]
    heads = [head for head in all_heads if any(p in head[1] for p in PLANTED)]
    assert heads == [[where, what] for where, what in BROKEN_FINDINGS]
    assert len({what for _, what in BROKEN_FINDINGS}) >= 15
    errors = sum(1 for _, what in all_heads if what.startswith("error"))
    warnings = sum(1 for _, what in all_heads if what.startswith("warning"))
    assert errors >= 23 and warnings >= 1
    assert output.splitlines()[-1] == f"{errors} errors, {warnings} warning{'s' if warnings != 1 else ''}."


def test_each_finding_has_a_message_and_a_hint() -> None:
    _, output = run("check", str(BROKEN))
    lines = output.splitlines()
    assert f"{B}/course.yml:2:1: error[CK101]: unknown field `lanuage`" in lines
    assert lines[lines.index(f"{B}/course.yml:2:1: error[CK101]: unknown field `lanuage`") + 1] == "  hint: Did you mean `language`?"
    assert f"{B}/modules/02-steps.md:26:1: error[CK209]: unknown block `::: warning`" in lines
    assert "  hint: Did you mean `::: caution`?" in lines
    for index, line in enumerate(lines[:-1]):
        if not line.startswith("  "):
            assert lines[index + 1].startswith("  hint: "), line


def test_a_misspelt_module_file_name_gets_the_file_it_most_likely_means(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + "modules:\n  - 01-keep-movng.md\n  - 02-Sleep-well.md\n",
                        files={"modules/02-sleep-well.md": MODULE.replace("Keep moving", "Sleep well")})
    code, output = run("check", str(root))
    lines = output.splitlines()
    assert code == 1
    typo = "courses/small/course.yml:18:5: error[CK204]: `modules/01-keep-movng.md` does not exist"
    assert lines[lines.index(typo) + 1] == "  hint: Did you mean `01-keep-moving.md`?"
    case = "courses/small/course.yml:19:5: error[CK204]: `modules/02-Sleep-well.md` does not exist"
    assert lines[lines.index(case) + 1] == "  hint: Did you mean `02-sleep-well.md`?"


def test_a_module_file_name_like_no_file_gets_the_general_hint(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + "modules:\n  - 01-keep-moving.md\n  - 02-eating-out.md\n")
    lines = run("check", str(root))[1].splitlines()
    missing = "courses/small/course.yml:19:5: error[CK204]: `modules/02-eating-out.md` does not exist"
    assert lines[lines.index(missing) + 1] == "  hint: Fix the name in `modules:` or create the module file."


def test_json_gives_the_same_findings() -> None:
    code, output = run("check", str(BROKEN), "--format", "json")
    assert code == 1
    report = json.loads(output)
    found = [(f"{d['path']}:{d['line']}:{d['column']}", f"{d['severity']}[{d['code']}]") for d in report["diagnostics"]]
    assert [f for f in found if any(p in f[1] for p in PLANTED)] == BROKEN_FINDINGS
    assert (report["errors"], report["warnings"]) == (sum(1 for _, w in found if w.startswith("error")),
                                                      sum(1 for _, w in found if w.startswith("warning")))
    assert all(d["hint"] for d in report["diagnostics"])


def test_the_sample_courses_are_both_there_and_clean_under_strict() -> None:
    assert {SPINE_COURSE, FOOT_COURSE} <= set(SAMPLE_COURSES)  # the tests of the samples run on each of these
    assert run("check", str(REPO), "--strict") == (0, "No problems found.\n")


# A course with a site address: its decks and handouts can show a QR code to it (else CK745, CK774).
PUBLISHED_MKDOCS = "site_name: Test\nsite_url: https://example.org/small/\n"


def test_a_clean_project_exits_zero(make_project: ProjectFactory) -> None:
    assert run("check", str(make_project(mkdocs_yml=PUBLISHED_MKDOCS))) == (0, "No problems found.\n")


def test_strict_turns_a_warning_into_a_failure(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + "modules:\n  - 01-keep-moving.md\n", mkdocs_yml=PUBLISHED_MKDOCS, files={"modules/02-extra.md": MODULE})
    code, output = run("check", str(root))
    assert code == 0 and "warning[CK205]" in output
    code, output = run("check", str(root), "--strict")
    assert code == 1
    assert "courses/small/modules/02-extra.md:1:1: error[CK205]" in output
    assert output.splitlines()[-1] == "1 error, 0 warnings."


def test_the_project_defaults_to_the_folder_holding_mkdocs_yml(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(mkdocs_yml=PUBLISHED_MKDOCS)
    monkeypatch.chdir(root / "courses" / "small")
    assert run("check") == (0, "No problems found.\n")


def test_a_folder_that_is_not_a_project_is_a_usage_error(tmp_path: Path) -> None:
    code, output = run("check", str(tmp_path))
    assert code == 2
    assert f"Error: `{tmp_path}` is not a coursekit project: it has no mkdocs.yml." in output


def test_no_project_anywhere_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("check")
    assert code == 2
    assert "Error: no mkdocs.yml here or in any folder above." in output


def test_an_unknown_option_is_a_usage_error() -> None:
    code, output = run("check", "--stricter")
    assert code == 2
    assert output.splitlines()[0] == "Usage: coursekit check [OPTIONS] [PROJECT]"
    assert output.splitlines()[-1] == "Error: No such option '--stricter'. Did you mean '--strict'?"


def test_a_bad_format_is_a_usage_error() -> None:
    code, output = run("check", str(BROKEN), "--format", "xml")
    assert code == 2
    assert "'xml' is not one of 'text', 'json'" in output


def test_version() -> None:
    assert run("--version") == (0, f"coursekit, version {__version__}\n")


def test_content_problems_never_give_a_traceback(make_project: ProjectFactory) -> None:
    root = make_project(modules={})
    (root / "courses/small/modules/01-bad.md").write_bytes(b"---\n- [\n---\n\x00\xed\xb3\xbf")
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_shell_completion_offers_the_commands() -> None:
    result = CliRunner().invoke(cli, [], prog_name="coursekit", env={
        "_COURSEKIT_COMPLETE": "bash_complete", "COMP_WORDS": "coursekit ch", "COMP_CWORD": "1"})
    assert result.output.splitlines() == ["plain,check"]


def test_questions_to_ask_are_a_list_of_short_texts_each_error_at_its_line(make_project: ProjectFactory) -> None:
    one_line = MODULE.replace("sources:\n", "questions: What is causing my pain?\nsources:\n")
    a_mapping = MODULE.replace("sources:\n", "questions:\n  - What is causing my pain?\n  - when: tomorrow\nsources:\n")
    root = make_project({"01-keep-moving.md": one_line, "02-sleep-well.md": a_mapping.replace("Keep moving", "Sleep well")})
    code, output = run("check", str(root))
    lines = output.splitlines()
    assert code == 1
    found = [line for line in lines if "error[CK1" in line]
    assert found == [
        "courses/small/modules/01-keep-moving.md:9:12: error[CK103]: `questions`: expected a list, one `- item` per "
        "line, got 'What is causing my pain?'",
        "courses/small/modules/02-sleep-well.md:11:5: error[CK103]: `questions[2]`: expected text, got `name: value` "
        "fields"]
    assert lines[lines.index(found[0]) + 1] == "  hint: Change the value to the form the format reference shows."
