"""Printed figures: the SVG beside a PNG is printed, sized so its smallest label reaches 10 pt (14 pt in large
print), measured back from the PDFs; a label the page cannot make big enough is warned at the picture (CK779)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import COURSE_YML, MODULE, ProjectFactory
from tests.pdf_support import page_texts, read, text_runs
from toolkit.build import BuildSettings, run_build
from toolkit.handouts.figures import LABEL_FLOOR_PT, print_source, read_svg
from toolkit.schema import Limits
from toolkit.source import SourceLoc

SPINE_MEDIA = Path(__file__).resolve().parent.parent / "courses" / "leg-numbness-after-back-surgery" / "media"
FOOT_MEDIA = Path(__file__).resolve().parent.parent / "courses" / "diabetes-foot-care" / "media"


def diagram(label_size: float, heading_size: float = 60) -> str:
    """A 1200 × 800 diagram with a heading and two labels of ``label_size`` (in user units)."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800" '
            f'font-family="Atkinson Hyperlegible"><title>A test drawing</title>'
            f'<rect width="1200" height="800" fill="#ffffff"/>'
            f'<text x="40" y="100" font-size="{heading_size}" font-weight="bold">Where the nerve runs</text>'
            f'<g font-size="{label_size}"><text x="40" y="400">Lower back</text>'
            f'<text x="40" y="600"><tspan>Back of the knee</tspan></text></g></svg>')


def svg_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "picture.svg"
    path.write_text(text, encoding="utf-8")
    return path


# Reading an SVG's labels


def test_the_smallest_label_follows_inherited_relative_and_transformed_sizes(tmp_path: Path) -> None:
    path = svg_file(tmp_path, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 300" font-size="40">'
                              '<title>tiny words in the title do not count</title><desc>nor here</desc>'
                              '<text x="1" y="50">Heading</text>'
                              '<g style="font-size: 50%"><text y="100">Half <tspan font-size="1.5em">bigger</tspan></text></g>'
                              '<g transform="translate(5 5) scale(0.5)"><text y="200" font-size="36pt">Scaled</text></g>'
                              '<defs><text font-size="2">never drawn</text></defs>'
                              '<text font-size="9" style="font-size: 44px">Styled</text></svg>')
    figure = read_svg(path, Limits())
    assert figure is not None and figure.smallest is not None
    assert (figure.smallest.text, figure.smallest.size) == ("Half", 20)  # 50% of the inherited 40
    assert figure.viewbox == (600, 300) and figure.width is None


def test_a_transform_that_shrinks_text_makes_it_the_smallest(tmp_path: Path) -> None:
    path = svg_file(tmp_path, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 300">'
                              '<text font-size="30">Big</text>'
                              '<g transform="matrix(0.5 0 0 0.5 0 0)"><text font-size="30">Small</text></g></svg>')
    figure = read_svg(path, Limits())
    assert figure is not None and figure.smallest is not None
    assert (figure.smallest.text, figure.smallest.size) == ("Small", 15)


def test_the_printed_width_brings_the_smallest_label_to_the_floor(tmp_path: Path) -> None:
    figure = read_svg(svg_file(tmp_path, diagram(40)), Limits())
    assert figure is not None
    large = figure.width_for(LABEL_FLOOR_PT["large"])
    assert large == pytest.approx(14 * 1200 / 40, abs=0.1)  # points, the width at which 40 units print at 14 pt
    assert figure.label_points(large / 0.75, large / 0.75 * 800 / 1200) == pytest.approx(14, abs=0.01)
    assert figure.width_for(LABEL_FLOOR_PT["standard"]) == pytest.approx(10 * 1200 / 40, abs=0.1)


def test_without_a_viewbox_the_width_cannot_change_the_labels(tmp_path: Path) -> None:
    figure = read_svg(svg_file(tmp_path, diagram(40).replace(' viewBox="0 0 1200 800"', "")), Limits())
    assert figure is not None and figure.width_for(14) is None
    assert figure.label_points(100, 100) == figure.label_points(5000, 5000) == pytest.approx(30)  # 40 px = 30 pt


@pytest.mark.parametrize("hostile", [
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text font-size="1">&b;</text></svg>',
    '<!DOCTYPE svg SYSTEM "http://example.org/x.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
    '<svg xmlns="http://www.w3.org/2000/svg"><text>not closed</svg>',
    "not an svg at all",
])
def test_an_unsafe_or_broken_svg_is_not_read(tmp_path: Path, hostile: str) -> None:
    assert read_svg(svg_file(tmp_path, hostile), Limits()) is None


