"""First-run cache building in a child process, so the window's process never stalls.

On a later start the engine loads jieba's prefix dictionary from its sliced cache and the
phrases' tokens and pinyin readings from their caches, yielding the GIL between slices
(worst UI stall ~15–25 ms).  Building those caches the first time is different: jieba's
dictionary builder, the dict resizes and the big collections behind it, and pypinyin's
import (``json.loads`` of its phrase dictionary, ~120 ms in one C call) each hold the GIL
for 150–400 ms.  So when a cache is missing, ``warm_in_child`` runs that work in a
separate process (``mingjing --warm-caches DIR``) and the worker thread only waits for
it; afterwards the ordinary, sliced loading path runs.  If the child cannot run, the
caller falls back to building in-process (slower UI, same result).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

FLAG = "--warm-caches"
TIMEOUT_S = 120


class Warmup:
    """The running child, so that closing the window can stop it (the loader thread waits
    for the child, and a window must not be destroyed while its thread still runs)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self.stopped = False

    def stop(self) -> None:
        """Kill the child if one is running; loading after it is skipped."""
        with self._lock:
            self.stopped = True
            if self._child is not None and self._child.poll() is None:
                self._child.kill()

    def _started(self, child: subprocess.Popen) -> bool:
        with self._lock:
            self._child = child
            if self.stopped:
                child.kill()
            return not self.stopped


def child_command(user_dir: Path) -> list[str]:
    """How to start this program in cache-building mode (source tree or frozen build)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FLAG, str(user_dir)]
    return [sys.executable, "-m", "app", FLAG, str(user_dir)]


def warm_in_child(user_dir: Path, timeout: float = TIMEOUT_S,
                  warmup: Warmup | None = None) -> bool:
    """Build the caches under ``user_dir`` in a child process; True when it succeeded.
    ``warmup.stop()`` from another thread ends the child early (then False)."""
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")  # the child never opens a window
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash on Windows
    try:
        child = subprocess.Popen(child_command(user_dir), env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 creationflags=flags)
    except (OSError, subprocess.SubprocessError):
        return False
    if warmup is not None and not warmup._started(child):
        child.wait()
        return False
    try:
        return child.wait(timeout) == 0
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return False

