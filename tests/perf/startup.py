"""Measure process start → main window exposed for ``python -m app`` (median of N runs).

Run: ``.venv/bin/python -m tests.perf.startup [N]``.  The parent times from just before it
starts the process until the child prints WINDOW_SHOWN (after ``show()`` and one turn of
the event loop), so interpreter start-up and every import are included.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def measure_once(home: Path) -> float:
    env = dict(os.environ, MINGJING_STARTUP_PROBE="1", MINGJING_HOME=str(home),
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if line.startswith("WINDOW_SHOWN"):
            elapsed = (time.perf_counter() - start) * 1000
            if line.split()[1] != "True":
                raise RuntimeError("the window was shown but never exposed")
            break
    else:
        raise RuntimeError("the window never reported being shown")
    proc.wait(timeout=30)
    return elapsed


def measure(runs: int = 5) -> list[float]:
    with tempfile.TemporaryDirectory() as home:
        measure_once(Path(home))  # warm the OS file cache, as a second start would be
        return [measure_once(Path(home)) for _ in range(runs)]


if __name__ == "__main__":
    times = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    print("start-up to window shown (ms):", ", ".join(f"{t:.0f}" for t in times))
    print(f"median {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f}")
