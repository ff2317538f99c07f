"""Every rule of the format, each shown by a small project that breaks it at a known line."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import COURSE_YML, MODULE, ProjectFactory
from toolkit import rules
from toolkit.check import run_check
from toolkit.limits import Limits

M = "courses/small/modules/01-keep-moving.md"
C = "courses/small/course.yml"

BODY_START = MODULE.index("## Why")
FRONT = MODULE[:BODY_START]


def module(body: str, front: str = FRONT) -> dict[str, str]:
    return {"01-keep-moving.md": front + body}


RED_FLAGS = "\n::: red-flags at-once\n- You cannot control your bladder\n:::\n"
PNG = b"\x89PNG\r\n\x1a\n"
THEME_YML = (Path(__file__).resolve().parent.parent / "themes" / "default" / "theme.yml").read_text()


@dataclass
class Case:
    """A project that breaks one rule, and where the diagnostic must point."""

    code: str
    path: str
    line: int
    modules: dict[str, str] | None = None
    course_yml: str = COURSE_YML
    files: dict[str, str | bytes] = field(default_factory=dict)
    limits: Limits | None = None
    setup: object = None


CASES = {
    "not utf-8": Case("CK001", "courses/small/glossary.yml", 2, files={"glossary.yml": b"nerve: ok\nspine: caf\xe9\n"}),
    "yaml syntax": Case("CK002", C, 17, course_yml=COURSE_YML + "modules: [a\n"),
    "duplicate key": Case("CK003", C, 2, course_yml="title: A\ntitle: B\n"),
    "alias": Case("CK004", M, 2, modules=module("## A\n", "---\ntitle: &t A\nsummary: *t\nduration: 5\n---\n\n")),
    "tag": Case("CK005", C, 1, course_yml="title: !!python/name:os.system x\n"),
    "no front matter": Case("CK006", M, 1, modules={"01-keep-moving.md": "## Just a heading\n"}),
    "unclosed front matter": Case("CK007", M, 1, modules={"01-keep-moving.md": "---\ntitle: A\n\n## Body\n"}),
    "front matter too large": Case("CK008", M, 1, modules=module("## A\n", "---\ntitle: A\nsummary: " + "x" * 70_000 + "\nduration: 5\n---\n")),
    "front matter not a mapping": Case("CK009", M, 2, modules=module("## A\n", "---\n- a list\n---\n")),
    "module too large": Case("CK010", M, 1, modules=module("## A\n" + "word " * 300), limits=Limits(module_bytes=1000)),
    "unknown field": Case("CK101", C, 17, course_yml=COURSE_YML + "tittle: x\n"),
    "missing field": Case("CK102", M, 2, modules=module("## A\n" + RED_FLAGS, "---\ntitle: A\nduration: 5\n---\n")),
    "wrong type": Case("CK103", M, 4, modules=module("## A\n" + RED_FLAGS, "---\ntitle: A\nsummary: B\nduration: ten\n---\n")),
    "unknown printable": Case("CK104", C, 18, course_yml=COURSE_YML + "materials:\n  - print: poster\n"),
    "duplicate id": Case("CK201", "courses/small/modules/02-keep-moving.md", 1, modules={"01-keep-moving.md": MODULE, "02-keep-moving.md": MODULE}),
    "id differs in case": Case("CK202", "courses/small/modules/02-Keep-Moving.md", 1, modules={"01-keep-moving.md": MODULE, "02-Keep-Moving.md": MODULE}),
    "bad file name": Case("CK203", "courses/small/modules/keep moving.md", 1, modules={"01-keep-moving.md": MODULE, "keep moving.md": MODULE}),
    "listed module missing": Case("CK204", C, 19, course_yml=COURSE_YML + "modules:\n  - 01-keep-moving.md\n  - 02-gone.md\n"),
    "module not listed": Case("CK205", "courses/small/modules/02-more.md", 1, course_yml=COURSE_YML + "modules:\n  - 01-keep-moving.md\n",
                              modules={"01-keep-moving.md": MODULE, "02-more.md": MODULE}),
    "module order": Case("CK206", C, 19, course_yml=COURSE_YML + "modules:\n  - 02-more.md\n  - 01-keep-moving.md\n",
                         modules={"01-keep-moving.md": MODULE, "02-more.md": MODULE}),
    "listed twice": Case("CK207", C, 19, course_yml=COURSE_YML + "modules:\n  - 01-keep-moving.md\n  - 01-keep-moving.md\n"),
    "no section": Case("CK208", M, 1, modules=module("Text only." + RED_FLAGS)),
    "unknown block": Case("CK209", M, 17, modules=module("## A\n\n::: warning\nCareful.\n:::\n" + RED_FLAGS)),
    "unclosed block": Case("CK210", M, 20, modules=module("## A\n" + RED_FLAGS + "::: tip\nNever closed.\n")),
    "quiz without answer": Case("CK211", M, 17, modules=module("## A\n\n::: quiz\nWhich?\n\n- [ ] a\n- [ ] b\n:::\n" + RED_FLAGS)),
    "quiz option without a space": Case("CK226", M, 21, modules=module("## A\n\n::: quiz\nWhich?\n\n- [ ] a\n-[x] b\n:::\n" + RED_FLAGS)),
    "quiz with one option": Case("CK212", M, 17, modules=module("## A\n\n::: quiz\nWhich?\n\n- [x] a\n:::\n" + RED_FLAGS)),
    "quiz without question": Case("CK213", M, 17, modules=module("## A\n\n::: quiz\n- [x] a\n- [ ] b\n:::\n" + RED_FLAGS)),
    "exercise without steps": Case("CK214", M, 17, modules=module("## A\n\n::: exercise Knee hug\nHug your knees.\n:::\n" + RED_FLAGS)),
    "exercise without title": Case("CK215", M, 17, modules=module("## A\n\n::: exercise\n1. Step\n:::\n" + RED_FLAGS)),
    "no red flags": Case("CK216", C, 1, modules=module("## A\n\nText.\n")),
    "empty block": Case("CK217", M, 17, modules=module("## A\n\n::: tip\n:::\n" + RED_FLAGS)),
    "bad only target": Case("CK218", M, 17, modules=module("## A\n\n::: only website\nText.\n:::\n" + RED_FLAGS)),
    "no modules": Case("CK219", C, 1, modules={}),
    "no courses": Case("CK220", "courses", 0, setup="remove-courses"),
    "raw html": Case("CK221", M, 17, modules=module("## A\n\n<div>hi</div>\n" + RED_FLAGS)),
    "h1 heading": Case("CK222", M, 15, modules=module("# A\n" + RED_FLAGS)),
    "placeholder left": Case("CK225", M, 15, modules=module("## Write an informative heading here\n" + RED_FLAGS)),
    "image missing": Case("CK301", M, 17, modules=module("## A\n\n![A nerve](../media/gone.png)\n" + RED_FLAGS)),
    "path escapes": Case("CK302", M, 17, modules=module("## A\n\n![A nerve](../../../mkdocs.png)\n" + RED_FLAGS)),
    "percent-encoded escape": Case("CK302", M, 17, modules=module("## A\n\n![A nerve](..%2F..%2F..%2Fx.png)\n" + RED_FLAGS)),
    "absolute path": Case("CK303", M, 17, modules=module("## A\n\n![A nerve](/etc/x.png)\n" + RED_FLAGS)),
    "url image": Case("CK304", M, 17, modules=module("## A\n\n![A nerve](https://example.org/x.png)\n" + RED_FLAGS)),
    "file url image": Case("CK304", M, 17, modules=module("## A\n\n![A nerve](file:///etc/x.png)\n" + RED_FLAGS)),
    "image is a folder": Case("CK305", M, 17, modules=module("## A\n\n![A nerve](../media/folder.png)\n" + RED_FLAGS),
                              files={"media/folder.png/inside.txt": "x"}),
    "image format": Case("CK306", M, 17, modules=module("## A\n\n![A nerve](../media/x.gif)\n" + RED_FLAGS), files={"media/x.gif": b"GIF89a"}),
    "no alt text": Case("CK307", M, 17, modules=module("## A\n\n![](../media/x.png)\n" + RED_FLAGS), files={"media/x.png": PNG}),
    "unresolved link": Case("CK308", M, 17, modules=module("## A\n\nSee [next](02-next.md).\n" + RED_FLAGS)),
    "unresolved anchor": Case("CK308", M, 17, modules=module("## A\n\nSee [here](01-keep-moving.md#nowhere).\n" + RED_FLAGS)),
    "alt is file name": Case("CK309", M, 17, modules=module("## A\n\n![x.png](../media/x.png)\n" + RED_FLAGS), files={"media/x.png": PNG}),
    "javascript link": Case("CK310", M, 17, modules=module("## A\n\nSee [this](javascript:alert(1)).\n" + RED_FLAGS)),
    "theme not found": Case("CK601", C, 17, course_yml=COURSE_YML + "theme: fancy\n"),
    "theme contrast": Case("CK602", "themes/pale/theme.yml", 9, course_yml=COURSE_YML + "theme: pale\n", setup="pale-theme"),
    "theme asset missing": Case("CK603", "themes/nologo/theme.yml", 36, course_yml=COURSE_YML + "theme: nologo\n", setup="no-logo-theme"),
    "theme font missing": Case("CK604", "themes/nofont/theme.yml", 5, course_yml=COURSE_YML + "theme: nofont\n", setup="no-font-theme"),
}


def _prepare(case: Case, make_project: ProjectFactory) -> Path:
    root = make_project(modules=case.modules, course_yml=case.course_yml, files=case.files)
    themes = {
        "pale-theme": ("pale", THEME_YML.replace('text: "#1b1f24"', 'text: "#bbbbbb"')),
        "no-logo-theme": ("nologo", THEME_YML.replace("logo: logo.svg", "logo: missing.svg")),
        "no-font-theme": ("nofont", THEME_YML.replace("package: fontpkg_atkinson_hyperlegible", "package: no_such_font_package")),
    }
    if case.setup == "remove-courses":
        import shutil

        shutil.rmtree(root / "courses")
    elif case.setup in themes:
        name, text = themes[case.setup]
        (root / "themes" / name).mkdir(parents=True)
        (root / "themes" / name / "theme.yml").write_text(text)
        (root / "themes" / name / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    return root


@pytest.mark.parametrize("name", list(CASES))
def test_rule(name: str, make_project: ProjectFactory) -> None:
    case = CASES[name]
    root = _prepare(case, make_project)
    result = run_check(root, limits=case.limits)
    found = [(d.code, d.loc.path.as_posix(), d.loc.line) for d in result.diagnostics]
    assert (case.code, case.path, case.line) in found, found


def test_the_baseline_project_is_clean(make_project: ProjectFactory) -> None:
    result = run_check(make_project())
    assert [d.format() for d in result.diagnostics] == []


def test_every_foundation_rule_has_a_case() -> None:
    import yaml

    from tests.test_hostile import CORPUS

    corpus = {yaml.safe_load(p.read_text())["code"] for p in CORPUS.glob("*/case.yml")}
    foundation = {code for code in rules.RULES if code[2] in "01236"}
    assert foundation - {case.code for case in CASES.values()} - corpus == set()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links are not available")
def test_a_symbolic_link_leading_out_of_the_course(make_project: ProjectFactory, tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(PNG)
    root = make_project(modules=module("## A\n\n![A nerve](../media/link.png)\n" + RED_FLAGS))
    (root / "courses/small/media").mkdir()
    (root / "courses/small/media/link.png").symlink_to(outside)
    found = [(d.code, d.loc.line) for d in run_check(root).diagnostics]
    assert ("CK302", 17) in found


def test_a_fifo_named_as_an_image(make_project: ProjectFactory) -> None:
    root = make_project(modules=module("## A\n\n![A nerve](../media/pipe.png)\n" + RED_FLAGS))
    (root / "courses/small/media").mkdir()
    os.mkfifo(root / "courses/small/media/pipe.png")
    found = [(d.code, d.loc.line) for d in run_check(root).diagnostics]
    assert ("CK305", 17) in found


def test_an_image_path_written_from_the_course_folder_is_told_the_path_from_the_module(make_project: ProjectFactory) -> None:
    root = make_project(modules=module("## A\n\n![A nerve](media/nerve.png)\n\n![A spine](media/spine.png)\n" + RED_FLAGS),
                        files={"media/nerve.png": PNG})
    found = [(d.code, d.loc.line, d.message, d.hint) for d in run_check(root).diagnostics if d.code == "CK301"]
    assert found == [
        ("CK301", 17, "`media/nerve.png` does not exist",
         "`media/nerve.png` is in the course folder, and paths start from the module's folder: write `../media/nerve.png`."),
        ("CK301", 19, "`media/spine.png` does not exist", rules.IMAGE_MISSING.hint),  # in neither place
    ]


@pytest.mark.parametrize("options, line, written", [
    ("- [ ] Once a day\n-[x] Every 30 minutes\n- [ ] Never", 21, "-[x] Every 30 minutes"),
    ("-[x] Every 30 minutes\n- [ ] Once a day\n- [ ] Never", 20, "-[x] Every 30 minutes"),
    ("- [ ] Once a day\n- [x]Every 30 minutes\n- [ ] Never", 21, "[x]Every 30 minutes"),
    ("- [ ] Once a day\n[x] Every 30 minutes\n- [ ] Never", 21, "[x] Every 30 minutes"),
])
def test_a_right_answer_not_written_as_an_option_is_found_at_its_line(
        options: str, line: int, written: str, make_project: ProjectFactory) -> None:
    root = make_project(modules=module(f"## A\n\n::: quiz\nHow often should you move?\n\n{options}\n:::\n" + RED_FLAGS))
    found = [(d.code, d.loc.line, d.message, d.hint) for d in run_check(root).diagnostics if d.code.startswith("CK2")]
    assert found == [("CK226", line, f"`{written}` is not read as an option",
                      "Write `- [x] Every 30 minutes`: a dash, a space, the box, a space.")]


def test_a_wrong_answer_not_written_as_an_option_is_found_beside_a_right_one(make_project: ProjectFactory) -> None:
    root = make_project(modules=module("## A\n\n::: quiz\nWhich?\n\n- [x] Walk\n-[ ] Rest all day\n- [ ] Lift\n:::\n" + RED_FLAGS))
    found = [(d.code, d.loc.line, d.hint) for d in run_check(root).diagnostics if d.code.startswith("CK2")]
    assert found == [("CK226", 21, "Write `- [ ] Rest all day`: a dash, a space, the box, a space.")]


def test_did_you_mean_for_a_near_miss(make_project: ProjectFactory) -> None:
    root = make_project(course_yml=COURSE_YML + "lanuage: en\n")
    (diagnostic,) = run_check(root).diagnostics
    assert diagnostic.message == "unknown field `lanuage`"
    assert diagnostic.hint == "Did you mean `language`?"


def test_strict_mode_turns_warnings_into_errors(make_project: ProjectFactory) -> None:
    root = make_project(modules=module("## A\n\n<b>bold</b> text\n" + RED_FLAGS))
    assert run_check(root).ok
    assert not run_check(root, strict=True).ok


def test_a_finding_made_twice_is_kept_once() -> None:
    from toolkit.diagnostics import Diagnostics
    from toolkit.source import SourceLoc

    here, there = SourceLoc(Path("a.md"), 3, 1), SourceLoc(Path("a.md"), 4, 1)
    found = Diagnostics([rules.HANDOUT_WEASYPRINT_WARNING.at(here, "x")] * 2)
    found.extend([rules.HANDOUT_WEASYPRINT_WARNING.at(here, "x"), rules.HANDOUT_WEASYPRINT_WARNING.at(there, "x"),
                  rules.HANDOUT_WEASYPRINT_WARNING.at(here, "y")])
    assert [(d.loc.line, d.message) for d in found] == [(3, "x"), (4, "x"), (3, "y")]
    assert found.format_text().endswith("0 errors, 3 warnings.")


def test_a_bad_front_matter_still_lets_the_body_be_checked(make_project: ProjectFactory) -> None:
    root = make_project(modules=module("## A\n\n::: quiz\nWhich?\n\n- [x] a\n:::\n" + RED_FLAGS,
                                       "---\ntitle: A\nduration: ten\n---\n"))
    # Only the planted problems; plain-language and governance checks (CK4xx, CK5xx) are tested on their own.
    codes = sorted(d.code for d in run_check(root).diagnostics if d.code[2] not in "45")
    assert codes == ["CK102", "CK103", "CK212"]
