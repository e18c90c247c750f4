"""The Qt binding must survive a long typing session (PySide6 6.12.0 did not, on 3.11)."""

from __future__ import annotations

import os
import subprocess
import sys

from app.ui.qt_guard import guard_none_refcount, none_refs_leaked_per_call
from tests.conftest import ROOT


def test_installed_binding_does_not_leak_none(qapp):
    assert none_refs_leaked_per_call() == 0, (
        "this PySide6 build loses a reference to None on every call: Python 3.11 will abort "
        "after a few thousand keystrokes; exclude it in pyproject.toml")


def test_guard_is_idle_on_a_sound_binding(qapp):
    refs = sys.getrefcount(None)
    assert guard_none_refcount() is False
    assert abs(sys.getrefcount(None) - refs) < 100


def test_long_typing_session_survives(tmp_path):
    """4,000 IME commits (8,000 characters) with the panes refreshing: no abort."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MINGJING_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "tests.robust.long_session", "4000"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "SURVIVED" in result.stdout
