"""文件 › 一键排版… and 文件 › 导出整改清单… in the real window, and export settings on save."""

from __future__ import annotations

import hashlib

from docx import Document as open_docx
from docx.oxml.ns import qn
from PySide6.QtWidgets import QFileDialog

from app.core.model import Document, Paragraph, Role


def _file_menu_texts(window):
    menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions()]


def _dialogs(monkeypatch, open_path=None, save_path=None):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(open_path) if open_path else "", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(save_path) if save_path else "", "")))


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_file_menu_has_the_two_items(window):
    texts = _file_menu_texts(window)
    assert "一键排版(&F)…" in texts and "导出整改清单(&R)…" in texts


def test_one_click_format_writes_a_new_file_and_can_open_it(window, monkeypatch, message_boxes,
                                                           corpus, tmp_path):
    source = tmp_path / "草稿.txt"
    source.write_bytes(corpus[0].read_bytes())
    before = _digest(source)
    out = tmp_path / "草稿_排版"  # the user typed no extension
    _dialogs(monkeypatch, source, out)
    message_boxes.answer("打开排版结果")
    window.export_actions.format_action.trigger()
    formatted = tmp_path / "草稿_排版.docx"
    assert formatted.exists() and _digest(source) == before
    assert "已按公文格式排版" in message_boxes[-1]["text"]
    assert window.draft.path == formatted  # opened, as asked
    first_heading = next(p for p in window.draft.paragraphs() if p.role is Role.H1)
    assert first_heading.text == "一、检视的问题"


def test_one_click_format_refuses_to_overwrite_the_original(window, monkeypatch, message_boxes,
                                                          corpus, tmp_path):
    source = tmp_path / "原稿.docx"
    from app.core.formats.docx_io import write_docx
    from app.core.formats.reader import read_document

    write_docx(read_document(corpus[0]), source)
    before = _digest(source)
    _dialogs(monkeypatch, source, source)
    window.export_actions.format_action.trigger()
    assert _digest(source) == before
    assert message_boxes[-1]["title"] == "一键排版失败"
    assert "不能与原文件" in message_boxes[-1]["text"] and "原文件没有改动" in message_boxes[-1]["text"]


def test_export_rectification_of_the_draft(window, monkeypatch, tmp_path):
    window.draft.load(Document([
        Paragraph(Role.TITLE, "2023年度主题教育专题民主生活会个人对照检查材料"),
        Paragraph(Role.H1, "一、检视的问题"),
        Paragraph(Role.H2, "（一）理论学习方面"),
        Paragraph(Role.BODY, "一是理论学习不够系统深入。二是调查研究不够。"),
        Paragraph(Role.H1, "二、整改措施"),
        Paragraph(Role.BODY, "一是加强理论学习，做到系统深入。"),
    ], "zhuti-2023"))
    window.draft.flush()
    out = tmp_path / "清单.docx"
    _dialogs(monkeypatch, save_path=out)
    window.export_actions.rectification_action.trigger()
    table = open_docx(str(out)).tables[0]
    assert [[c.text for c in row.cells][:3] for row in table.rows[1:]] == [
        ["1", "理论学习不够系统深入。", "加强理论学习，做到系统深入。"],
        ["2", "调查研究不够。", "加强理论学习，做到系统深入。"]]
    assert "已导出整改清单" in window.statusBar().currentMessage()


def test_save_uses_the_export_settings(window, tmp_path):
    window.settings.setValue("export/bold_lead", True)
    window.settings.setValue("export/font/body", "仿宋")
    window.draft.load(Document([Paragraph(Role.H1, "一、检视的问题"),
                                Paragraph(Role.BODY, "一是学习不深。二是运用不够。")]))
    out = tmp_path / "保存.docx"
    assert window.files.save_to(out)
    doc = open_docx(str(out))
    assert doc.styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    assert [r.text for r in doc.paragraphs[1].runs if r.bold] == ["一是学习不深。", "二是运用不够。"]
