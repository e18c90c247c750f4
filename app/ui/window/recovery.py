"""Autosave while typing, and the offer to recover drafts after a crash (thin over
``app.core.storage.autosave``)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.storage.autosave import Autosaver, AutosaveStore, Snapshot
from app.test_hooks import RECOVERY_ANSWER_ENV
from app.ui.host import WindowHost
from app.ui.panes.editor import Editor
from app.ui.preferences import autosave_interval_s, clamp_interval_s
from app.ui.qt_app import gui_app


def autosave_store(user_dir) -> AutosaveStore:
    return AutosaveStore(user_dir / "autosave")


def when(saved_at: float) -> str:
    """``今天 23:41:05`` / ``2024-05-01 23:41:05`` (``时间不明`` for a nonsense time)."""
    try:
        if not 0 < saved_at < 4_102_444_800:
            return "时间不明"
        stamp = time.localtime(saved_at)
    except (OverflowError, ValueError, OSError, TypeError):
        return "时间不明"
    if time.strftime("%Y%m%d", stamp) == time.strftime("%Y%m%d"):
        return time.strftime("今天 %H:%M:%S", stamp)
    return time.strftime("%Y-%m-%d %H:%M:%S", stamp)


class AutosaveController(QObject):
    """Writes the window's draft at most ``autosave/interval_s`` after a change, and at
    once when the window loses focus.  The snapshot is taken on the UI thread (a list of
    strings); encoding and writing happen on the autosave worker thread."""

    def __init__(self, window: QWidget, host: WindowHost, store: AutosaveStore) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.draft = host.draft
        self.autosaver = Autosaver(store)
        self.last_snapshot_ms = 0.0  # cost of the UI-thread part, for the benchmark
        self._timer = QTimer(self, singleShot=True, interval=autosave_interval_s(host.settings) * 1000)
        self._timer.timeout.connect(self.save_now)
        self._reported_error: str | None = None
        qdoc = self.draft.qdoc
        qdoc.contentsChanged.connect(self._on_change)
        qdoc.modificationChanged.connect(self._on_modification)
        app = gui_app()
        app.focusChanged.connect(self._on_focus)
        app.applicationStateChanged.connect(self._on_app_state)

    def set_interval_s(self, seconds: int) -> None:
        """A new 自动保存间隔 from 设置 (the running countdown keeps its start)."""
        self._timer.setInterval(clamp_interval_s(seconds) * 1000)

    @property
    def draft_id(self) -> str:
        return self.autosaver.draft_id

    def _on_change(self) -> None:
        # Throttle, not debounce: steady typing still autosaves every interval.
        if self.draft.qdoc.isModified() and not self._timer.isActive():
            self._timer.start()

    def _on_modification(self, modified: bool) -> None:
        if not modified:  # saved, or replaced by another document: nothing to recover
            self._timer.stop()
            self.autosaver.discard()

    def _on_focus(self, old, new) -> None:
        if new is None or (old is not None and self.window.isAncestorOf(old)
                           and not self.window.isAncestorOf(new)):
            self.save_now()

    def _on_app_state(self, state) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.save_now()

    def save_now(self) -> Future | None:
        """Snapshot now and queue the write; ``None`` when there is nothing unsaved."""
        self._timer.stop()
        if not self.draft.qdoc.isModified() or self.draft.loading_steps:  # never half a document
            return None
        start = time.perf_counter()
        snapshot = Snapshot.of(self.draft_id, self.draft.to_document(), self.draft.path)
        self.last_snapshot_ms = (time.perf_counter() - start) * 1000
        future = self.autosaver.save(snapshot)
        future.add_done_callback(self._after_write)
        return future

    def _after_write(self, future: Future) -> None:
        # (worker thread) hand the outcome to the UI thread
        QTimer.singleShot(0, self, self._show_status)

    def _show_status(self) -> None:
        error = self.autosaver.last_error
        if error and error != self._reported_error:
            self.host.notify(f"自动保存失败：{error}", 15000)
        self._reported_error = error

    def adopt(self, snapshot: Snapshot) -> None:
        """Carry on with a recovered draft under its own autosave id."""
        self.autosaver.adopt(snapshot.draft_id)

    def close(self, discard: bool = True) -> None:
        self._timer.stop()
        app = gui_app()
        qdoc = self.draft.qdoc
        for signal, slot in ((app.focusChanged, self._on_focus),
                             (app.applicationStateChanged, self._on_app_state),
                             (qdoc.contentsChanged, self._on_change),
                             (qdoc.modificationChanged, self._on_modification)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self.autosaver.close(discard=discard)


class RecoveryDialog(QDialog):
    """Lists the drafts a crash left behind; ticked ones are recovered."""

    RECOVER, DISCARD, LATER = "recover", "discard", "later"

    def __init__(self, snapshots: list[Snapshot], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复未保存的文稿")
        self.answer = self.LATER
        layout = QVBoxLayout(self)
        intro = QLabel("明镜上次没有正常退出。以下文稿有自动保存的内容尚未存盘，"
                       "勾选要恢复的文稿后点“恢复”；未勾选的将被删除。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        layout.addWidget(self.list)
        for snap in snapshots:
            item = QListWidgetItem(f"{snap.title}    自动保存于 {when(snap.saved_at)}    {snap.chars} 字")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(snap.path or "尚未保存过的新文稿")
            self.list.addItem(item)
        self.snapshots = snapshots
        from app.ui.dialogs.fit import text_width

        # every title whole, and every draft listed without scrolling (up to eight)
        texts = [self.list.item(i).text() for i in range(self.list.count())]
        self.list.setMinimumWidth(max(420, text_width(self.list, texts, 60)))
        rows = min(max(len(texts), 2), 8)
        self.list.setMinimumHeight(rows * (self.list.sizeHintForRow(0) + 2) + 8)
        intro.setMinimumWidth(self.list.minimumWidth())
        buttons = QDialogButtonBox()
        recover = QPushButton("恢复(&R)")
        discard = QPushButton("全部放弃(&D)")
        later = QPushButton("以后再说(&L)")
        buttons.addButton(recover, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(discard, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(later, QDialogButtonBox.ButtonRole.RejectRole)
        recover.setDefault(True)
        recover.clicked.connect(lambda: self._done(self.RECOVER))
        discard.clicked.connect(lambda: self._done(self.DISCARD))
        later.clicked.connect(lambda: self._done(self.LATER))
        layout.addWidget(buttons)

    def _done(self, answer: str) -> None:
        self.answer = answer
        self.accept()

    def chosen(self) -> list[Snapshot]:
        return [s for i, s in enumerate(self.snapshots)
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class _Autosaving(Protocol):
    @property
    def autosave(self) -> AutosaveController: ...


class RecoveryTarget(WindowHost, Protocol):
    """A window a recovered draft can be put into."""

    @property
    def safety(self) -> _Autosaving: ...

    @property
    def editor(self) -> Editor: ...


def offer_recovery(window: RecoveryTarget, store: AutosaveStore,
                   new_window: Callable[[], RecoveryTarget] | None = None,
                   answer: str | None = None) -> list[Snapshot]:
    """Offer every orphaned draft; returns those recovered.

    The first goes into ``window`` when it holds only an untouched new document, the others
    into windows made by ``new_window``.  ``answer`` (or ``$MINGJING_RECOVERY_ANSWER``)
    skips the dialog: ``recover`` all, ``discard`` all, or ``later``.
    """
    snapshots, damaged = store.orphans()
    if damaged:
        window.notify(f"有 {len(damaged)} 个自动保存文件已损坏，已移到 {store.folder}。", 15000)
    if not snapshots:
        return []
    answer = answer or os.environ.get(RECOVERY_ANSWER_ENV)
    chosen = snapshots
    if answer not in (RecoveryDialog.RECOVER, RecoveryDialog.DISCARD, RecoveryDialog.LATER):
        dialog = RecoveryDialog(snapshots, window if isinstance(window, QWidget) else None)
        dialog.exec()
        answer, chosen = dialog.answer, dialog.chosen()
    if answer == RecoveryDialog.LATER:
        return []
    if answer == RecoveryDialog.DISCARD:
        chosen = []
    for snap in snapshots:
        if snap not in chosen:
            discard_orphan(store, snap)
    recovered = []
    for snap in chosen:
        target = window
        if window.draft.qdoc.isModified() or window.draft.path is not None or recovered:
            if new_window is None:
                continue  # stays on disk, offered again next start
            target = new_window()
        restore_into(target, snap)
        recovered.append(snap)
    return recovered


def discard_orphan(store: AutosaveStore, snapshot: Snapshot) -> None:
    lease = store.lease(snapshot.draft_id)
    if lease.acquire():
        store.remove(snapshot.draft_id)
        lease.release(remove=True)


def restore_into(window: RecoveryTarget, snapshot: Snapshot) -> None:
    """Put the recovered text on screen exactly, marked unsaved."""
    from pathlib import Path

    path = Path(snapshot.path) if snapshot.path else None
    window.draft.load(snapshot.document(), path)
    window.draft.qdoc.setModified(True)
    window.safety.autosave.adopt(snapshot)
    window.notify(f"已恢复{when(snapshot.saved_at)}自动保存的文稿，请及时保存。", 15000)
    window.editor.go_to(0)
