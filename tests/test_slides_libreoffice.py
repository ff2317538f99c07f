"""A real client: LibreOffice Impress opens every deck and prints it to PDF, one page per slide, nothing overflowing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from toolkit.slides.fit import font_faces
from toolkit.slides.geometry import DEFAULT_GEOMETRY, EMU_PER_PT

from tests.conftest import SAMPLE_COURSES, tool
from tests.slides_support import STRESS, build, load_course, sample_course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.requires("soffice"),
]


def fontconfig(tmp: Path) -> Path:
    """A fontconfig file that adds the theme font, so Impress draws the text with the font it was measured in."""
    font_dir = next(iter(font_faces("fontpkg_atkinson_hyperlegible").values())).parent
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{font_dir}</dir>\n  <cachedir>{tmp / 'fontcache'}</cachedir>\n</fontconfig>\n")
    return conf


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """Every deck of every sample course and of the stress fixture, converted to PDF in one Impress run."""
    tmp = tmp_path_factory.mktemp("impress")
    decks = [deck for course_id in SAMPLE_COURSES for deck in build(sample_course(course_id), tmp / course_id)]
    decks += build(load_course(STRESS), tmp / "stress")
    for deck in decks:  # one folder, so one soffice call converts them all
        shutil.copy(deck, tmp / f"{deck.parent.name}-{deck.name}")
    inputs = sorted(tmp.glob("*.pptx"))
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig(tmp)), "HOME": str(tmp)}
    result = subprocess.run(
        [tool("soffice"), f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp / "pdf"), *map(str, inputs)],
        capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    pairs = [(deck, tmp / "pdf" / f"{deck.stem}.pdf") for deck in inputs]
    missing = [pdf.name for _, pdf in pairs if not pdf.is_file()]
    assert not missing, (missing, result.stdout, result.stderr)
    return pairs


def test_impress_prints_one_page_per_slide(converted: list[tuple[Path, Path]]) -> None:
    assert len(converted) >= 3
    for deck, pdf in converted:
        slides = len(Presentation(str(deck)).slides)
        assert len(PdfReader(str(pdf)).pages) == slides, deck.name


def test_impress_draws_the_theme_font(converted: list[tuple[Path, Path]]) -> None:
    for _, pdf in converted:
        fonts = set()
        for page in PdfReader(str(pdf)).pages:
            for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
                fonts.add(str(font.get_object().get("/BaseFont")))
        assert any("AtkinsonHyperlegible" in f for f in fonts), (pdf.name, fonts)


def test_no_text_runs_into_the_footer(converted: list[tuple[Path, Path]]) -> None:
    """Everything but the footer line sits above the body's bottom edge, as Impress lays it out."""
    footer_top = DEFAULT_GEOMETRY.box("content", "footer").y / EMU_PER_PT  # type: ignore[union-attr]
    body_bottom = min(box.y + box.h for kind in DEFAULT_GEOMETRY.layouts.values()
                      for role, box in kind.items() if role not in ("footer", "slide-number")) / EMU_PER_PT
    assert body_bottom < footer_top
    for deck, pdf in converted:
        shapes = Presentation(str(deck)).slides[0].shapes
        footer = next(s.text_frame.text for s in shapes if s.is_placeholder and s.placeholder_format.type == 15)
        for number, page in enumerate(PdfReader(str(pdf)).pages, 1):
            height = float(page.mediabox.height)
            low: list[str] = []

            def visit(text, cm, tm, font, size, low=low, height=height):  # type: ignore[no-untyped-def]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                if text.strip() and height - y > footer_top - 2:
                    low.append(text)

            page.extract_text(visitor_text=visit)
            stray = "".join("".join(low).split()).replace("".join(footer.split()), "", 1)
            stray = stray.removesuffix(str(number))  # the slide number
            assert not stray, (deck.name, number, "".join(low))
