"""The numbers of the exported .docx (GB/T 9704), read back from the package XML."""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx
from lxml import etree

from app.core.document.grammar import lead_sentence_spans
from app.core.formats.docx_io import to_docx_bytes
from app.core.formats.export_options import ExportOptions
from app.core.formats.reader import read_document
from app.core.model import Document, Paragraph, Role

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _style(styles, style_id):
    return styles.find(f"{W}style[@{W}styleId='{style_id}']")


def _val(parent, path, attr="val"):
    node = parent.find(path)
    return None if node is None else node.get(f"{W}{attr}")


SAMPLE = Document([
    Paragraph(Role.TITLE, "2023年度主题教育专题民主生活会个人对照检查材料"),
    Paragraph(Role.META, "张三（××局局长）"),
    Paragraph(Role.META, "2024年1月10日"),
    Paragraph(Role.BODY, "根据要求，现将个人对照检查情况报告如下："),
    Paragraph(Role.H1, "一、检视的问题"),
    Paragraph(Role.H2, "（一）理论学习方面"),
    Paragraph(Role.BODY, "一是学习不够系统。有时以干代学。二是运用不够有效；联系实际不紧。"),
    Paragraph(Role.H1, "二、整改措施"),
    Paragraph(Role.BODY, "一要强化理论武装。"),
], "zhuti_2023")


def test_page_is_a4_with_gbt_margins_and_footer_distances():
    doc = open_docx(io.BytesIO(to_docx_bytes(SAMPLE)))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    # text block 156 × 225 mm
    width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
    height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
    assert (round(width), round(height)) == (156, 225)


def test_styles_carry_the_official_fonts_sizes_and_spacing():
    styles = etree.fromstring(_parts(to_docx_bytes(SAMPLE))["word/styles.xml"])
    expected = {  # style id: (East Asian font, half-points, centred, indented, outline level)
        "Normal": ("仿宋_GB2312", "32", "both", True, "9"),
        "Title": ("方正小标宋简体", "44", "center", False, "9"),
        "MingjingMeta": ("楷体_GB2312", "32", "center", False, "9"),
        "MingjingH1": ("黑体", "32", "both", True, "0"),
        "MingjingH2": ("楷体_GB2312", "32", "both", True, "1"),
        "Heading1": ("黑体", "32", "both", True, "0"),
        "Heading2": ("楷体_GB2312", "32", "both", True, "1"),
    }
    for style_id, (font, size, jc, indented, level) in expected.items():
        style = _style(styles, style_id)
        rpr, ppr = style.find(f"{W}rPr"), style.find(f"{W}pPr")
        fonts = rpr.find(f"{W}rFonts")
        assert fonts.get(f"{W}eastAsia") == font, style_id
        assert fonts.get(f"{W}ascii") == "Times New Roman"
        assert not [a for a in fonts.attrib if a.endswith(("Theme", "theme"))], style_id
        assert _val(rpr, f"{W}sz") == size, style_id
        assert _val(rpr, f"{W}color") == "000000", style_id
        assert _val(rpr, f"{W}lang", "eastAsia") == "zh-CN", style_id
        assert _val(ppr, f"{W}jc") == jc, style_id
        assert _val(ppr, f"{W}outlineLvl") == level, style_id
        spacing = ppr.find(f"{W}spacing")
        assert spacing.get(f"{W}after") == "0" and spacing.get(f"{W}before") == "0"
        assert spacing.get(f"{W}lineRule") == "exact"
        ind = ppr.find(f"{W}ind")
        if indented:
            assert (ind.get(f"{W}firstLineChars"), ind.get(f"{W}firstLine")) == ("200", "640")
        else:
            assert ind.get(f"{W}firstLineChars") == "0"
    assert _val(_style(styles, "Normal").find(f"{W}pPr"), f"{W}spacing", "line") == "579"
    assert _val(_style(styles, "Title").find(f"{W}pPr"), f"{W}spacing", "line") == "700"
    # our heading styles are based on Word's, so the navigation pane and restyling work
    assert _val(_style(styles, "MingjingH1"), f"{W}basedOn") == "Heading1"
    assert _val(_style(styles, "MingjingH1"), f"{W}name") == "一级标题"
    assert _val(_style(styles, "MingjingH2"), f"{W}name") == "二级标题"


