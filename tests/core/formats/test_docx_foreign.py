"""Opening .docx files that someone else wrote, and files that are not .docx at all."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.core.errors import DocumentReadError
from app.core.formats import docx_read
from app.core.formats.docx_io import read_docx
from app.core.formats.docx_lists import format_number
from app.core.formats.reader import read_document
from app.core.model import Role


def _save(doc, tmp_path, name="foreign.docx"):
    path = tmp_path / name
    doc.save(str(path))
    return path


def _roles(path):
    return [(p.role, p.text) for p in read_docx(path).paragraphs]


def _set_outline(paragraph_or_style, level: int) -> None:
    ppr = paragraph_or_style.element.get_or_add_pPr() if hasattr(paragraph_or_style, "type") \
        else paragraph_or_style._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>'))


def test_headings_by_word_heading_styles_without_numbers_get_numbered(tmp_path):
    doc = new_docx()
    doc.add_paragraph("张三同志个人对照检查材料", style="Title")
    doc.add_paragraph("存在的问题", style="Heading 1")
    doc.add_paragraph("理论学习方面", style="Heading 2")
    doc.add_paragraph("学习不够系统。")
    doc.add_paragraph("政治素质方面", style="Heading 2")
    doc.add_paragraph("整改措施", style="Heading 1")
    doc.add_paragraph("加强学习。")
    assert _roles(_save(doc, tmp_path)) == [
        (Role.TITLE, "张三同志个人对照检查材料"), (Role.H1, "一、存在的问题"),
        (Role.H2, "（一）理论学习方面"), (Role.BODY, "学习不够系统。"),
        (Role.H2, "（二）政治素质方面"), (Role.H1, "二、整改措施"), (Role.BODY, "加强学习。")]


def test_headings_by_outline_level_in_the_paragraph_or_its_style(tmp_path):
    doc = new_docx()
    custom = doc.styles.add_style("我的二级标题", WD_STYLE_TYPE.PARAGRAPH)
    _set_outline(custom, 2)  # levels shifted by one: the shallowest used becomes 一、
    top = doc.add_paragraph("检视的问题")
    _set_outline(top, 1)
    doc.add_paragraph("理论学习方面", style="我的二级标题")
    doc.add_paragraph("一是学习不深。")
    assert _roles(_save(doc, tmp_path)) == [
        (Role.H1, "一、检视的问题"), (Role.H2, "（一）理论学习方面"), (Role.BODY, "一是学习不深。")]


def test_typed_numbers_are_kept_and_counted_with_styled_headings(tmp_path):
    doc = new_docx()
    doc.add_paragraph("一、检视的问题", style="Heading 1")
    doc.add_paragraph("原因分析", style="Heading 1")  # no number: continues at 二、
    assert _roles(_save(doc, tmp_path)) == [(Role.H1, "一、检视的问题"), (Role.H1, "二、原因分析")]


_NUMBERING = """
<w:abstractNum {ns} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""


def _with_list(doc):
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(_NUMBERING.format(ns=nsdecls("w")))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _numbered(doc, text, level, style=None):
    paragraph = doc.add_paragraph(text, style=style)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    return paragraph


def test_word_automatic_list_numbers_are_rendered_from_numbering_xml(tmp_path):
    doc = new_docx()
    _with_list(doc)
    _numbered(doc, "检视的问题", 0)
    _numbered(doc, "理论学习方面", 1)
    doc.add_paragraph("一是学习不深。")
    _numbered(doc, "政治素质方面", 1)
    _numbered(doc, "整改措施", 0)
    _numbered(doc, "强化理论武装", 1)
    _numbered(doc, "每周学习", 2)
    assert _roles(_save(doc, tmp_path)) == [
        (Role.H1, "一、检视的问题"), (Role.H2, "（一）理论学习方面"), (Role.BODY, "一是学习不深。"),
        (Role.H2, "（二）政治素质方面"), (Role.H1, "二、整改措施"), (Role.H2, "（一）强化理论武装"),
        (Role.H3, "1.每周学习")]


def test_list_numbering_given_by_the_style(tmp_path):
    doc = new_docx()
    _with_list(doc)
    style = doc.styles.add_style("编号标题", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'))
    doc.add_paragraph("理论学习方面", style="编号标题")
    doc.add_paragraph("政治素质方面", style="编号标题")
    assert _roles(_save(doc, tmp_path)) == [(Role.H2, "（一）理论学习方面"), (Role.H2, "（二）政治素质方面")]


def test_number_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 12, 21)] == ["一", "十", "十二", "二十一"]
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"


