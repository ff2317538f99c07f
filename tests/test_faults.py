"""Fault injection on real builds: killed mid-way, and one started while another holds the output."""

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

from toolkit.output import locked
from toolkit.scaffold import new_project

# Points in a build's life at which to kill it, as fractions of a full build's time: random in
# every run (tests/conftest.py draws the seed), one in each quarter so they cover the whole build.
# COURSEKIT_FAULT_SEED repeats a run.
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
# Without --force the build first asks whether the output is up to date, under the lock; with it, it builds at once.
@pytest.mark.parametrize("force", [(), ("--force",)], ids=["up-to-date check", "forced"])
def test_a_build_while_another_holds_the_output_is_refused_and_leaves_it_alone(project: Project, force: tuple[str, ...]) -> None:
    old = project.trees[project.edited]
    assert _tree(project.out) == old
    project.edit(not project.edited)  # so a build that went ahead would change the output
    new = project.trees[project.edited]
    with locked(project.out):  # held here as a build holds it, for as long as the second build runs
        second = _build(project.root, *force)
        output = second.communicate()[0].decode()
        code = second.returncode
    assert code == 2, output
    assert output.splitlines()[-1] == f"Error: another coursekit build is writing {project.out}; wait for it to finish"
    assert _tree(project.out) == old
    assert not list(project.out.parent.glob(".build.new-*"))
    # Once the first build lets go, the next one writes.
    _built(project.root)
    assert _tree(project.out) == new
