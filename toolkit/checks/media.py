"""Images: each must be a real picture file inside its course, with alt text."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from toolkit import rules
from toolkit.diagnostics import Diagnostic
from toolkit.limits import Limits
from toolkit.source import SourceLoc
from toolkit.model import Course, Image, Module, block_inlines, walk_blocks, walk_inlines

if TYPE_CHECKING:
    from toolkit.checks import ModuleFindings
    from toolkit.plain_language.analysis import ModuleAnalysis

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
    return resolve_picture(course.folder, module.path.parent, src, loc,
                           lambda raw: _from_course_folder(course, module, raw))


def resolve_picture(course_folder: Path, base: Path, src: str, loc: SourceLoc,
                    missing_hint: Callable[[str], str | None] = lambda raw: None) -> tuple[Path | None, Diagnostic | None]:
    """The file ``src`` names from the folder ``base``, if it is a safe, existing picture inside the course."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//"):
        return None, rules.PATH_URL.at(loc, f"`{src}` is a web address or URL")
    raw = unquote(parts.path)
    if raw.startswith("/") or raw.startswith("\\") or PurePosixPath(raw).is_absolute() or (len(raw) > 1 and raw[1] == ":"):
        return None, rules.PATH_ABSOLUTE.at(loc, f"`{src}` is an absolute path")
    course_root = course_folder.resolve()
    joined = Path(os.path.normpath(base / raw))
    if not joined.is_relative_to(course_folder):
        return None, rules.PATH_ESCAPES.at(loc, f"`{src}` leads outside the course folder")
    if joined.suffix.lower() not in IMAGE_SUFFIXES:
        return None, rules.IMAGE_FORMAT.at(loc, f"`{src}` is not a PNG, JPEG or SVG file")
    if not os.path.lexists(joined):
        return None, rules.IMAGE_MISSING.at(loc, f"`{src}` does not exist", missing_hint(raw))
    resolved = joined.resolve()
    if not resolved.is_relative_to(course_root):
        return None, rules.PATH_ESCAPES.at(loc, f"`{src}` is a link that leads outside the course folder")
    if not resolved.is_file():
        return None, rules.PATH_NOT_REGULAR.at(loc, f"`{src}` is not an ordinary file")
    return resolved, None


def _from_course_folder(course: Course, module: Module, raw: str) -> str | None:
    """The fix when the path names a file from the course folder (`media/x.png`) rather than from the module's."""
    meant = Path(os.path.normpath(course.folder / raw))
    if not meant.is_relative_to(course.folder) or not meant.resolve().is_relative_to(course.folder.resolve()) or not meant.is_file():
        return None
    written = Path(os.path.relpath(meant, module.path.parent)).as_posix()
    return f"`{raw}` is in the course folder, and paths start from the module's folder: write `{written}`."


# What each file name promises, as Pillow names the format.
_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_SVG_FORBIDDEN = re.compile(r"<!DOCTYPE|<!ENTITY|<script|<foreignObject|\bon[a-z]+\s*=", re.IGNORECASE)
_SVG_REFERENCE = re.compile(r"""(?:href|src)\s*=\s*["']\s*(?!#|data:image/)([^"']*)["']|url\(\s*["']?(?!#)([^)"']+)""", re.IGNORECASE)


def inspect_image(path: Path, src: str, limits: Limits, loc: SourceLoc) -> list[Diagnostic]:
    """Problems with an image file itself: too large, damaged, not what its name says, or unsafe SVG."""
    size = path.stat().st_size
    if size > limits.image_bytes:
        return [rules.IMAGE_TOO_MANY_BYTES.at(loc, f"`{src}` is {size / 1048576:.1f} MB; the limit is {limits.image_bytes / 1048576:.1f} MB")]
    if path.suffix.lower() == ".svg":
        return _inspect_svg(path, src, loc)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:  # reads the header only
            width, height = picture.size
            kind = picture.format
            if width * height > limits.image_pixels:
                return [rules.IMAGE_TOO_MANY_PIXELS.at(loc, f"`{src}` is {width} × {height} pixels; the limit is {limits.image_pixels:,} pixels")]
            if kind != _FORMATS[path.suffix.lower()]:
                return [rules.IMAGE_UNREADABLE.at(loc, f"`{src}` is named {path.suffix} but holds a {kind} image")]
            picture.verify()  # decodes nothing, but walks the chunks and their checksums
    except Image.DecompressionBombError:
        return [rules.IMAGE_TOO_MANY_PIXELS.at(loc, f"`{src}` has far more pixels than the limit of {limits.image_pixels:,}")]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        return [rules.IMAGE_UNREADABLE.at(loc, f"`{src}` cannot be read as an image ({error})")]
    return []


def _inspect_svg(path: Path, src: str, loc: SourceLoc) -> list[Diagnostic]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [rules.IMAGE_UNREADABLE.at(loc, f"`{src}` is not UTF-8 SVG text")]
    if match := _SVG_FORBIDDEN.search(text):
        return [rules.SVG_UNSAFE.at(loc, f"`{src}` contains `{match.group()}`")]
    if match := _SVG_REFERENCE.search(text):
        return [rules.SVG_UNSAFE.at(loc, f"`{src}` refers to `{match.group(1) or match.group(2)}`")]
    return []


@dataclass(frozen=True)
class ImageFile:
    """A picture file a module shows at ``loc``, to be inspected once per course."""

    path: Path
    src: str
    loc: SourceLoc


def module_findings(course: Course, analysis: ModuleAnalysis) -> list[object]:
    """Each image's path and alt text; the files themselves are left to the course (ImageFile)."""
    module = analysis.module
    found: list[object] = []
    for image in module_images(module):
        path, problem = resolve_media(course, module, image.src, image.loc)
        if problem is not None:
            found.append(problem)
        elif path is not None:
            found.append(ImageFile(path, image.src, image.loc))
        alt = image.alt.strip()
        if not alt:
            found.append(rules.IMAGE_NO_ALT.at(image.loc, f"`{image.src}` has no alt text"))
        elif alt.lower() in {Path(image.src).name.lower(), Path(image.src).stem.lower()}:
            found.append(rules.ALT_IS_FILE_NAME.at(image.loc, f"the alt text of `{image.src}` is its file name"))
    return found


def course_findings(course: Course, modules: Sequence[ModuleFindings]) -> Iterator[Diagnostic]:
    """Each module's findings, each picture file inspected once (where the course first shows it)."""
    inspected: dict[Path, list[Diagnostic]] = {}
    for findings in modules:
        for found in findings.found["media"]:
            if isinstance(found, ImageFile):
                if found.path not in inspected:
                    inspected[found.path] = inspect_image(found.path, found.src, course.limits, found.loc)
                yield from inspected[found.path]
            else:
                yield found  # type: ignore[misc]
