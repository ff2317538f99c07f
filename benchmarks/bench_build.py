"""How long `coursekit build` takes on generated courses, against a floor and a per-file pipeline (issue 7).

For each course size (10, 50 and 200 modules by default, each cycling through
the modules of one sample course: the spine course, leg-numbness-after-back-surgery,
on which the README's figures were measured, unless --course names another) it measures, as medians of several runs, with
every coursekit build run as a command (`python -m toolkit build`, a child
process, SOURCE_DATE_EPOCH set):

- a cold full build (empty output folder), and below 200 modules also one with
  `--jobs 1`, for the speed-up of the default one process per core;
- a rebuild with nothing changed, and a rebuild after editing one module (with
  the seconds the build reports for each output);
- each output on its own (`--only slides`, `handouts`, `guide`, `site`, cold);
- the comparable build: the outputs the baselines make (the site, one deck and
  one standard handout per module), made by coursekit's own library calls in
  one child process (check, module decks, standard handouts, site), because
  `--only` cannot leave out the workshop deck, large print and booklet; once
  with its handouts in one process (against the floor, which is one process),
  once in one process per core (as coursekit builds by default);
- the peak memory of a cold full build: the largest sum of the proportional
  resident memory (PSS, so pages forked workers share with the build count
  once) of the build's process tree, sampled every 50 ms from /proc, or the
  growth of resource.getrusage(RUSAGE_CHILDREN).ru_maxrss (one process's peak)
  if larger. It is a build of its own, not timed: reading a large process's
  memory map every 50 ms costs the kernel enough to slow the build it
  watches, so no timed run is watched.

And two baselines in the same run, on the same modules:

- the floor: bare python-pptx writing one deck per module with the same slide
  text (no fitting) and bare WeasyPrint rendering the same standard-handout
  HTML with the same stylesheets, one FontConfiguration and stylesheets parsed
  once, in one process (the text and HTML are made beforehand, untimed), plus
  that process's start and imports, plus a bare `mkdocs build` (Material,
  font: false) of the same modules as plain Markdown pages;
- the per-file pipeline a user would otherwise script: pandoc (from the
  pypandoc-binary package, `pip install -e ".[bench]"`) once per module to
  .pptx and once to PDF through --pdf-engine=weasyprint, then the same
  `mkdocs build`. At 200 modules and more it is run once, not --runs times.

It prints each figure, the ratios, and whether each target of issue 7 is met.
No figure here is a test: speed is measured in benchmarks/, never in a timed test.

    .venv/bin/python benchmarks/bench_build.py [--sizes 10,50,200] [--runs 3] [--course ID]
    .venv/bin/python benchmarks/bench_build.py --sizes 10 --runs 1     # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from baselines import write_bare_decks  # noqa: E402
from synthetic_course import SOURCE_COURSE, make_project, module_files, sample_courses  # noqa: E402

PYTHON = sys.executable
BIN = Path(sys.executable).parent
EPOCH = "1767225600"  # 2026-01-01, so every run writes the same bytes
OUTPUTS = ("slides", "handouts", "guide", "site")
PIPELINE_ONCE_FROM = 200  # sizes at which the slow per-file pipeline runs only once
JOBS_ONE_UP_TO = 200      # sizes below which a cold build with --jobs 1 is measured too (the --jobs speed-up)

# Targets of issue 7.
COLD_VS_FLOOR = 1.3        # comparable cold build of 50 modules / floor, at most
PIPELINE_VS_COLD = 10.0    # per-file pipeline / comparable cold build of 50 modules, at least
NOTHING_CHANGED = 0.05     # rebuild with nothing changed / cold build, at most
ONE_EDITED = 0.20          # rebuild after editing one module / cold build, at most
SCALING = 4.5              # cold(200) / cold(50), at most
MEMORY_MB = 1024.0         # peak memory, under


def environment() -> dict[str, str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # weasyprint's and mkdocs' commands, for pandoc too
    # The children import the toolkit next to this script, whatever the venv has installed (a copy of a commit can be measured).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


# ---------------------------------------------------------------- measuring a child process

def _resident(pid: int) -> int:
    """A process's share of resident memory in bytes: its PSS, so pages a forked worker still shares with its
    parent count once across the two, not twice (VmRSS where the kernel gives no PSS)."""
    for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name) as numbers:
                for line in numbers:
                    if line.startswith(field):
                        return int(line.split()[1]) * 1024
        except OSError:
            continue
    return 0


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc (0 once it is gone)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            total += _resident(p)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(command: list[str], cwd: Path | None = None, check: bool = True,
        watch_memory: bool = False) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, peak memory in MB, and the result.

    The peak is the child's ru_maxrss, or with ``watch_memory`` the largest sum over its process tree sampled
    every 50 ms if larger; sampling slows the child, so a run that watches memory is not one to time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(child.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if watch_memory:
        sampler.start()
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    done.set()
    if watch_memory:
        sampler.join()
    # ru_maxrss of the reaped children is the largest any single one reached; it only grows, so it
    # names this child's peak only when it went up. The sampled sum also counts processes running at once.
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak = max(peak, after * 1024 if after > before else 0)
    result = subprocess.CompletedProcess(command, child.returncode, out.decode(errors="replace"), err.decode(errors="replace"))
    if check and child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, peak / 2**20, result


def build(project: Path, out: Path, only: tuple[str, ...] = (), jobs: int | None = None,
          watch_memory: bool = False) -> tuple[float, float, dict[str, float]]:
    """Wall seconds and peak MB of a `coursekit build` command, and the seconds it reported for each output."""
    command = [PYTHON, "-m", "toolkit", "build", str(project), "--out", str(out)]
    if only:
        command += ["--only", ",".join(only)]
    if jobs:
        command += ["--jobs", str(jobs)]
    seconds, peak, result = run(command, watch_memory=watch_memory)
    outputs = {match[1]: float(match[2]) for match in re.finditer(r"^built (\w+) in ([\d.]+) s", result.stdout, re.M)}
    return seconds, peak, outputs


# ---------------------------------------------------------------- the synthetic course

def edit_one_module(project: Path, run_number: int) -> None:
    """Add a short paragraph to the middle module, as an author fixing a sentence would."""
    files = module_files(project)
    path = files[len(files) // 2]
    path.write_text(path.read_text().rstrip("\n") + f"\n\nAsk your care team if anything here is unclear ({run_number}).\n")


def make_plain_site(project: Path, folder: Path) -> Path:
    """The same modules as plain Markdown pages (front matter and block fences dropped) under bare Material."""
    docs = folder / "docs"
    (docs / "modules").mkdir(parents=True)
    shutil.copytree(project / "courses" / "synthetic" / "media", docs / "media")
    (docs / "index.md").write_text("# Course\n\n" + "".join(f"- [{p.stem}](modules/{p.name})\n" for p in module_files(project)))
    for path in module_files(project):
        _, front, body = path.read_text().split("---\n", 2)
        title = next((line.split(":", 1)[1].strip() for line in front.splitlines() if line.startswith("title:")), path.stem)
        lines = [line for line in body.splitlines() if not line.startswith(":::")]
        (docs / "modules" / path.name).write_text(f"# {title}\n\n" + "\n".join(lines) + "\n")
    (folder / "mkdocs.yml").write_text("site_name: Benchmark\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n")
    return folder


def bare_mkdocs(plain: Path) -> float:
    shutil.rmtree(plain / "site", ignore_errors=True)
    seconds, _, _ = run([str(BIN / "mkdocs"), "build", "--quiet", "-f", str(plain / "mkdocs.yml"), "-d", str(plain / "site")])
    return seconds


# ---------------------------------------------------------------- child modes (run by this script as a command)

def child_comparable(project: Path, out: Path, workers: int = 1) -> None:
    """coursekit, through its library, making only what the baselines make: site, module decks, standard handouts
    (rendered in ``workers`` processes)."""
    from toolkit.build import BuildContext, BuildSettings, builder
    from toolkit.check import run_check
    from toolkit.handouts import compose_documents, plan_course_handouts, render_documents, write_documents
    from toolkit.rendering import completed
    from toolkit.reproducible import source_date
    from toolkit.slides import plan_decks
    from toolkit.slides.writer import write_deck

    checked = run_check(project)
    assert checked.ok, checked.diagnostics.format_text(project)
    created = source_date(checked.project.courses)
    for course in checked.project.courses:
        template, plans, found = plan_decks(course, created=created)
        assert template is not None and not found.errors, found.format_text(project)
        folder = out / "slides" / course.id
        folder.mkdir(parents=True, exist_ok=True)
        for plan in plans[:-1]:  # the module decks; the last is the workshop deck
            write_deck(plan, template, folder / f"{plan.name}.pptx")
        handouts = [p for p in plan_course_handouts(checked.project, course, paper=course.theme.meta.paper, created=created)
                    if p.kind == "module" and p.variant == "standard"]
        documents, found = compose_documents(checked.project, handouts)
        pdfs, problems = render_documents(checked.project, documents, workers=workers)
        assert not found.errors and not problems.errors and len(pdfs) == len(handouts), problems.format_text(project)
        write_documents(out, pdfs)
    settings = BuildSettings(out=out, only=("site",))
    site = completed(builder("site")(BuildContext(checked.project, settings, created), out), workers)
    assert not site.errors, site.format_text(project)


def child_floor(project: Path, out: Path) -> None:
    """Bare python-pptx and bare WeasyPrint writing the same decks and handouts; prints the timed seconds as JSON."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from toolkit.check import run_check
    from toolkit.handouts import compose_documents, plan_course_handouts
    from toolkit.handouts.writer import PDF_VARIANT, print_css_path, theme_css
    from toolkit.reproducible import source_date
    from toolkit.slides import plan_decks

    # Untimed: the same slide text and the same HTML coursekit makes.
    checked = run_check(project)
    created = source_date(checked.project.courses)
    course = checked.project.courses[0]
    template, plans, _ = plan_decks(course, created=created)
    plans = plans[:-1]
    handouts = [p for p in plan_course_handouts(checked.project, course, paper=course.theme.meta.paper, created=created)
                if p.kind == "module" and p.variant == "standard"]
    documents, _ = compose_documents(checked.project, handouts)
    base_url = checked.project.root.resolve().as_uri() + "/"
    out.mkdir(parents=True, exist_ok=True)

    decks = write_bare_decks(plans, template, out)

    start = time.perf_counter()
    config = FontConfiguration()
    sheets: dict[str, list] = {}
    for document in documents:
        paper = document.plan.paper
        if paper not in sheets:
            sheets[paper] = [CSS(string=theme_css(course.theme, paper), font_config=config),
                             CSS(filename=str(print_css_path(course.theme)), font_config=config)]
        HTML(string=document.html, base_url=base_url).write_pdf(
            str(out / f"{document.plan.name}.pdf"), stylesheets=sheets[paper], font_config=config,
            pdf_variant=PDF_VARIANT, pdf_identifier=document.plan.identifier)
    pdfs = time.perf_counter() - start
    print(json.dumps({"decks": decks, "handouts": pdfs, "slides": sum(len(p.slides) for p in plans)}))


