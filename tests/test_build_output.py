"""`coursekit build`'s promises about the output folder: refused, locked, staged and swapped."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ProjectFactory
from toolkit import build as build_module
from toolkit import output as output_module
from toolkit.build import BuildSettings, run_build
from toolkit.cli import cli
from toolkit.diagnostics import Diagnostics
from toolkit.output import (MARKER, MARKER_TEXT, OutputRefused, is_lock_file, lock_file, locked, make_output_folder,
                            write_atomically)

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


def refusal(root: Path, out: str) -> tuple[int, str]:
    """The exit code and the error line of `coursekit build --out OUT`."""
    result = CliRunner().invoke(cli, ["build", str(root), "--out", out, "--only", "slides"])
    return result.exit_code, result.output.splitlines()[-1]


@pytest.mark.parametrize(("where", "replaced"), [
    (".", "the project"), ("courses", "the courses folder"), ("themes", "the themes folder"),
    ("..", "the project"), ("/", "the top of the file system")])
def test_an_out_that_would_replace_something_precious_is_refused(make_project: ProjectFactory, where: str,
                                                                  replaced: str) -> None:
    root = make_project().resolve()
    (root / "themes").mkdir()
    out = Path("/") if where == "/" else (root / where).resolve()
    assert refusal(root, str(root / where) if where != "/" else "/") == (
        2, f"Error: --out {out} would replace {replaced}; choose an empty folder such as {root / 'build'}")
    assert (root / "courses/small/course.yml").is_file()


@pytest.mark.parametrize(("where", "inside"), [
    ("courses/small/out", "the courses folder"), ("courses/new", "the courses folder"),
    ("themes/out", "the themes folder")])
def test_an_out_inside_the_courses_or_themes_is_refused(make_project: ProjectFactory, where: str, inside: str) -> None:
    root = make_project().resolve()
    (root / "themes").mkdir()
    assert refusal(root, str(root / where)) == (
        2, f"Error: --out {root / where} is inside {inside}; choose a folder outside it, such as {root / 'build'}")
    assert not (root / where).exists()


def test_an_out_elsewhere_in_the_project_is_allowed(make_project: ProjectFactory) -> None:
    root = make_project()
    assert build(root, root / "courses-out").ok  # beside the courses folder, not in it
    assert (root / "courses-out/slides/keep-moving.txt").is_file()


def test_a_linked_out_is_refused_and_its_folder_kept(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project()
    target = tmp_path / "elsewhere"
    target.mkdir()
    (root / "out").symlink_to(target)
    assert refusal(root, str(root / "out")) == (2, f"Error: {root / 'out'} is not a folder; choose another --out")
    assert list(target.iterdir()) == [] and (root / "out").is_symlink()


def test_a_file_as_out_is_refused(make_project: ProjectFactory) -> None:
    root = make_project()
    (root / "out").write_text("notes")  # the command line's own check refuses this before a build starts
    with pytest.raises(OutputRefused) as refused:
        build(root, root / "out")
    assert str(refused.value) == f"{root / 'out'} is not a folder; choose another --out"
    assert (root / "out").read_text() == "notes"


def test_a_folder_of_other_files_is_refused_with_what_to_do(make_project: ProjectFactory) -> None:
    root = make_project()
    (root / "mine").mkdir()
    (root / "mine/notes.txt").write_text("precious")
    assert refusal(root, str(root / "mine")) == (
        2, f"Error: {root / 'mine'} holds files that coursekit did not make (it has no {MARKER}); "
           "empty it yourself or choose another --out")


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


def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
        (folder / f"from-{folder.name}").write_text(folder.name)
    return a, b


def test_folders_are_exchanged_in_one_step(tmp_path: Path) -> None:
    a, b = two_folders(tmp_path)
    if output_module._renameat2 is None:
        pytest.skip("this system has no renameat2; the two-rename path is tested below")
    assert output_module._exchange(a, b) is True
    assert [p.name for p in a.iterdir()] == ["from-b"] and [p.name for p in b.iterdir()] == ["from-a"]


def test_folders_named_from_the_working_folder_are_exchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    two_folders(tmp_path)
    monkeypatch.chdir(tmp_path)
    if output_module._renameat2 is None:
        pytest.skip("this system has no renameat2")
    assert output_module._exchange(Path("a"), Path("b")) is True
    assert [p.name for p in Path("a").iterdir()] == ["from-b"]


def test_an_exchange_the_system_cannot_make_leaves_both_folders(tmp_path: Path) -> None:
    a, _ = two_folders(tmp_path)
    (a / "inner").mkdir()
    if output_module._renameat2 is not None:  # a folder cannot change place with one inside it: EINVAL
        assert output_module._exchange(a, a / "inner") is False
    assert sorted(p.name for p in a.iterdir()) == ["from-a", "inner"]


def test_a_failed_exchange_is_an_error_naming_the_folder(tmp_path: Path) -> None:
    a, _ = two_folders(tmp_path)
    if output_module._renameat2 is None:
        pytest.skip("this system has no renameat2")
    with pytest.raises(OSError) as failed:
        output_module._exchange(a, tmp_path / "missing")
    assert (failed.value.errno, failed.value.strerror, failed.value.filename) == (
        errno.ENOENT, "No such file or directory", str(tmp_path / "missing"))


def test_without_an_atomic_exchange_the_old_output_is_moved_aside_then_removed(
        make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output_module, "_renameat2", None)
    root = make_project()
    out = root / "build"
    a, b = two_folders(root)
    assert output_module._exchange(a, b) is False and (a / "from-a").is_file()
    assert build(root, out).ok
    (out / "stale.txt").write_text("from an older build")
    module = root / "courses/small/modules/01-keep-moving.md"
    module.write_text(module.read_text().replace("title: Keep moving", "title: Keep going"))
    assert build(root, out).ok
    assert (out / "slides/keep-moving.txt").read_text() == "Keep going" and not (out / "stale.txt").exists()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".build")) == [".build.lock"]


def test_leftovers_that_coursekit_did_not_mark_are_not_removed(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project()
    out = root / "build"
    build(root, out)
    unmarked = root / ".build.new-12345"  # named like a stage, but not coursekit's
    unmarked.mkdir()
    (unmarked / "notes.txt").write_text("precious")
    elsewhere = tmp_path / "elsewhere"  # a link named like an old output, to a folder that has a marker
    elsewhere.mkdir()
    (elsewhere / MARKER).write_text("")
    (elsewhere / "notes.txt").write_text("precious")
    (root / ".build.old-12345").symlink_to(elsewhere)
    assert build(root, out).ok
    assert (unmarked / "notes.txt").read_text() == "precious"
    assert sorted(p.name for p in elsewhere.iterdir()) == [MARKER, "notes.txt"]


def test_outputs_not_built_are_carried_over_as_they_were(make_project: ProjectFactory, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project()
    out = root / "build"
    monkeypatch.setitem(build_module.BUILDERS, "guide", FAKE.replace("fake_builder", "fake_guide"))
    assert run_build(root, BuildSettings(out=out, only=("slides", "guide"))).ok
    outside = tmp_path / "outside.txt"
    outside.write_text("not part of the output")
    (out / "guide/link.txt").symlink_to(outside)
    outside_folder = tmp_path / "outside"
    outside_folder.mkdir()
    (outside_folder / "notes.txt").write_text("not part of the output either")
    (out / "guide/linked-folder").symlink_to(outside_folder, target_is_directory=True)
    kept = (out / "guide/guide.txt").stat().st_ino
    assert run_build(root, BuildSettings(out=out, only=("slides",))).ok
    assert (out / "guide/link.txt").is_symlink() and (out / "guide/link.txt").readlink() == outside
    assert (out / "guide/linked-folder").is_symlink() and (out / "guide/linked-folder").readlink() == outside_folder
    assert (out / "guide/guide.txt").stat().st_ino == kept  # hard-linked, not copied


def test_outputs_are_copied_over_where_the_disk_cannot_link(make_project: ProjectFactory,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project()
    out = root / "build"
    monkeypatch.setitem(build_module.BUILDERS, "guide", FAKE.replace("fake_builder", "fake_guide"))
    assert run_build(root, BuildSettings(out=out, only=("slides", "guide"))).ok
    (out / "guide/guide.txt").write_text("from the first build")

    def cannot_link(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cannot_link)
    assert run_build(root, BuildSettings(out=out, only=("slides",))).ok
    assert (out / "guide/guide.txt").read_text() == "from the first build"


def test_an_output_folder_is_made_with_its_parents_and_the_marker(tmp_path: Path) -> None:
    folder = tmp_path / "a/b/build"
    make_output_folder(folder)
    assert (folder / MARKER).read_text() == MARKER_TEXT
    (folder / "kept.txt").write_text("x")
    make_output_folder(folder)  # an existing folder is left as it is
    assert (folder / "kept.txt").is_file()


def test_a_file_is_written_whole_through_a_hidden_temporary_beside_it(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new/folder/report.html"
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(source: str, destination: str) -> None:
        replaced.append((source, destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    write_atomically(path, b"first")
    write_atomically(path, b"second")
    assert path.read_bytes() == b"second" and [p.name for p in path.parent.iterdir()] == ["report.html"]
    for source, destination in replaced:
        assert Path(source).parent == path.parent and destination == path
        assert Path(source).name.startswith(".report.html.") and source.endswith(".tmp")


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(b"old")

    def disk_full(source: str, destination: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["report.html"]


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


def test_an_interrupt_just_after_the_rename_leaves_the_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(b"old")
    real_replace = os.replace

    def replace_then_interrupted(source: str, destination: str) -> None:
        real_replace(source, destination)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_the_lock_is_a_hidden_file_beside_the_output_known_by_its_name(tmp_path: Path) -> None:
    out = tmp_path / "site-builds" / "build"
    out.parent.mkdir()
    with locked(out):
        assert sorted(p.name for p in out.parent.iterdir()) == [".build.lock"]
    assert lock_file(out) == out.parent / ".build.lock"
    assert is_lock_file(lock_file(out)) and is_lock_file(tmp_path / ".other.lock")
    assert not is_lock_file(tmp_path / "poetry.lock") and not is_lock_file(tmp_path / ".settings")
