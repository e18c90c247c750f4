"""Opening a long report without freezing the window.

The file is read on a worker thread and a long document goes into the editor a slice at a
time; meanwhile a local event loop keeps the window painting and answering, the status bar
shows how far it got, and the editor is read-only.  ``open_path`` stays synchronous for its
callers: when it returns, the document is there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QTimer

from app.core.model import Document
from app.ui.off_thread import OffThread

T = TypeVar("T")
IN_STEPS_CHARS = 100_000  # shorter documents load in one go (a few tens of ms)
READ_POLL_MS = 15
READ_WAIT_S = 0.02  # a read that takes longer is waited for with the window's events served
SHOWN_NAME_CHARS = 16  # a file name in the status bar's progress is cut to this many characters


def short_name(name: str) -> str:
    """``name`` short enough that the progress after it stays in the status bar: at 1024 px
    the 字数 and 当前 labels leave about 400 px for the message."""
    return name if len(name) <= SHOWN_NAME_CHARS else name[:SHOWN_NAME_CHARS - 1] + "…"


def without_freezing(host, work: Callable[[], T], message: str) -> T:
    """``work()`` on a worker thread while the window's events are served (``message`` in
    the status bar if it takes a while); returns what it returns, raises what it raises."""
    results: list[T] = []
    errors: list[BaseException] = []

    def main() -> None:
        try:
            results.append(work())
        except BaseException as exc:  # handed to the UI thread below
            errors.append(exc)

    worker = threading.Thread(target=main, name="without-freezing", daemon=True)
    worker.start()
    worker.join(READ_WAIT_S)  # quick work: done before anything needs repainting
    if worker.is_alive():
        host.notify(message, 0)
        loop = QEventLoop()
        timer = QTimer(interval=READ_POLL_MS)
        timer.timeout.connect(lambda: loop.quit() if not worker.is_alive() else None)
        timer.start()
        loop.exec()
        timer.stop()
        host.notify("", 1)
    worker.join()
    if errors:
        raise errors[0]
    return results[0]


def read_without_freezing(host, path: Path) -> Document:
    """``read_document(path)`` on a worker thread while the window's events are served;
    raises what it raises (``DocumentReadError``)."""

    def read() -> Document:
        # imported here: the first time it brings python-docx (80 ms, not on the UI thread)
        from app.core.formats.reader import read_document

        return read_document(path)

    return without_freezing(host, read, f"正在读取“{short_name(path.name)}”……")


def load_without_freezing(host, editor, document: Document, path: Path | None) -> None:
    """``host.draft.load`` — in slices, with progress, when the document is long."""
    draft = host.draft
    if sum(len(p.text) for p in document.paragraphs) < IN_STEPS_CHARS:
        draft.load(document, path)
        return
    was_read_only = editor.isReadOnly()
    editor.setReadOnly(True)
    loop = QEventLoop()
    name = short_name(path.name) if path else "文稿"

    def progress(percent: int) -> None:
        host.notify(f"正在打开“{name}”…… {percent}%", 0)

    def done() -> None:
        host.notify("", 1)
        loop.quit()

    try:
        draft.load_in_steps(document, path, progress, done)
        if draft.loading_steps:
            loop.exec()
    finally:
        editor.setReadOnly(was_read_only)


BIG_TEXT_CHARS = 200_000  # a draft this long has the used-phrases scan run off the UI thread


def update_usage(window) -> None:
    """Mark the phrases the draft already uses: a long draft is scanned on a worker thread
    (one substring search per phrase over the whole text: 130 ms at 1 MB)."""
    from app.core.phrases.phrasebank import used_phrase_ids

    text = window.draft.qdoc.toPlainText()
    phrases = list(window.services.index.phrases)
    if len(text) < BIG_TEXT_CHARS:
        window.phrase_panel.set_used(used_phrase_ids(text, phrases))
        return
    runner = window.findChild(OffThread, "usageScan")
    if runner is None:
        runner = OffThread(window.phrase_panel.set_used, window, window.jobs.track("usage-scan"))
        runner.setObjectName("usageScan")
    runner.run(lambda: used_phrase_ids(text, phrases))
