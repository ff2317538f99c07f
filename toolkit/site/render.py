"""The HTML of each site page, built from the model with the shared renderer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from toolkit import model as m
from toolkit.diagnostics import Diagnostic
from toolkit.markdown_reader import slugify
from toolkit.labels import Labels
from toolkit.render_html import HtmlOptions, HtmlRenderer, TocEntry, esc
from toolkit.warning_signs import course_red_flags, module_red_flags, urgency_words
from toolkit.site.assets import image_size
from toolkit.site.pages import Download, SitePage, SitePlan, media_uri, module_page_uri, shared_labels

# Given a page's src_uri (and maybe `#fragment`), the address to use from the current page.
Linker = Callable[[str], str]


@dataclass
class PageHtml:
    html: str
    toc: list[TocEntry]
    lang: str
    diagnostics: list[Diagnostic]
    footer: str = ""  # the clinic's footer, printed by the theme under every page


def render_page(plan: SitePlan, page: SitePage, link: Linker, footer_link: Linker | None = None) -> PageHtml:
    """The page's content, its links made by ``link``, and its footer, by ``footer_link`` (``link`` if None)."""
    rendered = _page(plan, page, link)
    rendered.footer = page_footer(plan, page.course, footer_link or link)
    return rendered


def _page(plan: SitePlan, page: SitePage, link: Linker) -> PageHtml:
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


def page_footer(plan: SitePlan, course: m.Course | None, link: Linker) -> str:
    """The clinic's face under a page: how to reach it, the emergency line with its condition, the course's
    review dates and disclaimer. A page about several courses shows the theme's clinic and emergency line."""
    courses = [p.course for p in plan.pages if p.kind == "course" and p.course is not None]
    if course is None and not courses:
        return ""
    theme = (course or courses[0]).theme.meta
    labels = course.labels if course is not None else shared_labels(courses)
    contact = course.meta.contact if course is not None and course.meta.contact is not None else theme.clinic
    parts = [f'<p class="ck-footer__contact">{_contact_line(contact, labels)}</p>']
    if course is not None:
        words = next(iter(urgency_words(course).values()), None)
        source = warning_signs_module(course)
        page = plan.page("module", course, source) if source is not None else None
        if words is not None:
            signs = esc(labels.site_help_signs)
            if page is not None:
                signs = f'<a href="{esc(link(page.src_uri))}">{signs}</a>'
            parts.append(f'<p class="ck-footer__emergency">{_escaped_format(labels.site_help_banner, signs=signs)} '
                         f"<strong>{esc(words.action)}</strong></p>")
        line = _meta_line(course)
        if line:
            parts.append(f'<p class="ck-footer__dates">{" · ".join(line)}</p>')
        if course.meta.disclaimer:
            parts.append(f'<p class="ck-footer__disclaimer">{esc(course.meta.disclaimer)}</p>')
    elif theme.emergency is not None:
        parts.append(f'<p class="ck-footer__emergency">{_escaped_format(labels.site_help_banner, signs=esc(labels.site_help_signs))} '
                     f"<strong>{esc(theme.emergency.text)}</strong></p>")
    return '<div class="ck-footer">' + "".join(parts) + "</div>"


def _contact_line(contact, labels: Labels) -> str:  # type: ignore[no-untyped-def]
    """The clinic's name, phone, email and website on one line that wraps."""
    return " · ".join(_contact_parts(contact, labels, name_the_website=False))


