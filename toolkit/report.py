"""`coursekit report`: one row per module (grades, PEMAT score, terms, red flags, review) and an HTML page.

The report is computed from the same analysis `check` uses. The HTML page is one
self-contained file: inline CSS and SVG bars, no JavaScript, nothing fetched, and
every piece of content escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from toolkit import governance
from toolkit.check import run_check
from toolkit.diagnostics import Diagnostic, Diagnostics, Severity
from toolkit.model import Course
from toolkit.output import make_output_folder, write_atomically
from toolkit.plain_language.analysis import ModuleAnalysis, analyse
from toolkit.schema import URGENCY_TIERS, CheckSettings

#: Grades drawn on the bars run from 0 to this.
GRADE_SCALE = 16.0


@dataclass(frozen=True)
class ModuleRow:
    number: int
    id: str
    file_name: str
    title: str
    flesch_kincaid: float
    smog: float
    sentences: int
    words: int
    average_sentence_words: float
    pemat_score: int
    pemat_items: tuple[tuple[str, bool, str], ...]  # (label, passed, detail)
    terms: int
    undefined_terms: tuple[str, ...]
    red_flag_blocks: int
    red_flag_tiers: tuple[str, ...]                  # the urgency tiers of its red-flags blocks, most urgent first
    signs_covered: tuple[str, ...]
    hardest: tuple[tuple[int, str, float], ...]      # (line, sentence, its grade)
    longest_words: tuple[tuple[str, int], ...]
    errors: int
    warnings: int

    @property
    def grade(self) -> float:
        return max(self.flesch_kincaid, self.smog)


@dataclass(frozen=True)
class CourseReport:
    id: str
    title: str
    language: str
    version: str | None
    reviewer: str | None
    reviewed: dt.date | None
    review: governance.ReviewStatus
    today: dt.date
    settings: CheckSettings
    rows: tuple[ModuleRow, ...]
    average_flesch_kincaid: float
    average_smog: float
    # (sign, its tier or None, ids of the modules covering it in a block of that tier)
    signs: tuple[tuple[str, str | None, tuple[str, ...]], ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def signs_covered(self) -> int:
        return sum(1 for _, _, by in self.signs if by)

    def grade_state(self, grade: float) -> str:
        if grade > self.settings.reading_grade_error:
            return "error"
        if grade > self.settings.reading_grade_warning:
            return "warning"
        return "ok"

    @property
    def average_state(self) -> str:
        return "warning" if max(self.average_flesch_kincaid, self.average_smog) > self.settings.course_grade_warning else "ok"


@dataclass(frozen=True)
class ReportResult:
    root: Path
    courses: tuple[CourseReport, ...]
    written: tuple[Path, ...]
    diagnostics: Diagnostics


def run_report(root: Path, out: Path | None = None, write_html: bool = True) -> ReportResult:
    """Check the project, build one report per course, and write ``<out>/<course>.html`` (default ``build/report``)
    unless ``write_html`` is off."""
    result = run_check(root)
    today = governance.today()
    reports = tuple(course_report(course, result.diagnostics, today, root) for course in result.project.courses)
    if not write_html:
        return ReportResult(root, reports, (), result.diagnostics)
    if out is None:
        make_output_folder(root / "build")  # build/ is coursekit's, so a later build may replace it
        out = root / "build" / "report"
    written = []
    for report in reports:
        path = out / f"{report.id}.html"
        write_atomically(path, render_html(report).encode("utf-8"))
        written.append(path)
    return ReportResult(root, reports, tuple(written), result.diagnostics)


def course_report(course: Course, diagnostics: Diagnostics, today: dt.date, root: Path | None = None) -> CourseReport:
    """The report of one course, from its analysis and the diagnostics found in its files."""
    analysis = analyse(course)
    folder = course.loc.path.parent
    mine = tuple(d for d in diagnostics.sorted() if d.loc.path.is_relative_to(folder))
    rows = tuple(_row(course, a, mine) for a in analysis.modules)
    meta = course.meta
    return CourseReport(
        id=course.id, title=meta.title, language=meta.language, version=meta.version,
        reviewer=(f"{meta.reviewer.name}{f', {meta.reviewer.role}' if meta.reviewer.role else ''}" if meta.reviewer else None),
        reviewed=meta.reviewed, review=governance.review_status(meta, today, meta.checks.review_warning_days), today=today,
        settings=meta.checks, rows=rows,
        average_flesch_kincaid=analysis.average_flesch_kincaid, average_smog=analysis.average_smog,
        signs=tuple((c.sign, c.tier, c.in_tier) for c in analysis.red_flags), diagnostics=mine,
    )


def _row(course: Course, a: ModuleAnalysis, diagnostics: tuple[Diagnostic, ...]) -> ModuleRow:
    module, r = a.module, a.readability
    here = [d for d in diagnostics if d.loc.path == module.loc.path]
    tiers = {tier for tier, _ in a.red_flag_texts}  # the analysis read each red-flags block once already
    return ModuleRow(
        number=module.number, id=module.id, file_name=module.file_name, title=module.meta.title,
        flesch_kincaid=r.flesch_kincaid, smog=r.smog, sentences=r.sentence_count, words=r.words,
        average_sentence_words=r.average_sentence_words, pemat_score=a.pemat.score,
        pemat_items=tuple((i.label, i.passed, i.detail) for i in a.pemat.items),
        terms=len(a.terms), undefined_terms=tuple(u.match.term for u in a.undefined_terms),
        red_flag_blocks=len(a.red_flag_texts),
        red_flag_tiers=tuple(t for t in URGENCY_TIERS if t in tiers),
        signs_covered=tuple(c.sign for c in analyse(course).red_flags if module.id in c.in_tier),
        hardest=tuple((s.line, s.text, round(s.difficulty, 1)) for s in r.hardest_sentences(3)),
        longest_words=tuple(r.longest_words(5)),
        errors=sum(1 for d in here if d.severity is Severity.ERROR),
        warnings=sum(1 for d in here if d.severity is Severity.WARNING),
    )


def figures(report: CourseReport, root: Path | None = None) -> dict[str, object]:
    """The report's figures as plain data (`coursekit report --format json`, and the proof's cover), rounded as shown."""
    review = report.review
    return {
        "course": report.id,
        "title": report.title,
        "version": report.version,
        "reviewer": report.reviewer,
        "reviewed": report.reviewed.isoformat() if report.reviewed else None,
        "next_review": review.next_review.isoformat() if review.next_review else None,
        "review": {"state": review.state, "label": review.label, "days_left": review.days_left},
        "as_of": report.today.isoformat(),
        "targets": {"module_grade_warning": report.settings.reading_grade_warning,
                    "module_grade_error": report.settings.reading_grade_error,
                    "course_grade_warning": report.settings.course_grade_warning},
        "average_flesch_kincaid": round(report.average_flesch_kincaid, 1),
        "average_smog": round(report.average_smog, 1),
        "average_state": report.average_state,
        "red_flags": {"covered": report.signs_covered, "required": len(report.signs),
                      "signs": [{"sign": sign, "tier": tier, "covered_by": list(by)} for sign, tier, by in report.signs]},
        "problems": {"errors": sum(1 for d in report.diagnostics if d.severity is Severity.ERROR),
                     "warnings": sum(1 for d in report.diagnostics if d.severity is Severity.WARNING)},
        "modules": [
            {"number": row.number, "id": row.id, "file": row.file_name, "title": row.title,
             "flesch_kincaid": round(row.flesch_kincaid, 1), "smog": round(row.smog, 1),
             "grade_state": report.grade_state(row.grade),
             "pemat_score": row.pemat_score, "terms": row.terms, "undefined_terms": list(row.undefined_terms),
             "red_flags": red_flag_cell(report, row), "signs_covered": list(row.signs_covered),
             "red_flag_tiers": list(row.red_flag_tiers),
             "errors": row.errors, "warnings": row.warnings}
            for row in report.rows],
        "diagnostics": [d.as_json(root) for d in report.diagnostics],
    }


def red_flag_cell(report: CourseReport, row: ModuleRow) -> str:
    """A module's red-flag coverage: the required signs its blocks cover (in their tiers) and the tiers; "—" without a block."""
    if not row.red_flag_blocks:
        return "—"
    tiers = ", ".join(row.red_flag_tiers)
    if report.signs:
        return f"{len(row.signs_covered)} of {len(report.signs)} ({tiers})"
    return f"{row.red_flag_blocks} block{'s' if row.red_flag_blocks != 1 else ''} ({tiers})"


