"""coursekit run in fresh processes with different hash seeds, and the files two runs wrote differently.

Two runs in one process share its hash seed, its imported modules and its caches, so set order or a
leaked state can make the same output twice there and still differ between processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = ("1", "2")
TODAY = "2026-11-21"  # reviews judged against a fixed day, so the findings do not move with the clock


def coursekit(*args: str, seed: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`python -m toolkit ARGS` in a fresh process with hash seed ``seed`` (this checkout's toolkit)."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "COURSEKIT_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": str(REPO)}
    env.pop("SOURCE_DATE_EPOCH", None)  # the date comes from the courses, as in a build nobody set up
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def differences(one: Path, two: Path) -> list[str]:
    """Every file only one folder has, and every file the two hold with different bytes."""
    first, second = set(files(one)), set(files(two))
    found = [f"only in {one.name}: {name}" for name in sorted(first - second)]
    found += [f"only in {two.name}: {name}" for name in sorted(second - first)]
    found += [f"differs: {name}" for name in sorted(first & second)
              if (one / name).read_bytes() != (two / name).read_bytes()]
    return found
