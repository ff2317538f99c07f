"""The thin adapter: copy a DeckPlan into the theme's template with python-pptx, byte for byte reproducibly."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.image import Image as PptxImage

from toolkit import fallback_fonts, rules
from toolkit.diagnostics import Diagnostic
from toolkit.slides import compiled_xpath, fit
from toolkit.slides.deck_model import DeckPlan, Para, PicturePlan, SlidePlan, TablePlan
from toolkit.slides.geometry import EMU_PER_PT, NOTES_PT, Box
from toolkit.slides.package_index import IndexedDeck
from toolkit.slides.template import Template
from toolkit.source import SourceLoc

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
SLIDE_NUMBER_FIELD = "{4D2B5E0A-6C4E-4C1B-9A55-2F3C0B8E7A10}"
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def write_deck(plan: DeckPlan, template: Template, path: Path) -> list[Diagnostic]:
    """Write ``plan`` to ``path``; problems come back as diagnostics, never as exceptions."""
    problems: list[Diagnostic] = []
    compiled_xpath.install()
    prs = template.open()
    deck = IndexedDeck(prs)
    for number, slide_plan in enumerate(plan.slides, 1):
        _write_slide(prs, deck, template, plan, slide_plan, number, problems)
    _properties(prs, plan)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}-", suffix=".pptx", delete=False) as tmp:
            prs.save(tmp)
        normalise_package(Path(tmp.name), plan.created)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp.name, 0o666 & ~umask)
        os.replace(tmp.name, path)
    except OSError as error:
        problems.append(rules.SLIDES_WRITE_FAILED.at(SourceLoc(path), f"cannot write `{path.name}`: {error.strerror or error}"))
        if "tmp" in locals() and os.path.exists(tmp.name):
            os.unlink(tmp.name)
    return problems


def _write_slide(prs, deck: IndexedDeck, template: Template, plan: DeckPlan, sp: SlidePlan, number: int,  # type: ignore[no-untyped-def]
                 problems: list[Diagnostic]) -> None:
    layout = template.layout(prs, sp.layout)
    slide = deck.add_slide(layout)
    names = template.placeholder_names[sp.layout]
    # python-pptx names cloned placeholders "Title 1" and so on; a slide placeholder is tied to its layout's
    # by the `idx` they share, so give each the name it has in the layout.
    layout_names = {shape.placeholder_format.idx: shape.name for shape in layout.placeholders}
    by_name = {}
    for shape in slide.placeholders:
        name = layout_names.get(shape.placeholder_format.idx, shape.name)
        shape.name = name
        by_name[name] = shape
    used: set[str] = set()
    for frame in sp.frames:
        shape = by_name[names[frame.role]]
        tx_body = shape.text_frame._txBody  # noqa: SLF001
        _write_text(tx_body, frame.paras, frame.size, plan.language, slide.part)
        _no_autofit(tx_body)
        used.add(shape.name)
    for picture in sp.pictures:
        box = template.geometry.box(sp.layout, picture.role)
        assert box is not None
        _add_picture(slide, picture, box, problems)
    if sp.table is not None:
        box = template.geometry.box(sp.layout, sp.table.role)
        assert box is not None
        _add_table(slide, sp.table, box, plan.language)
    for name, shape in by_name.items():  # an empty placeholder would show "Click to add text"
        if name not in used:
            shape._element.getparent().remove(shape._element)  # noqa: SLF001
    _add_footer(slide, layout, names, plan, number)
    title = by_name[names["title"]]._element  # noqa: SLF001 - reading order: the title first
    tree = title.getparent()
    tree.remove(title)
    tree.insert(2, title)
    if sp.notes:
        notes = [Para(((fit.StyledText(_clean(t))),), 0, "none") for t in sp.notes]
        _write_text(slide.notes_slide.notes_text_frame._txBody, notes, NOTES_PT, plan.language)  # noqa: SLF001


def _no_autofit(tx_body) -> None:  # type: ignore[no-untyped-def]
    """The text was measured to fit at its size; a client's own shrink-to-fit would only make it smaller."""
    body_pr = tx_body.find(f"{A}bodyPr")
    for child in list(body_pr):
        if child.tag in (f"{A}normAutofit", f"{A}spAutoFit", f"{A}noAutofit"):
            body_pr.remove(child)
    body_pr.insert(0, etree.Element(f"{A}noAutofit"))


def _clean(text: str) -> str:
    return _XML_BAD.sub("", text)


