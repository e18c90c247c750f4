"""Saving to .docx and reading it back, and reading bad files."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from app.core.document.outline import build_outline
from app.core.document.templates import new_document
from app.core.errors import DocumentReadError
from app.core.formats.docx_io import read_docx, write_docx
from app.core.formats.reader import read_document
from app.core.model import Document, Role


def _tree(services, document):
    template = services.templates.get(document.template_id)
    outline = build_outline(document.paragraphs, services.classifier, template)
    return [(n.kind, n.number, n.title, n.level, n.part, tuple(n.topics), n.chars) for n in outline.walk()]


def test_corpus_round_trip_is_exact(services, corpus, tmp_path):
    for path in corpus:
        original = read_document(path)
        out = tmp_path / (path.stem + ".docx")
        write_docx(original, out)
        again = read_document(out)
        assert [(p.role, p.text) for p in again.paragraphs] == [
            (p.role, p.text) for p in original.paragraphs], path.name
        assert _tree(services, again) == _tree(services, original)


def test_new_document_round_trip_keeps_template_and_empty_lines(services, tmp_path):
    template = services.templates.default()
    doc = new_document(template)
    out = tmp_path / "new.docx"
    write_docx(doc, out)
    again = read_docx(out)
    assert again.template_id == template.id
    assert [(p.role, p.text) for p in again.paragraphs] == [(p.role, p.text) for p in doc.paragraphs]


def test_saved_docx_has_heading_styles_outline_levels_and_east_asian_fonts(services, corpus, tmp_path):
    out = tmp_path / "report.docx"
    write_docx(read_document(corpus[0]), out)
    docx = open_docx(str(out))
    styles = {p.style.name for p in docx.paragraphs}
    assert {"一级标题", "二级标题", "Normal"} <= styles
    expected = {"一级标题": ("0", "黑体", "Heading1"), "二级标题": ("1", "楷体_GB2312", "Heading2")}
    for name, (level, font, base) in expected.items():
        element = docx.styles[name].element
        assert element.find(qn("w:basedOn")).get(qn("w:val")) == base
        assert element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == level
        fonts = element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
        color = element.rPr.find(qn("w:color"))
        assert color is None or color.get(qn("w:val")) == "000000"  # no blue headings
    normal = docx.styles["Normal"].element
    assert normal.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.rPr.find(qn("w:sz")).get(qn("w:val")) == "32"
    ind = normal.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200" and ind.get(qn("w:firstLine")) == "640"
    section = docx.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                   section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    first_heading = next(p for p in docx.paragraphs if p.style.name == "一级标题")
    assert first_heading.text == "一、检视的问题"


def test_foreign_docx_is_recognised_by_numbering(tmp_path):
    foreign = open_docx()
    for line in ("某某同志对照检查材料", "一、存在的问题", "（一）理论学习方面。一是学习不深。", "二、整改措施"):
        foreign.add_paragraph(line)
    path = tmp_path / "foreign.docx"
    foreign.save(str(path))
    doc = read_docx(path)
    assert [(p.role, p.text) for p in doc.paragraphs] == [
        (Role.TITLE, "某某同志对照检查材料"), (Role.H1, "一、存在的问题"),
        (Role.H2, "（一）理论学习方面。"), (Role.BODY, "一是学习不深。"), (Role.H1, "二、整改措施")]


@pytest.mark.parametrize("content, words", [
    (b"this is not a zip", "不是有效的 Word 文档"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 .doc"),
    (b"", "不是有效的 Word 文档"),
])
def test_bad_docx_gives_chinese_message(tmp_path, content, words):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(DocumentReadError) as info:
        read_document(path)
    assert words in str(info.value)


def test_truncated_docx(tmp_path, corpus):
    good = tmp_path / "good.docx"
    write_docx(read_document(corpus[0]), good)
    bad = tmp_path / "truncated.docx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(DocumentReadError):
        read_document(bad)


def test_zip_without_document_part(tmp_path):
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DocumentReadError, match="缺少正文"):
        read_document(path)


def test_text_encodings(tmp_path):
    text = "一、检视的问题\n（一）理论学习方面\n一是学习不够。"
    for name, data in (("gbk.txt", text.encode("gbk")), ("bom.txt", text.encode("utf-8-sig")),
                       ("utf16.txt", text.encode("utf-16"))):
        path = tmp_path / name
        path.write_bytes(data)
        doc = read_document(path)
        assert [p.text for p in doc.paragraphs] == text.split("\n"), name


def test_empty_and_unsupported_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(DocumentReadError, match="是空的"):
        read_document(empty)
    other = tmp_path / "picture.png"
    other.write_bytes(b"\x89PNG")
    with pytest.raises(DocumentReadError, match="不支持"):
        read_document(other)
    with pytest.raises(DocumentReadError, match="找不到"):
        read_document(tmp_path / "missing.docx")


def test_save_to_missing_folder_says_so(tmp_path):
    from app.core.errors import SaveError

    with pytest.raises(SaveError, match="文件夹不存在"):
        write_docx(Document([]), tmp_path / "no" / "such" / "dir.docx")


def test_our_docx_with_a_paragraph_style_missing_its_value_still_opens(services, tmp_path):
    """A mutated file of ours (w:pStyle without w:val, found by the fuzzer) opens; the
    paragraph falls back to recognising its numbering instead of raising AttributeError."""
    doc = new_document(services.templates.default())
    path = tmp_path / "a.docx"
    write_docx(doc, path)
    with zipfile.ZipFile(path) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    start = xml.index("<w:pStyle w:val=")
    end = xml.index("/>", start)
    parts["word/document.xml"] = (xml[:start] + "<w:pStyle" + xml[end:]).encode("utf-8")
    broken = tmp_path / "b.docx"
    with zipfile.ZipFile(broken, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    opened = read_docx(broken)
    # the title lost its style, so its layout line break is kept as typed text
    assert [p.text.replace("\n", "") for p in opened.paragraphs] == [p.text for p in read_docx(path).paragraphs]
