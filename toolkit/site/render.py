"""The HTML of each site page, built from the model with the shared renderer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from toolkit import model as m
from toolkit.diagnostics import Diagnostic
from toolkit.markdown_reader import slugify
from toolkit.render_html import HtmlOptions, HtmlRenderer, TocEntry, esc, long_date
from toolkit.site.pages import SitePage, SitePlan, media_uri, module_page_uri

# Given a page's src_uri (and maybe `#fragment`), the address to use from the current page.
Linker = Callable[[str], str]


@dataclass
class PageHtml:
    html: str
    toc: list[TocEntry]
    lang: str
    diagnostics: list[Diagnostic]


def minutes(total: int) -> str:
    """`45 minutes`, `1 hour 15 minutes`."""
    hours, rest = divmod(total, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours > 1 else ""))
    if rest or not hours:
        parts.append(f"{rest} minute" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def render_page(plan: SitePlan, page: SitePage, link: Linker) -> PageHtml:
    if page.kind == "catalogue":
        return _catalogue(plan, link)
    assert page.course is not None
    if page.kind == "course":
        return _course(plan, page.course, link)
    if page.kind == "module":
        assert page.module is not None
        return _module(plan, page.course, page.module, link)
    if page.kind == "glossary":
        return _glossary(page.course)
    return _sources(plan, page.course, link)


def _emergency(course: m.Course):  # type: ignore[no-untyped-def]
    return course.meta.emergency or course.theme.meta.emergency


def _options(plan: SitePlan, course: m.Course, module: m.Module, link: Linker) -> HtmlOptions:
    def module_link(href: str) -> str | None:
        found = course.link_target(href)
        page = plan.page("module", course, found[0]) if found else None
        if found is None or page is None:
            return None
        return link(page.src_uri + (f"#{found[1]}" if found[1] else ""))

    def image_src(image: m.Image) -> str | None:
        try:
            uri = media_uri(course, module, image.src)
        except ValueError:
            return None
        return link(uri) if uri in plan.media else None

    return HtmlOptions(output="site", module_link=module_link, image_src=image_src, glossary=course.glossary,
                       emergency=_emergency(course), interactive_quiz=True, admonitions=True,
                       focusable_terms=True)


def _meta_line(course: m.Course) -> list[str]:
    parts = []
    if course.meta.version:
        parts.append(f"Version {esc(course.meta.version)}")
    if course.meta.reviewed:
        parts.append(f"Reviewed {esc(long_date(course.meta.reviewed))}")
    if course.meta.next_review:
        parts.append(f"Next review {esc(long_date(course.meta.next_review))}")
    return parts


def _module(plan: SitePlan, course: m.Course, module: m.Module, link: Linker) -> PageHtml:
    renderer = HtmlRenderer(_options(plan, course, module, link))
    rendered = renderer.module(module)
    position = [mod.id for mod in course.modules].index(module.id) + 1
    meta = [f"Module {position} of {len(course.modules)}", f"About {esc(minutes(module.meta.duration))}", *_meta_line(course)]
    out = [f"<h1>{esc(module.meta.title)}</h1>\n",
           f'<p class="ck-meta">{" · ".join(meta)}</p>\n',
           f'<p class="ck-lead">{esc(module.meta.summary)}</p>\n']
    own = [d for d in plan.downloads.get(course.id, []) if d.module_id == module.id]
    if own:
        links = " · ".join(f'<a href="{esc(link(d.src_uri))}" download>{esc(d.label)}</a>' for d in own)
        out.append(f'<p class="ck-downloads">To print or present: {links}</p>\n')
    if module.meta.objectives:
        items = "".join(f"<li>{esc(o)}</li>" for o in module.meta.objectives)
        out.append(f'<div class="ck-objectives"><p><strong>In this module you will learn to:</strong></p><ul>{items}</ul></div>\n')
    out.append(rendered.body)
    toc = list(rendered.toc)
    if module.meta.key_points:
        anchor = renderer.unique_id("key-points")
        items = "".join(f"<li>{esc(p)}</li>" for p in module.meta.key_points)
        out.append(f'<h2 id="{anchor}">Key points</h2>\n<ul class="ck-key-points">{items}</ul>\n')
        toc.append(TocEntry(2, anchor, "Key points"))
    if module.sources:
        anchor = renderer.unique_id("sources")
        out.append(f'<h2 id="{anchor}">Sources</h2>\n<ol class="ck-sources">{"".join(_source(s) for s in module.sources)}</ol>\n')
        toc.append(TocEntry(2, anchor, "Sources"))
    out.append(_footer(course))
    return PageHtml("".join(out), toc, course.meta.language, renderer.diagnostics)


def _source(source) -> str:  # type: ignore[no-untyped-def]
    bits = [f"<cite>{esc(source.title)}</cite>"]
    detail = ", ".join(esc(str(x)) for x in (source.publisher, source.year) if x)
    if detail:
        bits.append(detail)
    text = ". ".join(bits) + "."
    if source.url:
        text += f' <a href="{esc(source.url)}">{esc(source.url)}</a>'
    return f"<li>{text}</li>"


def _footer(course: m.Course) -> str:
    parts = []
    if course.meta.disclaimer:
        parts.append(f"<p>{esc(course.meta.disclaimer)}</p>")
    return f'<div class="ck-disclaimer">{"".join(parts)}</div>\n' if parts else ""


def _course(plan: SitePlan, course: m.Course, link: Linker) -> PageHtml:
    meta = course.meta
    out = [f"<h1>{esc(meta.title)}</h1>\n"]
    if meta.subtitle:
        out.append(f'<p class="ck-subtitle">{esc(meta.subtitle)}</p>\n')
    if meta.summary:
        out.append(f'<p class="ck-lead">{esc(meta.summary)}</p>\n')
    line = ([f"For: {esc(meta.audience)}"] if meta.audience else []) + _meta_line(course)
    if line:
        out.append(f'<p class="ck-meta">{" · ".join(line)}</p>\n')
    toc: list[TocEntry] = []
    objectives = [o for mod in course.modules for o in mod.meta.objectives]
    if objectives:
        out.append('<h2 id="what-you-will-learn">What you will learn</h2>\n<ul>'
                   + "".join(f"<li>{esc(o)}</li>" for o in objectives) + "</ul>\n")
        toc.append(TocEntry(2, "what-you-will-learn", "What you will learn"))
    downloads = plan.downloads.get(course.id, [])
    by_module: dict[str, list[str]] = {}
    for d in downloads:
        if d.module_id:
            by_module.setdefault(d.module_id, []).append(f'<a href="{esc(link(d.src_uri))}" download>{esc(d.label)}</a>')
    rows = []
    for n, mod in enumerate(course.modules, 1):
        page = plan.page("module", course, mod)
        title = esc(mod.meta.title)
        cell = f'<a href="{esc(link(page.src_uri))}">{title}</a>' if page else title
        extra = f'<td>{"<br>".join(by_module.get(mod.id, []))}</td>' if by_module else ""
        rows.append(f'<tr><td>{n}</td><td>{cell}</td><td>{esc(minutes(mod.meta.duration))}</td>{extra}</tr>\n')
    total = sum(mod.meta.duration for mod in course.modules)
    head_extra = '<th scope="col">Downloads</th>' if by_module else ""
    foot_extra = "<td></td>" if by_module else ""
    out.append('<h2 id="agenda">Agenda</h2>\n<table class="ck-agenda">\n'
               f'<thead><tr><th scope="col">#</th><th scope="col">Module</th><th scope="col">Time</th>{head_extra}</tr></thead>\n'
               f'<tbody>\n{"".join(rows)}</tbody>\n'
               f'<tfoot><tr><td></td><th scope="row">Total</th><td>{esc(minutes(total))}</td>{foot_extra}</tr></tfoot>\n</table>\n')
    toc.append(TocEntry(2, "agenda", "Agenda"))
    whole = [d for d in downloads if d.module_id is None]
    if whole:
        items = "".join(f'<li><a href="{esc(link(d.src_uri))}" download>{esc(d.label)}</a></li>' for d in whole)
        out.append(f'<h2 id="downloads">Downloads</h2>\n<ul>{items}</ul>\n')
        toc.append(TocEntry(2, "downloads", "Downloads"))
    emergency = _emergency(course)
    if emergency is not None or meta.contact is not None:
        out.append('<h2 id="getting-help">Getting help</h2>\n')
        toc.append(TocEntry(2, "getting-help", "Getting help"))
        if emergency is not None:
            renderer = HtmlRenderer(HtmlOptions(emergency=emergency))
            out.append(renderer.emergency_html())
        if meta.contact is not None:
            out.append(_contact(meta.contact))
    about = []
    if meta.authors:
        about.append("<p>Written by " + ", ".join(_person(p) for p in meta.authors) + ".</p>")
    if meta.reviewer:
        about.append(f"<p>Clinically reviewed by {_person(meta.reviewer)}.</p>")
    extras = [(p, "Glossary: the words this course uses") if p.kind == "glossary" else (p, "Sources: where the facts come from")
              for p in plan.pages if p.course is course and p.kind in ("glossary", "sources")]
    if extras:
        about.append("<ul>" + "".join(f'<li><a href="{esc(link(p.src_uri))}">{esc(label)}</a></li>' for p, label in extras) + "</ul>")
    if about:
        out.append('<h2 id="about-this-course">About this course</h2>\n' + "".join(about) + "\n")
        toc.append(TocEntry(2, "about-this-course", "About this course"))
    out.append(_footer(course))
    return PageHtml("".join(out), toc, meta.language, [])


def _person(person) -> str:  # type: ignore[no-untyped-def]
    return esc(person.name) + (f" ({esc(person.role)})" if person.role else "")


def _contact(contact) -> str:  # type: ignore[no-untyped-def]
    lines = [f"<strong>{esc(contact.name)}</strong>"]
    if contact.phone:
        number = "".join(c for c in contact.phone if c.isdigit() or c == "+")
        lines.append(f'Phone: <a href="tel:{esc(number)}">{esc(contact.phone)}</a>')
    if contact.email:
        lines.append(f'Email: <a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a>')
    if contact.website:
        lines.append(f'Website: <a href="{esc(contact.website)}">{esc(contact.website)}</a>')
    if contact.address:
        lines.append(esc(contact.address))
    return '<p class="ck-contact">' + "<br>".join(lines) + "</p>\n"


def _glossary(course: m.Course) -> PageHtml:
    out = ["<h1>Glossary</h1>\n", "<p>The medical words this course uses, in plain language.</p>\n"]
    toc = []
    seen: set[str] = set()
    for entry in sorted(course.glossary, key=lambda e: (e.term.casefold(), e.term)):
        anchor = base = slugify(entry.term)
        n = 1
        while anchor in seen:
            n += 1
            anchor = f"{base}-{n}"
        seen.add(anchor)
        also = f'<p class="ck-also">Also written: {esc(", ".join(entry.also))}</p>' if entry.also else ""
        out.append(f'<h2 id="{esc(anchor)}">{esc(entry.term)}</h2>\n<p>{esc(entry.definition)}</p>{also}\n')
        toc.append(TocEntry(2, anchor, esc(entry.term)))
    return PageHtml("".join(out), toc, course.meta.language, [])


def _sources(plan: SitePlan, course: m.Course, link: Linker) -> PageHtml:
    out = ["<h1>Sources</h1>\n", "<p>The guidelines and leaflets each module is based on.</p>\n"]
    toc = []
    for mod in course.modules:
        if not mod.sources:
            continue
        anchor = slugify(module_page_uri(course, mod).rsplit("/", 1)[-1][:-3])
        page = plan.page("module", course, mod)
        title = f'<a href="{esc(link(page.src_uri))}">{esc(mod.meta.title)}</a>' if page else esc(mod.meta.title)
        out.append(f'<h2 id="{esc(anchor)}">{title}</h2>\n<ol class="ck-sources">{"".join(_source(s) for s in mod.sources)}</ol>\n')
        toc.append(TocEntry(2, anchor, esc(mod.meta.title)))
    return PageHtml("".join(out), toc, course.meta.language, [])


def _catalogue(plan: SitePlan, link: Linker) -> PageHtml:
    out = ["<h1>Courses</h1>\n"]
    toc = []
    lang = "en"
    for page in plan.pages:
        if page.kind != "course" or page.course is None:
            continue
        course = page.course
        anchor = slugify(course.id)
        total = sum(mod.meta.duration for mod in course.modules)
        out.append(f'<h2 id="{esc(anchor)}"><a href="{esc(link(page.src_uri))}">{esc(course.meta.title)}</a></h2>\n')
        if course.meta.summary:
            out.append(f"<p>{esc(course.meta.summary)}</p>\n")
        out.append(f'<p class="ck-meta">{len(course.modules)} modules · about {esc(minutes(total))}</p>\n')
        toc.append(TocEntry(2, anchor, esc(course.meta.title)))
    languages = {p.course.meta.language for p in plan.pages if p.kind == "course" and p.course}
    if len(languages) == 1:
        lang = languages.pop()
    return PageHtml("".join(out), toc, lang, [])
