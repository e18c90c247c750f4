"""一键排版 (``format``) and the 整改清单, from the command line and the engine."""

from __future__ import annotations

import hashlib
import io
import json

from docx import Document as open_docx
from docx.oxml.ns import qn

from app.cli import main
from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline
from app.core.formats.docx_io import read_docx
from app.core.formats.reader import read_document
from app.core.formats.rectification import build_rows, rectification_bytes, rectification_title
from app.core.formats.tidy import tidy_paragraphs
from app.core.model import Document, Paragraph, Role


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_format_txt_to_official_docx_and_leaves_the_original_alone(corpus, tmp_path, capsys):
    source = tmp_path / "草稿.txt"
    source.write_bytes(corpus[0].read_bytes())
    before = _digest(source)
    out = tmp_path / "排版.docx"
    assert main(["format", str(source), "-o", str(out)]) == 0
    assert "已排版" in capsys.readouterr().out
    assert _digest(source) == before
    again = read_docx(out)
    original, _changes = tidy_paragraphs(read_document(source).paragraphs)  # 。 after headings go
    assert [(p.role, p.text) for p in again.paragraphs] == [(p.role, p.text) for p in original]
    assert again.template_id == "zhuti-2023"  # recognised from the （一） aspects


def test_format_a_foreign_docx_with_default_output_name_and_json(tmp_path, capsys):
    foreign = open_docx()
    for line in ("某某同志对照检查材料", "一、存在的问题", "（一）理论学习方面。一是学习不深。"):
        foreign.add_paragraph(line)
    source = tmp_path / "别人的.docx"
    foreign.save(str(source))
    before = _digest(source)
    assert main(["format", str(source), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["output"] == str(tmp_path / "别人的_排版.docx")
    assert _digest(source) == before
    styles = [p.style.name for p in open_docx(result["output"]).paragraphs]
    assert styles == ["Title", "一级标题", "二级标题", "Normal"]


def test_format_refuses_to_overwrite_the_original(corpus, tmp_path, capsys):
    source = tmp_path / "稿.docx"
    assert main(["format", str(corpus[0]), "-o", str(source)]) == 0
    before = _digest(source)
    capsys.readouterr()
    assert main(["format", str(source), "-o", str(tmp_path / "." / "稿.docx")]) == 2
    assert "不能与原文件" in capsys.readouterr().err
    assert _digest(source) == before


def test_format_errors_are_chinese_and_exit_2(corpus, tmp_path, capsys):
    assert main(["format", str(corpus[0]), "-o", str(tmp_path / "out.pdf")]) == 2
    assert "必须是 .docx" in capsys.readouterr().err
    assert main(["format", str(corpus[0]), "-o", str(tmp_path / "o.docx"), "--template", "没有这个"]) == 2
    err = capsys.readouterr().err
    assert "没有名为“没有这个”的模板" in err and "zhuti-2023" in err
    assert main(["format", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o.docx")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert not (tmp_path / "o.docx").exists()


def test_format_with_template_bold_lead_and_fallback_fonts(corpus, tmp_path):
    out = tmp_path / "o.docx"
    assert main(["format", str(corpus[1]), "-o", str(out), "--template", "liudai-2022",
                 "--bold-lead", "--fallback-fonts"]) == 0
    doc = open_docx(str(out))
    assert read_docx(out).template_id == "liudai-2022"
    assert doc.styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    assert any(r.bold for p in doc.paragraphs for r in p.runs)


DRAFT = Document([
    Paragraph(Role.TITLE, "张三同志2023年度主题教育专题民主生活会个人对照检查材料"),
    Paragraph(Role.H1, "一、检视的问题"),
    Paragraph(Role.H2, "（一）理论学习方面"),
    Paragraph(Role.BODY, "一是理论学习不够系统深入。满足于读原文。二是学用结合不够紧密。"),
    Paragraph(Role.H2, "（二）廉洁自律方面"),
    Paragraph(Role.BODY, "一是廉洁自律要求有所放松。"),
    Paragraph(Role.H2, "（三）能力本领方面"),
    Paragraph(Role.BODY, "一是统筹谋划能力不足。"),
    Paragraph(Role.H1, "二、整改措施"),
    Paragraph(Role.BODY, "一是加强理论学习，做到系统深入。二是严守廉洁自律底线，坚持廉洁从政。"),
], "zhuti-2023")


def test_rectification_rows_match_measures_by_topic_and_wording(services):
    template = services.templates.get("zhuti-2023")
    outline = build_outline(DRAFT.paragraphs, services.classifier, template)
    rows = build_rows(outline, DRAFT.paragraphs, services.classifier)
    assert [(r.number, r.problem, r.measure) for r in rows] == [
        (1, "理论学习不够系统深入。", "加强理论学习，做到系统深入。"),
        (2, "学用结合不够紧密。", "加强理论学习，做到系统深入。"),
        (3, "廉洁自律要求有所放松。", "严守廉洁自律底线，坚持廉洁从政。"),
        (4, "统筹谋划能力不足。", "（待补充）"),  # nothing answers it: left for the user
    ]
    assert all(r.owner == "" and r.deadline == "" for r in rows)
    assert rectification_title(outline) == "张三同志2023年度主题教育专题民主生活会问题整改清单"


def test_unnumbered_measure_paragraphs_answer_problems_in_the_list_and_the_check(services):
    """A 措施 part written as plain paragraphs: each paragraph is a measure, for the 清单 (its
    cells were all empty) and for 结构检查 alike."""
    from app.core.check.structure_check import check_structure
    from tests.helpers import text_input

    text = ("张三同志对照检查材料\n一、检视的问题\n（一）理论学习方面\n一是理论学习不够系统深入。\n"
            "（二）能力本领方面\n一是统筹谋划能力不足。\n二、整改措施\n"
            "持续加强理论学习，制定个人学习计划，做到系统深入。\n坚持以上率下，严格执行各项制度。\n")
    source = text_input(text)
    paragraphs = source.document.paragraphs
    template = services.templates.get("zhuti-2023")
    rows = build_rows(build_outline(paragraphs, services.classifier, template), paragraphs, services.classifier)
    assert [(r.problem, r.measure) for r in rows] == [
        ("理论学习不够系统深入。", "持续加强理论学习，制定个人学习计划，做到系统深入。"),
        ("统筹谋划能力不足。", "（待补充）"),
    ]
    unanswered = [f.text for f in check_structure(paragraphs, source.text, services.classifier, template)
                  if f.kind == "structure_measure"]
    assert unanswered == ["一是统筹谋划能力不足"]


def test_rectification_docx_is_a_landscape_table_with_a_repeated_header(services):
    outline = build_outline(DRAFT.paragraphs, services.classifier, services.templates.get("zhuti-2023"))
    rows = build_rows(outline, DRAFT.paragraphs, services.classifier)
    doc = open_docx(io.BytesIO(rectification_bytes(rows, "整改清单")))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "问题", "整改措施", "责任人", "完成时限"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[4].cells] == ["4", "统筹谋划能力不足。", "（待补充）", "", ""]
    assert len(table.rows) == 1 + len(rows)


def test_format_rectification_from_the_command_line(corpus, tmp_path, capsys):
    out = tmp_path / "清单.docx"
    assert main(["format", str(corpus[0]), "--rectification", "-o", str(out)]) == 0
    assert "已导出整改清单" in capsys.readouterr().out
    table = open_docx(str(out)).tables[0]
    assert len(table.rows) > 5
    assert [row.cells[0].text for row in table.rows[1:]] == [str(i) for i in range(1, len(table.rows))]


def test_measure_cell_gives_the_heading_and_its_first_concrete_steps(services):
    """A bare heading (持之以恒强化理论武装) tells a reviewer little: the cell goes on with the
    first whole sentences of the measure, about 100 字, never cut inside a sentence."""
    steps = ("坚持每周集中学习半天，逐篇研读原著原文。", "每季度围绕分管工作撰写一篇调研报告。",
             ("建立个人学习台账，把每次学习的篇目、心得和转化运用情况逐条记下来，"
             "按月对照检查，按季度向支部报告，学习情况纳入年度述职和民主评议。"), "这一句不会放进表格。")
    text = ("张三同志对照检查材料\n一、检视的问题\n（一）理论学习方面\n一是理论学习不够系统深入。\n"
            "二、整改措施\n（一）持之以恒强化理论武装\n" + "".join(steps) + "\n")
    paragraphs = recognize_text(text)
    template = services.templates.get("zhuti-2023")
    [row] = build_rows(build_outline(paragraphs, services.classifier, template), paragraphs,
                       services.classifier)
    assert row.measure == "持之以恒强化理论武装：" + steps[0] + steps[1]
