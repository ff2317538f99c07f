"""The leaflet's length, estimated while planning: `check` warns at the module, and the estimate agrees with
the sides WeasyPrint renders, for every leaflet of the sample courses and of the fixtures that make them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from tests.conftest import FIXTURES, MODULE, REPO, ProjectFactory
from toolkit.check import run_check
from toolkit.cli import cli
from toolkit.handouts.leaflet_fit import PRINT, LeafletEstimate

LONG_POINTS = "".join(f"  - Point {n}. Walk a little each day, and rest when your back feels tired or sore.\n"
                      for n in range(1, 61))
ADDRESS = "site_name: Test\nsite_url: https://example.org/learn/\n"


def test_the_estimate_uses_the_sizes_print_css_sets_for_leaflets() -> None:
    css = (REPO / "themes" / "default" / "print.css").read_text(encoding="utf-8")

    def margins(page: str) -> tuple[float, ...]:
        found = re.search(rf"@page {page} {{ margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm; }}", css)
        assert found, page
        return tuple(float(x) for x in found.groups())

    assert margins("leaflet") == PRINT["standard"].margins
    assert margins("large-leaflet") == PRINT["large"].margins
    assert "html.ck-standard.ck-module { font-size: 12pt; line-height: 1.35; }" in css
    assert (PRINT["standard"].size, PRINT["standard"].line_height) == (12.0, 1.35)
    assert "html.ck-large { font-size: 18pt;" in css and "html.ck-large.ck-module { line-height: 1.3; }" in css
    assert (PRINT["large"].size, PRINT["large"].line_height) == (18.0, 1.3)
    assert ".ck-leaflet .ck-glossary { columns: 2; column-gap: 8mm; }" in css
    assert "html.ck-large .ck-leaflet .ck-glossary { columns: auto; }" in css
    assert (PRINT["standard"].word_columns, PRINT["standard"].word_gap_mm, PRINT["large"].word_columns) == (2, 8, 1)
    assert ".ck-leaflet .ck-glossary dd::after { content: \"\"; display: block; margin-bottom: 0.35em; }" in css
    assert "html.ck-large .ck-leaflet .ck-glossary dd::after { margin-bottom: 0.15em; }" in css
    assert (PRINT["standard"].word_space_em, PRINT["large"].word_space_em) == (0.35, 0.15)
    assert ".ck-leaflet h2 { font-size: 1.2em; margin-top: 0.7em; }" in css
    assert "html.ck-large .ck-leaflet h2 { margin-top: 0.5em; }" in css
    assert (PRINT["standard"].h2_top_em, PRINT["large"].h2_top_em) == (0.7, 0.5)


def test_check_warns_at_the_module_when_its_leaflet_would_run_past_its_sides(make_project: ProjectFactory) -> None:
    module = MODULE.replace("key_points:\n  - Walk each day\n", "key_points:\n" + LONG_POINTS)
    root = make_project(modules={"01-keep-moving.md": module}, mkdocs_yml=ADDRESS)
    result = CliRunner().invoke(cli, ["check", str(root)])
    lines = [line for line in result.output.splitlines() if "[CK777]" in line]
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["courses/small/modules/01-keep-moving.md:2:1", "warning[CK777]"]] * 2, result.output
    standard, large = lines
    sides = int(re.search(r"would run to (\d+) sides", standard)[1])  # type: ignore[index]
    assert sides >= 3
    assert f"`keep-moving.pdf` would run to {sides} sides, about " in standard
    assert "more than a leaflet's 2. To cut, biggest first: the key points takes about " in standard
    assert "`keep-moving-large.pdf` would run to " in large and "more than a large-print leaflet's 4." in large
    assert "the warning signs" not in standard  # never offered to cut
    assert result.exit_code == 0
    assert CliRunner().invoke(cli, ["check", "--strict", str(root)]).exit_code == 1


def test_a_short_leaflet_gets_no_warning(make_project: ProjectFactory) -> None:
    result = CliRunner().invoke(cli, ["check", "--strict", str(make_project(mkdocs_yml=ADDRESS))])
    assert "CK777" not in result.output and result.exit_code == 0, result.output


def test_the_biggest_parts_come_first_and_name_the_exercise(make_project: ProjectFactory) -> None:
    steps = "".join(f"{n}. Lie on your back, bend your knees and hold them for a slow count of ten, twice.\n"
                    for n in range(1, 25))
    module = MODULE + f"\n::: exercise Knee hug\n{steps}:::\n"
    root = make_project(modules={"01-keep-moving.md": module})
    checked = run_check(root, outputs=("handouts",))
    standard = next(e for e in checked.plans["small"].leaflets if e.plan.variant == "standard")
    assert standard.parts[0][0] == "the exercise “Knee hug”"
    assert [size for _, size in standard.parts] == sorted((size for _, size in standard.parts), reverse=True)


# The estimate against the rendered leaflets (slow: WeasyPrint renders them, once per session)


def fixture_roots() -> list[Path]:
    """The fixture projects with a site (the rendered fixture leaflets keep those a build builds: no error)."""
    return sorted(path for path in FIXTURES.iterdir()
                  if (path / "mkdocs.yml").is_file() and path.name != "hostile")


@pytest.fixture(scope="session")
def rendered_fixture_leaflets() -> list[tuple[str, LeafletEstimate, int]]:
    """Every fixture's leaflets rendered once, beside the estimate planning made of each."""
    from toolkit.handouts import compose_documents, render_documents

    out: list[tuple[str, LeafletEstimate, int]] = []
    for root in fixture_roots():
        checked = run_check(root, outputs=("handouts",))
        if checked.diagnostics.errors:
            continue
        estimates = [e for plans in checked.plans.values() for e in plans.leaflets]
        composed, _ = compose_documents(checked.project, [e.plan for e in estimates])
        pdfs, _ = render_documents(checked.project, composed, workers=2)
        out.extend((root.name, e, len(PdfReader(io.BytesIO(pdfs[Path(e.path)])).pages)) for e in estimates)
    return out


