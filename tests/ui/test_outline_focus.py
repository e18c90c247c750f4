"""The outline keeps the keyboard after a click (as Word's navigation pane does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core.document.numbering import recognize_text
from app.core.model import Document

DRAFT = (Path(__file__).resolve().parents[2] / "tests" / "data" / "outline_draft.txt").read_text(encoding="utf-8")


@pytest.fixture
def draft_window(qtbot, window):
    window.draft.load(Document(recognize_text(DRAFT)))
    window.activateWindow()
    return window


def _click(qtbot, pane, label: str, double: bool = False) -> None:
    index = pane.index_for_label(label)
    assert index.isValid(), pane.labels()
    pane.scrollTo(index)
    qtbot.wait(5)
    centre = pane.visualRect(index).center()
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    if double:  # as a mouse sends it: a click, then the second press as a double-click
        qtbot.mouseDClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def _texts(win) -> list[str]:
    return [b.text() for b in win.draft.blocks()]


def test_a_click_selects_the_node_and_keeps_the_keyboard(qtbot, draft_window, message_boxes):
    win = draft_window
    pane = win.outline_pane
    pane.setFocus()
    _click(qtbot, pane, "二是：学用脱节")
    qtbot.wait(20)
    assert pane.hasFocus() and not win.editor.hasFocus()
    # the text scrolled along: the editor's cursor is at the point
    assert win.editor.textCursor().block().text().startswith("二是学用脱节")
    before = _texts(win)
    # Delete reaches the outline (it asks), and no character of the body goes
    message_boxes.answer_with = "取消"
    qtbot.keyClick(pane, Qt.Key.Key_Delete)
    assert message_boxes and message_boxes[-1]["title"] == "删除"
    assert _texts(win) == before
    # Alt+Down moves the point in the text, and the keyboard stays in the tree
    qtbot.keyClick(pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "三是学用脱节。联系实际不够。" in _texts(win), timeout=2000)
    assert pane.hasFocus()
    # F2 reaches the outline too
    asked = []
    win.outline_pane.ask_title = lambda node: asked.append(node.title) or ""
    qtbot.keyClick(pane, Qt.Key.Key_F2)
    assert asked == ["学用脱节"]


def test_enter_and_double_click_go_into_the_text(qtbot, draft_window):
    win = draft_window
    pane = win.outline_pane
    pane.setFocus()
    _click(qtbot, pane, "（三）能力本领方面")
    assert pane.hasFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.waitUntil(win.editor.hasFocus, timeout=1000)
    assert win.editor.textCursor().block().text() == "（三）能力本领方面"
    pane.setFocus()
    _click(qtbot, pane, "（一）理论学习方面", double=True)
    qtbot.waitUntil(win.editor.hasFocus, timeout=1000)
    assert win.editor.textCursor().block().text() == "（一）理论学习方面"


def test_arrow_keys_in_the_tree_scroll_the_text_along(qtbot, draft_window):
    win = draft_window
    pane = win.outline_pane
    pane.setFocus()
    _click(qtbot, pane, "（一）理论学习方面")
    qtbot.keyClick(pane, Qt.Key.Key_Down)
    qtbot.wait(20)
    assert pane.hasFocus()
    assert win.editor.textCursor().block().text().startswith("一是学得不系统")
