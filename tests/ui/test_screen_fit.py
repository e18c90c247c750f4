"""The first window fits small screens; the page re-wraps, zooms; side panes fold away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.ui.preferences import editor_font_pt
from tests.ui.helpers import window_on_screen


def _window(qtbot, loaded_services, user_home, monkeypatch, area: QRect):
    return window_on_screen(qtbot, loaded_services, user_home, monkeypatch, area)


@pytest.mark.parametrize("area", [QRect(0, 0, 1366, 728), QRect(0, 0, 1024, 660),
                                  QRect(0, 32, 1024, 668)])
def test_the_first_window_fits_the_screen(qtbot, loaded_services, user_home, monkeypatch,
                                          message_boxes, area):
    win = _window(qtbot, loaded_services, user_home, monkeypatch, area)
    frame = win.frameGeometry()
    assert area.contains(frame)
    # room for a window manager's title bar and borders (offscreen draws none)
    assert win.width() + 16 <= area.width() and win.height() + 40 <= area.height()
    status = win.statusBar()
    assert area.contains(status.mapToGlobal(status.rect().bottomRight()))
    win.draft.qdoc.setModified(False)


def test_a_narrow_editor_rewraps_instead_of_cutting_the_page(qtbot, loaded_services, user_home,
                                                             monkeypatch, message_boxes):
    win = _window(qtbot, loaded_services, user_home, monkeypatch, QRect(0, 0, 1024, 660))
    qtbot.wait(20)
    editor = win.editor
    assert not editor.wraps_at_page_width
    assert editor.horizontalScrollBar().maximum() == 0
    # wide enough again (side panes folded away): the printed 28-字 line comes back
    win.view_actions.outline_action.setChecked(False)
    win.view_actions.phrases_action.setChecked(False)
    qtbot.wait(20)
    assert not win.outline_pane.isVisible() and not win.phrase_panel.isVisible()
    assert editor.wraps_at_page_width
    win.view_actions.outline_action.setChecked(True)
    assert win.outline_pane.isVisible() and win.splitter.sizes()[0] > 0
    win.draft.qdoc.setModified(False)


def test_a_wide_window_gives_the_outline_room(qtbot, loaded_services, user_home, monkeypatch,
                                              message_boxes):
    win = _window(qtbot, loaded_services, user_home, monkeypatch, QRect(0, 0, 1920, 1040))
    win.resize(1900, 1000)
    qtbot.wait(20)
    assert win.splitter.sizes()[0] >= 300
    win.draft.qdoc.setModified(False)


def test_ctrl_wheel_and_ctrl_plus_minus_zoom_the_page(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    editor = window.editor
    editor.setFocus()
    before = editor_font_pt(window.settings)
    width = editor.lineWrapColumnOrWidth()
    pos = QPointF(editor.viewport().rect().center())
    wheel = QWheelEvent(pos, editor.viewport().mapToGlobal(pos), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(editor.viewport(), wheel)
    assert editor_font_pt(window.settings) > before
    assert window.look.zoom > 1.0
    qtbot.keyClick(editor, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert editor_font_pt(window.settings) < before
    qtbot.keyClick(editor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert editor_font_pt(window.settings) == before
    assert editor.lineWrapColumnOrWidth() == width or not editor.wraps_at_page_width


def test_the_title_is_in_view_at_start_and_after_new(qtbot, window):
    from PySide6.QtGui import QTextCursor

    def title_visible() -> bool:
        rect = window.editor.cursorRect(QTextCursor(window.draft.qdoc.firstBlock()))
        return rect.top() >= 0 and rect.bottom() <= window.editor.viewport().height()

    window.resize(1300, 800)
    qtbot.wait(10)
    window.files.new_document()
    qtbot.wait(10)
    assert title_visible()
    assert window.editor.textCursor().blockNumber() == 3  # where writing starts


def test_the_check_pane_leaves_the_text_most_of_a_small_window(qtbot, loaded_services, user_home,
                                                               monkeypatch, message_boxes):
    win = _window(qtbot, loaded_services, user_home, monkeypatch, QRect(0, 0, 1024, 660))
    win.checks.show_check("proofread")
    qtbot.wait(50)
    assert win.checks.dock.height() <= win.height() // 3
    assert win.editor.height() >= win.height() // 3
    win.draft.qdoc.setModified(False)


def test_a_long_phrase_status_does_not_widen_its_pane(qtbot, window):
    panel = window.phrase_panel
    panel.status.setText("共 150 条（全库搜索“很长很长很长很长很长的搜索词”）（正在加载素材…，排序稍后更精确）")
    assert panel.status.minimumSizeHint().width() < panel.status.fontMetrics().horizontalAdvance(
        panel.status.text()) // 2
