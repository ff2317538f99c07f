"""Seconds to make the sample course's proof, against the programs it drives doing only their own part.

Builds the sample course once (so every proof run finds the build up to date), then times `coursekit proof`
several times. Baselines, timed in the same run: one bare LibreOffice run printing every deck to PDF, and
one bare Chromium (Playwright) run taking a full-page phone shot of every page; the proof does both in the
build's pool, then composes the pack. Reports medians and the proof's ratio to the sum and to the larger.

    .venv/bin/python benchmarks/bench_proof.py [--runs 3] [--jobs 2]
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
    args = parser.parse_args()

    from toolkit.build import BuildSettings, run_build
    from toolkit.handouts.fonts import font_folders
    from toolkit.proof import ProofSettings, run_proof, tools
    from toolkit.proof.decks import DeckJob
    from toolkit.proof.screens import CHROMIUM_ARGS, PHONE, SCALE, served

    office, browser = tools.libreoffice(), tools.chromium()
    if not (office.found and browser.found):
        sys.exit("needs LibreOffice, Chromium and Playwright: run `make proof` once, or `make test`")
    work = Path(tempfile.mkdtemp(prefix="bench-proof-"))
    out = work / "build"
    built = run_build(REPO, BuildSettings(out=out, jobs=args.jobs))
    assert built.ok, built.diagnostics.format_text(REPO)
    from toolkit.check import run_check

    course = run_check(REPO).project.courses[0]
    decks = tuple(sorted((out / "slides" / course.id).glob("*.pptx")))
    pages = ["", *(f"{course.id}/{module.id}/" for module in course.modules)]  # the pages the proof shows

    def proof() -> None:
        result = run_proof(REPO, ProofSettings(out=out, jobs=args.jobs))
        assert result.ok and result.written, result.diagnostics.format_text(REPO)

    def bare_office(run: int) -> None:
        job = DeckJob(office.path or "", decks, work / f"office-{run}" / "pdf", work / f"office-{run}",
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
    print(f"sample course: {len(decks)} decks, {len(pages)} site pages; {args.runs} runs, {args.jobs} workers, "
          "build up to date")
    for name, value in median.items():
        print(f"  {name:<18} median {value:6.2f} s   (runs: {', '.join(f'{v:.2f}' for v in timed[name])})")
    both = median["LibreOffice alone"] + median["Chromium alone"]
    print(f"  proof / (LibreOffice + Chromium, one after the other): {median['proof'] / both:.2f}x")
    print(f"  proof / the slower of the two: {median['proof'] / max(median['LibreOffice alone'], median['Chromium alone']):.2f}x")


if __name__ == "__main__":
    main()
