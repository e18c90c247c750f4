"""Menus as a Word user expects them: shortcuts, 最近文件, 查找/替换, 帮助 and 关于, and the
window's size and panes remembered."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.app import settings_for
from app.ui.preferences import RECENT_KEY
from app.ui.window.recent import recent_files
from tests.ui.helpers import put_cursor

# menu item (start of its text) -> Word's shortcut(s)
WORD_SHORTCUTS = {
    "新建": ["Ctrl+N"],
    "打开": ["Ctrl+O"],
    "保存(": ["Ctrl+S"],
    "另存为": ["Ctrl+Shift+S", "F12"],
    "撤销": ["Ctrl+Z"],
    "重做": ["Ctrl+Y"],
    "剪切": ["Ctrl+X"],
    "复制": ["Ctrl+C"],
    "粘贴": ["Ctrl+V"],
    "全选": ["Ctrl+A"],
    "查找": ["Ctrl+F"],
    "替换": ["Ctrl+H"],
    "校对": ["F7"],
    "使用说明": ["F1"],
}


def _actions(window):
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            if action.menu() is None and not action.isSeparator():
                yield top.text(), action


def _action(window, text: str):
    return next(a for _, a in _actions(window) if a.text().startswith(text))


def test_word_shortcuts_are_on_the_menu_items(window):
    for text, keys in WORD_SHORTCUTS.items():
        action = _action(window, text)
        shown = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()]
        assert shown[:len(keys)] == keys, (text, shown)


def test_no_two_menu_items_share_a_shortcut_or_a_name(window):
    seen: dict[str, str] = {}
    names = set()
    for menu, action in _actions(window):
        assert action.text() not in names, action.text()
        names.add(action.text())
        for key in action.shortcuts():
            name = key.toString()
            assert name not in seen, (name, seen.get(name), action.text())
            seen[name] = action.text()
        # every item can be reached from the keyboard: an &-mnemonic
        assert "&" in action.text(), (menu, action.text())


def test_menus_are_the_agreed_ones(window):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "检查(&C)", "素材(&M)", "帮助(&H)"]
    file_items = [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()]
    assert file_items.index("最近文件(&R)") < file_items.index("保存(&S)")
    assert "设置(&T)…" in file_items


def test_f12_saves_as(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "副本.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F12)
    assert target.is_file()
    assert window.draft.path == target


def test_recent_files_remember_open_and_save(qtbot, window, tmp_path, message_boxes):
    a = tmp_path / "甲.txt"
    a.write_text("一、检视的问题\n（一）理论学习方面\n甲的稿子。\n", encoding="utf-8")
    b = tmp_path / "乙.docx"
    assert window.files.open_path(a)
    assert window.files.save_to(b)
    assert recent_files(window.settings) == [b, a]
    menu = window.recent.menu
    menu.aboutToShow.emit()
    items = [x.text() for x in menu.actions() if x.text()]
    assert items[:2] == ["&1 乙.docx", "&2 甲.txt"]
    assert menu.actions()[0].statusTip() == str(b)
    # opening from the list
    window.files.new_document()
    menu.actions()[1].trigger()
    assert "甲的稿子" in window.draft.qdoc.toPlainText()
    assert recent_files(window.settings)[0] == a


def test_a_recent_file_that_is_gone_is_said_and_dropped(qtbot, window, tmp_path, message_boxes):
    gone = tmp_path / "已删除.docx"
    window.settings.setValue(RECENT_KEY, [str(gone)])
    window.recent.rebuild()
    before = window.draft.qdoc.toPlainText()
    window.recent.menu.actions()[0].trigger()
    assert message_boxes and "找不到" in message_boxes[-1]["text"]
    assert recent_files(window.settings) == []
    assert window.draft.qdoc.toPlainText() == before
    window.recent.rebuild()
    assert [x.text() for x in window.recent.menu.actions()] == ["（无）"]


def test_recent_files_are_capped_and_clearable(window, tmp_path):
    from app.ui.window.recent import MAX_RECENT, remember

    for i in range(MAX_RECENT + 3):
        remember(window.settings, tmp_path / f"{i}.docx")
    files = recent_files(window.settings)
    assert len(files) == MAX_RECENT and files[0].name == f"{MAX_RECENT + 2}.docx"
    window.recent.rebuild()
    next(a for a in window.recent.menu.actions() if a.text().startswith("清除")).trigger()
    assert recent_files(window.settings) == []


def test_window_size_panes_and_check_pane_are_remembered(qtbot, loaded_services, user_home,
                                                         message_boxes):
    from app.ui.window.main_window import MainWindow

    services = dataclasses.replace(loaded_services, user_dir=user_home)
    first = MainWindow(services, settings_for(user_home))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(720, 540)  # (the offscreen screen is 800 × 600)
    first.splitter.setSizes([150, 400, 170])
    sizes = first.splitter.sizes()
    first.checks.dock.show()
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.checks.dock)
    first.close()
    second = MainWindow(services, settings_for(user_home))
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (720, 540)
    assert second.splitter.sizes() == sizes
    assert second.dockWidgetArea(second.checks.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not second.checks.dock.isVisible()  # empty until a check runs
    second.close()
    # A session that never opens the 检查 pane (it is built on first use) keeps its place.
    third = MainWindow(services, settings_for(user_home))
    qtbot.addWidget(third)
    third.show()
    qtbot.waitExposed(third)
    assert not third.checks.built
    third.close()
    fourth = MainWindow(services, settings_for(user_home))
    qtbot.addWidget(fourth)
    assert fourth.dockWidgetArea(fourth.checks.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    fourth.close()


def test_find_and_replace(qtbot, window):

    put_cursor(qtbot, window, "（一）理论学习方面")
    window.editor.textCursor().insertText("学习学习")
    dialog = _action(window, "查找").trigger() or window._dialogs["find"]
    assert dialog.isVisible() and not dialog.isModal()
    assert not dialog.replace_edit.isVisible()
    dialog.find_edit.setText("理论学习")
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.Start)
    assert dialog.find()
    assert window.editor.textCursor().selectedText() == "理论学习"
    dialog.find_edit.setText("不存在的词")
    assert not dialog.find()
    assert "找不到" in dialog.status.text()
    _action(window, "替换").trigger()
    assert dialog.replace_edit.isVisible()
    dialog.find_edit.setText("学习")
    dialog.replace_edit.setText("研读")
    count = dialog.replace_all()
    assert count >= 3
    assert "（一）理论研读方面研读研读" in window.draft.qdoc.toPlainText()
    window.undo_action.trigger()  # one Ctrl+Z undoes them all
    assert "（一）理论学习方面学习学习" in window.draft.qdoc.toPlainText()


def test_help_guide_opens_with_f1_and_covers_the_basics(qtbot, window):
    _action(window, "使用说明").trigger()
    dialog = window._dialogs["help"]
    assert dialog.isVisible() and not dialog.isModal()
    text = dialog.browser.toPlainText()
    for topic in ("开始写作", "拖到正文", "校对", "F7", "保存", "导出整改清单", "完全离线"):
        assert topic in text, topic
    assert QApplication.activeModalWidget() is None


def test_about_names_version_licence_and_offline(window, message_boxes):
    _action(window, "关于明镜").trigger()
    text = message_boxes[-1]["text"]
    assert __version__ in text
    assert "MIT" in text
    assert "完全离线，不连接网络" in text


def test_ctrl_f_and_ctrl_h_work_from_the_editor(qtbot, window):
    window.activateWindow()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window._dialogs.get("find")
    assert dialog is not None and dialog.isVisible()
    assert not dialog.replace_edit.isVisible()
    dialog.hide()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.replace_edit.isVisible()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F1)
    assert window._dialogs["help"].isVisible()
