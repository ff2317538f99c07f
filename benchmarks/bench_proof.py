"""Seconds to make the sample courses' proofs, against the programs it drives doing only their own part.

Builds the sample courses once (so every proof run finds the build up to date), then times `coursekit proof`
of every sample course in courses/ (or of those named with --course) several times. Baselines, timed in the same run: one bare LibreOffice run printing every deck to PDF, and
one bare Chromium (Playwright) run taking a full-page phone shot of every page; the proof does both in the
build's pool, then composes the pack. Reports medians and the proof's ratio to the sum and to the larger.

    .venv/bin/python benchmarks/bench_proof.py [--runs 3] [--jobs 2] [--course ID ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--course", action="append", default=[],
                        help="a sample course to prove (repeat for several; default: every course in courses/)")
    args = parser.parse_args()

    from toolkit.build import BuildSettings, run_build
    from toolkit.handouts.fonts import font_folders
    from toolkit.proof import ProofSettings, run_proof, tools
    from toolkit.proof.decks import DeckJob
    from toolkit.proof.screens import CHROMIUM_ARGS, PHONE, SCALE, served
    from toolkit.site.pages import course_page_uri, directory_urls, module_page_uri, page_address

    office, browser = tools.libreoffice(), tools.chromium()
    if not (office.found and browser.found):
        sys.exit("needs LibreOffice, Chromium and Playwright: run `make proof` once, or `make test`")
    work = Path(tempfile.mkdtemp(prefix="bench-proof-"))
    out = work / "build"
    built = run_build(REPO, BuildSettings(out=out, jobs=args.jobs))
    assert built.ok, built.diagnostics.format_text(REPO)
    from toolkit.check import run_check

    project = run_check(REPO).project
    courses = [c for c in project.courses if not args.course or c.id in args.course]
    assert courses and len(courses) == len(args.course or courses), f"no such course: {args.course}"
    # Each course's decks print to a folder of their own: two courses may both have a `warning-signs` deck.
    decks = {course.id: tuple(sorted((out / "slides" / course.id).glob("*.pptx"))) for course in courses}
    folders = directory_urls(REPO)
    pages = [page_address(uri, folders) for course in courses  # the pages the proof shows
             for uri in (course_page_uri(project, course), *(module_page_uri(course, m) for m in course.modules))]

    def proof() -> None:
        result = run_proof(REPO, ProofSettings(out=out, jobs=args.jobs, course_ids=tuple(c.id for c in courses)))
        assert result.ok and len(result.written) == len(courses), result.diagnostics.format_text(REPO)

    def bare_office(run: int) -> None:
        for course_id, course_decks in decks.items():
            folder = work / f"office-{run}" / course_id
            job = DeckJob(office.path or "", course_decks, folder / "pdf", folder,
                          tuple(font_folders("fontpkg_atkinson_hyperlegible")), 0)
            assert job.run().failure is None

    def bare_browser() -> None:
        from playwright.sync_api import sync_playwright

        with served(out / "site") as origin, sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=browser.path, args=list(CHROMIUM_ARGS))
            page = chromium.new_context(viewport={"width": PHONE[0], "height": PHONE[1]},
                                        device_scale_factor=SCALE).new_page()
            for address in pages:
                page.goto(f"{origin}/{address}", wait_until="load")
                page.screenshot(full_page=True)
            chromium.close()

    timed: dict[str, list[float]] = {"proof": [], "LibreOffice alone": [], "Chromium alone": []}
    for run in range(args.runs):
        for name, work_function in (("proof", proof), ("LibreOffice alone", lambda: bare_office(run)),
                                    ("Chromium alone", bare_browser)):
            started = time.perf_counter()
            work_function()
            timed[name].append(time.perf_counter() - started)
    median = {name: statistics.median(values) for name, values in timed.items()}
    print(f"{', '.join(c.id for c in courses)}: {sum(len(d) for d in decks.values())} decks, {len(pages)} site pages; "
          f"{args.runs} runs, {args.jobs} workers, build up to date")
    for name, value in median.items():
        print(f"  {name:<18} median {value:6.2f} s   (runs: {', '.join(f'{v:.2f}' for v in timed[name])})")
    both = median["LibreOffice alone"] + median["Chromium alone"]
    print(f"  proof / (LibreOffice + Chromium, one after the other): {median['proof'] / both:.2f}x")
    print(f"  proof / the slower of the two: {median['proof'] / max(median['LibreOffice alone'], median['Chromium alone']):.2f}x")


if __name__ == "__main__":
    main()
