"""相互批评意见: colleagues parsed, one section each, exported and read back as such."""

from __future__ import annotations

import datetime as dt

from app.core.document.criticism import (
    TEMPLATE_ID,
    Colleague,
    colleague_sections,
    criticism_document,
    criticism_title,
    is_criticism_document,
    parse_colleague,
)
from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline, resolve_template
from app.core.formats.docx_read import read_docx
from app.core.formats.docx_write import write_docx
from app.core.model import Role

DEC = dt.date(2026, 12, 7)


def test_colleagues_are_read_as_name_and_position_or_a_post():
    assert parse_colleague("张三 分管副局长") == Colleague("张三", "分管副局长")
    assert parse_colleague("张三，分管副局长") == Colleague("张三", "分管副局长")
    assert parse_colleague("张三同志（分管副局长）") == Colleague("张三", "分管副局长")
    assert parse_colleague("分管副局长") == Colleague("", "分管副局长")
    assert parse_colleague("王五") == Colleague("王五", "")
    assert parse_colleague("   ") is None


def test_the_title_names_the_year_the_meeting_is_for():
    assert criticism_title("相互批评意见", DEC) == "2026年度民主生活会相互批评意见"
    assert criticism_title("相互批评发言提纲", dt.date(2027, 1, 20)) == "2026年度民主生活会相互批评发言提纲"


def test_template_builds_one_section_per_colleague_and_exports(services, tmp_path):
    template = services.templates.get(TEMPLATE_ID)
    assert template is not None
    people = [Colleague("张三", "分管副局长"), Colleague("", "纪检组长")]
    document = criticism_document(people, template, "自我批评和相互批评发言提纲", DEC)
    assert document.paragraphs[0].text == "2026年度民主生活会自我批评和相互批评发言提纲"
    assert "团结—批评—团结" in document.paragraphs[3].text
    document.paragraphs[5].text = "一是调研多在预定点位。今年3月到某镇调研时只看了两个示范点。建议多搞随机走访。"
    out = tmp_path / "批评意见.docx"
    write_docx(document, out)
    back = read_docx(out)
    headings = [p.text for p in back.paragraphs if p.role is Role.H1]
    assert headings == ["一、对张三同志（分管副局长）的批评意见", "二、对纪检组长的批评意见"]
    assert is_criticism_document(back)
    outline = build_outline(back.paragraphs, services.classifier, resolve_template(back, services.templates))
    assert [n.part for n in outline.sections if n.kind == "section"] == ["批评", "批评"]
    assert [s.who for s in colleague_sections(back.paragraphs)] == ["张三", "纪检组长"]


def test_pasted_criticism_is_split_by_colleague():
    text = ("2026年度民主生活会相互批评意见\n按照要求，提出以下意见。\n对张三同志：\n一是调研不够深入。\n"
            "二是开会讲话偏长。\n对分管副局长李四同志：\n一是学习不够系统。\n")
    paragraphs = recognize_text(text)
    sections = colleague_sections(paragraphs)
    assert [s.who for s in sections] == ["张三", "分管副局长李四"]
    assert [len(s.body) for s in sections] == [2, 1]


def test_a_long_criticism_title_breaks_between_words():
    from app.core.formats.docx_title import title_lines

    assert title_lines(criticism_title("自我批评和相互批评发言提纲", DEC)) == [
        "2026年度民主生活会", "自我批评和相互批评发言提纲"]
