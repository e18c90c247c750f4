"""编辑 › 查找… (Ctrl+F) and 替换… (Ctrl+H): one small non-modal window, as in Word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)


class FindReplaceDialog(QDialog):
    def __init__(self, editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setWindowTitle("查找和替换")
        self.setObjectName("findReplaceDialog")
        grid = QGridLayout(self)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("要查找的文字")
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("替换为")
        self.replace_label = QLabel("替换为(&I)：")
        self.replace_label.setBuddy(self.replace_edit)
        find_label = QLabel("查找内容(&N)：")
        find_label.setBuddy(self.find_edit)
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        self.case = QCheckBox("区分大小写")
        grid.addWidget(self.case, 2, 1)
        buttons = QHBoxLayout()
        self.next_button = QPushButton("查找下一处(&F)")
        self.next_button.setDefault(True)
        self.prev_button = QPushButton("上一处(&P)")
        self.replace_button = QPushButton("替换(&R)")
        self.replace_all_button = QPushButton("全部替换(&A)")
        for button in (self.next_button, self.prev_button, self.replace_button,
                       self.replace_all_button):
            buttons.addWidget(button)
        grid.addLayout(buttons, 3, 0, 1, 2)
        self.status = QLabel()
        grid.addWidget(self.status, 4, 0, 1, 2)
        self.next_button.clicked.connect(lambda: self.find(forward=True))
        self.prev_button.clicked.connect(lambda: self.find(forward=False))
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.find_edit.returnPressed.connect(lambda: self.find(forward=True))
        width = self.fontMetrics().horizontalAdvance("字") * 22
        self.find_edit.setMinimumWidth(width)
        self.replace_edit.setMinimumWidth(width)

    def show_for(self, replace: bool) -> None:
        """Open in 查找 or 替换 mode; the editor's selection becomes the search text."""
        self.setWindowTitle("替换" if replace else "查找")
        for widget in (self.replace_label, self.replace_edit, self.replace_button,
                       self.replace_all_button):
            widget.setVisible(replace)
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.status.clear()
        self.adjustSize()  # 查找 is smaller than 替换: no empty rows left from the other mode
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.find_edit.selectAll()

    def _flags(self, forward: bool = True) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if not forward:
            flags |= QTextDocument.FindFlag.FindBackward
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        return flags

    def find(self, forward: bool = True) -> bool:
        text = self.find_edit.text()
        if not text:
            return False
        document = self.editor.document()
        found = document.find(text, self.editor.textCursor(), self._flags(forward))
        if found.isNull():  # wrap round, as Word offers to
            start = QTextCursor(document)
            if not forward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(text, start, self._flags(forward))
            if not found.isNull():
                self.status.setText("已从头继续查找。" if forward else "已从末尾继续查找。")
        else:
            self.status.clear()
        if found.isNull():
            self.status.setText(f"找不到“{text}”。")
            return False
        self.editor.setTextCursor(found)
        self.editor.ensureCursorVisible()
        return True

    def _selection_matches(self) -> bool:
        selected = self.editor.textCursor().selectedText()
        text = self.find_edit.text()
        if self.case.isChecked():
            return selected == text
        return selected.casefold() == text.casefold()

    def replace(self) -> bool:
        """Replace the current match (if selected) and go to the next one."""
        if self.find_edit.text() and self._selection_matches():
            cursor = self.editor.textCursor()
            cursor.beginEditBlock()  # an edit block, so a title's refit joins this step
            cursor.insertText(self.replace_edit.text())
            cursor.endEditBlock()
        return self.find(forward=True)

    def replace_all(self) -> int:
        """Replace every match in one undo step; returns how many."""
        text = self.find_edit.text()
        if not text:
            return 0
        document = self.editor.document()
        cursor = QTextCursor(document)
        edit = QTextCursor(document)
        edit.beginEditBlock()
        count = 0
        while True:
            cursor = document.find(text, cursor, self._flags())
            if cursor.isNull():
                break
            cursor.insertText(self.replace_edit.text())
            count += 1
        edit.endEditBlock()
        self.status.setText(f"已替换 {count} 处。" if count else f"找不到“{text}”。")
        return count
