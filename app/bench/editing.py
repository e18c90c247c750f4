"""Keystroke and recognition benchmark on a 30,000-字 report (issue 3).

- recognition: ``recognize_text`` + ``detect_template`` + ``build_outline`` (cold cache, so
  every heading is matched to its template aspect and every node classified) of the text;
- keystroke: one character committed by the IME into the real window, plus everything the
  window does for it when the outline timer fires (block roles and formats, outline update,
  tree rows, status bar) — i.e. the debounce set to zero, the worst case.  Re-ranking the
  phrase panel and the 已用 marks wait for a pause in typing and are not in it.  Typed at
  the end of a body paragraph and at the end of an aspect heading (both keep the tree's
  shape, the common case), and separately the 是 of a new 一是 (the tree gains a row).
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
    """What opening or pasting the text costs: roles, template detection, the whole tree."""
    from app.core.document.numbering import recognize_text
    from app.core.document.outline import build_outline, detect_template
    from app.core.document.templates import load_templates
    from app.core.paths import templates_dir
    from app.core.topics import TopicClassifier

    classifier = TopicClassifier.load()
    library = load_templates(templates_dir())
    recog, total = [], []
    for _ in range(runs):
        start = time.perf_counter()
        paragraphs = recognize_text(text)
        middle = time.perf_counter()
        build_outline(paragraphs, classifier, detect_template(paragraphs, library))  # cold cache
        end = time.perf_counter()
        recog.append((middle - start) * 1000)
        total.append((end - start) * 1000)
    return {"recognize_ms": statistics.median(recog), "recognize_outline_ms": statistics.median(total),
            "recognize_outline_max_ms": max(total)}


def measure_keystrokes(text: str, strokes: int = 300) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QInputMethodEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from app.core.document.numbering import recognize_text
    from app.core.model import Document
    from app.core.services import Services
    from app.ui.app import settings_for
    from app.ui.window.main_window import MainWindow

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
        results["new_point"] = _new_point_keystrokes(window, max(10, strokes // 10))
        chars = window.draft.outline.total_chars
        window.draft.qdoc.setModified(False)
        window.close()
    return {"chars": chars, "keystroke_body_p50_ms": results["body"][0],
            "keystroke_body_p99_ms": results["body"][1], "keystroke_heading_p50_ms": results["heading"][0],
            "keystroke_heading_p99_ms": results["heading"][1],
            "keystroke_new_point_p50_ms": results["new_point"][0],
            "keystroke_new_point_max_ms": results["new_point"][1]}


def _new_point_keystrokes(window, strokes: int) -> tuple[float, float]:
    """The rarer keystroke that changes the tree's shape: the 是 of a new 一是 in a body paragraph."""
    from PySide6.QtGui import QInputMethodEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    def commit(text: str) -> None:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(window.editor, event)

    blocks = [b for b in window.draft.blocks()
              if not window.draft.role_of(b).is_heading and len(b.text()) > 50]
    times = []
    for _ in range(strokes):
        cursor = QTextCursor(blocks[len(blocks) // 3])
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        window.editor.setTextCursor(cursor)
        commit("。一")
        window.draft.flush()
        start = time.perf_counter()
        commit("是")
        window.draft.flush()
        times.append((time.perf_counter() - start) * 1000)
        window.editor.undo()
        window.editor.undo()
        window.draft.flush()
    return statistics.median(times), max(times)
