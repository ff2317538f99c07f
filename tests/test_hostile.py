"""The hostile-input corpus: every case fails cleanly, at its line, without harm.

Each case in tests/fixtures/hostile/ overlays a few files onto a clean project
(the one `coursekit new` makes) and names the diagnostic it must produce. For
every case: the exact code at the exact file and line, exit code 1, no
traceback, the previous build untouched, no file opened outside the project,
and nothing fetched from the network.

A case that names a `page` is typed HTML. A strict build would stop at the
raw-HTML warning (CK221) before the sanitiser runs, so these build without
`--strict`: exit code 0, the sanitiser's code at the line, and the page may
gain only markup tests/html_policy.py allows over the same page of the clean
build (parsed, not searched for).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.audit import audited
from tests.html_policy import added_elements, element_problems
from toolkit.cli import cli
from toolkit.scaffold import new_project

CORPUS = Path(__file__).resolve().parent / "fixtures" / "hostile"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yml").is_file())
MEDIA = "courses/first-course/media"
MODULE = "courses/first-course/modules/01-keep-moving.md"

# Filled as cases run; printed at the end of the test run by conftest.py.
BROKEN_PROMISES: dict[str, list[str]] = {}


def _png(width: int, height: int, rows: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _make(kind: str, root: Path, outside: Path) -> None:
    """Content that cannot sit in git as it is: huge, special files, links out."""
    media = root / MEDIA
    media.mkdir(parents=True, exist_ok=True)
    module = root / MODULE
    if kind == "huge-front-matter":
        text = module.read_text()
        module.write_text(text.replace("duration: 10", "duration: 10\n# " + "x" * 10_000_000, 1))
    elif kind == "huge-module":
        module.write_text(module.read_text() + ("\nWalk each day. " * 700_000))
    elif kind == "symlink-out":
        secret = outside / "secret.png"
        secret.write_bytes(_png(1, 1, b"\0\0"))
        (media / "link.png").symlink_to(secret)
    elif kind == "fifo":
        os.mkfifo(media / "pipe.png")
    elif kind == "device":
        os.mknod(media / "device.png", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    elif kind == "png-bomb":
        # 40,000 × 40,000 grey pixels of zeros compress to almost nothing.
        (media / "bomb.png").write_bytes(_png(40_000, 40_000, b"\0" * 1000))
    elif kind == "png-truncated":
        (media / "cut.png").write_bytes(_png(64, 64, b"\0" * (65 * 64))[:60])
    elif kind == "gif-as-png":
        (media / "fake.png").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    elif kind == "png-big-bytes":
        (media / "big.png").write_bytes(_png(8, 8, b"\0" * 72) + os.urandom(11 * 1024 * 1024))
    else:
        raise AssertionError(f"unknown maker {kind}")


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean starter project (with an address for its QR codes), built once: every case starts from a copy of it."""
    root = tmp_path_factory.mktemp("hostile-base") / "project"
    new_project(root)
    result = CliRunner().invoke(cli, ["build", str(root), "--strict", "--quiet"])
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("name", CASES)
def test_hostile_case(name: str, built_base: Path, tmp_path: Path) -> None:
    case = yaml.safe_load((CORPUS / name / "case.yml").read_text())
    root = tmp_path / "project"
    shutil.copytree(built_base, root, symlinks=True)
    shutil.copytree(CORPUS / name, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("case.yml"))
    outside = tmp_path / "outside"
    outside.mkdir()
    if "make" in case:
        _make(case["make"], root, outside)
    before = _tree(root / "build")
    page = case.get("page")

    with audited() as record:
        result = CliRunner().invoke(cli, ["build", str(root), *([] if page else ["--strict"])])

    broken = []
    expected = f"{case['file']}:{case['line']}:"
    found = [line for line in result.output.splitlines() if f"[{case['code']}]" in line]
    if not any(line.startswith(expected) for line in found):
        broken.append(f"expected {case['code']} at {expected} but found {found or 'no such code'}")
    if result.exit_code != (0 if page else 1):
        broken.append(f"exit code {result.exit_code}, not {0 if page else 1}")
    if "Traceback" in result.output or not isinstance(result.exception, (SystemExit, type(None))):
        broken.append(f"a traceback: {result.exception!r}")
    if page:
        shown = (root / "build" / page).read_text()
        added = added_elements((built_base / "build" / page).read_text(), shown)
        if refused := [problem for tag, attrs in added for problem in element_problems(tag, attrs)]:
            broken.append(f"{page} shows {refused}")
    elif _tree(root / "build") != before:
        broken.append("the previous build changed")
    if outside_files := record.outside(root):
        broken.append(f"opened files outside the project: {outside_files}")
    if record.connected:
        broken.append(f"used the network: {record.connected}")
    BROKEN_PROMISES[name] = broken
    assert not broken, "\n".join([case["about"], *broken, result.output[-2000:]])


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_the_audit_hook_sees_files_opened_outside_and_connections(tmp_path: Path) -> None:
    import socket

    project = tmp_path / "project"
    project.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    with audited() as record:
        (project / "inside.txt").write_text("fine")
        secret.read_text()
        with socket.socket() as sock, pytest.raises(OSError):
            sock.settimeout(1)
            sock.connect(("127.0.0.1", 9))  # the discard port: nothing listens here
    assert record.outside(project) == [str(secret.resolve())]
    assert record.connected and record.connected[0].startswith("socket.connect")
