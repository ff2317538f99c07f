"""Decks that survive another computer: LibreOffice Impress prints them on a machine WITHOUT the theme font.

Most clinic PCs lack Atkinson Hyperlegible, and LibreOffice then draws the text in its fallback, which on
Debian is DejaVu Sans, a much wider font. The fitter measures every text with the wider of the two, so no
line may reach the footer band even then. Here fontconfig sees the system's fonts but not the theme font's
family, and every page of every deck is read back for text below the footer's top edge.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pypdf import PdfReader

from tests.conftest import SAMPLE_COURSES, tool
from tests.slides_support import build, sample_course, sample_folder
from toolkit.slides import fit
from toolkit.slides.geometry import DEFAULT_GEOMETRY, EMU_PER_PT

THEME_FAMILY = "Atkinson Hyperlegible"

pytestmark = pytest.mark.slow


def fontconfig_without_theme_font(tmp: Path) -> Path:
    """The system's own fontconfig, less every font of the theme font's family (wherever it is installed)."""
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        "  <selectfont>\n    <rejectfont>\n"
        "      <glob>*Atkinson*</glob>\n"
        f'      <pattern><patelt name="family"><string>{THEME_FAMILY}</string></patelt></pattern>\n'
        "    </rejectfont>\n  </selectfont>\n"
        f"  <cachedir>{tmp / 'fontcache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return conf


@pytest.fixture(scope="module", params=SAMPLE_COURSES)
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """A sample course's workshop deck and every module deck, printed to PDF in one Impress run."""
    soffice = tool("soffice")
    tmp = tmp_path_factory.mktemp("no-theme-font")
    decks = build(sample_course(request.param), tmp / "decks")
    assert any(deck.name == "workshop.pptx" for deck in decks) and len(decks) >= 2
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_without_theme_font(tmp)), "HOME": str(tmp / "home")}
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
         "--nolockcheck", "--convert-to", "pdf", "--outdir", str(tmp / "pdf"), *map(str, decks)],
        capture_output=True, text=True, timeout=600, env=env, stdin=subprocess.DEVNULL, check=False)
    pairs = [(deck, tmp / "pdf" / f"{deck.stem}.pdf") for deck in decks]
    missing = [pdf.name for _, pdf in pairs if not pdf.is_file()]
    assert result.returncode == 0 and not missing, (missing, result.stdout, result.stderr)
    return pairs


def pdf_fonts(pdf: Path) -> set[str]:
    fonts = set()
    for page in PdfReader(str(pdf)).pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    return fonts


def test_impress_has_no_theme_font(printed: list[tuple[Path, Path]]) -> None:
    """The proof is only a proof if the theme font really was missing: Impress drew a fallback instead."""
    for _, pdf in printed:
        fonts = pdf_fonts(pdf)
        assert fonts and not any("atkinson" in font.lower() for font in fonts), (pdf.name, fonts)


def footer_band_top() -> float:
    """The top of the footer band, in points from the top of the slide, from the template's own geometry:
    the highest footer or slide-number box of any layout."""
    tops = [box.y for layout in DEFAULT_GEOMETRY.layouts.values() for role, box in layout.items()
            if role in ("footer", "slide-number")]
    return min(tops) / EMU_PER_PT


def footer_text(deck: Path) -> str:
    for shape in Presentation(str(deck)).slides[0].shapes:
        if shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER:
            return shape.text_frame.text
    return ""


def text_in_band(pdf: Path, top: float) -> list[tuple[int, str]]:
    """(slide, text) for every piece of text whose glyphs reach below ``top`` (points from the page's top):
    its baseline less a quarter of its size (the descenders) already in the band."""
    found = []
    for number, page in enumerate(PdfReader(str(pdf)).pages, 1):
        height = float(page.mediabox.height)
        low: list[str] = []

        def visit(text, cm, tm, font, size, low=low, height=height):  # type: ignore[no-untyped-def]
            if not text.strip():
                return
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs((tm[0] * cm[0] + tm[1] * cm[2]) * (tm[2] * cm[1] + tm[3] * cm[3])
                        - (tm[0] * cm[1] + tm[1] * cm[3]) * (tm[2] * cm[0] + tm[3] * cm[2])) ** 0.5
            if height - y + 0.25 * size * scale > top:
                low.append(text)

        page.extract_text(visitor_text=visit)
        if low:
            found.append((number, "".join(low)))
    return found


def test_no_text_reaches_the_footer_band_without_the_theme_font(printed: list[tuple[Path, Path]]) -> None:
    """Only the footer line and the slide number are in the footer band, with the theme font missing."""
    top = footer_band_top()
    body_bottom = max(box.y + box.h for layout in DEFAULT_GEOMETRY.layouts.values()
                      for role, box in layout.items() if role not in ("footer", "slide-number")) / EMU_PER_PT
    assert body_bottom < top  # the geometry leaves a gap between the text boxes and the band
    strays = []
    for deck, pdf in printed:
        footer = "".join(footer_text(deck).split())
        assert footer, deck.name
        for number, text in text_in_band(pdf, top):
            stray = "".join(text.split()).replace(footer, "", 1).removesuffix(str(number))
            if stray:
                strays.append(f"{deck.name} slide {number}: {' '.join(text.split())[:120]}")
    assert not strays, "text in the footer band without the theme font:\n" + "\n".join(strays)


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_the_fitter_measures_no_narrower_than_this_machines_substitute(bold: bool, tmp_path: Path) -> None:
    """Whatever font this machine's fontconfig gives for the theme family when the family is missing (DejaVu Sans
    on Debian), every word of the sample courses is measured at least as wide as that font draws it."""
    fc_match = tool("fc-match")
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_without_theme_font(tmp_path))}
    style = f"{THEME_FAMILY}:bold" if bold else THEME_FAMILY
    found = subprocess.run([fc_match, "--format=%{file}", style], capture_output=True, text=True, env=env, check=True)
    substitute = fit.FaceWidths.read(Path(found.stdout.strip()))
    metrics = fit.load_metrics("fontpkg_atkinson_hyperlegible", THEME_FAMILY)
    words = {w for course_id in SAMPLE_COURSES for path in sorted((sample_folder(course_id) / "modules").glob("*.md"))
             for w in path.read_text(encoding="utf-8").split()}
    narrow = []
    for word in sorted(words):
        if any(ord(ch) not in substitute.widths for ch in word):
            continue
        drawn = sum(substitute.widths[ord(ch)] for ch in word) / substitute.upm
        if metrics.width(word, 1.0, bold) < drawn:
            narrow.append((word, round(metrics.width(word, 1.0, bold), 3), round(drawn, 3)))
    assert len(words) > 500 and not narrow, (found.stdout, narrow[:10])
