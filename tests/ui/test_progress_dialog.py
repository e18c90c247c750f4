"""The one progress dialog of 导入素材 and 审核材料: label per step, 取消, closed when done."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from app.ui.dialogs.progress import start_with_progress


class FakeWorker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.started = False

    def start(self) -> None:
        self.started = True


def test_progress_dialog_follows_the_worker(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    worker = FakeWorker()
    cancelled: list[bool] = []
    dialog = start_with_progress(
        parent, "导入素材", "正在导入素材…", worker,
        lambda done, total, name: f"第 {done + 1}/{total} 个：{name}" if name else None,
        lambda: cancelled.append(True))
    assert worker.started and dialog.isVisible()
    assert dialog.windowTitle() == "导入素材"

    worker.progressed.emit(1, 3, "甲.docx")
    assert (dialog.value(), dialog.maximum()) == (1, 3)
    assert dialog.labelText() == "第 2/3 个：甲.docx"
    worker.progressed.emit(3, 3, "")  # the last step neither closes nor relabels the dialog
    assert dialog.isVisible() and dialog.labelText() == "第 2/3 个：甲.docx"

    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "取消"
    button.click()
    assert cancelled == [True]
    assert dialog.labelText() == "正在取消……"

    worker.finished.emit()
    assert not dialog.isVisible()
