"""A build whose output was made from the very same inputs stops at once and reports the same findings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO, ProjectFactory
from toolkit import build as build_module
from toolkit import rules
from toolkit.cache import CACHE_FOLDER
from toolkit.cli import cli
from toolkit.diagnostics import Diagnostics
from toolkit.source import SourceLoc
from toolkit.uptodate import RECORD

BUILT: list[str] = []
WARNED = "\n<b>warned</b>\n"  # raw HTML: a warning (CK221) that each build must report again


def counting_builder(context, stage: Path) -> Diagnostics:  # type: ignore[no-untyped-def]
    """A stand-in output, one file per module, that notes each time it runs."""
    BUILT.append(context.settings.describe())
    folder = stage / "slides"
    folder.mkdir()
    for course in context.project.courses:
        for module in course.modules:
            (folder / f"{module.id}.txt").write_text(module.meta.title)
    return Diagnostics()


@pytest.fixture(autouse=True)
def counted_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(build_module.BUILDERS, "slides", "tests.test_build_uptodate:counting_builder")
    BUILT.clear()


@pytest.fixture
def project(make_project: ProjectFactory) -> Path:
    root = make_project(mkdocs_yml="site_name: Test\nsite_url: https://example.org/small/\n")  # no CK745 from planning the decks
    module = root / "courses/small/modules/01-keep-moving.md"
    module.write_text(module.read_text() + WARNED)
    return root


def build(root: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "slides", *options])
    return result.exit_code, result.output


def _snapshot(out: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}


def test_a_rebuild_with_nothing_changed_builds_nothing_and_reports_the_same_findings(project: Path) -> None:
    code, first = build(project)
    assert code == 0 and len(BUILT) == 1
    before = _snapshot(project / "build")
    code, again = build(project)
    assert code == 0 and len(BUILT) == 1
    lines = first.splitlines()  # progress, the findings, the summary of what was written
    findings = lines[2:lines.index(next(line for line in lines if line.startswith("slides: ")))]
    assert "warning[CK221]" in findings[0] and findings[-1] == "0 errors, 1 warning."
    assert again.splitlines() == [*findings, f"Nothing changed since the last build: {project / 'build'} is up to date (1 file)."]
    assert _snapshot(project / "build") == before  # not a file touched


def test_a_build_with_nothing_to_do_stops_before_loading_the_model_or_the_checks(project: Path) -> None:
    build(project)
    probe = ("import sys\nfrom toolkit.cli import cli\n"
             f"try:\n    cli(['build', {str(project)!r}, '--only', 'slides'])\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in ('pydantic', 'markdown_it', 'toolkit.check', 'toolkit.model') if m in sys.modules))")
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-2:] == [
        f"Nothing changed since the last build: {project / 'build'} is up to date (1 file).", "[]"], ran.stdout


def test_quiet_says_nothing_when_nothing_changed(project: Path) -> None:
    build(project)
    assert build(project, "--quiet") == (0, "")
    assert len(BUILT) == 1


def test_force_builds_even_when_nothing_changed(project: Path) -> None:
    build(project)
    code, output = build(project, "--force")
    assert code == 0 and len(BUILT) == 2
    assert output.splitlines()[-1] == f"Built slides into {project / 'build'}: 1 file."


def _edit_module(root: Path) -> None:
    module = root / "courses/small/modules/01-keep-moving.md"
    module.write_text(module.read_text().replace("Walk a little each day.", "Walk a little every day."))


def _add_media(root: Path) -> None:
    (root / "courses/small/media/new.png").parent.mkdir(exist_ok=True)
    (root / "courses/small/media/new.png").write_bytes(b"not yet used")


def _edit_theme(root: Path) -> None:
    (root / "themes/notes.css").parent.mkdir(exist_ok=True)
    (root / "themes/notes.css").write_text("/* a theme's file */\n")


def _touch_other_file(root: Path) -> None:
    other = root / "notes.txt"
    other.write_text("a note")
    os.utime(other, ns=(1, 1))


def _edit_output(root: Path) -> None:
    deck = root / "build/slides/keep-moving.txt"
    deck.write_text(deck.read_text() + " (edited by hand)")


def _remove_output(root: Path) -> None:
    (root / "build/slides/keep-moving.txt").unlink()


CHANGES: dict[str, Callable[[Path], None]] = {
    "a module's text": _edit_module,
    "a new file in the course": _add_media,
    "a theme file": _edit_theme,
    "another file of the project": _touch_other_file,
    "an output edited by hand": _edit_output,
    "an output removed": _remove_output,
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_to_what_a_build_reads_or_wrote_means_a_real_build(project: Path, change: str) -> None:
    (project / "notes.txt").write_text("a note")
    os.utime(project / "notes.txt", ns=(0, 0))
    build(project)
    CHANGES[change](project)
    code, output = build(project)
    assert code == 0 and len(BUILT) == 2, output
    assert (project / "build/slides/keep-moving.txt").read_text() == "Keep moving"


@pytest.mark.parametrize("setting", [("--course", "small"), ("--paper", "letter")])
def test_other_settings_mean_a_real_build(project: Path, setting: tuple[str, ...]) -> None:
    build(project)
    build(project, *setting)
    assert len(BUILT) == 2


def test_a_strict_build_after_a_lenient_one_is_checked_again(project: Path) -> None:
    build(project)
    code, output = build(project, "--strict")
    assert code == 1 and "error[CK221]" in output and len(BUILT) == 1


def test_the_review_date_and_the_variables_mkdocs_yml_names_mean_a_real_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "mkdocs.yml").write_text("site_name: Test\nplugins:\n  - offline:\n      enabled: !ENV [CLINIC_OFFLINE, false]\n")
    build(project)
    monkeypatch.setenv("COURSEKIT_TODAY", "2026-11-22")  # a day later a review may be overdue
    build(project)
    monkeypatch.setenv("CLINIC_OFFLINE", "true")
    build(project)
    monkeypatch.setenv("SOME_OTHER_VARIABLE", "1")  # not read by the build
    build(project)
    assert len(BUILT) == 3


def test_the_record_is_the_same_bytes_for_the_same_build(project: Path) -> None:
    record = project / "build" / CACHE_FOLDER / RECORD
    build(project)
    first = record.read_bytes()
    build(project, "--force")
    assert record.read_bytes() == first
    data = json.loads(first)
    assert [d["code"] for d in data["diagnostics"]] == ["CK221"]


@pytest.mark.parametrize("record_text", ["not json", "[]", '{"format": 1}', None])
def test_a_damaged_or_linked_record_means_a_real_build_and_no_traceback(project: Path, tmp_path: Path,
                                                                         record_text: str | None) -> None:
    build(project)
    record = project / "build" / CACHE_FOLDER / RECORD
    if record_text is None:  # a link to a record elsewhere, even a valid one, is not read
        elsewhere = tmp_path / "elsewhere.json"
        elsewhere.write_bytes(record.read_bytes())
        record.unlink()
        record.symlink_to(elsewhere)
    else:
        record.write_text(record_text)
    code, output = build(project)
    assert code == 0 and len(BUILT) == 2 and "Traceback" not in output
    assert output.splitlines()[-1] == f"Built slides into {project / 'build'}: 1 file."


def test_a_record_naming_an_unknown_rule_means_a_real_build(project: Path) -> None:
    build(project)
    record = project / "build" / CACHE_FOLDER / RECORD
    data = json.loads(record.read_text())
    data["diagnostics"][0]["code"] = "CK999"
    record.write_text(json.dumps(data))
    build(project)
    assert len(BUILT) == 2


def test_the_record_names_files_within_the_project_one_field_a_line(project: Path) -> None:
    build(project)
    text = (project / "build" / CACHE_FOLDER / RECORD).read_text()
    assert [line.split(":")[0] for line in text.splitlines() if line.startswith(' "')] == [
        ' "diagnostics"', ' "format"', ' "inputs"', ' "outputs"']  # sorted keys, so two records compare with diff
    assert [d["path"] for d in json.loads(text)["diagnostics"]] == ["courses/small/modules/01-keep-moving.md"]


def test_a_build_whose_outputs_keep_a_cache_is_recorded_too(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(build_module.BUILDERS, "slides", "tests.test_build_uptodate:caching_builder")
    assert build(project)[0] == 0
    code, output = build(project)
    assert code == 0 and len(BUILT) == 1
    assert output.splitlines()[-1] == f"Nothing changed since the last build: {project / 'build'} is up to date (1 file)."


def caching_builder(context, stage: Path) -> Diagnostics:  # type: ignore[no-untyped-def]
    """Like the real builders, it keeps its documents in the output's cache folder."""
    (stage / CACHE_FOLDER / "slides").mkdir(parents=True)
    (stage / CACHE_FOLDER / "slides/document").write_text("kept")
    return counting_builder(context, stage)


