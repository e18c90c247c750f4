"""The 检查 panel's findings as wavy underlines in the editor.

Qt takes underlines as the editor's extra selections, and setting them costs for each one:
1,600 findings over a 1 MB draft took 100-200 ms the first time and 15-30 ms after, on
every keystroke while the findings followed the text.  So when there are many, only those on
the screen and a screen above and below it are given to Qt, again as the text scrolls.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

ALL_AT_ONCE = 300  # this many underlines or fewer are all set, wherever they are
MARGIN_SCREENS = 1.0  # beyond the screen, this many screens' height above and below


class Underlines(QObject):
    """Wavy underlines (start, end, colour) in ``editor``, the ones near the screen."""

    def __init__(self, editor: QTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._spans: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        self._longest = 0
        self._set: tuple[int, int] | None = None  # which of the spans are set now
        editor.verticalScrollBar().valueChanged.connect(lambda _: self._refresh())
        editor.viewport().installEventFilter(self)

    def show(self, spans: list[tuple[int, int, str]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s[0] for s in self._spans]
        self._longest = max((end - start for start, end, _ in self._spans), default=0)
        self._set = None
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._refresh()
        return False

    def shown_spans(self) -> list[tuple[int, int, str]]:
        """The spans given to Qt now (for tests)."""
        first, last = self._set or (0, 0)
        return self._spans[first:last]

    def _near_screen(self) -> tuple[int, int]:
        """The document positions from a screen above the visible text to a screen below
        (a screen's worth of characters: the layout further off may not be made yet)."""
        viewport = self._editor.viewport()
        first = self._editor.cursorForPosition(QPoint(0, 0)).position()
        last = self._editor.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        margin = int((last - first) * MARGIN_SCREENS) + 1
        return first - margin, last + margin

    def _refresh(self) -> None:
        if len(self._spans) <= ALL_AT_ONCE:
            wanted = (0, len(self._spans))
        else:
            low, high = self._near_screen()
            wanted = (bisect_left(self._starts, low - self._longest), bisect_right(self._starts, high))
        if wanted != self._set:
            self._set = wanted
            _set_selections(self._editor, self._spans[wanted[0]:wanted[1]])


def _set_selections(editor: QTextEdit, spans: list[tuple[int, int, str]]) -> None:
    selections = []
    doc = editor.document()
    last = doc.characterCount() - 1
    for start, end, colour in spans:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(doc)
        cursor.setPosition(max(0, min(start, last)))
        cursor.setPosition(max(0, min(end, last)), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(colour))
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    editor.setExtraSelections(selections)