def test_deep_nesting_is_read_without_recursion(tmp_path: Path) -> None:
    deep = "<g>" * 5000 + '<text font-size="12">Deep</text>' + "</g>" * 5000
    figure = read_svg(svg_file(tmp_path, f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{deep}</svg>'),
                      Limits())
    assert figure is not None and figure.smallest is not None and figure.smallest.size == 12


def test_the_svg_beside_a_png_is_printed_unless_it_is_unsafe(tmp_path: Path) -> None:
    png = tmp_path / "picture.png"
    png.write_bytes(b"")
    assert print_source(png, Limits(), SourceLoc(png)) == png  # no SVG beside it
    svg = svg_file(tmp_path, diagram(40))
    assert print_source(png, Limits(), SourceLoc(png)) == svg
    svg.write_text(diagram(40).replace("<title>", '<image href="https://example.org/x.png"/><title>'))
    assert print_source(png, Limits(), SourceLoc(png)) == png


def test_the_sample_courses_diagrams_labels() -> None:
    """Every sample diagram's smallest label is 38 units of its 1200-unit width: 10 pt across an A5 text column."""
    foot = read_svg(FOOT_MEDIA / "foot-check-map.svg", Limits())
    assert foot is not None and foot.smallest is not None and foot.smallest.size == 38
    for path in sorted(p for p in SPINE_MEDIA.glob("*.svg") if p.name != "body-outline.svg"):  # printed a page wide
        figure = read_svg(path, Limits())
        assert figure is not None and figure.smallest is not None and figure.viewbox is not None, path.name
        assert figure.viewbox[0] == 1200 and figure.smallest.size == 38, (path.name, figure.smallest)


# Printed and read back

LEAFLET_FIGURE = MODULE + """
::: only handout
![A drawing of the lower back and the back of the knee, each named.](../media/nerve.png "Where the nerve runs.")
:::
"""


def build(make_project: ProjectFactory, tmp_path: Path, label_size: float):  # type: ignore[no-untyped-def]
    png = (FOOT_MEDIA / "foot-check-map.png").read_bytes()  # any real PNG: the SVG beside it is what prints
    root = make_project(course_yml=COURSE_YML, modules={"01-keep-moving.md": LEAFLET_FIGURE},
                        files={"media/nerve.png": png, "media/nerve.svg": diagram(label_size)},
                        mkdocs_yml="site_name: Test\nsite_url: https://example.org/small/\n")  # QR codes too
    result = run_build(root, BuildSettings(out=tmp_path / "out", only=("handouts",)))
    assert result.ok, result.diagnostics.format_text(root)
    return root, result, tmp_path / "out" / "handouts" / "small"


def sizes(path: Path) -> list[float]:
    reader = read(path)
    return [run.size for index in range(len(reader.pages)) for run in text_runs(reader, index)]


@pytest.mark.slow
def test_every_label_prints_at_the_floor_or_more_in_each_document(make_project: ProjectFactory, tmp_path: Path) -> None:
    root, result, out = build(make_project, tmp_path, label_size=40)
    assert not [d for d in result.diagnostics if d.code.startswith("CK77")], result.diagnostics.format_text(root)
    for name, floor in (("keep-moving-large.pdf", 14.0), ("keep-moving.pdf", 10.0), ("booklet.pdf", 10.0)):
        found = sizes(out / name)
        assert min(found) >= floor - 0.01, (name, sorted(set(found)))
        # The labels are there as text (the SVG was printed, not the PNG), at the floor: as small as is readable.
        assert any(abs(size - floor) < 0.05 for size in found), (name, sorted(set(found)))
        assert "Back of the knee" in " ".join(page_texts(read(out / name))), name


@pytest.mark.slow
def test_a_label_too_small_for_the_page_is_warned_at_the_picture(make_project: ProjectFactory, tmp_path: Path) -> None:
    root, result, out = build(make_project, tmp_path, label_size=8)
    warned = [(d.loc.display(), d.message) for d in result.diagnostics if d.code == "CK779"]
    line = 1 + next(n for n, text in enumerate(LEAFLET_FIGURE.splitlines()) if "nerve.png" in text)
    assert {loc for loc, _ in warned} == {f"courses/small/modules/01-keep-moving.md:{line}:1"}, warned
    messages = sorted(message for _, message in warned)
    # Large print, the leaflet and the booklet: its A5 column is narrower than the leaflet's, so it warns its own size.
    assert len(messages) == 3, messages
    large = next(m for m in messages if m.startswith("keep-moving-large.pdf"))
    assert '"Lower back" in `nerve.svg`' in large and "large print needs 14 pt" in large, large
    assert "a font-size of about" in large
    # Still printed as wide as the column allows: the label is bigger than it would be otherwise.
    assert min(sizes(out / "keep-moving-large.pdf")) > 8 * 0.75 * 300 / 1200
