"""Right-to-left, Chinese, Japanese and emoji text is drawn with real glyphs in the handouts, the site and the decks.

The theme font covers Latin only; the fallback fonts come from Python packages (toolkit/fallback_fonts.py).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import COURSE_YML, REPO, tool
from toolkit import fallback_fonts
from toolkit.build import BuildSettings, run_build

ARABIC = "تنميل في الساق"
HEBREW = "נימול ברגל"
CHINESE = "腿部麻木"
JAPANESE = "足のしびれ"
EMOJI = "🦵⚠️"
SAMPLES = (ARABIC, HEBREW, CHINESE, JAPANESE, EMOJI)

MODULE = f"""\
---
title: Numbness in many languages
summary: Numbness in the leg, written in the languages of the clinic's patients.
duration: 10
objectives:
  - Read the word for numbness
key_points:
  - The same advice in every language
sources:
  - title: "Low back pain and sciatica in over 16s: assessment and management (NG59)"
    publisher: NICE
    year: 2016
---

## Words for numbness

{ARABIC}

{HEBREW}

{CHINESE}

{JAPANESE}

Watch for this sign: {EMOJI}

- {ARABIC}
- {CHINESE}
- {JAPANESE} {EMOJI}

::: red-flags at-once
- You cannot control your bladder
:::
"""



@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course built once: handouts, site and decks."""
    tmp = tmp_path_factory.mktemp("scripts")
    root = tmp / "project"
    course = root / "courses" / "small"
    (course / "modules").mkdir(parents=True)
    config = (REPO / "toolkit" / "project_template" / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config + "site_url: https://example.org/small/\n")
    (course / "course.yml").write_text(COURSE_YML)
    (course / "modules" / "01-numbness.md").write_text(MODULE, encoding="utf-8")
    result = run_build(root, BuildSettings(out=tmp / "out", only=("handouts", "site", "slides")))
    assert result.ok, result.diagnostics.format_text(root)
    assert not [d for d in result.diagnostics if d.code == "CK772"], result.diagnostics.format_text(root)
    return tmp / "out"


def test_every_fallback_font_is_installed() -> None:
    assert [f.family for f, _ in fallback_fonts.installed()] == [f.family for f in fallback_fonts.FALLBACKS]


def _pdf_fonts(reader: PdfReader) -> set[str]:
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).replace("-", ""))
    return fonts


def test_the_handout_draws_every_script_with_a_fallback_font(built: Path) -> None:
    reader = PdfReader(str(built / "handouts" / "small" / "booklet.pdf"))  # the full lesson, every script in it
    fonts = _pdf_fonts(reader)
    for name in ("NotoSansArabic", "NotoSansHebrew", "NotoEmoji", "NotoSansCJK"):
        assert any(name in font for font in fonts), (name, fonts)
    assert not any("DejaVu" in font for font in fonts), fonts  # nothing came from the system's fonts
    text = "".join(page.extract_text() for page in reader.pages)
    assert "\ufffd" not in text and "\x00" not in text
    for sample in (CHINESE, JAPANESE, "🦵⚠"):
        assert sample in text, sample
    assert HEBREW in text
    # Arabic letters change shape with their neighbours, and the shapes of several letters share one glyph (the
    # dots are separate marks), so a PDF's text layer cannot map every shape back; these words come out whole.
    assert "في الساق" in text


def test_right_to_left_paragraphs_are_marked_right_to_left(built: Path) -> None:
    page = (built / "site" / "small" / "numbness" / "index.html").read_text(encoding="utf-8")
    assert f'<p dir="rtl">{ARABIC}</p>' in page
    assert f'<p dir="rtl">{HEBREW}</p>' in page
    assert f'<li dir="rtl">{ARABIC}</li>' in page
    assert f"<p>{CHINESE}</p>" in page


