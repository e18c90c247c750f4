"""The one document object: a QTextDocument plus what is derived from it.

Panes observe it through signals (``outlineChanged``); they never talk to each other.
Heading roles follow from the text of each block, title and name/date roles are kept in
the block format, and the outline is rebuilt shortly after typing stops.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import overload

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextDocument

from app.core.document import outline_edit as restructure
from app.core.document.numbering import recognize_lines
from app.core.document.outline import (
    LiveOutline,
    Outline,
    OutlineNode,
    SectionContext,
    build_outline,
    context_at,
    detect_template,
    point_ordinal_at,
    resolve_template,
)
from app.core.document.templates import Template
from app.core.model import HEADING_ROLES, Document, Paragraph, Role
from app.core.phrases.phrasebank import is_point, with_ordinal
from app.core.services import Services
from app.ui.look import OfficialHighlighter, OfficialLook, stored_role

# Typing bursts (an IME commits a word at a time) are coalesced; a rebuild reuses the scans of
# every unchanged paragraph, so it costs about a millisecond even at 30,000 字.
OUTLINE_DELAY_MS = 30
_REDETECT_BLOCKS = 3  # an edit spanning this many blocks (a paste, its undo) re-checks the template
_STICKY = {Role.TITLE.value, Role.META.value}
LOAD_STEP = 100  # paragraphs inserted per turn of the event loop by load_in_steps
OUTLINE_POLL_MS = 10  # how often a load in steps looks whether its outline is worked out


class DraftDocument(QObject):
    outlineChanged = Signal(object)  # Outline
    fileChanged = Signal()  # path or template changed
    loaded = Signal()  # the whole content was replaced (新建, 打开, recovery)
    loadStarted = Signal()  # a load in steps began: the old outline is gone

    def __init__(self, services: Services, look: OfficialLook, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.look = look
        self.qdoc = QTextDocument(self)
        self.qdoc.setDefaultFont(look.body_font())
        self.path: Path | None = None  # the .docx that 保存 writes to
        self.source: Path | None = None  # the file the text came from (maybe a .txt)
        self.template: Template | None = None
        self.live = LiveOutline(services.classifier)
        self.cache = self.live.cache
        self.outline: Outline = self.live.outline
        self._highlighter = OfficialHighlighter(self.qdoc, look, self.role_of)
        self._dirty: tuple[int, int] | None = None  # blocks whose role format may be stale
        self._paras: list[Paragraph] | None = None  # paragraphs() as last read
        self._stale: tuple[int, int] | None = None  # blocks changed since then
        self._redetect = False  # a paste (or its undo) may have brought another template's report
        self._loading = 0  # bumped by every load; a load in steps stops when it changes
        self.loading_steps = False  # a load_in_steps is under way
        self._steps_done: Callable[[], None] | None = None
        self._loaded_paras: list[Paragraph] = []
        self._outline_worker: threading.Thread | None = None  # see _work_out_outline
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
        heading = self.cache.scan(block.text()).heading
        return HEADING_ROLES[heading.level] if heading else Role.BODY

    def blocks(self):
        block = self.qdoc.firstBlock()
        while block.isValid():
            yield block
            block = block.next()

    def paragraphs(self) -> list[Paragraph]:
        """Role and text of every block; only blocks touched since the last call are re-read."""
        count = self.qdoc.blockCount()
        if self._paras is None or len(self._paras) != count:
            self._paras = [Paragraph(self.role_of(b), b.text()) for b in self.blocks()]
        elif self._stale:
            first, last = self._stale
            block = self.qdoc.findBlockByNumber(first)
            while block.isValid() and block.blockNumber() <= last:
                self._paras[block.blockNumber()] = Paragraph(self.role_of(block), block.text())
                block = block.next()
        self._stale = None
        return list(self._paras)

    def to_document(self) -> Document:
        return Document(self.paragraphs(), self.template.id if self.template else None)

    @property
    def display_name(self) -> str:
        """The name in the title bar and the save prompt: the file's, as Word shows it."""
        shown = self.path or self.source
        return shown.name if shown else "未命名"

    @property
    def save_hint(self) -> Path | None:
        """Where 另存为 proposes to save: beside an imported .txt, as .docx."""
        return self.path or (self.source.with_suffix(".docx") if self.source else None)

    # --- loading ----------------------------------------------------------------------
    def load(self, document: Document, path: Path | None = None) -> None:
        """Replace the content (not undoable) and mark it unmodified.

        ``path`` is the file it came from; only a .docx becomes the file 保存 writes to.
        """
        self._cancel_steps()  # a load in steps still under way stops here
        self._start_load()
        self._insert(document.paragraphs or [Paragraph(Role.BODY, "")], first=True)
        self._finish_load(document, path)

    def load_in_steps(self, document: Document, path: Path | None,
                      progress: Callable[[int], None], done: Callable[[], None],
                      step: int = LOAD_STEP) -> None:
        """``load`` a long document a slice of paragraphs per turn of the event loop, so the
        window keeps answering (``progress(percent)`` after each slice, ``done()`` at the
        end).  Another ``load`` meanwhile cancels the rest."""
        self._cancel_steps()
        generation = self._loading
        self.loading_steps = True
        self._steps_done = done
        paragraphs = document.paragraphs or [Paragraph(Role.BODY, "")]
        self._start_load()

        def next_slice(start: int) -> None:
            if generation != self._loading:
                return
            self.qdoc.blockSignals(True)
            self._insert(paragraphs[start:start + step], first=start == 0)
            self.qdoc.blockSignals(False)
            end = start + step
            if end < len(paragraphs):
                progress(100 * end // len(paragraphs))
                QTimer.singleShot(0, self, lambda: next_slice(end))
                return
            self._work_out_outline(document, path, generation)

        self.loadStarted.emit()
        # the first slice on the next turn too: emptying the old document and its outline
        # (30-80 ms after a long one) is enough for this one
        QTimer.singleShot(0, self, lambda: next_slice(0))

    def _work_out_outline(self, document: Document, path: Path | None, generation: int) -> None:
        """The last step of ``load_in_steps``: the template and the outline of the whole
        document are worked out on a worker thread (80-200 ms at 1 MB, over a second at
        5 MB in one piece on the UI thread); the window keeps answering meanwhile."""
        paragraphs = self._loaded_paras
        results: list[tuple[Template | None, Outline]] = []
        errors: list[BaseException] = []

        def work() -> None:
            try:
                template = resolve_template(document, self.services.templates)
                results.append((template, self.live.update(paragraphs, template)))
            except BaseException as exc:  # handed to the UI thread below
                errors.append(exc)

        worker = threading.Thread(target=work, name="outline", daemon=True)
        self._outline_worker = worker
        worker.start()

        def poll() -> None:
            if worker.is_alive():
                return
            timer.stop()
            timer.deleteLater()
            self._outline_worker = None
            if generation != self._loading:
                return  # another load came meanwhile; it has rebuilt the outline
            self.loading_steps = False
            done, self._steps_done = self._steps_done, None
            if errors:
                self._finish_load(document, path)  # the same work again, here, to raise it
            else:
                self._finish_load(document, path, results[0])
            if done is not None:
                done()

        timer = QTimer(self, interval=OUTLINE_POLL_MS)
        timer.timeout.connect(poll)
        timer.start()

    def _cancel_steps(self) -> None:
        self._loading += 1
        if self._outline_worker is not None:  # it updates self.live: let it finish first
            self._outline_worker.join()
            self._outline_worker = None
        if self.loading_steps:
            self.loading_steps = False
            done, self._steps_done = self._steps_done, None
            if done is not None:
                done()

    def _start_load(self) -> None:
        self.look.sync_blocks()
        self.qdoc.blockSignals(True)
        self.qdoc.clear()
        self.qdoc.blockSignals(False)

    def _insert(self, paragraphs: list[Paragraph], first: bool) -> None:
        """Append ``paragraphs`` (signals off: nobody sees half a document), each painted in
        its role's look at once (``OfficialHighlighter.paint_blocks``)."""
        self.qdoc.blockSignals(True)
        cursor = QTextCursor(self.qdoc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()  # the layout hears of the new text once, not per paragraph
        plain = QTextCharFormat()
        formats = {role: self.look.block_format(role) for role in Role}
        first_block = cursor.blockNumber()
        for i, para in enumerate(paragraphs):
            fmt = self.look.format_for(para.role, para.text) if para.role is Role.TITLE else formats[para.role]
            if i == 0 and first:
                cursor.setBlockFormat(fmt)
            else:
                cursor.insertBlock(fmt)
            cursor.insertText(para.text, plain)
        cursor.endEditBlock()
        self.qdoc.blockSignals(False)
        start = self.qdoc.findBlockByNumber(first_block if first else first_block + 1)
        self._highlighter.paint_blocks(start)
        if first:
            self._loaded_paras = []
        block = start
        while block.isValid():  # paragraphs() as it would read them, a slice at a time
            self._loaded_paras.append(Paragraph(self.role_of(block), block.text()))
            block = block.next()
        # The layout hears of the new slice once, formats included (the slices before are
        # laid out already: the cost stays with the slice, not the whole document).
        self.qdoc.markContentsDirty(start.position(), self.qdoc.characterCount() - start.position())

    def _finish_load(self, document: Document, path: Path | None,
                     worked_out: tuple[Template | None, Outline] | None = None) -> None:
        """``worked_out``: the template and outline already found off the UI thread."""
        self._paras, self._loaded_paras = self._loaded_paras, []
        self._stale = None
        self.qdoc.clearUndoRedoStacks()
        self.qdoc.setModified(False)
        self.source = path
        self.path = path if path is not None and path.suffix.lower() == ".docx" else None
        if worked_out is None:
            self.template = resolve_template(document, self.services.templates)
            self.refresh_outline()
        else:
            self._outline_timer.stop()
            self.template, self.outline = worked_out
            self.outlineChanged.emit(self.outline)
        self.fileChanged.emit()
        self.loaded.emit()

    def restyle(self, zoom: float) -> bool:
        """Show the text at a new editor font size (设置).  The characters change at once.

        Block formats (first-line indents in pixels) can only be rewritten through the undo
        stack; with no history they are rewritten now and the stack is cleared again, else
        they follow at the next 新建/打开 (returns False) so Ctrl+Z still undoes the user's
        last edit.  Whether the draft counts as modified never changes.
        """
        self.flush()
        now = not (self.qdoc.isUndoAvailable() or self.qdoc.isRedoAvailable())
        self.look.set_zoom(zoom, blocks=now)
        self.qdoc.setDefaultFont(self.look.body_font())
        if now:
            modified = self.qdoc.isModified()
            cursor = QTextCursor(self.qdoc)
            cursor.beginEditBlock()
            for block in self.blocks():
                cursor.setPosition(block.position())
                cursor.setBlockFormat(self.look.format_for(self.role_of(block), block.text()))
            cursor.endEditBlock()
            self.qdoc.clearUndoRedoStacks()
            self.qdoc.setModified(modified)
        self._highlighter.paint_all()
        return now

    def _title_stale(self, block: QTextBlock) -> bool:
        wanted = self.look.format_for(Role.TITLE, block.text()).textIndent()
        return abs(block.blockFormat().textIndent() - wanted) > 0.01

    def title_texts(self) -> list[tuple[int, str]]:
        """(block number, text) of the title blocks at the top of the draft."""
        found = []
        for block in self.blocks():
            role = self.role_of(block)
            if role not in (Role.TITLE, Role.META):
                break
            if role is Role.TITLE:
                found.append((block.blockNumber(), block.text()))
        return found

    def touches_title(self, cursor: QTextCursor) -> bool:
        """Whether an edit at ``cursor`` (its selection too) may change a title's text."""
        first = self.qdoc.findBlock(cursor.selectionStart())
        return self.role_of(first) is Role.TITLE or self.role_of(cursor.block()) is Role.TITLE

    def refit_title(self, block: QTextBlock, cursor: QTextCursor) -> None:
        """Give the title ``block`` (and one just before it) the indent that breaks it as the
        export does, through ``cursor`` (inside the caller's edit block)."""
        for candidate in (block.previous(), block):
            if (candidate.isValid() and self.role_of(candidate) is Role.TITLE
                    and self._title_stale(candidate)):
                cursor.setPosition(candidate.position())
                cursor.setBlockFormat(self.look.format_for(Role.TITLE, candidate.text()))

    def fit_titles(self, width: float | None = None) -> None:
        """The layout width changed to ``width`` px (zoom, a pane narrower than the page):
        re-fit the title so it still breaks between the export's words.

        The display-only spacing always follows.  The indent, a block format, follows too
        while the draft has no undo history (just opened or created: nothing to lose, so a
        first window narrower than the page centres the title exactly); with history it
        follows at the title's next edit, joined to that edit."""
        if width is not None:
            self.look.set_title_width(width)
        titles = [number for number, _ in self.title_texts()]
        if titles and not self.qdoc.isUndoAvailable() and not self.qdoc.isRedoAvailable():
            # the role-format pass sets formats quietly while there is no history
            first, last = min(titles), max(titles)
            if self._dirty:
                first, last = min(first, self._dirty[0]), max(last, self._dirty[1])
            self._dirty = (first, last)
            self._reformat_dirty()
        self._highlighter.rehighlight_titles()

    def set_path(self, path: Path) -> None:
        self.path = self.source = path
        self.qdoc.setModified(False)
        self.fileChanged.emit()

    # --- keeping roles and outline in step with typing ---------------------------------
    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        first = self.qdoc.findBlock(position).blockNumber()
        last = self.qdoc.findBlock(position + added).blockNumber()
        if last < 0:
            last = self.qdoc.blockCount() - 1
        first = max(first, 0)
        if self._stale:
            self._stale = (min(first, self._stale[0]), max(last, self._stale[1]))
        else:
            self._stale = (first, last)
        if self._dirty:
            first, last = min(first, self._dirty[0]), max(last, self._dirty[1])
        self._dirty = (first, last)
        if last - first >= _REDETECT_BLOCKS:
            self._redetect = True
        self._format_timer.start()
        self._outline_timer.start()

    def _reformat_dirty(self) -> None:
        """Give blocks whose role changed the block format of the new role, and an edited
        title the indent that breaks it as the export does (same undo step as the edit)."""
        if not self._dirty:
            return
        first, last = self._dirty
        self._dirty = None
        cursor = QTextCursor(self.qdoc)
        joined = False
        # no history yet (just opened or created; the layout width may have changed since):
        # the formats are set quietly, with no undo step and no 已修改
        quiet = not self.qdoc.isUndoAvailable() and not self.qdoc.isRedoAvailable()
        modified = self.qdoc.isModified()
        block = self.qdoc.findBlockByNumber(first)
        while block.isValid() and block.blockNumber() <= last:
            role = self.role_of(block)
            stale = stored_role(block.blockFormat()) != role.value
            # (after an undo the title's indent came back with its text; a change now would
            # only throw the redo steps away)
            if role is Role.TITLE and not stale and not self.qdoc.isRedoAvailable():
                stale = self._title_stale(block)
            if stale:
                if not joined:
                    if quiet:
                        cursor.beginEditBlock()
                    else:
                        cursor.joinPreviousEditBlock()
                    joined = True
                cursor.setPosition(block.position())
                cursor.setBlockFormat(self.look.format_for(role, block.text()))
            block = block.next()
        if joined:
            cursor.endEditBlock()
            if quiet:
                self.qdoc.clearUndoRedoStacks()
                self.qdoc.setModified(modified)

    def flush(self) -> None:
        """Apply pending role formats and rebuild the outline now if an edit is pending
        (tests, saving, checks); an outline that is current is left as it is (at 5 MB the
        rebuild and the outline pane's relabelling took 200 ms before each check)."""
        self._format_timer.stop()
        self._reformat_dirty()
        if self._outline_timer.isActive() or self._redetect:
            self.refresh_outline()

    def refresh_outline(self) -> None:
        self._outline_timer.stop()
        if self.loading_steps:  # the load's last step works the outline out (self.live)
            return
        paragraphs = self.paragraphs()
        if self._redetect:
            self._redetect = False
            self._follow_template(paragraphs)
        self.outline = self.live.update(paragraphs, self.template)
        self.outlineChanged.emit(self.outline)

    def _follow_template(self, paragraphs: list[Paragraph]) -> None:
        """After a large change: if the text now is another template's report, use that one.

        (A report pasted over the fresh draft: its aspects, topics and target range.)  When
        its headings match no template, the draft keeps the one it has.
        """
        detected = detect_template(paragraphs, self.services.templates)
        if detected is not None and detected is not self.template:
            self.template = detected
            self.fileChanged.emit()

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

    # --- reorganising from the outline -------------------------------------------------
    def _rebuild(self, paragraphs) -> Outline:
        return build_outline(paragraphs, self.cache, self.template)

    @overload
    def _node(self, node: OutlineNode) -> OutlineNode: ...
    @overload
    def _node(self, node: None) -> None: ...
    @overload
    def _node(self, node: OutlineNode | None) -> OutlineNode | None: ...

    def _node(self, node: OutlineNode | None) -> OutlineNode | None:
        """The node of the current outline that ``node`` (maybe from an older one) stands for."""
        if node is None:
            return None
        for candidate in self.outline.walk():
            if (candidate.start, candidate.kind, candidate.level) == (node.start, node.kind, node.level):
                return candidate
        raise restructure.RestructureError("大纲已经变化，请重试")

    def move_node(self, node: OutlineNode, parent: OutlineNode | None, row: int) -> int:
        """Move a point or section with its text; returns the new cursor position."""
        self.flush()
        change = restructure.move_node(self.paragraphs(), self.outline, self._node(node),
                                       self._node(parent), row, self._rebuild)
        return self.apply_change(change)

    def delete_node(self, node: OutlineNode) -> int:
        self.flush()
        change = restructure.delete_node(self.paragraphs(), self.outline, self._node(node), self._rebuild)
        return self.apply_change(change)

    def rename_node(self, node: OutlineNode, title: str) -> int:
        self.flush()
        return self.apply_change(restructure.rename_node(self.paragraphs(), self._node(node), title))

    def add_point(self, node: OutlineNode) -> int:
        self.flush()
        change = restructure.add_point(self.paragraphs(), self.outline, self._node(node), self._rebuild)
        return self.apply_change(change)

    def apply_change(self, change: restructure.Change) -> int:
        """Replace only the paragraphs that differ, as one undo step; returns the focus position."""
        old = self.paragraphs()
        new = change.paragraphs
        same = [(p.role, p.text) for p in old] == [(p.role, p.text) for p in new]
        if not same:
            head = 0
            while head < min(len(old), len(new)) and old[head] == new[head]:
                head += 1
            tail = 0
            while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
                tail += 1
            if head + tail == len(old) or head + tail == len(new):
                # pure insertion or deletion: widen by one so both sides have a paragraph
                if tail:
                    tail -= 1
                else:
                    head -= 1
            first = self.qdoc.findBlockByNumber(head)
            last = self.qdoc.findBlockByNumber(len(old) - tail - 1)
            cursor = QTextCursor(self.qdoc)
            cursor.beginEditBlock()
            cursor.setPosition(first.position())
            cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            for i, para in enumerate(new[head:len(new) - tail]):
                if i:
                    cursor.insertBlock(self.look.block_format(para.role))
                else:
                    cursor.setBlockFormat(self.look.block_format(para.role))
                cursor.insertText(para.text, QTextCharFormat())
            cursor.endEditBlock()
        self.flush()
        return self.position_of(change.focus)

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
        if cursor.hasSelection():
            cursor.removeSelectedText()
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
                elif empty_doc or role in (Role.TITLE, Role.META):
                    cursor.setBlockFormat(self.look.block_format(role))
                cursor.insertText(para.text, QTextCharFormat())
        cursor.endEditBlock()
        return cursor
