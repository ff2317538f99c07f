"""Images: each must be a real picture file inside its course, with alt text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.source import SourceLoc
from toolkit.model import Course, Image, Module, Project, block_inlines, walk_blocks, walk_inlines

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg"}


def module_images(module: Module) -> Iterator[Image]:
    """Every image in a module, in reading order."""
    for block in walk_blocks(tuple(module.blocks())):
        for run in block_inlines(block):
            for inline in walk_inlines(run):
                if isinstance(inline, Image):
                    yield inline


def resolve_media(course: Course, module: Module, src: str, loc: SourceLoc) -> tuple[Path | None, Diagnostic | None]:
    """The file an image path names, if it is a safe, existing picture inside the course."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//"):
        return None, rules.PATH_URL.at(loc, f"`{src}` is a web address or URL")
    raw = unquote(parts.path)
    if raw.startswith("/") or raw.startswith("\\") or PurePosixPath(raw).is_absolute() or (len(raw) > 1 and raw[1] == ":"):
        return None, rules.PATH_ABSOLUTE.at(loc, f"`{src}` is an absolute path")
    course_root = course.folder.resolve()
    joined = Path(os.path.normpath(module.path.parent / raw))
    if not joined.is_relative_to(course.folder):
        return None, rules.PATH_ESCAPES.at(loc, f"`{src}` leads outside the course folder")
    if joined.suffix.lower() not in IMAGE_SUFFIXES:
        return None, rules.IMAGE_FORMAT.at(loc, f"`{src}` is not a PNG, JPEG or SVG file")
    if not os.path.lexists(joined):
        return None, rules.IMAGE_MISSING.at(loc, f"`{src}` does not exist")
    resolved = joined.resolve()
    if not resolved.is_relative_to(course_root):
        return None, rules.PATH_ESCAPES.at(loc, f"`{src}` is a link that leads outside the course folder")
    if not resolved.is_file():
        return None, rules.PATH_NOT_REGULAR.at(loc, f"`{src}` is not an ordinary file")
    return resolved, None


def check_course(course: Course, project: Project) -> Iterator[Diagnostic]:
    for module in course.modules:
        for image in module_images(module):
            _, problem = resolve_media(course, module, image.src, image.loc)
            if problem is not None:
                yield problem
            alt = image.alt.strip()
            if not alt:
                yield rules.IMAGE_NO_ALT.at(image.loc, f"`{image.src}` has no alt text")
            elif alt.lower() in {Path(image.src).name.lower(), Path(image.src).stem.lower()}:
                yield rules.ALT_IS_FILE_NAME.at(image.loc, f"the alt text of `{image.src}` is its file name")
