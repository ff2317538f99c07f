"""Every QR code and printed link leads to a page the built site has.

The handouts and the workshop deck are built with the site, every page of every handout is
printed to pixels (poppler's pdftoppm: the QR codes are drawn as vectors) and every picture of
the deck is read, and each QR code found is decoded with a real decoder (zxing-cpp). Each
address must be under the site's address (`site_url` in mkdocs.yml), name the course folder
once, and be the canonical address of a page in the built site. Both layouts are built: the
sample project (one course, whose home page is the site's root) and a project of two courses.
"""

from __future__ import annotations

import io
import re
import subprocess
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from tests.conftest import COURSE_YML, MODULE, REPO, tool
from tests.pdf_support import read
from toolkit.build import BuildSettings, run_build
from toolkit.model import Project

SAMPLE_URL = "https://example.org/courses/"  # the root mkdocs.yml's site_url
TWO_URL = "https://clinic.example.org/learn/"
# Enough for the smallest QR code (a module handout's) to decode; higher only costs time.
DPI = 100

pytestmark = pytest.mark.requires("pdftoppm", "zxingcpp")


@dataclass(frozen=True)
class Built:
    project: Project
    out: Path
    site_url: str

    @property
    def site(self) -> Path:
        return self.out / "site"

    def module_page(self, course_id: str, module_id: str) -> str:
        """Where MkDocs publishes a module's page, written out here rather than asked of coursekit."""
        return f"{self.site_url}{course_id}/{module_id}/"

    def course_home(self, course_id: str) -> str:
        return self.site_url if len(self.project.courses) == 1 else f"{self.site_url}{course_id}/"


def _build(root: Path, out: Path, site_url: str) -> Built:
    from toolkit.check import run_check

    result = run_build(root, BuildSettings(out=out, only=("site", "slides", "handouts")))
    assert result.ok, result.diagnostics.format_text(root)
    # The site has an address, written once: nothing says it is missing or in the wrong place.
    assert not {"CK708", "CK745", "CK774"} & set(result.diagnostics.codes()), result.diagnostics.format_text(root)
    return Built(run_check(root).project, out, site_url)


