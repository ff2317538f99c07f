"""The decks carry the message: read back from the .pptx, every urgent action is on a slide, headings keep their
content, only dividers are title-only, and every slide's notes come from what that slide shows.

Run on every sample course in courses/ and on a course about another topic (tests/fixtures/tiered-course), so
nothing here is tuned to one course.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from tests.conftest import FIXTURES, REPO, SAMPLE_COURSES, ProjectFactory
from tests.slides_support import build, load_course
from toolkit import model as m
from toolkit.slides import build_decks
from toolkit.warning_signs import module_red_flags

COURSES = {
    **{course_id: (REPO, course_id) for course_id in SAMPLE_COURSES},
    "head-injury-at-home": (FIXTURES / "tiered-course", "head-injury-at-home"),
}
FOOTER_TYPES = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
# An urgent action: a sentence (or its clause after a comma or colon) that tells people to call or go for help.
URGENT = re.compile(r"(^|[,;:]\s*)(call|ring|phone|dial|go|get|tell|contact|see)\b.*"
                    r"\b(999|111|112|911|A&E|emergency department|surgical team|care team|clinic|GP)\b", re.IGNORECASE)
TIER_LAYOUTS = {"at-once": "Alert", "same-day": "Alert Same Day", "soon": "Alert Soon"}


def flat(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", flat(text)) if s]


class SlideText:
    """One slide as the group and the presenter see it."""

    def __init__(self, slide) -> None:  # type: ignore[no-untyped-def]
        self.layout = slide.slide_layout.name
        self.title = ""
        self.bodies: list[list[tuple[str, bool]]] = []   # each text shape's paragraphs: (text, all bold)
        self.pictures = 0
        self.tables = 0
        for shape in slide.shapes:
            kind = shape.placeholder_format.type if shape.is_placeholder else None
            if kind in FOOTER_TYPES:
                continue
            if kind in TITLE_TYPES:
                self.title = flat(shape.text_frame.text)
            elif shape.has_text_frame:
                paras = [(flat("".join(r.text for r in p.runs)), bool(p.runs) and all(r.font.bold for r in p.runs if r.text.strip()))
                         for p in shape.text_frame.paragraphs]
                self.bodies.append([p for p in paras if p[0]])
            if getattr(shape, "shape_type", None) == 13 or shape.__class__.__name__ in ("Picture", "PlaceholderPicture"):
                self.pictures += 1
            if getattr(shape, "has_table", False) and shape.has_table:
                self.tables += 1
        self.notes = flat(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""

    @property
    def text(self) -> str:
        return " ".join(t for body in self.bodies for t, _ in body)


@pytest.fixture(scope="module", params=list(COURSES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[m.Course, dict[str, list[SlideText]]]:
    root, course_id = COURSES[request.param]
    course = load_course(root, course_id)
    out = tmp_path_factory.mktemp(f"decks-{request.param}")
    decks = {path.stem: [SlideText(s) for s in Presentation(str(path)).slides] for path in build(course, out)}
    assert set(decks) == {"workshop", *(mod.id for mod in course.modules)}
    return course, decks


def learner_paragraphs(blocks) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of every paragraph a learner reads (list items, callouts and red flags too; not notes or quizzes)."""
    def hidden(block: m.Block) -> bool:
        return isinstance(block, (m.Notes, m.Quiz)) or (isinstance(block, m.Only) and "slides" not in block.outputs)

    return [flat(m.plain_text(b.inlines)) for b in m.walk_blocks(tuple(blocks), skip=hidden) if isinstance(b, m.Paragraph)]


def module_slides(decks: dict[str, list[SlideText]], module: m.Module) -> list[list[SlideText]]:
    """The module's own deck, and its slides in the workshop deck (from its divider to the next)."""
    workshop = decks["workshop"]
    starts = [i for i, s in enumerate(workshop) if s.layout == "Section"]
    dividers = dict(zip((s.title for s in (workshop[i] for i in starts)), starts))
    start = dividers[flat(module.meta.title)]
    end = next((i for i in starts if i > start), len(workshop))
    return [decks[module.id], workshop[start:end]]


def test_every_urgent_action_in_the_source_is_on_a_slide(built) -> None:  # type: ignore[no-untyped-def]
    course, decks = built
    checked = 0
    for module in course.modules:
        urgent = [s for p in learner_paragraphs(tuple(module.blocks())) for s in sentences(p) if URGENT.search(s)]
        for block in module_red_flags(module, "slides"):
            words = course.urgency(block.tier)
            assert words is not None
            urgent += [flat(words.action)]
        for slides in module_slides(decks, module):
            shown = " ".join(s.text for s in slides)
            for sentence in urgent:
                assert sentence in shown, (module.id, sentence)
                checked += 1
    assert checked > 10


