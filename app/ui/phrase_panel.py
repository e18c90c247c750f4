"""The right pane: stock phrasing for the section the cursor is in."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.matching import PhraseIndex, Suggestion
from app.core.outline import SectionContext
from app.core.phrasebank import is_point, strip_ordinal
from app.ui.editor import PHRASE_MIME

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
PREVIEW_CHARS = 90
# List every phrase of the section (a cell holds ~45-60 shipped phrases): a used phrase sinks
# to the bottom but stays visible and marked, and the search box filters the whole cell.
LIST_LIMIT = 300
_USED_COLOUR = QColor("#8a8a8a")


class PhraseList(QListWidget):
    """A list whose items drag out as plain text plus the phrase id."""

    def mimeTypes(self) -> list[str]:
        return ["text/plain", PHRASE_MIME]

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        if items:
            mime.setText(items[0].data(TEXT_ROLE))
            mime.setData(PHRASE_MIME, items[0].data(ID_ROLE).encode("utf-8"))
        return mime


class PhrasePanel(QWidget):
    """Context label, search box and the ranked phrase list."""

    phraseActivated = Signal(str, str)  # id, text

    def __init__(self, index: PhraseIndex, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("phrases")
        self.index = index
        self._context = SectionContext("开头", (), "开头", "")
        self._context_text = ""
        self._used: set[str] = set()
        self.context_label = QLabel("开头")
        self.context_label.setObjectName("contextLabel")
        self.context_label.setWordWrap(True)
        self.context_label.setStyleSheet("font-weight: bold; padding: 4px 2px;")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索素材（输入词语）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self.refresh())
        self.list = PhraseList()
        self.list.setObjectName("phraseList")
        self.list.setAccessibleName("素材列表")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.itemDoubleClicked.connect(self._on_double_click)
        self.status = QLabel()
        self.status.setStyleSheet("color: #666; padding: 2px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.context_label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)

    def set_context(self, context: SectionContext, paragraph_text: str = "") -> None:
        changed = context != self._context or paragraph_text != self._context_text
        self._context, self._context_text = context, paragraph_text
        if changed:
            self.refresh()

    def set_used(self, used: set[str]) -> None:
        if used != self._used:
            self._used = used
            self.refresh()

    def suggestions(self) -> list[Suggestion]:
        ctx = self._context
        part = ctx.part if ctx.part in ("问题", "原因", "措施", "开头", "结尾") else "问题"
        query = f"{ctx.heading} {self._context_text}"
        found = self.index.suggest(part, ctx.topics, query, frozenset(self._used),
                                   limit=LIST_LIMIT)
        needle = self.search.text().strip()
        if needle:
            found = [s for s in found if needle in s.phrase.text]
        return found

    def refresh(self) -> None:
        self.context_label.setText(f"当前位置：{self._context.label}")
        self.list.clear()
        found = self.suggestions()
        for suggestion in found:
            phrase = suggestion.phrase
            shown = strip_ordinal(phrase.text)
            preview = shown if len(shown) <= PREVIEW_CHARS else shown[:PREVIEW_CHARS] + "……"
            tag = ("【已用】" if suggestion.used else "") + ("【要点】" if is_point(phrase.text) else "")
            item = QListWidgetItem(tag + preview)
            item.setData(ID_ROLE, phrase.id)
            item.setData(TEXT_ROLE, phrase.text)
            item.setToolTip(f"{phrase.text}\n\n{phrase.part} · {'、'.join(phrase.topics)} · {phrase.size}"
                            "\n双击插入到光标处，或拖到正文中；要点的序号（一是、二是……）插入时自动排定")
            if suggestion.used:
                item.setForeground(QBrush(_USED_COLOUR))
            self.list.addItem(item)
        ready = "" if self.index.segmenter.ready else "（分词词典加载中，排序稍后更精确）"
        self.status.setText(f"共 {len(found)} 条{ready}")

    def _on_double_click(self, item: QListWidgetItem) -> None:
        self.phraseActivated.emit(item.data(ID_ROLE), item.data(TEXT_ROLE))
