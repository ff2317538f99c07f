"""The slides of special blocks: a red-flags alert, an exercise's steps, a quiz and its answer."""

from __future__ import annotations

from toolkit import model as m
from toolkit.labels import Labels
from toolkit.slides.deck_model import Para, Run, SlideKind
from toolkit.slides.draft import Draft, PlanContext, parts
from toolkit.slides.paragraphs import notes_text, plain, runs_of, shown_blocks, slide_paras


# The layout of each urgency tier's slides (a template without one uses "alert": see geometry.LAYOUT_FALLBACKS).
_TIER_LAYOUTS = {"at-once": "alert", "same-day": "alert-same-day", "soon": "alert-soon"}


def red_flags(ctx: PlanContext, block: m.RedFlags) -> list[Draft]:
    """A tier's alert slide (or several): its title, the signs and any lead-in, and its action on every part."""
    words = ctx.course.urgency(block.tier)
    layout = _TIER_LAYOUTS[block.tier]
    groups, own_notes, shown = _contents(ctx, block.blocks)
    notes = shown + own_notes
    action = Para((Run(words.action, bold=True),), 0, "none", loc=block.loc) if words else None
    if words is not None:
        notes.append(words.action)
    frames = ctx.fitter.split(layout, "body", groups + ([[action]] if action else []))
    title = words.title if words else ctx.labels.slides_red_flags_title
    drafts = parts(layout, "red-flags", title, frames, [notes], block.loc)
    if len(drafts) > 1:  # each part's notes: the signs it shows, the block's own notes on the first, then the action
        for i, d in enumerate(drafts):
            shown_here = [p for p in d.frames[0].paras if p is not action]
            d.notes = [*(_notes_line(p) for p in shown_here), *(own_notes if i == 0 else []),
                       *([words.action] if words else [])]
    if action is not None:
        for d in drafts[:-1]:   # every part of a split alert ends with what to do
            d.frames[0] = ctx.fitter.frame(layout, "body", [*d.frames[0].paras, action], loc=block.loc)
    return drafts


def _notes_line(para: Para) -> str:
    """A paragraph of slide text as a line of speaker notes, marked and indented as the slide shows it."""
    mark = "• " if para.marker == "bullet" else f"{para.number}. " if para.marker == "number" else ""
    return "  " * para.level + mark + para.text


def _contents(ctx: PlanContext, blocks: tuple[m.Block, ...]) -> tuple[list[list[Para]], list[str], list[str]]:
    """A block's contents as slide text, its own speaker notes, and the words the slide shows (as notes lines)."""
    groups: list[list[Para]] = []
    notes: list[str] = []
    shown: list[str] = []
    for b in shown_blocks(blocks):
        if isinstance(b, m.Notes):
            notes.extend(t for x in shown_blocks(b.blocks) for t in notes_text(x))
        else:
            groups.extend(slide_paras(b, ctx.labels))
            shown.extend(notes_text(b))
    return groups, notes, shown


def exercise(ctx: PlanContext, block: m.Exercise) -> list[Draft]:
    """A steps slide (or several): every step and every word of the exercise on the slide."""
    groups, own_notes, shown = _contents(ctx, block.blocks)
    frames = ctx.fitter.split("content", "body", groups)
    labels = ctx.labels
    title = labels.exercise_titled.format(title=block.title) if block.title else labels.exercise
    # Without notes of its own, the steps to read out.
    drafts = parts("content", "exercise", title, frames, [own_notes or shown], block.loc)
    if len(drafts) > 1:  # each part's notes: the steps it shows, the exercise's own notes on the first
        for i, d in enumerate(drafts):
            d.notes = [*(_notes_line(p) for p in d.frames[0].paras), *(own_notes if i == 0 else [])]
    return drafts


def quiz(ctx: PlanContext, block: m.Quiz) -> list[Draft]:
    """A question slide, its answer in the notes or on an answer slide after it (the theme's choice)."""
    labels = ctx.labels
    question = Para(runs_of(block.question, bold=True), 0, "none", loc=block.loc)
    options = [Para(runs_of(o.inlines), 0, "letter", 1, loc=o.loc) for o in block.options]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    right = [f"{letters[i % 26]}. {m.plain_text(o.inlines).strip()}" for i, o in enumerate(block.options) if o.correct]
    explanation = [t for b in shown_blocks(block.explanation) for t in notes_text(b) if not isinstance(b, m.Notes)]
    extra_notes = [t for b in shown_blocks(block.explanation) if isinstance(b, m.Notes)
                   for x in shown_blocks(b.blocks) for t in notes_text(x)]
    frame = ctx.fitter.split("quiz", "body", [[question], options])   # an empty group adds nothing
    notes = list(extra_notes)
    answer_line = (labels.slides_answer.format(answer=right[0]) if len(right) == 1
                   else labels.slides_answers.format(answers="; ".join(right)))
    if ctx.quiz_answers == "notes":
        notes = [answer_line, *explanation, *notes]
    else:
        notes = [m.plain_text(block.question).strip(), *notes]
    drafts = parts("quiz", "quiz", quiz_title(labels, "quiz"), frame, [notes], block.loc)
    if ctx.quiz_answers == "next-slide":
        groups = [[Para(plain(answer_line, bold=True), 0, "none", loc=block.loc)],
                  *[[Para(plain(t), 0, "none", loc=block.loc)] for t in explanation]]
        frames = ctx.fitter.split("content", "body", groups)
        drafts.extend(parts("content", "answer", quiz_title(labels, "answer"), frames,
                            [[answer_line, *explanation]] * len(frames), block.loc))
    return drafts


def quiz_title(labels: Labels, kind: SlideKind, number: int | None = None) -> str:
    """A quiz slide's or its answer slide's title, numbered when the module has several quizzes."""
    name = labels.slides_quiz if number is None else f"{labels.slides_quiz} {number}"
    return name if kind == "quiz" else labels.slides_quiz_answer.format(quiz=name)
