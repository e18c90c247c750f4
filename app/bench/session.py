"""Runs inside a measured 明镜 process (``MINGJING_PROBE_HOOK=app.bench.session:watch``).

Called by the probe right after the main window is exposed; reports, as ``time.monotonic()``
stamps (keys ending in ``_t``), when the phrase panel first lists suggestions and when they
are jieba-ranked (segmenter loaded and the panel refreshed), and the resident memory then.
With ``MINGJING_BENCH_WAIT_LEXICON=1`` it then waits for the 校对 lexicon (built on the loader
thread right after) and reports the peak (VmHWM) and the settled resident memory (VmRSS a
moment after the build) too.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer

POLL_MS = 5
SETTLE_MS = 1000  # after the lexicon is built: the loader thread has ended, the UI is idle


def rss_mb(field: str = "VmRSS") -> float:
    """Resident set size of this process in MiB (``field`` VmRSS, or VmHWM: the peak so far;
    peak RSS where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def watch(window, report: Callable[[str, object], None]) -> None:
    """Poll the window until suggestions are ready; ``report("done", …)`` if asked to stop."""
    stop_when_ready = os.environ.get("MINGJING_BENCH_STOP_WHEN_READY") == "1"
    wait_lexicon = os.environ.get("MINGJING_BENCH_WAIT_LEXICON") == "1"
    state = {"first": False}
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def on_loaded() -> None:
        state["loaded"] = True

    def poll() -> None:
        loading = getattr(window, "loading", None)  # older trees (A/B runs) keep window.loader
        loader = loading.loader if loading is not None else getattr(window, "loader", None)
        if loader is not None and not state.get("hooked"):
            state["hooked"] = True  # connected after the panel's own re-rank, so runs after it
            loader.loaded.connect(on_loaded)
        listed = window.phrase_panel.list.count() > 0
        if listed and not state["first"]:
            state["first"] = True
            report("first_suggestions_t", time.monotonic())
        # jieba's dictionary can be loaded (the signal emitted) before this hook connects
        done = (state.get("loaded") or getattr(loading, "jieba_loaded", False)
                or (loader is not None and loader.isFinished())
                or (loader is None and window.services.segmenter.ready))
        if listed and done:
            timer.stop()
            QTimer.singleShot(0, ready)

    def ready() -> None:
        report("suggestions_ready_t", time.monotonic())
        report("rss_mb", rss_mb())
        report("phrases", len(window.services.index.phrases))
        report("chars", window.draft.outline.total_chars)
        if wait_lexicon:
            lexicon_timer.start()
        elif stop_when_ready:
            finish()

    def finish() -> None:
        window.draft.qdoc.setModified(False)
        report("done", 1)

    lexicon_timer = QTimer(window)
    lexicon_timer.setInterval(POLL_MS)

    def poll_lexicon() -> None:
        services = window.services
        if services.lexicon is None and not (services.segmenter.ready and _loader_done(window)):
            return
        lexicon_timer.stop()
        report("lexicon_built", int(services.lexicon is not None))
        QTimer.singleShot(SETTLE_MS, settled)

    def settled() -> None:
        report("rss_lexicon_mb", rss_mb())
        report("rss_peak_mb", rss_mb("VmHWM"))
        if stop_when_ready:
            finish()

    lexicon_timer.timeout.connect(poll_lexicon)
    timer.timeout.connect(poll)
    timer.start()


def _loader_done(window) -> bool:
    loading = getattr(window, "loading", None)
    loader = loading.loader if loading is not None else getattr(window, "loader", None)
    return loader is None or loader.isFinished()
