"""``MINGJING_READY_PROBE=1`` (``app.test_hooks.READY_PROBE_ENV``): say when the suggestions
are ready, then quit.  For timing the built app's first run from outside
(``python -m app bench --built``): a frozen app runs no ``sitecustomize``, so the bench's
in-process probe (``app/bench/probe.py``) cannot be put into it.

"Ready" is the bench's definition (``app/bench/session.py``): the phrase panel lists
suggestions and jieba's dictionary is loaded (the panel re-ranked with it).  Prints
``WINDOW_EXPOSED <t>`` and ``SUGGESTIONS_READY <t>``, ``t`` from ``time.monotonic()`` (the
system-wide CLOCK_MONOTONIC, so the parent can subtract its own reading at process start).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from app.ui.window.main_window import MainWindow

POLL_MS = 5
TIME_LIMIT_S = 120


def report_when_ready(app: QApplication, window: MainWindow) -> None:
    """Poll every 5 ms from now on; print the two stamps, then quit (also after 120 s)."""
    state = {"exposed": False, "loaded": False, "hooked": False}
    started = time.monotonic()
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def on_loaded() -> None:
        state["loaded"] = True

    def poll() -> None:
        handle = window.windowHandle()
        if not state["exposed"] and handle is not None and handle.isExposed():
            state["exposed"] = True
            print("WINDOW_EXPOSED", time.monotonic(), flush=True)
        loader = window.loading.loader
        if loader is not None and not state["hooked"]:
            state["hooked"] = True  # connected after the panel's own re-rank, so runs after it
            loader.loaded.connect(on_loaded)
        listed = window.phrase_panel.list.count() > 0
        done = (state["loaded"] or (loader is not None and loader.isFinished())
                or (loader is None and window.services.segmenter.ready))
        if state["exposed"] and listed and done:
            timer.stop()
            QTimer.singleShot(0, ready)
        elif time.monotonic() - started > TIME_LIMIT_S:
            timer.stop()
            print("SUGGESTIONS_NEVER_READY", flush=True)
            quit_now()

    def ready() -> None:
        print("SUGGESTIONS_READY", time.monotonic(), flush=True)
        print("PHRASES", len(window.services.index.phrases), flush=True)
        quit_now()

    def quit_now() -> None:
        window.draft.qdoc.setModified(False)
        QTimer.singleShot(0, app.quit)

    timer.timeout.connect(poll)
    timer.start()
