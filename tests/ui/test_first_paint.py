"""The 正在打开 frame shown before the engine loads (app/ui/first_paint.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from app.ui.first_paint import replace_frame, show_frame


def test_the_frame_is_on_screen_and_centred_when_show_frame_returns(qapp, qtbot, tmp_path):
    frame = show_frame(tmp_path)
    try:
        handle = frame.windowHandle()
        assert handle is not None and handle.isExposed()  # painted before the engine loads
        label = frame.centralWidget()
        assert isinstance(label, QLabel) and label.text() == "正在打开明镜…"
        assert label.alignment() == Qt.AlignmentFlag.AlignCenter  # (set by its int value)
        assert frame.windowTitle() == "明镜"
    finally:
        with qtbot.waitSignal(frame.destroyed):
            replace_frame(frame)


def test_high_dpi_scales_by_the_exact_factor(qapp):
    """125 %/150 % screens stay sharp: Qt 6's default, which run_gui relies on and no longer
    sets (naming the enum before the first paint costs ~20 ms)."""
    policy = QGuiApplication.highDpiScaleFactorRoundingPolicy()
    assert policy == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
