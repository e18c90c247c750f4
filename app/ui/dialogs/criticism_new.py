"""文件 › 新建相互批评意见…: ask for the colleagues, then make one section per colleague."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.core.document.criticism import (
    TEMPLATE_ID,
    TITLE_KINDS,
    Colleague,
    criticism_document,
    parse_colleagues,
)

MENU_TEXT = "新建相互批评意见(&M)…"
_HINT = ("每行一位班子成员：姓名和职务（如“张三 分管副局长”），或只写职务（如“分管副局长”）。\n"
         "每位同志一节，大纲里按同志列出；右侧素材按主题提供批评意见的写法。")


class CriticismDialog(QDialog):
    """The colleagues (one a line) and what the paper is titled."""

    def __init__(self, parent=None, text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("新建相互批评意见")
        self.colleagues_edit = QPlainTextEdit(text)
        self.colleagues_edit.setAccessibleName("班子成员")
        self.colleagues_edit.setPlaceholderText("张三 分管副局长\n李四 纪检组长\n分管副局长")
        self.title_kind = QComboBox()
        self.title_kind.setAccessibleName("标题")
        self.title_kind.addItems(list(TITLE_KINDS))
        hint = QLabel(_HINT)
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("班子成员：", self.colleagues_edit)
        form.addRow("标题：", self.title_kind)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 360)

    def colleagues(self) -> list[Colleague]:
        return parse_colleagues(self.colleagues_edit.toPlainText())

    def _accept(self) -> None:
        if not self.colleagues():
            self.error.setText("请至少填写一位班子成员（姓名和职务，或职务）。")
            return
        self.accept()


def new_criticism(window) -> bool:
    """Ask for the colleagues and open a new 相互批评意见 in ``window`` (a MainWindow)."""
    if not window.files.maybe_save():
        return False
    return ask_and_load(window)


def ask_and_load(window) -> bool:
    """The dialog and the new document, once any unsaved draft has been dealt with."""
    dialog = CriticismDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    template = window.services.templates.get(TEMPLATE_ID)
    document = criticism_document(dialog.colleagues(), template, dialog.title_kind.currentText())
    window.draft.load(document)
    window.editor.go_to(window.draft.position_of((5, 0)))  # the first colleague's empty point
    return True
