"""Jargon: listed medical terms need a glossary entry; renderers find each glossary term's first use."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, ProjectFactory
from toolkit.check import run_check
from toolkit.loader import load_project
from toolkit.model import GlossaryEntry, ListBlock, Paragraph
from toolkit.plain_language.terms import TermMatcher, first_uses, medical_terms
from toolkit.source import SourceLoc

M = "courses/numb-legs/modules/01-why-your-leg-feels-numb.md"


def entry(term: str, *also: str) -> GlossaryEntry:
    return GlossaryEntry(term, "A definition.", also, SourceLoc(Path("glossary.yml"), 1))


def test_undefined_jargon_is_an_error_at_its_first_use() -> None:
    diagnostics = run_check(FIXTURES / "jargon-undefined").diagnostics.sorted()
    assert [(d.code, d.loc.path.as_posix(), d.loc.line, d.severity.value) for d in diagnostics] == [
        ("CK410", M, 19, "error"), ("CK410", M, 19, "error")]
    assert sorted(d.message for d in diagnostics) == [
        "“MRI” is a medical term with no entry in `glossary.yml`",
        "“radiculopathy” is a medical term with no entry in `glossary.yml`",
    ]
    assert any("Add `radiculopathy: <a plain-language definition>`" in d.hint for d in diagnostics)


def test_the_shipped_list() -> None:
    terms = medical_terms()
    assert len(terms) >= 150
    assert {"lumbar", "sciatica", "radiculopathy", "neuropathy", "cauda equina", "microdiscectomy", "laminectomy",
            "NSAID", "MRI"} <= set(terms)
    # Everyday words stay off the list.
    assert not {"back", "leg", "nerve", "bladder", "pain", "spine"} & {t.lower() for t in terms}


def test_whole_words_any_case_plurals_and_the_longest_match() -> None:
    matcher = TermMatcher([entry("nerve root", "root of a nerve")], ["neuropathy", "cauda equina", "cauda equina syndrome"])
    text = "Two Nerve  Roots, neuropathies, CAUDA EQUINA syndrome, a root of a nerve; nerve rooting and preneuropathy."
    assert [(m.text, m.term, m.entry is not None) for m in matcher.finditer(text)] == [
        ("Nerve  Roots", "nerve root", True),
        ("neuropathies", "neuropathy", False),
        ("CAUDA EQUINA syndrome", "cauda equina syndrome", False),
        ("root of a nerve", "nerve root", True),
    ]


def test_a_glossary_entry_or_its_also_forms_define_a_listed_term(make_project: ProjectFactory) -> None:
    from tests.conftest import MODULE

    text = MODULE.replace("Walk a little each day.", "Walk a little each day. Sciatica and sciatic pain can ease.")
    root = make_project(modules={"01-keep-moving.md": text},
                        files={"glossary.yml": "sciatica:\n  definition: Leg pain from a pressed nerve.\n  also: [sciatic pain]\n"})
    assert [d.code for d in run_check(root).diagnostics] == []
    bare = make_project(modules={"01-keep-moving.md": text}, files={"glossary.yml": "nerve: A cord.\n"})
    # "sciatic" is not on the list, but it is rare in everyday English (CK411).
    assert [(d.code, d.loc.line, d.message[:10]) for d in run_check(bare).diagnostics] == [
        ("CK410", 17, "“Sciatica”"), ("CK411", 17, "“sciatic” ")]


def test_first_uses_for_renderers(make_project: ProjectFactory) -> None:
    root = make_project(modules={"01-keep-moving.md": """\
        ---
        title: Sciatica and you
        summary: Sciatica often gets better.
        duration: 10
        sources:
          - title: NICE NG59
        ---

        ## When a nerve root is pressed

        Your back is strong.
        A pressed NERVE ROOT can cause
        sciatica in your leg.

        - Sciatica can last weeks.

        ::: red-flags at-once
        - You cannot pee
        :::
        """}, files={"glossary.yml": "sciatica: Leg pain from a pressed nerve.\nnerve root:\n  definition: Where a nerve leaves the spine.\n  also: [nerve roots]\n"})
    project, _ = load_project(root)
    course = project.courses[0]
    (module,) = course.modules
    uses = first_uses(module, course.glossary)
    assert sorted(uses) == ["nerve root", "sciatica"]
    root_use, sciatica = uses["nerve root"], uses["sciatica"]
    # The title, summary and headings are skipped: the first use in a sentence of the body.
    assert (root_use.text, root_use.loc.line, isinstance(root_use.block, Paragraph)) == ("NERVE ROOT", 12, True)
    assert (sciatica.text, sciatica.loc.line, sciatica.block is root_use.block) == ("sciatica", 13, True)
    assert sciatica.unit.text[sciatica.start:sciatica.end] == "sciatica"
    with_front = first_uses(module, course.glossary, include_front_matter=True, include_headings=True)
    assert (with_front["sciatica"].loc.line, with_front["nerve root"].loc.line) == (2, 9)
    assert not isinstance(uses["sciatica"].block, ListBlock)
