"""The build benchmark's own parts run: the comparable build and the floor it times, on a small generated course."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks" / "bench_build.py"
# As many as the sample course has, so every link between its modules has a module to lead to.
MODULES = len(list((REPO / "courses" / "leg-numbness-after-back-surgery" / "modules").glob("*.md")))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench_build
    finally:
        sys.path.remove(str(BENCH.parent))
    return bench_build.make_project(tmp_path_factory.mktemp("bench") / "project", MODULES)


def _child(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, str(BENCH), *arguments], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_the_comparable_build_makes_the_site_a_deck_and_a_handout_per_module(generated: Path, tmp_path: Path) -> None:
    out = tmp_path / "comparable"
    _child("--child-comparable", str(generated), str(out), "2")
    assert len(list((out / "slides" / "synthetic").glob("*.pptx"))) == MODULES
    assert len(list((out / "handouts" / "synthetic").glob("*.pdf"))) == MODULES
    assert (out / "site" / "index.html").is_file()
    offered = out / "site" / "synthetic" / "downloads"
    assert len(list(offered.rglob("*.pdf"))) == MODULES and len(list(offered.rglob("*.pptx"))) == MODULES


def test_the_floor_writes_the_same_decks_and_handouts_and_reports_its_seconds(generated: Path, tmp_path: Path) -> None:
    out = tmp_path / "floor"
    result = _child("--child-floor", str(generated), str(out))
    timed = json.loads(result.stdout.strip().splitlines()[-1])
    assert timed["decks"] > 0 and timed["handouts"] > 0 and timed["slides"] > MODULES
    assert len(list(out.glob("*.pdf"))) == MODULES and len(list(out.glob("*.pptx"))) == MODULES
