"""One progress dialog for the long jobs that run off the window's thread (导入素材, 审核材料).

The worker only needs a ``progressed(done, total, name)`` signal, a ``finished`` signal and
``start()``; what the label says and what 取消 does are the caller's."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def start_with_progress(parent: QWidget, title: str, text: str, worker,
                        label_for: Callable[[int, int, str], str | None],
                        cancel: Callable[[], None]) -> QProgressDialog:
    """Show a window-modal progress dialog, start ``worker`` and follow it until it finishes.

    ``label_for(done, total, name)`` gives the label for each step (None keeps the last one);
    ``cancel`` is called on 取消, after which the dialog says 正在取消…… until the worker stops."""
    dialog = QProgressDialog(text, "取消", 0, 1, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)  # the worker's finished signal closes it, not the last step
    dialog.setAutoReset(False)

    def on_progress(done: int, total: int, name: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        label = label_for(done, total, name)
        if label:
            dialog.setLabelText(label)

    def on_cancel() -> None:
        cancel()
        dialog.setLabelText("正在取消……")

    worker.progressed.connect(on_progress)
    dialog.canceled.connect(on_cancel)
    worker.finished.connect(dialog.close)
    worker.start()
    dialog.show()
    return dialog
