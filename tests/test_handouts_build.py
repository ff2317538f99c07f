"""`coursekit build` with handouts on a small course: paper, repeatable bytes, dates, and where files go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import COURSE_YML, MODULE, ProjectFactory
from tests.pdf_support import read
from toolkit.cache import CACHE_FOLDER
from toolkit.build import BUILDERS, BuildSettings, run_build
from toolkit.cli import cli

SITE = COURSE_YML
ADDRESS = "site_name: Test\nsite_url: https://example.org/small/\n"  # mkdocs.yml, giving the QR codes an address


def _pdfs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))
            if CACHE_FOLDER not in p.relative_to(folder).parts}  # the handouts, not the cache's copies


def test_the_builders_are_registered() -> None:
    assert BUILDERS["handouts"] == "toolkit.handouts:build_handouts"
    assert BUILDERS["guide"] == "toolkit.handouts:build_guide"


def test_a_build_gives_every_pdf_dated_from_the_source(make_project: ProjectFactory, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes are compared between two fresh processes in tests/test_same_bytes.py."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_project(course_yml=SITE, mkdocs_yml=ADDRESS)
    result = run_build(root, BuildSettings(out=tmp_path / "one", only=("handouts", "guide")))
    assert result.ok, result.diagnostics.format_text(root)
    assert sorted(_pdfs(tmp_path / "one")) == ["guide/small/facilitator-guide.pdf", "handouts/small/booklet-print.pdf",
                                               "handouts/small/booklet.pdf", "handouts/small/keep-moving-large.pdf",
                                               "handouts/small/keep-moving.pdf"]
    info = read(tmp_path / "one" / "handouts/small/keep-moving.pdf").metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261101000000Z"  # `reviewed:` in course.yml


def test_source_date_epoch_sets_the_document_dates(make_project: ProjectFactory, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    root = make_project(course_yml=SITE, mkdocs_yml=ADDRESS)
    assert run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",))).ok
    info = read(tmp_path / "out" / "handouts/small/keep-moving.pdf").metadata
    assert info["/CreationDate"] == "D:20260101000000Z"


@pytest.mark.parametrize("paper,size,half", [("a4", (595.28, 841.89), (419.53, 595.28)),
                                             ("letter", (612.0, 792.0), (396.0, 612.0))])
def test_paper_from_the_command_line(make_project: ProjectFactory, paper: str, size: tuple[float, float],
                                     half: tuple[float, float]) -> None:
    """Every handout on the paper; the booklet on half of it (A5, half-letter), and its print-ready file on
    the paper turned landscape, two pages a side."""
    root = make_project(course_yml=SITE, mkdocs_yml=ADDRESS)
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "handouts,guide", "--paper", paper, "--quiet"])
    assert result.exit_code == 0, result.output
    expected = {"booklet.pdf": half, "booklet-print.pdf": (size[1], size[0])}
    pdfs = _pdfs(root / "build")
    assert "handouts/small/booklet-print.pdf" in pdfs
    for name in pdfs:
        reader = read(root / "build" / name)
        for page in reader.pages:
            box = page.mediabox
            assert (round(float(box.width), 2), round(float(box.height), 2)) == pytest.approx(
                expected.get(Path(name).name, size), abs=0.05), name


def test_paper_from_the_theme(make_project: ProjectFactory, tmp_path: Path) -> None:
    theme = (Path(__file__).resolve().parent.parent / "themes" / "default").resolve()
    root = make_project(course_yml=SITE.replace("disclaimer:", "theme: letterhead\ndisclaimer:"), mkdocs_yml=ADDRESS)
    folder = root / "themes" / "letterhead"
    folder.mkdir(parents=True)
    for name in ("logo.svg", "print.css"):
        (folder / name).write_bytes((theme / name).read_bytes())
    text = (theme / "theme.yml").read_text().replace("paper: a4", "paper: letter")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("slides_template:")) + "\n"
    (folder / "theme.yml").write_text(text)
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",)))
    assert result.ok, result.diagnostics.format_text(root)
    box = read(tmp_path / "out" / "handouts/small/keep-moving.pdf").pages[0].mediabox
    assert round(float(box.width)) == 612 and round(float(box.height)) == 792


def test_no_site_url_is_reported_as_information_and_strict_still_builds(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project()
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",), strict=True))
    assert result.ok
    assert "CK774" in result.diagnostics.codes()


def test_one_font_configuration_and_parsed_stylesheets_serve_every_document(make_project: ProjectFactory) -> None:
    from toolkit.check import run_check
    from toolkit.handouts.fetcher import ProjectFetcher
    from toolkit.handouts.fonts import font_config
    from toolkit.handouts.writer import allowed_roots, stylesheets

    project = run_check(make_project(course_yml=SITE, mkdocs_yml=ADDRESS)).project
    theme = project.courses[0].theme
    first = stylesheets(theme, "a4", ProjectFetcher(allowed_roots(project.root, theme)))
    again = stylesheets(theme, "a4", ProjectFetcher(allowed_roots(project.root, theme)))
    assert first is again and len(first.sheets) == 2 and not first.refused
    assert stylesheets(theme, "letter", ProjectFetcher(allowed_roots(project.root, theme))) is not first
    assert font_config() is font_config()


def test_a_theme_without_print_css_uses_the_default_one(make_project: ProjectFactory, tmp_path: Path) -> None:
    theme = (Path(__file__).resolve().parent.parent / "themes" / "default").resolve()
    root = make_project(course_yml=SITE.replace("disclaimer:", "theme: plain\ndisclaimer:"), mkdocs_yml=ADDRESS)
    folder = root / "themes" / "plain"
    folder.mkdir(parents=True)
    text = "\n".join(line for line in (theme / "theme.yml").read_text().splitlines()
                     if not line.startswith(("slides_template:", "print_css:", "logo:"))) + "\n"
    (folder / "theme.yml").write_text(text)
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",)))
    assert result.ok, result.diagnostics.format_text(root)
    from tests.pdf_support import page_texts

    texts = page_texts(read(tmp_path / "out" / "handouts/small/keep-moving.pdf"))
    assert all(f"Page {n} of {len(texts)}" in t for n, t in enumerate(texts, 1))


def test_a_long_list_of_warning_signs_still_starts_on_page_one_with_the_emergency_line(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    from tests.conftest import MODULE
    from tests.pdf_support import page_texts

    signs = "".join(f"- Warning sign number {n}: you cannot control your bladder or your bowels at all\n" for n in range(40))
    long_summary = "summary: " + " ".join(["Moving a little each day helps you."] * 6)
    text = MODULE.replace("summary: Moving a little each day helps you.", long_summary)
    text = text.replace("::: red-flags at-once\n- You cannot control your bladder\n:::", f"::: red-flags at-once\n{signs}:::")
    root = make_project({"01-keep-moving.md": text}, course_yml=SITE, mkdocs_yml=ADDRESS)
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",), paper="letter"))
    assert result.ok, result.diagnostics.format_text(root)
    for name in ("keep-moving.pdf", "keep-moving-large.pdf"):
        texts = page_texts(read(tmp_path / "out" / "handouts" / "small" / name))
        assert "Get help at once if you notice any of these" in texts[0]
        assert "Call 999 now." in texts[0]  # the line is in the text, so it is not repeated
        assert "Warning sign number 0:" in texts[0]
        assert "Warning sign number 39:" in " ".join(texts[1:])


def theme_with_print_css(make_project: ProjectFactory, css: str) -> Path:
    """A project whose course uses the theme `typo`: the default theme with ``css`` before its print CSS."""
    theme = (Path(__file__).resolve().parent.parent / "themes" / "default").resolve()
    root = make_project(course_yml=SITE.replace("disclaimer:", "theme: typo\ndisclaimer:"), mkdocs_yml=ADDRESS)
    folder = root / "themes" / "typo"
    folder.mkdir(parents=True)
    (folder / "logo.svg").write_bytes((theme / "logo.svg").read_bytes())
    (folder / "print.css").write_text(css + (theme / "print.css").read_text())
    text = "\n".join(line for line in (theme / "theme.yml").read_text().splitlines()
                     if not line.startswith("slides_template:")) + "\n"
    (folder / "theme.yml").write_text(text)
    return root


def test_a_mistake_in_the_themes_print_css_is_reported_at_its_line_once(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = theme_with_print_css(make_project, "/* a typo */\nh1 {\n  colr: red;\n}\n")
    for attempt in range(2):  # the stylesheet is parsed once per process, but each build reports it
        result = run_build(root, BuildSettings(out=tmp_path / f"out{attempt}", only=("handouts",)))
        assert result.ok
        found = [d for d in result.diagnostics if d.code == "CK772"]
        assert len(found) == 1, result.diagnostics.format_text(root)
        assert found[0].loc.display() == "themes/typo/print.css:3:3"
        assert "colr" in found[0].message
    strict = run_build(root, BuildSettings(out=tmp_path / "strict", only=("handouts",), strict=True))
    assert not strict.ok and not (tmp_path / "strict").exists()


@pytest.mark.parametrize("address,words", [
    ("https://example.org/paper.png", "may not load anything from the web"),
    ("'../../../outside.png'", "may not load files outside the project"),
])
def test_an_address_the_print_css_may_not_load_is_reported_in_the_css(make_project: ProjectFactory, tmp_path: Path,
                                                                       address: str, words: str) -> None:
    root = theme_with_print_css(make_project, f"/* paper */\nbody {{\n  background: url({address});\n}}\n")
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",)))
    refused = [d for d in result.diagnostics.errors if d.code == "CK770"]
    assert refused and {d.loc.display() for d in refused} == {"themes/typo/print.css:3:15"}, result.diagnostics.format_text(root)
    assert words in refused[0].message
    assert not (tmp_path / "out").exists()


def test_a_build_leaves_no_copies_of_the_fonts_behind_and_prints_no_traceback(make_project: ProjectFactory,
                                                                              tmp_path: Path) -> None:
    """WeasyPrint copies the fonts into a temporary folder; the build removes it, in one process or several."""
    import subprocess
    import sys

    root = make_project(course_yml=SITE, mkdocs_yml=ADDRESS)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "toolkit", "build", str(root), "--only", "handouts,guide",
                                 "--jobs", jobs, "--force", "--quiet"], capture_output=True, text=True,
                                env={**os.environ, "TMPDIR": str(temporary)}, check=False)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
        assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_font_the_print_css_may_not_load_is_reported_in_the_css_with_any_number_of_jobs(
        make_project: ProjectFactory, tmp_path: Path, jobs: int) -> None:
    """Fonts are fetched while the stylesheets are parsed, which may happen before workers are forked."""
    css = '/* a font from the web */\n@font-face {\n  font-family: "Far";\n  src: url(https://example.org/far.woff2);\n}\n'
    root = theme_with_print_css(make_project, css)
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",), jobs=jobs, force=True))
    refused = [d for d in result.diagnostics.errors if d.code == "CK770"]
    assert {d.loc.display() for d in refused} == {"themes/typo/print.css:4:8"}, result.diagnostics.format_text(root)
    assert not (tmp_path / "out").exists()


def test_a_leaflet_past_one_sheet_is_warned_at_its_module(make_project: ProjectFactory, tmp_path: Path) -> None:
    points = "".join(f"  - Point {n}. Walk a little each day, and rest when your back feels tired or sore.\n"
                     for n in range(1, 61))
    module = MODULE.replace("key_points:\n  - Walk each day\n", "key_points:\n" + points)
    root = make_project(course_yml=SITE, modules={"01-keep-moving.md": module})
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",)))
    assert result.ok, result.diagnostics.format_text(root)
    found = [(d.code, d.loc.path.as_posix(), d.loc.line, d.message) for d in result.diagnostics if d.code == "CK777"]
    # Once each: planning estimated it, so the rendered count adds no second warning.
    assert [f[:3] for f in found] == [("CK777", "courses/small/modules/01-keep-moving.md", 2)] * 2
    assert found[0][3].startswith("`keep-moving.pdf` would run to ") and "a leaflet's 2." in found[0][3]
    assert "a large-print leaflet's 4." in found[1][3]
    assert len(read(tmp_path / "out" / "handouts/small/keep-moving.pdf").pages) > 2  # written all the same


def test_a_long_leaflet_the_estimate_let_through_is_warned_once_rendered(make_project: ProjectFactory,
                                                                          tmp_path: Path) -> None:
    """The rendered PDF is the final word: a leaflet over its sides that planning passed gets the same warning."""
    import dataclasses

    from toolkit.check import run_check
    from toolkit.handouts import compose_documents, leaflet_lengths, render_documents

    points = "".join(f"  - Point {n}. Walk a little each day, and rest when your back feels tired or sore.\n"
                     for n in range(1, 61))
    root = make_project(course_yml=SITE, modules={"01-keep-moving.md": MODULE.replace(
        "key_points:\n  - Walk each day\n", "key_points:\n" + points)})
    checked = run_check(root, outputs=("handouts",))
    estimates = {Path(e.path): e for e in checked.plans["small"].leaflets}
    plans = [e.plan for e in estimates.values()]
    composed, _ = compose_documents(checked.project, plans)
    pdfs, _ = render_documents(checked.project, composed)
    sides = {path: len(read_bytes(pdf).pages) for path, pdf in pdfs.items()}
    assert all(e.too_long for e in estimates.values())
    assert not leaflet_lengths(plans, pdfs, estimates)  # planning said so already
    passed = {path: dataclasses.replace(e, sides=e.limit) for path, e in estimates.items()}
    found = list(leaflet_lengths(plans, pdfs, passed))
    assert [(d.code, d.loc.display()) for d in found] == [("CK777", "courses/small/modules/01-keep-moving.md:2:1")] * 2
    standard = Path("handouts/small/keep-moving.pdf")
    assert [d.message.split(",")[0] for d in found][0] == f"`keep-moving.pdf` runs to {sides[standard]} sides"
    assert "To cut, biggest first: the key points takes about " in found[0].message


def read_bytes(data: bytes):  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))
