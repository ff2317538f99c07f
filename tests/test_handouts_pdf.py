"""The sample courses' handouts, booklets and guides, built once with WeasyPrint and read back with pypdf.

Each test runs on every sample course; where it checks a course's own words, EXPECTED gives them for each.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FOOT_COURSE, REPO, SAMPLE_COURSES, SPINE_COURSE
from tests.pdf_support import link_uris, page_texts, read, text_runs
from toolkit import model as m
from toolkit.check import run_check
from toolkit.warning_signs import course_red_flags, module_red_flags

pytestmark = pytest.mark.slow

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
# Each sample course's own words that its printed documents must show.
EXPECTED = {
    SPINE_COURSE: {
        "sign": "numbness or weakness in both legs",  # an at-once sign, on every leaflet's page 1
        "leaflet": "SPN-LN-001-",
        "same_day_title": "Call your surgical team the same day if",
        "same_day_action": "Call your surgical team on 01632 960123 today.",
    },
    FOOT_COURSE: {
        "sign": "a red, hot or swollen foot, and a high temperature",
        "leaflet": "DIA-FT-001-",
        "same_day_title": "Call the foot clinic the same day if",
        "same_day_action": "Call the foot clinic on 01632 960789 today.",
    },
}
every_course = pytest.mark.parametrize("course_id", SAMPLE_COURSES)


def test_every_sample_course_has_its_expected_words() -> None:
    assert sorted(EXPECTED) == sorted(SAMPLE_COURSES)


@pytest.fixture(scope="session")
def sample_project() -> m.Project:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSEKIT_TODAY", "2026-11-21")
        result = run_check(REPO)
    assert not result.diagnostics.errors, result.diagnostics.format_text(REPO)
    return result.project


@pytest.fixture(scope="session")
def built(sample_handouts: Path) -> Path:
    return sample_handouts


@functools.lru_cache(maxsize=None)
def _texts(path: Path) -> tuple[str, ...]:
    """Each page's text, read once per test session (pypdf's extraction is the slow part of these tests)."""
    return tuple(page_texts(read(path)))


def _course(project: m.Project, course_id: str) -> m.Course:
    (course,) = [c for c in project.courses if c.id == course_id]
    return course


def _modules(project: m.Project, course_id: str) -> list[m.Module]:
    return list(_course(project, course_id).modules)


def _handouts(built: Path, project: m.Project, course_id: str) -> list[tuple[m.Module, str, Path]]:
    folder = built / "handouts" / course_id
    return [(module, variant, folder / f"{module.id}{suffix}.pdf")
            for module in _modules(project, course_id) for variant, suffix in (("standard", ""), ("large", "-large"))]


def _size(reader) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    box = reader.pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


@every_course
def test_every_document_is_written(built: Path, sample_project: m.Project, course_id: str) -> None:
    for _, _, path in _handouts(built, sample_project, course_id):
        assert path.is_file(), path
    assert (built / "handouts" / course_id / "booklet.pdf").is_file()
    assert (built / "guide" / course_id / "facilitator-guide.pdf").is_file()


def _flat(text: str) -> str:
    return " ".join(text.split())


@every_course
def test_page_one_has_each_tier_of_warning_signs_with_its_action(built: Path, sample_project: m.Project,
                                                                 course_id: str) -> None:
    course = _course(sample_project, course_id)
    for module, variant, path in _handouts(built, sample_project, course_id):
        first = _flat(_texts(path)[0])
        # Large print may carry the later tiers over to page 2; the most urgent is always on page 1.
        opening = first if variant == "standard" else _flat(" ".join(_texts(path)[:2]))
        shown = module_red_flags(module) or course_red_flags(course)[0]
        assert shown and shown[0].tier == "at-once", module.id
        for number, block in enumerate(shown):
            words = course.urgency(block.tier)
            assert words is not None
            where = first if number == 0 else opening
            assert _flat(words.title) in where and _flat(words.action) in where, (path.name, block.tier, where[:400])
        assert EXPECTED[course_id]["sign"] in first.lower(), path.name  # the signs themselves
        assert module.meta.title.split()[0] in first
    # The warning-signs leaflet shows its first two tiers, each under its own words.
    first = _flat(_texts(built / "handouts" / course_id / "warning-signs.pdf")[0])
    assert first.index("Call 999 or go to A&E now if you notice") < first.index(EXPECTED[course_id]["same_day_title"])


@every_course
def test_every_leaflet_is_one_sheet_that_leads_to_its_lesson(built: Path, sample_project: m.Project,
                                                             course_id: str) -> None:
    for module, variant, path in _handouts(built, sample_project, course_id):
        reader = read(path)
        assert len(reader.pages) <= (2 if variant == "standard" else 4), (path.name, len(reader.pages))
        assert any(u.rstrip("/").endswith(f"/{module.id}") for u in link_uris(reader)), path.name  # the QR code's link
        assert "Read this lesson online" in _flat(" ".join(_texts(path)))


@every_course
def test_no_text_falls_off_the_foot_of_a_leaflet(built: Path, sample_project: m.Project, course_id: str) -> None:
    """A footer taller than its margin is cut off by the page edge, yet its text still reads back: check positions."""
    for _, _, path in _handouts(built, sample_project, course_id):
        reader = read(path)
        for index in range(len(reader.pages)):
            lowest = min(run.y for run in text_runs(reader, index))
            assert lowest >= 0, (path.name, index + 1, lowest)


@every_course
def test_every_page_has_the_footer_with_the_review_dates(built: Path, sample_project: m.Project, course_id: str) -> None:
    paths = [p for _, _, p in _handouts(built, sample_project, course_id)]
    paths += [built / "handouts" / course_id / "booklet.pdf", built / "guide" / course_id / "facilitator-guide.pdf"]
    for path in paths:
        texts = _texts(path)
        for number, text in enumerate(texts, 1):
            for expected in ("Version 1.0.0", "Reviewed 1 November 2026", "Next review 1 November 2027",
                             f"Leaflet {EXPECTED[course_id]['leaflet']}", f"Page {number} of {len(texts)}",
                             "does not replace advice from your own care team"):
                assert expected in text, (path.name, number, expected)


@every_course
def test_body_text_is_at_least_12_pt_and_large_print_at_least_18_pt(built: Path, sample_project: m.Project,
                                                                    course_id: str) -> None:
    for _, variant, path in _handouts(built, sample_project, course_id):
        reader = read(path)
        sizes = [run.size for index in range(len(reader.pages)) for run in text_runs(reader, index)]
        assert sizes, path
        smallest = min(sizes)
        most_common = max(set(sizes), key=sizes.count)
        if variant == "large":
            assert smallest >= 18, (path.name, smallest)
            assert most_common == pytest.approx(18, abs=0.05)
        else:
            assert smallest >= 12, (path.name, smallest)
            assert most_common == pytest.approx(12, abs=0.05)  # a leaflet's body size, as NHS leaflets


@every_course
def test_the_documents_are_tagged_with_language_and_title(built: Path, sample_project: m.Project, course_id: str) -> None:
    paths = [(module.meta.title, p) for module, _, p in _handouts(built, sample_project, course_id)]
    paths.append((_course(sample_project, course_id).meta.title, built / "handouts" / course_id / "booklet.pdf"))
    for title, path in paths:
        reader = read(path)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, path.name
        assert bool(root["/MarkInfo"]["/Marked"]) is True
        assert str(root["/Lang"]) == "en-GB"
        assert reader.metadata is not None and reader.metadata.title == title
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
        assert b"pdfuaid" in root["/Metadata"].get_object().get_data()  # declares PDF/UA-1


@every_course
def test_the_qr_link_points_at_the_modules_page(built: Path, sample_project: m.Project, course_id: str) -> None:
    site_url = sample_project.site.url
    assert site_url == "https://example.org/courses/"  # mkdocs.yml's site_url
    for module, _, path in _handouts(built, sample_project, course_id):
        expected = f"{site_url}{course_id}/{module.id}/"
        reader = read(path)
        assert expected in link_uris(reader), path.name
        texts = _texts(path)
        assert expected.removeprefix("https://").rstrip("/") in "".join(texts).replace(" ", "")
        (at,) = [i for i, text in enumerate(texts) if "Read this lesson online" in text]
        # The code itself is drawn (fetched as `ck-qr:` while rendering): hundreds of path segments.
        assert reader.pages[at].get_contents().get_data().count(b" m\n") > 100, path.name


@every_course
def test_no_speaker_note_text_appears(built: Path, sample_project: m.Project, course_id: str) -> None:
    folder = built / "handouts" / course_id
    booklet = " ".join(_texts(folder / "booklet.pdf"))
    checked = 0
    for module, _, path in _handouts(built, sample_project, course_id):
        text = " ".join(_texts(path))
        for notes in (b for b in m.walk_blocks(tuple(module.blocks())) if isinstance(b, m.Notes)):
            for block in m.walk_blocks(notes.blocks):
                for run in m.block_inlines(block):
                    words = " ".join(m.plain_text(run).split())
                    if len(words) >= 30:
                        checked += 1
                        assert words[:30] not in text, (path.name, words)
                        assert words[:30] not in booklet, words
    assert checked >= 8


@every_course
def test_the_booklets_contents_page_numbers_match_where_each_module_starts(built: Path, sample_project: m.Project,
                                                                          course_id: str) -> None:
    texts = _texts(built / "handouts" / course_id / "booklet.pdf")
    contents_page = next(i for i, t in enumerate(texts) if "Contents" in t and "Module 1:" in t)
    listed = {int(n): int(page) for n, page in re.findall(r"Module (\d+): .*?[ .]+(\d+)(?= Module \d+:| Words used| Take this| Version|$)",
                                                         texts[contents_page])}
    modules = _modules(sample_project, course_id)
    assert sorted(listed) == list(range(1, len(modules) + 1)), texts[contents_page]
    for number, module in enumerate(modules, 1):
        starts = next(i for i, t in enumerate(texts) if i > contents_page and f"Module {number} of {len(modules)}" in t) + 1
        assert listed[number] == starts, (module.id, listed[number], starts)
        assert module.meta.title in texts[starts - 1]
    assert "Call 999 or go to A&E now if you notice any of these" in _flat(texts[0])


@every_course
def test_the_facilitator_guide(built: Path, sample_project: m.Project, course_id: str) -> None:
    texts = _texts(built / "guide" / course_id / "facilitator-guide.pdf")
    whole = " ".join(texts)
    assert "Agenda" in texts[0] and "0:00" in texts[0]
    front = _flat(" ".join(texts[:2]))  # the warning signs, each tier with its action, follow the agenda
    assert "The warning signs to teach, and what to do" in front
    assert EXPECTED[course_id]["same_day_action"] in front and "Do not wait to see if it goes away." in front
    assert "This is the most important module in the course" in whole  # a speaker note
    assert "Quiz answers" in whole and "Checklist of materials" in whole
    for module in _modules(sample_project, course_id):
        for objective in module.meta.objectives:
            assert " ".join(objective.split())[:40] in whole


@every_course
def test_a4_by_default_and_letter_on_request(built: Path, sample_project: m.Project, course_id: str) -> None:
    """The build used the theme's paper (A4); Letter is checked on two handouts rendered for it."""
    from toolkit.handouts import compose_documents, plan_course_handouts, render_documents
    from toolkit.reproducible import source_date

    for _, _, path in _handouts(built, sample_project, course_id):
        assert _size(read(path)) == pytest.approx(A4, abs=0.05)
    course = _course(sample_project, course_id)
    plans = [p for p in plan_course_handouts(sample_project, course, paper="letter", created=source_date(sample_project.courses))
             if p.name in ("warning-signs", "warning-signs-large")]
    documents, found = compose_documents(sample_project, plans)
    pdfs, found = render_documents(sample_project, documents)
    assert not found.errors and len(pdfs) == 2
    for relative, data in pdfs.items():
        path = built.parent / "letter" / relative
        assert Path(relative).parts[:2] == ("handouts", course_id), relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        reader = read(path)
        assert _size(reader) == pytest.approx(LETTER, abs=0.05)
        assert "Call 999 or go to A&E now if you notice any of these" in _flat(page_texts(reader)[0])


