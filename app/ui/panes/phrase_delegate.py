"""Drawing a phrase in the list with the searched words highlighted (as Word's 查找 does)."""

from __future__ import annotations

import html
import re
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

MARK_STYLE = "background-color:#ffe28a;"
MAX_CACHED_HEIGHTS = 20_000
MAX_KEPT_LAYOUTS = 256  # laid-out rows kept for painting (a screenful is 10–30)


def marked_html(text: str, words: list[str]) -> str:
    """``text`` as HTML with every occurrence of ``words`` wrapped in a highlight."""
    words = [w for w in words if w]
    if not words:
        return html.escape(text)
    if text.startswith("〔") and "〕" in text:  # where the phrase belongs: not part of its text
        label, text = text.split("〕", 1)
        return html.escape(label + "〕") + marked_html(text, words)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        out.append(f'<span style="{MARK_STYLE}">{html.escape(m.group())}</span>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


class HighlightDelegate(QStyledItemDelegate):
    """Paints the item text as rich text with the current search words marked."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        # (text, width, font) → row height.  Kept across queries and re-rankings (the marks
        # do not change a row's height): measuring is a rich-text layout per row, and the
        # first seconds re-list the same suggestions several times (287 layouts, 90–140 ms
        # of UI thread, before this cache outlived a refresh).
        self._heights: dict[tuple[str, int, str], int] = {}
        # The rich-text layout a row was measured with, painted from (a new one per paint
        # took about 1 ms a row, in the first listing as in every repaint and scroll).
        self._layouts: OrderedDict[tuple[str, int, str, tuple[str, ...]], QTextDocument] = OrderedDict()

    def set_query(self, query: str) -> None:
        self.words = [w for w in query.split() if w and not w.isascii()]  # pinyin matches no text
        if len(self._heights) > MAX_CACHED_HEIGHTS:
            self._heights.clear()

    def _laid_out(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument:
        key = (str(index.data(Qt.ItemDataRole.DisplayRole) or ""), width, option.font.key(),
               tuple(self.words))
        doc = self._layouts.get(key)
        if doc is None:
            doc = self._layouts[key] = self._document(option, index, width)
            if len(self._layouts) > MAX_KEPT_LAYOUTS:
                self._layouts.popitem(last=False)
        else:
            self._layouts.move_to_end(key)
        return doc

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(marked_html(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), self.words))
        doc.setTextWidth(max(width, 40))
        return doc

    # Always drawn as rich text, searching or not: then the height sizeHint gives is the
    # height the text is drawn in (Qt's plain wrapping left gaps and cut rows in this list).
    @staticmethod
    def _width(opt: QStyleOptionViewItem) -> int:
        """One text width for measuring and drawing (else rows get gaps or lose a line):
        the width beside the scroll bar whether or not it is shown yet, so that the bar
        appearing as the list fills does not make every row be measured again."""
        view = opt.widget
        if isinstance(view, QAbstractScrollArea):
            bar = view.verticalScrollBar()
            hidden_bar = 0 if bar.isVisible() else view.style().pixelMetric(
                QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
            return view.viewport().width() - 8 - hidden_bar
        return opt.rect.width()

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text_colour = opt.palette.color(QPalette.ColorRole.Text)
        if opt.state & QStyle.StateFlag.State_Selected:
            text_colour = opt.palette.color(QPalette.ColorRole.HighlightedText)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if brush is not None and not opt.state & QStyle.StateFlag.State_Selected:
            text_colour = brush.color()
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._laid_out(opt, index, self._width(opt))
        painter.save()
        painter.translate(opt.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_colour)
        context.clip = QRectF(0, 0, opt.rect.width(), opt.rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self._width(opt)
        key = (str(index.data(Qt.ItemDataRole.DisplayRole) or ""), width, opt.font.key())
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = int(self._laid_out(opt, index, width).size().height()) + 2
        return QSize(width, height)
