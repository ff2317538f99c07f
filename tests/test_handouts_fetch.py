"""The handouts' URL fetcher: data: URLs and ordinary files inside the project, the theme and the font; nothing else."""

from __future__ import annotations

import base64
import datetime as dt
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES, tool
from toolkit.build import BuildContext, BuildSettings
from toolkit.cli import cli
from toolkit.handouts import build_guide, build_handouts
from toolkit.handouts.compose import qr_image
from toolkit.handouts.fetcher import FetchRefused, ProjectFetcher
from toolkit.limits import DEFAULT_LIMITS
from toolkit.loader import load_project
from toolkit.rendering import completed

FIXTURE = FIXTURES / "handout-fetch"
MODULE_DIR = "courses/fetch/modules"


def png(width: int = 4, height: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def project_with(tmp_path: Path, module: str) -> Path:
    """The fixture copied into ``tmp_path/project``, listing only ``module``; a real picture waits outside it."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    course_yml = root / "courses" / "fetch" / "course.yml"
    text = course_yml.read_text().replace("  - 05-fine.md\n", f"  - {module}\n")
    course_yml.write_text(text)
    for other in (root / MODULE_DIR).glob("*.md"):
        if other.name != module:
            other.unlink()
    (tmp_path / "outside.png").write_bytes(png())
    return root


def build_unchecked(root: Path, stage: Path, builder=build_handouts):  # type: ignore[no-untyped-def]
    """Call the builder straight on the loaded project, as if the checks had missed the problem."""
    project, _ = load_project(root, DEFAULT_LIMITS, ())
    stage.mkdir()
    context = BuildContext(project, BuildSettings(out=stage), dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc))
    return completed(builder(context, stage))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("module,code,line,words", [
    ("01-web-picture.md", "CK304", 15, "web address"),
    ("02-outside-picture.md", "CK302", 15, "outside the course folder"),
    ("03-svg-loads-the-web.md", "CK770", 15, "may not load anything from the web"),
    ("04-svg-reads-outside.md", "CK770", 15, "may not load files outside the project"),
])
def test_a_picture_that_reaches_out_fails_with_a_located_diagnostic_and_nothing_is_written(
        tmp_path: Path, module: str, code: str, line: int, words: str) -> None:
    root = project_with(tmp_path, module)
    stage = tmp_path / "stage"
    found = build_unchecked(root, stage)
    errors = found.errors
    assert [d.code for d in errors][:1] == [code], found.format_text(root)
    assert errors[0].loc.path.name == module and errors[0].loc.line == line
    assert words in errors[0].message
    assert _files(stage) == []


def test_the_command_refuses_a_web_picture_before_writing_anything(tmp_path: Path) -> None:
    root = project_with(tmp_path, "01-web-picture.md")
    result = CliRunner().invoke(cli, ["build", str(root), "--only", "handouts", "--quiet"])
    assert result.exit_code == 1
    assert f"{MODULE_DIR}/01-web-picture.md:15:1: error[CK304]" in result.output
    assert not (root / "build").exists() or _files(root / "build") == []


def test_the_fine_picture_builds(tmp_path: Path) -> None:
    root = project_with(tmp_path, "05-fine.md")
    stage = tmp_path / "stage"
    found = build_unchecked(root, stage)
    assert not found.errors, found.format_text(root)
    names = [p.relative_to(stage).as_posix() for p in _files(stage)]
    assert names == ["handouts/fetch/booklet-print.pdf", "handouts/fetch/booklet.pdf", "handouts/fetch/fine-large.pdf",
                     "handouts/fetch/fine.pdf"]
    found = build_unchecked(root, tmp_path / "guide", build_guide)
    assert [p.name for p in _files(tmp_path / "guide")] == ["facilitator-guide.pdf"]


# The fetcher on its own


@pytest.fixture
def fetcher(tmp_path: Path) -> ProjectFetcher:
    (tmp_path / "root" / "media").mkdir(parents=True)
    (tmp_path / "root" / "media" / "a.png").write_bytes(png())
    (tmp_path / "secret.txt").write_text("secret")
    return ProjectFetcher([tmp_path / "root"])


def test_serves_a_file_inside_the_project(fetcher: ProjectFetcher, tmp_path: Path) -> None:
    response = fetcher((tmp_path / "root" / "media" / "a.png").as_uri())
    assert response.read() == png() and response.content_type == "image/png"


# A QR code needs a light margin of four modules on every side to be found by a reader (ISO/IEC 18004), and
# error correction at level M or better to scan from a creased or smudged page.
QUIET_ZONE_MODULES = 4
SCANNABLE_EC_LEVELS = ("M", "Q", "H")
FINDER_MODULES = 7  # a finder pattern's outer square is seven modules wide


def drawn_by_weasyprint(src: str, fetcher: ProjectFetcher, folder: Path):  # type: ignore[no-untyped-def]
    """The picture at ``src`` drawn as a handout draws it (WeasyPrint, through ``fetcher``) on a white page of
    its own 60 mm square, then printed to greyscale pixels by poppler's pdftoppm."""
    from weasyprint import HTML

    tool("PIL")
    from PIL import Image
    page = ('<style>@page { size: 60mm 60mm; margin: 0 } html, body { margin: 0; background: #fff }'
            'img { display: block; width: 60mm; height: 60mm }</style>'
            f'<img src="{src}" alt="">')
    pdf = folder / "qr.pdf"
    HTML(string=page, base_url=folder.as_uri() + "/", url_fetcher=fetcher).write_pdf(pdf)
    subprocess.run([tool("pdftoppm"), "-r", "300", "-gray", "-png", "-singlefile", str(pdf), str(folder / "qr")],
                   check=True, capture_output=True, timeout=60)
    with Image.open(folder / "qr.png") as picture:
        return picture.convert("L")


@pytest.mark.requires("pdftoppm", "zxingcpp", "PIL")
def test_draws_a_qr_code_for_the_address_it_names(fetcher: ProjectFetcher, tmp_path: Path) -> None:
    """A `ck-qr:` address is drawn as a QR code that a reader decodes to the whole address, with a quiet zone
    and error correction a printed code needs."""
    import zxingcpp
    url = "https://example.org/courses/x/y/?a=1&b=2"
    response = fetcher(qr_image(url))
    body = response.read()
    assert response.content_type == "image/svg+xml" and body.startswith(b"<?xml")
    assert fetcher(qr_image(url)).read() == body  # same address, same bytes
    pixels = drawn_by_weasyprint(qr_image(url), fetcher, tmp_path)
    codes = [code for code in zxingcpp.read_barcodes(pixels) if code.format == zxingcpp.BarcodeFormat.QRCode]
    assert [code.text for code in codes] == [url]  # the whole address, as unquoted
    assert codes[0].ec_level in SCANNABLE_EC_LEVELS, codes[0].ec_level
    # The dark modules' extent, and one module's width from the top left finder pattern's top edge.
    left, top, right, bottom = pixels.point(lambda v: 255 if v < 128 else 0).getbbox()
    finder_edge = next(x for x in range(left, right) if pixels.getpixel((x, top)) >= 128) - left
    module = finder_edge / FINDER_MODULES
    margins = {"left": left, "top": top, "right": pixels.width - right, "bottom": pixels.height - bottom}
    quiet = {side: round(margin / module, 1) for side, margin in margins.items()}
    assert all(modules >= QUIET_ZONE_MODULES for modules in quiet.values()), quiet
    assert fetcher.refused == []


def test_serves_data_urls(fetcher: ProjectFetcher) -> None:
    payload = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode()
    response = fetcher(f"data:image/svg+xml;base64,{payload}")
    assert response.read().startswith(b"<svg") and response.content_type == "image/svg+xml"
    assert fetcher("data:,hello%20there").read() == b"hello there"


@pytest.mark.parametrize("url", ["http://example.com/x.png", "https://example.com/x.png", "ftp://example.com/x",
                                 "file://otherhost/etc/passwd", "javascript:alert(1)", "//example.com/x.png"])
def test_refuses_every_other_address(fetcher: ProjectFetcher, url: str) -> None:
    with pytest.raises(FetchRefused):
        fetcher(url)


def test_refuses_files_outside_a_link_leading_out_a_folder_and_a_dot_dot_path(fetcher: ProjectFetcher, tmp_path: Path) -> None:
    root = tmp_path / "root"
    os.symlink(tmp_path / "secret.txt", root / "media" / "link.png")
    cases = [(tmp_path / "secret.txt").as_uri(), (root / "media" / "link.png").as_uri(), (root / "media").as_uri(),
             root.as_uri() + "/media/../../secret.txt", (root / "media" / "missing.png").as_uri()]
    for url in cases:
        with pytest.raises(FetchRefused):
            fetcher(url)
    assert fetcher.served == []


def test_refusal_stops_weasyprint(fetcher: ProjectFetcher) -> None:
    from weasyprint import HTML

    with pytest.raises(FetchRefused):
        HTML(string='<img src="http://example.com/x.png" alt="x">', url_fetcher=fetcher).write_pdf()


def test_a_refusal_is_reported_once_though_three_documents_show_the_picture(tmp_path: Path) -> None:
    root = project_with(tmp_path, "03-svg-loads-the-web.md")
    found = build_unchecked(root, tmp_path / "stage")
    assert [d.code for d in found.errors] == ["CK770"], found.format_text(root)
    assert "http://example.com/tracker.png" in found.errors[0].message


def test_an_accessibility_error_from_weasyprint_fails_and_names_the_source_line(tmp_path: Path) -> None:
    """A picture without alt text (which `check` would refuse as CK307) fails the PDF/UA render at its line."""
    root = project_with(tmp_path, "05-fine.md")
    module = root / MODULE_DIR / "05-fine.md"
    module.write_text(module.read_text().replace("![A person walking in a park]", "![]"))
    stage = tmp_path / "stage"
    found = build_unchecked(root, stage)
    assert {d.code for d in found.errors} == {"CK771"}, found.format_text(root)
    error = found.errors[0]
    assert (error.loc.path.name, error.loc.line) == ("05-fine.md", 15)
    assert "alt" in error.message
    assert _files(stage) == []
