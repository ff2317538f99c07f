"""Seconds to plan and to write the sample course's decks, and what the fitting costs.

Plans every deck (modules and workshop) of the sample course, then writes them
with python-pptx; reports medians of several runs, per deck and per slide, and
the share of planning spent measuring text. For comparison it times bare
python-pptx writing the same slide titles and texts into the same template with
no fitting, notes, pictures or reproducible packaging.

    .venv/bin/python benchmarks/bench_slides.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from baselines import write_bare_decks  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from toolkit.check import run_check
    from toolkit.slides import fit, plan_decks
    from toolkit.slides.writer import write_deck

    course = run_check(REPO).project.courses[0]
    template, plans, found = plan_decks(course)
    assert template is not None and not found.errors, found.format_text(REPO)
    slides = sum(len(p.slides) for p in plans)

    def plan_once() -> float:
        fit.load_metrics.cache_clear()
        start = time.perf_counter()
        plan_decks(course)
        return time.perf_counter() - start

    def write_once(folder: Path) -> float:
        start = time.perf_counter()
        for plan in plans:
            write_deck(plan, template, folder / f"{plan.name}.pptx")
        return time.perf_counter() - start

    def bare_once(folder: Path) -> float:
        return write_bare_decks(plans, template, folder)

    planning, writing, bare = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            planning.append(plan_once())
            writing.append(write_once(Path(tmp)))
            bare.append(bare_once(Path(tmp)))
    p, w, b = (statistics.median(x) for x in (planning, writing, bare))
    print(f"{len(plans)} decks, {slides} slides, median of {args.runs} runs")
    print(f"  plan (fit every frame):   {p:6.2f} s  {1000 * p / slides:6.1f} ms/slide")
    print(f"  write (python-pptx, zip): {w:6.2f} s  {1000 * w / slides:6.1f} ms/slide")
    print(f"  bare python-pptx, same text, no fitting: {b:6.2f} s")
    print(f"  coursekit total / bare: {(p + w) / b:4.2f}")


if __name__ == "__main__":
    main()
