"""Ctrl+Z / Ctrl+Y as in Word: an undo that changes a paragraph's role (一、 typed or taken
back) never adds a step of its own, so everything undone can be redone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from app.core.model import Document, Paragraph, Role
from tests.ui.helpers import ime_type

BODY = "理论学习不够深入"


def _undo(qtbot, win) -> None:
    qtbot.keyClick(win.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)  # the role-format timer has run
    win.draft.flush()


def _redo(qtbot, win) -> None:
    qtbot.keyClick(win.editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    win.draft.flush()


@pytest.mark.parametrize("how", ["ime", "keys"])
def test_undo_of_a_role_change_can_be_redone(qtbot, window, how):
    win = window
    win.draft.load(Document([Paragraph(Role.TITLE, "个人对照检查材料"),
                             Paragraph(Role.BODY, "会前，我认真学习了有关文件。"),
                             Paragraph(Role.BODY, BODY)]))
    win.draft.flush()
    doc = win.draft.qdoc
    win.editor.setTextCursor(QTextCursor(doc.lastBlock()))
    win.editor.setFocus()
    # a pinyin IME commits 一 and 、 (each an edit block); keys type 1 and . (Qt records each
    # as a bare command that a later format change cannot join)
    number = "一、" if how == "ime" else "1."
    for typed in number:
        if how == "ime":
            ime_type(win.editor, typed)
        else:
            qtbot.keyClicks(win.editor, typed)
        qtbot.wait(200)
        win.draft.flush()
    assert doc.lastBlock().text() == number + BODY
    numbered = win.draft.role_of(doc.lastBlock())
    assert numbered is not Role.BODY
    texts = [doc.toPlainText()]
    while doc.isUndoAvailable():
        _undo(qtbot, win)
        assert doc.toPlainText() != texts[-1], "an undo step that changed no text"
        assert doc.isRedoAvailable(), "the undo added a step and threw the redo away"
        texts.append(doc.toPlainText())
        assert len(texts) < 10
    assert doc.lastBlock().text() == BODY
    assert win.draft.role_of(doc.lastBlock()) is Role.BODY
    while doc.isRedoAvailable():
        _redo(qtbot, win)
    assert doc.lastBlock().text() == number + BODY
    assert win.draft.role_of(doc.lastBlock()) is numbered
    doc.setModified(False)
