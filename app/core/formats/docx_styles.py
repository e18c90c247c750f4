"""The page, the styles and the footer of an official-format .docx (GB/T 9704-2012).

Everything here edits the python-docx default template in place: its theme fonts, 10 pt
spacing after, 1.15 line spacing, blue headings and en-US/ja-JP language settings are
replaced, so nothing of the template shows through in Word, WPS or LibreOffice.
"""

from __future__ import annotations

import re

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from app.core.formats.export_options import FONT_FALLBACK, ExportOptions

BODY_PT = 16
TITLE_PT = 22
PAGE_NUMBER_PT = 14
LINE_PT = 28.95  # exact line spacing: 22 lines in the 225 mm text block
LINE_TWIPS = round(LINE_PT * 20)  # 579
TITLE_LINE_TWIPS = 35 * 20  # 2号 titles: exact 35 pt
# GB/T 9704: 28 characters a line.  28 × 16 pt (448 pt) is wider than the 156 mm line
# (442.2 pt), so the text is condensed by 0.25 pt (w:spacing -5, 28 × 15.75 = 441 pt).  Word's
# own way, a character grid (docGrid linesAndChars), comes out as 16 characters a line in
# LibreOffice.
CONDENSE_TWIPS = -5
LATIN_FONT = "Times New Roman"

# (style id, name shown in Word, based on, outline level, font role, size, centred, indent)
# Word shows Normal as 正文 and Title as 标题; the heading styles are our own names based on
# the built-in Heading 1-4 so the navigation pane and "restyle all" keep working.
STYLE_NORMAL = "Normal"
STYLE_TITLE = "Title"
STYLE_META = "MingjingMeta"
STYLE_SIGN = "MingjingSign"  # the signature and date at the end (署名、成文日期)
STYLE_H = {1: "MingjingH1", 2: "MingjingH2", 3: "MingjingH3", 4: "MingjingH4"}
STYLE_NAMES = {
    STYLE_META: "署名日期",
    STYLE_SIGN: "落款",
    STYLE_H[1]: "一级标题",
    STYLE_H[2]: "二级标题",
    STYLE_H[3]: "三级标题",
    STYLE_H[4]: "四级标题",
}