def test_no_template_defaults_are_left_over():
    parts = _parts(to_docx_bytes(SAMPLE))
    styles_xml = parts["word/styles.xml"].decode()
    defaults = etree.fromstring(parts["word/styles.xml"]).find(f"{W}docDefaults")
    assert _val(defaults, f".//{W}pPrDefault//{W}spacing", "after") == "0"
    assert _val(defaults, f".//{W}pPrDefault//{W}spacing", "line") == "240"
    assert _val(defaults, f".//{W}rPrDefault//{W}lang", "eastAsia") == "zh-CN"
    assert _val(defaults, f".//{W}rPrDefault//{W}rFonts", "eastAsia") == "仿宋_GB2312"
    assert 'w:after="200"' not in styles_xml and 'w:line="276"' not in styles_xml
    for style in etree.fromstring(parts["word/styles.xml"]).findall(f"{W}style"):
        if style.get(f"{W}type") in ("paragraph", "character"):  # no blue text, no theme fonts
            xml = etree.tostring(style).decode()
            assert "themeColor" not in xml and "asciiTheme" not in xml, style.get(f"{W}styleId")
    settings = parts["word/settings.xml"].decode()
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    assert "word/stylesWithEffects.xml" not in parts and "docProps/thumbnail.jpeg" not in parts
    document_xml = parts["word/document.xml"].decode()
    assert "Theme" not in document_xml
    fonts = parts["word/fontTable.xml"].decode()  # Japanese Word's fonts of the template
    assert "ＭＳ" not in fonts and "Calibri" not in fonts and "仿宋_GB2312" in fonts
    app_xml = parts["docProps/app.xml"].decode()
    assert "Macintosh" not in app_xml and "Normal.dotm" not in app_xml
    core = parts["docProps/core.xml"].decode()  # the template's 2013 dates are not ours
    assert "2013-" not in core
    import datetime
    assert f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{datetime.date.today().year}" in core


