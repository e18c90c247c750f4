"""Drives the real app (``run_gui``) in a subprocess for the kill -9 tests.

``python -m tests.robust.crash_driver type TEXTFILE CHUNK MS``: once the window is up, type
the text of TEXTFILE into the editor, CHUNK characters every MS milliseconds (as an IME
commits them), printing ``TYPED <time> <count>`` after each; ``DONE`` at the end.  It never
quits by itself: the test kills it.

``python -m tests.robust.crash_driver report``: start (recovery is answered by
``MINGJING_RECOVERY_ANSWER``), print ``REPORT <json>`` with what the editor shows, and exit
at once (a normal quit would ask whether to save the recovered draft).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from app.ui.app import run_gui


def _type(window, text: str, chunk: int, every_ms: int) -> None:
    editor = window.editor
    state = {"at": 0}
    print(f"START {len(window.draft.qdoc.toPlainText())}", flush=True)

    def step() -> None:
        piece = text[state["at"]:state["at"] + chunk]
        if not piece:
            paragraphs = [[p.role.value, p.text] for p in window.draft.paragraphs()]
            print("DONE " + json.dumps(paragraphs, ensure_ascii=False), flush=True)
            return
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        editor.setTextCursor(cursor)
        if "\n" in piece:
            cursor.insertText(piece)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(piece)
            QApplication.sendEvent(editor, event)
        state["at"] += len(piece)
        print(f"TYPED {time.time():.4f} {state['at']}", flush=True)
        QTimer.singleShot(every_ms, step)

    QTimer.singleShot(0, step)


def _report(window) -> None:
    def later() -> None:
        draft = window.draft
        print("REPORT " + json.dumps({
            "text": draft.qdoc.toPlainText(),
            "paragraphs": [[p.role.value, p.text] for p in draft.paragraphs()],
            "modified": draft.qdoc.isModified(),
            "path": str(draft.path) if draft.path else None,
            "status": window.statusBar().currentMessage(),
        }, ensure_ascii=False), flush=True)
        os._exit(0)  # (quit would ask whether to save the recovered draft)

    QTimer.singleShot(50, later)


def main() -> int:
    mode = sys.argv[1]
    if mode == "type":
        text = Path(sys.argv[2]).read_text(encoding="utf-8")
        chunk, every_ms = int(sys.argv[3]), int(sys.argv[4])
        return run_gui(on_shown=lambda w: _type(w, text, chunk, every_ms))
    if mode == "report":
        return run_gui(on_shown=_report)
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main())