# HTML


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


_COLOURS = {"ok": "#0b5563", "warning": "#b45309", "error": "#a4161a"}
_STATE_WORDS = {"ok": "on target", "warning": "above target", "error": "too hard"}


def _grade_bar(grade: float, state: str, levels: tuple[float, ...], label: str) -> str:
    """A small horizontal bar for a grade, with dashed ticks at ``levels``."""
    width, height = 160, 14

    def x(value: float) -> float:
        return round(min(max(value, 0.0), GRADE_SCALE) / GRADE_SCALE * width, 1)

    ticks = "".join(
        f'<line x1="{x(v)}" y1="0" x2="{x(v)}" y2="{height}" stroke="#1b1f24" stroke-width="1" stroke-dasharray="2,2"/>'
        for v in levels)
    return (f'<svg class="bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{_e(label)} {grade:.1f}, {_STATE_WORDS[state]}">'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#e5e7eb"/>'
            f'<rect x="0" y="0" width="{x(grade)}" height="{height}" fill="{_COLOURS[state]}"/>{ticks}</svg>')


def _score_bar(score: int) -> str:
    width, height = 100, 14
    state = "ok" if score == 100 else "warning" if score >= 60 else "error"
    return (f'<svg class="bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="PEMAT-style score {score}%">'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#e5e7eb"/>'
            f'<rect x="0" y="0" width="{score}" height="{height}" fill="{_COLOURS[state]}"/></svg>')


