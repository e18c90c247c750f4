"""审核 off the window's thread: a progress dialog with 取消, and the result when done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class ReviewWorker(QThread):
    """Runs ``app.core.review.review``; ``result`` or ``error`` is set when it finishes."""

    progressed = Signal(int, int, str)

    def __init__(self, services, paths: list[Path], parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.paths = paths
        self.cancel_requested = False
        self.cancelled = False
        self.result = None
        self.error: str | None = None
        self.dialog: QProgressDialog | None = None

    def run(self) -> None:
        from app.core.check import load_check_config
        from app.core.review import ReviewCancelledError, review

        try:
            self.result = review(
                self.paths, self.services.templates, self.services.classifier,
                load_check_config(self.services.user_dir),
                [p.text for p in self.services.phrasebank.phrases],
                progress=lambda done, total, name: self.progressed.emit(done, total, name),
                cancelled=lambda: self.cancel_requested)
        except ReviewCancelledError:
            self.cancelled = True
        except Exception as exc:
            self.error = f"审核时出错：{exc}"


def run_review(parent: QWidget, services, paths: list[Path]) -> ReviewWorker:
    """Start a review with a progress bar; 取消 stops it after the current file."""
    dialog = QProgressDialog("正在审核材料…", "取消", 0, 1, parent)
    dialog.setWindowTitle("审核材料")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = ReviewWorker(services, paths, parent)
    worker.dialog = dialog

    def on_progress(done: int, total: int, name: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        if name == "比对雷同":
            dialog.setLabelText("正在比对各份材料之间的雷同……")
        elif name:
            dialog.setLabelText(f"正在审核（{done + 1}/{total - 1}）：{name}")

    def on_cancel() -> None:
        worker.cancel_requested = True
        dialog.setLabelText("正在取消……")

    worker.progressed.connect(on_progress)
    dialog.canceled.connect(on_cancel)
    worker.finished.connect(dialog.close)
    worker.start()
    dialog.show()
    return worker
