"""`materials:` in course.yml and module front matter: what is accepted, and each mistake's code, place and words."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.conftest import COURSE_YML, MODULE, ProjectFactory
from toolkit.cli import cli
from toolkit.loader import load_project
from toolkit.materials import course_materials, module_materials, printables

M = "courses/small/modules/01-keep-moving.md"
C = "courses/small/course.yml"
# A tiny SVG picture: a plain drawing, as the media checks want.
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


def module_with(materials: str) -> str:
    """The small module with `materials:` (YAML lines under the key) at the end of its front matter."""
    head, rest = MODULE.split("---\n\n", 1)
    return f"{head}materials:\n{materials}---\n\n{rest}"


def check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(root)])
    return result.exit_code, result.output


def front_line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_words_and_printables_are_read_with_their_places(make_project: ProjectFactory) -> None:
    module = module_with("  - Hand mirrors, one for every two people\n"
                         "  - print: wallet-card\n"
                         "    copies: one for each person\n"
                         "  - print: media/body-outline.svg\n"
                         "    title: Body outline\n")
    root = make_project({"01-keep-moving.md": module}, course_yml=COURSE_YML + "materials:\n  - A flip chart and pens\n",
                        files={"media/body-outline.svg": SVG})
    project, found = load_project(root)
    assert not found.errors, found.format_text(root)
    course = project.courses[0]
    items = module_materials(course.modules[0])
    assert [(i.words, i.print, i.title, i.copies) for i in items] == [
        ("Hand mirrors, one for every two people", None, None, None),
        (None, "wallet-card", None, "one for each person"),
        (None, "media/body-outline.svg", "Body outline", None)]
    assert items[2].print_loc.line == front_line(module, "print: media/body-outline.svg")
    assert [i.words for i in course_materials(course)] == ["A flip chart and pens"]
    made, problems = printables(course)
    assert problems == []
    assert [(p.kind, p.title, p.file_name) for p in made] == [
        ("wallet-card", "Wallet card of the warning signs", "wallet-card.pdf"),
        ("picture", "Body outline", "body-outline.pdf")]
    code, output = check(root)
    assert code == 0, output


def test_a_course_without_materials_has_none(make_project: ProjectFactory) -> None:
    project, found = load_project(make_project())
    assert not found.errors
    assert module_materials(project.courses[0].modules[0]) == ()
    assert printables(project.courses[0]) == ([], [])


def test_an_unknown_kind_of_printable_is_refused_where_it_is_written(make_project: ProjectFactory) -> None:
    module = module_with("  - print: poster\n")
    code, output = check(make_project({"01-keep-moving.md": module}))
    line = front_line(module, "print: poster")
    assert code == 1
    assert (f"{M}:{line}:12: error[CK104]: coursekit cannot print `poster`: it is neither `wallet-card` nor a "
            "picture file") in output
    assert "hint: Write `print: wallet-card`, or the path of a PNG, JPEG or SVG file" in output


def test_an_unknown_field_of_an_item_is_refused(make_project: ProjectFactory) -> None:
    module = module_with("  - print: wallet-card\n    colour: red\n")
    code, output = check(make_project({"01-keep-moving.md": module}))
    line = front_line(module, "colour: red")
    assert code == 1
    assert f"{M}:{line}:5: error[CK101]: unknown field `materials[1].colour`" in output
    assert "Known fields here: `print`, `title`, `copies`." in output
    assert output.count("error[") == 1  # one finding, not one for each kind of item


def test_an_item_without_print_is_refused(make_project: ProjectFactory) -> None:
    module = module_with("  - title: Body outline\n")
    code, output = check(make_project({"01-keep-moving.md": module}))
    assert code == 1
    line = front_line(module, "title: Body outline")
    assert f"{M}:{line}:5: error[CK102]: required field `print` is missing in `materials[1]`" in output


def test_an_item_that_is_a_list_is_refused(make_project: ProjectFactory) -> None:
    module = module_with("  - [mirrors, towels]\n")
    code, output = check(make_project({"01-keep-moving.md": module}))
    assert code == 1
    assert "error[CK103]: `materials[1]`: expected text, got a list" in output


def test_a_missing_picture_is_refused_in_course_yml(make_project: ProjectFactory) -> None:
    course_yml = COURSE_YML + "materials:\n  - print: media/body-outline.svg\n"
    code, output = check(make_project(course_yml=course_yml))
    line = front_line(course_yml, "print: media/body-outline.svg")
    assert code == 1
    assert f"{C}:{line}:12: error[CK301]: `media/body-outline.svg` does not exist" in output


def test_a_picture_outside_the_course_is_refused(make_project: ProjectFactory) -> None:
    module = module_with("  - print: ../../other/media/outline.png\n")
    code, output = check(make_project({"01-keep-moving.md": module}))
    assert code == 1
    assert "error[CK302]: `../../other/media/outline.png` leads outside the course folder" in output


def test_a_path_written_from_the_module_folder_gets_the_path_that_works(make_project: ProjectFactory) -> None:
    module = module_with("  - print: ../media/body-outline.svg\n")
    code, output = check(make_project({"01-keep-moving.md": module}, files={"media/body-outline.svg": SVG}))
    assert code == 1
    assert "error[CK302]: `../media/body-outline.svg` leads outside the course folder" in output
    assert "hint: Paths in `materials:` start from the course folder: write `media/body-outline.svg`." in output


def test_a_file_that_is_no_picture_is_refused(make_project: ProjectFactory) -> None:
    module = module_with("  - print: media/outline.pdf\n")
    code, output = check(make_project({"01-keep-moving.md": module}, files={"media/outline.pdf": "%PDF-1.7\n"}))
    assert code == 1
    assert "error[CK306]: `media/outline.pdf` is not a PNG, JPEG or SVG file" in output


def test_an_unsafe_svg_is_refused(make_project: ProjectFactory) -> None:
    module = module_with("  - print: media/outline.svg\n")
    unsafe = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
    code, output = check(make_project({"01-keep-moving.md": module}, files={"media/outline.svg": unsafe}))
    assert code == 1
    assert "error[CK314]: `media/outline.svg` contains `<script`" in output


def test_one_picture_named_twice_is_printed_once(make_project: ProjectFactory) -> None:
    module = module_with("  - print: media/outline.svg\n  - print: wallet-card\n")
    course_yml = COURSE_YML + "materials:\n  - print: media/outline.svg\n  - print: wallet-card\n"
    project, found = load_project(make_project({"01-keep-moving.md": module}, course_yml=course_yml,
                                               files={"media/outline.svg": SVG, "media/outline.png": b"x"}))
    made, problems = printables(project.courses[0])
    assert [p.file_name for p in made] == ["outline.pdf", "wallet-card.pdf"]
