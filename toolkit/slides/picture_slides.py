"""The slides of pictures: a figure with its caption, and a short list beside the picture it introduces."""

from __future__ import annotations

from pathlib import Path

from toolkit import model as m
from toolkit import rules
from toolkit.checks.media import resolve_media
from toolkit.slides.deck_model import Para, PicturePlan
from toolkit.slides.draft import Draft, PlanContext
from toolkit.slides.geometry import SIZES, SPLIT_PT
from toolkit.slides.paragraphs import plain


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


def figure(ctx: PlanContext, module: m.Module, title: str, block: m.Figure) -> list[Draft]:
    """A picture slide with its caption, or none when the picture cannot be shown."""
    image = block.image
    path = _picture_path(ctx, module, image)
    if path is None:  # the slide is left out
        return []
    caption = image.title or image.alt
    frame = ctx.fitter.frame("picture", "caption", [Para(plain(caption), 0, "none", loc=image.loc)], loc=image.loc)
    return [Draft("picture", "figure", title, [frame], [caption], block.loc,
                  pictures=[PicturePlan("picture", path, image.alt.strip(), None, image.loc)])]


def beside(ctx: PlanContext, module: m.Module, title: str, groups: list[list[Para]], block: m.Block) -> Draft | None:
    """A short list and the picture after it, side by side on one slide, when both fit well."""
    if not isinstance(block, m.Figure) or ctx.geometry.box("two-content", "left") is None:
        return None
    image = block.image
    caption = Para(plain(image.title or image.alt, italic=True), 0, "none", loc=image.loc)
    paras = [p for g in groups for p in g] + [caption]
    frame = ctx.fitter.frame("two-content", "left", paras, sizes=(SIZES["left"][0], SPLIT_PT - 4), report=False)
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
