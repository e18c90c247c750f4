"""文件 › 审核材料…: choose a folder or files, review them, and show the result.

The result window: a sortable table (one row a report), the details of a clicked count, the
similarity matrix, a pair side by side, and the two exports (审核意见, 汇总表).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.review.engine import ReviewResult
from app.ui.review.pair_view import PairView, SimilarityMatrix
from app.ui.review.report_view import ReportView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
INDEX_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("材料", "作者", "模板", "字数 / 目标", "缺少方面", "无措施", "无事例", "错漏", "表述", "最高雷同",
           "素材库", "说明")
# column -> the finding kinds it counts (a click lists them)
COLUMN_KINDS: dict[int, tuple[str, ...]] = {
    4: ("structure_aspect",),
    5: ("structure_measure",),
    6: ("structure_example",),
    7: ("slips", "praise_criticism", "vague_criticism"),  # "slips": every 校对 kind but formulation
    8: ("formulation",),
}
_WARN = QColor("#fde2e1")


def _item(text: str, sort=None, index: int = 0, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort if sort is not None else text, SORT_ROLE)
    item.setData(index, INDEX_ROLE)
    if tip:
        item.setToolTip(tip)
    return item


class ReviewWindow(QMainWindow):
    """The result of one review; it holds the texts in memory and never writes the reports."""

    def __init__(self, result: ReviewResult, settings=None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"审核材料 — 共 {len(result.reports)} 份")
        self.result = result
        self.settings = settings
        self._views: list[ReportView] = []
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self._fill()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("reviewTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._clicked)
        self.table.doubleClicked.connect(lambda index: self.open_report(self._row_of(index)))
        self.details = QListWidget()
        self.details.setObjectName("reviewDetails")
        self.details.setWordWrap(True)
        self.details.itemDoubleClicked.connect(self._detail_opened)
        self.details_label = QLabel("点击“缺少方面”“无措施”“无事例”“错漏”“表述”中的数字，在此列出具体问题；"
                                    "双击一行打开该材料（只读，问题处已标出）。")
        self.details_label.setWordWrap(True)
        table_page = QWidget()
        page_layout = QVBoxLayout(table_page)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.details_label)
        bottom_layout.addWidget(self.details)
        splitter.addWidget(bottom)
        splitter.setSizes([420, 160])
        page_layout.addWidget(splitter)
        self.matrix = SimilarityMatrix(result)
        self.pairs = PairView(result)
        self.matrix.pairChosen.connect(self.show_pair)
        self.tabs = QTabWidget()
        self.tabs.addTab(table_page, "汇总表")
        self.tabs.addTab(self.matrix, "雷同矩阵")
        self.tabs.addTab(self.pairs, "雷同对比")
        self.open_button = QPushButton("打开材料（只读）")
        self.open_button.clicked.connect(lambda: self.open_report(self._current_row()))
        self.export_opinion_button = QPushButton("导出审核意见…")
        self.export_opinion_button.clicked.connect(self.export_opinion)
        self.export_table_button = QPushButton("导出汇总表…")
        self.export_table_button.clicked.connect(self.export_summary)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self._headline()), 1)
        for button in (self.open_button, self.export_opinion_button, self.export_table_button):
            buttons.addWidget(button)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.setCentralWidget(central)
        self.table.sortByColumn(9, Qt.SortOrder.DescendingOrder)  # the most copied first
        self.resize(1300, 700)

    # --- the table ----------------------------------------------------------------------------
    def _headline(self) -> str:
        total = len(self.result.reports)
        broken = sum(1 for r in self.result.reports if r.error)
        copied = sum(1 for p in self.result.comparison.pairs if p.similarity >= 0.15)
        text = f"共 {total} 份材料"
        if broken:
            text += f"，{broken} 份无法读取"
        return text + f"；雷同 15% 以上的有 {copied} 对。报送的材料本身不会被改动。"

    def _fill(self) -> None:
        result = self.result
        for index, row in enumerate(result.reports):
            if row.error:
                cells = [_item(row.name, index=index), _item(""), _item("无法读取", "")]
                cells += [_item("", -1, index) for _ in range(8)]
                cells.append(_item(row.error, index=index, tip=row.error))
                for cell in cells:
                    cell.setBackground(QBrush(_WARN))
                self.model.appendRow(cells)
                continue
            pair, other = result.best_pair(index)
            similarity = pair.similarity if pair is not None else 0.0
            best = f"{similarity:.0%}（{result.reports[other].who}）" if other is not None else "—"
            share = result.phrasebank_share(index)
            low = row.target[0] if row.target else 0
            missing = "、".join(row.missing_aspects) or "—"
            cells = [
                _item(row.name, index=index, tip=str(row.path)),
                _item(row.author or "未署名", index=index),
                _item(row.template or "未识别", index=index),
                _item(row.length_note, row.chars, index),
                _item(missing, len(row.missing_aspects), index, missing),
                _item(str(row.without_measures), row.without_measures, index),
                _item(str(row.without_examples), row.without_examples, index),
                _item(str(row.slips + row.count("praise_criticism", "vague_criticism")),
                      row.slips + row.count("praise_criticism", "vague_criticism"), index),
                _item(str(row.formulations), row.formulations, index),
                _item(best, similarity, index),
                _item(f"{share:.0%}", share, index),
                _item(self._note(row), index=index),
            ]
            if row.target and row.chars < low:
                cells[3].setForeground(QBrush(QColor("#b00020")))
            if similarity >= 0.15:
                cells[9].setBackground(QBrush(_WARN))
            self.model.appendRow(cells)

    @staticmethod
    def _note(row) -> str:
        if row.is_criticism:
            praise, vague = row.count("praise_criticism"), row.count("vague_criticism")
            return f"相互批评意见：表扬式批评 {praise} 处，空泛批评 {vague} 处" if praise or vague else "相互批评意见"
        return ""

    def _row_of(self, proxy_index) -> int:
        return self.proxy.mapToSource(proxy_index).siblingAtColumn(0).data(INDEX_ROLE)

    def _current_row(self) -> int | None:
        index = self.table.currentIndex()
        return self._row_of(index) if index.isValid() else None

    def _clicked(self, proxy_index) -> None:
        row = self._row_of(proxy_index)
        kinds = COLUMN_KINDS.get(proxy_index.column())
        self.show_details(row, kinds)

    def show_details(self, row: int, kinds: tuple[str, ...] | None) -> None:
        report = self.result.reports[row]
        self.details.clear()
        if report.error:
            self.details_label.setText(f"{report.name}：{report.error}")
            return
        findings = self._findings(report, kinds)
        what = "全部问题" if kinds is None else COLUMNS[next(c for c, k in COLUMN_KINDS.items() if k == kinds)]
        self.details_label.setText(f"{report.name} · {what}：{len(findings)} 处（双击一条打开材料并定位）")
        for number, finding in enumerate(findings):
            item = QListWidgetItem(f"[{finding.label}] “{finding.text[:24]}” {finding.message}")
            item.setData(Qt.ItemDataRole.UserRole, (row, kinds, number))
            self.details.addItem(item)

    @staticmethod
    def _findings(report, kinds: tuple[str, ...] | None) -> list:
        if kinds is None:
            return list(report.findings)
        return [f for f in report.findings if f.kind in kinds or ("slips" in kinds and report.is_slip(f))]

    def _detail_opened(self, item: QListWidgetItem) -> None:
        row, kinds, number = item.data(Qt.ItemDataRole.UserRole)
        view = self.open_report(row, kinds)
        if view is not None:
            view.show_finding(number)

    def open_report(self, row: int | None, kinds: tuple[str, ...] | None = None) -> ReportView | None:
        if row is None:
            return None
        report = self.result.reports[row]
        if report.error:
            self._warn("审核材料", report.error)
            return None
        view = ReportView(f"{report.who} — {report.name}", report.text, self._findings(report, kinds), self)
        self._views.append(view)
        view.show()
        return view

    def _warn(self, title: str, text: str) -> None:
        QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self).exec()

    def show_pair(self, a: int, b: int) -> None:
        self.pairs.show_pair(a, b)
        self.tabs.setCurrentWidget(self.pairs)

    # --- exports ------------------------------------------------------------------------------
    def _ask_path(self, title: str, name: str) -> Path | None:
        first = next((r.path for r in self.result.reports), Path.home() / name)
        path, _ = QFileDialog.getSaveFileName(self, title, str(first.parent / name), "Word 文档 (*.docx)")
        if not path:
            return None
        path = Path(path)
        return path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")

    def export_opinion(self, path: Path | None = None) -> bool:
        from app.core.review.opinion_docx import write_opinion

        return self._export(path or self._ask_path("导出审核意见", "审核意见.docx"), write_opinion)

    def export_summary(self, path: Path | None = None) -> bool:
        from app.core.review.opinion_docx import write_summary

        return self._export(path or self._ask_path("导出汇总表", "材料审核汇总表.docx"), write_summary)

    def _export(self, path: Path | None, writer) -> bool:
        from app.core.storage.files import SaveError

        if path is None:
            return False
        if any(not r.error and r.path.resolve() == path.resolve() for r in self.result.reports):
            self._warn("导出", "不能覆盖报送的材料，请换一个文件名。")
            return False
        try:
            writer(self.result, path, options=self._options())
        except SaveError as exc:
            self._warn("导出", str(exc))
            return False
        self.statusBar().showMessage(f"已导出到 {path}", 8000)
        return True

    def _options(self):
        from app.ui.preferences import export_options

        return export_options(self.settings) if self.settings is not None else None


def choose_paths(parent) -> list[Path]:
    """Ask for a folder or some files (.docx/.txt, and .doc/.wps)."""
    from app.ui.dialogs.choose_paths import ask_files_or_folder

    return ask_files_or_folder(
        parent, "审核材料", "一次审核一个单位报送的全部材料：字数、缺少的方面、问题有无措施和事例、错漏、政治表述，"
        "以及材料之间、与素材库的雷同。\n请选择存放材料的文件夹（含子文件夹），或选择若干文件。材料本身不会被改动。",
        "审核材料：选择材料（可多选）", "审核材料：选择存放材料的文件夹", folder_first=True)


def start_review(window, paths: list[Path] | None = None):
    """Ask (unless ``paths`` are given), review with a progress bar, then show the result."""
    from app.core.review import gather_reports
    from app.ui.review.worker import run_review

    paths = paths if paths is not None else choose_paths(window)
    if not paths:
        return None
    if not gather_reports(paths):
        window.warn("审核材料", "所选位置没有 .docx/.txt 材料。")
        return None
    worker = run_review(window, window.services, paths)

    def finished() -> None:
        if worker.error:
            window.warn("审核材料", worker.error)
        elif worker.cancelled:
            window.statusBar().showMessage("已取消审核。", 5000)
        elif worker.result is not None:
            result_window = ReviewWindow(worker.result, window.settings, window)
            window.review_window = result_window
            result_window.show()

    worker.finished.connect(finished)
    window.review_worker = worker
    app = QApplication.instance()
    if app is not None:  # quitting mid-review: stop after the current file, then let Qt go
        app.aboutToQuit.connect(lambda: (setattr(worker, "cancel_requested", True), worker.wait(10_000)))
    return worker
