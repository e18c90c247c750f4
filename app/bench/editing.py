"""Keystroke and recognition benchmark on a 30,000-字 report (issue 3).

- recognition: ``recognize_text`` + ``build_outline`` (cold cache) of the whole text;
- keystroke: one character committed by the IME into the real window, plus everything the
  window does for it when the outline timer fires (roles, outline rebuild, tree, status bar,
  used phrases, phrase context) — i.e. the debounce set to zero, the worst case.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from app.bench.texts import percentile as _percentile
from app.bench.texts import report_text  # noqa: F401 (re-exported)


def measure_recognition(text: str, runs: int = 15) -> dict:
    from app.core.outline import build_outline
    from app.core.structure import recognize_text
    from app.core.topics import TopicClassifier

    classifier = TopicClassifier.load()
    recog, total = [], []
    for _ in range(runs):
        start = time.perf_counter()
        paragraphs = recognize_text(text)
        middle = time.perf_counter()
        build_outline(paragraphs, classifier)
        end = time.perf_counter()
        recog.append((middle - start) * 1000)
        total.append((end - start) * 1000)
    return {"recognize_ms": statistics.median(recog), "recognize_outline_ms": statistics.median(total)}


def measure_keystrokes(text: str, strokes: int = 300) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QInputMethodEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from app.core.model import Document
    from app.core.services import Services
    from app.core.structure import recognize_text
    from app.ui.app import settings_for
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as home:
        services = Services.load(Path(home))
        services.segmenter.load()
        window = MainWindow(services, settings_for(Path(home)))
        window.show()
        app.processEvents()
        window.draft.load(Document(recognize_text(text)))
        app.processEvents()
        results = {}
        for where, pick in (("body", lambda b: not window.draft.role_of(b).is_heading and len(b.text()) > 50),
                            ("heading", lambda b: window.draft.role_of(b).level == 2)):
            blocks = [b for b in window.draft.blocks() if pick(b)]
            block = blocks[len(blocks) // 2]
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            window.editor.setTextCursor(cursor)
            times = []
            for i in range(strokes):
                event = QInputMethodEvent("", [])
                event.setCommitString("学" if i % 2 else "习")
                start = time.perf_counter()
                QApplication.sendEvent(window.editor, event)
                window.draft.flush()
                times.append((time.perf_counter() - start) * 1000)
            results[where] = (statistics.median(times), _percentile(times, 0.99))
        chars = window.draft.outline.total_chars
        window.draft.qdoc.setModified(False)
        window.close()
    return {"chars": chars, "keystroke_body_p50_ms": results["body"][0],
            "keystroke_body_p99_ms": results["body"][1], "keystroke_heading_p50_ms": results["heading"][0],
            "keystroke_heading_p99_ms": results["heading"][1]}
