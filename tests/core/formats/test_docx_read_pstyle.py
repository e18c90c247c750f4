"""A paragraph style reference without its value (found by the fuzz test on mutated XML)."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from app.core.formats.docx_read import read_docx
from app.core.model import Role


def test_a_pstyle_without_a_value_reads_as_unstyled(tmp_path):
    word = docx.Document()
    word.core_properties.category = "明镜:zhuti-2023"
    paragraph = word.add_paragraph("一、检视的问题")
    ppr = paragraph._p.get_or_add_pPr()
    pstyle = ppr.makeelement(qn("w:pStyle"), {})
    ppr.insert(0, pstyle)
    word.add_paragraph("一是学习不够。")
    word.save(tmp_path / "a.docx")
    document = read_docx(tmp_path / "a.docx")
    assert [(p.role, p.text) for p in document.paragraphs] == [
        (Role.H1, "一、检视的问题"), (Role.BODY, "一是学习不够。")]
