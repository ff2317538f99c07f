"""`coursekit check --jobs`: modules checked in worker processes give exactly the serial findings, in order."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import FIXTURES, REPO, SAMPLE_COURSES, SPINE_COURSE
from toolkit.check import MODULES_PER_JOB, check_files, run_check
from toolkit.planning import OUTPUTS
from toolkit.cli import cli


def _project(root: Path) -> Path:
    """The broken and hard-to-read courses and every sample course, the samples with more modules than one job
    takes: clean, broken and hard to read."""
    (root / "mkdocs.yml").write_text("site_name: Jobs\n")
    shutil.copytree(FIXTURES / "broken" / "courses", root / "courses")
    shutil.copytree(FIXTURES / "plain-hard" / "courses", root / "courses", dirs_exist_ok=True)
    for course_id in SAMPLE_COURSES:
        sample = root / "courses" / f"sample-{course_id}"
        shutil.copytree(REPO / "courses" / course_id, sample)
        originals = sorted((sample / "modules").glob("*.md"))
        # Copies not listed in course.yml (CK205), their links between them resolved like the originals'.
        for copy in range(2 * MODULES_PER_JOB // len(originals)):
            for path in originals:
                number = int(path.name[:2]) + 10 * (copy + 1)
                (sample / "modules" / f"{number:02d}-{path.name[3:]}").write_text(path.read_text())
        assert len(list((sample / "modules").glob("*.md"))) > 2 * MODULES_PER_JOB
    return root


def test_two_jobs_give_the_serial_findings_in_the_same_order(tmp_path: Path) -> None:
    root = _project(tmp_path)
    serial = list(run_check(root).diagnostics)
    assert {d.code for d in serial} >= {"CK205", "CK308", "CK401"}
    assert list(check_files(root, jobs=1)) == serial
    assert list(check_files(root, jobs=2)) == serial
    assert list(check_files(root, strict=True, jobs=2)) == list(run_check(root, strict=True).diagnostics)


def test_the_command_prints_the_same_json_with_one_job_or_two(tmp_path: Path) -> None:
    root = _project(tmp_path)
    one = CliRunner().invoke(cli, ["check", "--format", "json", "--jobs", "1", str(root)])
    two = CliRunner().invoke(cli, ["check", "--format", "json", "--jobs", "2", str(root)])
    assert (one.exit_code, two.exit_code) == (1, 1)
    assert two.output == one.output
    assert '"code": "CK308"' in one.output


def test_the_outputs_planned_beside_the_checks_give_the_serial_findings(tmp_path: Path) -> None:
    """A project without errors has its outputs planned, in jobs of their own: the same findings, in order."""
    (tmp_path / "mkdocs.yml").write_text("site_name: Jobs\n")
    for name in ("first", "second"):
        shutil.copytree(REPO / "courses" / SPINE_COURSE, tmp_path / "courses" / name)
    second = tmp_path / "courses" / "second"
    course_yml = second / "course.yml"
    course_yml.write_text("\n".join(line for line in course_yml.read_text().splitlines() if not line.startswith("site_url:")))
    for copy in range(2):  # more modules than one job takes
        for path in sorted((second / "modules").glob("0*.md")):
            name = f"{int(path.name[:2]) + 10 * (copy + 1):02d}-{path.name[3:-3]}-again-{copy}.md"
            (second / "modules" / name).write_text(path.read_text())
    serial = run_check(tmp_path, outputs=OUTPUTS)
    assert not serial.diagnostics.errors
    assert {"CK205", "CK745", "CK774"} <= set(serial.diagnostics.codes())
    assert list(check_files(tmp_path, jobs=1)) == list(serial.diagnostics)
    assert list(check_files(tmp_path, jobs=2)) == list(serial.diagnostics)
    assert "CK745" not in run_check(tmp_path).diagnostics.codes()  # only a check that plans the outputs finds it
