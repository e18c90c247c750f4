"""The main window: three panes in a splitter, menus, status bar, file commands."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
)

from app import APP_NAME
from app.core.document.outline import Outline
from app.core.document.outline_edit import RestructureError
from app.core.document.templates import Template, new_document
from app.core.paths import templates_dir
from app.core.phrases.phrasebank import used_phrase_ids
from app.core.services import Services
from app.core.topics import PARTS
from app.ui.dialogs.settings import FontHint
from app.ui.draft import DraftDocument
from app.ui.look import OfficialLook
from app.ui.panes.editor import Editor
from app.ui.panes.outline_pane import OutlinePane
from app.ui.panes.phrase_pane import PhrasePanel
from app.ui.preferences import (
    LAST_TEMPLATE_KEY,
    autosave_interval_s,
    editor_zoom,
    font_report,
    start_template_id,
)
from app.ui.window.chain_actions import ChainActions
from app.ui.window.export_actions import ExportActions, export_options
from app.ui.window.recent import RecentMenu, remember
from app.ui.window.safety import SafetyNet

if TYPE_CHECKING:  # built on first use: the 检查 pane and its rule tables are not needed to start
    from app.ui.panes.check_pane import CheckPanel

CONTEXT_DELAY_MS = 60
USAGE_DELAY_MS = 400
WARM_TICK_MS = 20


def _freeze_loaded_objects() -> None:
    """Move everything loaded so far (modules, widgets, dictionary, phrases, index) out of
    the cyclic GC's reach: otherwise each full collection walks it all again and stalls
    the UI thread for tens of ms (measured by ``python -m app bench``: max_ui_stall_ms)."""
    gc.freeze()


def count_text(total: int, target: tuple[int, int] | None) -> str:
    """The status bar's 字数, against the template's target range when there is one."""
    if not target:
        return f"字数：{total}"
    low, high = target
    where = f"还差 {low - total} 字" if total < low else (f"超出 {total - high} 字" if total > high else "在范围内")
    return f"字数：{total} / 目标 {low}–{high} 字（{where}）"


def template_label(template: Template) -> str:
    """How 新建 lists a template: the user's own are marked, so a copy is told from the original."""
    shipped = templates_dir().resolve()
    source = Path(template.source).resolve() if template.source else shipped
    return template.name if source.parent == shipped else f"{template.name}（我的模板）"