def el(tag: str, **attrs: str):
    """A WordprocessingML element; attribute names without the ``w:`` prefix."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def run_fonts(east_asia: str, latin: str = LATIN_FONT) -> object:
    """rFonts with the Chinese name in the East Asian slot and no theme attributes."""
    return el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin,
              hint="eastAsia")


def _rpr(font: str, size_pt: float, bold: bool = False, condensed: bool = True,
         latin: str = LATIN_FONT):
    rpr = el("w:rPr")
    rpr.append(run_fonts(font, latin))
    if bold:
        rpr.append(el("w:b"))
        rpr.append(el("w:bCs"))
    else:  # explicitly off: Heading 1-4 of the template are bold
        rpr.append(el("w:b", val="0"))
        rpr.append(el("w:bCs", val="0"))
    rpr.append(el("w:color", val="000000"))
    if condensed:
        rpr.append(el("w:spacing", val=str(CONDENSE_TWIPS)))
    rpr.append(el("w:kern", val="0"))
    rpr.append(el("w:sz", val=str(round(size_pt * 2))))
    rpr.append(el("w:szCs", val=str(round(size_pt * 2))))
    rpr.append(el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    return rpr


def _ppr(*, line_twips: int = LINE_TWIPS, centred: bool = False, indent: bool = True,
         outline: int | None = None, keep_next: bool = False):
    ppr = el("w:pPr")
    if keep_next:
        ppr.append(el("w:keepNext"))
        ppr.append(el("w:keepLines"))
    ppr.append(el("w:widowControl", val="0"))  # every full page holds its 22 lines
    # Punctuation may hang into the margin, as Word does by default.  Said explicitly because
    # without it LibreOffice drops a line-end "，" or "；" from the printed page.
    ppr.append(el("w:overflowPunct", val="1"))
    ppr.append(el("w:spacing", before="0", after="0", line=str(line_twips), lineRule="exact"))
    if indent:
        # firstLineChars is what Word and WPS use; firstLine is the fallback for others.
        ppr.append(el("w:ind", left="0", right="0", firstLineChars="200",
                      firstLine=str(2 * BODY_PT * 20)))
    else:
        ppr.append(el("w:ind", left="0", right="0", firstLineChars="0", firstLine="0"))
    ppr.append(el("w:jc", val="center" if centred else "both"))
    ppr.append(el("w:outlineLvl", val=str(9 if outline is None else outline)))
    return ppr


def _define_style(styles_el, style_id: str, name: str, based_on: str | None, ppr, rpr,
                  next_id: str = STYLE_NORMAL) -> None:
    """Create or completely replace a paragraph style (no template property survives)."""
    old = styles_el.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    style = el("w:style", type="paragraph", styleId=style_id)
    if style_id != STYLE_NORMAL and style_id not in ("Heading1", "Heading2", "Heading3",
                                                      "Heading4", STYLE_TITLE, "Footer"):
        style.set(qn("w:customStyle"), "1")
    style.append(el("w:name", val=name))
    if based_on:
        style.append(el("w:basedOn", val=based_on))
    style.append(el("w:next", val=next_id))
    style.append(el("w:uiPriority", val="9" if based_on and "Heading" in based_on else "1"))
    style.append(el("w:qFormat"))
    style.append(ppr)
    style.append(rpr)
    if old is not None:
        old.addprevious(style)
        styles_el.remove(old)
    else:
        styles_el.append(style)


def _clean_defaults(styles_el, options: ExportOptions) -> None:
    """docDefaults: our body font, zh-CN, no space after, single spacing."""
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    rpr = el("w:rPr")
    rpr.append(run_fonts(options.body))
    rpr.append(el("w:kern", val="0"))
    rpr.append(el("w:sz", val=str(BODY_PT * 2)))
    rpr.append(el("w:szCs", val=str(BODY_PT * 2)))
    rpr.append(el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    rpr_default.append(rpr)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    for child in list(ppr_default):
        ppr_default.remove(child)
    ppr = el("w:pPr")
    ppr.append(el("w:spacing", before="0", after="0", line="240", lineRule="auto"))
    ppr_default.append(ppr)


def setup_styles(doc, options: ExportOptions) -> None:
    styles_el = doc.styles.element
    _clean_defaults(styles_el, options)
    _define_style(styles_el, STYLE_NORMAL, "Normal", None, _ppr(), _rpr(options.body, BODY_PT))
    _define_style(styles_el, STYLE_TITLE, "Title", STYLE_NORMAL,
                  _ppr(line_twips=TITLE_LINE_TWIPS, centred=True, indent=False),
                  _rpr(options.title, TITLE_PT, condensed=False))
    _define_style(styles_el, STYLE_META, STYLE_NAMES[STYLE_META], STYLE_NORMAL,
                  _ppr(centred=True, indent=False), _rpr(options.meta, BODY_PT))
    sign_ppr = _ppr(indent=False)
    sign_ppr.find(qn("w:jc")).set(qn("w:val"), "right")
    # No extra space between 年/月/日 and the digits, so the line is as wide as counted.
    spacing = sign_ppr.find(qn("w:spacing"))
    spacing.addnext(el("w:autoSpaceDN", val="0"))
    spacing.addnext(el("w:autoSpaceDE", val="0"))
    _define_style(styles_el, STYLE_SIGN, STYLE_NAMES[STYLE_SIGN], STYLE_NORMAL, sign_ppr,
                  _rpr(options.body, BODY_PT))
    fonts = {1: options.h1, 2: options.h2, 3: options.h3, 4: options.body}
    for level in (1, 2, 3, 4):
        builtin = f"Heading{level}"
        for style_id, name, base in ((builtin, f"heading {level}", STYLE_NORMAL),
                                     (STYLE_H[level], STYLE_NAMES[STYLE_H[level]], builtin)):
            _define_style(styles_el, style_id, name, base,
                          _ppr(outline=level - 1, keep_next=True), _rpr(fonts[level], BODY_PT),
                          next_id=STYLE_NORMAL)
    footer_ppr = el("w:pPr")
    footer_ppr.append(el("w:spacing", before="0", after="0", line="240", lineRule="auto"))
    footer_ppr.append(el("w:ind", left="0", right="0", firstLineChars="0", firstLine="0"))
    _define_style(styles_el, "Footer", "footer", STYLE_NORMAL, footer_ppr,
                  # GB/T 9704 7.5: 4号半角宋体阿拉伯数字 — the digits too, not Times New Roman.
                  _rpr(options.page_number, PAGE_NUMBER_PT, condensed=False,
                       latin=options.page_number))
    # The template's other styles (Heading 5-9, Quote, Heading 1 Char …) carry blue theme
    # colours and theme fonts: a user applying one of them gets our fonts in black instead.
    for style in styles_el.findall(qn("w:style")):
        for rpr in style.iter(qn("w:rPr")):
            for child in rpr.findall(qn("w:color")):
                if child.get(qn("w:val")) != "000000" or child.get(qn("w:themeColor")):
                    rpr.remove(child)
            fonts_el = rpr.find(qn("w:rFonts"))
            if fonts_el is not None and any("heme" in a for a in fonts_el.attrib):
                rpr.remove(fonts_el)
        for ppr in style.iter(qn("w:pPr")):
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)


def setup_page(section, *, landscape: bool = False) -> None:
    """A4 with the GB/T 9704 margins (landscape swaps the sides: for tables)."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    # The page number sits about 7 mm below the text block (GB/T 9704 7.5).
    section.footer_distance = Mm(28) if not landscape else Mm(19)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    # No character grid (see above); the exact line spacing gives the 22 lines.
    sect_pr.append(el("w:docGrid", linePitch=str(LINE_TWIPS)))


