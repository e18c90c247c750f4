"""Chinese for the few texts of Qt's own dialogs that its zh_CN catalogue misses or words
oddly (the non-native file dialog's "&Look in:", "Files of &type:", and 体积 for a file's
size). Installed after ``qtbase_zh_CN``, so it is asked first; everything else falls
through to Qt's catalogue."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

FIXES: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Look in:"): "查找范围：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Files of type:"): "文件类型：",
    ("QFileDialog", "File &name:"): "文件名(&N)：",
    ("QFileDialog", "Size"): "大小",
    ("QFileSystemModel", "Size"): "大小",
    ("QFileSystemModel", "Date Modified"): "修改日期",
}


class QtTextFixes(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null string) lets Qt ask its own catalogue; "" would blank the text
        return FIXES.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_fixes(app: QCoreApplication) -> QtTextFixes:
    fixes = QtTextFixes(app)
    app.installTranslator(fixes)
    return fixes