def _two_course_project(root: Path) -> None:
    """Two small courses in one site, with the root mkdocs.yml at another address."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config, replaced = re.subn(r"^site_url: .*$", f"site_url: {TWO_URL}", config, flags=re.M)
    assert replaced == 1
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config)
    second = MODULE.replace("title: Keep moving", "title: Rest well").replace("## Why moving helps you", "## Why rest helps you")
    for course_id, modules in (("first-course", {"01-keep-moving.md": MODULE}),
                               ("second-course", {"01-keep-moving.md": MODULE, "02-rest-well.md": second})):
        folder = root / "courses" / course_id
        (folder / "modules").mkdir(parents=True)
        (folder / "course.yml").write_text(textwrap.dedent(COURSE_YML).replace("A small course", course_id))
        for name, text in modules.items():
            (folder / "modules" / name).write_text(textwrap.dedent(text))


@pytest.fixture(scope="module", params=["one course", "two courses"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    work = tmp_path_factory.mktemp("qr")
    if request.param == "one course":
        return _build(REPO, work / "build", SAMPLE_URL)
    _two_course_project(work / "project")
    return _build(work / "project", work / "build", TWO_URL)


def _decode(image: object) -> list[str]:
    import zxingcpp  # here, once the requires mark has found it

    return [found.text for found in zxingcpp.read_barcodes(image) if found.format == zxingcpp.BarcodeFormat.QRCode]


def _pdf_codes(pdf: Path, work: Path) -> list[tuple[int, str]]:
    """(page number, address) of every QR code on every page of ``pdf``."""
    prefix = work / pdf.stem
    subprocess.run([tool("pdftoppm"), "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)], check=True, timeout=300)
    found = []
    for png in sorted(work.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        with Image.open(png) as page:
            found += [(int(png.stem.rsplit("-", 1)[1]), text) for text in _decode(page)]
    return found


@pytest.fixture(scope="module")
def handout_codes(built: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[tuple[int, str]]]:
    """Every handout PDF (module leaflets, large print, booklet) of every course, with the QR codes on its pages."""
    # The booklet's print-ready file holds the booklet's own pages, imposed for the printer, without links.
    pdfs = sorted(pdf for pdf in (built.out / "handouts").rglob("*.pdf") if not pdf.stem.endswith("-print"))
    assert pdfs
    work = tmp_path_factory.mktemp("pages")
    folders = {pdf: work / f"{pdf.parent.name}-{pdf.stem}" for pdf in pdfs}
    for folder in folders.values():
        folder.mkdir()
    with ThreadPoolExecutor() as pool:  # pdftoppm runs as its own process
        codes = dict(zip(pdfs, pool.map(lambda pdf: _pdf_codes(pdf, folders[pdf]), pdfs)))
    return codes


def _page_file(built: Built, url: str) -> Path:
    """The built page an address of the site leads to; fails for an address outside the site."""
    assert url.startswith(built.site_url), f"{url} is not under the site's address {built.site_url}"
    path = unquote(urlsplit(url).path)[len(urlsplit(built.site_url).path):]
    return built.site / path / "index.html"


def _assert_leads_to_a_page(built: Built, url: str) -> None:
    page = _page_file(built, url)
    assert page.is_file(), f"{url} leads to no page: {page.relative_to(built.out)} was not built"
    canonical = re.search(r'<link rel="canonical" href="([^"]*)"', page.read_text(encoding="utf-8"))
    assert canonical is not None and canonical.group(1) == url, f"{url}: the page's own address is {canonical}"


def test_every_handout_qr_code_leads_to_its_page_on_the_built_site(built: Built, handout_codes) -> None:  # type: ignore[no-untyped-def]
    courses = {course.id: course for course in built.project.courses}
    assert {pdf.parent.name for pdf in handout_codes} == set(courses)
    for pdf, codes in handout_codes.items():
        course = courses[pdf.parent.name]
        addresses = [url for _, url in codes]
        if pdf.stem == "booklet":
            expected = built.course_home(course.id)
        else:
            expected = built.module_page(course.id, pdf.stem.removesuffix("-large"))
        assert addresses == [expected], f"{pdf.relative_to(built.out)}: QR codes {codes}"
        path = urlsplit(expected).path
        assert path.split("/").count(course.id) == (1 if pdf.stem != "booklet" or len(courses) > 1 else 0), path
        _assert_leads_to_a_page(built, expected)


def test_the_printed_link_beside_each_qr_code_is_its_address(built: Built, handout_codes) -> None:  # type: ignore[no-untyped-def]
    for pdf, codes in handout_codes.items():
        reader = read(pdf)
        for page_number, url in codes:
            page = reader.pages[page_number - 1]
            printed = re.sub(r"\s+", "", page.extract_text() or "")
            short = urlsplit(url).netloc + urlsplit(url).path.rstrip("/")
            assert short in printed, f"{pdf.name} page {page_number}: `{short}` is not printed beside the QR code"
            links = [str(a.get_object()["/A"]["/URI"]) for a in page.get("/Annots") or []
                     if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]]
            assert url in links, f"{pdf.name} page {page_number}: the QR code is not a link to {url}"


def test_every_link_to_the_site_in_a_handout_leads_to_a_page(built: Built) -> None:
    from tests.pdf_support import link_uris

    checked = 0
    for pdf in sorted((built.out / "handouts").rglob("*.pdf")):
        for uri in link_uris(read(pdf)):
            if uri.startswith(built.site_url):
                _assert_leads_to_a_page(built, uri.split("#")[0])
                checked += 1
    assert checked


def test_the_workshop_decks_closing_slide_leads_to_the_course_home_page(built: Built) -> None:
    from pptx import Presentation

    for course in built.project.courses:
        deck = Presentation(str(built.out / "slides" / course.id / "workshop.pptx"))
        slides = list(deck.slides)
        codes = []
        for number, slide in enumerate(slides, 1):
            for shape in slide.shapes:
                try:
                    blob = shape.image.blob
                except (AttributeError, ValueError):  # not a picture
                    continue
                with Image.open(io.BytesIO(blob)) as picture:
                    codes += [(number, text) for text in _decode(picture.convert("L"))]
        home = built.course_home(course.id)
        assert codes == [(len(slides), home)], f"{course.id}: QR codes {codes}"
        _assert_leads_to_a_page(built, home)
        closing = slides[-1]
        runs = [run for shape in closing.shapes if shape.has_text_frame
                for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
        assert any(run.text == home and run.hyperlink.address == home for run in runs), \
            f"{course.id}: the closing slide does not print {home} as a link"
