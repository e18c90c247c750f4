"""Start-up benchmark: prints the figure; never a timed assertion."""

from __future__ import annotations

import statistics

import pytest

from tests.perf.startup import measure


@pytest.mark.bench
def test_startup_to_window_shown(capsys):
    times = measure(5)
    with capsys.disabled():
        print(f"\n[bench] start-up to window shown: median {statistics.median(times):.0f} ms "
              f"(runs: {', '.join(f'{t:.0f}' for t in times)})")
    assert len(times) == 5
