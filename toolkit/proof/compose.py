"""The proof as HTML: a cover with the report's figures, the contact sheets' frames and captions, a sign-off page.

The pages of PDFs are not in the HTML: each has an empty frame here, which the writer fills with the page
itself (toolkit/proof/writer.py). Every piece of content is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from toolkit.proof.layout import MARGIN, Sheet

SECTIONS = {"slides": "Slides", "documents": "Handouts, booklet and guide", "site": "The site on a phone"}


@dataclass(frozen=True)
class Cover:
    """What the cover says besides the report's figures."""

    made: str                       # the date the proof was made
    coursekit: str                  # coursekit's version
    theme: str
    paper: str
    open_findings: tuple[str, ...]  # each as `file:line: warning[CKxxx]: message`
    left_out: tuple[str, ...]       # what the pack leaves out, and why
    counts: tuple[tuple[str, int], ...]  # (what, how many): decks, slides, documents, pages, site pages, screens


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _pt(value: float) -> str:
    return f"{value:.2f}pt"


def css(paper: str, font_family: str) -> str:
    """The proof's own stylesheet: the page sizes of the cover and of each kind of sheet, and its look."""
    size = {"a4": "A4", "letter": "letter"}[paper]
    family = font_family.replace('"', "")
    return f"""
@page {{ size: {size}; margin: 16mm 14mm 18mm;
  @bottom-left {{ content: string(proofline); font-size: 8pt; color: #4b5563; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #4b5563; }} }}
@page portrait {{ size: {size} portrait; margin: {MARGIN:.2f}pt; }}
@page landscape {{ size: {size} landscape; margin: {MARGIN:.2f}pt; }}
html {{ font-family: "{family}", sans-serif; font-size: 10pt; color: #1b1f24; line-height: 1.35; }}
.proofline {{ string-set: proofline content(); display: none; }}
h1 {{ font-size: 20pt; margin: 0 0 4pt; }}
h2 {{ font-size: 13pt; margin: 14pt 0 4pt; break-after: avoid; }}
.kicker {{ text-transform: uppercase; letter-spacing: .06em; font-size: 9pt; color: #4b5563; margin: 0; }}
.subtitle {{ font-size: 12pt; margin: 0 0 10pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0; }}
th, td {{ border-bottom: .5pt solid #d1d5db; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }}
thead th {{ background: #f3f4f6; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
table.facts th {{ width: 30%; font-weight: normal; color: #4b5563; }}
tr {{ break-inside: avoid; }}
.warning {{ color: #92400e; }} .error {{ color: #a4161a; }} .ok {{ color: #0b5563; }}
ul.findings {{ padding-left: 12pt; font-size: 8.5pt; }}
ul.findings li {{ margin-bottom: 2pt; overflow-wrap: anywhere; }}
ol.contents a {{ color: inherit; text-decoration: none; }}
ol.contents a::after {{ content: leader(".") " page " target-counter(attr(href), page); }}
.sheet {{ position: relative; break-before: page; }}
.sheet.portrait {{ page: portrait; }} .sheet.landscape {{ page: landscape; }}
.sheet h2 {{ position: absolute; left: 0; top: 0; margin: 0; font-size: 11pt; white-space: nowrap; overflow: hidden; }}
.sheet .frame {{ position: absolute; outline: .5pt solid #9ca3af; }}
.sheet img {{ position: absolute; outline: .5pt solid #9ca3af; }}
.sheet .caption {{ position: absolute; margin: 0; padding-top: 1.5pt; font-size: 7.5pt; text-align: center;
  white-space: nowrap; overflow: hidden; }}
.sheet .footer {{ position: absolute; left: 0; margin: 0; font-size: 7.5pt; color: #4b5563; }}
.signoff {{ break-before: page; }}
.signoff table th {{ width: 22%; font-weight: normal; }}
.signoff td {{ height: 22pt; }}
.box {{ display: inline-block; width: 9pt; height: 9pt; border: 1pt solid #1b1f24; margin-right: 5pt;
  vertical-align: -1pt; }}
.choices p {{ margin: 6pt 0; }}
.comments {{ border: .75pt solid #1b1f24; height: 260pt; margin-top: 4pt; }}
"""


