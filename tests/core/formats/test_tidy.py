"""一键排版 fixes what 校对 can fix safely and lists what it changed (issue 16)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.core.formats.tidy import tidy_paragraphs
from app.core.model import Paragraph, Role

ROOT = Path(__file__).resolve().parents[3]


def test_tidy_fixes_brackets_heading_stop_and_stray_whitespace():
    paras = [Paragraph(Role.H1, "一、存在的问题。"),
             Paragraph(Role.H2, "（一）理论学习方面。一是学习不够。"),  # not stand-alone: kept
             Paragraph(Role.BODY, "学习不够(深入）。\t联系实际　不够。"),
             Paragraph(Role.BODY, "没有问题的一段。")]
    tidied, changes = tidy_paragraphs(paras)
    assert [p.text for p in tidied] == ["一、存在的问题", "（一）理论学习方面。一是学习不够。",
                                        "学习不够（深入）。联系实际不够。", "没有问题的一段。"]
    assert [c.paragraph for c in changes] == [1, 3, 3]
    assert "删去标题末尾的句号" in str(changes[0])
    assert "括号" in str(changes[1]) and "制表符" in str(changes[2])
    assert tidied[3] is paras[3]


def test_format_command_lists_the_changes(tmp_path):
    source = tmp_path / "稿.txt"
    source.write_text("个人对照检查材料\n一、存在的问题。\n一是学习不够(深入）。\t二是联系实际不够。\n",
                      encoding="utf-8")
    out = tmp_path / "稿_排版.docx"
    run = subprocess.run([sys.executable, "-m", "app", "format", str(source), "-o", str(out)],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    assert "顺带改正 3 处" in run.stdout and "删去标题末尾的句号" in run.stdout
    run = subprocess.run([sys.executable, "-m", "app", "format", str(source), "-o", str(out), "--json"],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert len(json.loads(run.stdout)["changes"]) == 3
    from docx import Document

    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "一、存在的问题" in texts
    assert any("学习不够（深入）。二是联系实际不够。" in t for t in texts)
