"""The built app's first run, timed from outside: ``python -m app bench --built dist/mingjing``.

A frozen app ignores ``PYTHONPATH`` and runs no ``sitecustomize``, so the in-process probe
of the other start-up figures cannot be put into it.  Instead the built app is started with
``MINGJING_READY_PROBE=1`` (``app.ui.ready_probe``, shipped): it prints ``time.monotonic()``
stamps when its main window is exposed and when the suggestions are jieba-ranked (the
bench's own definition of "ready"), then quits.  The clock is the parent's
``time.monotonic()`` just before the process starts, as for the source figures.

Every run is a first run: a new empty user folder (``MINGJING_HOME``) and HOME/XDG folders,
no ``PYTHON*``/``MINGJING_*`` variables from this environment, so the only caches are the ones
shipped in the bundle (``resources/cache``).  The bundle's files are in the OS file cache
after the first run (or the build), as on a machine where the app was just unpacked.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.bench.launch import private_env

TIMEOUT_S = 180.0


class BuiltAppError(RuntimeError):
    """The built app crashed, or ended without saying its suggestions were ready."""


def executable(path: Path) -> Path:
    """The program inside a built folder (``dist/mingjing``), or ``path`` itself."""
    if path.is_dir():
        for name in ("mingjing", "mingjing.exe"):
            if (path / name).is_file():
                return path / name
        raise FileNotFoundError(f"{path} 中没有 mingjing 程序")
    if not path.is_file():
        raise FileNotFoundError(f"找不到 {path}")
    return path


def first_run(program: Path, root: Path) -> dict[str, float]:
    """One first run in the empty folder ``root``: ms from process start to window exposed and
    to suggestions ready, and the number of phrases."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MINGJING_"))}
    env = private_env(root / "env", clean)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["MINGJING_HOME"] = str(root / "mingjing-home")
    env["MINGJING_READY_PROBE"] = "1"
    started = time.monotonic()
    proc = subprocess.run([str(program)], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=TIMEOUT_S, check=False)
    stamps: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in ("WINDOW_EXPOSED", "SUGGESTIONS_READY", "PHRASES"):
            stamps[key] = float(value)
    if proc.returncode != 0 or "SUGGESTIONS_READY" not in stamps:
        raise BuiltAppError(f"{program} 退出码 {proc.returncode}，未报告素材推荐就绪：\n"
                            f"{(proc.stdout + proc.stderr)[-2000:]}")
    return {"window_exposed_ms": (stamps["WINDOW_EXPOSED"] - started) * 1000,
            "suggestions_ready_ms": (stamps["SUGGESTIONS_READY"] - started) * 1000,
            "phrases": stamps.get("PHRASES", float("nan"))}


def measure(path: Path, runs: int = 3) -> dict[str, object]:
    """``runs`` first runs of the built app at ``path``; medians and every run."""
    program = executable(path)
    rows = []
    with tempfile.TemporaryDirectory(prefix="mingjing-built-") as tmp:
        for i in range(runs):
            rows.append(first_run(program, Path(tmp) / f"run-{i}"))
    ready = [r["suggestions_ready_ms"] for r in rows]
    shown = [r["window_exposed_ms"] for r in rows]
    return {"program": str(program), "runs": rows,
            "built_first_run_suggestions_ready_ms": round(statistics.median(ready), 1),
            "built_first_run_window_exposed_ms": round(statistics.median(shown), 1),
            "goal_ms": 1500, "platform": sys.platform}


def format_result(result: dict) -> str:
    ready = result["built_first_run_suggestions_ready_ms"]
    rows = result["runs"]
    assert isinstance(rows, list) and isinstance(ready, float)
    mark = "✓" if ready <= 1500 else "✗"
    return "\n".join([
        f"安装版：{result['program']}",
        f"{mark} 首次运行到素材推荐就绪（安装版，随包缓存）  中位数 {ready:.0f} ms  目标 ≤ 1500 ms  "
        f"[built_first_run_suggestions_ready_ms]",
        "  各次：" + "，".join(f"{r['suggestions_ready_ms']:.0f}" for r in rows) + " ms",
        f"– 首次运行到主窗口显示（安装版）  中位数 {result['built_first_run_window_exposed_ms']:.0f} ms"
        "  各次：" + "，".join(f"{r['window_exposed_ms']:.0f}" for r in rows) + " ms",
        f"  素材 {rows[0]['phrases']:.0f} 条；每次都是新的空用户文件夹，只用安装包里带的缓存",
    ])
