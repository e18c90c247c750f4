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


def test_similarity_against_chosen_drafts(window, tmp_path, monkeypatch, corpus):
    from PySide6.QtWidgets import QFileDialog

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