def test_no_text_is_lost_from_tables_text_boxes_and_tracked_changes(tmp_path):
    doc = new_docx()
    doc.add_paragraph("一、检视的问题")
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"表格{r}{c}"
    body = doc.add_paragraph("修订")
    body._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>插入的字</w:t></w:r></w:ins>'))
    body._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删掉的字</w:delText></w:r></w:del>'))
    box = doc.add_paragraph("图前")
    box._p.append(parse_xml(
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'{nsdecls("w")}><mc:Choice Requires="wps"><w:r><w:drawing><w:txbxContent><w:p><w:r>'
        '<w:t>文本框里的话</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></mc:Choice>'
        '<mc:Fallback><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p>'
        '</w:txbxContent></w:pict></w:r></mc:Fallback></mc:AlternateContent>'))
    field = doc.add_paragraph()
    field._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    field._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'))
    field._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>字段结果</w:t></w:r>'))
    texts = [p.text for p in read_docx(_save(doc, tmp_path)).paragraphs]
    assert texts == ["一、检视的问题", "表格00", "表格01", "表格10", "表格11", "修订插入的字", "图前",
                     "文本框里的话", "字段结果"]


def test_line_breaks_inside_a_paragraph_separate_points(tmp_path):
    doc = new_docx()
    p = doc.add_paragraph("（一）理论学习方面")
    p.add_run().add_break()
    p.add_run("一是学习不深。")
    assert _roles(_save(doc, tmp_path)) == [(Role.H2, "（一）理论学习方面"), (Role.BODY, "一是学习不深。")]


def test_reference_to_a_missing_style_is_harmless(tmp_path):
    doc = new_docx()
    p = doc.add_paragraph("（一）理论学习方面")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {nsdecls("w")} w:val="NoSuchHeading"/>'))
    assert _roles(_save(doc, tmp_path)) == [(Role.H2, "（一）理论学习方面")]


def _cfb(tmp_path, name: str, stream: str):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + stream.encode("utf-16-le") + b"\0" * 64)
    return path


def test_password_protected_docx_says_so(tmp_path):
    with pytest.raises(DocumentReadError, match="设置了打开密码"):
        read_document(_cfb(tmp_path, "secret.docx", "EncryptionInfo"))


def test_renamed_doc_and_rtf_say_what_they_are(tmp_path):
    with pytest.raises(DocumentReadError, match=r"旧版 \.doc"):
        read_document(_cfb(tmp_path, "old.docx", "WordDocument"))
    rtf = tmp_path / "rich.docx"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    with pytest.raises(DocumentReadError, match="RTF"):
        read_document(rtf)


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_read, "MAX_UNPACKED", 10_000)
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 20_000)
    with pytest.raises(DocumentReadError, match="解压后过大"):
        read_document(path)


def test_corrupt_document_xml(tmp_path):
    good = new_docx()
    good.add_paragraph("正文")
    source = _save(good, tmp_path, "good.docx")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, b"<w:document><broken" if item.filename == "word/document.xml" else data)
    with pytest.raises(DocumentReadError, match="损坏"):
        read_document(bad)


def test_a_title_broken_into_two_lines_is_one_title(tmp_path):
    doc = new_docx()
    title = doc.add_paragraph("2023年度主题教育专题", style="Title")
    title.add_run().add_break()
    title.add_run("民主生活会个人对照检查材料")
    doc.add_paragraph("一、存在的问题")
    doc.add_paragraph("学习不够系统。")
    assert _roles(_save(doc, tmp_path)) == [
        (Role.TITLE, "2023年度主题教育专题民主生活会个人对照检查材料"),
        (Role.H1, "一、存在的问题"), (Role.BODY, "学习不够系统。")]


def test_wps_style_ids_and_chinese_style_names(tmp_path):
    """WPS writes w:styleId="2" named 标题 1 instead of Word's Heading1 / heading 1."""
    from docx.oxml.ns import qn

    doc = new_docx()
    for builtin, style_id, name in (("Heading 1", "2", "标题 1"), ("Heading 2", "3", "标题 2")):
        style = doc.styles[builtin].element
        style.set(qn("w:styleId"), style_id)
        style.find(qn("w:name")).set(qn("w:val"), name)
    doc.add_paragraph("张三同志对照检查材料", style="Title")
    doc.add_paragraph("存在的问题").style = doc.styles["标题 1"]
    doc.add_paragraph("理论学习方面").style = doc.styles["标题 2"]
    doc.add_paragraph("学习不深。")
    doc.add_paragraph("整改措施").style = doc.styles["标题 1"]
    assert _roles(_save(doc, tmp_path)) == [
        (Role.TITLE, "张三同志对照检查材料"), (Role.H1, "一、存在的问题"),
        (Role.H2, "（一）理论学习方面"), (Role.BODY, "学习不深。"), (Role.H1, "二、整改措施")]
