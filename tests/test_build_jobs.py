"""`coursekit build --jobs N`: decks and handouts rendered in worker processes give the same bytes as one process."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import MODULE, REPO, ProjectFactory
from toolkit.cli import cli
from toolkit.parallel import can_fork, run_jobs

TEMPLATE_MKDOCS = REPO / "toolkit/project_template/mkdocs.yml"
SECOND = MODULE.replace("title: Keep moving", "title: Rest well").replace("Walk a little each day.", "Sleep on your side.")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _square(n: int) -> int:
    return n * n


def test_results_keep_the_jobs_order_whatever_order_they_finish_in() -> None:
    jobs = list(range(12))
    assert run_jobs(_square, jobs, 3, cost=lambda n: n % 5) == [n * n for n in jobs]
    assert run_jobs(_square, jobs, 1) == [n * n for n in jobs]
    assert run_jobs(_square, [7], 4) == [49]


def _total(job: tuple[str, int], taken: list[int]) -> int:
    return job[1] + sum(taken)


@pytest.mark.parametrize("workers", [1, 3])
def test_a_job_waits_for_the_jobs_it_needs_and_takes_their_results(workers: int) -> None:
    jobs = [("a", 1), ("b", 10), ("c", 100), ("d", 1000)]
    needs = {"a": (), "b": (), "c": (0, 1), "d": (2, 0)}
    assert run_jobs(_total, jobs, workers, cost=lambda job: job[1], needs=lambda job: needs[job[0]]) == [1, 10, 111, 1112]


def test_a_job_cannot_need_a_later_one() -> None:
    with pytest.raises(ValueError, match="jobs before it"):
        run_jobs(_total, [("a", 1), ("b", 2)], 2, needs=lambda job: (1,) if job[0] == "a" else ())


def _started(log: Path):  # type: ignore[no-untyped-def]
    def run(job: tuple[str, float], taken: list[object]) -> str:
        with log.open("a") as handle:
            handle.write(job[0] + "\n")
        if job[0] == "piece":  # long enough for the other worker to have started, however busy the machine
            time.sleep(0.5)
        return job[0]

    return run


@pytest.mark.skipif(not can_fork(), reason="worker processes need fork; elsewhere the jobs run in one process")
def test_the_job_others_wait_for_starts_before_a_longer_one(tmp_path: Path) -> None:
    # "piece" is short, but "join" (the longest) waits for it: together they outlast "guide".
    jobs = [("guide", 3.0), ("deck", 2.0), ("piece", 0.5), ("small", 0.1), ("join", 3.0)]
    log = tmp_path / "started"
    results = run_jobs(_started(log), jobs, 2, cost=lambda job: job[1],
                       needs=lambda job: (2,) if job[0] == "join" else ())
    assert results == ["guide", "deck", "piece", "small", "join"]
    started = log.read_text().split()
    # Two workers: the two longest chains are handed out first, before any job has finished.
    assert set(started[:2]) == {"piece", "guide"}
    assert started.index("join") > started.index("piece")


def _trims(_: int) -> bool:
    from toolkit import parallel

    return parallel._MALLOC_TRIM is not None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_a_worker_hands_back_the_memory_a_job_freed(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import parallel

    # Every worker has glibc's malloc_trim ...
    assert run_jobs(_trims, [0, 1, 2], 2) == [True, True, True]
    # ... and calls it after each job, so a large job (a booklet's join) does not keep the worker at its peak.
    trimmed: list[int] = []
    monkeypatch.setattr(parallel, "_MALLOC_TRIM", lambda pad: trimmed.append(pad) or 1)
    monkeypatch.setattr(parallel, "_WORK", lambda index, taken: index * 2)
    assert parallel._run_one(3, []) == (3, 6)
    assert trimmed == [0]


@pytest.mark.skipif(not can_fork(), reason="worker processes need fork; elsewhere the build runs in one process")
def test_one_and_two_jobs_give_the_same_bytes_for_every_file(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_project({"01-keep-moving.md": MODULE, "02-rest-well.md": SECOND})
    shutil.copy(TEMPLATE_MKDOCS, root / "mkdocs.yml")
    built = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = CliRunner().invoke(cli, ["build", str(root), "--out", str(out), "--jobs", jobs, "--quiet"])
        assert result.exit_code == 0, result.output
        built[jobs] = files(out)
    assert {"slides/small/keep-moving.pptx", "slides/small/rest-well.pptx", "slides/small/workshop.pptx",
            "handouts/small/rest-well-large.pdf", "handouts/small/booklet.pdf",
            "guide/small/facilitator-guide.pdf"} <= set(built["1"])
    assert any(name.startswith("site/") for name in built["1"])
    assert built["1"].keys() == built["2"].keys()
    assert [name for name in built["1"] if built["1"][name] != built["2"][name]] == []