def test_the_site_serves_the_fallback_fonts_and_names_them_in_its_font_stack(built: Path) -> None:
    site = built / "site"
    css_files = list(site.rglob("palette.css"))
    assert len(css_files) == 1
    css = css_files[0].read_text(encoding="utf-8")
    assert ('font-family: "Atkinson Hyperlegible", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Emoji", '
            '"Noto Sans CJK JP", system-ui, sans-serif;') in css
    fonts = css_files[0].parent / "fonts"
    for fallback, path in fallback_fonts.installed():
        assert (fonts / path.name).read_bytes() == path.read_bytes(), path.name
        assert f'font-family: "{fallback.family}"' in css and "unicode-range:" in css
    assert "NotoSansArabic%5Bwght%5D.ttf" in css  # the file name's brackets are escaped in the address


def test_deck_runs_name_east_asian_and_complex_script_typefaces(built: Path) -> None:
    deck = Presentation(str(built / "slides" / "small" / "numbness.pptx"))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    seen: dict[str, tuple[str | None, str | None, str | None]] = {}
    rtl: set[str] = set()
    frames = [shape.text_frame for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    frames += [slide.notes_slide.notes_text_frame for slide in deck.slides if slide.has_notes_slide]
    for frame in frames:
        for p in frame._txBody.iter(f"{a}p"):  # noqa: SLF001
            text = "".join(t.text or "" for t in p.iter(f"{a}t"))
            ppr = p.find(f"{a}pPr")
            if ppr is not None and ppr.get("rtl") == "1":
                rtl.add(text)
            for r in p.iter(f"{a}r"):
                rpr = r.find(f"{a}rPr")
                faces = tuple(None if rpr.find(f"{a}{k}") is None else rpr.find(f"{a}{k}").get("typeface")
                              for k in ("latin", "ea", "cs"))
                seen[r.find(f"{a}t").text] = faces  # type: ignore[index]
    # The Latin font stays the template's (the theme font); the fallbacks are named for the other scripts.
    assert seen[ARABIC] == (None, "Noto Sans CJK JP", "Noto Sans Arabic")
    assert seen[HEBREW] == (None, "Noto Sans CJK JP", "Noto Sans Hebrew")
    assert seen[CHINESE] == (None, "Noto Sans CJK JP", "Noto Sans Arabic")
    assert seen[f"{JAPANESE} {EMOJI}"][1] == "Noto Sans CJK JP"
    assert ARABIC in rtl and CHINESE not in rtl


def test_cjk_text_is_measured_with_the_fallback_fonts_metrics() -> None:
    from toolkit.slides.fit import load_metrics

    metrics = load_metrics("fontpkg_atkinson_hyperlegible", "Atkinson Hyperlegible")
    # A CJK character is a full em wide; the theme font's stand-in (its "M") is narrower.
    assert metrics.width("腿", 100) == pytest.approx(100 * 1.04, rel=0.01)
    assert metrics.width("腿腿腿腿", 10) > metrics.width("MMMM", 10)
    assert metrics.width("\ufe0f", 10) == 0  # a variation selector takes no room
    assert metrics.width(HEBREW, 20) > 0


@pytest.mark.slow
@pytest.mark.requires("soffice")
def test_impress_draws_cjk_text_with_a_cjk_font(built: Path, tmp_path: Path) -> None:
    """With the packages' fonts available to it (as they would be installed on a presenter's computer)."""
    folders = "".join(f"  <dir>{folder}</dir>\n" for folder in fallback_fonts.folders())
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
                    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    f"{folders}  <cachedir>{tmp_path / 'fontcache'}</cachedir>\n</fontconfig>\n")
    deck = built / "slides" / "small" / "numbness.pptx"
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path)}
    result = subprocess.run(
        [tool("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(deck)],
        capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    fonts = _pdf_fonts(PdfReader(str(tmp_path / "pdf" / "numbness.pdf")))
    assert any("NotoSansCJK" in font for font in fonts), fonts
