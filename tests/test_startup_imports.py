"""Nothing heavy is imported before the main window is on screen (issue 9).

python-docx, jieba, pypinyin and rapidfuzz cost tens to hundreds of ms to import; the
window needs none of them to appear, so they load later (jieba and pypinyin in the loader
thread, docx and rapidfuzz when a file is opened or a check is run).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("docx", "jieba", "pypinyin", "rapidfuzz", "lxml")

SCRIPT = f"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.core.services import Services
from app.ui.app import create_window, settings_for
app = QApplication(sys.argv[:1])
services = Services.load()
window = create_window(services, settings_for(services.user_dir))
window.show()
app.processEvents()
assert window.windowHandle().isExposed()
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
"""


def test_window_appears_without_the_heavy_libraries(tmp_path):
    env = dict(os.environ, MINGJING_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_the_heavy_libraries_are_really_detected(tmp_path):
    env = dict(os.environ, MINGJING_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    script = SCRIPT.replace("window.show()", "window.show()\n__import__(\"app.core.formats.docx_read\")")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60, check=True)
    assert "docx" in json.loads(out.stdout.strip().splitlines()[-1])


# Installed as ``sitecustomize`` in ``python -m app``: at the first exposure of a visible main
# window, write which modules are loaded and what that window is, then end the process.
FRAME_PROBE = """
import json, os, sys

def _watch():
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    class Watcher(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Expose and isinstance(obj, QWindow) and obj.isExposed():
                shown = [w for w in QApplication.topLevelWidgets()
                         if isinstance(w, QMainWindow) and w.isVisible()]
                if shown:
                    central = shown[0].centralWidget()
                    label = central.text() if isinstance(central, QLabel) else ""
                    with open(os.environ["FRAME_PROBE_OUT"], "w", encoding="utf-8") as out:
                        json.dump({"label": label, "modules": sorted(sys.modules),
                                   "qt_namespace": "Qt" in sys.modules["PySide6.QtCore"].__dict__},
                                  out)
                    os._exit(0)
            return False

    base = QApplication.__init__
    def init(self, *args):
        base(self, *args)
        self._frame_watcher = Watcher()
        self.installEventFilter(self._frame_watcher)
    QApplication.__init__ = init

class _Finder:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtWidgets":
            sys.meta_path.remove(self)
            __import__(name)
            _watch()
        return None

sys.meta_path.insert(0, _Finder())
"""
# What the frame does not need: the engine, the main window and the libraries behind them.
NOT_BEFORE_FRAME = ("app.core.services", "app.core.check", "app.core.document", "app.core.phrases",
                    "app.core.formats", "app.ui.window.main_window", "app.ui.window.file_actions",
                    "app.ui.draft", "app.ui.panes", *HEAVY)


def _modules_at_first_frame(tmp_path: Path) -> dict:
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "sitecustomize.py").write_text(FRAME_PROBE, encoding="utf-8")
    out = tmp_path / "frame.json"
    env = dict(os.environ, MINGJING_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(probe), FRAME_PROBE_OUT=str(out))
    for name in ("MINGJING_PROBE_OUT", "MINGJING_STARTUP_PROBE"):
        env.pop(name, None)
    subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, env=env, capture_output=True,
                   timeout=60, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_first_frame_is_shown_before_the_engine_is_imported(tmp_path):
    """``python -m app``: the first window on screen is the 正在打开 frame, and at its first
    exposure none of the engine, the main window or the heavy libraries is loaded yet."""
    seen = _modules_at_first_frame(tmp_path)
    assert seen["label"].startswith("正在打开")
    loaded = [m for m in seen["modules"] if m.startswith(NOT_BEFORE_FRAME)]
    assert loaded == []
    # PySide6 builds its ``Qt`` namespace (every enum in it, ~20 ms) on first use: not yet
    assert not seen["qt_namespace"]