@pytest.mark.slow
def test_the_estimate_agrees_with_every_sample_leaflet_rendered(sample_handouts: Path) -> None:
    checked = run_check(REPO, outputs=("handouts",))
    estimates = [e for plans in checked.plans.values() for e in plans.leaflets]
    assert len(estimates) == 2 * sum(len(c.modules) for c in checked.project.courses) >= 24
    disagree = [(str(e.path), e.sides, len(PdfReader(sample_handouts / e.path).pages)) for e in estimates
                if e.sides != len(PdfReader(sample_handouts / e.path).pages)]
    assert disagree == []


@pytest.mark.slow
def test_the_estimate_agrees_with_every_fixture_leaflet_rendered(
        rendered_fixture_leaflets: list[tuple[str, LeafletEstimate, int]]) -> None:
    made = {name for name, _, _ in rendered_fixture_leaflets}
    assert {"handout-fetch", "site-hostile", "slides-stress", "tiered-course"} <= made
    disagree = [(name, str(e.path), e.sides, sides) for name, e, sides in rendered_fixture_leaflets if e.sides != sides]
    assert disagree == []
    # Some run past their sides (tiered-course): the estimate warns about exactly those.
    assert {(name, e.path.name) for name, e, sides in rendered_fixture_leaflets if sides > e.limit} == {
        (name, e.path.name) for name, e, _ in rendered_fixture_leaflets if e.too_long} != set()



def test_pages_keep_a_heading_with_what_follows_and_break_paragraphs_between_lines() -> None:
    from toolkit.handouts.leaflet_fit import Piece, _paginate

    line = 10.0
    filler = Piece(85.0, "x", bottom=5.0)
    heading = Piece(12.0, "x", top=5.0, keep=True)
    assert _paginate([filler, heading, Piece(10.0, "x")], 100.0)[0] == 2  # the heading moves with its item
    assert _paginate([filler, Piece(10.0, "x")], 100.0) == (1, 1.0)  # margins collapse: 85 + 5 + 10
    three = Piece(3 * line, "x", lines=3, pitch=line)
    assert _paginate([filler, three], 115.0)[0] == 2  # two lines would leave one: the paragraph moves whole
    eight = Piece(8 * line, "x", lines=8, pitch=line)
    pages, last = _paginate([Piece(60.0, "x"), eight], 100.0)
    assert (pages, last) == (2, 0.4)  # four lines fit after the 60 points, four run on
    box = [Piece(50.0, "x"), Piece(40.0, "x", rerun=8.0), Piece(40.0, "x", rerun=8.0)]
    assert _paginate(box, 100.0) == (2, 0.48)  # the box's frame repeats above the item that starts page 2
    words = Piece(0.0, "x", columns=tuple(Piece(30.0, "x") for _ in range(6)))
    assert _paginate([words], 100.0) == (1, pytest.approx(0.9, abs=0.01))  # six items in two balanced columns of three
    assert _paginate([Piece(50.0, "x"), words], 100.0)[0] == 2  # 2 × 1 here, 2 × 2 on the next page


def test_the_questions_to_ask_count_towards_the_leaflet_and_are_named_to_cut(make_project: ProjectFactory) -> None:
    questions = "".join(f"  - Question {n}, how long will it take my leg to feel normal again after surgery?\n"
                        for n in range(1, 61))
    module = MODULE.replace("sources:\n", "questions:\n" + questions + "sources:\n")
    root = make_project(modules={"01-keep-moving.md": module}, mkdocs_yml=ADDRESS)
    checked = run_check(root, outputs=("handouts",))
    standard = next(e for e in checked.plans["small"].leaflets if e.plan.variant == "standard")
    assert standard.too_long and standard.parts[0][0] == "the questions to ask"
    found = [d.message for d in checked.diagnostics if d.code == "CK777"]
    assert found and all("To cut, biggest first: the questions to ask takes about " in text for text in found)
