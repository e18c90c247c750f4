"""帮助 › 使用说明 (a QTextBrowser over resources/help/guide.html) and 帮助 › 关于明镜."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout

from app import APP_NAME, __version__
from app.core.paths import resources_dir

LICENCE = "MIT 许可证"


def guide_path() -> Path:
    return resources_dir() / "help" / "guide.html"


class HelpDialog(QDialog):
    """The user guide in a window of its own; not modal, so the user can write beside it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("明镜使用说明")
        self.setObjectName("helpDialog")
        self.resize(640, 720)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # nothing leaves the machine
        path = guide_path()
        if path.is_file():
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setPlainText(f"找不到使用说明文件：{path}\n请重新安装明镜。")
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)


def about_text() -> str:
    return (f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>对照检查材料写作助手：按公文格式（GB/T 9704）撰写民主生活会、"
            "组织生活会对照检查材料。</p>"
            "<p><b>完全离线，不连接网络。</b>不需要账号，不需要激活，"
            "文稿和素材只保存在本机。</p>"
            f"<p>版本 {__version__} · {LICENCE}（MIT License）<br>"
            "使用 Qt for Python (PySide6, LGPL)、python-docx、jieba 等开源软件。</p>")


def about_box(parent=None) -> QMessageBox:
    """A QMessageBox built here (not the static ``QMessageBox.about``), so that ``exec``
    goes through Python and tests can answer it."""
    box = QMessageBox(QMessageBox.Icon.Information, f"关于{APP_NAME}", about_text(),
                      QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("确定")
    return box
