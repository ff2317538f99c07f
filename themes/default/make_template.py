"""Draw coursekit's default slide template, `template.pptx`, from `theme.yml` and the default geometry.

Run it from the repository root after changing the theme's colours or the
layout geometry, and commit the result:

    .venv/bin/python themes/default/make_template.py

The template is a designed asset: a 16:9 master in the theme's colours with
Atkinson Hyperlegible as both theme fonts, a coloured title band, a footer
line, and eight named layouts (Title, Section, Title and Content, Two Content,
Picture with Caption, Alert, Quiz, Closing) whose placeholders are named for
what they hold. The same source always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from toolkit.slides.geometry import (BAND_H, DEFAULT_GEOMETRY, LAYOUTS, NOTES_PAGE,  # noqa: E402
                                     NOTES_SLIDE_IMAGE, PLACEHOLDER_NAMES, SLIDE_H, SLIDE_W, Box)
from toolkit.slides.writer import normalise_package  # noqa: E402

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def hex6(colour: str) -> str:
    return colour.lstrip("#").upper()


def solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{hex6(colour)}"/></a:solidFill>'


def xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm>'


def rect(shape_id: int, name: str, x: int, y: int, w: int, h: int, colour: str, geom: str = "rect") -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
            f'<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{solid(colour)}<a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>')


def placeholder(shape_id: int, role: str, ph: str, box: Box, prompt: str, *, size: int | None = None,
                colour: str | None = None, bold: bool = False, anchor: str = "t", bullets: bool = False,
                align: str = "l", italic: bool = False) -> str:
    """A named placeholder: its geometry, insets and the look of its first level."""
    rpr = []
    if size:
        rpr.append(f'sz="{size * 100}"')
    if bold:
        rpr.append('b="1"')
    if italic:
        rpr.append('i="1"')
    fill = solid(colour) if colour else ""
    bullet = '<a:buNone/>' if not bullets else ''
    mar = 'marL="0" indent="0"' if not bullets else ''
    deeper = "".join(f'<a:lvl{n}pPr><a:defRPr>{fill}</a:defRPr></a:lvl{n}pPr>' for n in range(2, 10)) if bullets and fill else ""
    lst = (f'<a:lstStyle><a:lvl1pPr {mar} algn="{align}">{bullet}<a:defRPr {" ".join(rpr)}>{fill}</a:defRPr></a:lvl1pPr>'
           f'{deeper}</a:lstStyle>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{PLACEHOLDER_NAMES[role]}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr>{xfrm(box)}</p:spPr>'
            f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="{box.left}" tIns="{box.top}" rIns="{box.right}" '
            f'bIns="{box.bottom}" rtlCol="0" anchor="{anchor}"><a:normAutofit/></a:bodyPr>{lst}'
            f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{prompt}</a:t></a:r></a:p></p:txBody></p:sp>')


def footer_pair(start_id: int, boxes: dict[str, Box], colour: str) -> str:
    return (placeholder(start_id, "footer", '<p:ph type="ftr" sz="quarter" idx="11"/>', boxes["footer"], "",
                        size=12, colour=colour, anchor="ctr")
            + placeholder(start_id + 1, "slide-number", '<p:ph type="sldNum" sz="quarter" idx="12"/>',
                          boxes["slide-number"], "", size=12, colour=colour, anchor="ctr", align="r"))


def sp_tree(inner: str) -> str:
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{inner}</p:spTree>')


def set_csld(element, name: str, tree: str, background: str | None) -> None:  # type: ignore[no-untyped-def]
    """Replace a master's or layout's common slide data: name, background and shapes."""
    old = element.find(f"{P}cSld")
    bg = (f'<p:bg><p:bgPr>{solid(background)}<a:effectLst/></p:bgPr></p:bg>' if background else "")
    new = parse_xml(f'<p:cSld {NS} name="{name}">{bg}{tree}</p:cSld>')
    element.replace(old, new)


def body_levels(text: str, size: int) -> str:
    """The master's body text: bullets with hanging indents, one size for every level."""
    levels = []
    for level in range(9):
        mar = 342900 * (level + 1)
        char = "•" if level % 2 == 0 else "–"
        levels.append(
            f'<a:lvl{level + 1}pPr marL="{mar}" indent="-342900" algn="l" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
            f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="1000"/></a:spcBef>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
            f'<a:defRPr sz="{size * 100}" kern="1200">{solid(text)}<a:latin typeface="+mn-lt"/></a:defRPr></a:lvl{level + 1}pPr>')
    return "".join(levels)


