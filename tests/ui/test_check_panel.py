"""The 检查 menu and findings panel, as the user sees and uses them."""

from __future__ import annotations

from app.core.model import Document, Paragraph, Role
from tests.ui.helpers import ime_type

TEXT = "我们要按步就班地推进工作,做好XX工作。"


def _load(window, *bodies):
    paras = [Paragraph(Role.TITLE, "对照检查材料"), Paragraph(Role.H1, "一、检视的问题")]
    paras += [Paragraph(Role.BODY, b) for b in bodies]
    window.draft.load(Document(paras))
    window.draft.flush()


def _menu_action(window, menu_title, text):
    for action in window.menuBar().actions():
        if action.text().startswith(menu_title):
            for sub in action.menu().actions():
                if sub.text().startswith(text):
                    return sub
    raise AssertionError(f"no menu item {menu_title}/{text}")


def test_proofread_lists_underlines_jumps_and_fixes_in_one_undo(window, qtbot):
    _load(window, TEXT)
    _menu_action(window, "检查", "校对").trigger()
    panel = window.checks.panel
    assert window.checks.dock.isVisible()
    assert [s.finding.kind for s in panel.shown] == ["wrong_form", "halfwidth", "placeholder"]
    assert "按步就班" in panel.list.item(0).text() and "按部就班" in panel.list.item(0).text()
    assert len(window.editor.extraSelections()) == 3
    assert window.editor.extraSelections()[0].cursor.selectedText() == "按步就班"
    panel.list.setCurrentRow(0)
    panel.jump_to(0)
    assert window.editor.textCursor().selectedText() == "按步就班"
    assert panel.fix_button.isEnabled()
    panel.fix_button.click()
    body = window.draft.qdoc.findBlockByNumber(2).text()
    assert body == "我们要按部就班地推进工作,做好XX工作。"
    assert [s.finding.kind for s in panel.shown] == ["halfwidth", "placeholder"]
    window.editor.undo()
    assert window.draft.qdoc.findBlockByNumber(2).text() == TEXT


def test_ignore_once_and_whitelist(window, user_home, monkeypatch):
    monkeypatch.setattr(window.services, "user_dir", user_home)  # not the session's shared dir
    _load(window, TEXT)
    window.checks.show_check("proofread")
    panel = window.checks.panel
    panel.list.setCurrentRow(1)
    panel.ignore_button.click()
    assert [s.finding.kind for s in panel.shown] == ["wrong_form", "placeholder"]
    panel.list.setCurrentRow(1)
    panel.whitelist_button.click()
    assert [s.finding.kind for s in panel.shown] == ["wrong_form"]
    assert "XX" in (user_home / "check" / "whitelist.txt").read_text(encoding="utf-8")


def test_findings_follow_typing_and_recheck(window, qtbot):
    _load(window, TEXT)
    window.checks.show_check("proofread")
    panel = window.checks.panel
    before = panel.shown[0].start
    cursor = window.editor.textCursor()
    cursor.setPosition(window.draft.qdoc.findBlockByNumber(2).position())
    window.editor.setTextCursor(cursor)
    ime_type(window.editor, "今年")
    assert panel.shown[0].start == before + 2  # shifted at once
    assert window.editor.extraSelections()[0].cursor.selectedText() == "按步就班"
    ime_type(window.editor, "再接再励")
    qtbot.waitUntil(lambda: any(s.finding.text == "再接再励" for s in panel.shown), timeout=3000)


def test_closing_the_panel_removes_underlines(window):
    _load(window, TEXT)
    window.checks.show_check("proofread")
    assert window.editor.extraSelections()
    window.checks.dock.close()
    assert window.editor.extraSelections() == []


def test_structure_check_on_a_new_document(window):
    window.checks.show_check("structure")
    panel = window.checks.panel
    aspects = [s for s in panel.shown if s.finding.kind == "structure_aspect"]
    assert len(aspects) == 6
    assert "结构检查" in panel.summary.text()


