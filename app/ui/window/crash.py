"""Unexpected exceptions: log them, autosave every draft, tell the user, keep the window.

``sys.excepthook`` catches what slots and Qt overrides raise (PySide6 hands those to it),
``threading.excepthook`` what worker threads raise; the latter is passed to the UI thread
through a queued signal, since dialogs can only be shown there.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app import APP_NAME
from app.core.storage.crashlog import crash_logger, log_exception, log_file

if TYPE_CHECKING:  # the guard is installed before the window's modules load (first paint)
    from app.ui.window.file_actions import FileActions
    from app.ui.window.safety import SafetyNet

AUTOSAVE_WAIT_S = 3.0


class GuardedWindow(Protocol):
    """What the guard uses of each open window: its autosave and its 另存为."""

    @property
    def safety(self) -> SafetyNet: ...

    @property
    def files(self) -> FileActions: ...

    def isVisible(self) -> bool: ...


class ExceptionGuard(QObject):
    _fromThread = Signal(object, object, object, str)

    def __init__(self, user_dir: Path, windows: Callable[[], list[GuardedWindow]], parent=None) -> None:
        super().__init__(parent)
        self.user_dir = user_dir
        self.windows = windows
        self.logger = crash_logger(user_dir)
        self.shown = 0  # dialogs shown (tests)
        self._busy = False
        self._previous = (sys.excepthook, threading.excepthook)
        self._fromThread.connect(self.handle)

    def install(self) -> None:
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _sys_hook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, exc, tb)
            return
        if threading.current_thread() is threading.main_thread():
            self.handle(exc_type, exc, tb, "")
        else:
            self._fromThread.emit(exc_type, exc, tb, threading.current_thread().name)

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        self._fromThread.emit(args.exc_type, args.exc_value, args.exc_traceback,
                              getattr(args.thread, "name", "") or "")

    def handle(self, exc_type, exc, tb, where: str = "") -> None:
        details = log_exception(self.logger, exc_type, exc, tb, where)
        if self._busy:  # an error while the dialog is up: logged, not stacked
            return
        self._busy = True
        try:
            saved = self._autosave_all()
            self._tell(details, saved)
        except Exception as inner:
            log_exception(self.logger, type(inner), inner, inner.__traceback__, "excepthook")
        finally:
            self._busy = False

    def _autosave_all(self) -> bool:
        """Write every window's draft to the autosave now; True when all made it."""
        ok = True
        for window in self.windows():
            try:
                future = window.safety.autosave.save_now()
                if future is not None and future.result(timeout=AUTOSAVE_WAIT_S) is False:
                    ok = False
            except Exception:
                ok = False
        return ok

    def _tell(self, details: str, saved: bool) -> None:
        windows = [w for w in self.windows() if w.isVisible()]
        window = windows[0] if windows else None
        if saved:
            kept = "您的文稿没有丢失：已自动保存，下次启动时也可以恢复。"
        else:
            kept = "您的文稿仍在编辑器中，但自动保存没有成功，请立即用“另存为”保存一份。"
        box = QMessageBox(QMessageBox.Icon.Warning, f"{APP_NAME} — 意外错误",
                          f"明镜遇到了一个意外错误。{kept}\n\n"
                          "可以点“另存为…”把文稿另存一份，然后继续工作。"
                          f"\n错误详情已记录在：{log_file(self.user_dir)}",
                          parent=window if isinstance(window, QWidget) else None)
        box.setDetailedText(details)
        save_as = box.addButton("另存为(&A)…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("继续工作(&C)", QMessageBox.ButtonRole.RejectRole)
        if not saved:
            box.setDefaultButton(save_as)
        self.shown += 1
        box.exec()
        if box.clickedButton() is save_as and window is not None:
            window.files.save_as()