def main(out: Path | None = None) -> Path:
    theme = yaml.safe_load((HERE / "theme.yml").read_text(encoding="utf-8"))
    colours = theme["colours"]["light"]
    family = theme["font"]["family"]
    g = DEFAULT_GEOMETRY

    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    pres = prs.part._element  # noqa: SLF001
    pres.find(f"{P}sldSz").attrib.pop("type", None)
    notes_sz = pres.find(f"{P}notesSz")
    notes_sz.set("cx", str(NOTES_PAGE[0]))
    notes_sz.set("cy", str(NOTES_PAGE[1]))

    # Theme: colours and fonts
    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    scheme = root.find(f".//{A}clrScheme")
    scheme.set("name", "coursekit")
    slots = {"dk1": colours["text"], "lt1": colours["background"], "dk2": colours["primary"], "lt2": "#EEF5F6",
             "accent1": colours["primary"], "accent2": colours["accent"], "accent3": colours["alert"],
             "accent4": colours["muted"], "accent5": colours["link"], "accent6": "#2F7D4F",
             "hlink": colours["link"], "folHlink": colours["muted"]}
    for slot, value in slots.items():
        el = scheme.find(f"{A}{slot}")
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{A}srgbClr", val=hex6(value))
    fonts = root.find(f".//{A}fontScheme")
    fonts.set("name", family)
    for kind in ("majorFont", "minorFont"):
        latin = fonts.find(f"{A}{kind}/{A}latin")
        latin.set("typeface", family)
    root.find(f".//{A}themeElements").getparent().set("name", "coursekit")
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: SLF001

    # Master: title band, footer rule, placeholders, text styles
    content = g.layouts["content"]
    set_csld(master._element, "coursekit", sp_tree(  # noqa: SLF001
        rect(7, "Title band", 0, 0, SLIDE_W, BAND_H, colours["primary"])
        + rect(8, "Band rule", 0, BAND_H, SLIDE_W, 45720, colours["accent"])
        + rect(9, "Footer rule", content["footer"].x, content["footer"].y - 38100,
               SLIDE_W - 2 * content["footer"].x, 12700, colours["muted"])
        + placeholder(2, "title", '<p:ph type="title"/>', content["title"], "Click to edit the title",
                      anchor="ctr", colour=colours["on_primary"])
        + placeholder(3, "body", '<p:ph type="body" idx="1"/>', content["body"], "Click to edit the text",
                      bullets=True)
        + footer_pair(4, content, colours["muted"])
    ), None)
    master_el = master._element  # noqa: SLF001
    tx = master_el.find(f"{P}txStyles")
    tx.replace(tx.find(f"{P}titleStyle"), parse_xml(
        f'<p:titleStyle {NS}><a:lvl1pPr algn="l" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="95000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="3600" b="1" kern="1200">{solid(colours["on_primary"])}<a:latin typeface="+mj-lt"/></a:defRPr>'
        f'</a:lvl1pPr></p:titleStyle>'))
    tx.replace(tx.find(f"{P}bodyStyle"), parse_xml(
        f'<p:bodyStyle {NS}>{body_levels(colours["text"], 28)}</p:bodyStyle>'))

    # Layouts: keep ten of the default eleven and redraw each one.
    for layout in list(prs.slide_layouts)[len(LAYOUTS):]:
        prs.slide_layouts.remove(layout)
    layouts = list(prs.slide_layouts)
    kinds = list(LAYOUTS)
    on_primary, on_alert, muted = colours["on_primary"], colours["on_alert"], colours["muted"]
    for layout, kind in zip(layouts, kinds):
        el = layout._element  # noqa: SLF001
        boxes = g.layouts[kind]
        show_master = True
        background = None
        shapes = ""
        if kind == "title":
            show_master, background = False, colours["primary"]
            shapes = (rect(20, "Accent bar", boxes["title"].x + 91440, boxes["subtitle"].y - 137160, 2286000, 73152, colours["accent"])
                      + placeholder(2, "title", '<p:ph type="ctrTitle"/>', boxes["title"], "Course or module title",
                                    size=44, bold=True, colour=on_primary, anchor="b")
                      + placeholder(3, "subtitle", '<p:ph type="subTitle" idx="1"/>', boxes["subtitle"], "Summary",
                                    size=26, colour=on_primary)
                      + footer_pair(4, boxes, on_primary))
        elif kind == "section":
            show_master = False
            shapes = (rect(20, "Section band", 0, 0, 457200, SLIDE_H, colours["primary"])
                      + rect(21, "Section rule", boxes["title"].x + 91440, boxes["subtitle"].y - 91440, 1828800, 54864, colours["accent"])
                      + placeholder(2, "title", '<p:ph type="title"/>', boxes["title"], "Module title",
                                    size=40, bold=True, colour=colours["primary"], anchor="b")
                      + placeholder(3, "subtitle", '<p:ph type="body" idx="1"/>', boxes["subtitle"], "Module number and time",
                                    size=26, colour=muted)
                      + footer_pair(4, boxes, muted))
        elif kind == "content":
            shapes = (placeholder(2, "title", '<p:ph type="title"/>', boxes["title"], "Slide title", anchor="ctr")
                      + placeholder(3, "body", '<p:ph idx="1"/>', boxes["body"], "Lists, pictures and tables", bullets=True)
                      + footer_pair(4, boxes, muted))
        elif kind == "two-content":
            shapes = (placeholder(2, "title", '<p:ph type="title"/>', boxes["title"], "Slide title", anchor="ctr")
                      + placeholder(3, "left", '<p:ph sz="half" idx="1"/>', boxes["left"], "Left", bullets=True)
                      + placeholder(4, "right", '<p:ph sz="half" idx="2"/>', boxes["right"], "Right", bullets=True)
                      + footer_pair(5, boxes, muted))
        elif kind == "picture":
            shapes = (placeholder(2, "title", '<p:ph type="title"/>', boxes["title"], "Slide title", anchor="ctr")
                      + placeholder(3, "picture", '<p:ph type="pic" idx="1"/>', boxes["picture"], "Picture", align="ctr")
                      + placeholder(4, "caption", '<p:ph type="body" sz="half" idx="2"/>', boxes["caption"], "Caption",
                                    size=22, colour=muted, align="ctr", italic=True)
                      + footer_pair(5, boxes, muted))
        elif kind in ("alert", "alert-same-day", "alert-soon"):
            # One alert layout per urgency tier, each in its tier's colours.
            tier = {"alert": "alert", "alert-same-day": "same_day", "alert-soon": "soon"}[kind]
            show_master, background, on_tier = False, colours[tier], colours[f"on_{tier}"]
            shapes = (rect(20, "Alert rule", 0, BAND_H, SLIDE_W, 54864, on_tier)
                      + placeholder(2, "title", '<p:ph type="title"/>', boxes["title"], "Warning signs",
                                    size=36, bold=True, colour=on_tier, anchor="ctr")
                      + placeholder(3, "body", '<p:ph idx="1"/>', boxes["body"], "Signs and what to do",
                                    bullets=True, colour=on_tier)
                      + footer_pair(4, boxes, on_tier))
        elif kind == "quiz":
            body = boxes["body"]
            shapes = (rect(20, "Quiz panel", body.x - 91440, body.y - 91440, body.w + 182880, body.h + 182880, "#EEF5F6", "roundRect")
                      + placeholder(2, "title", '<p:ph type="title"/>', boxes["title"], "Quick check", anchor="ctr")
                      + placeholder(3, "body", '<p:ph idx="1"/>', boxes["body"], "Question and options", bullets=True)
                      + footer_pair(4, boxes, muted))
        elif kind == "closing":
            shapes = (placeholder(2, "title", '<p:ph type="title"/>', boxes["title"], "Thank you", anchor="ctr")
                      + placeholder(3, "body", '<p:ph idx="1"/>', boxes["body"], "Clinic contact details")
                      + placeholder(4, "picture", '<p:ph type="pic" idx="2"/>', boxes["picture"], "QR code", align="ctr")
                      + footer_pair(5, boxes, muted))
        set_csld(el, LAYOUTS[kind], sp_tree(shapes), background)
        el.attrib.pop("type", None)
        el.set("preserve", "1")
        if show_master:
            el.attrib.pop("showMasterSp", None)
        else:
            el.set("showMasterSp", "0")

    # Notes pages: the slide above, a tall text box below.
    notes_master = prs.notes_master
    for shape in notes_master.placeholders:
        kind = shape.placeholder_format.type
        if kind == 101:  # slide image
            box = NOTES_SLIDE_IMAGE
        elif kind == 2:  # notes body
            box = g.notes
            shape.name = "Notes"
            body_pr = shape._element.find(f".//{A}bodyPr")  # noqa: SLF001
            for key, value in (("lIns", box.left), ("tIns", box.top), ("rIns", box.right), ("bIns", box.bottom)):
                body_pr.set(key, str(value))
        else:
            continue
        shape.left, shape.top, shape.width, shape.height = box.x, box.y, box.w, box.h

    core = prs.core_properties
    core.title = "coursekit default template"
    core.author = "coursekit"
    core.last_modified_by = "coursekit"
    core.subject = "Slide template for patient education workshops"
    core.keywords = ""
    core.comments = "Made by themes/default/make_template.py"
    core.revision = 1
    core.created = core.modified = FIXED_DATE.replace(tzinfo=None)
    core.last_printed = FIXED_DATE.replace(tzinfo=None)
    out = out or HERE / "template.pptx"
    prs.save(str(out))
    normalise_package(out, FIXED_DATE)
    return out


if __name__ == "__main__":
    print(f"wrote {main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)}")
