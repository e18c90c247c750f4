"""上年度整改落实情况 from last year's 整改清单, a plain 问题/措施 table, or last year's report."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from app.core.formats.docx_read import DocumentReadError
from app.core.formats.last_year import DONE_FIELD, STATUS_FIELD, draft_section, read_last_year

REPORT_A = Path(__file__).resolve().parents[2] / "data" / "pairing" / "report_a.txt"


def test_a_plain_wps_table_with_problem_and_measure_columns(services, tmp_path):
    word = docx.Document()
    word.add_paragraph("2025年度整改清单")
    table = word.add_table(rows=3, cols=4)
    for cell, text in zip(table.rows[0].cells, ("序号", "存在问题", "整改措施", "完成时限"), strict=True):
        cell.text = text
    table.rows[1].cells[1].text, table.rows[1].cells[2].text = "学习不够系统。", "每月精读一篇原著。"
    table.rows[2].cells[1].text, table.rows[2].cells[2].text = "调研不深入。", "每季度蹲点调研一周。"
    word.save(tmp_path / "清单.docx")
    items = read_last_year(tmp_path / "清单.docx", services)
    assert [(i.problem, i.measure) for i in items] == [("学习不够系统。", "每月精读一篇原著。"),
                                                      ("调研不深入。", "每季度蹲点调研一周。")]
    lines = draft_section(items, 4)
    assert lines[0] == "四、上年度整改落实情况"
    assert lines[1] == f"一是每月精读一篇原著（针对“学习不够系统”）。整改情况：{STATUS_FIELD}。{DONE_FIELD}。"


def test_last_years_report_when_there_is_no_table(services):
    items = read_last_year(REPORT_A, services)
    lines = draft_section(items, 1)
    # seven measures, each once, the one given to two problems names both
    assert len(lines) == 1 + 7
    assert "（针对“参加双重组织生活不够经常”、“批评和自我批评辣味不足”）" in lines[3]
    assert not any("政治灵魂" in line for line in lines)


def test_a_file_without_measures_gives_a_clear_message(services, tmp_path):
    path = tmp_path / "随笔.txt"
    path.write_text("今天天气很好。\n", encoding="utf-8")
    with pytest.raises(DocumentReadError, match="没有在这个文件中找到整改措施"):
        read_last_year(path, services)
