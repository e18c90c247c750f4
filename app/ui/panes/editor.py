"""The middle pane: one rich editor over the draft, laid out like the printed page."""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextCursor,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QFrame, QMenu, QTextEdit

from app.core.model import Role
from app.core.phrases.phrasebank import FIELD_RE
from app.core.sanitize import clean_incoming
from app.ui.draft import DraftDocument
from app.ui.look import PAGE_MARGIN_PX

PHRASE_MIME = "application/x-mingjing-phrase"
_MENU_WORDS = {"edit-undo": "撤销(&U)", "edit-redo": "重做(&R)", "edit-cut": "剪切(&T)",
               "edit-copy": "复制(&C)", "edit-paste": "粘贴(&P)", "select-all": "全选(&L)"}
_TABS = re.compile(r"[ \t]*\t[ \t]*")
NO_FIELD_HINT = "没有待填写的{字段}。公文段首缩进已自动设置，无需按 Tab 键。"


def pasted_text(source: QMimeData) -> str:
    """The text of a paste, formatting dropped (HTML-only sources are converted)."""
    if source.hasText():
        text = source.text()
    elif source.hasHtml():
        text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
    else:
        return ""
    # no tab ever enters official text (a table row pasted from Word is cells and tabs)
    return _TABS.sub(" ", clean_incoming(text))


