"""Dialogs for the user's own library: add/edit a phrase, manage the library, import reports."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import LibraryError
from app.core.phrases.library import UserLibrary, validate_entry
from app.core.phrases.phrasebank import Phrase
from app.core.services import Services
from app.core.topics import CANONICAL_TOPICS, PARTS, Part
from app.ui.dialogs.buttons import ok_cancel

if TYPE_CHECKING:  # the importer is loaded when an import starts
    from app.core.phrases.importer import ImportReport


class PhraseEditDialog(QDialog):
    """Text, part and topics of one of the user's phrases (prefilled, editable)."""

    def __init__(self, title: str, text: str, part: str, topics, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("phraseEditDialog")
        self.text = QPlainTextEdit(text)
        self.text.setAccessibleName("素材内容")
        self.part = QComboBox()
        self.part.addItems(list(PARTS))
        self.part.setCurrentText(part if part in PARTS else Part.PROBLEM)
        grid = QGridLayout()
        self.topic_boxes: dict[str, QCheckBox] = {}
        for i, topic in enumerate(CANONICAL_TOPICS):
            box = QCheckBox(topic)
            box.setChecked(topic in topics)
            self.topic_boxes[topic] = box
            grid.addWidget(box, i // 3, i % 3)
        topics_widget = QWidget()
        topics_widget.setLayout(grid)
        form = QFormLayout()
        form.addRow("内容：", self.text)
        form.addRow("部分：", self.part)
        form.addRow("主题：", topics_widget)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def values(self) -> tuple[str, str, tuple[str, ...]]:
        topics = tuple(t for t, box in self.topic_boxes.items() if box.isChecked())
        return self.text.toPlainText(), self.part.currentText(), topics

    def accept(self) -> None:
        try:
            validate_entry(*self.values())
        except LibraryError as exc:
            QMessageBox(QMessageBox.Icon.Warning, "无法保存", str(exc),
                        QMessageBox.StandardButton.Ok, self).exec()
            return
        super().accept()


class ManageLibraryDialog(QDialog):
    """The user's phrases in a table: filter, edit, delete."""

    changed = Signal()

    def __init__(self, library: UserLibrary, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("管理素材库")
        self.setObjectName("manageLibraryDialog")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选：输入词语")
        self.filter.textChanged.connect(lambda _: self.reload())
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["内容", "部分", "主题", "来源"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.edit_button = QPushButton("编辑…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("删除")
        self.delete_button.clicked.connect(self.delete_selected)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        self.restore_button = QPushButton("恢复移走的素材库…")
        self.restore_button.setToolTip("素材库曾被判为损坏而移到一旁时，可以把它恢复回来")
        self.restore_button.clicked.connect(self.restore_moved_aside)
        self.restore_button.setVisible(bool(library.moved_aside()))
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(900, 560)
        self.phrases: list[Phrase] = []
        self.reload()

    def reload(self) -> None:
        words = self.filter.text().split()
        self.phrases = [p for p in self.library.phrases() if all(w in p.text for w in words)]
        self.table.setRowCount(len(self.phrases))
        for row, p in enumerate(self.phrases):
            for col, value in enumerate((p.text, p.part, "、".join(p.topics) or "通用", p.source)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                item.setToolTip(p.text if col == 0 else value)
                self.table.setItem(row, col, item)
        empty = not self.phrases
        self.edit_button.setEnabled(not empty)
        self.delete_button.setEnabled(not empty)
        self.setWindowTitle(f"管理素材库（我的素材 {len(self.phrases)} 条）")

    def restore_moved_aside(self, side: Path | None = None) -> str | None:
        """Put a library that was moved aside back (the current one is kept aside too)."""
        from PySide6.QtWidgets import QInputDialog

        choices = self.library.moved_aside()
        if not choices:
            return None
        if side is None:
            names = [p.name for p in choices]
            name, ok = QInputDialog.getItem(self, "恢复素材库", "选择要恢复的素材库文件：", names, 0, False)
            if not ok:
                return None
            side = choices[names.index(name)]
        try:
            message = self.library.restore(side)
        except LibraryError as exc:
            message = str(exc)
        QMessageBox(QMessageBox.Icon.Information, "恢复素材库", message,
                    QMessageBox.StandardButton.Ok, self).exec()
        self.restore_button.setVisible(bool(self.library.moved_aside()))
        self.reload()
        self.changed.emit()
        return message

    def _selected(self) -> Phrase | None:
        row = self.table.currentRow()
        return self.phrases[row] if 0 <= row < len(self.phrases) else None

    def edit_selected(self) -> None:
        phrase = self._selected()
        if phrase is None:
            return
        dialog = PhraseEditDialog("编辑素材", phrase.text, phrase.part, phrase.topics, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.library.update(phrase.id, *dialog.values())
            self.reload()
            self.changed.emit()

    def delete_selected(self) -> None:
        phrase = self._selected()
        if phrase is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "删除素材",
                          f"确定删除这条素材吗？\n\n{phrase.text[:80]}", parent=self)
        yes = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is yes:
            self.library.delete(phrase.id)
            self.reload()
            self.changed.emit()


class ImportWorker(QObject):
    """Runs the importer off the UI thread with its own database connection.

    A plain daemon thread, not a QThread: a hostile file can keep a read busy for a while,
    and closing the window must neither wait for it nor destroy a running QThread (Qt
    aborts the process).  Cancelling takes effect between points and files; a read under
    way finishes in the background and nothing after it is written."""

    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(self, services: Services, paths: list[Path], parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.paths = paths
        self.cancelled = False
        self.report: ImportReport | None = None
        self.error: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._main, name="import", daemon=True)
        self._thread.start()

    def isRunning(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def isFinished(self) -> bool:
        return self._thread is not None and not self._thread.is_alive()

    def wait(self, ms: int | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(None if ms is None else ms / 1000)
        return not self.isRunning()

    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            pass  # the window (and this object's C++ side) is gone: nobody is listening

    def _main(self) -> None:
        try:
            self.run()
        finally:
            self._emit(self.finished)

    def run(self) -> None:
        from app.core.phrases.classify import Classifier
        from app.core.phrases.importer import import_paths

        def progress(done: int, total: int, name: str) -> bool:
            self._emit(self.progressed, done, total, name)
            return not self.cancelled

        try:
            self.services.segmenter.load()
            library = UserLibrary(self.services.library.path)  # this thread's own connection
            try:
                self.report = import_paths(
                    self.paths, library, [p.text for p in self.services.index.phrases],
                    self.services.templates,
                    Classifier(self.services.classifier, self.services.index), progress)
                self.services.reindex(library)
            finally:
                library.close()
        except Exception as exc:
            self.error = f"导入时出错：{exc}"


def run_import(parent: QWidget, services: Services, paths: list[Path]) -> ImportWorker:
    """Start an import with a progress dialog (cancel stops after the current file)."""
    from app.ui.dialogs.progress import start_with_progress

    worker = ImportWorker(services, paths, parent)

    def label_for(done: int, total: int, name: str) -> str | None:
        return f"正在导入（{done + 1}/{total}）：{name}" if name else None

    def cancel() -> None:
        worker.cancelled = True

    start_with_progress(parent, "导入素材", "正在导入素材…", worker, label_for, cancel)
    return worker


def announce_added(parent: QWidget, notify, bank_phrases, phrase: Phrase) -> None:
    """Say that ``phrase`` was added; if it nearly repeats a built-in phrase (which the list
    shows instead), say that too and where to find it."""
    from app.core.phrases.twins import near_twin

    twin = near_twin(phrase.text, bank_phrases)
    if twin is None:
        notify("已加入“我的素材”。", 5000)
        return
    shown = twin.text if len(twin.text) <= 40 else twin.text[:40] + "……"
    QMessageBox(QMessageBox.Icon.Information, "加入素材库",
                f"已加入“我的素材”。\n\n这段文字与内置素材“{shown}”几乎相同，"
                "素材列表中只显示其中一条（内置的那条）。\n"
                "要查看或修改您加入的这一条，请用“素材 › 管理素材库”。",
                QMessageBox.StandardButton.Ok, parent).exec()
