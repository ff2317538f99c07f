"""Run plain-data jobs in forked worker processes, with the results in the jobs' order.

Workers are forked (``multiprocessing.get_context("fork")``), so a caller needs no
``if __name__ == "__main__"`` guard and the jobs are not sent to the workers:
they inherit them. Only each job's index (and the results of the jobs it
waits for) goes out, and its plain-data result comes back. Workers never print: they ignore Ctrl-C (the parent stops them) and
die with the parent. Where fork is unavailable, with one worker, or with fewer
than two jobs, the jobs run here, one after another; the results are the same.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import queue
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

J = TypeVar("J")
R = TypeVar("R")

# The work of the pool being run: set just before the workers are forked, so they inherit it.
_WORK: Callable[[int, list[object]], object] | None = None
_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_jobs(function: Callable[..., R], jobs: Sequence[J], workers: int,
             cost: Callable[[J], float] | None = None,
             needs: Callable[[J], Sequence[int]] | None = None) -> list[R]:
    """``[function(job) for job in jobs]``, in up to ``workers`` processes; ``function`` must not print.

    ``needs``, when given, names for each job the earlier jobs (by index) whose results it takes: it
    waits for them and runs as ``function(job, [their results])``. ``cost`` (an estimate of each job's
    time) orders the start: first the job that begins the longest chain of work (its cost and that of
    the jobs waiting on it), so that a job others wait for is not left to the end. The results keep the
    jobs' order whatever the order they finish in.
    """
    global _WORK
    needed = [tuple(needs(job)) for job in jobs] if needs is not None else [()] * len(jobs)
    if any(k >= index or k < 0 for index, earlier in enumerate(needed) for k in earlier):
        raise ValueError("a job can only need the results of jobs before it")

    def call(index: int, taken: list[object]) -> R:
        return function(jobs[index], taken) if needs is not None else function(jobs[index])

    results: list[R | None] = [None] * len(jobs)
    workers = min(workers, len(jobs))
    if workers < 2 or not can_fork():
        for index in range(len(jobs)):
            results[index] = call(index, [results[k] for k in needed[index]])
        return results  # type: ignore[return-value]
    chain = [cost(job) if cost is not None else 0.0 for job in jobs]
    for index in reversed(range(len(jobs))):  # a job's chain is final before the jobs it needs are reached
        for k in needed[index]:
            chain[k] = max(chain[k], (cost(jobs[k]) if cost is not None else 0.0) + chain[index])
    waiting = {index: set(earlier) for index, earlier in enumerate(needed) if earlier}
    ready = [index for index in range(len(jobs)) if not needed[index]]
    finished: queue.SimpleQueue[tuple[int, object] | _Failed] = queue.SimpleQueue()
    _WORK = call  # type: ignore[assignment]
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_started) as pool:
            running, left = 0, len(jobs)
            while left:
                # Only as many jobs as workers are handed out, so a job that becomes ready can still go first.
                ready.sort(key=lambda i: (chain[i], -i))
                while ready and running < workers:
                    index = ready.pop()
                    pool.apply_async(_run_one, (index, [results[k] for k in needed[index]]),
                                     callback=finished.put, error_callback=lambda error: finished.put(_Failed(error)))
                    running += 1
                outcome = finished.get()
                if isinstance(outcome, _Failed):
                    raise outcome.error
                index, result = outcome
                results[index] = result  # type: ignore[assignment]
                running, left = running - 1, left - 1
                for later, earlier in list(waiting.items()):
                    earlier.discard(index)
                    if not earlier:
                        del waiting[later]
                        ready.append(later)
    finally:
        _WORK = None
    return results  # type: ignore[return-value]


@dataclass(frozen=True)
class _Failed:
    """A job that raised in a worker: the error is raised again here."""

    error: BaseException


def _run_one(index: int, taken: list[object]) -> tuple[int, object]:
    assert _WORK is not None
    try:
        return index, _WORK(index, taken)
    finally:
        if _MALLOC_TRIM is not None:
            # Hand back what the job freed: a large job (a booklet's join) would otherwise keep the worker at
            # its peak for the rest of the build. About a millisecond a job.
            _MALLOC_TRIM(0)


# glibc's malloc_trim, in a worker on Linux; None elsewhere.
_MALLOC_TRIM: Callable[[int], int] | None = None


def _worker_started() -> None:
    """Ctrl-C is the parent's to handle; a worker whose parent dies (even by SIGKILL) dies too."""
    global _MALLOC_TRIM
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            _MALLOC_TRIM = libc.malloc_trim