@every_course
def test_a_second_build_in_another_process_gives_the_same_bytes(built: Path, course_id: str) -> None:
    """Same source, same bytes: one handout and the guide rendered again in a fresh process."""
    script = (
        "import sys; from pathlib import Path\n"
        "from toolkit.check import run_check\n"
        "from toolkit.build import BuildContext, BuildSettings\n"
        "from toolkit.reproducible import source_date\n"
        "from toolkit.handouts import compose_documents, plan_course_handouts, render_documents\n"
        "from toolkit.handouts.plan import plan_guide\n"
        "p = run_check(Path(sys.argv[1])).project; d = source_date(p.courses)\n"
        "(c,) = [c for c in p.courses if c.id == sys.argv[3]]\n"
        "plans = [x for x in plan_course_handouts(p, c, paper='a4', created=d) if x.name == 'warning-signs-large']\n"
        "plans.append(plan_guide(c, paper='a4', created=d))\n"
        "docs, _ = compose_documents(p, plans); pdfs, found = render_documents(p, docs)\n"
        "out = Path(sys.argv[2])\n"
        "for rel, data in pdfs.items():\n"
        "    (out / rel).parent.mkdir(parents=True, exist_ok=True); (out / rel).write_bytes(data)\n"
    )
    again = built.parent / "again" / course_id
    env = {**os.environ, "COURSEKIT_TODAY": "2026-11-21", "PYTHONHASHSEED": "12345"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run([sys.executable, "-c", script, str(REPO), str(again), course_id], cwd=REPO, env=env, check=True)
    for relative in (f"handouts/{course_id}/warning-signs-large.pdf", f"guide/{course_id}/facilitator-guide.pdf"):
        assert (again / relative).read_bytes() == (built / relative).read_bytes(), relative


@every_course
def test_dates_come_from_the_source(built: Path, course_id: str) -> None:
    reader = read(built / "handouts" / course_id / "warning-signs.pdf")
    assert reader.metadata["/CreationDate"] == "D:20261101000000Z"  # the course's `reviewed:` date
    assert reader.metadata["/ModDate"] == "D:20261101000000Z"
    assert len(reader.trailer["/ID"]) == 2


@every_course
def test_every_font_is_the_packaged_atkinson_hyperlegible(built: Path, sample_project: m.Project, course_id: str) -> None:
    paths = [p for _, _, p in _handouts(built, sample_project, course_id)][:4]
    paths.append(built / "guide" / course_id / "facilitator-guide.pdf")
    for path in paths:
        reader = read(path)
        names = set()
        for page in reader.pages:
            fonts = page["/Resources"].get_object().get("/Font") or {}
            for font in fonts.values():
                names.add(str(font.get_object()["/BaseFont"]))
        assert names and all("+Atkinson-Hyperlegible" in name for name in names), (path.name, names)


@every_course
def test_each_leaflet_prints_its_modules_questions_to_ask_after_the_key_points(built: Path, sample_project: m.Project,
                                                                               course_id: str) -> None:
    asked = [(module, variant, path) for module, variant, path in _handouts(built, sample_project, course_id)
             if module.meta.questions]
    assert asked  # each sample course has a module with questions to ask
    for module, _, path in asked:
        text = _flat(" ".join(_texts(path)))
        heading = text.index("Questions to ask your care team")
        assert text.index("Key points") < heading, path.name
        for question in module.meta.questions:
            assert heading < text.index(_flat(question)), (path.name, question)
