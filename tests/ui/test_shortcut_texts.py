"""One shortcut text everywhere, Word's; menus have no clashing access keys; Ctrl+P says how."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


def _menu(window, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text().startswith(title))


def _access_keys(menu) -> list[str]:
    keys = []
    for action in menu.actions():
        found = re.search(r"\(&(\w)\)", action.text())
        if found:
            keys.append(found.group(1).upper())
    return keys


def test_no_menu_gives_one_access_key_twice(window):
    for action in window.menuBar().actions():
        keys = _access_keys(action.menu())
        assert len(keys) == len(set(keys)), (action.text(), keys)
    top = [re.search(r"\(&(\w)\)", a.text()).group(1) for a in window.menuBar().actions()]
    assert len(top) == len(set(top))


def test_the_editor_menu_says_ctrl_y_for_redo_like_the_edit_menu(window):
    menu = window.editor.context_menu(window.editor.rect().center())
    texts = {a.objectName(): a.text() for a in menu.actions() if a.objectName()}
    assert texts["edit-redo"].startswith("重做") and texts["edit-redo"].endswith("Ctrl+Y")
    assert texts["edit-undo"].startswith("撤销")  # as the 编辑 menu, not Qt's 撤消
    assert window.redo_action.shortcut() == QKeySequence("Ctrl+Y")
    assert "Ctrl+Shift+Z" not in " ".join(texts.values())


def test_the_outline_menu_writes_keys_as_word_does(window):
    pane = window.outline_pane
    node = pane.node_at(pane.index_for_label("（一）理论学习方面"))
    menu = pane.build_menu(node)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert "上移\tAlt+↑" in texts and "下移\tAlt+↓" in texts and "重命名…\tF2" in texts
    assert not any("方向" in t for t in texts)


def test_ctrl_p_says_to_print_from_word(qtbot, window, message_boxes):
    window.activateWindow()
    qtbot.waitActive(window)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert message_boxes and "请保存后用 Word/WPS 打印" in message_boxes[-1]["text"]