def _contact_parts(contact, labels: Labels, *, name_the_website: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """The clinic's name, then each way to reach it that it gives, linked: phone, email, website."""
    bits = [f"<strong>{esc(contact.name)}</strong>"]
    if contact.phone:
        number = "".join(c for c in contact.phone if c.isdigit() or c == "+")
        bits.append(f'{esc(labels.contact_phone)}: <a href="tel:{esc(number)}">{esc(contact.phone)}</a>')
    if contact.email:
        bits.append(f'{esc(labels.contact_email)}: <a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a>')
    if contact.website:
        named = f"{esc(labels.contact_website)}: " if name_the_website else ""
        bits.append(f'{named}<a href="{esc(contact.website)}">{esc(contact.website)}</a>')
    return bits


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

    def size(image: m.Image) -> tuple[int, int] | None:
        try:
            path = plan.media.get(media_uri(course, module, image.src))
        except ValueError:
            return None
        return image_size(path) if path is not None else None

    return HtmlOptions(output="site", module_link=module_link, image_src=image_src, image_size=size, glossary=course.glossary,
                       urgency=urgency_words(course), interactive_quiz=True, admonitions=True,
                       focusable_terms=True, labels=course.labels)


def _meta_line(course: m.Course) -> list[str]:
    """The version and review dates, each escaped."""
    meta, labels = course.meta, course.labels
    parts = []
    if meta.version:
        parts.append(esc(labels.version.format(version=meta.version)))
    if meta.reviewed:
        parts.append(esc(labels.reviewed.format(date=labels.long_date(meta.reviewed))))
    if meta.next_review:
        parts.append(esc(labels.next_review.format(date=labels.long_date(meta.next_review))))
    return parts


class _SiteRenderer(HtmlRenderer):
    """The shared renderer, leaving out the red-flags blocks the page has already shown at its top."""

    def __init__(self, options: HtmlOptions, id_prefix: str = "ck") -> None:
        super().__init__(options, id_prefix)
        self.shown: set[int] = set()

    def _block_RedFlags(self, block: m.RedFlags) -> str:
        return "" if id(block) in self.shown else super()._block_RedFlags(block)


def warning_signs_module(course: m.Course) -> m.Module | None:
    """The module whose subject is the warning signs: the first that shows red-flags blocks on the site."""
    return course_red_flags(course, "site")[1]


def help_banner(plan: SitePlan, course: m.Course, renderer: HtmlRenderer, link: Linker) -> str:
    """A short box naming the most urgent tier's action, on the condition of a warning sign, with a link to them."""
    words = next(iter(urgency_words(course).values()), None)
    if words is None:
        return ""
    labels = course.labels
    source = warning_signs_module(course)
    page = plan.page("module", course, source) if source is not None else None
    signs = esc(labels.site_help_signs)
    if page is not None:
        signs = f'<a href="{esc(link(page.src_uri))}">{signs}</a>'
    lead = _escaped_format(labels.site_help_banner, signs=signs)
    return f'<aside class="ck-help" aria-label="{esc(labels.site_getting_help)}">\n<p class="ck-help__lead">{lead}</p>\n{renderer.action_html(words)}</aside>\n'


def _module(plan: SitePlan, course: m.Course, module: m.Module, link: Linker) -> PageHtml:
    labels = course.labels
    # Help first: on the page about the warning signs, the signs themselves; on every other page, a banner.
    first = module_red_flags(module, "site") if module is warning_signs_module(course) else ()
    renderer = _SiteRenderer(_options(plan, course, module, link))
    out = [f"<h1>{esc(module.meta.title)}</h1>\n"]
    if first:
        out.append(renderer.blocks(first))
        renderer.shown = {id(block) for block in first}  # not again where the module's text has them
    else:
        out.append(help_banner(plan, course, renderer, link))
    rendered = renderer.module(module)
    position = [mod.id for mod in course.modules].index(module.id) + 1
    meta = [esc(labels.module_of.format(number=position, total=len(course.modules))),
            esc(labels.site_about_duration.format(duration=labels.duration(module.meta.duration))), *_meta_line(course)]
    out += [f'<p class="ck-lead">{esc(module.meta.summary)}</p>\n',
            f'<p class="ck-meta">{" · ".join(meta)}</p>\n']
    if module.meta.objectives:
        items = "".join(f"<li>{esc(o)}</li>" for o in module.meta.objectives)
        out.append(f'<div class="ck-objectives"><p><strong>{esc(labels.site_objectives_lead)}</strong></p><ul>{items}</ul></div>\n')
    out.append(rendered.body)
    toc = list(rendered.toc)
    if module.meta.key_points:
        anchor = renderer.unique_id("key-points")
        items = "".join(f"<li>{esc(p)}</li>" for p in module.meta.key_points)
        out.append(f'<h2 id="{anchor}">{esc(labels.key_points)}</h2>\n<ul class="ck-key-points">{items}</ul>\n')
        toc.append(TocEntry(2, anchor, esc(labels.key_points)))
    if module.meta.questions:
        anchor = renderer.unique_id("questions")
        items = "".join(f"<li>{esc(q)}</li>" for q in module.meta.questions)
        out.append(f'<h2 id="{anchor}">{esc(labels.questions)}</h2>\n<ul class="ck-questions">{items}</ul>\n')
        toc.append(TocEntry(2, anchor, esc(labels.questions)))
    own = [d for d in plan.downloads.get(course.id, []) if d.module_id == module.id]
    if own:
        # To print or present: after the lesson, not between the reader and it.
        links = "".join(f'<li><a href="{esc(link(d.src_uri))}" download>{esc(d.label)}</a></li>' for d in own)
        out.append(f'<div class="ck-downloads"><p>{esc(labels.site_downloads_lead)}</p><ul>{links}</ul></div>\n')
    if module.sources:
        anchor = renderer.unique_id("sources")
        out.append(f'<h2 id="{anchor}">{esc(labels.sources)}</h2>\n'
                   f'<ol class="ck-sources">{"".join(_source(s) for s in module.sources)}</ol>\n')
        toc.append(TocEntry(2, anchor, esc(labels.sources)))
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


def _course(plan: SitePlan, course: m.Course, link: Linker) -> PageHtml:
    """A course's home: what it is for and who it is for, its modules, then how to get help, then who made it."""
    meta, labels = course.meta, course.labels
    out = [f"<h1>{esc(meta.title)}</h1>\n"]
    if meta.subtitle:
        out.append(f'<p class="ck-subtitle">{esc(meta.subtitle)}</p>\n')
    if meta.summary:
        out.append(f'<p class="ck-lead">{esc(meta.summary)}</p>\n')
    if meta.audience:
        out.append(f'<p class="ck-audience">{esc(labels.site_audience.format(audience=meta.audience))}</p>\n')
    toc: list[TocEntry] = []
    downloads = plan.downloads.get(course.id, [])
    out.append(f'<h2 id="agenda">{esc(labels.agenda)}</h2>\n{_modules_list(plan, course, downloads, link)}')
    toc.append(TocEntry(2, "agenda", esc(labels.agenda)))
    flags, source = course_red_flags(course, "site")
    if flags or meta.contact is not None:
        out.append(f'<h2 id="getting-help">{esc(labels.site_getting_help)}</h2>\n')
        toc.append(TocEntry(2, "getting-help", esc(labels.site_getting_help)))
        if source is not None:
            # Each tier's signs with its action, as the module that teaches them shows them: never a bare number.
            renderer = HtmlRenderer(_options(plan, course, source, link), id_prefix="help")
            out.append("".join(renderer.block(b) for b in flags))
            page = plan.page("module", course, source)
            if page is not None:
                more = _escaped_format(labels.site_warning_signs_more,
                                       module=f'<a href="{esc(link(page.src_uri))}">{esc(source.meta.title)}</a>')
                out.append(f"<p>{more}</p>\n")
        if meta.contact is not None:
            out.append(_contact(meta.contact, labels))
    whole = [d for d in downloads if d.module_id is None]
    if whole:
        items = "".join(f'<li><a href="{esc(link(d.src_uri))}" download>{esc(d.label)}</a></li>' for d in whole)
        out.append(f'<h2 id="downloads">{esc(labels.site_downloads)}</h2>\n<ul>{items}</ul>\n')
        toc.append(TocEntry(2, "downloads", esc(labels.site_downloads)))
    about = []
    line = _meta_line(course)
    if line:
        about.append(f'<p class="ck-meta">{" · ".join(line)}</p>')
    if meta.authors:
        authors = "; ".join(_person(p) for p in meta.authors)
        about.append(f"<p>{_escaped_format(labels.site_written_by, authors=authors)}</p>")
    if meta.reviewer:
        about.append(f"<p>{_escaped_format(labels.site_reviewed_by, reviewer=_person(meta.reviewer))}</p>")
    extras = [(p, labels.site_glossary_link if p.kind == "glossary" else labels.site_sources_link)
              for p in plan.pages if p.course is course and p.kind in ("glossary", "sources")]
    if extras:
        about.append("<ul>" + "".join(f'<li><a href="{esc(link(p.src_uri))}">{esc(label)}</a></li>' for p, label in extras) + "</ul>")
    if about:
        out.append(f'<h2 id="about-this-course">{esc(labels.site_about_course)}</h2>\n' + "".join(about) + "\n")
        toc.append(TocEntry(2, "about-this-course", esc(labels.site_about_course)))
    return PageHtml("".join(out), toc, meta.language, [])


def _escaped_format(label: str, **html: str) -> str:
    """``label`` escaped, with its placeholders filled by HTML that is already escaped."""
    return esc(label).format(**html)


def _person(person) -> str:  # type: ignore[no-untyped-def]
    """A name and its role after a comma: a role may hold brackets of its own."""
    return esc(person.name) + (f", {esc(person.role)}" if person.role else "")


def _modules_list(plan: SitePlan, course: m.Course, downloads: list[Download], link: Linker) -> str:
    """The agenda as a list that reads on a phone: each module's title, time, what it is about and its downloads."""
    labels = course.labels
    items = []
    for mod in course.modules:
        page = plan.page("module", course, mod)
        title = esc(mod.meta.title)
        heading = f'<a href="{esc(link(page.src_uri))}">{title}</a>' if page else title
        own = "".join(f'<li><a href="{esc(link(d.src_uri))}" download>{esc(d.label)}</a></li>'
                      for d in downloads if d.module_id == mod.id)
        items.append(f'<li><p class="ck-modules__title"><strong>{heading}</strong>'
                     f' <span class="ck-modules__time">{esc(labels.site_about_duration.format(duration=labels.duration(mod.meta.duration)))}</span></p>\n'
                     f"<p>{esc(mod.meta.summary)}</p>\n"
                     + (f'<ul class="ck-modules__downloads">{own}</ul>\n' if own else "") + "</li>\n")
    total = sum(mod.meta.duration for mod in course.modules)
    return (f'<ol class="ck-modules">\n{"".join(items)}</ol>\n'
            f'<p class="ck-modules__total"><strong>{esc(labels.agenda_total)}:</strong> {esc(labels.duration(total))}</p>\n')


def _contact(contact, labels: Labels) -> str:  # type: ignore[no-untyped-def]
    lines = _contact_parts(contact, labels, name_the_website=True)
    if contact.address:
        lines.append(esc(contact.address))
    return '<p class="ck-contact">' + "<br>".join(lines) + "</p>\n"


def _letter(term: str) -> str:
    """The letter a term is filed under: its first letter without accents, or `#` for a digit or sign."""
    import unicodedata

    first = unicodedata.normalize("NFD", term.strip()[:1])[:1].upper()
    return first if first.isalpha() else "#"


def _glossary(course: m.Course) -> PageHtml:
    """Every term once, filed by letter under jump links (A to Z); the other forms a term is found by stay out."""
    labels = course.labels
    out = [f"<h1>{esc(labels.glossary)}</h1>\n", f"<p>{esc(labels.site_glossary_intro)}</p>\n"]
    by_letter: dict[str, list[m.GlossaryEntry]] = {}
    seen_terms: set[str] = set()
    for entry in sorted(course.glossary, key=lambda e: (e.term.casefold(), e.term)):
        if entry.term.casefold() in seen_terms:
            continue
        seen_terms.add(entry.term.casefold())
        by_letter.setdefault(_letter(entry.term), []).append(entry)
    letters = sorted(by_letter, key=lambda letter: (letter == "#", letter))
    anchors = {letter: "letter-" + ("other" if letter == "#" else slugify(letter) or f"u{ord(letter):x}") for letter in letters}
    jumps = "".join(f'<li><a href="#{esc(anchors[letter])}">{esc(letter)}</a></li>' for letter in letters)
    out.append(f'<nav class="ck-az" aria-label="{esc(labels.site_glossary_letters)}"><ul>{jumps}</ul></nav>\n')
    toc = []
    seen: set[str] = set(anchors.values())
    for letter in letters:
        out.append(f'<h2 id="{esc(anchors[letter])}" class="ck-az__letter">{esc(letter)}</h2>\n<dl class="ck-glossary">\n')
        toc.append(TocEntry(2, anchors[letter], esc(letter)))
        for entry in by_letter[letter]:
            anchor = base = slugify(entry.term) or "term"
            n = 1
            while anchor in seen:
                n += 1
                anchor = f"{base}-{n}"
            seen.add(anchor)
            out.append(f'<dt id="{esc(anchor)}">{esc(entry.term)}</dt>\n<dd>{esc(entry.definition)}</dd>\n')
        out.append("</dl>\n")
    return PageHtml("".join(out), toc, course.meta.language, [])


def _sources(plan: SitePlan, course: m.Course, link: Linker) -> PageHtml:
    labels = course.labels
    out = [f"<h1>{esc(labels.sources)}</h1>\n", f"<p>{esc(labels.site_sources_intro)}</p>\n"]
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
    labels = shared_labels(p.course for p in plan.pages if p.kind == "course" and p.course)
    out = [f"<h1>{esc(labels.site_courses)}</h1>\n"]
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
        size = labels.modules(labels.site_course_size, labels.site_course_size_one, len(course.modules),
                              duration=labels.duration(total))
        out.append(f'<p class="ck-meta">{esc(size)}</p>\n')
        toc.append(TocEntry(2, anchor, esc(course.meta.title)))
    languages = {p.course.meta.language for p in plan.pages if p.kind == "course" and p.course}
    if len(languages) == 1:
        lang = languages.pop()
    return PageHtml("".join(out), toc, lang, [])

