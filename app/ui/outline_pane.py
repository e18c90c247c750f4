"""The left pane: the live section tree of the draft."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from app.core.outline import Outline, OutlineNode
from app.core.text import count_cjk

POS_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY_MARK = "待填写"
_EMPTY_COLOUR = QColor("#c0392b")


def _label(node: OutlineNode) -> str:
    return f"{node.number}{node.title}" if node.kind == "section" else f"{node.number}：{node.title}"


def _is_empty(node: OutlineNode) -> bool:
    """A section with nothing but its heading (its own heading's characters)."""
    return node.kind == "section" and node.chars <= count_cjk(node.title + node.number)


class OutlinePane(QTreeView):
    """Shows the outline; emits ``nodeActivated`` with the (block, offset) of a clicked node."""

    nodeActivated = Signal(tuple)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setAccessibleName("大纲")
        self.model_ = QStandardItemModel(0, 2, self)
        self.model_.setHorizontalHeaderLabels(["大纲", "字数"])
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._signature: tuple = ()
        self._items: list[tuple[QStandardItem, QStandardItem, OutlineNode]] = []
        self.clicked.connect(self._on_clicked)
        self.activated.connect(self._on_clicked)

    def set_outline(self, outline: Outline) -> None:
        """Update in place when only counts changed; rebuild when the structure changed."""
        nodes = list(outline.walk())
        signature = tuple((n.kind, n.number, n.title, n.level) for n in nodes)
        if signature == self._signature and len(self._items) == len(nodes):
            self._items = [(t, c, node) for (t, c, _), node in zip(self._items, nodes, strict=True)]
            for title_item, count_item, node in self._items:
                self._fill(title_item, count_item, node)
            return
        self._signature = signature
        self.model_.removeRows(0, self.model_.rowCount())
        self._items = []
        root = self.model_.invisibleRootItem()
        for section in outline.sections:
            self._add(root, section)
        self.expandAll()

    def _add(self, parent: QStandardItem, node: OutlineNode) -> None:
        title_item, count_item = QStandardItem(), QStandardItem()
        count_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._fill(title_item, count_item, node)
        parent.appendRow([title_item, count_item])
        self._items.append((title_item, count_item, node))
        for child in node.children:
            self._add(title_item, child)

    @staticmethod
    def _fill(title_item: QStandardItem, count_item: QStandardItem, node: OutlineNode) -> None:
        title_item.setText(_label(node))
        title_item.setData(node.start, POS_ROLE)
        tip = f"{node.part}" + (f" · {'、'.join(node.topics)}" if node.topics else "")
        title_item.setToolTip(f"{_label(node)}\n{tip}\n{node.chars} 字")
        if _is_empty(node):
            count_item.setText(EMPTY_MARK)
            count_item.setForeground(QBrush(_EMPTY_COLOUR))
            count_item.setToolTip("这一部分还没有内容")
        else:
            count_item.setText(str(node.chars))
            count_item.setForeground(QBrush())
            count_item.setToolTip("")

    def labels(self) -> list[tuple[int, str]]:
        """(depth, label) of every row, top to bottom (for tests and accessibility)."""
        out: list[tuple[int, str]] = []

        def visit(item: QStandardItem, depth: int) -> None:
            for row in range(item.rowCount()):
                child = item.child(row, 0)
                out.append((depth, child.text()))
                visit(child, depth + 1)

        visit(self.model_.invisibleRootItem(), 0)
        return out

    def select_at(self, pos: tuple[int, int]) -> None:
        """Highlight the deepest node containing the cursor position, without emitting."""
        best = None
        for title_item, _, node in self._items:
            if node.contains(pos):
                best = title_item
        if best is not None and self.currentIndex() != best.index():
            self.blockSignals(True)
            self.setCurrentIndex(best.index())
            self.blockSignals(False)

    def index_for_label(self, label: str) -> QModelIndex:
        for title_item, _, _ in self._items:
            if title_item.text() == label:
                return title_item.index()
        return QModelIndex()

    def _on_clicked(self, index: QModelIndex) -> None:
        pos = self.model_.itemFromIndex(index.siblingAtColumn(0)).data(POS_ROLE)
        if pos is not None:
            self.nodeActivated.emit(tuple(pos))
