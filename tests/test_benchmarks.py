"""The benchmarks' own parts run: the build benchmark's comparable build and the floor it times, on a small
generated course made from each sample course; the site engines benchmark, once, at its smallest size."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_COURSES
from toolkit.site.engines import installed_engines

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


def test_the_site_engines_benchmark_prints_a_row_of_seconds_for_the_bare_build_and_each_installed_engine() -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "bench_site_engines.py"), "--sizes", "10",
                             "--runs", "1"], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"^\| site build \| 10 modules \|$", result.stdout, re.M)
    assert re.search(r"^\| bare `mkdocs build` of the same pages \(baseline\) \| \d+\.\d\d s \|$", result.stdout, re.M)
    for engine in installed_engines():
        row = rf"^\| `coursekit build --only site --site-engine {engine}` \| (\d+\.\d\d) s \((\d+\.\d\d)x\) \|$"
        found = re.search(row, result.stdout, re.M)
        assert found, f"no row for {engine}:\n{result.stdout}"
        assert float(found[1]) > 0 and float(found[2]) > 0
        assert re.search(rf"^\| {engine} \| \d+\.\d\d s \|$", result.stdout, re.M), f"no site step for {engine}"
    assert re.search(rf"; {os.cpu_count()} cores;", result.stdout)
    assert re.search(r"; mkdocs \d[\d.]*, mkdocs-material \d[\d.]*, properdocs [^,]+, zensical [^,]+$", result.stdout, re.M)
