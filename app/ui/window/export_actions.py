"""文件 › 一键排版… and 文件 › 导出整改清单…, and the export settings the window passes on.

The engine does the work (``app.core.formats.reformat``, ``app.core.formats.rectification``); this module
only asks for file names, reads the settings and tells the user what happened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.formats.export_options import FONT_ROLES, ExportOptions

FORMAT_TEXT = "一键排版(&F)…"
RECTIFICATION_TEXT = "导出整改清单(&R)…"


BOLD_LEAD_KEY = "export/bold_lead"


def font_key(role: str) -> str:
    return f"export/font/{role}"


def export_options(settings: QSettings) -> ExportOptions:
    """ExportOptions from the agreed keys ``export/font/<role>`` and ``export/bold_lead``."""
    fonts = {role: settings.value(font_key(role)) for role in FONT_ROLES}
    return ExportOptions.from_values(fonts, settings.value(BOLD_LEAD_KEY, False))


class ExportActions(QObject):
    """The two menu items; ``window`` is the MainWindow (draft, services, settings, warn)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def add_to_menu(self, menu) -> None:
        w = self.window
        self.format_action = w._action(menu, FORMAT_TEXT, self.format_dialog, None,
                                       "把任意 .txt/.docx 材料排成公文格式，原文件不变")
        self.rectification_action = w._action(menu, RECTIFICATION_TEXT, self.rectification_dialog,
                                              None, "把问题和整改措施整理成横向表格")

    # --- 一键排版 -----------------------------------------------------------------------------
    def format_dialog(self) -> None:
        w = self.window
        start = str(w.draft.path.parent) if w.draft.path else str(Path.home())
        source, _ = QFileDialog.getOpenFileName(w, "一键排版：选择原稿", start,
                                                "文稿 (*.docx *.txt);;所有文件 (*)")
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
        from app.core.formats.reformat import FormatError, format_file

        w = self.window
        try:
            result = format_file(source, output, w.services.templates, w.services.classifier,
                                 options=export_options(w.settings))
        except FormatError as exc:
            w.warn("一键排版失败", f"{exc}\n\n原文件没有改动。")
            return False
        w.statusBar().showMessage(f"已排版到 {result.output}", 8000)
        box = QMessageBox(QMessageBox.Icon.Information, "一键排版",
                          f"已按公文格式排版并保存为“{result.output.name}”。\n"
                          f"共 {result.paragraphs} 段、{result.headings} 个标题、{result.chars} 字；"
                          "原文件没有改动。", parent=w)
        open_button = box.addButton("打开排版结果", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_button and w.maybe_save():
            w.open_path(result.output)
        return True

    # --- 整改清单 ---------------------------------------------------------------------------------
    def rectification_dialog(self) -> None:
        w = self.window
        w.draft.flush()
        base = w.draft.path or Path.home() / f"{w.draft.outline.title or '对照检查材料'}.docx"
        from app.core.formats.reformat import default_output

        output, _ = QFileDialog.getSaveFileName(w, "导出整改清单", str(default_output(base, True)),
                                                "Word 文档 (*.docx)")
        if output:
            self.export_rectification(_with_docx(Path(output)))

    def export_rectification(self, output: Path) -> bool:
        """Write the 整改清单 of the draft in the editor to ``output``."""
        from app.core.formats.rectification import write_rectification
        from app.core.storage.files import SaveError

        w = self.window
        w.draft.flush()
        if w.draft.path is not None and output.resolve() == w.draft.path.resolve():
            w.warn("导出整改清单", "整改清单不能保存到正在编辑的文稿上，请换一个文件名。")
            return False
        document = w.draft.to_document()
        try:
            rows = write_rectification(w.draft.outline, document.paragraphs, output,
                                       export_options(w.settings), w.services.classifier)
        except SaveError as exc:
            w.warn("导出整改清单失败", f"{exc}\n\n文稿仍在编辑器中，没有丢失。")
            return False
        if not rows:
            w.statusBar().showMessage("文稿中还没有查摆出的问题，整改清单只有表头。", 8000)
        else:
            empty = sum(1 for r in rows if r.to_fill)
            note = f"，{empty} 个问题未找到对应措施，请在表中补充" if empty else ""
            w.statusBar().showMessage(f"已导出整改清单：{output}（{len(rows)} 个问题{note}）", 8000)
        return True


def _with_docx(path: Path) -> Path:
    return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")
