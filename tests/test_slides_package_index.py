"""The deck writer's indexes (toolkit/slides/package_index.py): the same bytes as python-pptx's own way, with one
walk of the package where python-pptx makes one per notes page and picture."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.package import OpcPackage

from toolkit.slides import package_index

from tests.conftest import SAMPLE_COURSES
from tests.slides_support import STRESS, build, course_home, load_course, sample_course


def _course_decks(tmp_path: Path, name: str) -> dict[str, bytes]:
    if name == "stress":
        return {path.name: path.read_bytes() for path in build(load_course(STRESS), tmp_path / name)}
    course = sample_course(name)  # with its address, so the closing slide has its QR code
    return {path.name: path.read_bytes() for path in build(course, tmp_path / name, course_home(course))}


@pytest.mark.parametrize("name", [*SAMPLE_COURSES, "stress"])
def test_indexed_decks_have_the_bytes_python_pptx_writes(name: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    indexed = _course_decks(tmp_path / "indexed", name)
    monkeypatch.setattr(package_index, "_install", lambda prs: False)  # python-pptx's own way throughout
    plain = _course_decks(tmp_path / "plain", name)
    assert sorted(indexed) == sorted(plain) and "workshop.pptx" in indexed
    assert [deck for deck in indexed if indexed[deck] != plain[deck]] == []


@pytest.mark.parametrize("name", SAMPLE_COURSES)
def test_the_workshop_deck_walks_the_package_a_few_times_not_once_per_slide(name: str, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    walks = []
    iter_parts = OpcPackage.iter_parts

    def counted(package):  # type: ignore[no-untyped-def]
        walks.append(package)
        return iter_parts(package)

    monkeypatch.setattr(OpcPackage, "iter_parts", counted)
    workshop = _course_decks(tmp_path, name)["workshop.pptx"]  # the last deck written
    workshop_walks = [package for package in walks if package is walks[-1]]
    slides = list(Presentation(io.BytesIO(workshop)).slides)
    with_notes = sum(slide.has_notes_slide for slide in slides)
    pictures = sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for slide in slides for shape in slide.shapes)
    assert len(slides) > 50 and with_notes > 50 and pictures >= 2  # notes pages and pictures (a diagram, the QR code) were added
    # One walk each for the notes pages' names, the pictures' names and the pictures held, and one to save.
    assert len(workshop_walks) <= 4, f"{len(workshop_walks)} walks of the package for {len(slides)} slides"
