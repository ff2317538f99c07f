"""Safe output folders: build beside, swap in, and never delete what coursekit did not make."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

MARKER = ".coursekit-output"
MARKER_TEXT = "This folder was made by coursekit. It is replaced on every build.\n"


class OutputRefused(Exception):
    """The output folder cannot be used; the message says why and what to do."""


def refuse_dangerous(out: Path, project_root: Path) -> None:
    """Refuse an output folder that is, or contains, something coursekit must never replace."""
    out = out.resolve()
    protected = {
        path.resolve(): what for path, what in (
            (project_root, "the project"),
            (project_root / "courses", "the courses folder"),
            (project_root / "themes", "the themes folder"),
            (Path.home(), "your home folder"),
            (Path(out.anchor), "the top of the file system"),
        )
    }
    # The folder itself names it best (--out / is the top of the file system, though it holds the project too).
    replaced = protected.get(out) or next((what for path, what in protected.items() if path.is_relative_to(out)), None)
    if replaced is not None:
        raise OutputRefused(f"--out {out} would replace {replaced}; choose an empty folder such as {project_root / 'build'}")
    for path, what in ((project_root / "courses", "the courses folder"), (project_root / "themes", "the themes folder")):
        if out.is_relative_to(path.resolve()):
            raise OutputRefused(f"--out {out} is inside {what}; choose a folder outside it, such as {project_root / 'build'}")


def check_replaceable(out: Path) -> None:
    """An existing output folder must be empty or carry coursekit's marker."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputRefused(f"{out} is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputRefused(f"{out} holds files that coursekit did not make (it has no {MARKER}); "
                            "empty it yourself or choose another --out")


def lock_file(out: Path) -> Path:
    """The file a build holds while it writes ``out``: hidden, beside it."""
    return out.parent / f".{out.name}.lock"


def is_lock_file(path: Path) -> bool:
    """Whether ``path`` is named as some output's lock file."""
    return path.name.startswith(".") and path.name.endswith(".lock")


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the output's lock; a second build into the same folder fails at once with a message."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = lock_file(out)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputRefused(f"another coursekit build is writing {out}; wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out`` to build into; swapped in only if the block succeeds."""
    stage = out.parent / f".{out.name}.new-{os.getpid()}"
    _remove_ours(stage)
    stage.mkdir(parents=True)
    (stage / MARKER).write_text(MARKER_TEXT)
    try:
        yield stage
    except BaseException:
        _remove_ours(stage)
        raise
    _swap(stage, out)


def carry_over(out: Path, stage: Path, folders: set[str]) -> None:
    """Bring the named output folders of the previous build into the stage, unchanged.

    Files are hard-linked where the disk allows, so carrying a large build over costs next to nothing.
    """
    for name in sorted(folders):
        entry = out / name
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, stage / name, symlinks=True, copy_function=_link_or_copy)


def _link_or_copy(source: str, destination: str) -> None:
    # copytree(symlinks=True) copies links itself, so only regular files come here.
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def make_output_folder(folder: Path) -> None:
    """Create ``folder`` as coursekit's own (with the marker), so a later build may replace it."""
    if not folder.exists():
        folder.mkdir(parents=True)
        (folder / MARKER).write_text(MARKER_TEXT)


def _swap(stage: Path, out: Path) -> None:
    """Put ``stage`` where ``out`` was, atomically where the system allows, then remove the old output."""
    if out.exists() and _exchange(stage, out):
        _remove_ours(stage)  # it now holds the old output
        return
    # Without an atomic exchange: move the old output aside, then the new one in.
    # A build killed between the two is mended by sweep_leftovers.
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    _remove_ours(old)
    if out.exists():
        os.replace(out, old)
    os.replace(stage, out)
    _remove_ours(old)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(error, os.strerror(error), str(b))


def sweep_leftovers(out: Path) -> None:
    """Tidy after builds that were killed: restore an output caught mid-swap, remove stray stages."""
    olds = sorted(out.parent.glob(f".{out.name}.old-*"))
    if olds and not out.exists():
        os.replace(olds.pop(), out)  # killed between the two renames: the old output comes back
    for leftover in [*out.parent.glob(f".{out.name}.new-*"), *olds]:
        _remove_ours(leftover)
        with contextlib.suppress(OSError):
            leftover.rmdir()  # a stage killed before its marker was written is still empty


def _remove_ours(path: Path) -> None:
    """Remove a folder coursekit made; its marker goes last, so a removal killed half-way can be finished later."""
    if path.is_dir() and not path.is_symlink() and (path / MARKER).is_file():
        for entry in sorted(path.iterdir()):
            if entry.name == MARKER:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        (path / MARKER).unlink()
        path.rmdir()


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or leave the old one: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
