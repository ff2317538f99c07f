"""A cold `coursekit build` now against the same at an earlier commit, at 10, 50 and 200 modules.

Each side is a copy of its commit (`git archive`), which builds a synthetic course of N modules cycling
through its own spine sample course with its own benchmark code, so each side builds the course as it stood.
The two sides run in turn in the same run, on the same machine, as child processes with SOURCE_DATE_EPOCH
set, and the figures are medians of --runs runs (at 200 modules and more, one run each unless --runs-large
says otherwise). Prints each side's wall seconds, the seconds each output reported, and the ratio now/then.

    .venv/bin/python benchmarks/bench_build_compare.py --before 6d97b2c^ [--sizes 10,50,200] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EPOCH = "1767225600"  # 2026-01-01, as bench_build


def copy_of(rev: str, folder: Path) -> Path:
    """The commit's files, without its history, in ``folder``."""
    data = subprocess.run(["git", "archive", "--format=tar", rev], cwd=REPO, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(folder, filter="data")
    return folder


def make_project(copy: Path, root: Path, modules: int) -> Path:
    """The copy's own synthetic spine course, made by the copy's own code: its benchmarks/synthetic_course.py,
    or bench_build.py in commits from before that module."""
    code = (f"import sys; sys.path[:0] = [{str(copy / 'benchmarks')!r}, {str(copy)!r}]; "
            "from pathlib import Path\n"
            "try:\n    from synthetic_course import make_project\n"
            "except ImportError:\n    from bench_build import make_project\n"
            f"print(make_project(Path({str(root)!r}), {modules}))")
    done = subprocess.run([PYTHON, "-c", code], cwd=copy, capture_output=True, text=True, check=True)
    return Path(done.stdout.strip().splitlines()[-1])


def cold_build(copy: Path, project: Path, out: Path) -> tuple[float, dict[str, float]]:
    """Wall seconds of a build into an empty folder, and the seconds it reported per output."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0", PYTHONPATH=str(copy))
    if out.exists():
        subprocess.run(["rm", "-rf", str(out)], check=True)
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "toolkit", "build", str(project), "--out", str(out), "--force"],
                          cwd=copy, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"build failed with {copy.name}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    outputs = {m[1]: float(m[2]) for m in re.finditer(r"^built (\w+) in ([\d.]+) s", done.stdout, re.M)}
    return seconds, outputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the earlier commit (any git revision)")
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure below 200 modules (median shown)")
    parser.add_argument("--runs-large", type=int, default=1, help="runs per figure at 200 modules and more")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="ck-compare-") as tmp:
        work = Path(tmp)
        sides = {"before": copy_of(args.before, work / "before"), "now": copy_of("HEAD", work / "now")}
        print(f"before: {args.before} ({subprocess.run(['git', 'rev-parse', '--short', args.before], cwd=REPO, capture_output=True, text=True).stdout.strip()}), now: HEAD; {os.cpu_count()} cores")
        for size in sizes:
            runs = args.runs if size < 200 else args.runs_large
            projects = {name: make_project(copy, work / f"{name}-{size}", size) for name, copy in sides.items()}
            times: dict[str, list[float]] = {name: [] for name in sides}
            outputs: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
            for _ in range(runs):
                for name, copy in sides.items():  # in turn, so a slow minute slows both
                    seconds, reported = cold_build(copy, projects[name], work / f"out-{name}")
                    times[name].append(seconds)
                    outputs[name].append(reported)
            line = [f"{size:>4} modules ({runs} run{'s' if runs > 1 else ''}):"]
            for name in sides:
                each = {k: statistics.median(o[k] for o in outputs[name] if k in o) for k in outputs[name][0]}
                parts = ", ".join(f"{k} {v:.1f}" for k, v in each.items())
                line.append(f"{name} {statistics.median(times[name]):.1f} s ({parts})")
            ratio = statistics.median(times["now"]) / statistics.median(times["before"])
            print("  ".join(line) + f"  now/before {ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
