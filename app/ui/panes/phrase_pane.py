"""The right pane: stock phrasing for the section the cursor is in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.document.criticism import CRITICISM_PART, CRITICISM_TOPICS
from app.core.document.outline import SectionContext
from app.core.document.pairing import Item
from app.core.document.templates import Template
from app.core.phrases.audience import preferred_tags
from app.core.phrases.library import USER_PREFIX
from app.core.phrases.phrasebank import is_point, strip_ordinal
from app.core.phrases.ranking import Boosts, Suggestion
from app.core.services import Services
from app.core.topics import PARTS, Part
from app.ui.panes.chain_group import add_chain_group
from app.ui.panes.editor import PHRASE_MIME
from app.ui.panes.phrase_delegate import HighlightDelegate

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
PREVIEW_CHARS = 90
# List the whole section (45-90 shipped phrases per part and topic, and a section may have
# three topics): a used phrase sinks to the bottom but stays visible and marked.
LIMIT = 250
_USED_COLOUR = QColor("#8a8a8a")
STAR, NO_STAR = "★", "☆"
ALL_TOPICS = "全部主题"
LOADING_TEXT = "正在加载素材…"


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
    """Context label, search box (words or pinyin), scope toggle and the ranked list."""

    phraseActivated = Signal(str, str)  # id, text
    manageRequested = Signal()

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("phrases")
        self.services = services
        self.index = services.index
        self._context = SectionContext(Part.OPENING, (), "开头", "")
        self._context_text = ""
        self._used: set[str] = set()
        self._prefer: frozenset[str] = preferred_tags(None)
        self._boosts = services.boosts()
        # () -> the draft's problems, for the 对应问题 group (the window sets it; chain_group.py)
        self.problem_source: Callable[[], list[Item]] | None = None
        self.context_label = QLabel("开头")
        self.context_label.setObjectName("contextLabel")
        self.context_label.setWordWrap(True)
        self.context_label.setStyleSheet("font-weight: bold; padding: 4px 2px;")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索素材：词语、拼音或首字母（如 llxx）")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("搜索素材")
        self.search.textChanged.connect(lambda _: self.refresh())
        self.whole_bank = QCheckBox("全库")
        self.whole_bank.setToolTip("勾选后在全部素材中搜索；不勾选只看当前位置的素材")
        self.whole_bank.toggled.connect(lambda _: self.refresh())
        # In a 相互批评意见 the criticism phrases are offered by topic (理论学习、班子团结 …).
        self.criticism_topic = QComboBox()
        self.criticism_topic.setAccessibleName("批评主题")
        self.criticism_topic.addItems([ALL_TOPICS, *CRITICISM_TOPICS])
        self.criticism_topic.setVisible(False)
        self.criticism_topic.currentIndexChanged.connect(lambda _: self.refresh())
        self.star = QToolButton()
        self.star.setText(f"{NO_STAR} 收藏")
        self.star.setToolTip("收藏或取消收藏选中的素材；收藏的素材排在前面")
        self.star.setEnabled(False)
        self.star.clicked.connect(self.toggle_current_favourite)
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
        self.highlighter = HighlightDelegate(self.list)
        self.list.setItemDelegate(self.highlighter)
        self.list.itemDoubleClicked.connect(self._on_double_click)
        self.list.currentItemChanged.connect(lambda *_: self._update_star())
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.status = QLabel()
        self.status.setStyleSheet("color: #666; padding: 2px;")
        # wraps instead of widening the pane (a long status took width from the outline)
        self.status.setWordWrap(True)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.whole_bank)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.star)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.context_label)
        layout.addWidget(self.criticism_topic)
        layout.addLayout(search_row)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)

    # --- inputs -------------------------------------------------------------------------------
    def set_context(self, context: SectionContext, paragraph_text: str = "") -> None:
        old = self._context
        moved = (context.part, context.topics, context.label) != (old.part, old.topics, old.label)
        changed = context != old or paragraph_text != self._context_text
        self._context, self._context_text = context, paragraph_text
        if moved:  # another section: its best suggestions are at the top, show them
            self.refresh(keep_place=False)
        elif changed:
            self.refresh()

    def set_template(self, template: Template | None) -> None:
        """The draft's template: its audience and meeting decide which phrases come first."""
        prefer = preferred_tags(template)
        if prefer != self._prefer:
            self._prefer = prefer
            self.refresh()

    def set_used(self, used: set[str]) -> None:
        if used != self._used:
            self._used = used
            self.refresh()

    def library_changed(self) -> None:
        """Favourites, usage or the user's phrases changed: re-read and re-rank."""
        self._boosts = self.services.boosts()
        self.refresh()

    @property
    def boosts(self) -> Boosts:
        return self._boosts

    @property
    def context(self) -> SectionContext:
        return self._context

    @property
    def used(self) -> set[str]:
        return self._used

    # --- the list -----------------------------------------------------------------------------
    def suggestions(self) -> list[Suggestion]:
        ctx = self._context
        part = ctx.part if ctx.part in PARTS else Part.PROBLEM
        context = f"{ctx.heading} {self._context_text}"
        topics = ctx.topics
        if part == CRITICISM_PART and self.criticism_topic.currentIndex() > 0:
            topics = (CRITICISM_TOPICS[self.criticism_topic.currentText()],)
        return self.index.suggest(part, topics, context, frozenset(self._used), limit=LIMIT,
                                  query=self.search.text(), whole_bank=self.whole_bank.isChecked(),
                                  boosts=self._boosts, prefer=self._prefer)

    def refresh(self, keep_place: bool = True) -> None:
        self.context_label.setText(f"当前位置：{self._context.label}")
        self.criticism_topic.setVisible(self._context.part == CRITICISM_PART)
        current = self.list.currentItem().data(ID_ROLE) if self.list.currentItem() and keep_place else None
        scrolled = self.list.verticalScrollBar().value() if keep_place else 0
        self.list.clear()
        self.highlighter.set_query(self.search.text())
        chained = add_chain_group(self)  # 对应问题 first in 原因/措施 (chain_group.py)
        found = [s for s in self.suggestions() if s.phrase.id not in chained]
        for suggestion in found:
            item = self._item(suggestion)
            self.list.addItem(item)
            if suggestion.phrase.id == current:
                self.list.setCurrentItem(item)
        scope = "全库" if self.whole_bank.isChecked() else "当前位置"
        searching = f"（{scope}搜索“{self.search.text().strip()}”）" if self.search.text().strip() else ""
        if self.index.segmenter.ready:
            self.status.setText(f"共 {len(found) + len(chained)} 条{searching}")
        elif found or chained:
            self.status.setText(f"共 {len(found) + len(chained)} 条{searching}（正在加载素材…，排序稍后更精确）")
        else:  # the first seconds of a first run: say why the list is empty
            self.status.setText(LOADING_TEXT)
        self.list.setToolTip("" if found or self.index.segmenter.ready else LOADING_TEXT)
        self._update_star()
        if current is None:
            self.list.verticalScrollBar().setValue(scrolled)

    def _item(self, suggestion: Suggestion) -> QListWidgetItem:
        phrase = suggestion.phrase
        shown = strip_ordinal(phrase.text)
        preview = shown if len(shown) <= PREVIEW_CHARS else shown[:PREVIEW_CHARS] + "……"
        tag = ((STAR if suggestion.favourite else "")
               + ("【已用】" if suggestion.used else "")
               + ("【我的】" if phrase.id.startswith(USER_PREFIX) else "")
               + ("【要点】" if is_point(phrase.text) else ""))
        if self.whole_bank.isChecked():  # from anywhere in the bank: say where it belongs
            tag = f"〔{'、'.join(phrase.topics) or '通用'}·{phrase.part}〕" + tag
        item = QListWidgetItem(tag + preview)
        item.setData(ID_ROLE, phrase.id)
        item.setData(TEXT_ROLE, phrase.text)
        topics = "、".join(phrase.topics) or "通用"
        source = f"\n来源：{phrase.source}" if phrase.source != "内置" else ""
        item.setToolTip(f"{phrase.text}\n\n{phrase.part} · {topics} · {phrase.size}{source}"
                        "\n双击插入到光标处，或拖到正文中；右键可收藏")
        if suggestion.used:
            item.setForeground(QBrush(_USED_COLOUR))
        return item

    # --- favourites -----------------------------------------------------------------------------
    def _update_star(self) -> None:
        item = self.list.currentItem()
        self.star.setEnabled(item is not None)
        on = item is not None and item.data(ID_ROLE) in self._boosts.favourites
        self.star.setText(f"{STAR if on else NO_STAR} 收藏")

    def toggle_current_favourite(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.toggle_favourite(item.data(ID_ROLE))

    def toggle_favourite(self, phrase_id: str) -> None:
        self.services.library.toggle_favourite(phrase_id)
        self.library_changed()

    def _context_menu(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        menu = QMenu(self)
        if item is not None and item.data(ID_ROLE):
            phrase_id = item.data(ID_ROLE)
            self.list.setCurrentItem(item)
            insert = QAction("插入到光标处", menu)
            insert.triggered.connect(lambda: self._on_double_click(item))
            menu.addAction(insert)
            on = phrase_id in self._boosts.favourites
            fav = QAction("取消收藏" if on else "收藏", menu)
            fav.triggered.connect(lambda: self.toggle_favourite(phrase_id))
            menu.addAction(fav)
            menu.addSeparator()
        manage = QAction("管理素材库…", menu)
        manage.triggered.connect(self.manageRequested.emit)
        menu.addAction(manage)
        menu.popup(self.list.viewport().mapToGlobal(point))

    def _on_double_click(self, item: QListWidgetItem) -> None:
        if item.data(ID_ROLE):  # not a group heading
            self.phraseActivated.emit(item.data(ID_ROLE), item.data(TEXT_ROLE))
