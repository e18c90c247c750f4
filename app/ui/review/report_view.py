"""One report, read-only, with its findings marked and listed beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.check import Finding

_MARK = QColor("#fff2a8")
_WAVE = QColor("#c62828")
_SPAN_ROLE = Qt.ItemDataRole.UserRole + 1


class ReportView(QDialog):
    """The report's text (never editable) and its findings; a click on one shows it."""

    def __init__(self, title: str, text: str, findings: list[Finding], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title}（只读）")
        self.text = QTextEdit()
        self.text.setObjectName("reportText")
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        self.findings = list(findings)
        self.list = QListWidget()
        self.list.setObjectName("reportFindings")
        self.list.setWordWrap(True)
        for finding in self.findings:
            item = QListWidgetItem(f"[{finding.label}] “{finding.text[:20]}” {finding.message}")
            item.setData(_SPAN_ROLE, (finding.start, finding.end))
            item.setToolTip(finding.message)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(lambda item, _: self.show_item(item))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(f"共 {len(self.findings)} 处问题（正文中黄色底纹、红色波浪线标出）"))
        side_layout.addWidget(self.list)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.text)
        splitter.addWidget(side)
        splitter.setSizes([700, 360])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._mark()
        self.resize(1100, 650)

    def _mark(self) -> None:
        selections = []
        length = len(self.text.toPlainText())
        for finding in self.findings:
            if not 0 <= finding.start < finding.end <= length:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(finding.start)
            cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(_MARK)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(_WAVE)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def show_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        start, end = item.data(_SPAN_ROLE)
        cursor = self.text.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    def show_finding(self, index: int) -> None:
        if 0 <= index < self.list.count():
            self.list.setCurrentRow(index)
