"""素材 › 导入素材 / 管理素材库, 加入素材库 from the editor, and the use counts of phrases:
every write to the user's library from the window goes through here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.topics import PARTS, Part
from app.ui.dialogs.library import ImportWorker
from app.ui.host import WindowHost
from app.ui.panes.editor import Editor
from app.ui.panes.phrase_pane import PhrasePanel


class LibraryActions(QObject):
    """The library commands of one window; ``parent`` is the window the dialogs open over."""

    def __init__(self, parent: QWidget, host: WindowHost, editor: Editor,
                 phrase_panel: PhrasePanel) -> None:
        super().__init__(parent)
        self._parent = parent
        self.host = host
        self.editor = editor
        self.phrase_panel = phrase_panel
        self.import_worker: ImportWorker | None = None

    def _changed(self) -> None:
        self.host.services.reindex()
        self.phrase_panel.library_changed()

    def record_use(self, phrase_id: str) -> None:
        """A phrase was inserted: count it (often used phrases rank higher)."""
        self.host.services.library.record_use(phrase_id)
        self.phrase_panel.library_changed()

    def add_to_library(self, text: str) -> bool:
        from app.ui.dialogs.library import PhraseEditDialog

        context = self.host.draft.context_at(self.editor.textCursor())
        part = context.part if context.part in PARTS else Part.PROBLEM
        dialog = PhraseEditDialog("加入素材库", text, part, context.topics, self._parent)
        if dialog.exec() != PhraseEditDialog.DialogCode.Accepted:
            return False
        phrase = self.host.services.library.add(*dialog.values())
        self._changed()
        from app.ui.dialogs.library import announce_added

        announce_added(self._parent, self.host.notify, self.host.services.phrasebank.phrases, phrase)
        return True

    def manage_library(self) -> None:
        from app.ui.dialogs.library import ManageLibraryDialog

        dialog = ManageLibraryDialog(self.host.services.library, self._parent)
        dialog.changed.connect(self._changed)
        dialog.exec()

    def import_dialog(self) -> None:
        """Ask whether to import chosen files or a whole folder, then pick them."""
        from app.ui.dialogs.choose_paths import ask_files_or_folder

        paths = ask_files_or_folder(
            self._parent, "导入素材", "把往年的对照检查材料（.docx/.doc/.wps/.txt）拆成要点，按部分和主题归类后加入“我的素材”。\n"
            "请选择要导入的文件，或一个存放往年材料的文件夹（含子文件夹）。",
            "导入素材：选择往年材料（可多选）", "导入素材：选择存放往年材料的文件夹",
            file_filter="文稿 (*.docx *.doc *.wps *.txt)")
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[Path]) -> ImportWorker:
        from app.ui.dialogs.library import run_import

        worker = run_import(self._parent, self.host.services, paths)
        worker.finished.connect(lambda: self._import_finished(worker))
        self.import_worker = worker
        return worker

    def _import_finished(self, worker: ImportWorker) -> None:
        self.phrase_panel.library_changed()
        if worker.error or worker.report is None:
            self.host.warn("导入素材", worker.error or "导入没有完成。")
            return
        box = QMessageBox(QMessageBox.Icon.Information, "导入素材", worker.report.summary(),
                          QMessageBox.StandardButton.Ok, self._parent)
        box.exec()

    def stop_import(self) -> None:
        """Closing: ask a running import to stop; never wait long (a hostile file may keep
        its read busy; the worker is a daemon thread, so nothing aborts at exit)."""
        worker = self.import_worker
        if worker is not None:
            worker.cancelled = True  # a daemon thread: stops at its next check, or with the process
            worker.wait(2000)

    def show_notice(self) -> None:
        """Say that a damaged library was set aside at start-up, if it was."""
        if self.host.services.library.notice:
            self.host.warn("素材库", self.host.services.library.notice)
        if self.host.services.library.read_only:  # stays in the status bar while it lasts
            from PySide6.QtWidgets import QLabel, QMainWindow

            if isinstance(self._parent, QMainWindow):
                self._parent.statusBar().addPermanentWidget(QLabel("素材库只读：新增和收藏暂不保存"))