def _page_number_paragraph(footer, odd: bool) -> None:
    """``— N —`` 4号宋体: odd pages right, even pages left, one character in."""
    p = footer.paragraphs[0]._p
    for child in list(p):
        p.remove(child)
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val="Footer"))
    one_char = str(PAGE_NUMBER_PT * 20)
    if odd:
        ppr.append(el("w:ind", left="0", right=one_char, firstLineChars="0", firstLine="0"))
    else:
        ppr.append(el("w:ind", left=one_char, right="0", firstLineChars="0", firstLine="0"))
    ppr.append(el("w:jc", val="right" if odd else "left"))
    p.append(ppr)

    def run(*children) -> None:
        r = el("w:r")
        for child in children:
            r.append(child)
        p.append(r)

    def text(value: str):
        t = el("w:t")
        t.text = value
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return t

    instr = el("w:instrText")
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run(text("— "))
    run(el("w:fldChar", fldCharType="begin"))
    run(instr)
    run(el("w:fldChar", fldCharType="separate"))
    run(text("1"))
    run(el("w:fldChar", fldCharType="end"))
    run(text(" —"))


def setup_footers(doc) -> None:
    """Page numbers in the footers, with the odd/even setting in settings.xml."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number_paragraph(section.footer, odd=True)
    _page_number_paragraph(section.even_page_footer, odd=False)


def setup_settings(doc) -> None:
    """settings.xml: zh-CN theme language, no ja-JP leftovers, Chinese punctuation kerning."""
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    rsids = settings.find(qn("w:rsids"))
    if rsids is not None:
        settings.remove(rsids)
    for old in settings.findall(qn("w:proofState")):
        settings.remove(old)


def setup_font_table(doc, options: ExportOptions) -> None:
    """Declare the Chinese fonts with GB2312 charset and a fallback (w:altName).

    Word and WPS substitute the altName when the font is missing on the PC, so a report
    written with 仿宋_GB2312 still prints in 仿宋 rather than in a Latin default.
    """
    part = _font_table_part(doc)
    if part is None:
        return
    root = part.element
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) in _LEFTOVER_FONTS:
            root.remove(font)
    existing = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name in options.used_fonts():
        if name in existing:
            continue
        font = el("w:font", name=name)
        alt = FONT_FALLBACK.get(name)
        if alt:
            font.append(el("w:altName", val=alt))
        font.append(el("w:charset", val="86"))
        font.append(el("w:family", val="modern" if name != "黑体" else "swiss"))
        font.append(el("w:pitch", val="fixed"))
        root.append(font)


def _font_table_part(doc):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
            if not hasattr(part, "element"):
                from docx.opc.part import XmlPart

                part = XmlPart.load(part.partname, part.content_type, part.blob, part.package)
                rel._target = part
            return part
    return None


def drop_template_leftovers(doc) -> None:
    """Remove the template's thumbnail picture and stylesWithEffects (old blue styles)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rel_id]
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml" and hasattr(part, "_blob"):
            # The template claims to be "Microsoft Macintosh Word" 14 from Normal.dotm.
            blob = part._blob.decode("utf-8")
            blob = re.sub(r"<Application>[^<]*</Application>", "<Application>明镜</Application>", blob)
            blob = re.sub(r"<Template>[^<]*</Template>", "<Template/>", blob)
            part._blob = blob.encode("utf-8")


# Fonts the template declares for Japanese Word (ＭＳ 明朝 …) and its unused Latin themes.
_LEFTOVER_FONTS = {"ＭＳ 明朝", "ＭＳ ゴシック", "Cambria", "Calibri", "Courier"}
