"""审核 off the window's thread: a progress dialog with 取消, and the result when done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal
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
    from app.ui.dialogs.progress import start_with_progress

    worker = ReviewWorker(services, paths, parent)

    def label_for(done: int, total: int, name: str) -> str | None:
        if name == "比对雷同":
            return "正在比对各份材料之间的雷同……"
        return f"正在审核（{done + 1}/{total - 1}）：{name}" if name else None

    def cancel() -> None:
        worker.cancel_requested = True

    worker.dialog = start_with_progress(parent, "审核材料", "正在审核材料…", worker, label_for, cancel)
    return worker