def html(figures: dict, cover: Cover, sheets: Sequence[Sheet], language: str) -> str:
    """The proof's HTML: cover, one section per sheet (``id="sheet-N"``), sign-off."""
    title = str(figures["title"])
    line = f"Proof for review: {title}, version {figures.get('version') or 'not given'}, made {cover.made}"
    out = ["<!DOCTYPE html>", f'<html lang="{_e(language)}">', "<head>", '<meta charset="utf-8">',
           f"<title>Proof for review: {_e(title)}</title>", "</head>", "<body>",
           f'<p class="proofline">{_e(line)}</p>']
    out += _cover(figures, cover, sheets)
    for number, sheet in enumerate(sheets):
        out += _sheet(number, sheet, line)
    out += _signoff(figures)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _cover(figures: dict, cover: Cover, sheets: Sequence[Sheet]) -> list[str]:
    review = figures["review"]
    review_class = {"current": "ok", "due-soon": "warning"}.get(review["state"], "error")
    out = [
        '<section class="cover">',
        '<p class="kicker">Proof for clinical review</p>',
        f"<h1>{_e(figures['title'])}</h1>",
        '<table class="facts"><tbody>',
        f"<tr><th scope=\"row\">Course</th><td>{_e(figures['course'])}</td></tr>",
        f"<tr><th scope=\"row\">Version</th><td>{_e(figures.get('version') or 'not given')}</td></tr>",
        f"<tr><th scope=\"row\">Reviewer named in course.yml</th><td>{_e(figures.get('reviewer') or 'nobody named')}</td></tr>",
        f"<tr><th scope=\"row\">Last reviewed</th><td>{_e(figures.get('reviewed') or 'no date')}</td></tr>",
        f"<tr><th scope=\"row\">Next review</th><td>{_e(figures.get('next_review') or 'no date')} "
        f"(<span class=\"{review_class}\">{_e(review['label'])}</span>)</td></tr>",
        f"<tr><th scope=\"row\">Proof made</th><td>{_e(cover.made)}, by coursekit {_e(cover.coursekit)}, "
        f"theme {_e(cover.theme)}, {_e(cover.paper.upper() if cover.paper == 'a4' else cover.paper.title())} paper</td></tr>",
        f"<tr><th scope=\"row\">In this proof</th><td>{_e(', '.join(f'{n} {what}' for what, n in cover.counts))}</td></tr>",
        "</tbody></table>",
    ]
    if cover.left_out:
        out += ["<h2 class=\"error\">Left out of this proof</h2>", '<ul class="findings">',
                *(f"<li>{_e(reason)}</li>" for reason in cover.left_out), "</ul>"]
    targets = figures["targets"]
    flags = figures["red_flags"]
    problems = figures["problems"]
    out += [
        "<h2>Figures (as <code>coursekit report</code> gives them)</h2>",
        '<table class="facts"><tbody>',
        f"<tr><th scope=\"row\">Average Flesch-Kincaid grade</th><td class=\"{_e(figures['average_state'])}\">"
        f"{figures['average_flesch_kincaid']:.1f} (target {targets['course_grade_warning']:g} or below)</td></tr>",
        f"<tr><th scope=\"row\">Average SMOG grade</th><td class=\"{_e(figures['average_state'])}\">"
        f"{figures['average_smog']:.1f} (target {targets['course_grade_warning']:g} or below)</td></tr>",
        f"<tr><th scope=\"row\">Required warning signs covered</th><td class=\"{'ok' if flags['covered'] == flags['required'] else 'error'}\">"
        f"{flags['covered']} of {flags['required']}</td></tr>",
        f"<tr><th scope=\"row\">Problems found by check</th><td>{problems['errors']} errors, {problems['warnings']} warnings</td></tr>",
        "</tbody></table>",
        "<table><thead><tr><th class=\"num\" scope=\"col\">#</th><th scope=\"col\">Module</th>"
        "<th class=\"num\" scope=\"col\">Flesch-Kincaid</th><th class=\"num\" scope=\"col\">SMOG</th>"
        "<th class=\"num\" scope=\"col\">PEMAT-style</th><th class=\"num\" scope=\"col\">Terms</th>"
        "<th scope=\"col\">Unexplained terms</th><th scope=\"col\">Red flags</th><th class=\"num\" scope=\"col\">Problems</th>"
        "</tr></thead><tbody>",
    ]
    for row in figures["modules"]:
        state = _e(row["grade_state"])
        out.append(
            f"<tr><td class=\"num\">{row['number']}</td><td>{_e(row['title'])}</td>"
            f"<td class=\"num {state}\">{row['flesch_kincaid']:.1f}</td><td class=\"num {state}\">{row['smog']:.1f}</td>"
            f"<td class=\"num\">{row['pemat_score']}%</td><td class=\"num\">{row['terms']}</td>"
            f"<td class=\"{'error' if row['undefined_terms'] else ''}\">{_e(', '.join(row['undefined_terms']) or 'none')}</td>"
            f"<td>{_e(row['red_flags'])}</td><td class=\"num\">{row['errors']}E {row['warnings']}W</td></tr>")
    out.append("</tbody></table>")
    if flags["signs"]:
        out += ["<h2>Warning signs required by course.yml</h2>",
                "<table><thead><tr><th scope=\"col\">Sign</th><th scope=\"col\">Tier</th>"
                "<th scope=\"col\">Covered by</th></tr></thead><tbody>",
                *(f"<tr><td>{_e(s['sign'])}</td><td>{_e(s['tier'] or 'any')}</td><td class=\"{'' if s['covered_by'] else 'error'}\">"
                  f"{_e(', '.join(s['covered_by']) or 'not covered')}</td></tr>" for s in flags["signs"]),
                "</tbody></table>"]
    out.append(f"<h2>Open warnings ({len(cover.open_findings)})</h2>")
    if cover.open_findings:
        out += ['<ul class="findings">', *(f"<li>{_e(f)}</li>" for f in cover.open_findings), "</ul>"]
    else:
        out.append("<p>None: check and build found no problems.</p>")
    out += ["<h2>What follows</h2>", '<ol class="contents">']
    seen: set[str] = set()
    for number, sheet in enumerate(sheets):
        if sheet.kind not in seen:
            seen.add(sheet.kind)
            out.append(f'<li><a href="#sheet-{number}">{_e(SECTIONS[sheet.kind])}</a></li>')
    out += ['<li><a href="#signoff">Sign-off</a></li>', "</ol>", "</section>"]
    return out


