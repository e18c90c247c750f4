"""Start-up benchmark: prints the figure; never a timed assertion."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

import pytest

from app.bench.startup import Sandbox, measure_startup


@pytest.mark.bench
def test_startup_to_window_shown(capsys):
    with tempfile.TemporaryDirectory() as tmp:
        times = measure_startup(Sandbox(Path(tmp)), 5)
    with capsys.disabled():
        print(f"\n[bench] start-up to window shown: median {statistics.median(times):.0f} ms "
              f"(runs: {', '.join(f'{t:.0f}' for t in times)})")
    assert len(times) == 5
