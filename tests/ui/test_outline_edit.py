"""Reorganising the draft from the outline tree: drag, context menu, renumbering, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication

from app.core.document.numbering import recognize_text
from app.core.model import Document
from tests.ui.helpers import drag, ime_type

# A short report with block and inline points and a closing paragraph.
DRAFT = (Path(__file__).resolve().parents[2] / "tests" / "data" / "outline_draft.txt").read_text(encoding="utf-8")


@pytest.fixture
def draft_window(qtbot, window):
    window.draft.load(Document(recognize_text(DRAFT)))
    return window


def _texts(win) -> list[str]:
    return [b.text() for b in win.draft.blocks()]


def test_tree_shows_opening_points_and_closing(draft_window):
    labels = draft_window.outline_pane.labels()
    assert labels[0] == (0, "开头") and labels[-1] == (0, "结尾")
    assert (2, "一是：学得不系统") in labels and (2, "三是：执行不力") in labels


def test_dragging_an_aspect_moves_its_text_and_renumbers(qtbot, draft_window):
    win = draft_window
    before = _texts(win)
    drag(qtbot, win.outline_pane, "（三）能力本领方面", "（一）理论学习方面", "above")
    qtbot.waitUntil(lambda: (1, "（一）能力本领方面") in win.outline_pane.labels(), timeout=2000)
    labels = [label for depth, label in win.outline_pane.labels() if depth == 1]
    assert labels[:3] == ["（一）能力本领方面", "（二）理论学习方面", "（三）政治素质方面"]
    texts = _texts(win)
    assert texts[texts.index("（一）能力本领方面") + 1] == "一是本领恐慌。"
    assert win.editor.textCursor().block().text() == "（一）能力本领方面"
    # one undo step puts everything back
    win.undo_action.trigger()
    win.draft.flush()
    assert _texts(win) == before
    assert [label for depth, label in win.outline_pane.labels() if depth == 1][:3] == [
        "（一）理论学习方面", "（二）政治素质方面", "（三）能力本领方面"]


def test_dragging_a_point_to_another_aspect(qtbot, draft_window):
    win = draft_window
    before, labels_before = _texts(win), win.outline_pane.labels()
    drag(qtbot, win.outline_pane, "一是：学得不系统", "一是：本领恐慌", "below")
    qtbot.waitUntil(lambda: "二是学得不系统。理论学习碎片化。" in _texts(win), timeout=2000)
    texts = _texts(win)
    assert texts[texts.index("（一）理论学习方面") + 1] == "一是学用脱节。联系实际不够。"
    assert texts[texts.index("（一）理论学习方面") + 2] == "二是钻研不深。满足于浅尝辄止。"
    assert texts[texts.index("（三）能力本领方面") + 2] == "二是学得不系统。理论学习碎片化。"
    # renumbered in the tree too, under both aspects
    labels = win.outline_pane.labels()
    start = labels.index((1, "（一）理论学习方面"))
    assert labels[start + 1:start + 3] == [(2, "一是：学用脱节"), (2, "二是：钻研不深")]
    assert (2, "二是：学得不系统") in labels
    # the move and its renumbering are one undo step, and redo does it again
    win.undo_action.trigger()
    win.draft.flush()
    assert _texts(win) == before and win.outline_pane.labels() == labels_before
    win.redo_action.trigger()
    win.draft.flush()
    assert _texts(win) == texts and win.outline_pane.labels() == labels


def test_dropping_an_aspect_among_points_is_refused(qtbot, draft_window):
    win = draft_window
    pane = win.outline_pane
    src, dst = pane.index_for_label("（二）政治素质方面"), pane.index_for_label("一、检视的问题")
    assert pane.drop_target(src, dst, "above") is None  # nothing above 一、 at the aspects' level
    assert pane.drop_target(pane.index_for_label("开头"), dst, "on") is None
    # text dragged in from elsewhere (Word, the phrase panel) is not taken as a move
    foreign = QMimeData()
    foreign.setText("（二）政治素质方面")
    rect = pane.visualRect(pane.index_for_label("（一）理论学习方面"))
    enter = QDragEnterEvent(rect.center(), Qt.DropAction.MoveAction, foreign, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pane.viewport(), enter)
    assert not enter.isAccepted()


def test_context_menu_delete_asks_first_and_undoes_in_one_step(qtbot, draft_window, message_boxes):
    win = draft_window
    pane = win.outline_pane
    before = _texts(win)
    pane.setCurrentIndex(pane.index_for_label("（一）理论学习方面"))
    message_boxes.answer("取消")
    pane.delete_action.trigger()
    assert _texts(win) == before and "删除“（一）理论学习方面”" in message_boxes[-1]["text"]
    message_boxes.answer("删除")
    pane.delete_action.trigger()
    qtbot.waitUntil(lambda: "（一）政治素质方面" in _texts(win), timeout=2000)
    assert not any("学得不系统" in t for t in _texts(win))
    win.undo_action.trigger()
    assert _texts(win) == before


def test_context_menu_rename_and_add_point(qtbot, draft_window, monkeypatch):
    win = draft_window
    pane = win.outline_pane
    monkeypatch.setattr(pane, "ask_title", lambda node: "学用结合不紧")
    pane.setCurrentIndex(pane.index_for_label("二是：学用脱节"))
    pane.rename_action.trigger()
    assert "二是学用结合不紧。联系实际不够。" in _texts(win)
    win.draft.flush()
    pane.setCurrentIndex(pane.index_for_label("一是：学得不系统"))
    pane.add_point_action.trigger()
    texts = _texts(win)
    start = texts.index("（一）理论学习方面")
    assert [t[:2] for t in texts[start + 1:start + 5]] == ["一是", "二是", "三是", "四是"]
    assert win.editor.textCursor().block().text() == "二是"
    ime_type(win.editor, "钻研不够。")
    qtbot.waitUntil(lambda: (2, "二是：钻研不够") in pane.labels(), timeout=2000)


def test_move_up_with_the_keyboard(qtbot, draft_window):
    win = draft_window
    pane = win.outline_pane
    pane.setCurrentIndex(pane.index_for_label("三是：执行不力"))
    pane.up_action.trigger()
    assert "一是站位不高。二是执行不力。三是判断不准。" in _texts(win)


def test_typing_in_a_heading_updates_its_row_in_place(qtbot, draft_window):
    win = draft_window
    pane = win.outline_pane
    item_before = pane.model_.itemFromIndex(pane.index_for_label("（二）政治素质方面"))
    block = next(b for b in win.draft.blocks() if b.text() == "（二）政治素质方面")
    cursor = win.editor.textCursor()
    cursor.setPosition(block.position() + block.length() - 1)
    win.editor.setTextCursor(cursor)
    ime_type(win.editor, "突出问题")
    qtbot.waitUntil(lambda: (1, "（二）政治素质方面突出问题") in pane.labels(), timeout=2000)
    assert pane.model_.itemFromIndex(pane.index_for_label("（二）政治素质方面突出问题")) is item_before


def test_new_asks_for_the_template_and_remembers_it(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from app.ui.window.main_window import MainWindow

    offered = []

    def choose(parent, title, label, items, current, editable):
        offered.append((list(items), current))
        return "巡视整改专题民主生活会", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    window.files.choose_template_and_new()
    assert offered[0][0][offered[0][1]] == "2023年度主题教育专题民主生活会（六个方面）"
    labels = [label for _, label in window.outline_pane.labels()]
    assert "（四）落实意识形态工作责任制" in labels
    assert window.draft.paragraphs()[0].text == window.services.templates.get("xunshi-zhenggai").title
    # the next time (also in a new window) the last choice is offered first and used by default
    window.files.choose_template_and_new()
    assert offered[1][0][offered[1][1]] == "巡视整改专题民主生活会"
    second = MainWindow(window.services, window.settings)
    qtbot.addWidget(second)
    assert second.draft.template.id == "xunshi-zhenggai"
    second.draft.qdoc.setModified(False)


def test_rename_add_and_keyboard_move_are_one_undo_step_each(qtbot, draft_window, monkeypatch):
    win = draft_window
    pane = win.outline_pane
    original = _texts(win)
    monkeypatch.setattr(pane, "ask_title", lambda node: "学用结合不紧")
    pane.setCurrentIndex(pane.index_for_label("二是：学用脱节"))
    pane.rename_action.trigger()
    renamed = _texts(win)
    pane.setCurrentIndex(pane.index_for_label("一是：学得不系统"))
    pane.add_point_action.trigger()
    added = _texts(win)
    assert len(added) == len(renamed) + 1
    pane.setCurrentIndex(pane.index_for_label("（二）政治素质方面"))
    pane.up_action.trigger()
    assert (1, "（一）政治素质方面") in pane.labels()
    for expected in (added, renamed, original):
        win.undo_action.trigger()
        win.draft.flush()
        assert _texts(win) == expected
    assert (1, "（一）理论学习方面") in pane.labels() and (2, "二是：学用脱节") in pane.labels()
