"""Start-up from outside the process for several source trees, alternating (before/after).

Run: ``.venv/bin/python -m tests.perf.outside_ab :57 /tmp/before . [--runs 10] [--novelwriter]``
on an X display with a window manager (``Xvfb :57 & DISPLAY=:57 openbox &``). Each round starts
a bare PySide6 window, ``python -m app`` in each tree (the tree as working directory) and, with
``--novelwriter``, novelWriter, in an order rotated every round; the clock is
``app.bench.outside.time_to_window`` (exec → first mapped window, polled with xdotool). One
sandbox (HOME, XDG, MINGJING_HOME, byte-code) for all; one warm start of each first, and each
tree's caches built before anything is counted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from app.bench.launch import launch
from app.bench.outside import time_to_window
from app.bench.startup import HOOK, Sandbox, app_argv
from tests.perf.peer_novelwriter import BARE_WINDOW, DEFAULT_VENV, ensure_novelwriter


def measure(display: str, trees: list[Path], runs: int, novelwriter: bool) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="mingjing-outside-ab-") as tmp:
        sandbox = Sandbox(Path(tmp))
        env = dict(sandbox.env)
        env.pop("PYTHONPATH", None)
        programs: dict[str, tuple[list[str], Path | None]] = {
            "bare PySide6": ([sys.executable, "-c", BARE_WINDOW], None)}
        if novelwriter:
            launcher, version = ensure_novelwriter(DEFAULT_VENV)
            programs[f"novelWriter {version}"] = (
                [str(launcher), f"--config={Path(tmp) / 'nw-config'}", f"--data={Path(tmp) / 'nw-data'}"],
                Path(tmp))
        for tree in trees:
            programs[str(tree)] = (app_argv(), tree)
            launch(app_argv(), dict(sandbox.env, MINGJING_BENCH_STOP_WHEN_READY="1"), sandbox.probe,
                   cwd=tree, stay_s=30, hook=HOOK)  # its caches, as a second start finds them
        for argv, cwd in programs.values():
            time_to_window(argv, env, display, cwd=cwd)
        names = list(programs)
        times: dict[str, list[float]] = {name: [] for name in names}
        for i in range(runs):
            for name in names[i % len(names):] + names[:i % len(names)]:
                argv, cwd = programs[name]
                times[name].append(time_to_window(argv, env, display, cwd=cwd))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("display", help="X display with a window manager, e.g. :57")
    parser.add_argument("trees", nargs="+", type=Path, help="source trees (e.g. /tmp/before .)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--novelwriter", action="store_true", help="also start novelWriter")
    args = parser.parse_args(argv)
    times = measure(args.display, [t.resolve() for t in args.trees], args.runs, args.novelwriter)
    for name, values in times.items():
        q1, _, q3 = statistics.quantiles(values, n=4)
        print(f"{name}: median {statistics.median(values):.0f} ms (IQR {q1:.0f}–{q3:.0f}); runs: "
              + ", ".join(f"{v:.0f}" for v in values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