@pytest.mark.parametrize("variable", ["SOURCE_DATE_EPOCH", "COURSEKIT_ANY_SETTING"])
def test_the_source_date_and_coursekit_variables_mean_a_real_build(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   variable: str) -> None:
    monkeypatch.delenv(variable, raising=False)
    build(project)
    monkeypatch.setenv(variable, "1700000000")
    build(project)
    build(project)
    monkeypatch.setenv(variable, "1700000001")
    build(project)
    assert len(BUILT) == 3


def test_the_order_of_the_variables_does_not_matter(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSEKIT_FIRST", "1")
    monkeypatch.setenv("COURSEKIT_SECOND", "2")
    build(project)
    monkeypatch.delenv("COURSEKIT_FIRST")
    monkeypatch.setenv("COURSEKIT_FIRST", "1")  # now after the second in the environment
    build(project)
    assert len(BUILT) == 1


def test_mkdocs_yml_that_is_not_utf8_is_read_for_variable_names(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "mkdocs.yml").write_bytes(b"site_name: Test\n# caf\xe9\nextra:\n  offline: !ENV [CLINIC_OFFLINE, false]\n")
    build(project)
    monkeypatch.setenv("CLINIC_OFFLINE", "true")
    code, output = build(project)
    assert code == 0 and len(BUILT) == 2, output


def test_a_project_without_mkdocs_yml_builds_its_decks(project: Path) -> None:
    (project / "mkdocs.yml").unlink()
    result = build_module.run_build(project, build_module.BuildSettings(out=project / "build", only=("slides",)))
    assert result.ok and len(BUILT) == 1


def test_a_moved_project_repeats_its_findings_at_their_new_place(project: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(build_module.BUILDERS, "slides", "tests.test_build_uptodate:warning_builder")
    first = build(project)[1].splitlines()
    moved = tmp_path / "moved"
    shutil.copytree(project, moved, symlinks=True)  # times kept, as a move keeps them
    code, again = build(moved)
    assert code == 0 and len(BUILT) == 1
    assert again.splitlines()[:-1] == first[2:first.index(next(line for line in first if line.startswith("slides: ")))]
    assert "courses/small/modules/01-keep-moving.md:1:1: warning[CK744]" in again


def warning_builder(context, stage: Path) -> Diagnostics:  # type: ignore[no-untyped-def]
    """A stand-in output whose warning names the module by its full path, as a renderer may."""
    module = context.project.root / "courses/small/modules/01-keep-moving.md"
    counting_builder(context, stage)
    return Diagnostics([rules.SLIDES_SVG.at(SourceLoc(module, 1, 1), "a picture cannot go on a slide")])


def test_an_edit_of_mkdocs_yml_keeping_its_size_and_time_means_a_real_build(project: Path) -> None:
    mkdocs_yml = project / "mkdocs.yml"
    build(project)
    before = mkdocs_yml.stat()
    mkdocs_yml.write_text(mkdocs_yml.read_text().replace("small", "smell"))
    os.utime(mkdocs_yml, ns=(before.st_atime_ns, before.st_mtime_ns))
    build(project)
    assert len(BUILT) == 2


def test_a_link_in_the_project_pointed_elsewhere_means_a_real_build(project: Path) -> None:
    (project / "a.txt").write_text("a")
    (project / "b.txt").write_text("b")
    link = project / "notes.txt"
    link.symlink_to("a.txt")
    build(project)
    before = link.lstat()
    link.unlink()
    link.symlink_to("b.txt")
    os.utime(link, ns=(before.st_atime_ns, before.st_mtime_ns), follow_symlinks=False)
    build(project)
    assert len(BUILT) == 2


def test_other_outputs_and_compiled_python_in_the_project_are_not_inputs(project: Path) -> None:
    build(project, "--out", str(project / "other-build"))
    build(project)
    (project / "other-build/slides/keep-moving.txt").write_text("edited")
    (project / "hooks/__pycache__").mkdir(parents=True)
    (project / "hooks/__pycache__/hooks.cpython-313.pyc").write_bytes(b"compiled")
    code, output = build(project)
    assert len(BUILT) == 2 and output.splitlines()[-1].startswith("Nothing changed since the last build"), output


def test_coursekit_own_code_is_an_input_but_its_compiled_cache_is_not(project: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit

    package = tmp_path / "installed/toolkit"  # a copy of the package's layout, so the test may change it
    (package / "__pycache__").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "build.py").write_text("# the build\n")
    monkeypatch.setattr(toolkit, "__file__", str(package / "__init__.py"))
    build(project)
    (package / "__pycache__/build.cpython-313.pyc").write_bytes(b"compiled")
    build(project)
    assert len(BUILT) == 1
    (package / "build.py").write_text("# the build, changed\n")
    build(project)
    assert len(BUILT) == 2


@pytest.mark.parametrize("kind", [".dist-info", ".egg-info"])
def test_installing_a_distribution_means_a_real_build(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      kind: str) -> None:
    site, working = tmp_path / "site-packages", tmp_path / "working"
    site.mkdir()
    working.mkdir()
    monkeypatch.chdir(working)
    # After an entry that cannot be listed, the working folder ("") and a folder of installed distributions.
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path / "missing.zip"), "", str(site)])
    build(project)
    build(project)
    assert len(BUILT) == 1
    (site / f"extra-1.0{kind}").mkdir()
    build(project)
    assert len(BUILT) == 2
    (working / f"local-1.0{kind}").mkdir()
    build(project)
    assert len(BUILT) == 3
    os.mkdir(os.fsencode(site / "caf") + f"\xe9-1.0{kind}".encode("latin-1"))  # a name that is not UTF-8
    code, output = build(project)
    assert code == 0 and len(BUILT) == 4, output


def test_an_output_in_a_subfolder_is_up_to_date_on_the_second_build(project: Path) -> None:
    """Its lock file (`.build.lock` beside it) is the build's own, not an input, though it is not at the top."""
    out = project / "site-builds" / "build"
    out.parent.mkdir()
    build(project, "--out", str(out))
    assert (out.parent / ".build.lock").exists()
    code, output = build(project, "--out", str(out))
    assert code == 0 and len(BUILT) == 1 and output.splitlines()[-1].startswith("Nothing changed since the last build"), output


def test_hidden_entries_at_the_top_are_not_inputs_but_lock_like_names_deeper_are(project: Path) -> None:
    """Version control and environments at the top change without a build; a `.lock` file that is not hidden, or
    a hidden file that is not a lock, below the top, is the project's own and means a rebuild."""
    (project / ".git").mkdir()
    (project / "hooks").mkdir()
    build(project)
    (project / ".git/HEAD").write_text("ref: refs/heads/main\n")
    build(project)
    assert len(BUILT) == 1
    (project / "hooks/requirements.lock").write_text("pinned==1\n")
    build(project)
    assert len(BUILT) == 2
    (project / "hooks/.settings").write_text("x\n")
    build(project)
    assert len(BUILT) == 3