def test_footer_page_numbers_odd_right_even_left_with_odd_even_setting():
    parts = _parts(to_docx_bytes(SAMPLE))
    settings = etree.fromstring(parts["word/settings.xml"])
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    document = etree.fromstring(parts["word/document.xml"])
    refs = {r.get(f"{W}type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in document.iter(f"{W}footerReference")}
    assert set(refs) == {"default", "even"}
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    target = {r.get("Id"): r.get("Target") for r in rels}
    odd = etree.fromstring(parts["word/" + target[refs["default"]]])
    even = etree.fromstring(parts["word/" + target[refs["even"]]])
    for footer, jc, side in ((odd, "right", "right"), (even, "left", "left")):
        p = footer.find(f"{W}p")
        assert _val(p, f"{W}pPr/{W}jc") == jc
        assert _val(p, f"{W}pPr/{W}ind", side) == "280"  # one 14 pt character in
        text = "".join(t.text for t in p.iter(f"{W}t"))
        assert text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in p.iter(f"{W}instrText"))
    footer_style = _style(etree.fromstring(parts["word/styles.xml"]), "Footer")
    assert _val(footer_style, f"{W}rPr/{W}rFonts", "eastAsia") == "宋体"
    # 半角宋体阿拉伯数字: the digits are in the Latin slot, which must be 宋体 as well
    assert _val(footer_style, f"{W}rPr/{W}rFonts", "ascii") == "宋体"
    assert _val(footer_style, f"{W}rPr/{W}rFonts", "hAnsi") == "宋体"
    assert _val(footer_style, f"{W}rPr/{W}sz") == "28"


def test_paragraphs_use_the_styles_and_title_block_is_followed_by_an_empty_line():
    document = etree.fromstring(_parts(to_docx_bytes(SAMPLE))["word/document.xml"])
    paragraphs = document.find(f"{W}body").findall(f"{W}p")
    styles = [_val(p, f"{W}pPr/{W}pStyle") for p in paragraphs]
    assert styles == ["Title", "MingjingMeta", "MingjingMeta", "Normal", "MingjingH1", "MingjingH2",
                      "Normal", "MingjingH1", "Normal"]
    assert _val(paragraphs[2], f"{W}pPr/{W}spacing", "after") == "579"  # after the date line
    assert all(_val(p, f"{W}pPr/{W}spacing", "after") is None for p in paragraphs[3:])


def test_bold_lead_sentences_only_when_asked():
    plain = etree.fromstring(_parts(to_docx_bytes(SAMPLE))["word/document.xml"])
    assert not list(plain.iter(f"{W}b"))
    bold = etree.fromstring(_parts(to_docx_bytes(SAMPLE, ExportOptions(bold_lead=True)))["word/document.xml"])
    bold_texts = ["".join(t.text for t in r.iter(f"{W}t")) for r in bold.iter(f"{W}r")
                  if r.find(f"{W}rPr/{W}b") is not None]
    assert bold_texts == ["一是学习不够系统。", "二是运用不够有效；", "一要强化理论武装。"]
    assert lead_sentence_spans("（一）理论学习方面。一是学。二是用") == [(10, 14), (14, 17)]


def test_fonts_can_be_switched_to_fallbacks_and_are_declared_with_alt_names():
    data = to_docx_bytes(SAMPLE, ExportOptions.fallback())
    parts = _parts(data)
    styles = etree.fromstring(parts["word/styles.xml"])
    assert _val(_style(styles, "Normal"), f"{W}rPr/{W}rFonts", "eastAsia") == "仿宋"
    assert _val(_style(styles, "Title"), f"{W}rPr/{W}rFonts", "eastAsia") == "宋体"
    assert _val(_style(styles, "MingjingH2"), f"{W}rPr/{W}rFonts", "eastAsia") == "楷体"
    table = etree.fromstring(to_docx_bytes_parts_font_table())
    fonts = {f.get(f"{W}name"): _val(f, f"{W}altName") for f in table.findall(f"{W}font")}
    assert fonts["仿宋_GB2312"] == "仿宋" and fonts["方正小标宋简体"] == "宋体"
    assert fonts["楷体_GB2312"] == "楷体" and fonts["黑体"] == "SimHei"


def to_docx_bytes_parts_font_table() -> bytes:
    return _parts(to_docx_bytes(SAMPLE))["word/fontTable.xml"]


def test_export_options_from_stored_values():
    options = ExportOptions.from_values({"body": "仿宋", "h2": "楷体", "title": "  ", "x": "y"}, "true")
    assert (options.body, options.h2, options.meta, options.title, options.bold_lead) == (
        "仿宋", "楷体", "楷体", "方正小标宋简体", True)
    assert ExportOptions.from_values({}, "false").bold_lead is False
    assert ExportOptions.from_values({}, None) == ExportOptions()


def test_corpus_exports_have_text_in_order(corpus):
    for path in corpus:
        original = read_document(path)
        document = etree.fromstring(_parts(to_docx_bytes(original))["word/document.xml"])
        texts = ["".join(t.text for t in p.iter(f"{W}t")) for p in document.iter(f"{W}p")]
        assert texts == [p.text for p in original.paragraphs], path.name


def _body_ppr(data: bytes) -> list[tuple[str, str, str | None, str | None]]:
    document = etree.fromstring(_parts(data)["word/document.xml"])
    rows = []
    for p in document.iter(f"{W}p"):
        text = "".join(t.text for t in p.iter(f"{W}t"))
        rows.append((text, _val(p, f"{W}pPr/{W}pStyle"), _val(p, f"{W}pPr/{W}ind", "right"),
                     _val(p, f"{W}pPr/{W}spacing", "before")))
    return rows


def test_signature_and_date_at_the_end_are_set_right_as_gbt_9704_says():
    closing = [Paragraph(Role.BODY, "张三"), Paragraph(Role.BODY, "2024年1月10日")]
    data = to_docx_bytes(Document(SAMPLE.paragraphs + closing, "zhuti_2023"))
    *_, last_body, name, date = _body_ppr(data)
    assert last_body[1] == "Normal"
    # the date (6.5 characters wide: digits are half) is the longer line: 右空二字, and its
    # first character two characters right of the signature's: that is 2 + 6.5 + 2 - 2 in.
    assert date == ("2024年1月10日", "MingjingSign", "640", None)
    assert name == ("张三", "MingjingSign", str(int(8.5 * 320)), "579")  # 正文下空一行
    styles = etree.fromstring(_parts(data)["word/styles.xml"])
    assert _val(_style(styles, "MingjingSign"), f"{W}pPr/{W}jc") == "right"
    assert _val(_style(styles, "MingjingSign"), f"{W}pPr/{W}ind", "firstLineChars") == "0"
    # a date alone: 右空四字
    data = to_docx_bytes(Document(SAMPLE.paragraphs + closing[1:], "zhuti_2023"))
    assert _body_ppr(data)[-1] == ("2024年1月10日", "MingjingSign", "1280", "579")
    # a long signature line: 右空二字, the date two characters further in
    long_name = [Paragraph(Role.BODY, "中共××市委员会组织部"), Paragraph(Role.BODY, "2024年1月10日")]
    data = to_docx_bytes(Document(SAMPLE.paragraphs + long_name, "zhuti_2023"))
    assert [row[2] for row in _body_ppr(data)[-2:]] == ["640", str(int((2 + 11 - 2 - 6.5) * 320))]


def test_closing_lines_round_trip_and_the_date_under_the_title_stays_centred(tmp_path):
    from app.core.formats.docx_io import read_docx, write_docx

    doc = Document([*SAMPLE.paragraphs, Paragraph(Role.BODY, "张三"), Paragraph(Role.BODY, "2024年1月10日")], "zhuti_2023")
    path = tmp_path / "a.docx"
    write_docx(doc, path)
    assert read_docx(path) == doc
    rows = _body_ppr(to_docx_bytes(SAMPLE))
    assert rows[2][:2] == ("2024年1月10日", "MingjingMeta")  # META: centred under the title
    # a body that merely ends with a short sentence is not a signature
    plain = Document([*SAMPLE.paragraphs, Paragraph(Role.BODY, "特此报告。")], "zhuti_2023")
    assert "MingjingSign" not in _parts(to_docx_bytes(plain))["word/document.xml"].decode()


def test_a_long_title_is_broken_into_a_trapezoid_at_a_word_boundary():
    from app.core.formats.docx_title import title_lines

    assert title_lines("2023年第一批主题教育专题民主生活会个人剖析材料") == [
        "2023年第一批主题教育", "专题民主生活会个人剖析材料"]  # not "……个人" / "剖析材料"
    assert title_lines("中共××市委员会组织部领导班子2023年度民主生活会对照检查材料") == [
        "中共××市委员会组织部领导班子", "2023年度民主生活会对照检查材料"]
    assert title_lines("巡视整改专题民主生活会个人对照检查材料") == [
        "巡视整改专题民主生活会个人对照检查材料"]  # 19 characters fit on one line
    for title in ("2023年第一批主题教育专题民主生活会个人剖析材料", "党纪学习教育专题组织生活会个人对照检查材料"):
        upper, lower = title_lines(title)
        assert len(upper) <= len(lower) and "".join((upper, lower)) == title
    # in the file: one title paragraph with a line break, read back as the same one line
    document = etree.fromstring(_parts(to_docx_bytes(SAMPLE))["word/document.xml"])
    first = document.find(f".//{W}p")
    assert [t.text for t in first.iter(f"{W}t")] == ["2023年度主题教育专题", "民主生活会个人对照检查材料"]
    assert len(first.findall(f".//{W}br")) == 1


def test_a_broken_title_round_trips(tmp_path):
    from app.core.formats.docx_io import read_docx, write_docx

    write_docx(SAMPLE, tmp_path / "a.docx")
    assert read_docx(tmp_path / "a.docx") == SAMPLE
