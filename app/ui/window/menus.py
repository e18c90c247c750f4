"""The menu bar of a window, built from the helpers that carry out its commands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.ui.host import WindowCommands, WindowHost
from app.ui.panes.editor import Editor
from app.ui.window.check_dock import CheckDock
from app.ui.window.export_actions import ExportActions
from app.ui.window.file_actions import FileActions
from app.ui.window.library_actions import LibraryActions
from app.ui.window.recent import RecentMenu

Shortcut = str | QKeySequence | QKeySequence.StandardKey | Sequence[str] | None


def add_action(menu: QMenu, owner: QObject, text: str, slot: Callable, shortcut: Shortcut = None,
               tip: str = "") -> QAction:
    """A menu item owned by ``owner``; a list of shortcuts gives it several (另存为: Ctrl+Shift+S, F12)."""
    action = QAction(text, owner)
    if isinstance(shortcut, (list, tuple)):
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    elif isinstance(shortcut, (str, QKeySequence, QKeySequence.StandardKey)):
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


@dataclass
class Menus:
    """The menu items the window changes after building them."""

    undo_action: QAction
    redo_action: QAction
    recent: RecentMenu


def build_menus(window: QMainWindow, host: WindowHost, commands: WindowCommands, files: FileActions,
                library: LibraryActions, export: ExportActions, checks: CheckDock,
                editor: Editor) -> Menus:
    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    add_action(file_menu, window, "新建(&N)…", files.choose_template_and_new, QKeySequence.StandardKey.New,
               "按模板新建一份对照检查材料")
    add_action(file_menu, window, "打开(&O)…", files.open_dialog, QKeySequence.StandardKey.Open,
               "打开 .docx 或 .txt 文件")
    recent = RecentMenu(file_menu, host.settings, lambda path: files.maybe_save() and files.open_path(path),
                        lambda title, text: host.warn(title, text))
    file_menu.addSeparator()
    add_action(file_menu, window, "保存(&S)", files.save, QKeySequence.StandardKey.Save)
    add_action(file_menu, window, "另存为(&A)…", files.save_as, ["Ctrl+Shift+S", "F12"])
    file_menu.addSeparator()
    file_menu.addActions(export.actions())
    file_menu.addSeparator()
    add_action(file_menu, window, "设置(&T)…", commands.show_settings, None,
               "导出字体、自动保存、编辑区字号、默认模板、用户数据文件夹")
    file_menu.addSeparator()
    add_action(file_menu, window, "退出(&X)", commands.close, "Ctrl+Q")

    edit = bar.addMenu("编辑(&E)")
    undo = add_action(edit, window, "撤销(&U)", editor.undo, QKeySequence.StandardKey.Undo)
    redo = add_action(edit, window, "重做(&R)", editor.redo, "Ctrl+Y")
    undo.setEnabled(False)
    redo.setEnabled(False)
    host.draft.qdoc.undoAvailable.connect(undo.setEnabled)
    host.draft.qdoc.redoAvailable.connect(redo.setEnabled)
    edit.addSeparator()
    add_action(edit, window, "剪切(&T)", editor.cut, QKeySequence.StandardKey.Cut)
    add_action(edit, window, "复制(&C)", editor.copy, QKeySequence.StandardKey.Copy)
    add_action(edit, window, "粘贴(&P)", editor.paste, QKeySequence.StandardKey.Paste)
    add_action(edit, window, "全选(&L)", editor.selectAll, QKeySequence.StandardKey.SelectAll)
    edit.addSeparator()
    add_action(edit, window, "查找(&F)…", lambda: commands.show_find(False), "Ctrl+F")
    add_action(edit, window, "替换(&E)…", lambda: commands.show_find(True), "Ctrl+H")

    check = bar.addMenu("检查(&C)")
    add_action(check, window, "校对(&P)", lambda: checks.show_check("proofread"), "F7",
               "错别字、政治表述、序号、标点、占位符")
    add_action(check, window, "结构检查(&S)", lambda: checks.show_check("structure"))
    add_action(check, window, "雷同比对(&D)…", checks.choose_similarity_sources)

    material = bar.addMenu("素材(&M)")
    add_action(material, window, "导入素材(&I)…", library.import_dialog,
               tip="从往年的 .docx/.txt 材料中提取要点，加入“我的素材”")
    add_action(material, window, "管理素材库(&M)…", library.manage_library, tip="编辑或删除“我的素材”")

    help_menu = bar.addMenu("帮助(&H)")
    add_action(help_menu, window, "使用说明(&H)", commands.show_help, "F1", "如何开始、使用素材、检查和导出")
    add_action(help_menu, window, "关于明镜(&A)", commands.show_about)
    return Menus(undo, redo, recent)
