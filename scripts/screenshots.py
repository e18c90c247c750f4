"""Retake the README pictures (developer tool, not run by CI).

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshots.py

docs/screenshot.png: the window with a few shipped phrases inserted, cursor in 能力本领;
docs/welcome.png: the first-run welcome; docs/export-page1.png: page 1 of a corpus sample
exported by ``python -m app format`` and printed by LibreOffice (tests/lo_pdf.py's font
mapping), rendered by pdftoppm.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs"


def window_shots(home: Path) -> None:
    os.environ["MINGJING_HOME"] = str(home)
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from app.ui import app as appmod

    def shown(window) -> None:
        def welcome() -> None:
            window.grab().save(str(DOCS / "welcome.png"))
            overlay = window.findChild(object, "welcome")
            if overlay is not None:
                overlay.dismiss()
            QTimer.singleShot(1500, fill)

        def fill() -> None:
            phrases = window.services.phrasebank.phrases
            for heading, topic in (("（一）理论学习方面", "理论学习"), ("（二）政治素质方面", "政治素质")):
                block = next(b for b in window.draft.blocks() if b.text() == heading).next()
                cursor = QTextCursor(block)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
                window.editor.setTextCursor(cursor)
                picks = [p for p in phrases if p.part == "问题" and topic in p.topics
                         and "{" not in p.text and len(p.text) > 40][:1]
                for p in picks:
                    window.editor.insert_phrase_at_cursor(p.id, p.text)
            window.draft.flush()
            block = next(b for b in window.draft.blocks() if b.text() == "（三）能力本领方面").next()
            window.editor.setTextCursor(QTextCursor(block))
            window.editor.go_to(window.draft.position_of((3, 0)))
            window.editor.setTextCursor(QTextCursor(block))
            window.update_context()
            QTimer.singleShot(800, grab)

        def grab() -> None:
            window.grab().save(str(DOCS / "screenshot.png"))
            window.draft.qdoc.setModified(False)
            QApplication.instance().quit()

        QTimer.singleShot(1500, welcome)

    appmod.run_gui(on_shown=shown)


def export_shot(work: Path) -> None:
    from tests.lo_pdf import convert

    corpus = sorted((ROOT.parent.parent / "shared" / "corpus").glob("*.txt")) or \
        sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))
    def has_title(path: Path) -> bool:
        first = path.read_text(encoding="utf-8").strip().splitlines()[0]
        return len(first) < 40 and "。" not in first

    sample = next((p for p in corpus if has_title(p)), corpus[0])
    docx = work / "样例.docx"
    subprocess.run([sys.executable, "-m", "app", "format", str(sample), "-o", str(docx)],
                   check=True, cwd=ROOT, env=dict(os.environ, MINGJING_HOME=str(work / "home")))
    convert([docx], work, work)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(work / "样例.pdf"), str(DOCS / "export-page1")], check=True)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        if "--export-only" not in sys.argv:
            window_shots(Path(tmp) / "home")
        export_shot(Path(tmp))
    print("wrote", *sorted(p.name for p in DOCS.glob("*.png")))
