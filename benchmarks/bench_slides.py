"""Seconds to plan and to write the sample courses' decks, and what the fitting costs.

Plans every deck (modules and workshop) of every sample course in courses/ (or of
those named with --course), then writes them
with python-pptx; reports medians of several runs, per deck and per slide, and
the share of planning spent measuring text. For comparison it times bare
python-pptx writing the same slide titles and texts into the same template with
no fitting, notes, pictures or reproducible packaging.

    .venv/bin/python benchmarks/bench_slides.py [--runs 5] [--course ID ...]
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
    parser.add_argument("--course", action="append", default=[],
                        help="a sample course to measure (repeat for several; default: every course in courses/)")
    args = parser.parse_args()

    from toolkit.check import run_check
    from toolkit.slides import fit, plan_decks
    from toolkit.slides.writer import write_deck

    courses = run_check(REPO, course_ids=tuple(args.course)).project.courses
    planned = []  # (course, template, plans), each course's decks in a folder of its own
    for course in courses:
        template, plans, found = plan_decks(course)
        assert template is not None and not found.errors, found.format_text(REPO)
        planned.append((course, template, plans))
    decks = sum(len(plans) for _, _, plans in planned)
    slides = sum(len(p.slides) for _, _, plans in planned for p in plans)

    def plan_once() -> float:
        fit.load_metrics.cache_clear()
        start = time.perf_counter()
        for course in courses:
            plan_decks(course)
        return time.perf_counter() - start

    def folder_of(tmp: Path, course) -> Path:  # type: ignore[no-untyped-def]
        (tmp / course.id).mkdir(exist_ok=True)
        return tmp / course.id

    def write_once(tmp: Path) -> float:
        start = time.perf_counter()
        for course, template, plans in planned:
            for plan in plans:
                write_deck(plan, template, folder_of(tmp, course) / f"{plan.name}.pptx")
        return time.perf_counter() - start

    def bare_once(tmp: Path) -> float:
        return sum(write_bare_decks(plans, template, folder_of(tmp, course)) for course, template, plans in planned)

    planning, writing, bare = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            planning.append(plan_once())
            writing.append(write_once(Path(tmp)))
            bare.append(bare_once(Path(tmp)))
    p, w, b = (statistics.median(x) for x in (planning, writing, bare))
    print(f"{', '.join(c.id for c in courses)}: {decks} decks, {slides} slides, median of {args.runs} runs")
    print(f"  plan (fit every frame):   {p:6.2f} s  {1000 * p / slides:6.1f} ms/slide")
    print(f"  write (python-pptx, zip): {w:6.2f} s  {1000 * w / slides:6.1f} ms/slide")
    print(f"  bare python-pptx, same text, no fitting: {b:6.2f} s")
    print(f"  coursekit total / bare: {(p + w) / b:4.2f}")


if __name__ == "__main__":
    main()
