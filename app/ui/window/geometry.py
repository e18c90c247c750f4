"""The window's size and place, its panes' widths and the 检查 pane's dock, kept between runs."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.ui.preferences import GEOMETRY_KEY, SPLITTER_KEY, WINDOW_STATE_KEY
from app.ui.window.view import keep_on_screen, pane_sizes, place_first_window


def restore_geometry(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    geometry = settings.value(GEOMETRY_KEY)
    if geometry is None or not window.restoreGeometry(geometry):
        place_first_window(window)  # fits the available screen area (1366×768, 1024×700)
    keep_on_screen(window)
    state = settings.value(WINDOW_STATE_KEY)
    if state is not None:
        # The 检查 pane's place and size; the pane itself is built on first use and
        # takes its place then (restoreDockWidget).
        window.restoreState(state)
    sizes = settings.value(SPLITTER_KEY)
    try:
        sizes = [int(s) for s in sizes] if isinstance(sizes, list) else []
    except (TypeError, ValueError):
        sizes = []
    splitter.setSizes(sizes if len(sizes) == 3 and any(sizes) else pane_sizes(window.width()))


def save_geometry(window: QMainWindow, splitter: QSplitter, settings: QSettings, docks: bool) -> None:
    """``docks``: the 检查 pane was built this session (else keep its place from an earlier one)."""
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    if docks:
        settings.setValue(WINDOW_STATE_KEY, window.saveState())
    settings.setValue(SPLITTER_KEY, splitter.sizes())
    settings.sync()
