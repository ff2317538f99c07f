"""`coursekit new`: a working project, and the next numbered module."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.check import run_check
from toolkit.cli import cli
from toolkit.loader import load_project


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_new_project_passes_strict_check(tmp_path: Path) -> None:
    target = tmp_path / "clinic"
    assert invoke("new", str(target)) == (0, f"Created a coursekit project in {target}\nNext: cd {target} && coursekit check\n")
    assert (target / "mkdocs.yml").is_file()
    assert (target / "themes/default/theme.yml").is_file()
    result = run_check(target, strict=True)
    assert [d.format() for d in result.diagnostics] == []
    assert invoke("check", str(target), "--strict") == (0, "No problems found.\n")


def test_new_project_builds_with_strict_too(tmp_path: Path) -> None:
    """What `check --strict` passes, `build --strict` builds: the starter course has a site address (no CK745)."""
    target = tmp_path / "clinic"
    invoke("new", str(target))
    code, output = invoke("build", str(target), "--strict", "--quiet")
    assert (code, output) == (0, "")
    assert sorted(p.name for p in (target / "build" / "slides" / "first-course").iterdir()) == ["keep-moving.pptx", "workshop.pptx"]


def test_new_course_writes_a_course_that_passes_strict_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "clinic"
    invoke("new", str(target))
    monkeypatch.chdir(target / "courses")
    code, output = invoke("new", "course", "diabetes-care", '  Living well with  "type 2" diabetes: a guide ')
    course = target / "courses" / "diabetes-care"
    assert (code, output) == (0, f"Created the course `diabetes-care` in {course}:\n"
                                 "  courses/diabetes-care/course.yml\n"
                                 "  courses/diabetes-care/glossary.yml\n"
                                 "  courses/diabetes-care/media/\n"
                                 "  courses/diabetes-care/modules/01-keep-moving.md\n"
                                 "Next: replace the example module and the details in course.yml with your own, "
                                 "then coursekit check\n")
    assert (course / "media").is_dir() and not any((course / "media").iterdir())
    project, _ = load_project(target)
    new = next(c for c in project.courses if c.id == "diabetes-care")
    assert new.meta.title == 'Living well with "type 2" diabetes: a guide'
    first = next(c for c in project.courses if c.id == "first-course")
    assert (new.meta.reviewed, new.meta.next_review) == (first.meta.reviewed, first.meta.next_review)
    assert [m.id for m in new.modules] == ["keep-moving"]
    assert invoke("check", str(target), "--strict") == (0, "No problems found.\n")
    code, output = invoke("new", "module", "diabetes-care", "Checking your feet", "--project", str(target))
    assert (code, output) == (0, f"Created {course / 'modules' / '02-checking-your-feet.md'}\n")


@pytest.mark.parametrize(("course_id", "message"), [
    ("first-course", "already exists; choose another course id (nothing was changed)"),
    ("Back_Care", "`Back_Care` is not a course id: use lower-case letters, digits and single hyphens, such as `back-care`"),
    ("../outside", "`../outside` is not a course id"),
    ("search", "`search` is the name of a page or folder the course site needs; choose another id"),
])
def test_new_course_refuses_a_bad_or_taken_id_and_changes_nothing(tmp_path: Path, course_id: str, message: str) -> None:
    target = tmp_path / "clinic"
    invoke("new", str(target))
    (target / "courses" / "first-course" / "course.yml").write_text("title: Mine\n")
    code, output = invoke("new", "course", course_id, "A title", "--project", str(target))
    assert code == 2
    assert "Error: " in output and message in output.replace("\n", " ")
    assert sorted(p.name for p in (target / "courses").iterdir()) == ["first-course"]
    assert (target / "courses" / "first-course" / "course.yml").read_text() == "title: Mine\n"
    assert not (tmp_path / "outside").exists()


def test_new_course_needs_an_id_a_title_and_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = invoke("new", "course", "only-id")
    assert code == 2
    assert 'Error: `coursekit new course` takes a course id and a title: coursekit new course ID "Title"' in output
    target = tmp_path / "clinic"
    invoke("new", str(target))
    code, output = invoke("new", "course", "blank", "   ", "--project", str(target))
    assert code == 2 and 'Error: the course needs a title: coursekit new course ID "Title"' in output
    monkeypatch.chdir(tmp_path)
    code, output = invoke("new", "course", "elsewhere", "A title")
    assert code == 2 and "Error: no mkdocs.yml here or in any folder above." in output
    assert not (tmp_path / "courses").exists()


def test_new_project_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    code, output = invoke("new", str(tmp_path))
    assert code == 2
    assert f"Error: `{tmp_path}` already exists and is not empty; choose a new folder name" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_new_module_adds_the_next_number_and_lists_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "clinic"
    invoke("new", str(target))
    monkeypatch.chdir(target)
    code, output = invoke("new", "module", "first-course", "Sitting & standing: well!")
    path = target / "courses/first-course/modules/02-sitting-standing-well.md"
    assert (code, output) == (0, f"Created {path}\n")
    project, diagnostics = load_project(target)
    (course,) = project.courses
    assert [m.id for m in course.modules] == ["keep-moving", "sitting-standing-well"]
    assert course.modules[1].meta.title == "Sitting & standing: well!"
    assert not diagnostics.errors


def test_check_points_at_every_placeholder_a_new_module_still_holds(tmp_path: Path) -> None:
    target = tmp_path / "clinic"
    invoke("new", str(target))
    path = Path(invoke("new", "module", "first-course", "Sleep well", "--project", str(target))[1].split(" ", 1)[1].strip())
    found = run_check(target).diagnostics
    assert not found.errors, found.format_text(target)
    placeholders = [(d.loc.line, d.message.split("”")[0].lstrip("“")) for d in found if d.code == "CK225"]
    assert placeholders == [
        (3, "Write the one main message of"),
        (6, "Write what the reader will be able to do after this module"),
        (8, "Write the most important thing to remember"),
        (9, "Name the guideline or leaflet this module is based on"),
        (9, "Who published it"),
        (14, "Write an informative heading here"),
        (16, "Write what the reader needs to know, in short sentences."),
        (18, "Write a step, a choice or a sign to watch for"),
        (21, "Write what the instructor should say or ask here."),
    ]
    assert all(d.loc.path.name == path.name for d in found if d.code == "CK225")
    assert invoke("check", str(target), "--strict")[0] == 1
    written = (target / "courses/first-course/modules/01-keep-moving.md").read_text()
    path.write_text(written.replace("title: Keep moving", "title: Sleep well"))  # the author's own words
    assert "CK225" not in run_check(target).diagnostics.codes()


def test_new_module_in_a_course_that_does_not_exist(tmp_path: Path) -> None:
    target = tmp_path / "clinic"
    invoke("new", str(target))
    code, output = invoke("new", "module", "nope", "Title", "--project", str(target))
    assert code == 2
    assert "Error: no course `nope` in" in output and "courses here: first-course" in output


def test_new_module_needs_a_course_and_a_title() -> None:
    code, output = invoke("new", "module", "only-course")
    assert code == 2
    assert 'Error: `coursekit new module` takes a course id and a title: coursekit new module COURSE "Title"' in output
