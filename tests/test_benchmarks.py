"""The build benchmark's own parts run: the comparable build and the floor it times, on a small generated course
made from each sample course."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_COURSES

BENCH = REPO / "benchmarks" / "bench_build.py"


@pytest.fixture(scope="module", params=SAMPLE_COURSES)
def generated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A generated course from a sample course's modules, and how many it has: as many as the sample course,
    so every link between its modules has a module to lead to."""
    sys.path.insert(0, str(BENCH.parent))
    try:
        import synthetic_course
    finally:
        sys.path.remove(str(BENCH.parent))
    modules = len(list((REPO / "courses" / request.param / "modules").glob("*.md")))
    return synthetic_course.make_project(tmp_path_factory.mktemp("bench") / "project", modules, request.param), modules


def _child(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, str(BENCH), *arguments], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_the_comparable_build_makes_the_site_a_deck_and_a_handout_per_module(generated: tuple[Path, int],
                                                                            tmp_path: Path) -> None:
    project, modules = generated
    out = tmp_path / "comparable"
    _child("--child-comparable", str(project), str(out), "2")
    assert len(list((out / "slides" / "synthetic").glob("*.pptx"))) == modules
    assert len(list((out / "handouts" / "synthetic").glob("*.pdf"))) == modules
    assert (out / "site" / "index.html").is_file()
    offered = out / "site" / "synthetic" / "downloads"
    assert len(list(offered.rglob("*.pdf"))) == modules and len(list(offered.rglob("*.pptx"))) == modules


def test_the_floor_writes_the_same_decks_and_handouts_and_reports_its_seconds(generated: tuple[Path, int],
                                                                             tmp_path: Path) -> None:
    project, modules = generated
    out = tmp_path / "floor"
    result = _child("--child-floor", str(project), str(out))
    timed = json.loads(result.stdout.strip().splitlines()[-1])
    assert timed["decks"] > 0 and timed["handouts"] > 0 and timed["slides"] > modules
    assert len(list(out.glob("*.pdf"))) == modules and len(list(out.glob("*.pptx"))) == modules
