"""The window's safety net: autosave, the lock on the open file, and what happens on close
or when a save fails.  ``MainWindow`` calls it from a few one-line hooks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.core.storage.filelock import FileLock
from app.ui.host import WindowHost
from app.ui.window.recovery import AutosaveController, autosave_store


class SafetyNet(QObject):
    """``window`` is the widget whose focus loss triggers an autosave; ``host`` its draft,
    settings and notices."""

    def __init__(self, window: QWidget, host: WindowHost) -> None:
        super().__init__(window)
        self.host = host
        self.autosave = AutosaveController(window, host, autosave_store(host.services.user_dir))
        self.lock: FileLock | None = None
        self._closed = False
        host.draft.fileChanged.connect(self._on_file_changed)

    # --- one file, one window --------------------------------------------------------------
    def _refuse_if_held(self, path: Path, title: str) -> bool:
        """True when another 明镜 holds ``path`` (the user has been told)."""
        if self.lock is not None and self.lock.path == Path(path):
            return False
        owner = FileLock(Path(path)).holder()
        if owner is None:
            return False
        self.host.warn(title, owner.describe(Path(path)))
        return True

    def may_open(self, path: Path) -> bool:
        return not self._refuse_if_held(path, "文件已打开")

    def may_save(self, path: Path) -> bool:
        return not self._refuse_if_held(path, "无法保存")

    def _on_file_changed(self) -> None:
        path = self.host.draft.path
        if self.lock is not None and self.lock.path == path:
            return
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if path is not None and not self._closed:
            lock = FileLock(path)
            other = lock.acquire()
            if other is not None:  # taken between the check and now: say so, keep editing
                self.host.notify(f"注意：“{path.name}”同时在另一个明镜窗口中打开。", 15000)
            else:
                self.lock = lock

    # --- saving and closing ------------------------------------------------------------------
    def save_failed(self) -> None:
        """The draft could not be written where the user asked: make sure it is in the
        autosave now."""
        self.autosave.save_now()

    def shutdown(self) -> None:
        """The application quits without a close (log-off, ``app.quit``): unsaved work is
        written to the autosave and kept for recovery; saved work leaves nothing behind."""
        if self._closed:
            return
        modified = self.host.draft.qdoc.isModified()
        if modified:
            self.autosave.save_now()
        self._closed = True
        self.autosave.close(discard=not modified)
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def closed(self) -> None:
        """A clean close: the user saved or chose not to; nothing is left to recover."""
        if self._closed:
            return
        self._closed = True
        self.autosave.close(discard=True)
        if self.lock is not None:
            self.lock.release()
            self.lock = None
