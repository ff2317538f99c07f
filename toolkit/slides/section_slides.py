"""The slides of a module's sections: lists, talking points with notes, figures, tables, a list beside its picture."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit import model as m
from toolkit import rules
from toolkit.checks.media import resolve_media
from toolkit.slides.block_slides import exercise, quiz, red_flags
from toolkit.slides.deck_model import Para, PicturePlan
from toolkit.slides.draft import Draft, PlanContext
from toolkit.slides.geometry import SIZES, SPLIT_PT
from toolkit.slides.paragraphs import notes_text, plain, shown_blocks, slide_paras
from toolkit.source import SourceLoc


@dataclass
class _Segment:
    """A run of a section's text and notes, or one special block (figure, table, red flags, exercise, quiz)."""

    groups: list[list[Para]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    special: m.Block | None = None


def section(ctx: PlanContext, module: m.Module, title: str, blocks: tuple[m.Block, ...], loc: SourceLoc) -> list[Draft]:
    """A section's slides: prose to the notes, lists onto slides, special blocks onto slides of their own."""
    segments: list[_Segment] = [_Segment()]
    for block in shown_blocks(blocks):
        current = segments[-1]
        if isinstance(block, m.Paragraph):
            current.notes.extend(notes_text(block))
        elif isinstance(block, m.Notes):
            current.notes.extend(t for b in shown_blocks(block.blocks) for t in notes_text(b))
        elif isinstance(block, (m.Figure, m.Table, m.RedFlags, m.Exercise, m.Quiz)):
            segments.append(_Segment(special=block))
            segments.append(_Segment())
        elif isinstance(block, m.RawBlock):
            continue
        else:
            current.groups.extend(slide_paras(block, ctx.labels))
    drafts: list[Draft] = []
    orphan_notes: list[str] = []
    shared: list[Draft] = []   # slides that carry the section's title and share its numbering
    skip: set[int] = set()
    for at, segment in enumerate(segments):
        if at in skip:
            continue
        following = segments[at + 1].special if at + 1 < len(segments) else None
        # A short list next to its picture (before or after it) shares one slide.
        beside, partner = None, None
        if segment.groups and following is not None:
            partner = segments[at + 1]
            text_segment = segment
        elif isinstance(segment.special, m.Figure) and at + 1 < len(segments) and segments[at + 1].groups:
            partner = segments[at + 1]
            text_segment = partner
        if partner is not None and len(ctx.fitter.notes(orphan_notes + text_segment.notes)) == 1:
            figure = following if text_segment is segment else segment.special
            beside = _beside(ctx, module, title, text_segment.groups, figure)  # type: ignore[arg-type]
        if beside is not None:
            beside.notes = orphan_notes + text_segment.notes
            orphan_notes = []
            skip.add(at + 1)
            drafts.append(beside)
            shared.append(beside)
            continue
        if segment.special is not None:
            made = _special(ctx, module, title, segment.special)
            if not made:
                continue
            made[0].notes[:0] = orphan_notes
            orphan_notes = []
            drafts.extend(made)
            shared.extend(d for d in made if d.kind in ("figure", "table"))
            continue
        if not segment.groups:
            if drafts:
                drafts[-1].notes.extend(segment.notes)
            else:
                orphan_notes.extend(segment.notes)
            continue
        frames = ctx.fitter.split("content", "body", segment.groups)
        pages = ctx.fitter.notes(orphan_notes + segment.notes)
        orphan_notes = []
        made = [Draft("content", "content", title, [f], [], f.paras[0].loc or loc) for f in frames]
        _spread_notes(made, pages, title, loc)
        drafts.extend(made)
        shared.extend(made)
    if orphan_notes or not drafts:
        pages = ctx.fitter.notes(orphan_notes)
        made = [Draft("section", "content", title, [], [], loc)]
        _spread_notes(made, pages, title, loc)
        drafts[:0] = made
        shared[:0] = made
    # Notes that arrived after a special slide may overflow its notes page; give them slides of their own.
    shared_ids = {id(d) for d in shared}
    final: list[Draft] = []
    for draft in drafts:
        pages = ctx.fitter.notes(draft.notes)
        draft.notes = list(pages[0])
        final.append(draft)
        for page in pages[1:]:
            extra = Draft("section", "content", title, [], list(page), draft.loc)
            final.append(extra)
            shared_ids.add(id(extra))
    drafts = final
    shared = [d for d in drafts if id(d) in shared_ids]
    if len(shared) > 1:
        for i, d in enumerate(shared, 1):
            d.part = (i, len(shared))
    for d in shared:
        d.title_loc = loc
    return drafts


def _spread_notes(made: list[Draft], pages: list[tuple[str, ...]], title: str, loc: SourceLoc) -> None:
    """Give each slide a page of notes; add note-only slides when the notes run longer than the slides."""
    for i, page in enumerate(pages):
        if i < len(made):
            made[i].notes = list(page)
        else:  # a talking point: the title large on the slide, the words in the notes
            made.append(Draft("section", "content", title, [], list(page), loc))


def _special(ctx: PlanContext, module: m.Module, title: str, block: m.Block) -> list[Draft]:
    """The slides of a block that never shares a slide with a list (except a figure, beside a short one)."""
    if isinstance(block, m.Figure):
        return _figure(ctx, module, title, block)
    if isinstance(block, m.Table):
        return _table(ctx, title, block)
    if isinstance(block, m.RedFlags):
        return red_flags(ctx, block)
    if isinstance(block, m.Exercise):
        return exercise(ctx, block)
    if isinstance(block, m.Quiz):
        return quiz(ctx, block)
    raise AssertionError(block)


def _table(ctx: PlanContext, title: str, block: m.Table) -> list[Draft]:
    """A table in as many slides as it needs, short rows padded to the header's width."""
    header = tuple(m.plain_text(c).strip() for c in block.header)
    rows = [tuple(m.plain_text(c).strip() for c in row) + ("",) * (len(header) - len(row)) for row in block.rows]
    tables = ctx.fitter.table("content", "body", header, [r[:len(header)] for r in rows], block.loc)
    return [Draft("content", "table", title, [], [], block.loc, table=t) for t in tables]


def _picture_path(ctx: PlanContext, module: m.Module, image: m.Image) -> Path | None:
    """The PNG or JPEG a figure shows on a slide, or None; each problem is reported once, however many decks plan it."""
    if image.loc in ctx.picture_paths:
        return ctx.picture_paths[image.loc]
    path, _ = resolve_media(ctx.course, module, image.src, image.loc)  # the checks report a bad path
    if path is not None and path.suffix.lower() == ".svg":
        png = path.with_suffix(".png")
        if png.is_file() and png.resolve().is_relative_to(ctx.course.folder.resolve()):
            path = png.resolve()
        else:
            ctx.diagnostics.append(rules.SLIDES_SVG.at(
                image.loc, f"`{image.src}` is an SVG, which slides cannot show, and there is no `{png.name}` beside it"))
            path = None
    if path is not None and not _readable(ctx, path, image):
        path = None
    ctx.picture_paths[image.loc] = path
    return path


def _figure(ctx: PlanContext, module: m.Module, title: str, block: m.Figure) -> list[Draft]:
    """A picture slide with its caption, or none when the picture cannot be shown."""
    image = block.image
    path = _picture_path(ctx, module, image)
    if path is None:  # the slide is left out
        return []
    caption = image.title or image.alt
    frame = ctx.fitter.frame("picture", "caption", [Para(plain(caption), 0, "none", loc=image.loc)], loc=image.loc)
    return [Draft("picture", "figure", title, [frame], [], block.loc,
                  pictures=[PicturePlan("picture", path, image.alt.strip(), None, image.loc)])]


def _beside(ctx: PlanContext, module: m.Module, title: str, groups: list[list[Para]], block: m.Block) -> Draft | None:
    """A short list and the picture after it, side by side on one slide, when both fit well."""
    if not isinstance(block, m.Figure) or ctx.geometry.box("two-content", "left") is None:
        return None
    image = block.image
    caption = Para(plain(image.title or image.alt, italic=True), 0, "none", loc=image.loc)
    paras = [p for g in groups for p in g] + [caption]
    frame = ctx.fitter.frame("two-content", "left", paras, sizes=(SIZES["left"][0], SPLIT_PT), report=False)
    if not frame.fits:  # too long to sit beside a picture: the list and the picture get slides of their own
        return None
    path = _picture_path(ctx, module, image)
    if path is None:
        return None
    return Draft("two-content", "content", title, [frame], [], paras[0].loc or block.loc,
                 pictures=[PicturePlan("right", path, image.alt.strip(), None, image.loc)])


def _readable(ctx: PlanContext, path: Path, image: m.Image) -> bool:
    """Whether a picture file really is a PNG or JPEG; reported once per picture, however many decks show it."""
    if path not in ctx.readable:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as picture:
                ok = picture.format in ("PNG", "JPEG") and picture.width > 0 and picture.height > 0
                picture.verify()
            error = "" if ok else "it is not a PNG or JPEG file"
        except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as problem:
            error = type(problem).__name__
        ctx.readable[path] = not error
        if error:
            ctx.diagnostics.append(rules.SLIDES_IMAGE_UNREADABLE.at(
                image.loc, f"`{path.name}` cannot be read as a picture ({error})"))
    return ctx.readable[path]
