"""雷同 between the reports: the matrix (who shares what with whom) and one pair side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.review.engine import ReviewResult

_PAIR_ROLE = Qt.ItemDataRole.UserRole + 1


def short_name(result: ReviewResult, index: int, limit: int = 8) -> str:
    who = result.reports[index].who
    return who if len(who) <= limit else who[:limit] + "…"


def _shade(share: float) -> QColor:
    """White for nothing shared, deepening to red at half the sentences and above."""
    level = min(1.0, share / 0.5)
    return QColor(255, round(255 - 150 * level), round(255 - 150 * level))


class SimilarityMatrix(QWidget):
    """Reports against reports; a cell is the share of the shorter one's sentences in the other."""

    pairChosen = Signal(int, int)

    def __init__(self, result: ReviewResult, parent=None) -> None:
        super().__init__(parent)
        self.result = result
        count = len(result.reports)
        grid = result.comparison.matrix(count)
        self.table = QTableWidget(count, count)
        self.table.setObjectName("similarityMatrix")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        names = [short_name(result, i) for i in range(count)]
        self.table.setHorizontalHeaderLabels(names)
        self.table.setVerticalHeaderLabels(names)
        for i in range(count):
            for j in range(count):
                if i == j:
                    item = QTableWidgetItem("—")
                    item.setForeground(QBrush(QColor("#999999")))
                else:
                    share = grid[i][j]
                    item = QTableWidgetItem(f"{share:.0%}" if share else "")
                    item.setBackground(QBrush(_shade(share)))
                    item.setToolTip(f"{result.reports[i].name} ↔ {result.reports[j].name}：{share:.0%}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, j, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("格中数字：两份材料中较短一份的句子在另一份中出现（相同或近似）的比例；"
                                "颜色越深雷同越多。点击一格查看这两份材料的相同段落。"))
        layout.addWidget(self.table)

    def _clicked(self, row: int, column: int) -> None:
        if row != column and self.result.comparison.matrix(len(self.result.reports))[row][column]:
            self.pairChosen.emit(min(row, column), max(row, column))


class PairView(QWidget):
    """A chosen pair's shared passages, one report's wording beside the other's."""

    def __init__(self, result: ReviewResult, parent=None) -> None:
        super().__init__(parent)
        self.result = result
        self.choice = QComboBox()
        self.choice.setObjectName("pairChoice")
        self.choice.setAccessibleName("选择两份材料")
        for pair in result.comparison.pairs:
            a, b = result.reports[pair.a], result.reports[pair.b]
            self.choice.addItem(f"{pair.similarity:.0%}  {a.who} ↔ {b.who}（{len(pair.shared)} 句）",
                                (pair.a, pair.b))
        self.choice.currentIndexChanged.connect(self._show_current)
        self.passages = QTableWidget(0, 2)
        self.passages.setObjectName("sharedPassages")
        self.passages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.passages.setWordWrap(True)
        self.passages.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        layout.addWidget(self.summary)
        layout.addWidget(self.passages)
        if not result.comparison.pairs:
            self.summary.setText("各份材料之间没有发现相同或近似的句子。")
        self._show_current()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.passages.resizeRowsToContents()  # wrapped text: heights follow the column widths

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.passages.resizeRowsToContents()

    def show_pair(self, a: int, b: int) -> None:
        for index in range(self.choice.count()):
            if self.choice.itemData(index) == (a, b):
                self.choice.setCurrentIndex(index)
                self._show_current()
                return

    def _show_current(self) -> None:
        data = self.choice.currentData()
        if data is None:
            return
        pair = next(p for p in self.result.comparison.pairs if (p.a, p.b) == tuple(data))
        a, b = self.result.reports[pair.a], self.result.reports[pair.b]
        self.passages.setHorizontalHeaderLabels([a.name, b.name])
        runs = pair.passages()
        self.passages.setRowCount(len(runs))
        for row, (left, right) in enumerate(runs):
            for column, text in enumerate((left, right)):
                item = QTableWidgetItem(text)
                item.setData(_PAIR_ROLE, (pair.a, pair.b))
                self.passages.setItem(row, column, item)
        self.passages.resizeRowsToContents()
        self.summary.setText(f"较短一份的 {pair.similarity:.0%} 的句子在另一份中出现，共 {len(pair.shared)} 句、"
                             f"{len(runs)} 段（相邻的句子合为一段）。")
