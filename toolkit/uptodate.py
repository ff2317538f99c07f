"""Whether the last build is still current: one digest of everything a build reads, kept with its output.

A successful build records, in ``<out>/.coursekit-cache/build.json``, the digest of its inputs, a
digest of the files it wrote (their names and bytes) and the findings it reported. The next build computes the inputs' digest first; when both digests still match, the
output is current, and the build reports the same findings and stops without checking or rendering.

The inputs are taken broadly, so nothing a build reads is missed: every file of the project
(courses/, themes/ and mkdocs.yml by their bytes; any other file by its size and modification
time), leaving out hidden files and folders at its top and output folders; coursekit's own files; the Python version
and every installed distribution's name and version; the font subsetter WeasyPrint will use; the build settings;
the date reviews are judged against; ``SOURCE_DATE_EPOCH``, every ``COURSEKIT_`` variable and any environment variable
mkdocs.yml names. A change to any of them means a real build (which still reuses the document
cache, toolkit/cache.py). The record is JSON, read as data and checked before use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from pathlib import Path

import toolkit
from toolkit import rules
from toolkit.cache import CACHE_FOLDER, file_digest, folder_digest, font_subsetter
from toolkit.diagnostics import Diagnostic, Diagnostics, Severity
from toolkit.output import MARKER, is_lock_file
from toolkit.source import SourceLoc

RECORD = "build.json"
RECORD_FORMAT = 1
# Read by their bytes; the rest of the project by size and modification time, which is cheaper.
SOURCE_FOLDERS = ("courses", "themes")
# Folders of the output that are not the build's own outputs (reports and proofs are made after it).
NOT_OUTPUTS = (CACHE_FOLDER, "report", "proof", MARKER)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def inputs_digest(root: Path, settings_text: str) -> str:
    """The sha256 of everything a build of ``root`` with these settings reads."""
    from toolkit.governance import today
    from toolkit.themes import builtin_themes_folder

    package = Path(toolkit.__file__).resolve().parent
    parts = [
        f"format {RECORD_FORMAT}",
        f"python {sys.version}",
        f"coursekit {toolkit.__version__} {folder_digest(package, keep=lambda path: path.name != '__pycache__')}",
        f"built-in themes {folder_digest(builtin_themes_folder())}",
        "installed " + ",".join(_installed_distributions()),
        f"font subsetter {font_subsetter()}",
        f"settings {settings_text}",
        f"today {today().isoformat()}",
        "environment " + json.dumps(_environment(root), sort_keys=True),
        f"project {_project_digest(root.resolve())}",
    ]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def outputs_digest(folder: Path) -> str:
    """The names and bytes of the files a build left in ``folder`` (the same for the same output)."""
    return folder_digest(folder, keep=lambda path: path.parent != folder or path.name not in NOT_OUTPUTS)


def record_build(stage: Path, inputs: str, found: Diagnostics, root: Path) -> None:
    """Note in the staged output what it was built from and what the build reported."""
    record = {
        "format": RECORD_FORMAT,
        "inputs": inputs,
        "outputs": outputs_digest(stage),
        "diagnostics": [d.as_json(root) for d in found.sorted()],
    }
    folder = stage / CACHE_FOLDER
    folder.mkdir(exist_ok=True)
    (folder / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def unchanged_findings(out: Path, inputs: str, root: Path) -> Diagnostics | None:
    """The findings of the last build when ``out`` is what it made from these very inputs; None otherwise."""
    path = out / CACHE_FOLDER / RECORD
    try:
        if path.is_symlink() or (out / CACHE_FOLDER).is_symlink():
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT or record.get("inputs") != inputs:
        return None
    if record.get("outputs") != outputs_digest(out):
        return None  # an output file was changed, removed or added since
    try:
        return Diagnostics(_finding(item, root) for item in record["diagnostics"])
    except (KeyError, TypeError, ValueError):
        return None


def _finding(item: dict[str, object], root: Path) -> Diagnostic:
    """One recorded finding, as it was reported."""
    loc = SourceLoc(root / str(item["path"]), int(item["line"]), int(item["column"]))  # type: ignore[call-overload]
    return Diagnostic(rules.RULES[str(item["code"])], loc, str(item["message"]), str(item["hint"]),
                      Severity(item["severity"]))


def _environment(root: Path) -> dict[str, str]:
    """The environment variables a build reads: SOURCE_DATE_EPOCH, COURSEKIT_*, and those mkdocs.yml names."""
    try:
        named = set(_WORD.findall((root / "mkdocs.yml").read_text(encoding="utf-8", errors="replace")))
    except OSError:
        named = set()
    return {name: value for name, value in os.environ.items()
            if name == "SOURCE_DATE_EPOCH" or name.startswith("COURSEKIT_") or name in named}


def _installed_distributions() -> list[str]:
    """The name and version of every installed distribution (from its metadata folder's name)."""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def _project_digest(root: Path) -> str:
    """The project's files, leaving out its hidden entries (version control, environments, build locks), output
    folders and caches of compiled Python; courses/, themes/ and mkdocs.yml by their bytes, the rest by size and time."""

    def keep(path: Path) -> bool:
        if path.parent == root and path.name.startswith("."):
            return False
        if is_lock_file(path):  # an output's lock, wherever --out is
            return False
        # Output folders, this build's too, are left out by their marker (a build refuses an unmarked output).
        return path.name != "__pycache__" and not (path / MARKER).exists()

    def describe(path: Path) -> str:
        relative = path.relative_to(root).parts
        if relative[0] in SOURCE_FOLDERS or relative == ("mkdocs.yml",):
            return file_digest(path)
        try:
            info = path.lstat()
        except OSError:
            return "missing"
        return f"{info.st_size}:{info.st_mtime_ns}" if stat.S_ISREG(info.st_mode) else file_digest(path)

    return folder_digest(root, keep=keep, describe=describe)
