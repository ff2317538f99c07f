"""Jargon on any topic: words rare in everyday language need a glossary entry (CK411); the clinic's own word lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import COURSE_YML, FIXTURES, MODULE, REPO, ProjectFactory
from toolkit.check import check_files, run_check
from toolkit.cli import cli
from toolkit.plain_language import rare_words, word_frequencies
from toolkit.plain_language.rare_words import RareWords
from toolkit.plain_language.word_frequencies import frequencies, wordfreq_language

M = "courses/small/modules/01-keep-moving.md"

# A paragraph about diabetes: its jargon is on no built-in list.
DIABETES = MODULE.replace("Walk a little each day.", """\
Walk a little each day.

Diabetes can harm the nerves and blood vessels in your feet. Your nurse will check your HbA1c, a blood test
that shows your average blood sugar. High sugar can lead to peripheral arterial disease, where less blood
reaches your feet. A small cut can turn into cellulitis, a skin infection. A foot ulcer may need debridement
to clean it. Looking after your feet each day helps to prevent amputation. Amputations are rare.""")

DIABETES_GLOSSARY = """\
diabetes: A long-term condition where the sugar in your blood is too high.
"""

FULL_GLOSSARY = DIABETES_GLOSSARY + """\
HbA1c: A blood test that shows your average blood sugar over the last 2 to 3 months.
peripheral arterial disease: When the blood vessels in your legs get narrow, so less blood reaches your feet.
cellulitis: An infection of the skin and the tissue under it. The skin gets red, hot and swollen.
debridement: Cleaning a wound by taking away dead or infected tissue, so it can heal.
amputation: An operation to remove a part of the body, such as a toe or a foot.
"""


def _found(root: Path) -> list[tuple[str, str, int, str]]:
    return [(d.code, d.loc.path.as_posix(), d.loc.line, d.message.split("”")[0].lstrip("“"))
            for d in run_check(root).diagnostics.sorted() if d.code in ("CK410", "CK411", "CK412")]


def test_the_jargon_of_another_topic_is_reported_at_its_first_use(make_project: ProjectFactory) -> None:
    root = make_project(modules={"01-keep-moving.md": DIABETES}, files={"glossary.yml": DIABETES_GLOSSARY})
    # "arterial" is the rare word of "peripheral arterial disease"; "Amputations" is a later use of "amputation".
    assert _found(root) == [("CK411", M, 19, "HbA1c"), ("CK411", M, 20, "arterial"), ("CK411", M, 21, "cellulitis"),
                            ("CK411", M, 21, "debridement"), ("CK411", M, 22, "amputation")]


def test_the_message_names_the_word_and_both_fixes(make_project: ProjectFactory) -> None:
    root = make_project(modules={"01-keep-moving.md": DIABETES}, files={"glossary.yml": DIABETES_GLOSSARY})
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 0  # a warning
    assert (f"{M}:21:1: warning[CK411]: “cellulitis” is not an everyday word and has no entry in `glossary.yml`\n"
            "  hint: Add `cellulitis: <a plain-language definition>` (or the term it is part of) to "
            "`small/glossary.yml`, or say it in everyday words; if your readers know it, such as a place or a brand, "
            "add it to `checks: allowed_words` in `course.yml`.\n") in result.output
    assert result.output.count("warning[CK411]") == 5
    strict = CliRunner().invoke(cli, ["check", str(root), "--strict"])
    assert strict.exit_code == 1 and f"{M}:20:1: error[CK411]: “arterial”" in strict.output


def test_glossary_terms_and_their_forms_explain_the_words(make_project: ProjectFactory) -> None:
    root = make_project(modules={"01-keep-moving.md": DIABETES}, files={"glossary.yml": FULL_GLOSSARY})
    assert _found(root) == []
    # Upper case and another form of a glossary word are explained too.
    text = DIABETES.replace("prevent amputation.", "prevent AMPUTATIONS.").replace("HbA1c,", "hba1c,")
    assert _found(make_project(modules={"01-keep-moving.md": text}, files={"glossary.yml": FULL_GLOSSARY})) == []


def test_allowed_words_are_not_reported(make_project: ProjectFactory) -> None:
    course_yml = COURSE_YML + "checks:\n  allowed_words: [Cellulitis, HBA1C, peripheral arterial disease]\n"
    root = make_project(modules={"01-keep-moving.md": DIABETES}, course_yml=course_yml,
                        files={"glossary.yml": DIABETES_GLOSSARY})
    assert _found(root) == [("CK411", M, 21, "debridement"), ("CK411", M, 22, "amputation")]


def test_medical_words_need_an_entry_even_when_common(make_project: ProjectFactory) -> None:
    text = MODULE.replace("Walk a little each day.", "Walk a little each day. Change the dressing on your blood sugar days.")
    course_yml = COURSE_YML + "checks:\n  medical_words: [dressing, blood sugar]\n"
    assert _found(make_project(modules={"01-keep-moving.md": text})) == []  # common words: not rare
    root = make_project(modules={"01-keep-moving.md": text}, course_yml=course_yml)
    diagnostics = [d for d in run_check(root).diagnostics.sorted() if d.code == "CK410"]
    assert [(d.loc.line, d.message) for d in diagnostics] == [
        (17, "“dressing” is a medical term with no entry in `glossary.yml`"),
        (17, "“blood sugar” is a medical term with no entry in `glossary.yml`"),
    ]
    assert "Add `dressing: <a plain-language definition>` to `small/glossary.yml`" in diagnostics[0].hint
    defined = make_project(modules={"01-keep-moving.md": text}, course_yml=course_yml,
                           files={"glossary.yml": "dressing: A pad over a wound.\nblood sugar: The sugar in your blood.\n"})
    assert _found(defined) == []


def test_a_language_without_frequencies_is_said_once_and_never_fails(make_project: ProjectFactory) -> None:
    welsh = COURSE_YML.replace("language: en-GB", "language: cy")
    more = MODULE.replace("Keep moving", "More").replace("Walk a little each day.", "Walk a little each day. Avoid cellulitis.")
    root = make_project(modules={"01-keep-moving.md": MODULE, "02-more.md": more}, course_yml=welsh,
                        mkdocs_yml="site_name: Test\nsite_url: https://example.org/small/\n")  # no CK745 under --strict
    assert _found(root) == [("CK412", "courses/small/course.yml", 2, "coursekit has no word frequencies for `language: cy`, "
                             "so rare words (CK411) are not checked in this course")]
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 0
    assert result.output.count("info[CK412]") == 1 and "[CK411]" not in result.output
    # Not a problem, even with --strict (which fails here only on the English labels, CK507).
    strict = CliRunner().invoke(cli, ["check", str(root), "--strict"])
    assert "info[CK412]" in strict.output and strict.output.splitlines()[-1] == "1 error, 0 warnings."
    assert "error[CK507]" in strict.output


@pytest.mark.parametrize(("language", "code"), [("en-GB", "en"), ("en", "en"), ("es", "es"), ("pt-BR", "pt"),
                                                ("no", "nb"), ("cy", None), ("zh-Hant", None), ("ja", None)])
def test_the_course_language_names_wordfreqs_list(language: str, code: str | None) -> None:
    assert wordfreq_language(language) == code


@pytest.fixture(scope="module")
def judge() -> RareWords:
    return RareWords(frequencies("en"), ["A&E", "nerve root"])


@pytest.mark.parametrize("word", ["cellulitis", "Debridement", "amputation", "arterial", "HbA1c", "COPD", "MRI",
                                  "stoma", "post-debridement", "A&K"])
def test_rare_words(judge: RareWords, word: str) -> None:
    assert judge.is_rare(word)


@pytest.mark.parametrize("word", [
    "blister", "zaps", "slurred", "squashed",  # forms of everyday words count with them
    "kerbs", "blotchy",                        # short words: rare in print, plain to read
    "wholemeal", "painkiller",                 # two common words as one
    "NHS", "GP", "UK", "FAST",                 # common abbreviations, and capitals for emphasis
    "A&E", "roots",                            # words of the glossary's terms
    "999", "2nd", "10mg", "example.org", "e.g", "self-care", "COVID-19", "don't", "surgeon's",
])
def test_everyday_words(judge: RareWords, word: str) -> None:
    assert not judge.is_rare(word)


def test_the_sample_course_stays_quiet() -> None:
    result = CliRunner().invoke(cli, ["check", str(REPO), "--strict"])
    assert (result.exit_code, result.output) == (0, "No problems found.\n")
    assert not [d for d in run_check(FIXTURES / "tiered-course", strict=True).diagnostics if d.code in ("CK410", "CK411")]


def test_the_word_list_is_loaded_once_per_process(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    real = word_frequencies._buckets
    monkeypatch.setattr(word_frequencies, "_buckets", lambda code: loads.append(code) or real(code))
    frequencies.cache_clear()
    rare_words._cached_judge.cache_clear()
    root = make_project(modules={"01-keep-moving.md": DIABETES, "02-more.md": DIABETES.replace("Keep moving", "More")},
                        files={"glossary.yml": DIABETES_GLOSSARY})
    first, second = check_files(root), check_files(root)
    assert loads == ["en"]
    assert first.codes().count("CK411") == 10 and first.codes() == second.codes()


def test_the_lists_are_wordfreqs_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import wordfreq

    assert sorted(word_frequencies._word_lists()) == sorted(wordfreq.available_languages("best"))
    assert word_frequencies._buckets("es") == wordfreq.get_frequency_list("es", "best")
    # A data file coursekit cannot read is read through wordfreq's own API instead.
    (tmp_path / "large_es.msgpack.gz").write_bytes(b"not a word list")
    monkeypatch.setattr(word_frequencies, "_word_lists", lambda: {"es": tmp_path / "large_es.msgpack.gz"})
    assert word_frequencies._buckets("es") == wordfreq.get_frequency_list("es", "best")
