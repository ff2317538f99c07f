"""Fault injection on real builds: killed mid-way, and two at once."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolkit.scaffold import new_project

# Points in a build's life at which to kill it, as fractions of a full build's time: random in
# every run, one in each quarter so they cover the whole build. COURSEKIT_FAULT_SEED repeats a run.
SEED = int(os.environ.get("COURSEKIT_FAULT_SEED", time.time_ns() % 1_000_000))
_draw = random.Random(SEED)
KILL_POINTS = tuple(round(_draw.uniform(q, q + 0.25), 3) for q in (0.0, 0.25, 0.5, 0.75))
EDIT = ("Gentle movement", "Gentle walking")


def _build(root: Path, *extra: str) -> subprocess.Popen[bytes]:
    # The site alone: the staging and swap under test are the same for every output.
    return subprocess.Popen([sys.executable, "-m", "toolkit", "build", str(root), "--quiet", "--only", "site", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _built(root: Path) -> None:
    process = _build(root)
    assert process.wait() == 0, process.stdout.read()  # type: ignore[union-attr]


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Project:
    """A starter project, the output of each of its two versions, and how long a build takes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.module = root / "courses/first-course/modules/01-keep-moving.md"
        self.original = self.module.read_text()
        started = time.perf_counter()
        self.edit(False)
        _built(root)
        self.seconds = time.perf_counter() - started
        self.trees = {False: _tree(self.out)}
        self.edit(True)
        _built(root)
        self.trees[True] = _tree(self.out)
        self.edited = True

    @property
    def out(self) -> Path:
        return self.root / "build"

    def edit(self, edited: bool) -> None:
        self.module.write_text(self.original.replace(*EDIT) if edited else self.original)
        self.edited = edited


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("faults") / "project"
    new_project(root)
    return Project(root)


@pytest.mark.slow
@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_build_killed_at_any_point_leaves_a_whole_output_and_the_next_build_works(project: Project, point: float) -> None:
    old = project.trees[project.edited]
    assert _tree(project.out) == old
    project.edit(not project.edited)
    new = project.trees[project.edited]
    process = _build(project.root)
    time.sleep(project.seconds * point)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Killed before the swap: the old output; after it: the new one. Never a mix, never nothing.
    assert _tree(project.out) in (old, new), f"killed at {point} of a build (COURSEKIT_FAULT_SEED={SEED})"
    _built(project.root)
    assert _tree(project.out) == new
    assert not list(project.out.parent.glob(".build.new-*")) and not list(project.out.parent.glob(".build.old-*"))


@pytest.mark.slow
def test_two_builds_at_once_do_not_corrupt_the_output(project: Project) -> None:
    root, out = project.root, project.out
    expected = project.trees[project.edited]
    first, second = _build(root), _build(root)
    results = sorted([(first.wait(), first.stdout.read()), (second.wait(), second.stdout.read())])  # type: ignore[union-attr]
    codes = [code for code, _ in results]
    # Either both ran one after the other, or one was refused with a clear message while the other wrote.
    assert codes in ([0, 0], [0, 2]), results
    if codes == [0, 2]:
        assert b"another coursekit build is writing" in results[1][1]
    assert _tree(out) == expected
