"""Helpers the UI tests share: put the cursor somewhere, type as an IME does, read the
phrase list, drag a row of the outline."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from app.ui.panes.phrase_pane import ID_ROLE


def block_cursor(win, text: str) -> QTextCursor:
    block = next(b for b in win.draft.blocks() if b.text() == text)
    return QTextCursor(block)


def put_cursor(qtbot, win, text: str, at_end: bool = True) -> None:
    cursor = block_cursor(win, text)
    if at_end:
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    win.editor.setTextCursor(cursor)
    win.update_context()


def settle(qtbot, win) -> None:
    qtbot.wait(10)
    win.draft.flush()
    win.update_context()


def listed_ids(win) -> list[str]:
    return [win.phrase_panel.list.item(i).data(ID_ROLE) for i in range(win.phrase_panel.list.count())]


def listed_topics(win, part: str) -> list[tuple[str, ...]]:
    """Topics of every listed phrase, checking each has the given part."""
    index = win.services.index
    phrases = [index.by_id(i) for i in listed_ids(win)]
    assert all(p is not None and p.part == part for p in phrases)
    return [p.topics for p in phrases if p is not None]


def drag(qtbot, pane, source: str, target: str, where: str) -> None:
    """Drag the row labelled ``source`` to the top, middle or bottom of ``target``'s row."""
    src, dst = pane.index_for_label(source), pane.index_for_label(target)
    assert src.isValid() and dst.isValid(), (source, target, pane.labels())
    pane.setCurrentIndex(src)
    pane.scrollTo(dst)
    qtbot.wait(5)  # let the view lay out its rows
    rect = pane.visualRect(dst)
    y = {"above": rect.top() + 2, "below": rect.bottom() - 2, "on": rect.center().y()}[where]
    pos = QPointF(rect.center().x(), y)
    mime = pane.model().mimeData([src])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(pane.viewport(), enter)
    move = QDragMoveEvent(pos.toPoint(), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pane.viewport(), move)
    assert move.isAccepted(), "the tree refused a drop there"
    drop = QDropEvent(pos, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pane.viewport(), drop)


def ime_type(widget, text: str) -> None:
    """Type ``text`` as a pinyin IME does: pre-edit, then commit, one word at a time.

    (QTest.keyClicks only handles ASCII.)
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for word in [text[i:i + 2] for i in range(0, len(text), 2)]:
        preedit = QInputMethodEvent("pinyin", [])
        QApplication.sendEvent(widget, preedit)
        commit = QInputMethodEvent("", [])
        commit.setCommitString(word)
        QApplication.sendEvent(widget, commit)


def window_on_screen(qtbot, loaded_services, user_home, monkeypatch, area):
    """A first main window on a screen whose available area is ``area`` (a QRect)."""
    import dataclasses

    from PySide6.QtCore import QRect

    from app.ui import app as ui_app
    from app.ui.window import view
    from app.ui.window.main_window import MainWindow

    monkeypatch.setattr(view, "available_area", lambda widget=None: QRect(area))
    services = dataclasses.replace(loaded_services, user_dir=user_home)
    win = MainWindow(services, ui_app.settings_for(user_home))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
