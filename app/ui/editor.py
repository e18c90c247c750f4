"""The middle pane: one rich editor over the draft, laid out like the printed page."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QTextEdit

from app.core.model import Role
from app.core.sanitize import clean_incoming
from app.ui.document import DraftDocument

PHRASE_MIME = "application/x-mingjing-phrase"
PAGE_MARGIN_PX = 36


def pasted_text(source: QMimeData) -> str:
    """The text of a paste, formatting dropped (HTML-only sources are converted)."""
    if source.hasText():
        text = source.text()
    elif source.hasHtml():
        text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
    else:
        return ""
    return clean_incoming(text)


class Editor(QTextEdit):
    """A QTextEdit that pastes plain text, inserts phrases and wraps at 28 characters."""

    phraseInserted = Signal(str)  # phrase id

    def __init__(self, draft: DraftDocument, parent=None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setDocument(draft.qdoc)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("editor")
        self.setAccessibleName("正文编辑区")
        draft.qdoc.setDocumentMargin(PAGE_MARGIN_PX)
        self._page_width = int(draft.look.line_width_px() + 2 * PAGE_MARGIN_PX + 4)
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.setLineWrapColumnOrWidth(self._page_width)
        outer = self.palette()
        outer.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.lightGray)
        self.setPalette(outer)
        self.setAutoFillBackground(True)
        page = self.viewport().palette()
        page.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.white)
        self.viewport().setPalette(page)

    # --- page layout: centre a page-wide column in the pane -------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        spare = self.width() - self._page_width - self.verticalScrollBar().sizeHint().width()
        side = max(0, spare // 2)
        self.setViewportMargins(side, 0, side, 0)

    # --- typing ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        cursor = self.textCursor()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not cursor.hasSelection() and cursor.atBlockEnd()
                and self.draft.role_of(cursor.block()) in (Role.TITLE, Role.META)):
            # Like Word's "next style": a new line after the title or name line is body text.
            next_role = Role.META if self.draft.role_of(cursor.block()) is Role.TITLE else Role.BODY
            cursor.insertBlock(self.draft.look.block_format(next_role))
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    # --- paste and drop: text only, formatting dropped -------------------------------------
    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt API)
        return source.hasText() or source.hasHtml() or source.hasFormat(PHRASE_MIME)

    def createMimeDataFromSelection(self) -> QMimeData:
        mime = QMimeData()
        mime.setText(self.textCursor().selection().toPlainText())
        return mime

    def insertFromMimeData(self, source: QMimeData) -> None:
        cursor = self.textCursor()
        if source.hasFormat(PHRASE_MIME):
            phrase_id = bytes(source.data(PHRASE_MIME)).decode("utf-8")
            cursor = self.draft.insert_phrase(cursor, source.text())
            self.setTextCursor(cursor)
            self.phraseInserted.emit(phrase_id)
            return
        text = pasted_text(source)
        if not text:
            return
        empty = self.draft.qdoc.isEmpty()
        self.setTextCursor(self.draft.insert_text(cursor, text, empty_doc=empty))
        self.ensureCursorVisible()

    def insert_phrase_at_cursor(self, phrase_id: str, text: str) -> None:
        cursor = self.draft.insert_phrase(self.textCursor(), text)
        self.setTextCursor(cursor)
        self.setFocus()
        self.phraseInserted.emit(phrase_id)

    def go_to(self, position: int) -> None:
        """Move the cursor to ``position`` and scroll it near the top of the pane."""
        cursor = QTextCursor(self.draft.qdoc)
        cursor.setPosition(position)
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        rect = self.cursorRect(cursor)
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 5)
        self.setFocus()

    def select_range(self, start: int, end: int) -> None:
        """Select ``start``–``end`` (a finding) and scroll it into view."""
        self.go_to(start)
        cursor = self.textCursor()
        cursor.setPosition(min(end, self.document().characterCount() - 1),
                           QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
