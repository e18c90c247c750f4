"""The first thing on screen: a window frame where the main window will be, at once.

Loading the engine and building the panes takes a few hundred milliseconds after Python
and Qt are up; a user who double-clicked should see 明镜's window in that time, not
nothing.  The frame has the main window's title and last geometry and says 正在打开; the
real window takes its place as soon as it is painted."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app import APP_NAME

EXPOSE_WAIT_S = 0.5
# Qt.AlignmentFlag.AlignCenter, set as a property: nothing up to the frame names a ``Qt.``
# enum, since the first one builds PySide6's whole ``Qt`` namespace (~20 ms).
ALIGN_CENTER = 0x84


def show_frame(user_dir: Path) -> QMainWindow:
    frame = QMainWindow()
    frame.setWindowTitle(APP_NAME)
    geometry = None
    settings_file = user_dir / "settings.ini"
    if settings_file.is_file():
        geometry = QSettings(str(settings_file), QSettings.Format.IniFormat).value("window/geometry")
    if geometry is None or not frame.restoreGeometry(geometry):
        frame.resize(1360, 860)
    label = QLabel("正在打开明镜…")
    label.setProperty("alignment", ALIGN_CENTER)
    frame.setCentralWidget(label)
    frame.show()
    _paint_now(frame)
    return frame


def _paint_now(frame: QMainWindow, wait_s: float = EXPOSE_WAIT_S) -> None:
    """Let the window system map the frame and paint it now: after this the main thread
    is busy loading for a few hundred milliseconds and paints nothing.  (On X11 the map and
    the expose come back from the server and window manager a moment after ``show``.)"""
    deadline = time.monotonic() + wait_s
    handle = frame.windowHandle()
    QApplication.processEvents()
    while not (handle is not None and handle.isExposed()) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.001)
    QApplication.processEvents()  # the paint the expose asked for


def replace_frame(frame: QMainWindow) -> None:
    """Close the frame once the real window (shown just before) is on screen."""
    QTimer.singleShot(0, frame.close)
    QTimer.singleShot(0, frame.deleteLater)
