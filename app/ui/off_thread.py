"""Pure functions on a worker thread, their results handed to the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class OffThread(QObject):
    """Runs a pure function on a daemon thread and hands its result to ``deliver`` on the UI
    thread.  One at a time: a call made while one runs waits for it, and only the newest of
    the waiting calls runs (the ones it replaced would be stale anyway); only the newest
    call's result is delivered.  A daemon thread, not a QThread: closing the window never
    waits for it nor destroys a thread that runs."""

    _done = Signal(int, object)

    def __init__(self, deliver: Callable[[Any], None], parent: QObject | None = None,
                 on_busy: Callable[[bool], None] | None = None) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._on_busy = on_busy or (lambda busy: None)
        self._latest = 0
        self._running = False
        self._waiting: tuple[int, Callable[[], object]] | None = None
        self._done.connect(self._on_done)

    @property
    def busy(self) -> bool:
        """A call is running or waiting."""
        return self._running or self._waiting is not None

    def run(self, work: Callable[[], object]) -> None:
        self._latest += 1
        if self._running:
            self._waiting = (self._latest, work)
            return
        self._start(self._latest, work)

    def _start(self, ticket: int, work: Callable[[], object]) -> None:
        if not self._running:
            self._on_busy(True)
        self._running = True

        def main() -> None:
            try:
                result: object = work()
            except Exception as exc:  # handed to the UI thread: raised there, in _on_done
                result = _Failed(exc)
            try:
                self._done.emit(ticket, result)
            except RuntimeError:
                pass  # the window is gone

        threading.Thread(target=main, name="off-thread", daemon=True).start()

    def _on_done(self, ticket: int, result: object) -> None:
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(*waiting)
        else:
            self._running = False
            self._on_busy(False)
        if ticket != self._latest:
            return
        if isinstance(result, _Failed):
            raise result.error  # the window's error guard says what went wrong
        self._deliver(result)


class _Failed:
    def __init__(self, error: Exception) -> None:
        self.error = error
