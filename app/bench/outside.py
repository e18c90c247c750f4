"""Start-up as the user sees it, measured from outside the process.

The clock starts just before ``exec`` of the program and stops when ``xdotool`` first
finds a visible (mapped) window of that process on the X server; the process is then
ended.  Nothing inside the program is hooked, so everything the user waits for counts:
interpreter start, imports, the first paint.  Needs a real X server (Xvfb) and xdotool.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

POLL_S = 0.004


class OutsideError(RuntimeError):
    """The program ended, or showed nothing, before a window appeared."""


def available() -> bool:
    return shutil.which("xdotool") is not None


def visible_window(pid: int, display: str) -> bool:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                           env={**os.environ, "DISPLAY": display}, capture_output=True, text=True)
    return bool(found.stdout.strip())


def time_to_window(argv: list[str], env: dict[str, str], display: str, *, cwd: Path | None = None,
                   timeout_s: float = 60.0) -> float:
    """Milliseconds from exec to the first visible window of the started process."""
    child_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    child_env.pop("WAYLAND_DISPLAY", None)
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=child_env, cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        while time.monotonic() - start < timeout_s:
            if visible_window(proc.pid, display):
                return (time.monotonic() - start) * 1000
            if proc.poll() is not None:
                raise OutsideError(f"{argv[0]} exited with {proc.returncode} before showing a window")
            time.sleep(POLL_S)
        raise OutsideError(f"{argv[0]} showed no window in {timeout_s:.0f} s")
    finally:
        _end(proc)


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            proc.wait()
