"""The start-up probe shared by ``python -m app bench`` and the novelWriter peer.

Small Qt scripts stand in for the apps, so these check the definition itself: the clock
stops at a QMainWindow's exposure (not a splash or a plain widget), the stall timer and the
hook run when asked, and the measured process cannot reach the network.
"""

from __future__ import annotations

import sys

import pytest

from app.bench.launch import LaunchError, launch, private_env, probe_dir
from app.bench.runner import GOALS, format_table

SPLASH_THEN_MAIN = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
app = QApplication(sys.argv[:1])
splash = QWidget(); splash.show()
for _ in range(50):   # 0.5 s with only a plain window on screen
    app.processEvents(); time.sleep(0.01)
print("MAIN", time.monotonic(), flush=True)
window = QMainWindow(); window.show()
app.exec()
"""

PLAIN_WIDGET_ONLY = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.show()
QTimer.singleShot(400, app.quit)
app.exec()
"""

BUSY_AFTER_SHOW = """
import socket, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow(); window.show()
QTimer.singleShot(300, lambda: time.sleep(0.25))   # one 250 ms stall of the event loop
app.exec()
"""


@pytest.fixture
def box(tmp_path):
    return probe_dir(tmp_path), private_env(tmp_path / "env")


def test_clock_stops_at_the_main_window_not_at_a_splash(box):
    probe, env = box
    result = launch([sys.executable, "-c", SPLASH_THEN_MAIN], env, probe)
    assert result.startup_ms > 500


def test_a_process_without_a_main_window_is_reported(box):
    probe, env = box
    with pytest.raises(LaunchError, match="before its main window was exposed"):
        launch([sys.executable, "-c", PLAIN_WIDGET_ONLY], env, probe)


def test_staying_measures_the_worst_event_loop_stall(box):
    probe, env = box
    result = launch([sys.executable, "-c", BUSY_AFTER_SHOW], env, probe, stay_s=1.5)
    assert 240 <= result.values["stall_ms"] < 1000
    assert result.values["end_ms"] >= 1500


def test_measured_process_cannot_reach_the_network(box, tmp_path):
    probe, env = box
    script = BUSY_AFTER_SHOW.replace(
        "app.exec()",
        "import os\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=0.2)\n"
        "except OSError as e:\n    open(os.environ['MARK'], 'w').write(str(e))\napp.exec()")
    env = dict(env, MARK=str(tmp_path / "mark.txt"))
    launch([sys.executable, "-c", script], env, probe)
    assert "network use refused" in (tmp_path / "mark.txt").read_text()


def test_table_shows_every_figure_with_its_goal():
    figures = {key: (goal or 100) * 2 for key, _, goal, _, _ in GOALS}
    figures["export_ms_30k"] = 10.0
    table = format_table({**figures, "details": {"machine": {"cpus": 2}, "seconds": 1}})
    assert table.count("\n") == len(GOALS) + 1
    assert "✓ 3 万字导出 .docx" in table and "✗ 3 万字校对" in table
    assert "≤ 150 ms" in table