class SegmenterLoader(QThread):
    """Loads jieba's dictionary off the UI thread after the window is shown."""

    loaded = Signal()

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self._services = services

    def run(self) -> None:
        self._services.load_in_background()
        self.loaded.emit()


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.look = OfficialLook(editor_zoom(settings))
        self.draft = DraftDocument(services, self.look, self)
        self.outline_pane = OutlinePane()
        self.editor = Editor(self.draft)
        self.phrase_panel = PhrasePanel(services)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for pane in (self.outline_pane, self.editor, self.phrase_panel):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.section_label = QLabel()
        self.count_label = QLabel()
        # Both permanent (right side), so temporary messages on the left never cover them.
        self.statusBar().addPermanentWidget(self.section_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.font_hint = FontHint()
        self.font_hint.clicked.connect(self.show_settings)
        self.statusBar().insertPermanentWidget(0, self.font_hint)
        self._dialogs: dict[str, object] = {}  # non-modal helpers, made on first use
        self._context_timer = QTimer(self, singleShot=True, interval=CONTEXT_DELAY_MS)
        self._context_timer.timeout.connect(self.update_context)
        self._usage_timer = QTimer(self, singleShot=True, interval=USAGE_DELAY_MS)
        self._usage_timer.timeout.connect(self.update_usage)
        self.loader: SegmenterLoader | None = None
        self._warm_timer = QTimer(self, interval=WARM_TICK_MS)
        self._warm_timer.timeout.connect(self._warm_index)
        self._check_panel: CheckPanel | None = None
        self._check_dock: QDockWidget | None = None
        self._import_worker = None
        self.chain_actions = ChainActions(self)  # 对应问题, 按问题起草措施, 上年度整改 (chain_actions.py)
        self._build_menus()
        self._connect()
        self._restore_geometry()
        self.safety = SafetyNet(self)  # autosave, file lock (app/ui/window/safety.py)
        self.new_document(self.services.templates.get(start_template_id(self.settings)))
        QTimer.singleShot(0, self.refresh_font_hint)  # every window (recovered ones too)

    # --- wiring ---------------------------------------------------------------------------
    def _connect(self) -> None:
        self.draft.outlineChanged.connect(self._on_outline)
        self.draft.fileChanged.connect(self._update_title)
        self.draft.qdoc.modificationChanged.connect(self.setWindowModified)
        self.outline_pane.nodeActivated.connect(
            lambda pos: self.editor.go_to(self.draft.position_of(pos)))
        pane, draft = self.outline_pane, self.draft
        pane.moveRequested.connect(lambda node, parent, row: self._restructure(draft.move_node, node, parent, row))
        pane.deleteRequested.connect(lambda node: self._restructure(draft.delete_node, node))
        pane.renameRequested.connect(lambda node, title: self._restructure(draft.rename_node, node, title))
        pane.addPointRequested.connect(lambda node: self._restructure(draft.add_point, node))
        self.editor.cursorPositionChanged.connect(self._context_timer.start)
        self.phrase_panel.phraseActivated.connect(self.editor.insert_phrase_at_cursor)
        self.editor.phraseInserted.connect(self._on_phrase_inserted)
        self.editor.addToLibraryRequested.connect(self.add_to_library)
        self.phrase_panel.manageRequested.connect(self.manage_library)

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self._action(file_menu, "新建(&N)…", self.choose_template_and_new, QKeySequence.StandardKey.New,
                     "按模板新建一份对照检查材料")
        self._action(file_menu, "打开(&O)…", self.open_dialog, QKeySequence.StandardKey.Open,
                     "打开 .docx 或 .txt 文件")
        self.recent = RecentMenu(file_menu, self.settings,
                                 lambda path: self.maybe_save() and self.open_path(path), self.warn)
        file_menu.addSeparator()
        self._action(file_menu, "保存(&S)", self.save, QKeySequence.StandardKey.Save)
        self._action(file_menu, "另存为(&A)…", self.save_as, ["Ctrl+Shift+S", "F12"])
        file_menu.addSeparator()
        self.export_actions = ExportActions(self)
        self.export_actions.add_to_menu(file_menu)
        self.chain_actions.add_to_file_menu(file_menu)
        file_menu.addSeparator()
        self._action(file_menu, "设置(&T)…", self.show_settings, None,
                     "导出字体、自动保存、编辑区字号、默认模板、用户数据文件夹")
        file_menu.addSeparator()
        self._action(file_menu, "退出(&X)", self.close, "Ctrl+Q")
        edit = bar.addMenu("编辑(&E)")
        e = self.editor
        self.undo_action = self._action(edit, "撤销(&U)", e.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit, "重做(&R)", e.redo, "Ctrl+Y")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.draft.qdoc.undoAvailable.connect(self.undo_action.setEnabled)
        self.draft.qdoc.redoAvailable.connect(self.redo_action.setEnabled)
        edit.addSeparator()
        self._action(edit, "剪切(&T)", e.cut, QKeySequence.StandardKey.Cut)
        self._action(edit, "复制(&C)", e.copy, QKeySequence.StandardKey.Copy)
        self._action(edit, "粘贴(&P)", e.paste, QKeySequence.StandardKey.Paste)
        self._action(edit, "全选(&L)", e.selectAll, QKeySequence.StandardKey.SelectAll)
        edit.addSeparator()
        self._action(edit, "查找(&F)…", lambda: self.show_find(False), "Ctrl+F")
        self._action(edit, "替换(&E)…", lambda: self.show_find(True), "Ctrl+H")
        check = bar.addMenu("检查(&C)")
        self._action(check, "校对(&P)", lambda: self.show_check("proofread"), "F7",
                     "错别字、政治表述、序号、标点、占位符")
        self._action(check, "结构检查(&S)", lambda: self.show_check("structure"))
        self._action(check, "雷同比对(&D)…", self.choose_similarity_sources)
        material = bar.addMenu("素材(&M)")
        self._action(material, "导入素材(&I)…", self.import_dialog,
                     tip="从往年的 .docx/.txt 材料中提取要点，加入“我的素材”")
        self._action(material, "管理素材库(&M)…", self.manage_library, tip="编辑或删除“我的素材”")
        self.chain_actions.add_to_material_menu(material)
        help_menu = bar.addMenu("帮助(&H)")
        self._action(help_menu, "使用说明(&H)", self.show_help, "F1",
                     "如何开始、使用素材、检查和导出")
        self._action(help_menu, "关于明镜(&A)", self.show_about)

    @property
    def check_panel(self) -> CheckPanel:
        if self._check_panel is None:
            self._build_check_panel()
        return self._check_panel

    @property
    def check_dock(self) -> QDockWidget:
        if self._check_dock is None:
            self._build_check_panel()
        return self._check_dock

    def _build_check_panel(self) -> None:
        from app.ui.panes.check_pane import CheckPanel, underline

        panel = self._check_panel = CheckPanel(self.draft, self.services)
        dock = self._check_dock = QDockWidget("检查", self)
        dock.setObjectName("checkDock")
        dock.setWidget(panel)
        if not self.restoreDockWidget(dock):  # the place and size saved last time, if any
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(lambda visible: None if visible else panel.clear())
        panel.underlinesChanged.connect(lambda spans: underline(self.editor, spans))
        panel.jumpRequested.connect(self.editor.select_range)

    def show_check(self, mode: str, sources: list | None = None) -> None:
        self.draft.flush()
        self.check_dock.show()
        self.check_panel.run(mode, sources)

    def choose_similarity_sources(self) -> None:
        start = str(self.draft.path.parent) if self.draft.path else str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self, "选择要比对的其他文稿", start,
                                                "文稿 (*.docx *.txt)")
        from app.ui.panes.check_pane import read_sources

        sources, errors = read_sources([Path(p) for p in paths])
        if errors:
            self.warn("部分文稿无法读取", "\n".join(errors))
        self.show_check("similarity", sources)

    # --- derived state --------------------------------------------------------------------
    def _on_outline(self, outline: Outline) -> None:
        self.outline_pane.set_outline(outline)
        target = self.draft.template.target_chars if self.draft.template else None
        self.count_label.setText(count_text(outline.total_chars, target))
        self.count_label.setToolTip("字数按汉字计算，不含标点和数字")
        # Re-ranking and the 已用 marks wait for a pause in typing, off the keystroke path.
        self._usage_timer.start()
        self._context_timer.start()

    def update_usage(self) -> None:
        text = self.draft.qdoc.toPlainText()
        self.phrase_panel.set_used(used_phrase_ids(text, self.services.index.phrases))

    def _on_phrase_inserted(self, phrase_id: str) -> None:
        self.services.library.record_use(phrase_id)
        self.phrase_panel.library_changed()

    def update_context(self) -> None:
        cursor = self.editor.textCursor()
        context = self.draft.context_at(cursor)
        self.section_label.setText(f"当前：{context.label}")
        self.phrase_panel.set_context(context, cursor.block().text())
        self.outline_pane.select_at(self.draft.pos_of(cursor))

    def _restructure(self, operation, *args) -> None:
        """Run an outline edit on the document and put the cursor where it happened."""
        try:
            position = operation(*args)
        except RestructureError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        self.editor.go_to(position)
        self.editor.setFocus()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self.draft.display_name}[*]")
        self.setWindowModified(self.draft.qdoc.isModified())

    # --- the user's library ------------------------------------------------------------------
    def _library_changed(self) -> None:
        self.services.reindex()
        self.phrase_panel.library_changed()

    def add_to_library(self, text: str) -> bool:
        from app.ui.dialogs.library import PhraseEditDialog

        context = self.draft.context_at(self.editor.textCursor())
        part = context.part if context.part in PARTS else "问题"
        dialog = PhraseEditDialog("加入素材库", text, part, context.topics, self)
        if dialog.exec() != PhraseEditDialog.DialogCode.Accepted:
            return False
        self.services.library.add(*dialog.values())
        self._library_changed()
        self.statusBar().showMessage("已加入“我的素材”。", 5000)
        return True

    def manage_library(self) -> None:
        from app.ui.dialogs.library import ManageLibraryDialog

        dialog = ManageLibraryDialog(self.services.library, self)
        dialog.changed.connect(self._library_changed)
        dialog.exec()

    def import_dialog(self) -> None:
        """Ask whether to import chosen files or a whole folder, then pick them."""
        box = QMessageBox(QMessageBox.Icon.Question, "导入素材",
                          "把往年的对照检查材料（.docx/.txt）拆成要点，按部分和主题归类后加入“我的素材”。\n"
                          "请选择要导入的文件，或一个存放往年材料的文件夹（含子文件夹）。",
                          QMessageBox.StandardButton.NoButton, self)
        files_button = box.addButton("选择文件…", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("选择文件夹…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        chosen = box.clickedButton()
        paths: list[str] = []
        if chosen is files_button:
            paths, _ = QFileDialog.getOpenFileNames(self, "导入素材：选择往年材料（可多选）",
                                                    str(Path.home()), "文稿 (*.docx *.txt)")
        elif chosen is folder_button:
            folder = QFileDialog.getExistingDirectory(self, "导入素材：选择存放往年材料的文件夹",
                                                      str(Path.home()))
            paths = [folder] if folder else []
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]):
        from app.ui.dialogs.library import run_import

        worker = run_import(self, self.services, paths)
        worker.finished.connect(lambda: self._import_finished(worker))
        self._import_worker = worker
        return worker

    def _import_finished(self, worker) -> None:
        self.phrase_panel.library_changed()
        if worker.error:
            self.warn("导入素材", worker.error)
            return
        box = QMessageBox(QMessageBox.Icon.Information, "导入素材", worker.report.summary(),
                          QMessageBox.StandardButton.Ok, self)
        box.exec()

    def show_library_notice(self) -> None:
        if self.services.library.notice:
            self.warn("素材库", self.services.library.notice)

    def show_template_problems(self) -> None:
        """Say which of the user's template files were skipped, and why (file, line, reason)."""
        report = self.services.templates.error_report()
        if report:
            self.warn("模板", report)

    # --- start-up and shut-down ---------------------------------------------------------
    def start_background_loading(self) -> None:
        """Load the segmenter after the window is on screen; suggestions re-rank when done."""
        QTimer.singleShot(0, self.show_library_notice)
        QTimer.singleShot(0, self.show_template_problems)
        if self.loader is None and not self.services.segmenter.ready:
            _freeze_loaded_objects()  # the start-up objects; again once loading is done
            self.loader = SegmenterLoader(self.services, self)
            self.loader.loaded.connect(self.phrase_panel.refresh)
            self.loader.loaded.connect(self._warm_timer.start)
            self.loader.loaded.connect(_freeze_loaded_objects)
            self.loader.start()

    def _warm_index(self) -> None:
        """One section's phrase postings per idle tick (a few ms each), until all are built."""
        if not self.services.index.state.warm_step():
            self._warm_timer.stop()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        state = self.settings.value("window/state")
        if state is not None:
            # The 检查 pane's place and size; the pane itself is built on first use and
            # takes its place then (restoreDockWidget).
            self.restoreState(state)
        sizes = self.settings.value("window/splitter")
        try:
            sizes = [int(s) for s in sizes] if isinstance(sizes, list) else []
        except (TypeError, ValueError):
            sizes = []
        self.splitter.setSizes(sizes if len(sizes) == 3 and any(sizes) else [270, 760, 330])

    def _save_geometry(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self._check_dock is not None:  # else keep the pane's place from an earlier session
            self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.sizes())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_geometry()
        self.safety.closed()
        if self.loader is not None and self.loader.isRunning():
            self.services.stop_loading()  # a first-run cache child would keep it for seconds
            self.loader.wait(5000)
        worker = self._import_worker
        if worker is not None:
            worker.cancelled = True
            worker.wait(10000)
        event.accept()

    # --- files ------------------------------------------------------------------------------
    def _last_template_id(self) -> str | None:
        value = self.settings.value(LAST_TEMPLATE_KEY)
        return str(value) if value else None

    def new_document(self, template: Template | None = None) -> None:
        template = template or self.services.templates.default()
        self.draft.load(new_document(template))
        self.settings.setValue(LAST_TEMPLATE_KEY, template.id)
        self.editor.go_to(self.draft.position_of((3, 0)))

    def choose_template_and_new(self) -> None:
        if not self.maybe_save():
            return
        templates = self.services.templates.templates
        names = [template_label(t) for t in templates]
        last = self.services.templates.get(self._last_template_id())
        current = templates.index(last) if last else 0
        name, ok = QInputDialog.getItem(self, "新建", "选择模板：", names, current, False)
        if ok:
            self.new_document(templates[names.index(name)])

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.draft.path.parent) if self.draft.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "打开", start, "文稿 (*.docx *.txt);;所有文件 (*)")
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open ``path``; on failure say why and leave the current draft untouched."""
        from app.core.formats.docx_io import DocumentReadError
        from app.core.formats.reader import read_document

        if not self.safety.may_open(path):
            return False
        try:
            document = read_document(path)
        except DocumentReadError as exc:
            self.warn("无法打开", str(exc))
            return False
        saved_as_ours = path.suffix.lower() == ".docx"
        self.draft.load(document, path if saved_as_ours else None)
        remember(self.settings, path)
        if not saved_as_ours:
            self.statusBar().showMessage(f"已导入“{path.name}”，保存时将另存为 Word 文档。", 8000)
        self.editor.go_to(0)
        return True

    def save(self) -> bool:
        if self.draft.path is None:
            return self.save_as()
        return self.save_to(self.draft.path)

    def save_as(self) -> bool:
        start = self.draft.path or Path.home() / f"{self.draft.outline.title or '对照检查材料'}.docx"
        path, _ = QFileDialog.getSaveFileName(self, "另存为", str(start), "Word 文档 (*.docx)")
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != ".docx":
            path = path.with_suffix(path.suffix + ".docx") if path.suffix else path.with_suffix(".docx")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        from app.core.formats.docx_io import write_docx
        from app.core.storage.files import SaveError

        if not self.safety.may_save(path):
            return False
        self.draft.flush()
        try:
            write_docx(self.draft.to_document(), path, export_options(self.settings))
        except SaveError as exc:
            self.safety.save_failed()
            self.warn("保存失败", f"{exc}\n\n文稿仍在编辑器中，也已自动保存，没有丢失。")
            return False
        self.draft.set_path(path)
        remember(self.settings, path)
        self.statusBar().showMessage(f"已保存到 {path}", 5000)
        return True

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes, as Word does; False means the user cancelled."""
        if not self.draft.qdoc.isModified():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME,
                          f"是否保存对“{self.draft.display_name}”的更改？", parent=self)
        save = box.addButton("保存(&S)", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("不保存(&N)", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        if clicked is cancel or clicked is None:
            return False
        if clicked is save:
            return self.save()
        return True

    def warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.exec()

    # --- 设置, 帮助, 查找 (app/ui/dialogs/settings.py, help.py, find_replace.py) ------------
    def _dialog(self, name: str, make):
        dialog = self._dialogs.get(name)
        if dialog is None:
            dialog = self._dialogs[name] = make()
        return dialog

    def show_settings(self):
        from app.ui.dialogs.settings import SettingsDialog

        dialog = self._dialogs.get("settings")
        if dialog is None:  # one at a time; made afresh so it shows the current settings
            dialog = SettingsDialog(self.settings, self.services.templates, self.services.user_dir,
                                    parent=self)
            dialog.applied.connect(self.apply_settings_everywhere)
            dialog.finished.connect(lambda _: self._dialogs.pop("settings", None))
            dialog.finished.connect(dialog.deleteLater)
            self._dialogs["settings"] = dialog
        dialog.open()  # window-modal, but nothing waits for it
        return dialog

    def apply_settings_everywhere(self) -> None:
        """Every open 明镜 window shares the settings; show the new ones in all of them."""
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.apply_settings()

    def apply_settings(self) -> None:
        """What can change without a restart: editor font size, autosave interval, font hint."""
        zoom = editor_zoom(self.settings)
        if abs(zoom - self.look.zoom) > 1e-6:
            if not self.draft.restyle(zoom):
                self.statusBar().showMessage("编辑区字号已更改；段首缩进在下次新建或打开文稿时随之调整。", 8000)
            self.editor.fit_page()
        self.safety.autosave.set_interval_s(autosave_interval_s(self.settings))
        self.refresh_font_hint()

    def refresh_font_hint(self) -> None:
        self.font_hint.show_report(font_report(self.settings))

    def show_find(self, replace: bool = False):
        from app.ui.dialogs.find_replace import FindReplaceDialog

        dialog = self._dialog("find", lambda: FindReplaceDialog(self.editor, self))
        dialog.show_for(replace)
        return dialog

    def show_help(self):
        from app.ui.dialogs.help import HelpDialog

        dialog = self._dialog("help", lambda: HelpDialog(self))
        dialog.show()
        dialog.raise_()
        return dialog

    def show_about(self) -> None:
        from app.ui.dialogs.help import about_box

        about_box(self).exec()
