"""The slides of special blocks: a red-flags alert, an exercise's steps, a quiz and its answer."""

from __future__ import annotations

from toolkit import model as m
from toolkit.labels import Labels
from toolkit.slides.deck_model import Para, Run, SlideKind
from toolkit.slides.draft import Draft, PlanContext, parts
from toolkit.slides.paragraphs import notes_text, plain, runs_of, shown_blocks, slide_paras


def red_flags(ctx: PlanContext, block: m.RedFlags) -> list[Draft]:
    """An alert slide (or several), each ending with the emergency line."""
    inner = list(shown_blocks(block.blocks))
    has_list = any(isinstance(b, m.ListBlock) for b in inner)
    groups: list[list[Para]] = []
    notes: list[str] = []
    for b in inner:
        if isinstance(b, m.Paragraph) and has_list:
            notes.extend(notes_text(b))
        elif isinstance(b, m.Notes):
            notes.extend(t for x in shown_blocks(b.blocks) for t in notes_text(x))
        else:
            groups.extend(slide_paras(b, ctx.labels))
    emergency = _emergency_para(ctx)
    if emergency is not None:
        groups.append([emergency])
    frames = ctx.fitter.split("alert", "body", groups)
    drafts = parts("alert", "red-flags", ctx.labels.slides_red_flags_title, frames, [notes], block.loc)
    if emergency is not None:
        for d in drafts[:-1]:   # every part of a split alert ends with what to do
            f = d.frames[0]
            d.frames[0] = ctx.fitter.frame("alert", "body", [*f.paras, emergency], loc=block.loc)
    return drafts


def _emergency_para(ctx: PlanContext) -> Para | None:
    emergency = ctx.course.meta.emergency or ctx.course.theme.meta.emergency
    if emergency is None:
        return None
    return Para((Run(f"{emergency.text}", bold=True),), 0, "none")


def exercise(ctx: PlanContext, block: m.Exercise) -> list[Draft]:
    groups: list[list[Para]] = []
    notes: list[str] = []
    for b in shown_blocks(block.blocks):
        if isinstance(b, m.Notes):
            notes.extend(t for x in shown_blocks(b.blocks) for t in notes_text(x))
        else:
            groups.extend(slide_paras(b, ctx.labels))
    frames = ctx.fitter.split("content", "body", groups)
    labels = ctx.labels
    title = labels.exercise_titled.format(title=block.title) if block.title else labels.exercise
    return parts("content", "exercise", title, frames, [notes], block.loc)


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
    frame = ctx.fitter.split("quiz", "body", [[question], options] if options else [[question]])
    notes = list(extra_notes)
    answer_line = (labels.slides_answer.format(answer=right[0]) if len(right) == 1
                   else labels.slides_answers.format(answers="; ".join(right)))
    if ctx.quiz_answers == "notes":
        notes = [answer_line, *explanation, *notes]
    drafts = parts("quiz", "quiz", quiz_title(labels, "quiz"), frame, [notes], block.loc)
    if ctx.quiz_answers == "next-slide":
        groups = [[Para(plain(answer_line, bold=True), 0, "none", loc=block.loc)],
                  *[[Para(plain(t), 0, "none", loc=block.loc)] for t in explanation]]
        frames = ctx.fitter.split("content", "body", groups)
        drafts.extend(parts("content", "answer", quiz_title(labels, "answer"), frames, [], block.loc))
    return drafts


def quiz_title(labels: Labels, kind: SlideKind, number: int | None = None) -> str:
    """A quiz slide's or its answer slide's title, numbered when the module has several quizzes."""
    name = labels.slides_quiz if number is None else f"{labels.slides_quiz} {number}"
    return name if kind == "quiz" else labels.slides_quiz_answer.format(quiz=name)
