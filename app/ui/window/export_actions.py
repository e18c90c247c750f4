"""文件 › 一键排版… and 文件 › 导出整改清单….

The engine does the work (``app.core.formats.reformat``, ``app.core.formats.rectification``); this module
only asks for file names, reads the settings and tells the user what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.ui.host import WindowHost
from app.ui.preferences import export_options
from app.ui.window.file_actions import FileActions

FORMAT_TEXT = "一键排版(&F)…"
RECTIFICATION_TEXT = "导出整改清单(&L)…"
PRINT_TEXT = "打印(&P)…"
PRINT_ADVICE = ("请保存后用 Word/WPS 打印。\n\n"
                "明镜保存的 .docx 已按公文格式排好版（字体、字号、行距、页边距），"
                "在 Word 或 WPS 中打开后按 Ctrl+P 即可打印，打印效果与文件一致。")


class ExportActions(QObject):
    """The two menu items; ``parent`` is the window the dialogs open over."""

    def __init__(self, parent: QWidget, host: WindowHost, files: FileActions) -> None:
        super().__init__(parent)
        self._parent = parent
        self.host = host
        self.files = files
        self.format_action = self._item(FORMAT_TEXT, self.format_dialog,
                                        "把任意 .txt/.docx 材料排成公文格式，原文件不变")
        self.rectification_action = self._item(RECTIFICATION_TEXT, self.rectification_dialog,
                                               "把问题和整改措施整理成横向表格")
        self.print_action = self._item(PRINT_TEXT, self.print_advice, "请保存后用 Word/WPS 打印")
        self.print_action.setShortcut("Ctrl+P")

    def _item(self, text: str, slot: Callable[[], None], tip: str) -> QAction:
        action = QAction(text, self._parent)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        """The items, for the 文件 menu."""
        return [self.format_action, self.rectification_action, self.print_action]

    def print_advice(self) -> None:
        """Ctrl+P: 明镜 does not print itself; say how (Word's print of the saved .docx)."""
        path = self.host.draft.path
        where = f"\n\n当前文稿保存在“{path.name}”。" if path else ""
        QMessageBox(QMessageBox.Icon.Information, "打印", PRINT_ADVICE + where,
                    QMessageBox.StandardButton.Ok, self._parent).exec()

    # --- 一键排版 -----------------------------------------------------------------------------
    def format_dialog(self) -> None:
        w, draft = self._parent, self.host.draft
        start = str(draft.path.parent) if draft.path else str(Path.home())
        source, _ = QFileDialog.getOpenFileName(w, "一键排版：选择原稿", start,
                                                "文稿 (*.docx *.doc *.wps *.txt);;所有文件 (*)")
        if not source:
            return
        from app.core.formats.reformat import default_output

        suggested = default_output(Path(source))
        output, _ = QFileDialog.getSaveFileName(w, "一键排版：保存为", str(suggested),
                                                "Word 文档 (*.docx)")
        if output:
            self.format_path(Path(source), _with_docx(Path(output)))

    def format_path(self, source: Path, output: Path) -> bool:
        """Format ``source`` into ``output``; say what happened; offer to open the result."""
        from app.core.errors import FormatError
        from app.core.formats.reformat import format_file

        w = self._parent
        try:
            result = format_file(source, output, self.host.services.templates, self.host.services.classifier,
                                 options=export_options(self.host.settings))
        except FormatError as exc:
            self.host.warn("一键排版失败", f"{exc}\n\n原文件没有改动。")
            return False
        self.host.notify(f"已排版到 {result.output}", 8000)
        box = QMessageBox(QMessageBox.Icon.Information, "一键排版",
                          f"已按公文格式排版并保存为“{result.output.name}”。\n"
                          f"共 {result.paragraphs} 段、{result.headings} 个标题、{result.chars} 字；"
                          "原文件没有改动。" + changes_text(result.changes), parent=w)
        open_button = box.addButton("打开排版结果", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_button and self.files.maybe_save():
            self.files.open_path(result.output)
        return True

    # --- 整改清单 ---------------------------------------------------------------------------------
    def rectification_dialog(self) -> None:
        w, draft = self._parent, self.host.draft
        draft.flush()
        if not self.files.unfinished.confirm():
            return
        base = draft.path or Path.home() / f"{draft.outline.title or '对照检查材料'}.docx"
        from app.core.formats.reformat import default_output

        output, _ = QFileDialog.getSaveFileName(w, "导出整改清单", str(default_output(base, True)),
                                                "Word 文档 (*.docx)")
        if output:
            self.export_rectification(_with_docx(Path(output)))

    def export_rectification(self, output: Path) -> bool:
        """Write the 整改清单 of the draft in the editor to ``output``."""
        from app.core.errors import SaveError
        from app.core.formats.rectification import write_rectification

        draft = self.host.draft
        draft.flush()
        if draft.path is not None and output.resolve() == draft.path.resolve():
            self.host.warn("导出整改清单", "整改清单不能保存到正在编辑的文稿上，请换一个文件名。")
            return False
        document = draft.to_document()
        try:
            rows = write_rectification(draft.outline, document.paragraphs, output,
                                       export_options(self.host.settings), self.host.services.classifier)
        except SaveError as exc:
            self.host.warn("导出整改清单失败", f"{exc}\n\n文稿仍在编辑器中，没有丢失。")
            return False
        if not rows:
            self.host.notify("文稿中还没有查摆出的问题，整改清单只有表头。", 8000)
        else:
            empty = sum(1 for r in rows if r.to_fill)
            note = f"，{empty} 个问题未找到对应措施，请在表中补充" if empty else ""
            self.host.notify(f"已导出整改清单：{output}（{len(rows)} 个问题{note}）", 8000)
        return True


def _with_docx(path: Path) -> Path:
    return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")


def changes_text(changes: list[str], shown: int = 8) -> str:
    """The fixes 一键排版 made on the way, for its message box."""
    if not changes:
        return ""
    lines = "\n".join(f"· {c}" for c in changes[:shown])
    more = f"\n……另有 {len(changes) - shown} 处" if len(changes) > shown else ""
    return f"\n\n顺带改正 {len(changes)} 处：\n{lines}{more}"