def test_similarity_against_chosen_drafts(window, tmp_path, monkeypatch, corpus, message_boxes):
    from PySide6.QtWidgets import QFileDialog

    message_boxes.answer_with = "选择文件"
    text = corpus[0].read_text(encoding="utf-8")
    _load(window, *text.splitlines()[:3])
    other = tmp_path / "同事.txt"
    other.write_text(text[:800], encoding="utf-8")
    bad = tmp_path / "坏.docx"
    bad.write_text("garbage")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(other), str(bad)], ""))
    _menu_action(window, "检查", "雷同比对").trigger()
    panel = window.checks.panel
    assert panel.shown and all(s.finding.kind == "similarity" for s in panel.shown)
    assert "同事.txt" in panel.list.item(0).text()
    assert "同事.txt" in panel.summary.text()


def test_a_mouse_click_on_a_finding_selects_its_span_in_the_editor(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _load(window, "学习不够。", TEXT)
    _menu_action(window, "检查", "校对").trigger()
    panel = window.checks.panel
    row = [s.finding.kind for s in panel.shown].index("placeholder")
    rect = panel.list.visualItemRect(panel.list.item(row))
    QTest.mouseClick(panel.list.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.editor.textCursor().selectedText() == "XX"
    assert window.editor.textCursor().block().blockNumber() == 3
    assert window.editor.hasFocus() or window.editor.textCursor().hasSelection()


def test_confusables_de_di_de_and_run_on_points_fixed_in_one_click(window):
    """Issue 16: slips no table lists, found and fixed like the table's findings."""
    assert window.services.lexicon is not None  # built on the loader thread with jieba
    _load(window, "一是大力宏扬党的优良传统，对理论领会的不深二是联系实际不够。")
    window.checks.show_check("proofread")
    panel = window.checks.panel
    assert [(s.finding.kind, s.finding.text) for s in panel.shown] == [
        ("confusable", "宏扬"), ("dedide", "领会的"), ("runon", "二是")]
    assert "疑似错字" in panel.list.item(0).text() and "弘扬" in panel.list.item(0).text()
    for _ in range(3):
        panel.list.setCurrentRow(0)
        assert panel.fix_button.isEnabled()
        panel.fix_button.click()
    assert window.draft.qdoc.findBlockByNumber(2).text() == \
        "一是大力弘扬党的优良传统，对理论领会得不深。二是联系实际不够。"
    assert panel.shown == []
    window.editor.undo()
    assert window.draft.qdoc.findBlockByNumber(2).text() == \
        "一是大力弘扬党的优良传统，对理论领会得不深二是联系实际不够。"


def test_first_check_of_a_long_draft_scores_confusables_between_events(window, qtbot):
    """A first 校对 of a long draft does not freeze for the confusable rule: paragraphs are
    scored in slices between events and the findings are added when all are done."""
    lexicon = window.services.lexicon
    lexicon.line_cache.clear()
    bodies = [f"第{i}段：对理论学习的重要性认识不够，学用结合不够紧密，需要在第{i}项工作中改进。"
              for i in range(60)] + ["大力宏扬党的优良传统。"]
    _load(window, *bodies)
    window.checks.show_check("proofread")
    panel = window.checks.panel
    assert "稍候" in panel.summary.text()
    assert not any(s.finding.kind == "confusable" for s in panel.shown)
    qtbot.waitUntil(lambda: any(s.finding.kind == "confusable" for s in panel.shown), timeout=20000)
    assert [s.finding.text for s in panel.shown if s.finding.kind == "confusable"] == ["宏扬"]
    assert "稍候" not in panel.summary.text()


def test_a_new_document_never_keeps_the_last_ones_findings(window, qtbot):
    _load(window, TEXT)
    window.checks.show_check("proofread")
    panel = window.checks.panel
    assert len(panel.shown) == 3
    # the panel stays open: the same check runs on the new document
    window.files.new_document()
    assert all(s.finding.text != "按步就班" for s in panel.shown)
    assert panel.list.count() == len(panel.shown)
    # the panel closed, then another document: nothing stale is left to click
    _load(window, TEXT)
    window.checks.show_check("proofread")
    window.checks.dock.hide()
    _load(window, "另一份材料的正文，没有错字。")
    assert panel.list.count() == 0 and window.editor.extraSelections() == []


def test_a_stale_finding_is_never_selected(window, qtbot):
    _load(window, TEXT)
    window.checks.show_check("proofread")
    panel = window.checks.panel
    # the text changes without the panel hearing of it (as a load with signals blocked)
    window.draft.qdoc.blockSignals(True)
    window.draft.qdoc.findBlockByNumber(2)
    cursor = window.editor.textCursor()
    cursor.setPosition(window.draft.qdoc.findBlockByNumber(2).position())
    cursor.insertText("前面加了很多字。")
    window.draft.qdoc.blockSignals(False)
    cursor.clearSelection()
    window.editor.setTextCursor(cursor)
    panel.jump_to(0)
    assert window.editor.textCursor().selectedText() in ("", "按步就班")
    assert panel.shown[0].finding.text == "按步就班"  # re-checked: fresh positions


def test_after_a_fix_the_next_finding_is_selected(window, qtbot):
    _load(window, TEXT)
    window.checks.show_check("proofread")
    panel = window.checks.panel
    panel.list.setCurrentRow(0)
    panel.fix_button.click()
    assert panel.list.currentRow() == 0
    assert window.editor.textCursor().selectedText() == panel.shown[0].finding.text == ","


def test_cancelling_the_similarity_dialog_runs_nothing(window, monkeypatch, message_boxes):
    from PySide6.QtWidgets import QFileDialog

    _load(window, TEXT)
    message_boxes.answer_with = "选择文件"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    _menu_action(window, "检查", "雷同比对").trigger()
    assert not window.checks.built or not window.checks.dock.isVisible()
    message_boxes.answer_with = "取消"
    _menu_action(window, "检查", "雷同比对").trigger()
    assert not window.checks.built or not window.checks.dock.isVisible()


def test_similarity_against_a_folder(window, tmp_path, monkeypatch, corpus, message_boxes):
    from PySide6.QtWidgets import QFileDialog

    text = corpus[0].read_text(encoding="utf-8")
    _load(window, *text.splitlines()[:3])
    folder = tmp_path / "同事们"
    (folder / "二组").mkdir(parents=True)
    (folder / "二组" / "同事.txt").write_text(text[:800], encoding="utf-8")
    message_boxes.answer_with = "选择文件夹"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    _menu_action(window, "检查", "雷同比对").trigger()
    panel = window.checks.panel
    assert panel.shown and "同事.txt" in panel.summary.text()


def test_phrases_from_the_bank_are_not_reported_as_copying(window, monkeypatch, message_boxes,
                                                          tmp_path):
    from PySide6.QtWidgets import QFileDialog

    phrase = next(p.text for p in window.services.phrasebank.phrases
                  if "{" not in p.text and len(p.text) > 40)
    _load(window, phrase, "这是我自己写的一句话，和谁都不一样，写的是本单位今年的实际情况。")
    other = tmp_path / "同事.txt"
    other.write_text("完全不相关的另一份稿子，讲的是别的事情，没有一句相同。", encoding="utf-8")
    message_boxes.answer_with = "选择文件"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(other)], ""))
    _menu_action(window, "检查", "雷同比对").trigger()
    panel = window.checks.panel
    assert panel.shown and all(s.finding.kind == "bank" for s in panel.shown)
    assert "来自素材库（建议结合实际改写）" in panel.list.item(0).text()
    assert "【素材库】" in panel.list.item(0).text() and "雷同" not in panel.list.item(0).text()
    assert "与其他文稿照搬或近似照搬占全文 0%" in panel.summary.text()
