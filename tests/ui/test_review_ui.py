"""文件 › 审核材料…: progress and cancel, the sortable table, details, read-only report,
the similarity matrix, a pair side by side, and the exports."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt

from app.ui.review.review_window import COLUMNS, start_review


@pytest.fixture
def folder(tmp_path, corpus):
    folder = tmp_path / "材料"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    for n, text in enumerate(texts[:-1], 1):  # the last one is the copier's own text
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    lines = texts[-1].splitlines()
    copied = lines[:2] + texts[0].splitlines()[2:5] + lines[5:]
    (folder / "照抄.txt").write_text("\n".join(copied), encoding="utf-8")
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


def _run(qtbot, window, folder):
    worker = start_review(window, [folder])
    with qtbot.waitSignal(worker.finished, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: getattr(window, "review_window", None) is not None, timeout=5000)
    return window.review_window


def _cell(view, row: int, column: int):
    return view.proxy.index(row, column)


def test_review_table_sorts_shows_details_and_opens_read_only(qtbot, window, folder):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    view = _run(qtbot, window, folder)
    assert view.proxy.rowCount() == len(list(folder.iterdir()))
    # sorted by 最高雷同: the copier and its source come first
    first_two = {_cell(view, r, 0).data() for r in range(2)}
    assert first_two == {"1.txt", "照抄.txt"}
    broken = next(r for r in range(view.proxy.rowCount()) if _cell(view, r, 0).data() == "坏文件.docx")
    assert "损坏" in _cell(view, broken, len(COLUMNS) - 1).data()
    # sort by 字数, both ways
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    chars = [view.result.reports[view._row_of(_cell(view, r, 0))].chars for r in range(view.proxy.rowCount())]
    assert chars == sorted(chars)
    # a click on the 错漏 count lists them
    row = next(r for r in range(view.proxy.rowCount()) if _cell(view, r, 7).data() not in ("0", ""))
    view._clicked(_cell(view, row, 7))
    assert view.details.count() == int(_cell(view, row, 7).data())
    report = view.open_report(view._row_of(_cell(view, row, 0)))
    qtbot.addWidget(report)
    assert report.text.isReadOnly()
    assert len(report.text.extraSelections()) >= 1
    assert report.text.toPlainText() == view.result.reports[view._row_of(_cell(view, row, 0))].text
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == before


def test_matrix_and_pair_side_by_side(qtbot, window, folder):
    view = _run(qtbot, window, folder)
    names = [r.name for r in view.result.reports]
    a, b = names.index("1.txt"), names.index("照抄.txt")
    cell = view.matrix.table.item(a, b)
    assert cell.text().endswith("%")
    view.matrix._clicked(a, b)
    assert view.tabs.currentWidget() is view.pairs
    assert view.pairs.passages.rowCount() >= 1
    left = view.pairs.passages.item(0, 0).text()
    assert left and left[:10] in view.result.reports[min(a, b)].text


def test_exports_write_the_opinion_and_the_table(qtbot, window, folder, tmp_path):
    view = _run(qtbot, window, folder)
    assert view.export_opinion(tmp_path / "审核意见.docx")
    assert view.export_summary(tmp_path / "汇总表.docx")
    assert (tmp_path / "审核意见.docx").stat().st_size > 0 and (tmp_path / "汇总表.docx").is_file()
    assert not view.export_opinion(folder / "1.txt")  # never over a report


def test_cancel_stops_the_review_and_shows_no_result(qtbot, window, folder):
    worker = start_review(window, [folder])
    worker.cancel_requested = True
    with qtbot.waitSignal(worker.finished, timeout=60_000):
        pass
    assert worker.cancelled and worker.result is None
    assert getattr(window, "review_window", None) is None


def test_the_file_menu_has_both_entries(window):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert any(t.startswith("审核材料") for t in texts)
    assert any(t.startswith("新建相互批评意见") for t in texts)
