"""The window's safety net: autosave, the lock on the open file, and what happens on close
or when a save fails.  ``MainWindow`` calls it from a few one-line hooks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.core.storage.filelock import FileLock, foreign_owner_files
from app.ui.host import WindowHost
from app.ui.window.recovery import AutosaveController, autosave_store

AUTOSAVE_WAIT_S = 3.0


def autosave_outcome(controller) -> bool | None:
    """Autosave now and wait (at most ``AUTOSAVE_WAIT_S``): True written, False failed or
    too slow, None nothing unsaved to write."""
    future = controller.save_now()
    if future is None:
        return None
    try:
        return future.result(timeout=AUTOSAVE_WAIT_S) is True
    except Exception:
        return False


class SafetyNet(QObject):
    """``window`` is the widget whose focus loss triggers an autosave; ``host`` its draft,
    settings and notices."""

    def __init__(self, window: QWidget, host: WindowHost) -> None:
        super().__init__(window)
        self._window = window  # the dialogs' parent
        self.host = host
        self.autosave = AutosaveController(window, host, autosave_store(host.services.user_dir))
        self.lock: FileLock | None = None
        self._closed = False
        self._acknowledged: set[Path] = set()  # files the user chose to edit despite Word's lock
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
        return not self._refuse_if_held(path, "文件已打开") and self._other_editor(path, "打开")

    def may_save(self, path: Path) -> bool:
        return not self._refuse_if_held(path, "无法保存") and self._other_editor(path, "保存")

    def _other_editor(self, path: Path, verb: str) -> bool:
        """Word/WPS/LibreOffice seem to have ``path`` open: warn (their lock file may also
        be left over from a crash, so the user may go on); once per file and window."""
        from PySide6.QtWidgets import QMessageBox

        path = Path(path)
        owners = foreign_owner_files(path)
        if not owners or path in self._acknowledged:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning, "文件可能正被其他程序打开",
            f"“{path.name}”可能正在 Word、WPS 或 LibreOffice 中打开（同一文件夹中有它们的锁定文件"
            f"“{owners[0].name}”）。两个程序同时修改同一个文件，后保存的会覆盖先保存的。\n\n"
            f"建议先在那个程序中关闭它。如果确定没有打开（锁定文件也可能是程序异常退出时留下的），"
            f"可以继续{verb}。", parent=self._window)
        go_on = box.addButton(f"继续{verb}(&C)", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is go_on:
            self._acknowledged.add(path)
            return True
        return False

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
    def save_failed(self, error: str) -> bool:
        """The draft could not be written where the user asked: put it in the autosave,
        wait for that write, and tell the user what is true (a full disk usually fails both).
        When the autosave failed too, 另存为 elsewhere is offered first; True when the user
        chose it."""
        from PySide6.QtWidgets import QMessageBox

        kept = autosave_outcome(self.autosave)
        if kept is None:
            detail = "文稿仍在编辑器中，内容与上次打开或保存时相同。"
        elif kept:
            detail = "文稿仍在编辑器中，也已自动保存，下次启动时可以恢复。"
        else:
            reason = self.autosave.autosaver.last_error or "原因不明"
            detail = (f"自动保存也没有成功（{reason}）。文稿目前只在编辑器中，请不要关闭窗口，"
                      "立即用“另存为”保存到其他磁盘（如 U 盘）或其他文件夹。")
        if kept is not False:  # nothing to choose: the usual warning
            self.host.warn("保存失败", f"{error}\n\n{detail}")
            return False
        box = QMessageBox(QMessageBox.Icon.Warning, "保存失败", f"{error}\n\n{detail}",
                          parent=self._window)
        save_as = box.addButton("另存为(&A)…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("确定", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save_as)
        box.exec()
        return box.clickedButton() is save_as

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
