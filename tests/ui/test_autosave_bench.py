"""Autosave's cost on the UI thread and on its worker (printed, never asserted on time)."""

from __future__ import annotations

import statistics
import time

import pytest

from app.core.formats.reader import read_document


@pytest.mark.bench
def test_autosave_cost_for_a_typical_report(window, corpus, capsys):
    window.draft.load(read_document(corpus[0]))
    window.draft.qdoc.setModified(True)
    chars = len(window.draft.qdoc.toPlainText())
    snap_ms, write_ms = [], []
    for _ in range(20):
        future = window.safety.autosave.save_now()
        snap_ms.append(window.safety.autosave.last_snapshot_ms)
        start = time.perf_counter()
        assert future.result(timeout=30)
        write_ms.append((time.perf_counter() - start) * 1000)
    with capsys.disabled():
        print(f"\n[bench] autosave of a {chars}-character report: snapshot on the UI thread "
              f"median {statistics.median(snap_ms):.2f} ms (max {max(snap_ms):.2f}); "
              f"encode+write+fsync on the worker median {statistics.median(write_ms):.1f} ms "
              f"(max {max(write_ms):.1f})")
    window.draft.qdoc.setModified(False)
