"""`coursekit build`'s promises about the output folder: refused, locked, staged and swapped."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ProjectFactory
from toolkit import build as build_module
from toolkit.build import BuildSettings, run_build
from toolkit.cli import cli
from toolkit.diagnostics import Diagnostics
from toolkit.output import MARKER, OutputRefused, locked

FAKE = "tests.test_build_output:fake_builder"


def fake_builder(context, stage: Path) -> Diagnostics:  # type: ignore[no-untyped-def]
    """A stand-in output: one file per module, so tests need no real renderer."""
    folder = stage / "slides"
    folder.mkdir()
    for course in context.project.courses:
        for module in course.modules:
            (folder / f"{module.id}.txt").write_text(module.meta.title)
    if FAIL_WITH:
        error = FAIL_WITH[0]
        if isinstance(error, OSError) and error.filename and error.filename.startswith("STAGE/"):
            error.filename = str(stage / error.filename.removeprefix("STAGE/"))
        raise error
    return Diagnostics()


FAIL_WITH: list[BaseException] = []


@pytest.fixture(autouse=True)
def fake_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(build_module.BUILDERS, "slides", FAKE)
    FAIL_WITH.clear()


def build(root: Path, out: Path) -> build_module.BuildResult:
    return run_build(root, BuildSettings(out=out, only=("slides",), force=True))


def test_a_build_writes_the_marker_and_replaces_its_own_output(make_project: ProjectFactory) -> None:
    root = make_project()
    out = root / "build"
    assert build(root, out).ok
    assert (out / MARKER).is_file() and (out / "slides/keep-moving.txt").read_text() == "Keep moving"
    (out / "stale.txt").write_text("from an older build")
    assert build(root, out).ok
    assert not (out / "stale.txt").exists()
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".build")) == [".build.lock"]


def test_content_errors_write_nothing_and_keep_the_old_build(make_project: ProjectFactory) -> None:
    root = make_project()
    out = root / "build"
    build(root, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    module = root / "courses/small/modules/01-keep-moving.md"
    module.write_text(module.read_text().replace("duration: 10", "duration: ten"))
    result = build(root, out)
    assert not result.ok and "CK103" in result.diagnostics.codes()
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_failed_write_keeps_the_old_build_and_says_why(make_project: ProjectFactory) -> None:
    root = make_project()
    out = root / "build"
    build(root, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    FAIL_WITH.append(OSError(errno.ENOSPC, "No space left on device", "STAGE/slides/keep-moving.txt"))
    result = build(root, out)
    assert [d.format() for d in result.diagnostics.errors] == [
        f"{out / 'slides' / 'keep-moving.txt'}: error[CK790]: writing the output failed: No space left on device\n"
        "  hint: Check that the output folder can be written to and that the disk is not full; the previous build was left as it was."
    ]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.parent.glob(".build.new-*"))


def test_interrupting_a_build_keeps_the_old_build(make_project: ProjectFactory) -> None:
    root = make_project()
    out = root / "build"
    build(root, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    FAIL_WITH.append(KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        build(root, out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_folder_without_the_marker_is_refused(make_project: ProjectFactory) -> None:
    root = make_project()
    out = root / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("precious")
    with pytest.raises(OutputRefused, match="holds files that coursekit did not make"):
        build(root, out)
    assert (out / "notes.txt").read_text() == "precious"


@pytest.mark.parametrize("where", [".", "courses", "themes", "courses/small/out", "/"])
def test_dangerous_outputs_are_refused(make_project: ProjectFactory, where: str) -> None:
    root = make_project()
    (root / "themes").mkdir(exist_ok=True)
    result = CliRunner().invoke(cli, ["build", str(root), "--out", where if where == "/" else str(root / where), "--only", "site"])
    assert result.exit_code == 2
    assert "Error: --out " in result.output
    assert "choose" in result.output


def test_the_home_folder_is_refused(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = make_project()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    with pytest.raises(OutputRefused, match="would replace your home folder"):
        build(root, home)


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_runs(make_project: ProjectFactory) -> None:
    root = make_project()
    out = root / "build"
    with locked(out.resolve()):
        with pytest.raises(OutputRefused, match="another coursekit build is writing"):
            build(root, out)


def test_an_output_killed_mid_swap_is_restored(make_project: ProjectFactory) -> None:
    root = make_project()
    out = root / "build"
    build(root, out)
    # As if killed between moving the old output aside and moving the new one in.
    aside = out.parent / ".build.old-99999"
    out.rename(aside)
    (out.parent / ".build.new-99999").mkdir()
    (out.parent / ".build.new-99999" / MARKER).write_text("")
    FAIL_WITH.append(OSError(errno.EIO, "Input/output error"))
    build(root, out)
    assert (out / "slides/keep-moving.txt").is_file()
    assert not aside.exists() and not (out.parent / ".build.new-99999").exists()


def test_the_command_prints_plain_lines_and_a_summary_when_not_on_a_terminal(make_project: ProjectFactory) -> None:
    root = make_project(mkdocs_yml="site_name: Test\nsite_url: https://example.org/small/\n")  # no CK745: nothing to report
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "slides"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "building slides ..."
    assert lines[1].startswith("built slides in ") and lines[1].endswith(" s")
    assert lines[2].startswith("slides: 1 file, 11 B, ")
    assert lines[3] == f"Built slides into {root / 'build'}: 1 file."


def test_quiet_prints_nothing_on_success_and_only_errors_on_failure(make_project: ProjectFactory) -> None:
    root = make_project()
    assert CliRunner().invoke(cli, ["build", str(root), "--only", "slides", "--quiet"]).output == ""
    module = root / "courses/small/modules/01-keep-moving.md"
    module.write_text(module.read_text().replace("duration: 10", "duration: ten") + "\n<b>warned</b>\n")
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "slides", "--quiet"])
    assert result.exit_code == 1
    assert "error[CK103]" in result.output and "warning[" not in result.output
    assert result.output.splitlines()[-1] == "Nothing was written; the previous build is unchanged."


def test_an_unknown_output_is_a_usage_error(make_project: ProjectFactory) -> None:
    result = CliRunner().invoke(cli, ["build", str(make_project()), "--only", "site,pdf"])
    assert result.exit_code == 2
    assert "Invalid value for --only: expected a list from slides, handouts, guide, site, got 'site,pdf'" in result.output


def test_folders_are_exchanged_in_one_step(tmp_path: Path) -> None:
    from toolkit.output import _exchange

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "from-a").write_text("a")
    (b / "from-b").write_text("b")
    if not _exchange(a, b):
        pytest.skip("this system has no atomic folder exchange; the two-rename path is tested above")
    assert [p.name for p in a.iterdir()] == ["from-b"] and [p.name for p in b.iterdir()] == ["from-a"]


def test_building_one_output_keeps_the_others(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project()
    out = root / "build"
    monkeypatch.setitem(build_module.BUILDERS, "guide", FAKE.replace("fake_builder", "fake_guide"))
    assert run_build(root, BuildSettings(out=out, only=("slides", "guide"))).ok
    (out / "slides/keep-moving.txt").write_text("from the first build")
    assert run_build(root, BuildSettings(out=out, only=("guide",))).ok
    assert (out / "slides/keep-moving.txt").read_text() == "from the first build"
    assert (out / "guide/guide.txt").is_file()


def fake_guide(context, stage: Path) -> Diagnostics:  # type: ignore[no-untyped-def]
    (stage / "guide").mkdir()
    (stage / "guide/guide.txt").write_text("guide")
    return Diagnostics()


def test_a_report_in_build_does_not_stop_a_later_build(make_project: ProjectFactory) -> None:
    root = make_project()
    result = CliRunner().invoke(cli, ["report", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "build/report/small.html").is_file()
    assert build(root, root / "build").ok
    assert (root / "build/report/small.html").is_file()


def test_a_full_disk_during_the_site_build_is_ck790(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.utils

    from toolkit.scaffold import new_project

    def disk_full(content: bytes, output_path: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", output_path)

    root = new_project(tmp_path / "project")
    monkeypatch.setattr(mkdocs.utils, "write_file", disk_full)
    result = run_build(root, BuildSettings(out=root / "build", only=("site",)))
    assert [d.code for d in result.diagnostics.errors] == ["CK790"]
    assert "No space left on device" in result.diagnostics.errors[0].message
    assert not (root / "build").exists()