def _sub(parent, tag: str, **attrs: str):  # type: ignore[no-untyped-def]
    return etree.SubElement(parent, tag, {k: v for k, v in attrs.items()})


def _write_text(tx_body, paras: tuple[Para, ...] | list[Para], size: float, language: str,  # type: ignore[no-untyped-def]
                part=None) -> None:
    """Replace a text body's paragraphs with ``paras``, with sizes, spacing and bullets written out."""
    for p in tx_body.findall(f"{A}p"):
        tx_body.remove(p)
    run_start: dict[tuple[int, str], int] = {}
    previous: tuple[int, str] | None = None
    for i, para in enumerate(paras):
        p = _sub(tx_body, f"{A}p")
        hanging = para.marker != "none"
        attrs = {"marL": str(round(para.indent_pt * EMU_PER_PT)),
                 "indent": str(-round(para.hanging_pt * EMU_PER_PT) if hanging else 0)}
        if para.level:
            attrs["lvl"] = str(min(para.level, 8))
        if fallback_fonts.starts_right_to_left("".join(run.text for run in para.runs)):
            attrs["rtl"] = "1"  # Arabic and Hebrew paragraphs read right to left
        ppr = _sub(p, f"{A}pPr", **attrs)
        _sub(_sub(ppr, f"{A}lnSpc"), f"{A}spcPts", val=str(round(fit.line_pitch(size) * 100)))
        before = 0.0 if i == 0 else fit.space_before(size, para.level)
        _sub(_sub(ppr, f"{A}spcBef"), f"{A}spcPts", val=str(round(before * 100)))
        key = (para.level, para.marker)
        if para.marker == "none":
            _sub(ppr, f"{A}buNone")
        elif para.marker == "bullet":
            _sub(ppr, f"{A}buFont", typeface="Arial")
            _sub(ppr, f"{A}buChar", char="•" if para.level % 2 == 0 else "–")
        else:
            if previous != key:
                run_start[key] = para.number
            scheme = "arabicPeriod" if para.marker == "number" else "alphaUcPeriod"
            _sub(ppr, f"{A}buFont", typeface="+mj-lt")
            _sub(ppr, f"{A}buAutoNum", type=scheme, startAt=str(run_start[key]))
        previous = key
        for run in para.runs:
            for j, piece in enumerate(_clean(run.text).split("\n")):
                if j:
                    _sub(_sub(p, f"{A}br"), f"{A}rPr", lang=language, sz=str(round(size * 100)))
                if not piece:
                    continue
                r = _sub(p, f"{A}r")
                rattrs = {"lang": language, "sz": str(round(size * 100))}
                if run.bold:
                    rattrs["b"] = "1"
                if run.italic:
                    rattrs["i"] = "1"
                rpr = _sub(r, f"{A}rPr", **rattrs)
                _script_fonts(rpr, piece)
                if run.link and part is not None:  # a clickable web address, as the module wrote it
                    r_id = part.relate_to(run.link, RT.HYPERLINK, is_external=True)
                    _sub(rpr, f"{A}hlinkClick", **{f"{R}id": r_id})
                _sub(r, f"{A}t").text = piece
        if not para.runs:
            _sub(p, f"{A}endParaRPr", lang=language, sz=str(round(size * 100)))
    if not paras:
        _sub(tx_body, f"{A}p")


def _script_fonts(rpr, text: str) -> None:  # type: ignore[no-untyped-def]
    """Name the fallback fonts for the scripts the theme font lacks (it stays the Latin font, from the template):
    East Asian text in Noto Sans CJK, complex scripts in Noto Sans Arabic or Hebrew, whichever the run holds.
    PowerPoint and Impress use a run's `ea` and `cs` typefaces for those characters (the fitter measured them
    with the same fonts); emoji are left to the client's own emoji font."""
    _sub(rpr, f"{A}ea", typeface=fallback_fonts.EAST_ASIAN)
    _sub(rpr, f"{A}cs", typeface=fallback_fonts.complex_script_family(text))