class Editor(QTextEdit):
    """A QTextEdit that pastes plain text, inserts phrases and wraps at 28 characters."""

    phraseInserted = Signal(str)  # phrase id
    hintRequested = Signal(str)  # a short note for the status bar
    zoomRequested = Signal(int)  # +1 larger, -1 smaller (Ctrl+wheel)
    addToLibraryRequested = Signal(str)  # selected text

    def __init__(self, draft: DraftDocument, parent=None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setDocument(draft.qdoc)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("editor")
        self.setAccessibleName("正文编辑区")
        draft.qdoc.setDocumentMargin(PAGE_MARGIN_PX)
        # the title is refitted once Qt has laid the text out at the new width (a scroll
        # bar that appears or goes narrows the pane without a resize of its own)
        self._title_fit = QTimer(self)
        self._title_fit.setSingleShot(True)
        self._title_fit.setInterval(0)
        self._title_fit.timeout.connect(lambda: self.draft.fit_titles(self._layout_width()))
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.fit_page()
        outer = self.palette()
        outer.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.lightGray)
        self.setPalette(outer)
        self.setAutoFillBackground(True)
        page = self.viewport().palette()
        page.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.white)
        self.viewport().setPalette(page)

    # --- page layout: centre a page-wide column in the pane -------------------------------
    def fit_page(self) -> None:
        """Wrap at 28 characters of the look's body font (again after a font size change)."""
        self._page_width = self.draft.look.page_width_px()
        self.setLineWrapColumnOrWidth(self._page_width)
        self._centre_page()
        self.draft.fit_titles(self._layout_width())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        at_page_width = self.wraps_at_page_width
        self._centre_page()
        if not (at_page_width and self.wraps_at_page_width):
            self.draft.fit_titles(self._layout_width())  # the text re-wraps to the pane
            self._title_fit.start()  # and once more after Qt's own relayout

    def _centre_page(self) -> None:
        """The printed 28-字 line where the pane is wide enough; below that the text
        re-wraps to the pane, so nothing is cut off or scrolls sideways."""
        spare = self.width() - self._page_width - self.verticalScrollBar().sizeHint().width()
        if spare < 0:
            if self.lineWrapMode() != QTextEdit.LineWrapMode.WidgetWidth:
                self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
            self.setViewportMargins(0, 0, 0, 0)
            return
        if self.lineWrapMode() != QTextEdit.LineWrapMode.FixedPixelWidth:
            self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
            self.setLineWrapColumnOrWidth(self._page_width)
        side = spare // 2
        self.setViewportMargins(side, 0, side, 0)

    def _layout_width(self) -> float:
        """The width the text is laid out in now (the page's, or the pane's when narrower)."""
        width = self._page_width if self.wraps_at_page_width else self.viewport().width()
        return width - 2 * self.draft.qdoc.documentMargin()

    @property
    def wraps_at_page_width(self) -> bool:
        return self.lineWrapMode() == QTextEdit.LineWrapMode.FixedPixelWidth

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = event.angleDelta().y()
            if step:
                self.zoomRequested.emit(1 if step > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # --- typing ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Every key's edit is an edit block of its own: Qt records a typed key as a bare
        command that a later edit cannot join, so the format of a paragraph whose role the key
        changed (1. typed at its start) would be an undo step of its own, one Ctrl+Z that
        changes no text; in a title, the new line-break indent joins it the same way."""
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.redo()
            return
        self._edit_step(lambda: self._key_press(event), always=True)

    def inputMethodEvent(self, event) -> None:
        """An IME's commit in a title: the same one step as a key (several commits can come
        before the event loop would refit the title)."""
        self._edit_step(lambda: super(Editor, self).inputMethodEvent(event))

    def _edit_step(self, edit, always: bool = False) -> None:
        """Run ``edit`` (as one edit block if ``always``); if it changed a title's text, refit
        the title's line-break indent in the same undo step."""
        if not always and not self.draft.touches_title(self.textCursor()):
            edit()
            return
        revision = self.draft.qdoc.revision()
        step = QTextCursor(self.draft.qdoc)
        step.beginEditBlock()
        try:
            edit()
            if self.draft.qdoc.revision() != revision:
                self.draft.refit_title(self.textCursor().block(), step)
        finally:
            step.endEditBlock()

    def cut(self) -> None:
        """编辑 › 剪切 as one edit block, so a title's refit joins it (see keyPressEvent)."""
        step = QTextCursor(self.draft.qdoc)
        step.beginEditBlock()
        super().cut()
        step.endEditBlock()

    def undo(self) -> None:
        self._history(super().undo)

    def redo(self) -> None:
        self._history(super().redo)

    def _history(self, step) -> None:
        """Undo or redo; when a title's text changed, the cursor goes where it changed, as
        after any other undo (a step holding the title's indent would put it at the end)."""
        titles = self.draft.title_texts()
        step()
        after = self.draft.title_texts()
        if len(after) != len(titles):
            return
        for (number, old), (_, new) in zip(titles, after, strict=True):
            if old != new:
                head = 0  # characters the same at the start of both, then at the end
                while head < min(len(old), len(new)) and old[head] == new[head]:
                    head += 1
                tail = 0
                while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
                    tail += 1
                cursor = QTextCursor(self.draft.qdoc)
                cursor.setPosition(self.draft.qdoc.findBlockByNumber(number).position() + len(new) - tail)
                self.setTextCursor(cursor)
                return

    def _key_press(self, event: QKeyEvent) -> None:
        cursor = self.textCursor()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain:
            # Tab goes to the next {字段} (Shift+Tab the previous), in this paragraph first,
            # then anywhere in the draft; it never types a tab character into the text.
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            forward = event.key() == Qt.Key.Key_Tab and not shift
            if not self.select_field(forward):
                self.hintRequested.emit(NO_FIELD_HINT)
            return
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not cursor.hasSelection() and cursor.atBlockEnd()
                and self.draft.role_of(cursor.block()) in (Role.TITLE, Role.META)):
            # Like Word's "next style": a new line after the title or name line is body text.
            next_role = Role.META if self.draft.role_of(cursor.block()) is Role.TITLE else Role.BODY
            cursor.insertBlock(self.draft.look.block_format(next_role))
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    def context_menu(self, pos) -> QMenu:
        """The right-click menu: Qt's standard editing actions plus 加入素材库…."""
        menu = self.createStandardContextMenu(pos)
        for action in menu.actions():  # the same words and keys as the 编辑 menu (Word's)
            name = action.objectName()
            if name in ("edit-undo", "edit-redo"):  # through undo()/redo() above
                action.triggered.disconnect()
                action.triggered.connect(self.undo if name == "edit-undo" else self.redo)
            if name == "edit-redo":
                action.setShortcut(QKeySequence("Ctrl+Y"))
            if name in _MENU_WORDS:
                action.setText(_MENU_WORDS[name] + "\t" + action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText))
        menu.addSeparator()
        selected = self.textCursor().selectedText().replace("\u2029", "\n").strip()
        action = menu.addAction("加入素材库…")
        action.setEnabled(bool(selected))
        action.setStatusTip("把选中的文字加入“我的素材”")
        action.triggered.connect(lambda: self.addToLibraryRequested.emit(selected))
        return menu

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # --- paste and drop: text only, formatting dropped -------------------------------------
    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml() or source.hasFormat(PHRASE_MIME)

    def createMimeDataFromSelection(self) -> QMimeData:
        mime = QMimeData()
        mime.setText(self.textCursor().selection().toPlainText())
        return mime

    def insertFromMimeData(self, source: QMimeData) -> None:
        cursor = self.textCursor()
        if source.hasFormat(PHRASE_MIME):
            phrase_id = bytes(source.data(PHRASE_MIME).data()).decode("utf-8")
            self._insert_phrase(cursor, source.text())
            self.phraseInserted.emit(phrase_id)
            return
        text = pasted_text(source)
        if not text:
            return
        # pasting into an empty draft, or over all of it (Ctrl+A, Ctrl+V): the title and the
        # name/date lines of the pasted report keep their roles
        whole = cursor.selectionStart() == 0 and cursor.selectionEnd() >= self.draft.qdoc.characterCount() - 1
        empty = self.draft.qdoc.isEmpty() or whole
        self.setTextCursor(self.draft.insert_text(cursor, text, empty_doc=empty))
        self.ensureCursorVisible()

    def insert_phrase_at_cursor(self, phrase_id: str, text: str) -> None:
        self._insert_phrase(self.textCursor(), text)
        self.setFocus()
        self.phraseInserted.emit(phrase_id)

    # --- phrase fields: {单位} selected on insert, Tab / Shift+Tab to the next --------------------
    def _insert_phrase(self, cursor: QTextCursor, text: str) -> None:
        if cursor.hasSelection() and FIELD_RE.fullmatch(cursor.selectedText()):
            # A field still waiting to be filled is not where the next phrase goes.
            cursor = QTextCursor(cursor)
            cursor.clearSelection()
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        before = self.draft.qdoc.characterCount()
        cursor = self.draft.insert_phrase(cursor, text)
        end = cursor.position()
        start = end - (self.draft.qdoc.characterCount() - before)
        self.setTextCursor(cursor)
        fields = self._fields_between(start, end)
        if fields:
            self._select(*fields[0])
        self.ensureCursorVisible()

    def _fields_between(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) document positions of the {字段} placeholders in [start, end)."""
        cursor = QTextCursor(self.draft.qdoc)
        cursor.setPosition(max(start, 0))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        text = cursor.selectedText()
        return [(start + m.start(), start + m.end()) for m in FIELD_RE.finditer(text)]

    def _select(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.draft.qdoc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def select_field(self, forward: bool = True) -> bool:
        """Select the next (or previous) {字段} of the draft, wrapping round; False if none."""
        fields = self._fields_between(0, self.draft.qdoc.characterCount() - 1)
        if not fields:
            return False
        cursor = self.textCursor()
        if forward:
            target = next((f for f in fields if f[0] >= cursor.selectionEnd()), fields[0])
        else:
            target = next((f for f in reversed(fields) if f[1] <= cursor.selectionStart()), fields[-1])
        self._select(*target)
        self.ensureCursorVisible()
        return True

    def go_to(self, position: int, focus: bool = True) -> None:
        """Move the cursor to ``position`` and scroll it near the top of the pane (and take
        the keyboard unless ``focus`` is False: a click in the outline keeps it there)."""
        cursor = QTextCursor(self.draft.qdoc)
        cursor.setPosition(position)
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        rect = self.cursorRect(cursor)
        top = bar.value() + rect.top()  # from the top of the document
        height = self.viewport().height()
        # Near the top of the document (the first aspect of a new draft) the page stays at
        # its top, so the title is in view; further down the cursor goes near the top.
        bar.setValue(0 if top + rect.height() <= height * 4 // 5 else top - height // 5)
        if focus:
            self.setFocus()

    def select_range(self, start: int, end: int) -> None:
        """Select ``start``–``end`` (a finding) and scroll it into view."""
        self.go_to(start)
        cursor = self.textCursor()
        cursor.setPosition(min(end, self.document().characterCount() - 1),
                           QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
