"""The slides that frame a module or a workshop: title, agenda, divider, objectives, key points, closing."""

from __future__ import annotations

from toolkit import model as m
from toolkit.slides.deck_model import Para, PicturePlan, Run
from toolkit.slides.draft import Draft, PlanContext, parts
from toolkit.slides.paragraphs import plain, web_link


def stamp(ctx: PlanContext) -> list[str]:
    """The course's version and review date, as the footer and the title slide show them."""
    meta, labels = ctx.course.meta, ctx.labels
    found = []
    if meta.version:
        found.append(labels.version.format(version=meta.version))
    if meta.reviewed:
        found.append(labels.reviewed.format(date=meta.reviewed.isoformat()))
    return found


def title_slide(ctx: PlanContext, module: m.Module) -> Draft:
    meta, labels = ctx.course.meta, ctx.labels
    line = " · ".join([meta.title, labels.module_number.format(number=module.number),
                       labels.duration_minutes.format(minutes=module.meta.duration)])
    subtitle = [Para(plain(module.meta.summary), 0, "none", loc=module.field_loc("summary")),
                Para(plain(line), 0, "none")]
    return Draft("title", "title", module.meta.title, [ctx.fitter.frame("title", "subtitle", subtitle, loc=module.loc)],
                 [], module.field_loc("title"))


def course_title_slide(ctx: PlanContext) -> Draft:
    course = ctx.course
    meta = course.meta
    lines = [meta.subtitle or meta.summary or ""]
    lines.append(" · ".join(stamp(ctx)))
    paras = [Para(plain(t), 0, "none") for t in lines if t]
    notes = [meta.summary] if meta.summary and meta.subtitle else []
    if meta.disclaimer:
        notes.append(meta.disclaimer)
    total = sum(mod.meta.duration for mod in course.modules)
    labels = ctx.labels
    notes.append(labels.modules(labels.slides_notes_workshop, labels.slides_notes_workshop_one, len(course.modules),
                                minutes=total))
    frames = [ctx.fitter.frame("title", "subtitle", paras, loc=course.loc)] if paras else []
    return Draft("title", "title", meta.title, frames, notes, course.field_loc("title"))


def agenda(ctx: PlanContext) -> list[Draft]:
    labels = ctx.labels
    paras, clock = [], 0
    for module in ctx.course.modules:
        end = clock + module.meta.duration
        item = labels.slides_agenda_item.format(title=module.meta.title, minutes=module.meta.duration)
        paras.append(Para((Run(f"{_clock(clock)}–{_clock(end)}  ", bold=True), Run(item)), 0, "none", loc=module.loc))
        clock = end
    paras.append(Para((Run(f"{_clock(clock)}  ", bold=True), Run(labels.slides_agenda_end)), 0, "none"))
    frames = ctx.fitter.split("content", "body", [[p] for p in paras])
    notes = [labels.slides_notes_agenda.format(minutes=clock)]
    return parts("content", "agenda", labels.agenda, frames, [notes], ctx.course.field_loc("modules"))


def divider(ctx: PlanContext, module: m.Module, start: int) -> Draft:
    """The slide that opens a module in the workshop, with its place on the running clock."""
    end = start + module.meta.duration
    line = " · ".join([ctx.labels.module_number.format(number=module.number),
                       ctx.labels.duration_minutes.format(minutes=module.meta.duration), f"{_clock(start)}–{_clock(end)}"])
    sub = [Para(plain(line), 0, "none")]
    return Draft("section", "section", module.meta.title, [ctx.fitter.frame("section", "subtitle", sub)],
                 [module.meta.summary], module.field_loc("title"), module=module.number)


def objectives(ctx: PlanContext, module: m.Module) -> list[Draft]:
    items = module.meta.objectives
    loc = module.field_loc("objectives") if items else module.field_loc("summary")
    if items:
        groups = [[Para(plain(t), 0, "bullet", loc=loc)] for t in items]
    else:
        groups = [[Para(plain(module.meta.summary), 0, "none", loc=loc)]]
    frames = ctx.fitter.split("content", "body", groups)
    notes = [module.meta.summary]
    return parts("content", "objectives", ctx.labels.what_you_will_learn, frames, [notes], loc, module.number)


def key_points(ctx: PlanContext, module: m.Module) -> list[Draft]:
    """The module's key points on the slide, its sources in the notes."""
    labels = ctx.labels
    items = module.meta.key_points
    loc = module.field_loc("key_points") if items else module.field_loc("summary")
    groups = ([[Para(plain(t), 0, "bullet", loc=loc)] for t in items] if items
              else [[Para(plain(module.meta.summary), 0, "none", loc=loc)]])
    frames = ctx.fitter.split("content", "body", groups)
    notes = []
    if module.sources:
        notes.append(f"{labels.sources}:")
        for src in module.sources:
            bits = [src.title, src.publisher or "", str(src.year or ""), src.url or ""]
            notes.append("• " + ", ".join(b for b in bits if b))
    return parts("content", "key-points", labels.key_points, frames, [notes], loc, module.number)


def closing(ctx: PlanContext) -> list[Draft]:
    """Who to contact, what to do in an emergency, and a QR code to the course's home page (when the site has an address)."""
    course = ctx.course
    meta, labels = course.meta, ctx.labels
    contact = meta.contact or course.theme.meta.clinic
    paras = [Para(plain(contact.name, bold=True), 0, "none")]
    for label, value, link in ((labels.contact_phone, contact.phone, None), (labels.contact_email, contact.email, None),
                               (labels.contact_website, contact.website, contact.website),
                               (labels.contact_address, contact.address, None)):
        if value:
            paras.append(Para((Run(f"{label}: ", bold=True), Run(value, link=web_link(link) if link else None)), 0, "none"))
    emergency = meta.emergency or course.theme.meta.emergency
    if emergency:
        paras.append(Para((Run(f"{labels.slides_urgent}: ", bold=True), Run(emergency.text)), 0, "none"))
    pictures = []
    notes = [labels.slides_notes_closing]
    address = ctx.course_url
    if address and ctx.qr_png is not None:
        paras.append(Para((Run(f"{labels.slides_online_course}: ", bold=True),
                           Run(address, link=web_link(address))), 0, "none"))
        pictures.append(PicturePlan("picture", None, labels.slides_qr_alt.format(address=address),
                                    ctx.qr_png(address), course.loc))
    frames = ctx.fitter.split("closing", "body", [[p] for p in paras])
    drafts = parts("closing", "closing", labels.slides_closing_title, frames, [notes], course.loc)
    drafts[-1].pictures.extend(pictures)
    return drafts


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"
