"""“选择文件… / 选择文件夹…”: the one question 雷同比对, 导入素材 and 审核材料 ask before they pick
report files or a folder of them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

REPORT_FILTER = "文稿 (*.docx *.doc *.wps *.txt);;所有文件 (*)"


def ask_files_or_folder(parent: QWidget | None, title: str, text: str, files_caption: str,
                        folder_caption: str, start: str = "", file_filter: str = REPORT_FILTER,
                        folder_first: bool = False) -> list[Path]:
    """The files or the one folder the user picked; [] when they cancelled at either step."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = {}
    for kind in (("folder", "files") if folder_first else ("files", "folder")):
        label = "选择文件夹…" if kind == "folder" else "选择文件…"
        buttons[kind] = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    chosen = box.clickedButton()
    start = start or str(Path.home())
    if chosen is buttons["files"]:
        paths, _ = QFileDialog.getOpenFileNames(parent, files_caption, start, file_filter)
        return [Path(p) for p in paths]
    if chosen is buttons["folder"]:
        folder = QFileDialog.getExistingDirectory(parent, folder_caption, start)
        return [Path(folder)] if folder else []
    return []
