"""Incremental builds: a document whose inputs are unchanged is taken from the cache, not made again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import errno
import os
import shutil
import types
from pathlib import Path, PurePosixPath

import pydantic
import pytest

from tests.conftest import MODULE, REPO, ProjectFactory
from toolkit import handouts as handouts_package
from toolkit.build import BuildSettings, run_build
from toolkit.cache import (CACHE_FOLDER, OutputCache, Unkeyable, course_digest, document_key, fingerprint, folder_digest,
                           module_digest, output_cache)
from toolkit.model import Course, Module
from toolkit.slides import writer as slides_writer

SECOND = MODULE.replace("title: Keep moving", "title: Rest well").replace("Walk a little each day.", "Sleep on your side.")
GLOSSARY = "nerve: A thread that carries messages between your body and your brain.\n"
PER_MODULE = {"slides/small/keep-moving.pptx", "handouts/small/keep-moving.pdf", "handouts/small/keep-moving-large.pdf"}
B_DOCUMENTS = {"slides/small/rest-well.pptx", "handouts/small/rest-well.pdf", "handouts/small/rest-well-large.pdf"}
WHOLE_COURSE = {"slides/small/workshop.pptx", "handouts/small/booklet.pdf", "guide/small/facilitator-guide.pdf"}
EVERY_DOCUMENT = PER_MODULE | B_DOCUMENTS | WHOLE_COURSE
PRINT = {"handouts/small/booklet-print.pdf"}  # made from the booklet, not rendered; cached and reused with it
EVERY_FILE = EVERY_DOCUMENT | PRINT


class Recorder:
    """Progress that notes every file written and every one taken from the cache."""

    def __init__(self) -> None:
        self.written: set[str] = set()
        self.reused: set[str] = set()

    def _name(self, path: Path) -> str:
        return "/".join(path.parts[-3:])

    def output_started(self, output: str) -> None:
        pass

    def file_written(self, output: str, path: Path) -> None:
        self.written.add(self._name(path))

    def file_reused(self, output: str, path: Path) -> None:
        self.reused.add(self._name(path))

    def output_finished(self, output: str, seconds: float) -> None:
        pass


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The documents really rendered (python-pptx or WeasyPrint ran for them) during the test."""
    made: set[str] = set()
    write_deck, render_jobs = slides_writer.write_deck, handouts_package.render_jobs

    def counting_write_deck(plan, template, path):  # type: ignore[no-untyped-def]
        made.add("/".join(Path(path).parts[-3:]))
        return write_deck(plan, template, path)

    def counting_render_jobs(project, documents, **options):  # type: ignore[no-untyped-def]
        made.update(document.plan.path.as_posix() for document in documents)
        made.update(f"{d.plan.path.as_posix()}#{d.segment}" for d in documents if d.segment is not None)
        return render_jobs(project, documents, **options)

    monkeypatch.setattr(slides_writer, "write_deck", counting_write_deck)
    monkeypatch.setattr(handouts_package, "render_jobs", counting_render_jobs)
    return made


