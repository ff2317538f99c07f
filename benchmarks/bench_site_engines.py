"""How long the course site takes with each site engine, against a bare `mkdocs build` of the same pages.

For each course size (10, 50 and 200 modules by default, generated from the spine sample course's modules
by synthetic_course.py, `--course` for another) it times, as medians of --runs runs:

- the baseline: a bare `mkdocs build` (Material, no coursekit plugin) of the site's source that coursekit
  writes, written once beforehand by coursekit's own functions (check, plan the site, make its source, write
  it) into a folder with a minimal mkdocs.yml: theme `material`, the Markdown extensions the pages need,
  the source's nav, stylesheets and script. This is the engine's work alone, on identical pages;
- `coursekit build --only site --site-engine E` for each engine installed here, each run into a new output
  folder, so the up-to-date shortcut never applies: check, plan and write the source, then the engine.

Every timed build is a command in a fresh child process, as a user would run it, with SOURCE_DATE_EPOCH set.
Within a run the builds take turns, so a busy minute on the machine slows all of them. It prints a Markdown
table (one row per engine, one column per size: median seconds and the ratio against the baseline of the
same size in the same run), the seconds each build reported for its site step, the core count and the
engines' versions. No figure here is a test: speed is measured in benchmarks/, never in a timed test.

    .venv/bin/python benchmarks/bench_site_engines.py [--sizes 10,50,200] [--runs 5] [--course ID]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_course import SOURCE_COURSE, make_project, sample_courses  # noqa: E402

PYTHON = sys.executable
BIN = Path(sys.executable).parent
EPOCH = "1767225600"  # 2026-01-01, as the other benchmarks
PACKAGES = ("mkdocs", "mkdocs-material", "properdocs", "zensical")
BASELINE = "bare `mkdocs build` of the same pages"


def environment() -> dict[str, str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    # The children import the toolkit beside this script, whatever the venv has installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def timed(command: list[str]) -> tuple[float, str]:
    """Wall seconds of ``command`` in a child process, and what it printed; stops the benchmark if it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, env=environment(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, done.stdout


# ---------------------------------------------------------------- the baseline

def write_bare_site(project: Path, folder: Path) -> dict[str, str]:
    """The site's source as coursekit writes it, in ``folder``/docs, with a minimal mkdocs.yml and no coursekit
    plugin; returns each page's source name and the HTML file it becomes."""
    from toolkit.check import run_check
    from toolkit.site.pages import plan_site
    from toolkit.site.site_source import MARKDOWN_EXTENSIONS, make_site_source, page_file, write_site_source

    checked = run_check(project)
    if not checked.ok:
        raise SystemExit(checked.diagnostics.format_text(project))
    source = make_site_source(checked.project, plan_site(checked.project))
    write_site_source(source, folder / "docs")
    config = {
        "site_name": "Benchmark",
        "use_directory_urls": True,
        "theme": {"name": "material", "font": False},  # as the project's mkdocs.yml: no web fonts
        "markdown_extensions": list(MARKDOWN_EXTENSIONS),
        "nav": source.nav,
        "extra_css": list(source.extra_css),
        "extra_javascript": list(source.extra_javascript),
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return {uri: page_file(uri) for uri in source.pages}


def bare_build(folder: Path, site: Path) -> float:
    shutil.rmtree(site, ignore_errors=True)
    seconds, _ = timed([str(BIN / "mkdocs"), "build", "--quiet", "-f", str(folder / "mkdocs.yml"), "-d", str(site)])
    return seconds


def check_bare_site(site: Path, pages: dict[str, str]) -> None:
    """Every page published with its marker: the baseline did the same pages' work."""
    from toolkit.site.staging import has_marker

    missing = [uri for uri, name in pages.items()
               if not (site / name).is_file() or not has_marker((site / name).read_text(encoding="utf-8"), uri)]
    if missing:
        raise SystemExit(f"the bare build left out {len(missing)} page(s), such as {missing[0]}")


# ---------------------------------------------------------------- coursekit

def coursekit_build(project: Path, out: Path, engine: str) -> tuple[float, float | None]:
    """Wall seconds of `coursekit build --only site --site-engine ENGINE` into a new folder, and the seconds the
    build reported for its site step."""
    shutil.rmtree(out, ignore_errors=True)
    seconds, printed = timed([PYTHON, "-m", "toolkit", "build", str(project), "--out", str(out), "--only", "site",
                              "--site-engine", engine, "--force"])
    reported = re.search(r"^built site in ([\d.]+) s", printed, re.M)
    return seconds, float(reported[1]) if reported else None


# ---------------------------------------------------------------- one size, the report

def progress(message: str) -> None:
    print(f"  ... {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def measure(size: int, runs: int, engines: tuple[str, ...], tmp: Path, course_id: str) -> dict[str, dict[str, float | None]]:
    """Median seconds of the baseline and of each engine's build at ``size`` modules, and the site steps'."""
    root = tmp / f"size-{size}"
    project = make_project(root / "project", size, course_id)
    bare = root / "bare"
    pages = write_bare_site(project, bare)
    walls: dict[str, list[float]] = {name: [] for name in (BASELINE, *engines)}
    steps: dict[str, list[float]] = {name: [] for name in engines}
    for number in range(runs):
        progress(f"{size} modules, run {number + 1}/{runs}")
        walls[BASELINE].append(bare_build(bare, root / "bare-site"))
        if number == 0:
            check_bare_site(root / "bare-site", pages)
        for engine in engines:  # in turn, so a busy minute slows every engine
            seconds, step = coursekit_build(project, root / f"out-{engine}", engine)
            walls[engine].append(seconds)
            if step is not None:
                steps[engine].append(step)
    shutil.rmtree(root, ignore_errors=True)
    return {"wall": {k: statistics.median(v) for k, v in walls.items()},
            "step": {k: statistics.median(v) if v else None for k, v in steps.items()}}


def versions() -> str:
    def of(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "not installed"
    return ", ".join(f"{package} {of(package)}" for package in PACKAGES)


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    return f"{head or 'unknown'}{' with uncommitted changes' if dirty else ''}"


def report(sizes: list[int], runs: int, results: dict[int, dict[str, dict[str, float | None]]],
           engines: tuple[str, ...]) -> None:
    print(f"\nMedian wall seconds of {runs} run{'s' if runs != 1 else ''} (ratio: against the bare build of the same size)\n")
    print("| site build | " + " | ".join(f"{size} modules" for size in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    print(f"| {BASELINE} (baseline) | " + " | ".join(f"{results[s]['wall'][BASELINE]:.2f} s" for s in sizes) + " |")
    for engine in engines:
        cells = []
        for size in sizes:
            wall, base = results[size]["wall"][engine], results[size]["wall"][BASELINE]
            assert wall is not None and base is not None
            cells.append(f"{wall:.2f} s ({wall / base:.2f}x)")
        print(f"| `coursekit build --only site --site-engine {engine}` | " + " | ".join(cells) + " |")
    print("\nOf which the site step, as each build reported it (after checking and planning)\n")
    print("| engine | " + " | ".join(f"{size} modules" for size in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for engine in engines:
        cells = [f"{step:.2f} s" if (step := results[s]["step"][engine]) is not None else "not reported" for s in sizes]
        print(f"| {engine} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,50,200", help="comma-separated module counts (default 10,50,200)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; the median is shown (default 5)")
    parser.add_argument("--course", default=SOURCE_COURSE, choices=sample_courses(),
                        help=f"the sample course whose modules the generated courses cycle through (default {SOURCE_COURSE})")
    args = parser.parse_args()
    from toolkit.site.engines import installed_engines

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    engines = installed_engines()
    print(f"site engines benchmark: sizes {sizes} from {args.course}'s modules, {args.runs} run(s) each; "
          f"commit {commit()}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} before", flush=True)
    print(f"engines installed: {', '.join(engines)}; {versions()}", flush=True)
    started = time.perf_counter()
    results = {}
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-site-") as tmp:
        for size in sizes:
            results[size] = measure(size, args.runs, engines, Path(tmp), args.course)
    report(sizes, args.runs, results, engines)
    print(f"\nload average {os.getloadavg()[0]:.2f} after; whole benchmark {(time.perf_counter() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