_CSS = """
body { font-family: system-ui, sans-serif; color: #1b1f24; background: #fff; margin: 2rem; line-height: 1.45; }
main { max-width: 72rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #d1d5db; padding: .35rem .6rem; text-align: left; vertical-align: middle; }
th { background: #f3f4f6; } tbody th { background: none; font-weight: normal; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { vertical-align: middle; margin-left: .4rem; }
.ok { color: #0b5563; } .warning { color: #b45309; } .error { color: #a4161a; }
.state { font-weight: 600; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem; }
.card { border: 1px solid #d1d5db; border-radius: 6px; padding: .6rem 1rem; min-width: 14rem; }
.card strong { display: block; font-size: 1.3rem; }
ul.plain { padding-left: 1.2rem; }
code, .diag { font-family: ui-monospace, monospace; font-size: .9rem; }
.diag { white-space: pre-wrap; }
"""


def render_html(report: CourseReport) -> str:
    """The report as one self-contained HTML page; the same report gives the same bytes."""
    s = report.settings
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(report.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>Plain-language report: {_e(report.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body><main>",
        f"<h1>Plain-language report: {_e(report.title)}</h1>",
        f"<p>Course <code>{_e(report.id)}</code>, version {_e(report.version or 'not given')}. "
        f"Reviewed by {_e(report.reviewer or 'nobody named')} on {_e(report.reviewed.isoformat() if report.reviewed else 'no date')}. "
        f"Figures as of {_e(report.today.isoformat())}.</p>",
    ]
    review_state = {"current": "ok", "due-soon": "warning", "overdue": "error", "unknown": "error"}[report.review.state]
    errors = sum(1 for d in report.diagnostics if d.severity is Severity.ERROR)
    warnings = sum(1 for d in report.diagnostics if d.severity is Severity.WARNING)
    signs_state = "ok" if report.signs_covered == len(report.signs) else "error"
    out += [
        '<section class="summary" aria-label="Summary">',
        f'<div class="card"><span>Average Flesch-Kincaid grade</span><strong class="{report.average_state}">'
        f'{report.average_flesch_kincaid:.1f}</strong>{_grade_bar(report.average_flesch_kincaid, report.average_state, (s.course_grade_warning,), "Average Flesch-Kincaid grade")}'
        f"<br><small>target: {s.course_grade_warning:g} or below (the dashed line)</small></div>",
        f'<div class="card"><span>Average SMOG grade</span><strong class="{report.average_state}">'
        f'{report.average_smog:.1f}</strong>{_grade_bar(report.average_smog, report.average_state, (s.course_grade_warning,), "Average SMOG grade")}'
        f"<br><small>target: {s.course_grade_warning:g} or below (the dashed line)</small></div>",
        f'<div class="card"><span>Required warning signs covered</span><strong class="{signs_state}">'
        f'{report.signs_covered} of {len(report.signs)}</strong></div>',
        f'<div class="card"><span>Review</span><strong class="{review_state}">{_e(report.review.label)}</strong></div>',
        f'<div class="card"><span>Problems found by check</span><strong class="{"error" if errors else "warning" if warnings else "ok"}">'
        f"{errors} errors, {warnings} warnings</strong></div>",
        "</section>",
        "<h2>Modules</h2>",
        f"<p>Each grade must be {s.reading_grade_warning:g} or below (a warning above it, an error above "
        f"{s.reading_grade_error:g}); the dashed lines on the bars mark both levels.</p>",
        "<table>",
        "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Module</th><th scope=\"col\">Flesch-Kincaid</th>"
        "<th scope=\"col\">SMOG</th><th scope=\"col\">PEMAT-style score</th><th scope=\"col\">Terms</th>"
        "<th scope=\"col\">Red flags</th><th scope=\"col\">Review</th><th scope=\"col\">Problems</th></tr></thead>",
        "<tbody>",
    ]
    levels = (s.reading_grade_warning, s.reading_grade_error)
    for row in report.rows:
        fk_state, smog_state = report.grade_state(row.flesch_kincaid), report.grade_state(row.smog)
        out.append(
            "<tr>"
            f'<td class="num">{row.number}</td>'
            f'<th scope="row"><a href="#module-{_e(row.id)}">{_e(row.title)}</a><br><small><code>{_e(row.file_name)}</code></small></th>'
            f'<td class="num"><span class="state {fk_state}">{row.flesch_kincaid:.1f}</span>'
            f'{_grade_bar(row.flesch_kincaid, fk_state, levels, "Flesch-Kincaid grade")}</td>'
            f'<td class="num"><span class="state {smog_state}">{row.smog:.1f}</span>{_grade_bar(row.smog, smog_state, levels, "SMOG grade")}</td>'
            f'<td class="num">{row.pemat_score}%{_score_bar(row.pemat_score)}</td>'
            f'<td class="num">{row.terms}{f" <span class=error>({len(row.undefined_terms)} undefined)</span>" if row.undefined_terms else ""}</td>'
            f"<td>{_e(red_flag_cell(report, row))}</td>"
            f'<td class="{review_state}">{_e(report.review.state.replace("-", " "))}</td>'
            f'<td class="num">{row.errors} errors, {row.warnings} warnings</td>'
            "</tr>")
    out += ["</tbody>", "</table>"]
    if report.signs:
        out += ["<h2>Required warning signs</h2>", "<table>",
                '<thead><tr><th scope="col">Sign</th><th scope="col">Tier</th><th scope="col">Covered by</th></tr></thead><tbody>']
        for sign, tier, by in report.signs:
            cell = ", ".join(f"<code>{_e(m)}</code>" for m in by) if by else '<span class="state error">not covered</span>'
            out.append(f"<tr><td>{_e(sign)}</td><td>{_e(tier or 'any')}</td><td>{cell}</td></tr>")
        out += ["</tbody></table>"]
    out.append("<h2>Module details</h2>")
    for row in report.rows:
        out += [
            f'<section id="module-{_e(row.id)}" aria-labelledby="title-{_e(row.id)}">',
            f'<h3 id="title-{_e(row.id)}">{row.number}. {_e(row.title)}</h3>',
            f"<p>{row.sentences} sentences, {row.words} words, {row.average_sentence_words:g} words a sentence on average.</p>",
            "<p>Hardest sentences:</p><ul class=\"plain\">",
            *(f"<li>line {line}: “{_e(text)}” (grade {grade:.1f})</li>" for line, text, grade in row.hardest),
            "</ul>",
            f"<p>Longest words: {_e(', '.join(f'{w} ({n})' for w, n in row.longest_words) or 'none of three syllables or more')}.</p>",
            "<p>Plain-language structure:</p><ul class=\"plain\">",
            *(f'<li><span class="state {"ok" if passed else "warning"}">{"passed" if passed else "not met"}</span>: '
              f"{_e(label)} ({_e(detail)})</li>" for label, passed, detail in row.pemat_items),
            "</ul>",
        ]
        if row.undefined_terms:
            out.append(f"<p class=\"error\">Terms without a glossary entry: {_e(', '.join(row.undefined_terms))}.</p>")
        out.append("</section>")
    out.append("<h2>Everything check found</h2>")
    if report.diagnostics:
        out.append('<ul class="plain">')
        for d in report.diagnostics:
            out.append(f'<li class="diag"><span class="state {"error" if d.severity is Severity.ERROR else "warning"}">'
                       f"{_e(d.severity.value)}[{_e(d.code)}]</span> {_e(d.loc.display())}: {_e(d.message)}</li>")
        out.append("</ul>")
    else:
        out.append("<p>No problems found.</p>")
    out += ["</main></body>", "</html>", ""]
    return "\n".join(out)


# Terminal


def terminal_view(report: CourseReport):  # type: ignore[no-untyped-def]
    """The report as rich renderables for the terminal: a table of modules and a summary."""
    from rich.table import Table
    from rich.text import Text

    styles = {"ok": "green", "warning": "yellow", "error": "bold red"}
    table = Table(title=f"{report.title} ({report.id})", title_justify="left")
    for name, justify in (("#", "right"), ("Module", "left"), ("FK", "right"), ("SMOG", "right"), ("PEMAT", "right"),
                          ("Terms", "right"), ("Red flags", "right"), ("Review", "left"), ("Problems", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    review_style = {"current": "green", "due-soon": "yellow", "overdue": "bold red", "unknown": "bold red"}[report.review.state]
    for row in report.rows:
        table.add_row(
            str(row.number), row.file_name,
            Text(f"{row.flesch_kincaid:.1f}", style=styles[report.grade_state(row.flesch_kincaid)]),
            Text(f"{row.smog:.1f}", style=styles[report.grade_state(row.smog)]),
            Text(f"{row.pemat_score}%", style="green" if row.pemat_score == 100 else "yellow"),
            f"{row.terms}" + (f" ({len(row.undefined_terms)} undefined)" if row.undefined_terms else ""),
            red_flag_cell(report, row),
            Text(report.review.state.replace("-", " "), style=review_style),
            f"{row.errors}E {row.warnings}W",
        )
    s = report.settings
    covered = f"{report.signs_covered} of {len(report.signs)} required warning signs covered" if report.signs else "no warning signs required in course.yml"
    missing = [sign for sign, _, by in report.signs if not by]
    lines = [
        Text.assemble("Course average: Flesch-Kincaid ", (f"{report.average_flesch_kincaid:.1f}", styles[report.average_state]),
                      ", SMOG ", (f"{report.average_smog:.1f}", styles[report.average_state]),
                      f" (target {s.course_grade_warning:g} or below; each module {s.reading_grade_warning:g} or below)"),
        Text.assemble("Red flags: ", (covered, "green" if not missing else "bold red"),
                      (f"; not covered: {', '.join(missing)}" if missing else "", "bold red")),
        Text.assemble("Review: ", (report.review.label, review_style)),
    ]
    return [table, *lines]
