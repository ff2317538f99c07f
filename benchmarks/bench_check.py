"""How long `coursekit check` takes on a generated 500-module course.

The generated course cycles through the modules of one sample course in courses/: the spine course
(leg-numbness-after-back-surgery, which the README's figures were measured on) unless --course names another.

Prints medians of several runs and the ratio against a floor measured in the
same run: reading the same files with bare PyYAML and markdown-it-py in one
process, which is the least any checker of this format must do. The headline is
the command, cold: a new `python -m toolkit check` process each run, with the
default jobs (one per core). The in-process figures run the same check in this
process, with the default jobs and with one job, its imports, dictionaries and
per-word caches already warm, as an editor integration would have them. No run
reuses another's results. The load average is printed before and after: other
work on the machine takes cores from the workers and slows every figure.

    .venv/bin/python benchmarks/bench_check.py [--modules 500] [--runs 5] [--course ID]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # measure the toolkit beside this script, in this process and in the command
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_course import SOURCE_COURSE, make_course, sample_courses  # noqa: E402


def time_floor(root: Path) -> float:
    """Seconds to parse every file of the project with bare PyYAML and markdown-it-py."""
    md = MarkdownIt("commonmark").enable("table")
    start = time.perf_counter()
    for path in sorted(root.rglob("*.md")):
        text = path.read_text()
        _, front, body = text.split("---\n", 2)
        yaml.safe_load(front)
        md.parse(body)
    for path in sorted(root.rglob("*.yml")):
        yaml.safe_load(path.read_text())
    return time.perf_counter() - start


def time_in_process(root: Path, jobs: int) -> float:
    """Seconds for the check the command runs, in this process."""
    from toolkit.check import check_files

    start = time.perf_counter()
    check_files(root, jobs=jobs)
    return time.perf_counter() - start


def time_command(root: Path) -> float:
    """Seconds for `python -m toolkit check`, from starting the process to its exit."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "toolkit", "check", str(root)], stdout=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--course", default=SOURCE_COURSE, choices=sample_courses(),
                        help=f"the sample course whose modules the generated course cycles through (default {SOURCE_COURSE})")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(f"{cores} cores, load average {os.getloadavg()[0]:.2f} before the runs")
    with tempfile.TemporaryDirectory() as tmp:
        root = make_course(Path(tmp), args.modules, args.course)
        time_in_process(root, cores)  # load the imports and dictionaries once, as an editor integration would
        floor = [time_floor(root) for _ in range(args.runs)]
        command = [time_command(root) for _ in range(args.runs)]
        in_process = [time_in_process(root, cores) for _ in range(args.runs)]
        one_job = [time_in_process(root, 1) for _ in range(args.runs)]
    floor_m, command_m, in_process_m, one_job_m = (statistics.median(x) for x in (floor, command, in_process, one_job))
    print(f"coursekit check on a {args.modules}-module course from {args.course}'s modules (median of {args.runs} runs)")
    print(f"  {'floor: bare PyYAML + markdown-it parse':<44}{floor_m:7.3f} s")
    for label, seconds in ((f"`coursekit check` command, cold, {cores} jobs", command_m),
                           (f"check, in process, {cores} jobs", in_process_m), ("check, in process, 1 job", one_job_m)):
        print(f"  {label:<44}{seconds:7.3f} s   {seconds / floor_m:5.2f}x floor")
    print(f"  {'target: command under 2 s':<44}{'met' if command_m < 2 else 'NOT met'}")
    print(f"load average {os.getloadavg()[0]:.2f} after the runs")


if __name__ == "__main__":
    main()
