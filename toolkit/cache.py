"""The incremental build's cache: each document's bytes, kept under the sha256 of everything it is made from.

The cache lives inside the output folder, ``<out>/.coursekit-cache/<output>/<key>.pdf`` (or ``.pptx``),
so it is staged and swapped with the build. It holds output bytes only, never anything that is
loaded as code. A build reads the previous build's entries and keeps, in the stage, only the
entries it used or made; an output not built this time keeps its entries as they were.

A key covers the module file's bytes, the media it shows, the glossary, course.yml, every file
of the theme folder, coursekit's version and its libraries' (and the font subsetter WeasyPrint
uses), the source date, the paper size and the kind of document, and also the document's own
plan (the composed HTML of a handout, the slide plan of a deck), so what a document takes from
other modules (borrowed warning signs, link targets, the site's addresses) is covered too. Only
documents made without an error or a warning are cached (information, such as a note about the
computer, does not count), so a rebuild reports the same findings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

import toolkit

if TYPE_CHECKING:
    from toolkit.model import Course, Module

CACHE_FOLDER = ".coursekit-cache"


class Unkeyable(Exception):
    """A plan holds something the fingerprint cannot describe; that document is simply not cached."""


def file_digest(path: Path) -> str:
    """The sha256 of a regular file's bytes; a symbolic link or anything else is described, never followed or opened."""
    try:
        info = path.lstat()
    except OSError:
        return "missing"
    if stat.S_ISLNK(info.st_mode):
        return "link:" + os.readlink(path)
    if not stat.S_ISREG(info.st_mode):
        return "not-a-file"
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def folder_digest(folder: Path, *, keep: Callable[[Path], bool] = lambda path: True,
                  describe: Callable[[Path], str] = file_digest) -> str:
    """Every entry under ``folder`` that ``keep`` lets through: its name and what ``describe`` says of it
    (by default its bytes). Symbolic links are described, never followed."""
    digest = hashlib.sha256()
    for top, dirs, files in os.walk(folder):  # os.walk does not follow links to folders
        here = Path(top)
        dirs[:] = sorted(d for d in dirs if keep(here / d))
        for name in sorted([f for f in files if keep(here / f)] + [d for d in dirs if (here / d).is_symlink()]):
            path = here / name
            digest.update(f"{path.relative_to(folder).as_posix()}\0{describe(path)}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def course_digest(course: Course, *, source_date: dt.datetime, paper: str | None) -> str:
    """What every document of a course depends on: course.yml, the glossary, the theme, the version, date and paper."""
    from toolkit.handouts.fonts import font_folder

    parts = [
        f"coursekit {toolkit.__version__}",
        f"date {source_date.isoformat()}",
        f"paper {paper}",
        f"course.yml {file_digest(course.folder / 'course.yml')}",
        f"glossary.yml {file_digest(course.folder / 'glossary.yml')}",
        f"theme {course.theme.name} {folder_digest(course.theme.folder)}",
    ]
    parts += [f"{name} {_version(name)}" for name in ("weasyprint", "python-pptx", "pydyf", "pikepdf", "segno")]
    parts.append(f"font subsetter {font_subsetter()}")
    fonts = font_folder(course.theme.meta.font.package)
    if fonts is not None:  # the font files' names and sizes (their package's version, in effect)
        parts.append("fonts " + ",".join(f"{p.relative_to(fonts).as_posix()}:{p.stat().st_size}"
                                         for p in sorted(fonts.rglob("*")) if p.is_file()))
    from toolkit.fallback_fonts import installed

    # The fallback fonts for scripts the theme font lacks (their files' names and sizes).
    parts.append("fallbacks " + ",".join(f"{path}:{path.stat().st_size}" for _, path in installed()))
    return _sha(parts)


# The names WeasyPrint tries for HarfBuzz's subsetter (weasyprint/text/ffi.py): Linux, macOS, Windows. Found
# here as WeasyPrint finds it, without importing WeasyPrint, which would slow the nothing-changed check.
_HARFBUZZ_SUBSET = ("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")


@functools.lru_cache(maxsize=1)
def font_subsetter() -> str:
    """The subsetter WeasyPrint makes the PDFs' fonts with: HarfBuzz's where its library is installed, else
    fontTools. Their subsets differ in bytes, so documents made with one are not reused under the other."""
    import ctypes

    for name in _HARFBUZZ_SUBSET:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return "harfbuzz"
    return "fonttools"


def _version(distribution: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"


def module_digest(course: Course, module: Module) -> str:
    """A module's own inputs: its file's bytes and the bytes of every picture it shows."""
    from toolkit.checks.media import module_images, resolve_media

    parts = [f"module {module.path.name} {file_digest(module.path)}"]
    for image in module_images(module):
        path, _ = resolve_media(course, module, image.src, image.loc)
        parts.append(f"media {image.src} {file_digest(path) if path is not None else 'none'}")
    return _sha(parts)


def document_key(kind: str, name: str, course_part: str, module_parts: list[str], plan: str) -> str:
    """The key of one document: its kind and name, its course's and modules' digests and its plan's fingerprint."""
    return _sha([f"kind {kind}", f"name {name}", course_part, *module_parts, f"plan {plan}"])


def _sha(parts: list[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def fingerprint(value: object) -> str:
    """A stable digest of a plan made of dataclasses, tuples, text, numbers, dates and paths.

    A path that names a file adds the file's bytes. Anything else raises :class:`Unkeyable`.
    """
    digest = hashlib.sha256()
    _feed(value, digest.update, {})
    return digest.hexdigest()


def _feed(value: object, put, files: dict[PurePath, str]) -> None:  # type: ignore[no-untyped-def]
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        put(f"{type(value).__name__}:{value!r};".encode("utf-8", "surrogatepass"))
    elif isinstance(value, enum.Enum):
        put(f"enum:{type(value).__name__}.{value.name};".encode())
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        put(f"date:{value.isoformat()};".encode())
    elif isinstance(value, PurePath):
        if value not in files:
            files[value] = file_digest(value) if isinstance(value, Path) else ""
        put(f"path:{value};{files[value]};".encode("utf-8", "surrogatepass"))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        put(f"{type(value).__qualname__}(".encode())
        for f in dataclasses.fields(value):
            put(f"{f.name}=".encode())
            _feed(getattr(value, f.name), put, files)
        put(b")")
    elif isinstance(value, (tuple, list)):
        put(b"[")
        for item in value:
            _feed(item, put, files)
        put(b"]")
    elif isinstance(value, dict):
        put(b"{")
        for key in sorted(value, key=repr):
            _feed(key, put, files)
            _feed(value[key], put, files)
        put(b"}")
    elif hasattr(value, "model_dump_json"):  # a validated record (pydantic)
        put(f"{type(value).__qualname__}:{value.model_dump_json()};".encode())
    else:
        raise Unkeyable(type(value).__qualname__)


class OutputCache:
    """One output's cache: the previous build's entries to read, the stage's to keep."""

    def __init__(self, out: Path, stage: Path, output: str) -> None:
        self.previous: Path | None = out / CACHE_FOLDER / output
        self.current = stage / CACHE_FOLDER / output
        if (out / CACHE_FOLDER).is_symlink() or self.previous.is_symlink():  # only read coursekit's own folder
            self.previous = None

    def fetch(self, key: str, suffix: str) -> Path | None:
        """The stored file for ``key``, now kept in the stage's cache; None when there is none."""
        kept = self.current / f"{key}{suffix}"
        if kept.is_file():
            return kept
        if self.previous is None:
            return None
        earlier = self.previous / f"{key}{suffix}"
        try:
            info = earlier.lstat()
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        self.current.mkdir(parents=True, exist_ok=True)
        try:
            os.link(earlier, kept)
        except OSError:
            shutil.copyfile(earlier, kept)
        return kept

    def read(self, key: str, suffix: str) -> bytes | None:
        found = self.fetch(key, suffix)
        return found.read_bytes() if found is not None else None

    def copy_to(self, key: str, suffix: str, target: Path) -> bool:
        """Put the stored bytes at ``target`` (a copy, so editing the output cannot change the cache)."""
        found = self.fetch(key, suffix)
        if found is None:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found, target)
        return True

    def store(self, key: str, suffix: str, data: bytes | Path) -> None:
        self.current.mkdir(parents=True, exist_ok=True)
        kept = self.current / f"{key}{suffix}"
        partial = kept.with_name(f".{kept.name}.part")
        if isinstance(data, Path):
            shutil.copyfile(data, partial)
        else:
            partial.write_bytes(data)
        os.replace(partial, kept)


def output_cache(context, stage: Path, output: str) -> OutputCache | None:  # type: ignore[no-untyped-def]
    """The cache for ``output`` in a build (None for a builder called without a previous output folder)."""
    previous = getattr(context, "previous", None)
    return OutputCache(Path(previous), stage, output) if previous is not None else None