def _sheet(number: int, sheet: Sheet, line: str) -> list[str]:
    def box(x: float, y: float, width: float, height: float) -> str:
        return f"left: {_pt(x - MARGIN)}; top: {_pt(y - MARGIN)}; width: {_pt(width)}; height: {_pt(height)};"

    inner_w, inner_h = sheet.width - 2 * MARGIN, sheet.height - 2 * MARGIN
    out = [f'<section class="sheet {"landscape" if sheet.landscape else "portrait"}" id="sheet-{number}" '
           f'style="width: {_pt(inner_w)}; height: {_pt(inner_h)};">',
           f'<h2 style="width: {_pt(inner_w)};">{_e(SECTIONS[sheet.kind])}: {_e(sheet.heading)}</h2>']
    for placed in sheet.placed:
        r, c, p = placed.rect, placed.caption, placed.picture
        if p.is_pdf:
            out.append(f'<div class="frame" style="{box(r.x, r.y, r.width, r.height)}"></div>')
        else:
            out.append(f'<img src="{_e(p.source.as_uri())}" alt="{_e(p.alt)}" style="{box(r.x, r.y, r.width, r.height)}">')
        out.append(f'<p class="caption" style="{box(c.x, c.y, c.width, c.height)}">{_e(p.caption)}</p>')
    out += [f'<p class="footer" style="top: {_pt(inner_h + 3)}; width: {_pt(inner_w)};">{_e(line)}</p>', "</section>"]
    return out


def _signoff(figures: dict) -> list[str]:
    named = figures.get("reviewer")
    return [
        '<section class="signoff" id="signoff">',
        "<h1>Sign-off</h1>",
        f"<p>I have looked at every slide, page and screen in this proof of <strong>{_e(figures['title'])}</strong>, "
        f"version {_e(figures.get('version') or 'not given')}.</p>",
        '<table><tbody>',
        '<tr><th scope="row">Name</th><td></td></tr>',
        '<tr><th scope="row">Role</th><td></td></tr>',
        '<tr><th scope="row">Date</th><td></td></tr>',
        '<tr><th scope="row">Signature</th><td></td></tr>',
        "</tbody></table>",
        f"<p class=\"kicker\">Reviewer named in course.yml: {_e(named or 'nobody named')}</p>",
        "<h2>Decision</h2>",
        '<div class="choices">',
        '<p><span class="box"></span>Approved for use as it is</p>',
        '<p><span class="box"></span>Approved once the changes below are made</p>',
        '<p><span class="box"></span>Not approved: the changes below are needed, then a new proof</p>',
        "</div>",
        "<h2>Comments</h2>",
        '<div class="comments"></div>',
        "</section>",
    ]
