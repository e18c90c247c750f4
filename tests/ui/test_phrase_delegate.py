"""Row heights in the phrase list (app/ui/panes/phrase_delegate.py): each measured once."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget

from app.ui.panes.phrase_delegate import HighlightDelegate

TEXTS = [f"第{i}条：坚持以人民为中心的发展思想，切实解决群众急难愁盼问题，" * (1 + i % 3)
         for i in range(60)]


def _fill(view: QListWidget) -> None:
    view.clear()
    for text in TEXTS:
        view.addItem(text)


def _measured_list(qtbot, monkeypatch) -> tuple[QListWidget, HighlightDelegate, list[str]]:
    view = QListWidget()
    view.setWordWrap(True)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    delegate = HighlightDelegate(view)
    view.setItemDelegate(delegate)
    qtbot.addWidget(view)
    view.resize(220, 400)
    view.show()
    qtbot.waitExposed(view)
    layouts: list[str] = []  # rich-text layouts made to measure a row (not to paint it)
    painting: list[bool] = []
    measure, paint = HighlightDelegate._document, HighlightDelegate.paint

    def counted(self, option, index, width):
        if not painting:
            layouts.append(str(index.data()))
        return measure(self, option, index, width)

    def painted(self, *args):
        painting.append(True)
        try:
            paint(self, *args)
        finally:
            painting.pop()

    monkeypatch.setattr(HighlightDelegate, "_document", counted)
    monkeypatch.setattr(HighlightDelegate, "paint", painted)
    return view, delegate, layouts


def _settle(qtbot, view: QListWidget) -> None:
    qtbot.waitUntil(lambda: view.verticalScrollBar().isVisible())
    qtbot.wait(50)


def test_the_scroll_bar_appearing_does_not_measure_every_row_again(qtbot, monkeypatch):
    """Filling the list shows its scroll bar, which narrowed the rows: each row was laid out
    at two widths (281 rich-text layouts in the first seconds instead of about 100)."""
    view, _, layouts = _measured_list(qtbot, monkeypatch)
    _fill(view)
    _settle(qtbot, view)
    measured = [t for t in layouts if t in TEXTS]
    assert len(set(measured)) == len(TEXTS)
    assert len(measured) == len(TEXTS)


def test_heights_outlive_a_refresh_with_the_same_rows(qtbot, monkeypatch):
    """Re-listing (a new query, jieba's re-ranking) measures only rows not seen before."""
    view, delegate, layouts = _measured_list(qtbot, monkeypatch)
    _fill(view)
    _settle(qtbot, view)
    layouts.clear()
    delegate.set_query("人民")
    _fill(view)
    qtbot.wait(50)
    assert layouts == []


def test_rows_are_painted_from_their_measured_layout(qtbot, monkeypatch):
    """A repaint (scrolling, hovering, the first listing) lays out no row again: about 1 ms
    per row each time before."""
    view, _, _ = _measured_list(qtbot, monkeypatch)
    _fill(view)
    _settle(qtbot, view)
    made: list[str] = []
    measure = HighlightDelegate._document
    monkeypatch.setattr(HighlightDelegate, "_document",
                        lambda self, option, index, width: made.append("x") or measure(self, option, index, width))
    view.viewport().repaint()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().repaint()
    assert made == []