@pytest.fixture
def project(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_project({"01-keep-moving.md": MODULE, "02-rest-well.md": SECOND}, files={"glossary.yml": GLOSSARY})
    shutil.copy(REPO / "toolkit/project_template/mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "themes/default", root / "themes/default")
    return root


def build(root: Path) -> tuple[Recorder, dict[str, bytes]]:
    out = root / "build"
    progress = Recorder()
    result = run_build(root, BuildSettings(out=out, jobs=1, force=True), progress)
    assert result.ok, result.diagnostics.format_text(root)
    assert not [name for name, _ in result.written if CACHE_FOLDER in name]  # the cache is not in the summary
    return progress, {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_editing_one_module_remakes_only_what_depends_on_it(project: Path, rendered: set[str]) -> None:
    first, before = build(project)
    assert {name for name in rendered if "#" not in name} == EVERY_DOCUMENT and first.reused == set()
    assert first.written >= EVERY_FILE
    assert {"handouts/small/booklet.pdf#module-keep-moving", "handouts/small/booklet.pdf#module-rest-well",
            "guide/small/facilitator-guide.pdf#modules", "guide/small/facilitator-guide.pdf#materials"} <= rendered
    rendered.clear()
    module = project / "courses/small/modules/02-rest-well.md"
    module.write_text(module.read_text().replace("Sleep on your side.", "Sleep on your side with a pillow."))
    second, after = build(project)
    # Of the booklet, only the edited module's piece; of the guide, its modules (one piece, so they run on):
    # their lengths are the same, so the fronts and footers are too.
    assert {name for name in rendered if "#" in name} == {"handouts/small/booklet.pdf#module-rest-well",
                                                          "guide/small/facilitator-guide.pdf#modules"}
    assert {name for name in rendered if "#" not in name} == B_DOCUMENTS | WHOLE_COURSE
    assert second.reused == PER_MODULE
    assert second.written >= EVERY_FILE
    assert all(after[name] == before[name] for name in PER_MODULE)
    # (The guide and the module's leaflets are remade too, but show none of its prose, so their bytes stay the same.)
    assert all(after[name] != before[name] for name in (WHOLE_COURSE | PRINT) - {"guide/small/facilitator-guide.pdf"})
    assert any(after[name] != before[name] for name in after if name.startswith("site/"))  # the site is remade


def test_a_rebuild_with_no_change_renders_nothing_and_gives_the_same_bytes(project: Path, rendered: set[str]) -> None:
    _, before = build(project)
    rendered.clear()
    again, after = build(project)
    assert rendered == set()
    assert again.reused == EVERY_FILE
    assert after == before
    kept = sorted((project / "build" / CACHE_FOLDER).rglob("*.p*"))
    # The cache keeps what this build used, and nothing else: with the booklet and the guide, the pieces they
    # were joined from (the booklet's one per module and its back, the guide's modules and its materials, a
    # front and a footer each), each piece's length and each front's, for the next edit.
    booklet, guide = 2 + 2 + 2 + 1 + 1, 2 + 2 + 2 + 1
    assert len(kept) == len(EVERY_FILE) + booklet + guide
    assert len([path for path in kept if path.suffix == ".pages"]) == 2 + 1 + 2 + 1


@pytest.mark.parametrize("change", ["glossary", "theme", "course"])
def test_changing_the_glossary_theme_or_course_remakes_everything(project: Path, rendered: set[str], change: str) -> None:
    build(project)
    rendered.clear()
    if change == "glossary":
        (project / "courses/small/glossary.yml").write_text(GLOSSARY + "spine: The bones down the middle of your back.\n")
    elif change == "theme":
        css = project / "themes/default/print.css"
        css.write_text(css.read_text() + "\n/* a later note */\n")
    else:
        yml = project / "courses/small/course.yml"
        yml.write_text(yml.read_text() + "# reviewed again\n")
    again, _ = build(project)
    assert {name for name in rendered if "#" not in name} == EVERY_DOCUMENT
    assert again.reused == set()


def test_building_one_output_keeps_the_cache_of_the_others(project: Path, rendered: set[str]) -> None:
    build(project)
    assert run_build(project, BuildSettings(out=project / "build", only=("site",), jobs=1, force=True)).ok
    rendered.clear()
    again, _ = build(project)
    assert rendered == set() and again.reused == EVERY_FILE


def test_a_hand_edited_output_does_not_change_the_cache(project: Path) -> None:
    _, before = build(project)
    deck = project / "build/slides/small/keep-moving.pptx"
    with open(deck, "r+b") as handle:  # edited in place, as some programs save
        handle.write(b"changed")
    _, after = build(project)
    assert after["slides/small/keep-moving.pptx"] == before["slides/small/keep-moving.pptx"]


def test_a_cache_folder_that_is_a_link_is_not_read(project: Path, rendered: set[str], tmp_path: Path) -> None:
    build(project)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "build" / CACHE_FOLDER, elsewhere)
    (project / "build" / CACHE_FOLDER).symlink_to(elsewhere, target_is_directory=True)
    rendered.clear()
    again, _ = build(project)
    assert {name for name in rendered if "#" not in name} == EVERY_DOCUMENT and again.reused == set()


def test_a_computer_without_harfbuzz_subset_gets_one_note_and_still_keeps_the_cache(
        project: Path, rendered: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint falls back to fontTools and says so; that note is about the computer, not the course."""
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)  # as on a computer without the library
    out = project / "build"
    first = run_build(project, BuildSettings(out=out, jobs=1))
    assert first.ok, first.diagnostics.format_text(project)
    notes = [d for d in first.diagnostics.with_strictness(True) if d.code == "CK776"]
    assert len(notes) == 1 and notes[0].severity.value == "info", first.diagnostics.format_text(project)
    assert notes[0].loc.display(project) == "themes/default/theme.yml:4:3"  # the theme's `font:`
    assert "HarfBuzz-Subset" in notes[0].message and "libharfbuzz-subset0" in notes[0].hint
    rendered.clear()
    progress = Recorder()
    assert run_build(project, BuildSettings(out=out, jobs=1, force=True), progress).ok
    assert rendered == set() and progress.reused == EVERY_FILE


def test_the_cache_knows_which_font_subsetter_weasyprint_uses() -> None:
    from weasyprint.text import ffi

    from toolkit.cache import font_subsetter

    assert font_subsetter() == ("harfbuzz" if ffi.harfbuzz_subset is not None else "fonttools")


@pytest.mark.parametrize("other", ["harfbuzz", "fonttools"])
def test_another_font_subsetter_makes_the_handouts_again(project: Path, rendered: set[str],
                                                         monkeypatch: pytest.MonkeyPatch, other: str) -> None:
    """The two subsetters give different bytes, so installing or removing HarfBuzz's is a change of input."""
    from toolkit import cache, uptodate

    for module in (cache, uptodate):
        monkeypatch.setattr(module, "font_subsetter", lambda: "harfbuzz" if other == "fonttools" else "fonttools")
    out = project / "build"
    assert run_build(project, BuildSettings(out=out, jobs=1)).ok
    rendered.clear()
    for module in (cache, uptodate):
        monkeypatch.setattr(module, "font_subsetter", lambda: other)
    progress = Recorder()
    assert run_build(project, BuildSettings(out=out, jobs=1), progress).ok  # not --force: the digest must see it
    handouts = {name for name in EVERY_DOCUMENT if name.endswith(".pdf")}
    assert handouts <= rendered and not progress.reused & handouts


# The keys themselves: a change to any input a document is made from gives another key, and nothing else does.

def _course(root: Path) -> tuple[Course, Module]:
    from toolkit.loader import load_project

    loaded, _ = load_project(root)
    course = loaded.courses[0]
    return course, course.modules[0]


SOURCE_DATE = dt.datetime(2023, 11, 14, tzinfo=dt.timezone.utc)
PICTURE = MODULE + "\n![A walk in the park](../media/walk.png)\n"


def test_editing_a_picture_a_module_shows_changes_its_key(make_project: ProjectFactory) -> None:
    root = make_project({"01-keep-moving.md": PICTURE}, files={"media/walk.png": b"\x89PNG first"})
    course, module = _course(root)
    first = module_digest(course, module)
    assert module_digest(course, module) == first
    (course.folder / "media/walk.png").write_bytes(b"\x89PNG second")
    assert module_digest(course, module) != first
    (course.folder / "media/unused.png").write_bytes(b"\x89PNG not shown")
    edited = module_digest(course, module)
    assert module_digest(course, module) == edited


def test_a_module_whose_picture_is_missing_still_has_a_key(make_project: ProjectFactory) -> None:
    root = make_project({"01-keep-moving.md": PICTURE})
    course, module = _course(root)
    missing = module_digest(course, module)
    (course.folder / "media").mkdir()
    (course.folder / "media/walk.png").write_bytes(b"\x89PNG now there")
    assert module_digest(course, module) != missing


@pytest.mark.parametrize("library", ["weasyprint", "python-pptx", "pydyf", "pikepdf", "segno"])
def test_a_new_version_of_a_library_that_makes_documents_changes_every_key(
        make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, library: str) -> None:
    from importlib import metadata

    course, _ = _course(make_project())
    real_version = metadata.version
    before = course_digest(course, source_date=SOURCE_DATE, paper="a4")
    monkeypatch.setattr(metadata, "version", lambda name: "99.0" if name == library else real_version(name))
    assert course_digest(course, source_date=SOURCE_DATE, paper="a4") != before


def test_the_theme_font_package_files_are_part_of_every_key(make_project: ProjectFactory, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.handouts import fonts

    course, _ = _course(make_project())
    package = tmp_path / "font_package"  # stands in for the theme's installed font package
    (package / "files").mkdir(parents=True)
    (package / "files/Regular.ttf").write_bytes(b"x" * 10)
    monkeypatch.setattr(fonts, "font_folder", lambda name: package if name == course.theme.meta.font.package else None)

    def key() -> str:
        return course_digest(course, source_date=SOURCE_DATE, paper="a4")

    first = key()
    assert key() == first
    (package / "files/Regular.ttf").write_bytes(b"x" * 11)  # another version of the font
    grown = key()
    (package / "files/Bold.ttf").write_bytes(b"x")
    assert len({first, grown, key()}) == 3
    monkeypatch.setattr(fonts, "font_folder", lambda name: None)  # not installed: the substitute's metrics
    assert key() not in {first, grown}


def test_file_and_folder_digests_take_names_that_are_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "a.css").write_text("a")
    before = folder_digest(folder)
    os.mkdir(os.fsencode(folder) + b"/caf\xe9")  # a folder named in Latin-1: empty folders are not described
    (folder / os.fsdecode(b"caf\xe9") / "b.css").write_text("b")
    assert folder_digest(folder) != before
    (folder / "link.css").symlink_to("a.css")  # described by where it points, never followed
    linked = folder_digest(folder)
    (folder / "link.css").unlink()
    (folder / "link.css").symlink_to("b.css")
    assert folder_digest(folder) != linked
    name = os.fsdecode(b"caf\xe9.md")
    assert document_key("slides:module", name, "", [], "") != document_key("slides:module", "cafe.md", "", [], "")


@dataclasses.dataclass(frozen=True)
class Plan:
    title: str
    picture: Path | PurePosixPath | None
    options: dict[object, object]


@dataclasses.dataclass(frozen=True)
class OtherPlan:
    title: str
    picture: Path | PurePosixPath | None
    options: dict[object, object]


class Layout(enum.Enum):
    WIDE = "wide"


class Paper(enum.Enum):
    WIDE = "wide"


class Record(pydantic.BaseModel):
    name: str


class OtherRecord(pydantic.BaseModel):
    name: str


def test_a_plan_fingerprint_changes_with_each_value_and_each_file_it_names(tmp_path: Path) -> None:
    picture = tmp_path / "walk.png"
    picture.write_bytes(b"first")
    plan = Plan("Walk", picture, {"size": 12, 3: "three", picture: picture})
    first = fingerprint(plan)
    assert fingerprint(Plan("Walk", picture, {3: "three", picture: picture, "size": 12})) == first  # any order
    picture.write_bytes(b"second")
    edited = fingerprint(plan)
    others = [
        Plan("Rest", picture, plan.options),
        Plan("Walk", None, plan.options),
        Plan("Walk", PurePosixPath("walk.png"), plan.options),
        Plan("Walk", PurePosixPath("rest.png"), plan.options),
        Plan("Walk", picture, {"size": 13, 3: "three", picture: picture}),
        Plan("Walk", picture, {"size": 12, 4: "three", picture: picture}),
        Plan("Walk", picture, {"size": 12, 3: "three"}),
        Plan("Walk", picture, {"size": (12,), 3: "three", picture: picture}),
        Plan("Walk", picture, {"size": [Record(name="a")], 3: "three", picture: picture}),
        Plan("Walk", picture, {"size": [Record(name="b")], 3: "three", picture: picture}),
        Plan("Walk", picture, {"size": [OtherRecord(name="b")], 3: "three", picture: picture}),
        Plan("Walk", picture, {"size": SOURCE_DATE, 3: "three", picture: picture}),
        Plan("Walk", tmp_path / os.fsdecode(b"caf\xe9.png"), {}),
        OtherPlan("Walk", picture, plan.options),
        Plan("Walk", picture, {"size": Layout.WIDE, 3: "three", picture: picture}),
        Plan("Walk", picture, {"size": Paper.WIDE, 3: "three", picture: picture}),
    ]
    assert len({first, edited, *map(fingerprint, others)}) == 2 + len(others)


def test_a_plan_holding_something_without_a_fingerprint_is_not_keyed() -> None:
    with pytest.raises(Unkeyable):
        fingerprint(Plan("Walk", None, {"callback": print}))


def test_a_cached_document_is_copied_where_the_disk_cannot_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = OutputCache(tmp_path / "out", tmp_path / "stage-1", "slides")
    first.store("key", ".pptx", b"deck")
    shutil.move(tmp_path / "stage-1", tmp_path / "out")

    def cannot_link(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cannot_link)
    second = OutputCache(tmp_path / "out", tmp_path / "stage-2", "slides")
    assert second.read("key", ".pptx") == b"deck"
    assert (tmp_path / "stage-2" / CACHE_FOLDER / "slides/key.pptx").read_bytes() == b"deck"


def test_a_builder_without_a_previous_output_has_no_cache(tmp_path: Path) -> None:
    assert output_cache(types.SimpleNamespace(), tmp_path, "slides") is None
    assert output_cache(types.SimpleNamespace(previous=None), tmp_path, "slides") is None
    cache = output_cache(types.SimpleNamespace(previous=str(tmp_path / "out")), tmp_path / "stage", "slides")
    assert cache is not None and cache.previous == tmp_path / "out" / CACHE_FOLDER / "slides"