def startup_and_imports() -> float:
    seconds, _, _ = run([PYTHON, "-c", "import pptx, weasyprint, weasyprint.text.fonts"])
    return seconds


def floor(project: Path, work: Path, plain: Path) -> dict[str, float]:
    shutil.rmtree(work, ignore_errors=True)
    _, _, result = run([PYTHON, __file__, "--child-floor", str(project), str(work)])
    timed = json.loads(result.stdout.strip().splitlines()[-1])
    parts = {"python-pptx decks": timed["decks"], "WeasyPrint handouts": timed["handouts"],
             "process start + imports": startup_and_imports(), "bare mkdocs build": bare_mkdocs(plain)}
    parts["total"] = sum(parts.values())
    return parts


def comparable(project: Path, out: Path, workers: int = 1) -> float:
    shutil.rmtree(out, ignore_errors=True)
    seconds, _, _ = run([PYTHON, __file__, "--child-comparable", str(project), str(out), str(workers)])
    return seconds


def pandoc_path() -> str:
    try:
        import pypandoc
    except ImportError:
        raise SystemExit('pandoc is missing: install the bench extra, `.venv/bin/pip install -e ".[bench]"`') from None
    return pypandoc.get_pandoc_path()


def pipeline(project: Path, work: Path, plain: Path, pandoc: str) -> tuple[dict[str, float], list[str]]:
    """pandoc once per module to .pptx and to PDF (through WeasyPrint), then mkdocs build; and what failed."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    failures: list[str] = []
    decks = pdfs = 0.0
    for path in module_files(project):
        seconds, _, result = run([pandoc, path.name, "-o", str(work / f"{path.stem}.pptx")], cwd=path.parent, check=False)
        decks += seconds
        if result.returncode:
            failures.append(f"{path.name} → pptx: {result.stderr.strip().splitlines()[-1:] }")
        seconds, _, result = run([pandoc, path.name, "-o", str(work / f"{path.stem}.pdf"), "--pdf-engine=weasyprint"],
                                 cwd=path.parent, check=False)
        pdfs += seconds
        if result.returncode:
            failures.append(f"{path.name} → pdf: {result.stderr.strip().splitlines()[-1:]}")
    parts = {"pandoc → .pptx, per module": decks, "pandoc → PDF (weasyprint), per module": pdfs,
             "mkdocs build": bare_mkdocs(plain)}
    parts["total"] = sum(parts.values())
    return parts, failures


# ---------------------------------------------------------------- one size

def progress(message: str) -> None:
    print(f"  ... {time.strftime('%H:%M:%S')} {message}", flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure(size: int, runs: int, tmp: Path, pandoc: str, course_id: str = SOURCE_COURSE) -> dict:
    root = tmp / f"size-{size}"
    project = make_project(root / "project", size, course_id)
    plain = make_plain_site(project, root / "plain")
    out = root / "out"
    figures: dict[str, list[float]] = {k: [] for k in ("cold", "cold_one_job", "nothing", "edited", "comparable",
                                                       "comparable_parallel", *OUTPUTS)}
    edited_outputs: list[dict[str, float]] = []
    peaks: list[float] = []
    floors: list[dict[str, float]] = []
    pipes: list[dict[str, float]] = []
    failures: list[str] = []
    pipeline_runs = 1 if size >= PIPELINE_ONCE_FROM else runs
    for number in range(runs):
        progress(f"{size} modules, run {number + 1}/{runs}: full builds")
        shutil.rmtree(out, ignore_errors=True)
        figures["cold"].append(build(project, out)[0])
        figures["nothing"].append(build(project, out)[0])
        edit_one_module(project, number)
        seconds, _, outputs = build(project, out)
        figures["edited"].append(seconds)
        edited_outputs.append(outputs)
        progress(f"{size} modules, run {number + 1}/{runs}: peak memory of a cold build (not timed)")
        shutil.rmtree(out, ignore_errors=True)
        peaks.append(build(project, out, watch_memory=True)[1])
        if size < JOBS_ONE_UP_TO:
            progress(f"{size} modules, run {number + 1}/{runs}: full build, --jobs 1")
            shutil.rmtree(out, ignore_errors=True)
            figures["cold_one_job"].append(build(project, out, jobs=1)[0])
        progress(f"{size} modules, run {number + 1}/{runs}: each output alone")
        for name in OUTPUTS:
            shutil.rmtree(out, ignore_errors=True)
            figures[name].append(build(project, out, (name,))[0])
        progress(f"{size} modules, run {number + 1}/{runs}: comparable build and floor")
        figures["comparable"].append(comparable(project, root / "comparable"))
        figures["comparable_parallel"].append(comparable(project, root / "comparable", os.cpu_count() or 1))
        floors.append(floor(project, root / "floor", plain))
        if number < pipeline_runs:
            progress(f"{size} modules, run {number + 1}/{runs}: per-file pipeline (pandoc)")
            parts, failed = pipeline(project, root / "pipeline", plain, pandoc)
            pipes.append(parts)
            failures = failures or failed
    shutil.rmtree(root, ignore_errors=True)
    return {
        "size": size, "runs": runs, "pipeline_runs": pipeline_runs,
        **{k: median(v) if v else None for k, v in figures.items()},
        "edited_outputs": {k: median([o.get(k, 0.0) for o in edited_outputs]) for k in OUTPUTS},
        "peak_mb": median(peaks),
        "peak_mb_largest": max(peaks),
        "floor": {k: median([f[k] for f in floors]) for k in floors[0]},
        "pipeline": {k: median([p[k] for p in pipes]) for k in pipes[0]},
        "pipeline_failures": failures,
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(r: dict) -> None:
    size, cold, comp = r["size"], r["cold"], r["comparable"]
    floor_total, pipe_total = r["floor"]["total"], r["pipeline"]["total"]
    print(f"\n{size} modules (median of {r['runs']} runs; per-file pipeline: {r['pipeline_runs']} run"
          f"{'s' if r['pipeline_runs'] != 1 else ''})", flush=True)
    print(f"  coursekit build, cold, all outputs                 {cold:8.2f} s")
    print(f"  rebuild, nothing changed                           {r['nothing']:8.2f} s   {r['nothing'] / cold:6.1%} of cold "
          f"(target at most {NOTHING_CHANGED:.0%}: {verdict(r['nothing'] <= NOTHING_CHANGED * cold)})")
    print(f"  rebuild, one module edited                         {r['edited']:8.2f} s   {r['edited'] / cold:6.1%} of cold "
          f"(target at most {ONE_EDITED:.0%}: {verdict(r['edited'] <= ONE_EDITED * cold)})")
    print("    of which, as the build reported: " + ", ".join(f"{k} {v:.2f} s" for k, v in r["edited_outputs"].items()))
    if r["cold_one_job"] is not None:
        print(f"  coursekit build, cold, all outputs, --jobs 1       {r['cold_one_job']:8.2f} s   "
              f"--jobs {os.cpu_count()} is {r['cold_one_job'] / cold:.2f}x as fast")
    for name in OUTPUTS:
        print(f"  --only {name:<44}{r[name]:8.2f} s")
    print(f"  comparable outputs (site, module decks, standard handouts), coursekit, one process {comp:8.2f} s")
    print(f"  the same, handouts in {os.cpu_count()} processes (as coursekit builds by default) {r['comparable_parallel']:8.2f} s")
    print(f"  peak memory of a cold build                        {r['peak_mb']:8.0f} MB  (largest run {r['peak_mb_largest']:.0f} MB; "
          f"target under {MEMORY_MB:.0f} MB: {verdict(r['peak_mb'] < MEMORY_MB)})")
    print("  floor, same outputs:")
    for name, seconds in r["floor"].items():
        print(f"    {name:<49}{seconds:8.2f} s")
    print("  per-file pipeline, same outputs:")
    for name, seconds in r["pipeline"].items():
        print(f"    {name:<49}{seconds:8.2f} s")
    for failure in r["pipeline_failures"]:
        print(f"    failed: {failure}")
    target = size == 50
    print(f"  comparable / floor                                 {comp / floor_total:8.2f}x"
          + (f"  (target at most {COLD_VS_FLOOR}x: {verdict(comp / floor_total <= COLD_VS_FLOOR)})" if target else ""))
    print(f"  full build / floor (full build makes more)         {cold / floor_total:8.2f}x")
    print(f"  per-file pipeline / comparable                     {pipe_total / comp:8.2f}x"
          + (f"  (target at least {PIPELINE_VS_COLD:.0f}x: {verdict(pipe_total / comp >= PIPELINE_VS_COLD)})" if target else ""))
    print(f"  per-file pipeline / comparable in {os.cpu_count()} processes          {pipe_total / r['comparable_parallel']:8.2f}x")
    print(f"  per-file pipeline / floor (one process, same libraries)     {pipe_total / floor_total:8.2f}x")
    print(f"  per-file pipeline / full build                     {pipe_total / cold:8.2f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,50,200", help="comma-separated module counts (default 10,50,200)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown (default 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--course", default=SOURCE_COURSE, choices=sample_courses(),
                        help=f"the sample course whose modules the generated courses cycle through (default {SOURCE_COURSE})")
    parser.add_argument("--child-comparable", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-floor", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_comparable:
        project, out, workers = args.child_comparable
        return child_comparable(Path(project), Path(out), int(workers))
    if args.child_floor:
        return child_floor(*args.child_floor)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    pandoc = pandoc_path()
    print(f"coursekit build benchmark: sizes {sizes} from {args.course}'s modules, {args.runs} run(s) each, "
          f"{os.cpu_count()} CPUs, SOURCE_DATE_EPOCH={EPOCH}", flush=True)
    results = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
        for size in sizes:
            results.append(measure(size, args.runs, Path(tmp), pandoc, args.course))
            report(results[-1])
            if args.json:
                args.json.write_text(json.dumps(results, indent=2))
    by_size = {r["size"]: r for r in results}
    print("\nScaling")
    if 50 in by_size and 200 in by_size:
        for key, label in (("cold", "full build"), ("comparable", "comparable outputs")):
            ratio = by_size[200][key] / by_size[50][key]
            print(f"  {label}: time(200) / time(50) = {ratio:.2f} (target at most {SCALING}: {verdict(ratio <= SCALING)})")
    else:
        print("  time(200) / time(50): not measured (needs --sizes with 50 and 200)")
    peak = max(r["peak_mb"] for r in results)
    print(f"  peak memory, largest size: {peak:.0f} MB (target under {MEMORY_MB:.0f} MB: {verdict(peak < MEMORY_MB)})")
    print(f"\nwhole benchmark: {(time.perf_counter() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
