"""Big documents (issue 19): opening, 校对 and 结构检查 at 30k 字, 300k, 1 MB and 5 MB.

Each size is the benchmark report (the samples' sections repeated and renumbered) cut to
that many characters (30k, 300k) or UTF-8 bytes (1 MB, 5 MB), written as a .txt.  Opening
is ``MainWindow.open_path`` in an offscreen window, then 0.2 s of its queued events and
until the outline tree is made; the longest gap between two ticks of a 5 ms UI-thread timer
during it is the longest freeze (and the most UI-thread CPU time between two ticks).
Then 校对 and 结构检查 from the 检查 menu in the window: the longest freeze until the findings
are listed.  Goals: each grows linearly, 1 MB ≤ 3 s each, no freeze over 100 ms.
"""

from __future__ import annotations

import time
from pathlib import Path

SIZES = (("30k 字", 30_000, "chars"), ("300k 字", 300_000, "chars"),
         ("1 MB", 1024 * 1024, "bytes"), ("5 MB", 5 * 1024 * 1024, "bytes"))
GOAL_1MB_S = 3.0
GOAL_FREEZE_MS = 100.0


def sized_text(amount: int, unit: str) -> str:
    from app.bench.texts import report_text
    from app.core.text import count_cjk

    text = report_text(amount if unit == "chars" else amount // 3 + 1000)
    if unit == "bytes":
        data = text.encode("utf-8")
        while len(data) < amount:
            text += "\n" + text
            data = text.encode("utf-8")
        return data[:amount].decode("utf-8", "ignore").rsplit("\n", 1)[0]
    lines, total = [], 0
    for line in text.splitlines():
        lines.append(line)
        total += count_cjk(line)
        if total >= amount:
            break
    return "\n".join(lines)


class FreezeMeter:
    """The longest gap between ticks of a 5 ms timer on the UI thread; also the most CPU
    time the UI thread spent between two ticks (``longest_cpu_ms``: its own work in one
    piece, without the waits for a core or the GIL that a shared machine adds)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest_ms = 0.0
        self.longest_cpu_ms = 0.0
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self.longest_cpu_ms = max(self.longest_cpu_ms, (cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def stop(self) -> float:
        self._timer.stop()
        return self.longest_ms


def measure_open(window, path: Path, timeout_s: float = 600) -> dict:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    window.draft.qdoc.setModified(False)
    app.processEvents()
    meter = FreezeMeter()
    start = time.perf_counter()
    window.files.open_path(path)  # returns once the document is in (events served meanwhile)
    deadline = time.perf_counter() + 0.2
    pane = window.outline_pane  # its tree is made a slice at a time after the open returns

    def busy() -> bool:
        return time.perf_counter() < deadline or getattr(pane, "_pending", None) is not None

    while busy() and time.perf_counter() < start + timeout_s:  # what the open left queued
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    return {"open_s": elapsed, "freeze_ms": meter.stop(), "freeze_cpu_ms": meter.longest_cpu_ms,
            "blocks": window.draft.qdoc.blockCount()}


def measure_window_checks(window, timeout_s: float = 600) -> dict:
    """校对 and 结构检查 from the 检查 menu on the open draft: the longest freeze from the
    call until the findings are listed (a long draft is checked on a worker thread)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    row = {}
    for mode, key in (("proofread", "proofread_freeze_ms"), ("structure", "structure_freeze_ms")):
        meter = FreezeMeter()
        start = time.perf_counter()
        window.checks.show_check(mode)
        panel = window.checks.panel
        while panel.busy and time.perf_counter() < start + timeout_s:
            app.processEvents()
            time.sleep(0.001)
        for _ in range(20):  # the list and underlines painted
            app.processEvents()
            time.sleep(0.002)
        row[key] = meter.stop()
    window.checks.dock.hide()
    return row


def measure_checks(text: str) -> dict:
    from app.core.check import load_check_config, proofread
    from app.core.check.structure_check import check_structure
    from app.core.document.numbering import recognize_text
    from app.core.document.outline import resolve_template
    from app.core.document.templates import load_templates
    from app.core.model import Document
    from app.core.paths import templates_dir
    from app.core.topics import TopicClassifier

    config = load_check_config()
    classifier = TopicClassifier.load()
    templates = load_templates(templates_dir())
    proofread(text[:2000], config)
    start = time.perf_counter()
    proofread(text, config)
    proof_s = time.perf_counter() - start
    start = time.perf_counter()
    paragraphs = recognize_text(text)
    template = resolve_template(Document(paragraphs, None), templates)
    check_structure(paragraphs, text, classifier, template)
    return {"proofread_s": proof_s, "structure_s": time.perf_counter() - start}


def run(sizes=SIZES, with_window: bool = True, progress=lambda _: None) -> list[dict]:
    import tempfile

    rows = []
    with tempfile.TemporaryDirectory(prefix="mingjing-big-") as tmp:
        window = None
        if with_window:
            import os

            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from PySide6.QtCore import QRect
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is None:
                QApplication([])
            QMessageBox.exec = lambda self: 0  # a refusal is recorded in the row, never waits
            from app.core.services import Services
            from app.ui.app import settings_for
            from app.ui.window.main_window import MainWindow
            from app.ui.window.view import place_first_window

            services = Services.load(Path(tmp) / "home")
            window = MainWindow(services, settings_for(services.user_dir))
            place_first_window(window, QRect(0, 0, 1366, 728))  # a 1366×768 screen, its task bar
            window.show()
        for label, amount, unit in sizes:
            progress(label)
            text = sized_text(amount, unit)
            path = Path(tmp) / f"{label}.txt"
            path.write_text(text, encoding="utf-8")
            row = {"size": label, "chars": len(text), "bytes": len(text.encode("utf-8"))}
            row.update(measure_checks(text))
            if window is not None:
                row.update(measure_open(window, path))
                row.update(measure_window_checks(window))
            rows.append(row)
        if window is not None:
            window.draft.qdoc.setModified(False)
            window.close()
    return rows


def format_rows(rows: list[dict]) -> str:
    lines = [f"{'大小':<8}{'字符':>10}{'打开 s':>9}{'最长卡顿 ms':>12}{'其中 CPU ms':>12}{'校对 s':>9}"
             f"{'结构检查 s':>11}{'校对卡顿 ms':>12}{'结构卡顿 ms':>12}"]
    for r in rows:
        lines.append(f"{r['size']:<8}{r['chars']:>10,}{r.get('open_s', float('nan')):>9.2f}"
                     f"{r.get('freeze_ms', float('nan')):>12.0f}{r.get('freeze_cpu_ms', float('nan')):>12.0f}"
                     f"{r['proofread_s']:>9.2f}{r['structure_s']:>11.2f}"
                     f"{r.get('proofread_freeze_ms', float('nan')):>12.0f}"
                     f"{r.get('structure_freeze_ms', float('nan')):>12.0f}")
    lines.append(f"目标：各项随大小线性增长；1 MB 每项 ≤ {GOAL_1MB_S:g} s；界面卡顿 ≤ {GOAL_FREEZE_MS:g} ms。")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    result = run(progress=lambda step: print(step, file=sys.stderr, flush=True))
    print(format_rows(result))
