"""The documents of several outputs rendered in one pool of workers, the longest first, so no core idles
while one long document (a booklet, a workshop deck) renders and the next output waits its turn."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.diagnostics import Diagnostics
from toolkit.parallel import run_jobs


@dataclass(frozen=True)
class Rendering:
    """What an output's builder leaves to the shared pool: plain-data jobs, the function that renders one (in
    a worker or here; it must not print), an estimate of each job's seconds, and what to do with the results."""

    jobs: Sequence[Any]
    render: Callable[[Any], Any]
    seconds: Callable[[Any], float]
    finish: Callable[[list[Any]], Diagnostics]  # the results, in the jobs' order: files written, findings


@dataclass(frozen=True)
class Rendered:
    """A rendering's results, in its jobs' order, and the seconds its jobs took in all (on any core)."""

    results: list[Any]
    seconds: float


def render_together(renderings: Sequence[Rendering], workers: int) -> list[Rendered]:
    """Every rendering's jobs in one pool of up to ``workers`` processes; the results do not depend on their number."""
    tagged = [(index, job) for index, rendering in enumerate(renderings) for job in rendering.jobs]

    def render(item: tuple[int, Any]) -> tuple[float, Any]:
        started = time.perf_counter()
        result = renderings[item[0]].render(item[1])
        return time.perf_counter() - started, result

    timed = run_jobs(render, tagged, workers, cost=lambda item: renderings[item[0]].seconds(item[1]))
    results: list[list[Any]] = [[] for _ in renderings]
    seconds = [0.0] * len(renderings)
    for (index, _), (took, result) in zip(tagged, timed):
        results[index].append(result)
        seconds[index] += took
    return [Rendered(r, s) for r, s in zip(results, seconds)]


def completed(produced: Diagnostics | Rendering, workers: int = 1) -> Diagnostics:
    """What a builder found, once its rendering (if it left one) is done and finished."""
    if isinstance(produced, Diagnostics):
        return produced
    return produced.finish(render_together([produced], workers)[0].results)
