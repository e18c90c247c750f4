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
