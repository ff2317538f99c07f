"""`coursekit proof`: the review pack, read back as a reviewer's PDF reader would and counted against the outputs."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import FOOT_COURSE, FIXTURES, REPO, SAMPLE_COURSES, SPINE_COURSE, tool
from toolkit.cli import cli
from toolkit.proof import tools
from toolkit.proof.layout import GAP, MARGIN, SLOTS, Picture, best_grid, sheets

def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def page_texts(pdf: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


def drawn_xobjects(page: pikepdf.Page, subtype: str) -> list[tuple[str, pikepdf.Object]]:
    """The XObjects of a subtype that the page's own content draws (WeasyPrint's pages share one resource
    dictionary, so what a page lists is not what it shows)."""
    contents = page.obj.Contents
    data = contents.read_bytes() if isinstance(contents, pikepdf.Stream) else b"".join(p.read_bytes() for p in contents)
    names = set(re.findall(rb"(/[^\s/\[\]()<>]+)\s+Do\b", data))
    xobjects = page.resources.get("/XObject", {})
    return [(str(name), xobjects[name]) for name in xobjects.keys()
            if name.encode() in names and xobjects[name].get("/Subtype") == subtype]


def thumbnails(page: pikepdf.Page) -> list[pikepdf.Object]:
    """The PDF pages set into a proof page."""
    return [form for name, form in drawn_xobjects(page, "/Form") if name.startswith("/Thumb")]


def images(page: pikepdf.Page) -> int:
    return len(drawn_xobjects(page, "/Image"))


# The layout, pure


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("kind, ratio", [("slides", 16 / 9), ("documents", 210 / 297), ("documents", 148 / 210),
                                         ("site", 390 / 844)])
def test_every_picture_lies_on_its_sheet_without_touching_another(paper: str, kind: str, ratio: float) -> None:
    pictures = [Picture(Path(f"{n // 7}.pdf"), n % 7, ratio * 100, 100, f"p{n}", f"p{n}", f"file {n // 7}")
                for n in range(40)]
    laid = sheets(kind, pictures, paper)
    assert [p.picture for sheet in laid for p in sheet.placed] == pictures  # each once, in order
    low, high = SLOTS[kind]
    for sheet in laid:
        assert len(sheet.placed) <= high
        boxes = [(p.rect.x, p.rect.y, p.rect.x + p.rect.width, p.caption.y + p.caption.height) for p in sheet.placed]
        for x0, y0, x1, y1 in boxes:
            assert MARGIN - 0.01 <= x0 and x1 <= sheet.width - MARGIN + 0.01
            assert MARGIN - 0.01 <= y0 and y1 <= sheet.height - MARGIN + 0.01
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[2] + GAP - 0.01 <= b[0] or b[2] + GAP - 0.01 <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
        for placed in sheet.placed:
            assert placed.rect.width / placed.rect.height == pytest.approx(ratio)


def test_the_grid_holds_as_many_pictures_as_the_kind_allows() -> None:
    for kind, (low, high) in SLOTS.items():
        for ratio in (16 / 9, 0.707, 0.46):
            grid = best_grid("a4", ratio, (low, high))
            assert low <= grid.slots <= high


def test_a_file_that_fits_on_a_sheet_is_not_split_across_two() -> None:
    pictures = [Picture(Path("a.pdf"), n, 210, 297, "", "", "a") for n in range(3)]
    pictures += [Picture(Path("b.pdf"), n, 210, 297, "", "", "b") for n in range(2)]
    laid = sheets("documents", pictures, "a4")
    assert [[p.picture.group for p in sheet.placed] for sheet in laid] == [["a", "a", "a"], ["b", "b"]]
    assert [sheet.heading for sheet in laid] == ["a", "b"]


# The sample courses' proofs, read back: one `coursekit proof` of the project, then each course's pack


@pytest.fixture(scope="module")
def sample_proof(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    for name in ("soffice", "chromium", "playwright"):
        tool(name)
    out = tmp_path_factory.mktemp("proof") / "build"
    code, output = invoke("proof", str(REPO), "--out", str(out))
    assert code == 0, output
    return out, output


def test_the_proof_is_written_where_the_design_says(sample_proof: tuple[Path, str]) -> None:
    out, output = sample_proof
    pdfs = [out / "proof" / f"{course_id}.pdf" for course_id in SAMPLE_COURSES]
    wrote = [f"Wrote {pdf} ({len(PdfReader(pdf).pages)} pages)" for pdf in pdfs]
    assert output.splitlines()[-len(wrote):] == wrote  # one pack per course, in the courses' order
    assert sorted((out / "proof").glob("*.pdf")) == sorted(pdfs)
    assert "warning[" not in output and "error[" not in output


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_one_thumbnail_per_slide_of_every_deck(sample_proof: tuple[Path, str], course_id: str) -> None:
    out, _ = sample_proof
    decks = sorted((out / "slides" / course_id).glob("*.pptx"))
    assert len(decks) >= 2
    texts = page_texts(out / "proof" / f"{course_id}.pdf")
    with pikepdf.open(out / "proof" / f"{course_id}.pdf") as proof:
        slide_sheets = [(texts[i], thumbnails(page)) for i, page in enumerate(proof.pages) if texts[i].startswith("Slides:")]
    captions = [c for text, _ in slide_sheets for c in re.findall(r"([\w-]+\.pptx), slide (\d+)", text)]
    for deck in decks:
        count = len(Presentation(deck).slides)
        assert sorted(int(n) for name, n in captions if name == deck.name) == list(range(1, count + 1)), deck.name
    for text, drawn in slide_sheets:  # each caption stands under a drawn slide
        assert len(drawn) == len(re.findall(r"\.pptx, slide \d+", text))
        for form in drawn:
            assert [float(v) for v in form.BBox][2:] == pytest.approx([960, 540], abs=1)  # 13.33 x 7.5 in, 16:9


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_every_page_of_every_printed_document_is_shown_as_it_is(sample_proof: tuple[Path, str], course_id: str) -> None:
    out, _ = sample_proof
    documents = sorted((out / "handouts" / course_id).glob("*.pdf")) + sorted((out / "guide" / course_id).glob("*.pdf"))
    documents = [d for d in documents if not d.name.endswith("-print.pdf")]  # the booklet's pages again, two a side
    assert any(d.name == "booklet.pdf" for d in documents) and any(d.parent.parent.name == "guide" for d in documents)
    with pikepdf.open(out / "proof" / f"{course_id}.pdf") as proof:
        shown = [hashlib.sha256(form.read_bytes()).hexdigest() for page in proof.pages for form in thumbnails(page)]
    texts = " ".join(page_texts(out / "proof" / f"{course_id}.pdf"))
    expected_pages = 0
    for document in documents:
        with pikepdf.open(document) as pdf:
            total = len(pdf.pages)
            expected_pages += total
            for number, page in enumerate(pdf.pages, start=1):
                content = hashlib.sha256(page.as_form_xobject().read_bytes()).hexdigest()
                assert content in shown, f"{document.name} page {number} is not in the proof"
                assert f"{document.name}, page {number} of {total}" in texts
    slides = sum(len(Presentation(deck).slides) for deck in (out / "slides" / course_id).glob("*.pptx"))
    assert len(shown) == slides + expected_pages  # nothing shown twice, nothing extra


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_one_set_of_phone_screens_per_site_page(sample_proof: tuple[Path, str], course_id: str) -> None:
    out, _ = sample_proof
    from toolkit.check import run_check

    course = run_check(REPO, course_ids=(course_id,)).project.courses[0]
    titles = [course.meta.title, *(m.meta.title for m in course.modules)]
    texts = page_texts(out / "proof" / f"{course_id}.pdf")
    with pikepdf.open(out / "proof" / f"{course_id}.pdf") as proof:
        site_sheets = [(texts[i], images(page)) for i, page in enumerate(proof.pages)
                       if texts[i].startswith("The site on a phone:")]
    headings = " ".join(text.split(" screen ")[0] for text, _ in site_sheets)
    for title in titles:
        assert title in headings, title
    screens = [(int(k), int(n)) for text, _ in site_sheets for k, n in re.findall(r"screen (\d+) of (\d+)", text)]
    sets = [screens[i:i + n] for i, (k, n) in enumerate(screens) if k == 1]
    assert len(sets) == len(titles)
    assert all([k for k, _ in s] == list(range(1, s[0][1] + 1)) for s in sets)
    assert sum(count for _, count in site_sheets) == len(screens)  # one picture per caption


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_the_cover_gives_the_figures_of_report_json(sample_proof: tuple[Path, str], course_id: str) -> None:
    out, _ = sample_proof
    code, output = invoke("report", str(REPO), "--format", "json")
    assert code == 0
    (figures,) = [c for c in json.loads(output)["courses"] if c["course"] == course_id]
    cover = " ".join(page_texts(out / "proof" / f"{course_id}.pdf")[:2])
    assert f"Average Flesch-Kincaid grade {figures['average_flesch_kincaid']:.1f}" in cover
    assert f"Average SMOG grade {figures['average_smog']:.1f}" in cover
    assert f"Required warning signs covered {figures['red_flags']['covered']} of {figures['red_flags']['required']}" in cover
    problems = figures["problems"]
    assert f"Problems found by check {problems['errors']} errors, {problems['warnings']} warnings" in cover
    assert f"Next review {figures['next_review']} ({figures['review']['label']})" in cover
    for row in figures["modules"]:
        assert (f"{row['flesch_kincaid']:.1f} {row['smog']:.1f} {row['pemat_score']}% {row['terms']} "
                f"{', '.join(row['undefined_terms']) or 'none'}") in cover, row["title"]
    for sign in figures["red_flags"]["signs"]:
        assert f"{sign['sign']} {sign['tier'] or 'any'} {', '.join(sign['covered_by'])}" in cover


@pytest.mark.parametrize("course_id, reviewer", [(SPINE_COURSE, "Dr Jo Reid"), (FOOT_COURSE, "Dr Ruth Okafor")])
def test_the_last_page_is_for_sign_off(sample_proof: tuple[Path, str], course_id: str, reviewer: str) -> None:
    out, _ = sample_proof
    last = page_texts(out / "proof" / f"{course_id}.pdf")[-1]
    for words in ("Sign-off", "Name", "Role", "Date", "Signature", "Decision", "Approved for use as it is", "Comments",
                  f"Reviewer named in course.yml: {reviewer}"):
        assert words.lower() in last.lower(), words


def test_a_later_build_keeps_the_proof_and_is_still_up_to_date(sample_proof: tuple[Path, str]) -> None:
    out, _ = sample_proof
    code, output = invoke("build", str(REPO), "--out", str(out))
    assert code == 0 and "is up to date" in output, output
    assert all((out / "proof" / f"{course_id}.pdf").is_file() for course_id in SAMPLE_COURSES)


# Without LibreOffice and Chromium


@pytest.fixture
def no_programs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PATH on which neither LibreOffice nor Chromium is found."""
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert not tools.libreoffice().found and not tools.chromium().found


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A one-module course with the sample project's site settings, clean under --strict."""
    root = tmp_path / "plain"
    shutil.copytree(FIXTURES / "plain-good", root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_without_the_programs_the_proof_says_what_it_leaves_out(no_programs: None, small: Path) -> None:
    code, output = invoke("proof", str(small))
    lines = output.splitlines()
    assert code == 0, output
    assert "mkdocs.yml:1:1: warning[CK780]: LibreOffice is not installed, so the proof leaves out the slides" in lines
    assert "mkdocs.yml:1:1: warning[CK780]: Chromium is not installed, so the proof leaves out the site's phone screens" in lines
    assert "  hint: To show them, install Debian's `libreoffice-impress` (sudo apt-get install libreoffice-impress)." in lines
    (pdf,) = (small / "build" / "proof").glob("*.pdf")
    assert lines[-1] == f"Wrote {pdf} ({len(PdfReader(pdf).pages)} pages)"
    texts = page_texts(pdf)
    assert "Left out of this proof" in texts[0] and "libreoffice-impress" in texts[0]
    assert not any(t.startswith(("Slides:", "The site on a phone:")) for t in texts)
    assert any(t.startswith("Handouts, booklet and guide:") for t in texts)


def test_under_strict_a_part_left_out_fails_the_proof(no_programs: None, small: Path) -> None:
    code, output = invoke("proof", str(small), "--strict")
    assert code == 1
    assert "error[CK780]: LibreOffice is not installed" in output


def test_the_proof_is_composed_in_the_build_s_pool(no_programs: None, small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pictures' jobs and each course's composing run in one pool of --jobs workers, as a build's documents do."""
    import toolkit.rendering
    from toolkit.rendering import LastStep

    calls: list[tuple[list[object], int]] = []
    real = toolkit.rendering.render_together

    def recording(renderings, workers):  # type: ignore[no-untyped-def]
        calls.append((list(renderings), workers))
        return real(renderings, workers)

    monkeypatch.setattr(toolkit.rendering, "render_together", recording)
    code, output = invoke("proof", str(small), "--jobs", "2")
    assert code == 0, output
    proof_calls = [(r, w) for r, w in calls if any(getattr(s.run, "__name__", "") == "compose" for x in r for s in x.last)]
    assert len(proof_calls) == 1
    (rendering,), workers = proof_calls[0]
    assert workers == 2
    assert [type(step) for step in rendering.last] == [LastStep]  # one course, composed as a last step


def test_an_unknown_course_is_a_usage_error(no_programs: None, small: Path) -> None:
    code, output = invoke("proof", str(small), "--course", "nope")
    assert code == 2
    assert "Invalid value for --course: no course `nope`" in output
    assert not (small / "build").exists()  # refused before anything was built
