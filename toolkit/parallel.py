"""Run plain-data jobs in forked worker processes, with the results in the jobs' order.

Workers are forked (``multiprocessing.get_context("fork")``), so a caller needs no
``if __name__ == "__main__"`` guard and the jobs are not sent to the workers:
they inherit them. Only each job's index goes out and its plain-data result
comes back. Workers never print: they ignore Ctrl-C (the parent stops them) and
die with the parent. Where fork is unavailable, with one worker, or with fewer
than two jobs, the jobs run here, one after another; the results are the same.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

J = TypeVar("J")
R = TypeVar("R")

# The work of the pool being run: set just before the workers are forked, so they inherit it.
_WORK: tuple[Callable[[object], object], Sequence[object]] | None = None
_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_jobs(function: Callable[[J], R], jobs: Sequence[J], workers: int,
             cost: Callable[[J], float] | None = None) -> list[R]:
    """``[function(job) for job in jobs]``, in up to ``workers`` processes; ``function`` must not print.

    ``cost`` (an estimate of each job's time) lets the longest jobs start first; the results keep
    the jobs' order whatever the order they finish in.
    """
    global _WORK
    workers = min(workers, len(jobs))
    if workers < 2 or not can_fork():
        return [function(job) for job in jobs]
    order = list(range(len(jobs)))
    if cost is not None:
        order.sort(key=lambda i: (-cost(jobs[i]), i))
    results: list[R | None] = [None] * len(jobs)
    _WORK = (function, jobs)  # type: ignore[assignment]
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_started) as pool:
            for index, result in pool.imap_unordered(_run_one, order, chunksize=1):
                results[index] = result
    finally:
        _WORK = None
    return results  # type: ignore[return-value]


def _run_one(index: int) -> tuple[int, object]:
    assert _WORK is not None
    function, jobs = _WORK
    return index, function(jobs[index])


def _worker_started() -> None:
    """Ctrl-C is the parent's to handle; a worker whose parent dies (even by SIGKILL) dies too."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