def test_each_tier_has_its_own_alert_slide_with_its_title_and_action(built) -> None:  # type: ignore[no-untyped-def]
    course, decks = built
    tiers = set()
    for module in course.modules:
        for block in module_red_flags(module, "slides"):
            words = course.urgency(block.tier)
            assert words is not None
            alerts = [s for s in decks[module.id] if s.layout == TIER_LAYOUTS[block.tier] and words.title in s.title]
            assert alerts, (module.id, block.tier)
            assert all(s.text.endswith(flat(words.action)) for s in alerts), (module.id, block.tier)
            tiers.add(block.tier)
    assert len(tiers) >= 2


def test_no_heading_is_left_without_its_content(built) -> None:  # type: ignore[no-untyped-def]
    course, decks = built
    headings = {flat(m.plain_text(b.inlines)) for mod in course.modules for b in m.walk_blocks(tuple(mod.blocks()))
                if isinstance(b, m.Heading)}
    assert headings
    seen = 0
    for name, slides in decks.items():
        for number, slide in enumerate(slides, 1):
            for body in slide.bodies:
                for at, (text, bold) in enumerate(body):
                    if bold and text in headings:
                        seen += 1
                        assert at + 1 < len(body), (name, number, text)
    assert seen >= len(headings)


def test_only_dividers_are_title_only(built) -> None:  # type: ignore[no-untyped-def]
    course, decks = built
    for name, slides in decks.items():
        for number, slide in enumerate(slides, 1):
            assert slide.title, (name, number)
            # Even a divider says what comes next (its module, time and clock), so no slide is a title alone.
            assert slide.text or slide.pictures or slide.tables, (name, number, slide.title)


def test_every_slide_has_notes_from_what_it_shows(built) -> None:  # type: ignore[no-untyped-def]
    course, decks = built
    for module in course.modules:
        paragraphs = learner_paragraphs(tuple(module.blocks()))
        slides = decks[module.id]
        labels = course.labels
        for number, slide in enumerate(slides, 1):
            assert slide.notes, (module.id, number, slide.title)
            if slide.layout not in ("Title and Content", "Two Content") or slide.title.startswith(
                    (labels.key_points, labels.what_you_will_learn)):  # those come from the front matter
                continue
            for body in slide.bodies:
                for text, bold in body:
                    # The paragraph a slide line was taken from is, whole, in that slide's notes.
                    sources = [p for p in paragraphs if len(text) > 20 and p.startswith(text[:40])]
                    if sources and not bold:
                        assert any(p in slide.notes for p in sources), (module.id, number, text)
        # Notes follow the source's order: each slide's notes start no earlier than the last slide's did.
        whole = flat(" ".join(paragraphs))
        starts = [whole.find(s.notes[:40]) for s in slides if s.notes and whole.find(s.notes[:40]) >= 0]
        assert starts == sorted(starts), module.id


def test_the_timing_plan_goes_with_the_slide_that_opens_the_module(built) -> None:  # type: ignore[no-untyped-def]
    course, decks = built
    opened = 0
    for module in course.modules:
        plans = [flat(m.plain_text(b.blocks[0].inlines)) for b in module.intro
                 if isinstance(b, m.Notes) and b.blocks and isinstance(b.blocks[0], m.Paragraph)]
        if not plans:
            continue
        opened += 1
        own, workshop = module_slides(decks, module)
        assert own[0].notes.startswith(plans[0]), module.id
        assert plans[0] in workshop[0].notes, module.id
        assert all(plans[0] not in s.notes for s in own[1:]), module.id
    assert opened


def test_a_module_with_more_slides_than_minutes_is_warned_at_its_duration(make_project: ProjectFactory,
                                                                           tmp_path: Path) -> None:
    long = "".join(f"## Part {n}\n\nWalk a little each day.\n\n- one\n- two\n\n" for n in range(1, 7))
    text = ("---\ntitle: Keep moving\nsummary: Moving a little each day helps you.\nduration: 3\n"
            "sources:\n  - title: NICE NG59\n---\n\n" + long + "::: red-flags at-once\n- You cannot pee\n:::\n")
    course = load_course(make_project(modules={"01-keep-moving.md": text}))
    found = build_decks(course, tmp_path / "out")
    (warning,) = [d for d in found if d.code == "CK748"]
    assert (warning.loc.path.as_posix(), warning.loc.line) == ("courses/small/modules/01-keep-moving.md", 4)
    assert warning.message.startswith("`01-keep-moving.md` makes ") and warning.message.endswith("for `duration: 3`")
