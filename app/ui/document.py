"""The one document object: a QTextDocument plus what is derived from it.

Panes observe it through signals (``outlineChanged``); they never talk to each other.
Heading roles follow from the text of each block, title and name/date roles are kept in
the block format, and the outline is rebuilt shortly after typing stops.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextDocument

from app.core.model import Document, Paragraph, Role
from app.core.outline import (
    Outline,
    SectionContext,
    build_outline,
    context_at,
    point_ordinal_at,
    resolve_template,
)
from app.core.phrasebank import is_point, with_ordinal
from app.core.services import Services
from app.core.structure import recognize_lines, role_for_text
from app.core.templates import Template
from app.ui.look import OfficialHighlighter, OfficialLook, stored_role

OUTLINE_DELAY_MS = 120
_STICKY = {Role.TITLE.value, Role.META.value}


class DraftDocument(QObject):
    outlineChanged = Signal(object)  # Outline
    fileChanged = Signal()  # path or template changed

    def __init__(self, services: Services, look: OfficialLook, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.look = look
        self.qdoc = QTextDocument(self)
        self.qdoc.setDefaultFont(look.body_font())
        self.path: Path | None = None
        self.template: Template | None = None
        self.outline: Outline = build_outline([], services.classifier)
        self._highlighter = OfficialHighlighter(self.qdoc, look, self.role_of)
        self._dirty: tuple[int, int] | None = None
        self._outline_timer = QTimer(self, singleShot=True, interval=OUTLINE_DELAY_MS)
        self._outline_timer.timeout.connect(self.refresh_outline)
        self._format_timer = QTimer(self, singleShot=True, interval=0)
        self._format_timer.timeout.connect(self._reformat_dirty)
        self.qdoc.contentsChange.connect(self._on_contents_change)

    # --- reading the document -------------------------------------------------------
    def role_of(self, block: QTextBlock) -> Role:
        stored = stored_role(block.blockFormat())
        if stored in _STICKY:
            return Role(stored)
        return role_for_text(block.text())

    def blocks(self):
        block = self.qdoc.firstBlock()
        while block.isValid():
            yield block
            block = block.next()

    def paragraphs(self) -> list[Paragraph]:
        return [Paragraph(self.role_of(b), b.text()) for b in self.blocks()]

    def to_document(self) -> Document:
        return Document(self.paragraphs(), self.template.id if self.template else None)

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "未命名"

    # --- loading ----------------------------------------------------------------------
    def load(self, document: Document, path: Path | None = None) -> None:
        """Replace the content (not undoable) and mark it unmodified."""
        self.qdoc.blockSignals(True)
        self.qdoc.clear()
        cursor = QTextCursor(self.qdoc)
        for i, para in enumerate(document.paragraphs or [Paragraph(Role.BODY, "")]):
            fmt = self.look.block_format(para.role)
            if i == 0:
                cursor.setBlockFormat(fmt)
            else:
                cursor.insertBlock(fmt)
            cursor.insertText(para.text, QTextCharFormat())
        self.qdoc.blockSignals(False)
        self.qdoc.clearUndoRedoStacks()
        self.qdoc.setModified(False)
        self._highlighter.rehighlight()
        self.path = path
        self.template = resolve_template(document, self.services.templates)
        self.refresh_outline()
        self.fileChanged.emit()

    def set_path(self, path: Path) -> None:
        self.path = path
        self.qdoc.setModified(False)
        self.fileChanged.emit()

    # --- keeping roles and outline in step with typing ---------------------------------
    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        first = self.qdoc.findBlock(position).blockNumber()
        last = self.qdoc.findBlock(position + added).blockNumber()
        if last < 0:
            last = self.qdoc.blockCount() - 1
        if self._dirty:
            first, last = min(first, self._dirty[0]), max(last, self._dirty[1])
        self._dirty = (max(first, 0), last)
        self._format_timer.start()
        self._outline_timer.start()

    def _reformat_dirty(self) -> None:
        """Give blocks whose role changed the block format of the new role (same undo step)."""
        if not self._dirty:
            return
        first, last = self._dirty
        self._dirty = None
        cursor = QTextCursor(self.qdoc)
        joined = False
        block = self.qdoc.findBlockByNumber(first)
        while block.isValid() and block.blockNumber() <= last:
            role = self.role_of(block)
            if stored_role(block.blockFormat()) != role.value:
                if not joined:
                    cursor.joinPreviousEditBlock()
                    joined = True
                cursor.setPosition(block.position())
                cursor.setBlockFormat(self.look.block_format(role))
            block = block.next()
        if joined:
            cursor.endEditBlock()

    def flush(self) -> None:
        """Apply pending role formats and rebuild the outline now (tests, saving)."""
        self._format_timer.stop()
        self._reformat_dirty()
        self.refresh_outline()

    def refresh_outline(self) -> None:
        self._outline_timer.stop()
        self.outline = build_outline(self.paragraphs(), self.services.classifier, self.template)
        self.outlineChanged.emit(self.outline)

    # --- positions ----------------------------------------------------------------------
    @staticmethod
    def pos_of(cursor: QTextCursor) -> tuple[int, int]:
        return cursor.blockNumber(), cursor.positionInBlock()

    def position_of(self, pos: tuple[int, int]) -> int:
        block = self.qdoc.findBlockByNumber(min(pos[0], self.qdoc.blockCount() - 1))
        return block.position() + min(pos[1], block.length() - 1)

    def context_at(self, cursor: QTextCursor) -> SectionContext:
        block = cursor.block()
        return context_at(self.outline, self.pos_of(cursor), self.role_of(block), block.text())

    # --- editing --------------------------------------------------------------------------
    def insert_phrase(self, cursor: QTextCursor, text: str) -> QTextCursor:
        """Insert phrase text as plain body text (one undo step).

        In a heading it goes into the body paragraph below; a whole point (一是……) at the
        end of a written paragraph starts a new one, and its ordinal is set to fit
        (the third point of a section becomes 三是).
        """
        self.flush()
        cursor = QTextCursor(cursor)
        cursor.clearSelection()
        point = is_point(text)
        block = cursor.block()
        new_block = False
        if self.role_of(block) is not Role.BODY:
            nxt = block.next()
            if nxt.isValid() and not nxt.text() and self.role_of(nxt) is Role.BODY:
                cursor.setPosition(nxt.position())
            else:
                cursor.setPosition(block.position() + block.length() - 1)
                new_block = True
        elif point and block.text().strip() and cursor.atBlockEnd():
            new_block = True
        if point:
            text = with_ordinal(text, point_ordinal_at(self.outline, self.pos_of(cursor)))
        cursor.beginEditBlock()
        if new_block:
            cursor.insertBlock(self.look.block_format(Role.BODY))
        cursor.insertText(text, QTextCharFormat())
        cursor.endEditBlock()
        return cursor

    def insert_text(self, cursor: QTextCursor, text: str, empty_doc: bool = False) -> QTextCursor:
        """Paste plain text: one line inline, several lines as recognised paragraphs."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        cursor = QTextCursor(cursor)
        cursor.beginEditBlock()
        if len([ln for ln in lines if ln.strip()]) <= 1:
            cursor.insertText(" ".join(ln.strip() for ln in lines if ln.strip()) or text,
                              QTextCharFormat())
        else:
            paragraphs = recognize_lines(lines)
            for i, para in enumerate(paragraphs):
                role = para.role
                if role in (Role.TITLE, Role.META) and not empty_doc:
                    role = Role.BODY
                if i:
                    cursor.insertBlock(self.look.block_format(role))
                elif role in (Role.TITLE, Role.META):
                    cursor.setBlockFormat(self.look.block_format(role))
                cursor.insertText(para.text, QTextCharFormat())
        cursor.endEditBlock()
        return cursor
