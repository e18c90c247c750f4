"""The first thing on screen: a window frame where the main window will be, at once.

Loading the engine and building the panes takes a few hundred milliseconds after Python
and Qt are up; a user who double-clicked should see 明镜's window in that time, not
nothing.  The frame has the main window's title and last geometry and says 正在打开; the
real window takes its place as soon as it is painted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app import APP_NAME


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
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    frame.setCentralWidget(label)
    frame.show()
    QApplication.processEvents()  # mapped and painted now, before the engine loads
    return frame


def replace_frame(frame: QMainWindow) -> None:
    """Close the frame once the real window (shown just before) is on screen."""
    QTimer.singleShot(0, frame.close)
    QTimer.singleShot(0, frame.deleteLater)
