"""Start-up of 明镜 against novelWriter (a PyQt6 writing app), measured the same way, alternating.

Run: ``.venv/bin/python -m tests.perf.peer_novelwriter [--runs 10] [--json]`` (offscreen by
default; ``xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb …`` for a real X
server). novelWriter is installed from PyPI into its own venv
(``~/.cache/mingjing-bench/novelwriter-venv``, or ``--venv``), never into ours.

Both apps are started as fresh processes with the same probe (``app/bench/probe.py``, put
first on PYTHONPATH as ``sitecustomize``): process start is ``time.monotonic()`` in this
process just before the child is spawned; "exposed" is the first ``QEvent.Expose`` after which
a visible ``QMainWindow`` has an exposed native window, stamped with ``time.monotonic()`` in
the child. Neither app is modified. Each app's HOME/XDG folders, novelWriter's ``--config``
and ``--data`` folders and 明镜's MINGJING_HOME are in one temp folder; one warm-up start each
leaves each app in its second-start state (明镜's caches built, novelWriter's config file
written) before anything is counted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from app.bench.launch import launch
from app.bench.startup import HOOK, Sandbox

DEFAULT_VENV = Path.home() / ".cache" / "mingjing-bench" / "novelwriter-venv"
REQUIREMENT = "novelWriter>=2.5"
GOAL_RATIO = 0.2
# The floor for any PySide6 app: interpreter, PySide6, one QMainWindow with a text edit.
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTextEdit())
window.resize(1360, 860)
window.show()
app.exec()
"""


def ensure_novelwriter(folder: Path) -> tuple[Path, str]:
    """The venv's novelwriter launcher and version, installing from PyPI on first use."""
    python = folder / "bin" / "python"
    launcher = folder / "bin" / "novelwriter"
    probe = [str(python), "-c", "import novelwriter; print(novelwriter.__version__)"]
    found = subprocess.run(probe, capture_output=True, text=True) if python.exists() else None
    if found is None or found.returncode != 0:
        print(f"installing {REQUIREMENT} into {folder} …", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        subprocess.run([str(python), "-m", "pip", "install", "-q", REQUIREMENT], check=True)
        found = subprocess.run(probe, capture_output=True, text=True, check=True)
    return launcher, found.stdout.strip()


def describe(values: list[float]) -> dict[str, float]:
    quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "q1": quartiles[0], "q3": quartiles[2]}


def measure(runs: int, venv_dir: Path) -> dict:
    launcher, version = ensure_novelwriter(venv_dir)
    ours, theirs, bare = [], [], []
    with tempfile.TemporaryDirectory(prefix="mingjing-peer-") as tmp:
        sandbox = Sandbox(Path(tmp))
        nw_args = [str(launcher), f"--config={Path(tmp) / 'nw-config'}",
                   f"--data={Path(tmp) / 'nw-data'}"]
        env = dict(sandbox.env)

        def run_ours() -> float:
            return sandbox.run().startup_ms

        def run_theirs() -> float:
            return launch(nw_args, env, sandbox.probe, cwd=Path(tmp)).startup_ms

        def run_bare() -> float:
            return launch([sys.executable, "-c", BARE_WINDOW], env, sandbox.probe).startup_ms

        # Warm-up: byte-code, and each app's second-start state. Ours stays until its caches
        # are built (as measure_startup does); novelWriter runs 4 s and is asked to close its
        # window after one (its welcome dialog may keep it open), so its config is written.
        sandbox.run(stay_s=30, hook=HOOK, extra_env={"MINGJING_BENCH_STOP_WHEN_READY": "1"})
        launch(nw_args, env, sandbox.probe, cwd=Path(tmp), stay_s=4,
               hook="mingjing_probe_hooks:close_soon")
        run_bare()
        for i in range(runs):
            order = (run_ours, run_theirs) if i % 2 == 0 else (run_theirs, run_ours)
            for fn in order:
                (ours if fn is run_ours else theirs).append(fn())
            bare.append(run_bare())
    a, b = describe(ours), describe(theirs)
    return {"runs": runs, "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "novelwriter_version": version, "mingjing_ms": ours, "novelwriter_ms": theirs,
            "bare_pyside6_ms": bare,
            "mingjing": a, "novelwriter": b, "bare_pyside6": describe(bare), "ratio": a["median"] / b["median"],
            "goal_ratio": GOAL_RATIO, "cpus": os.cpu_count()}


