"""The documents of several outputs rendered in one pool of workers, the longest first, so no core idles
while one long document (a workshop deck, the guide) renders and the next output waits its turn.

A rendering may end in last steps that take some of its jobs' results (the booklet, joined from its
pieces): each runs in the pool as soon as those jobs are done, beside the other outputs' documents."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.diagnostics import Diagnostics
from toolkit.parallel import run_jobs


@dataclass(frozen=True)
class Rendering:
    """What an output's builder leaves to the shared pool: plain-data jobs, the function that renders one (in
    a worker or here; it must not print), an estimate of each job's seconds, and what to do with the results.

    ``files`` are the files it will have written once finished, so an output that offers them (the site)
    can be made beside it.
    """

    jobs: Sequence[Any]
    render: Callable[[Any], Any]
    seconds: Callable[[Any], float]
    finish: Callable[[list[Any]], Diagnostics]  # the jobs' results, then the last steps': files written, findings
    last: Sequence[LastStep] = ()
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class LastStep:
    """Work on the results of some of a rendering's jobs (by index), in a worker or here; it must not print."""

    needs: tuple[int, ...]
    run: Callable[[list[Any]], Any]
    seconds: float  # an estimate, so the jobs it waits for start early


@dataclass(frozen=True)
class Rendered:
    """A rendering's results, in its jobs' order, and the seconds its jobs took in all (on any core)."""

    results: list[Any]
    seconds: float


def render_together(renderings: Sequence[Rendering], workers: int) -> list[Rendered]:
    """Every rendering's jobs in one pool of up to ``workers`` processes; the results do not depend on their number."""
    tagged: list[tuple[int, Any, tuple[int, ...]]] = []  # (rendering, job or last step, the pool's jobs it needs)
    for index, rendering in enumerate(renderings):
        first = len(tagged)
        tagged += [(index, job, ()) for job in rendering.jobs]
        tagged += [(index, step, tuple(first + k for k in step.needs)) for step in rendering.last]

    def render(item: tuple[int, Any, tuple[int, ...]], taken: list[Any]) -> tuple[float, Any]:
        index, work, _ = item
        started = time.perf_counter()
        result = work.run([result for _, result in taken]) if isinstance(work, LastStep) else renderings[index].render(work)
        return time.perf_counter() - started, result

    def cost(item: tuple[int, Any, tuple[int, ...]]) -> float:
        index, work, _ = item
        return work.seconds if isinstance(work, LastStep) else renderings[index].seconds(work)

    timed = run_jobs(render, tagged, workers, cost=cost, needs=lambda item: item[2])
    results: list[list[Any]] = [[] for _ in renderings]
    seconds = [0.0] * len(renderings)
    for (index, _, _), (took, result) in zip(tagged, timed):
        results[index].append(result)
        seconds[index] += took
    return [Rendered(r, s) for r, s in zip(results, seconds)]


def completed(produced: Diagnostics | Rendering, workers: int = 1) -> Diagnostics:
    """What a builder found, once its rendering (if it left one) is done and finished."""
    if isinstance(produced, Diagnostics):
        return produced
    return produced.finish(render_together([produced], workers)[0].results)
