"""``mingjing --smoke-test OUT.docx``: drive the (built) app once, end to end, then exit.

Used to check a packaged build (packaging/): the window is shown, the shipped phrasebank
and jieba's dictionary are loaded, the top suggestion for a sample sentence is inserted and
the draft is exported to OUT as Word, then read back.  Prints one ``SMOKE {json}`` line with
the timings and exits 0; on any failure it prints ``SMOKE-FAIL reason`` and exits 1 (2 when
something never finished).  Without ``MINGJING_HOME`` it runs in a throw-away user folder so
that a check never touches the user's own autosaves, favourites or usage counts.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox

from app.core.model import Role
from app.ui.qt_app import gui_app

SAMPLE_SENTENCE = "学习党的创新理论还不够系统深入，学用结合有差距。"
POLL_MS = 20
TIME_LIMIT_S = 120


class SmokeTest(QObject):
    """Steps through the checks on the event loop, so the window keeps working meanwhile."""

    def __init__(self, window, output: Path, started: float) -> None:
        super().__init__(window)
        self.window = window
        self.output = output
        self.started = started
        self.figures: dict[str, object] = {}
        self._steps = [self._wait_shown, self._wait_loaded, self._write_sample, self._export]
        # A warning box would wait for a click: collect it and fail on the next tick (it may
        # come from any slot, e.g. a start-up notice, not only from inside a step).
        self._warnings: list[str] = []
        window.warn = lambda title, text: self._warnings.append(f"{title}: {text}")
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _ms(self) -> int:
        return round((time.perf_counter() - self.started) * 1000)

    def _tick(self) -> None:
        try:
            if self._warnings:
                self._finish(1, "\n".join(self._warnings))
            elif self._ms() > TIME_LIMIT_S * 1000:
                self._finish(2, f"timed out in {self._steps[0].__name__}")
            elif self._steps[0]():
                self._steps.pop(0)
        except Exception:  # report it and exit: the crash dialog would wait for a click
            self._finish(1, "\n".join([*self._warnings, traceback.format_exc()]))

    # --- the steps: each returns True when done -------------------------------------------
    def _wait_shown(self) -> bool:
        handle = self.window.windowHandle()
        if not (self.window.isVisible() and handle and handle.isExposed()):
            return False
        self.figures["window_shown_ms"] = self._ms()
        bank = self.window.services.phrasebank
        if not bank.phrases:
            raise RuntimeError(f"no shipped phrases loaded ({len(bank.errors)} errors)")
        self.figures["phrases"] = len(bank.phrases)
        self.figures["phrasebank_errors"] = len(bank.errors)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.figures["qt_cancel_text"] = box.button(QDialogButtonBox.StandardButton.Cancel).text()
        return True

    def _wait_loaded(self) -> bool:
        loader = self.window.loader
        if not self.window.services.segmenter.ready or (loader and not loader.isFinished()):
            return False
        self.figures["segmenter_ready_ms"] = self._ms()
        return True

    def _write_sample(self) -> bool:
        draft, editor = self.window.draft, self.window.editor
        body = _first_aspect_body(draft)
        if body is None:
            raise RuntimeError("the default template has no aspect heading with a body")
        cursor = QTextCursor(body)
        cursor.insertText(SAMPLE_SENTENCE)
        editor.setTextCursor(cursor)
        self.window.update_context()
        found = self.window.phrase_panel.suggestions()
        if not found or self.window.phrase_panel.list.count() == 0:
            raise RuntimeError("no suggestions for the sample sentence")
        self.figures["suggestions"] = len(found)
        self.figures["suggestions_ms"] = self._ms()
        phrase = found[0].phrase
        editor.insert_phrase_at_cursor(phrase.id, phrase.text)
        self.figures["inserted_phrase"] = phrase.id
        self.figures["sample_paragraph"] = editor.textCursor().block().text()
        return True

    def _export(self) -> bool:
        from app.core.formats.docx_io import read_docx

        before = time.perf_counter()
        if not self.window.files.save_to(self.output):
            raise RuntimeError(f"could not export to {self.output}")
        self.figures["export_ms"] = round((time.perf_counter() - before) * 1000)
        text = read_docx(self.output).text()
        if SAMPLE_SENTENCE not in text:
            raise RuntimeError("the exported file does not hold the sample sentence")
        self.figures["docx_bytes"] = self.output.stat().st_size
        self._finish(0)
        return True

    def _finish(self, code: int, reason: str = "") -> None:
        self._timer.stop()
        self.figures["total_ms"] = self._ms()
        if code:
            print(f"SMOKE-FAIL {reason}", file=sys.stderr or sys.stdout, flush=True)
        else:
            print("SMOKE " + json.dumps(self.figures, ensure_ascii=False), flush=True)
        self.window.draft.qdoc.setModified(False)
        loader = self.window.loader
        if loader is not None and loader.isRunning():  # Qt aborts if its window goes first
            self.window.services.stop_loading()
            loader.wait(10_000)
        gui_app().exit(code)


def _first_aspect_body(draft):
    """The body paragraph under the first （一） heading."""
    for block in draft.blocks():
        if draft.role_of(block) is Role.H2:
            body = block.next()
            if body.isValid() and draft.role_of(body) is Role.BODY:
                return body
    return None


def run_smoke(output: Path) -> int:
    """Run the window in smoke mode; the exit code says whether every check passed."""
    started = time.perf_counter()
    throwaway = None
    if not os.environ.get("MINGJING_HOME"):
        throwaway = tempfile.mkdtemp(prefix="mingjing-smoke-")
        os.environ["MINGJING_HOME"] = throwaway
    from app.ui.app import run_gui

    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    holder: list[SmokeTest] = []
    try:
        return run_gui(on_shown=lambda window: holder.append(SmokeTest(window, output, started)))
    finally:
        if throwaway:
            shutil.rmtree(throwaway, ignore_errors=True)