def _add_picture(slide, picture: PicturePlan, box: Box, problems: list[Diagnostic]) -> None:  # type: ignore[no-untyped-def]
    try:
        source = io.BytesIO(picture.data) if picture.data is not None else str(picture.path)
        image = PptxImage.from_blob(picture.data) if picture.data is not None else PptxImage.from_file(str(picture.path))
        px_w, px_h = image.size
        if px_w <= 0 or px_h <= 0:
            raise ValueError("the picture has no size")
        scale = min(box.w / px_w, box.h / px_h)
        w, h = round(px_w * scale), round(px_h * scale)
        shape = slide.shapes.add_picture(source, box.x + (box.w - w) // 2, box.y + (box.h - h) // 2, w, h)
    except Exception as error:  # noqa: BLE001 - any unreadable picture becomes a diagnostic
        loc = picture.loc or SourceLoc(picture.path or Path("."))
        problems.append(rules.SLIDES_IMAGE_UNREADABLE.at(loc, f"`{picture.path.name if picture.path else 'QR code'}` "
                                                              f"cannot be read as a picture ({type(error).__name__})"))
        return
    c_nv_pr = shape._element.nvPicPr.cNvPr  # noqa: SLF001
    c_nv_pr.set("descr", _clean(picture.alt))
    c_nv_pr.set("name", f"Picture {c_nv_pr.get('id')}")


def _add_table(slide, plan: TablePlan, box: Box, language: str) -> None:  # type: ignore[no-untyped-def]
    rows, cols = len(plan.rows) + 1, len(plan.header)
    frame = slide.shapes.add_table(rows, cols, box.x, box.y, box.w, round(sum(plan.row_heights) * EMU_PER_PT))
    table = frame.table
    widths = [round(w * EMU_PER_PT) for w in plan.col_widths]
    widths[-1] += box.w - sum(widths)
    for c, w in enumerate(widths):
        table.columns[c].width = w
    for r, h in enumerate(plan.row_heights):
        table.rows[r].height = round(h * EMU_PER_PT)
    for r, row in enumerate((plan.header, *plan.rows)):
        for c in range(cols):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = round(7.2 * EMU_PER_PT)
            cell.margin_top = cell.margin_bottom = round(3.6 * EMU_PER_PT)
            text = row[c] if c < len(row) else ""
            para = Para((fit.StyledText(text, bold=(r == 0)),), 0, "none")
            _write_text(cell.text_frame._txBody, [para], plan.size, language)  # noqa: SLF001


def _add_footer(slide, layout, names: dict[str, str], plan: DeckPlan, number: int) -> None:  # type: ignore[no-untyped-def]
    """Footer and slide number: copies of the layout's placeholders, which python-pptx does not copy."""
    tree = slide.shapes._spTree  # noqa: SLF001
    next_id = max(int(e.get("id")) for e in tree.iter(f"{P}cNvPr")) + 1
    layout_shapes = {shape.name: shape for shape in layout.placeholders}
    for role in ("footer", "slide-number"):
        name = names.get(role)
        if name is None or name not in layout_shapes:
            continue
        source = layout_shapes[name]._element  # noqa: SLF001
        sp = etree.SubElement(tree, f"{P}sp")
        nv = copy.deepcopy(source.find(f"{P}nvSpPr"))
        nv.find(f"{P}cNvPr").set("id", str(next_id))
        next_id += 1
        sp.append(nv)
        _sub(sp, f"{P}spPr")
        body = _sub(sp, f"{P}txBody")
        _sub(body, f"{A}bodyPr")
        _sub(body, f"{A}lstStyle")
        p = _sub(body, f"{A}p")
        size = str(round(plan.footer_size * 100))
        if role == "footer":
            r = _sub(p, f"{A}r")
            _script_fonts(_sub(r, f"{A}rPr", lang=plan.language, sz=size), plan.footer)
            _sub(r, f"{A}t").text = _clean(plan.footer)
        else:
            fld = _sub(p, f"{A}fld", id=SLIDE_NUMBER_FIELD, type="slidenum")
            _sub(fld, f"{A}rPr", lang=plan.language, sz=size)
            _sub(fld, f"{A}t").text = str(number)


def _properties(prs, plan: DeckPlan) -> None:  # type: ignore[no-untyped-def]
    core = prs.core_properties
    when = plan.created.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    core.title = plan.title
    core.author = plan.author
    core.subject = plan.subject
    core.language = plan.language
    core.last_modified_by = "coursekit"
    core.keywords = "patient education"
    core.comments = plan.footer
    core.category = "Workshop slides"
    core.revision = 1
    core.created = core.modified = core.last_printed = when


def normalise_package(path: Path, when: dt.datetime) -> None:
    """Rewrite a zip package with fixed entry dates and order, so the same parts give the same bytes."""
    stamp = max(when.astimezone(dt.timezone.utc), ZIP_EPOCH)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2)
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    entries.sort(key=lambda e: (e[0] != "[Content_Types].xml", e[0]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, data, compresslevel=9)
    path.write_bytes(buffer.getvalue())
