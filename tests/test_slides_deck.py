"""Decks written with python-pptx, re-opened with python-pptx and checked slide by slide, shape by shape."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from toolkit import model as m
from toolkit.reproducible import source_date
from toolkit.slides import build_decks, qr_png
from toolkit.slides.geometry import DEFAULT_GEOMETRY, LAYOUTS
from toolkit.slides.template import load_template
from toolkit.themes import builtin_themes_folder

from tests.conftest import SAMPLE_COURSES
from tests.slides_support import STRESS, WHEN, build, course_home, load_course, sample_course

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture(scope="module", params=SAMPLE_COURSES)
def sample(request: pytest.FixtureRequest) -> m.Course:
    """Each sample course in turn: the deck tests run on every one."""
    return sample_course(request.param)


@pytest.fixture(scope="module")
def sample_decks(sample: m.Course, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {p.stem: p for p in build(sample, tmp_path_factory.mktemp("sample"), course_home(sample))}


@pytest.fixture(scope="module")
def stress() -> m.Course:
    return load_course(STRESS)


@pytest.fixture(scope="module")
def stress_decks(stress: m.Course, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {p.stem: p for p in build(stress, tmp_path_factory.mktemp("stress"))}


def all_decks(sample_decks: dict[str, Path], stress_decks: dict[str, Path]) -> list[Path]:
    return [*sample_decks.values(), *stress_decks.values()]


def title_of(slide) -> str:  # type: ignore[no-untyped-def]
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


def slide_text(slide) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def notes_of(slide) -> str:  # type: ignore[no-untyped-def]
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def squash(text: str) -> str:
    return " ".join(text.split())


def test_one_deck_per_module_and_a_workshop(sample: m.Course, sample_decks: dict[str, Path]) -> None:
    assert set(sample_decks) == {mod.id for mod in sample.modules} | {"workshop"}


def test_every_slide_has_a_unique_title_read_first(sample_decks, stress_decks) -> None:  # type: ignore[no-untyped-def]
    for path in all_decks(sample_decks, stress_decks):
        titles = []
        for slide in Presentation(str(path)).slides:
            title = title_of(slide).strip()
            assert title, (path.name, slide.slide_id)
            titles.append(title)
            first = next(el for el in slide.shapes._spTree if el.tag in (f"{P}sp", f"{P}pic", f"{P}graphicFrame"))  # noqa: SLF001
            assert first is slide.shapes.title._element, (path.name, title)  # noqa: SLF001
        assert len(titles) == len(set(titles)), path.name


def test_pictures_have_real_alt_text(sample, sample_decks, stress_decks) -> None:  # type: ignore[no-untyped-def]
    pictures = 0
    for path in all_decks(sample_decks, stress_decks):
        for slide in Presentation(str(path)).slides:
            for shape in slide.shapes:
                if shape.shape_type is None or shape.shape_type != 13:  # MSO_SHAPE_TYPE.PICTURE
                    continue
                pictures += 1
                alt = shape._element.nvPicPr.cNvPr.get("descr", "").strip()  # noqa: SLF001
                assert alt, (path.name, title_of(slide))
                assert not alt.lower().endswith((".png", ".jpg", ".jpeg", ".svg")), alt
                assert alt.lower() not in {p.stem.lower() for p in (sample.folder / "media").glob("*")}, alt
                assert shape.image.content_type in ("image/png", "image/jpeg")
    assert pictures > 0


def module_paragraphs(module: m.Module) -> list[str]:
    """The prose of a module as the deck shows it: section paragraphs and speaker notes."""
    out = []
    for section in module.sections:
        for block in section.blocks:
            if isinstance(block, m.Paragraph):
                out.append(m.plain_text(block.inlines))
            elif isinstance(block, m.Notes):
                out.extend(m.plain_text(b.inlines) for b in block.blocks if isinstance(b, m.Paragraph))
    return [squash(t) for t in out if t.strip()]


def slide_blocks(blocks) -> list[m.Block]:  # type: ignore[no-untyped-def]
    """Every block meant for slides: not inside speaker notes, nor in `::: only` for other outputs."""
    out = []
    for block in blocks:
        if isinstance(block, m.Notes) or (isinstance(block, m.Only) and "slides" not in block.outputs):
            continue
        out.append(block)
        if isinstance(block, m.ListBlock):
            for item in block.items:
                out.extend(slide_blocks(item.blocks))
        elif hasattr(block, "blocks"):
            out.extend(slide_blocks(block.blocks))
    return out


def module_list_items(module: m.Module) -> list[str]:
    items = []
    for block in slide_blocks(tuple(module.blocks())):
        if isinstance(block, m.ListBlock):
            for item in block.items:
                if item.blocks and isinstance(item.blocks[0], m.Paragraph) and item.checked is None:
                    items.append(squash(m.plain_text(item.blocks[0].inlines)))
    return [i for i in items if i]


def test_prose_in_the_notes_and_lists_on_the_slides(sample: m.Course, sample_decks) -> None:  # type: ignore[no-untyped-def]
    for module in sample.modules:
        for deck in (sample_decks[module.id], sample_decks["workshop"]):
            slides = list(Presentation(str(deck)).slides)
            notes = squash("\n".join(notes_of(s) for s in slides))
            shown = squash("\n".join(slide_text(s) for s in slides))
            for paragraph in module_paragraphs(module):
                assert paragraph in notes, (deck.name, paragraph)
            items = module_list_items(module)
            assert items
            for item in items:
                assert item in shown, (deck.name, item)


def test_red_flags_slide_in_every_deck_with_the_block(sample: m.Course, sample_decks) -> None:  # type: ignore[no-untyped-def]
    with_block = [mod for mod in sample.modules
                  if any(isinstance(b, m.RedFlags) for b in m.walk_blocks(tuple(mod.blocks())))]
    assert with_block
    for module in with_block:
        for deck in (sample_decks[module.id], sample_decks["workshop"]):
            alerts = [s for s in Presentation(str(deck)).slides if s.slide_layout.name == LAYOUTS["alert"]]
            assert alerts, deck.name
            emergency = (sample.meta.emergency or sample.theme.meta.emergency).text  # type: ignore[union-attr]
            assert all(emergency in slide_text(s) for s in alerts)


def test_footer_and_slide_numbers(sample: m.Course, sample_decks) -> None:  # type: ignore[no-untyped-def]
    meta = sample.meta
    for path in sample_decks.values():
        for number, slide in enumerate(Presentation(str(path)).slides, 1):
            footer = [s for s in slide.shapes if s.is_placeholder and s.placeholder_format.type == 15]
            number_shape = [s for s in slide.shapes if s.is_placeholder and s.placeholder_format.type == 13]
            assert len(footer) == 1 and len(number_shape) == 1
            text = footer[0].text_frame.text
            assert meta.title[:20] in text and f"Version {meta.version}" in text
            assert f"Reviewed {meta.reviewed.isoformat()}" in text  # type: ignore[union-attr]
            field = number_shape[0]._element.find(f".//{A}fld")  # noqa: SLF001
            assert field.get("type") == "slidenum" and field.find(f"{A}t").text == str(number)


def test_core_properties_come_from_course_yml(sample: m.Course, sample_decks) -> None:  # type: ignore[no-untyped-def]
    for name, path in sample_decks.items():
        core = Presentation(str(path)).core_properties
        expected = sample.meta.title if name == "workshop" else sample.module(name).meta.title  # type: ignore[union-attr]
        assert core.title == expected
        assert core.author == "; ".join(p.name for p in sample.meta.authors)
        assert core.subject == (sample.meta.summary or sample.meta.subtitle or sample.meta.title)
        assert core.created == core.modified == WHEN.replace(tzinfo=None)
        assert core.language == sample.meta.language


def test_workshop_agenda_dividers_and_closing_with_qr(sample: m.Course, sample_decks) -> None:  # type: ignore[no-untyped-def]
    slides = list(Presentation(str(sample_decks["workshop"])).slides)
    assert title_of(slides[1]).startswith("Agenda")
    assert "0:00–" in slide_text(slides[1])
    dividers = [title_of(s) for s in slides if s.slide_layout.name == LAYOUTS["section"]
                and "Module " in slide_text(s)]
    assert dividers == [mod.meta.title for mod in sample.modules]
    closing = slides[-1]
    assert closing.slide_layout.name == LAYOUTS["closing"]
    contact = sample.meta.contact or sample.theme.meta.clinic
    assert contact.name in slide_text(closing) and (contact.phone or "") in slide_text(closing)
    qr = [s for s in closing.shapes if s.shape_type == 13]
    assert len(qr) == 1 and course_home(sample) in qr[0]._element.nvPicPr.cNvPr.get("descr")  # noqa: SLF001
    assert qr[0].image.blob == qr_png(course_home(sample))


def test_layouts_are_the_templates_named_ones(sample_decks) -> None:  # type: ignore[no-untyped-def]
    used = {s.slide_layout.name for p in sample_decks.values() for s in Presentation(str(p)).slides}
    assert used <= set(LAYOUTS.values())
    assert {"Title", "Title and Content", "Alert", "Quiz", "Closing", "Section"} <= used


def test_two_builds_give_identical_bytes(stress: m.Course, tmp_path: Path) -> None:
    first = build(stress, tmp_path / "one")
    second = build(stress, tmp_path / "two")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
        with zipfile.ZipFile(a) as z:
            assert z.namelist()[0] == "[Content_Types].xml"
            assert {i.date_time for i in z.infolist()} == {(2026, 11, 1, 0, 0, 0)}


def test_builds_in_fresh_processes_give_identical_bytes(tmp_path: Path) -> None:
    """Set order, hash seeds and the clock must not leak into a deck."""
    import subprocess
    import sys

    code = ("import sys, pathlib; from tests.slides_support import build, load_course, STRESS; "
            "build(load_course(STRESS), pathlib.Path(sys.argv[1]))")
    for seed in ("1", "2"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], check=True, env=env,
                       cwd=Path(__file__).resolve().parent.parent)
    for deck in ("long-things.pptx", "workshop.pptx"):
        assert (tmp_path / "1" / deck).read_bytes() == (tmp_path / "2" / deck).read_bytes(), deck


def test_source_date_epoch_sets_the_dates(stress: m.Course, tmp_path: Path) -> None:
    when = source_date((stress,), {"SOURCE_DATE_EPOCH": "1767225600"})
    assert when == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert source_date((stress,), {}) == dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    assert source_date((stress,), {"SOURCE_DATE_EPOCH": "0"}).year == 1980  # ZIP cannot hold an earlier date
    build_decks(stress, tmp_path, source_date=when)
    deck = tmp_path / "workshop.pptx"
    assert Presentation(str(deck)).core_properties.modified == dt.datetime(2026, 1, 1)
    with zipfile.ZipFile(deck) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_default_template_is_designed_and_its_geometry_is_the_plans(sample: m.Course) -> None:
    template, problems = load_template(sample.theme)
    assert problems == [] and template is not None
    assert template.geometry == DEFAULT_GEOMETRY
    prs = Presentation(str(template.path))
    assert [layout.name for layout in prs.slide_layouts] == list(LAYOUTS.values())
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    theme_xml = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
    assert theme_xml.count('typeface="Atkinson Hyperlegible"') >= 2
    assert sample.theme.meta.colours.light.primary.lstrip("#").upper() in theme_xml


def test_template_script_reproduces_the_committed_template(tmp_path: Path) -> None:
    import importlib.util

    script = builtin_themes_folder() / "default" / "make_template.py"
    spec = importlib.util.spec_from_file_location("make_template", script)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    out = module.main(tmp_path / "template.pptx")

    def parts(path: Path) -> list[tuple[str, tuple[int, ...], bytes]]:
        # Compared part by part: another zlib may compress the same parts to other bytes.
        with zipfile.ZipFile(path) as z:
            return [(i.filename, i.date_time, z.read(i)) for i in z.infolist()]

    assert parts(out) == parts(script.parent / "template.pptx")


def clinic_theme(tmp_path: Path, template_bytes: bytes) -> m.Course:
    """The stress course with a project theme `clinic` whose template is ``template_bytes``."""
    root = tmp_path / "project"
    shutil.copytree(STRESS, root)
    theme = root / "themes" / "clinic"
    shutil.copytree(builtin_themes_folder() / "default", theme)
    (theme / "template.pptx").unlink()
    yml = (theme / "theme.yml").read_text()
    (theme / "theme.yml").write_text(yml.replace("slides_template: template.pptx", "slides_template: clinic.pptx"))
    (theme / "clinic.pptx").write_bytes(template_bytes)
    course_yml = root / "courses" / "stress" / "course.yml"
    course_yml.write_text(course_yml.read_text() + "theme: clinic\n")
    return load_course(root)


def at_template_line(course, found) -> bool:  # type: ignore[no-untyped-def]
    """Whether the first error points at the `slides_template:` line of the course's theme.yml."""
    lines = (course.theme.folder / "theme.yml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("slides_template:"))
    loc = found.errors[0].loc
    return loc.path.as_posix().endswith("theme.yml") and (loc.line, loc.column) == (line, len("slides_template: ") + 1)


def test_missing_layouts_are_listed_with_those_the_file_has(tmp_path: Path) -> None:
    import io

    buffer = io.BytesIO()
    Presentation().save(buffer)  # python-pptx's blank default: no Alert, Quiz or Closing layout
    course = clinic_theme(tmp_path, buffer.getvalue())
    found = build_decks(course, tmp_path / "out")
    assert found.codes() == ["CK741"] and at_template_line(course, found)
    message = found.errors[0].message
    assert "“Alert”, “Quiz”, “Closing”" in message
    assert "“Title Slide”" in message and "“Picture with Caption”" in message
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_a_template_is_refused(tmp_path: Path) -> None:
    course = clinic_theme(tmp_path, b"not a zip")
    found = build_decks(course, tmp_path / "out")
    assert found.codes() == ["CK740"] and at_template_line(course, found)


def test_a_clinic_template_with_renamed_placeholders_is_found_by_name(tmp_path: Path) -> None:
    """Layouts may come in any order and placeholders carry PowerPoint's names; lookups go by name."""
    prs = Presentation(str(builtin_themes_folder() / "default" / "template.pptx"))
    ids = prs.slide_master._element.find(f"{P}sldLayoutIdLst")  # noqa: SLF001
    entries = list(ids)
    for entry in entries:
        ids.remove(entry)
    for entry in reversed(entries):
        ids.append(entry)
    for layout in prs.slide_layouts:
        for n, shape in enumerate(layout.placeholders, 2):
            shape.name = {"Body": f"Content Placeholder {n}", "Title": "Title 1"}.get(shape.name, shape.name)
    import io

    buffer = io.BytesIO()
    prs.save(buffer)
    course = clinic_theme(tmp_path, buffer.getvalue())
    found = build_decks(course, tmp_path / "out", source_date=WHEN)
    assert not found.errors, found.format_text()
    deck = Presentation(str(tmp_path / "out" / "long-things.pptx"))
    alert = next(s for s in deck.slides if s.slide_layout.name == "Alert")
    assert "You cannot control your bladder or bowels" in slide_text(alert)
    assert title_of(alert) == "Get help at once if you notice any of these"  # the at-once words from the emergency line


def test_a_layout_without_its_placeholder_is_named(tmp_path: Path) -> None:
    prs = Presentation(str(builtin_themes_folder() / "default" / "template.pptx"))
    alert = next(layout for layout in prs.slide_layouts if layout.name == "Alert")
    body = next(shape for shape in alert.placeholders if shape.name == "Body")
    body._element.getparent().remove(body._element)  # noqa: SLF001
    import io

    buffer = io.BytesIO()
    prs.save(buffer)
    course = clinic_theme(tmp_path, buffer.getvalue())
    found = build_decks(course, tmp_path / "out")
    assert found.codes() == ["CK742"] and at_template_line(course, found)
    assert "“Alert”" in found.errors[0].message and "“Body”" in found.errors[0].message
    assert "“Title”, “Footer”, “Slide Number”" in found.errors[0].message


def test_a_template_outside_the_theme_folder_is_never_opened(tmp_path: Path) -> None:
    course = clinic_theme(tmp_path, b"")
    theme_yml = course.theme.folder / "theme.yml"
    theme_yml.write_text(theme_yml.read_text().replace("slides_template: clinic.pptx",
                                                       "slides_template: ../../../outside.pptx"))
    project, _ = __import__("toolkit.loader", fromlist=["load_project"]).load_project(tmp_path / "project")
    found = build_decks(project.courses[0], tmp_path / "out")
    assert found.codes() == ["CK740"] and "outside the theme folder" in found.errors[0].message


def test_a_damaged_picture_is_an_error_at_its_line(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    module = ("---\ntitle: Pictures\nsummary: A damaged picture.\nduration: 5\n---\n\n## A section\n\n"
              "![A nerve running down the leg](../media/nerve.png)\n")
    root = make_project({"01-pictures.md": module}, files={"media/nerve.png": "this is not a picture"})
    found = build_decks(load_course(root), tmp_path / "out", source_date=WHEN)
    assert sorted(found.codes()) == ["CK746"]  # once, though two decks show the picture
    damaged = found.errors[0]
    assert damaged.loc.line == 9 and "`nerve.png` cannot be read as a picture" in damaged.message
    assert not (tmp_path / "out").exists()  # nothing is written when planning found an error


def test_a_deck_that_cannot_be_written_is_an_error(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    out = tmp_path / "out"
    (out / "keep-moving.pptx").mkdir(parents=True)
    found = build_decks(load_course(root), out, source_date=WHEN)
    assert "CK747" in found.codes()
    assert sorted(p.name for p in out.iterdir()) == ["keep-moving.pptx", "workshop.pptx"]
    assert (out / "keep-moving.pptx").is_dir()


def test_the_build_output_writes_slides_per_course(stress: m.Course, tmp_path: Path) -> None:
    from toolkit.build import BuildContext, BuildSettings
    from toolkit.loader import load_project
    from toolkit.rendering import completed
    from toolkit.slides import build_output

    written: list[Path] = []

    class Progress:
        def output_started(self, output: str) -> None: ...

        def output_finished(self, output: str, seconds: float) -> None: ...

        def file_written(self, output: str, path: Path) -> None:
            assert output == "slides"
            written.append(path)

    project, _ = load_project(STRESS)
    context = BuildContext(project, BuildSettings(out=tmp_path / "build"), WHEN, Progress())
    found = completed(build_output(context, tmp_path / "stage"))
    assert not found.errors
    folder = tmp_path / "stage" / "slides" / "stress"
    assert sorted(p.name for p in folder.iterdir()) == ["long-things.pptx", "workshop.pptx"]
    assert sorted(written) == sorted(folder.iterdir())


def test_web_links_stay_clickable_and_module_links_become_text(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    module = ("---\ntitle: Links\nsummary: Links on a slide.\nduration: 5\n---\n\n## A section\n\n"
              "- Read [the NHS page](https://www.nhs.uk/conditions/sciatica/) about sciatica\n"
              "- See [the next module](02-more.md) too\n")
    root = make_project({"01-links.md": module})
    found = build_decks(load_course(root), tmp_path / "out", source_date=WHEN)
    assert not found.errors
    slide = next(s for s in Presentation(str(tmp_path / "out" / "links.pptx")).slides if title_of(s) == "A section")
    body = next(s for s in slide.placeholders if s.name == "Body")
    runs = [r for p in body.text_frame.paragraphs for r in p.runs]
    linked = {r.text: r.hyperlink.address for r in runs if r.hyperlink.address}
    assert linked == {"the NHS page": "https://www.nhs.uk/conditions/sciatica/"}
    assert "See the next module too" in body.text_frame.text


def test_a_picture_beside_a_list_fills_the_right_box(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    png = (STRESS / "courses/stress/media/leg-diagram.png").read_bytes()
    module = ("---\ntitle: Side by side\nsummary: A list beside a picture.\nduration: 5\n---\n\n## A section\n\n"
              "- Shade the numb part\n- Date the drawing\n\n![A leg with a shaded numb patch](../media/leg.png)\n")
    root = make_project({"01-side.md": module}, files={"media/leg.png": png})
    assert not build_decks(load_course(root), tmp_path / "out", source_date=WHEN).errors
    slide = next(s for s in Presentation(str(tmp_path / "out" / "side.pptx")).slides if title_of(s) == "A section")
    assert slide.slide_layout.name == "Two Content"
    assert [s.name for s in slide.placeholders if s.name not in ("Footer", "Slide Number")] == ["Title", "Left"]
    picture = next(s for s in slide.shapes if s.shape_type == 13)
    box = DEFAULT_GEOMETRY.box("two-content", "right")
    assert box.x <= picture.left and picture.left + picture.width <= box.x + box.w  # type: ignore[union-attr]
    assert box.y <= picture.top and picture.top + picture.height <= box.y + box.h  # type: ignore[union-attr]
    assert picture._element.nvPicPr.cNvPr.get("descr") == "A leg with a shaded numb patch"  # noqa: SLF001


def test_an_svg_without_png_is_reported_once_for_all_decks(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    module = ("---\ntitle: Drawings\nsummary: An SVG drawing.\nduration: 5\n---\n\n## A section\n\n"
              "![A drawing of a nerve](../media/nerve.svg)\n")
    root = make_project({"01-drawings.md": module}, files={"media/nerve.svg": svg})
    found = build_decks(load_course(root), tmp_path / "out", source_date=WHEN)
    assert sorted(found.codes()) == ["CK744"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["drawings.pptx", "workshop.pptx"]


def test_awkward_content_never_breaks_a_deck(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    nested = "".join("  " * i + f"- level {i}\n" for i in range(10))
    body = ("## Odd characters & <b>markup</b> 漢字 🙂\n\n" + nested + "\n"
            "- " + "https://example.org/" + "a" * 300 + "\n\n"
            "| a |\n|---|\n| " + " ".join(["word"] * 200) + " |\n\n"
            "```\ncode line\n```\n")
    module = "---\ntitle: Odd\nsummary: Awkward content.\nduration: 5\n---\n\n" + body
    root = make_project({"01-odd.md": module})
    found = build_decks(load_course(root), tmp_path / "out", source_date=WHEN)
    assert not found.errors
    assert set(found.codes()) <= {"CK743"}
    deck = Presentation(str(tmp_path / "out" / "odd.pptx"))
    text = "\n".join(slide_text(s) for s in deck.slides)
    assert "level 9" in text and "漢字" in text and "<b>" not in text and "code line" in text


def test_tables_sit_in_the_body_box(stress_decks) -> None:  # type: ignore[no-untyped-def]
    """Each table part starts at the body box's top and its rows end inside it (that every cell's text fits its
    row is checked on the slides as Impress draws them, in test_slides_libreoffice)."""
    box = DEFAULT_GEOMETRY.box("content", "body")
    tables = 0
    for slide in Presentation(str(stress_decks["long-things"])).slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            tables += 1
            assert shape.top == box.y and sum(r.height for r in shape.table.rows) <= box.h  # type: ignore[union-attr]
    assert tables >= 2
