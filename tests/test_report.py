"""`coursekit report`: a row per module in the terminal and a self-contained, escaped HTML page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES, MODULE, ProjectFactory
from tests.fresh_process import SEEDS, coursekit, differences
from toolkit.cli import cli


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def weak(tmp_path: Path) -> Path:
    root = tmp_path / "weak"
    shutil.copytree(FIXTURES / "pemat-weak", root)
    return root


def test_the_terminal_table_has_a_row_per_module(weak: Path) -> None:
    code, output = invoke("report", str(weak))
    assert code == 0
    rows = [line for line in output.splitlines() if re.match(r"^│ \d ", line)]
    assert [re.split(r"\s*│\s*", row.strip("│ ")) for row in rows] == [
        ["1", "01-about-the-nerves.md", "4.0", "7.2", "0%", "0", "—", "current", "0E 7W"],
        ["2", "02-why-your-leg-feels-numb.md", "1.9", "6.2", "100%", "2", "2 of 2 (at-once)", "current", "0E 0W"],
    ]
    assert "Course average: Flesch-Kincaid 3.0, SMOG 6.7 (target 7 or below; each module 8 or below)" in output
    assert "Red flags: 2 of 2 required warning signs covered" in output
    assert "Review: current until 2099-01-15" in output
    assert output.splitlines()[-1] == f"Wrote {weak / 'build' / 'report' / 'numb-legs.html'}"


def test_the_html_report_is_self_contained(weak: Path) -> None:
    invoke("report", str(weak))
    page = (weak / "build/report/numb-legs.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">")
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), "nothing may be fetched"
    assert "default-src 'none'" in page
    # A bar per grade, with an accessible name that does not rely on colour.
    assert 'aria-label="Flesch-Kincaid grade 4.0, on target"' in page
    assert 'aria-label="PEMAT-style score 0%"' in page
    assert "not met</span>: Informative headings (`Overview`, `Section 2`)" in page


def test_every_piece_of_content_is_escaped(make_project: ProjectFactory, tmp_path: Path) -> None:
    hostile = MODULE.replace("title: Keep moving", "title: \"<script>alert('t')</script> & <b>\"").replace(
        "Walk a little each day.", "Walk <img src=x onerror=alert(1)> a little each day.")
    root = make_project(modules={"01-keep-moving.md": hostile},
                        course_yml=Path(FIXTURES / "plain-good/courses/numb-legs/course.yml").read_text().replace(
                            "title: Numb legs after back surgery", "title: \"</title><script>x()</script>\""))
    code, _ = invoke("report", str(root), "--out", str(tmp_path / "elsewhere"))
    assert code == 0
    page = (tmp_path / "elsewhere/small.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert "&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;" in page


def test_the_same_project_gives_the_same_bytes_from_two_fresh_processes(weak: Path, tmp_path: Path) -> None:
    for seed in SEEDS:
        result = coursekit("report", str(weak), "--out", str(tmp_path / seed), seed=seed)
        assert result.returncode == 0, result.stdout + result.stderr
    found = differences(tmp_path / SEEDS[0], tmp_path / SEEDS[1])
    assert not found, "\n".join(found)
    assert (tmp_path / SEEDS[0] / "numb-legs.html").is_file()


def test_a_hard_module_shows_as_an_error_in_the_report() -> None:
    from toolkit.check import run_check
    from toolkit.governance import today
    from toolkit.report import course_report

    checked = run_check(FIXTURES / "plain-hard")
    report = course_report(checked.project.courses[0], checked.diagnostics, today())
    (row,) = report.rows
    assert (row.flesch_kincaid, row.smog, report.grade_state(row.smog), row.errors) == (8.9, 10.4, "error", 1)
    assert row.hardest[0][1].startswith("Consequently, comprehensive multidisciplinary rehabilitation")


def test_review_status_and_uncovered_signs(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "red-flags-uncovered", root)
    course = root / "courses/numb-legs/course.yml"
    course.write_text(course.read_text().replace("reviewed: 2026-01-15\nnext_review: 2099-01-15",
                                                 "reviewed: 2025-12-01\nnext_review: 2026-12-01"))
    code, output = invoke("report", str(root))
    assert code == 0
    assert "Red flags: 2 of 3 required warning signs covered; not covered: Weakness in both legs" in output
    assert "Review: due 2026-12-01 (in 10 days)" in output
    page = (root / "build/report/numb-legs.html").read_text(encoding="utf-8")
    assert '<td>Weakness in both legs</td><td>any</td><td><span class="state error">not covered</span></td>' in page


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, output = invoke("report", str(tmp_path))
    assert code == 2
    assert "is not a coursekit project: it has no mkdocs.yml" in output


def test_the_json_report_gives_the_table_s_figures(weak: Path) -> None:
    import json

    code, output = invoke("report", str(weak), "--format", "json")
    assert code == 0
    (course,) = json.loads(output)["courses"]
    rows = [(m["file"], m["flesch_kincaid"], m["smog"], m["pemat_score"], m["terms"], m["red_flags"], m["errors"],
             m["warnings"]) for m in course["modules"]]
    assert rows == [("01-about-the-nerves.md", 4.0, 7.2, 0, 0, "—", 0, 7),
                    ("02-why-your-leg-feels-numb.md", 1.9, 6.2, 100, 2, "2 of 2 (at-once)", 0, 0)]
    assert (course["average_flesch_kincaid"], course["average_smog"]) == (3.0, 6.7)
    assert course["red_flags"]["covered"] == course["red_flags"]["required"] == 2
    assert course["review"] == {"state": "current", "label": "current until 2099-01-15", "days_left": course["review"]["days_left"]}
    assert not (weak / "build" / "report").exists()  # json prints, and writes nothing
