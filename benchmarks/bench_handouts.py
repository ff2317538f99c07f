"""Seconds per handout page: coursekit's handout render against bare WeasyPrint on the same HTML.

Renders the module handouts (standard and large print) of every sample course in
courses/ (or of those named with --course) with
coursekit (its fetcher, captured log, shared font configuration and parsed
stylesheets), and, in the same run and interleaved with it, with a bare
WeasyPrint call on exactly the same HTML and CSS: default URL fetcher, a fresh
font configuration and stylesheets parsed for each document, the same PDF/UA-1
options. Prints medians of several runs and the ratio (target: at most 1.3).

    .venv/bin/python benchmarks/bench_handouts.py [--runs 3] [--documents N] [--booklet] [--course ID ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET = 1.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--documents", type=int, default=0, help="only the first N documents (default: every module handout)")
    parser.add_argument("--booklet", action="store_true", help="include the booklet")
    parser.add_argument("--course", action="append", default=[],
                        help="a sample course to measure (repeat for several; default: every course in courses/)")
    args = parser.parse_args()

    from pypdf import PdfReader
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from toolkit.check import run_check
    from toolkit.handouts import compose_documents, plan_course_handouts, render_documents
    from toolkit.handouts.writer import PDF_VARIANT, print_css_path, theme_css
    from toolkit.reproducible import source_date

    project = run_check(REPO, course_ids=tuple(args.course)).project
    created = source_date(project.courses)
    plans = [p for course in project.courses for p in plan_course_handouts(project, course, paper="a4", created=created)]
    plans = [p for p in plans if args.booklet or p.kind == "module"]
    if args.documents:
        plans = plans[:args.documents]
    documents, found = compose_documents(project, plans)
    assert not found.errors, found.format_text(REPO)
    compose_runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        again = [p for course in project.courses
                 for p in plan_course_handouts(project, course, paper="a4", created=source_date(project.courses))]
        compose_documents(project, [p for p in again if p.path in {d.path for d in plans}])
        compose_runs.append(time.perf_counter() - start)
    base_url = REPO.resolve().as_uri() + "/"

    def ours() -> tuple[float, int]:
        start = time.perf_counter()
        pdfs, problems = render_documents(project, documents)
        seconds = time.perf_counter() - start
        assert not problems.errors and len(pdfs) == len(documents), problems.format_text(REPO)
        return seconds, sum(len(PdfReader(BytesIO(data)).pages) for data in pdfs.values())

    def bare() -> tuple[float, int]:
        start = time.perf_counter()
        pages = 0
        outputs = []
        for document in documents:
            config = FontConfiguration()
            theme = document.plan.course.theme
            sheets = [CSS(string=theme_css(theme, document.plan.paper), font_config=config),
                      CSS(filename=str(print_css_path(theme)), font_config=config)]
            outputs.append(HTML(string=document.html, base_url=base_url).write_pdf(
                stylesheets=sheets, font_config=config, pdf_variant=PDF_VARIANT, pdf_identifier=document.plan.identifier))
        seconds = time.perf_counter() - start
        pages = sum(len(PdfReader(BytesIO(data)).pages) for data in outputs)
        return seconds, pages

    ours()  # warm imports, fonts and caches once, as a long-running build would be
    bare()
    ours_runs, bare_runs = [], []
    pages = 0
    for _ in range(args.runs):
        seconds, pages = ours()
        ours_runs.append(seconds / pages)
        seconds, bare_pages = bare()
        assert bare_pages == pages, (bare_pages, pages)
        bare_runs.append(seconds / bare_pages)
    ours_m, bare_m = statistics.median(ours_runs), statistics.median(bare_runs)
    ratio = ours_m / bare_m
    print(f"handouts of {', '.join(c.id for c in project.courses)}: {len(documents)} documents, {pages} pages "
          f"(median of {args.runs} runs)")
    print(f"  bare WeasyPrint, same HTML and CSS    {bare_m:7.4f} s per page")
    print(f"  coursekit handout render              {ours_m:7.4f} s per page   {ratio:5.2f}x bare")
    print(f"  target: at most {TARGET}x bare              {'met' if ratio <= TARGET else 'NOT met'}")
    compose_m = statistics.median(compose_runs) / pages
    print(f"  before rendering: plan + HTML           {compose_m:7.4f} s per page "
          f"({(ours_m + compose_m) / bare_m:4.2f}x bare with it)")


if __name__ == "__main__":
    main()
