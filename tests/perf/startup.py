"""Process start → main window exposed for ``python -m app`` (code in ``app.bench``).

Run: ``.venv/bin/python -m tests.perf.startup [N]``, or to compare source trees (e.g. an
older commit unpacked with ``git archive``), alternating them run by run:
``.venv/bin/python -m tests.perf.startup 10 --tree /tmp/before --tree .``; with ``--session``
each run stays 3 s and also reports the worst event-loop stall and when suggestions were
ready (the older tree needs a copy of ``app/bench`` for that hook).
The probe (``app/bench/probe.py``) is the same one ``tests/perf/peer_novelwriter.py`` uses.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from app.bench.launch import launch
from app.bench.startup import HOOK, STALL_WINDOW_S, Sandbox, app_argv, measure_startup


def measure(runs: int = 5) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        return measure_startup(Sandbox(Path(tmp)), runs)


def compare(trees: list[Path], runs: int, session: bool = False) -> dict[Path, list]:
    """``python -m app`` from each tree (its own user dir), alternating, after a warm-up."""
    times: dict[Path, list] = {tree: [] for tree in trees}
    with tempfile.TemporaryDirectory() as tmp:
        boxes = {tree: Sandbox(Path(tmp) / str(i)) for i, tree in enumerate(trees)}
        for tree, box in boxes.items():  # warm-up until the caches are built, per tree
            launch(app_argv(), dict(box.env, MINGJING_BENCH_STOP_WHEN_READY="1"), box.probe,
                   cwd=tree, stay_s=30, hook=HOOK)
        for rnd in range(runs + 1):
            for tree in trees if rnd % 2 == 0 else reversed(trees):
                box = boxes[tree]
                if session:
                    r = launch(app_argv(), box.env, box.probe, cwd=tree, stay_s=STALL_WINDOW_S,
                               hook=HOOK)
                    value = (r.startup_ms, r.values.get("stall_ms", float("nan")),
                             r.values.get("suggestions_ready_ms", float("nan")))
                else:
                    value = launch(app_argv(), box.env, box.probe, cwd=tree).startup_ms
                if rnd:
                    times[tree].append(value)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--tree", type=Path, action="append", default=[])
    parser.add_argument("--session", action="store_true", help="stay 3 s: stall, suggestions")
    args = parser.parse_args(argv)
    if args.session:
        for tree, rows in compare([t.resolve() for t in args.tree or [Path(".")]], args.runs,
                                  True).items():
            print(f"{tree}:")
            for i, name in enumerate(("start-up", "worst stall in 3 s", "suggestions ready")):
                values = [row[i] for row in rows]
                print(f"  {name} (ms): median {statistics.median(values):.0f}; runs: "
                      + ", ".join(f"{v:.0f}" for v in values))
        return 0
    results = (compare([t.resolve() for t in args.tree], args.runs) if args.tree
               else {Path("."): measure(args.runs)})
    for tree, times in results.items():
        print(f"{tree}: start-up to main window exposed (ms): " + ", ".join(f"{t:.0f}" for t in times))
        print(f"  median {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
