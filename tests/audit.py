"""An audit hook that records files opened and network connections made while it is switched on."""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Where Python, the installed packages and coursekit's own code and built-in themes live.
CODE_ROOTS = tuple({Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                               *sysconfig.get_paths().values())} |
                   {REPO / "toolkit", REPO / "themes"})
# What the C library and Python itself read on their own (time zone, locale, MIME types, /dev/null).
SYSTEM_READS = ("/etc/localtime", "/usr/share/zoneinfo", "/usr/lib/locale", "/etc/mime.types", "/dev/null",
                "/dev/urandom", "/proc/self", "/etc/ld.so.cache", "/usr/lib/x86_64-linux-gnu")


@dataclass
class Record:
    opened: list[str] = field(default_factory=list)
    connected: list[str] = field(default_factory=list)

    def outside(self, project: Path) -> list[str]:
        """Files opened that are neither in the project nor part of Python, its packages or coursekit."""
        allowed = (str(project.resolve()), *map(str, CODE_ROOTS), *SYSTEM_READS)
        return sorted({p for p in self.opened if not p.startswith(allowed)})


_current: list[Record] = []


def _relative_to_a_folder_descriptor(caller: object) -> bool:
    """Whether an open comes from shutil.rmtree's walk, which opens each folder by its name under its
    parent's descriptor (`dir_fd`), not under the working folder the audit event would suggest."""
    code = getattr(caller, "f_code", None)
    return code is not None and code.co_name == "_rmtree_safe_fd" and Path(code.co_filename).name == "shutil.py"


def _hook(event: str, args: tuple) -> None:  # type: ignore[type-arg]
    if not _current:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if not os.path.isabs(path) and _relative_to_a_folder_descriptor(sys._getframe(1)):
            return  # a name inside a folder whose own (absolute) open was recorded
        _current[-1].opened.append(os.path.realpath(path) if os.path.isabs(path) else os.path.abspath(path))
    elif event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        _current[-1].connected.append(f"{event} {args[1:2] if event == 'socket.connect' else args[:1]}")


sys.addaudithook(_hook)


@contextmanager
def audited() -> Iterator[Record]:
    """Record opens and connections made inside the block."""
    record = Record()
    _current.append(record)
    try:
        yield record
    finally:
        _current.pop()