def measure_outside(runs: int, venv_dir: Path, display: str) -> dict:
    """The user's view: exec → first visible window (xdotool on the X server ``display``),
    bare PySide6 window, 明镜 and novelWriter alternating, after one warm start of each."""
    from app.bench.outside import time_to_window
    from app.bench.startup import app_argv
    from app.core.paths import install_root

    launcher, version = ensure_novelwriter(venv_dir)
    times: dict[str, list[float]] = {"bare_pyside6": [], "mingjing": [], "novelwriter": []}
    with tempfile.TemporaryDirectory(prefix="mingjing-outside-") as tmp:
        sandbox = Sandbox(Path(tmp))
        env = dict(sandbox.env)
        env.pop("PYTHONPATH", None)
        nw_args = [str(launcher), f"--config={Path(tmp) / 'nw-config'}",
                   f"--data={Path(tmp) / 'nw-data'}"]
        programs = {
            "bare_pyside6": ([sys.executable, "-c", BARE_WINDOW], None),
            "mingjing": (app_argv(), install_root()),
            "novelwriter": (nw_args, Path(tmp)),
        }
        # Warm-up: byte-code and caches (明镜 builds its caches on the first start).
        sandbox.run(stay_s=30, hook=HOOK, extra_env={"MINGJING_BENCH_STOP_WHEN_READY": "1"})
        for argv, cwd in programs.values():
            time_to_window(argv, env, display, cwd=cwd)
        for _ in range(runs):
            for name, (argv, cwd) in programs.items():
                times[name].append(time_to_window(argv, env, display, cwd=cwd))
    summary = {name: describe(values) for name, values in times.items()}
    return {"runs": runs, "display": display, "novelwriter_version": version,
            **{f"{k}_ms": v for k, v in times.items()}, **summary,
            "ratio_novelwriter": summary["mingjing"]["median"] / summary["novelwriter"]["median"],
            "ratio_bare": summary["mingjing"]["median"] / summary["bare_pyside6"]["median"],
            "cpus": os.cpu_count()}


def print_outside(r: dict) -> None:
    print(f"outside view: exec → first visible window (xdotool, X display {r['display']}), "
          f"{r['runs']} alternating runs each, {r['cpus']} CPUs, warm")
    for name, key in (("bare PySide6 window", "bare_pyside6"), ("明镜", "mingjing"),
                      (f"novelWriter {r['novelwriter_version']}", "novelwriter")):
        d = r[key]
        runs = ", ".join(f"{t:.0f}" for t in r[f"{key}_ms"])
        name = name.ljust(20 - sum(1 for c in name if ord(c) > 0x2E80))
        print(f"  {name} median {d['median']:.0f} ms (IQR {d['q1']:.0f}–{d['q3']:.0f}); runs: {runs}")
    print(f"  明镜 / bare window = {r['ratio_bare']:.2f} (goal ≤ 1.5); "
          f"明镜 / novelWriter = {r['ratio_novelwriter']:.2f} (goal ≤ {GOAL_RATIO})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="starts of each app (default 10)")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="novelWriter's venv")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--outside", metavar="DISPLAY",
                        help="measure from outside the process on this X display (e.g. :97; "
                             "needs Xvfb and xdotool)")
    args = parser.parse_args(argv)
    if args.outside:
        r = measure_outside(args.runs, args.venv, args.outside)
        print(json.dumps(r, indent=2)) if args.json else print_outside(r)
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    r = measure(args.runs, args.venv)
    if args.json:
        print(json.dumps(r, indent=2))
        return 0
    print(f"process start → main window exposed, QT_QPA_PLATFORM={r['platform']}, "
          f"{r['runs']} alternating runs each, {r['cpus']} CPUs")
    for name, key in (("明镜", "mingjing"), (f"novelWriter {r['novelwriter_version']}", "novelwriter"),
                      ("bare PySide6 window", "bare_pyside6")):
        d = r[key]
        runs = ", ".join(f"{t:.0f}" for t in r[f"{key}_ms"])
        name = name.ljust(20 - sum(1 for c in name if ord(c) > 0x2E80))
        print(f"  {name} median {d['median']:.0f} ms (IQR {d['q1']:.0f}–{d['q3']:.0f}, "
              f"min {d['min']:.0f}, max {d['max']:.0f}); runs: {runs}")
    verdict = "met" if r["ratio"] <= GOAL_RATIO else "missed"
    print(f"  ratio 明镜 / novelWriter = {r['ratio']:.2f} (goal ≤ {GOAL_RATIO}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
