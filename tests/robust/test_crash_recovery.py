"""Proof: type into the real app, kill -9 it, start it again, get the text back.

The app runs as a subprocess (offscreen) through ``tests/robust/crash_driver.py``, which
calls the same ``run_gui`` as ``python -m app``; recovery is answered through
``MINGJING_RECOVERY_ANSWER``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

ROBUST_FIGURES: dict[str, list] = {"kills": [], "loss_s": []}  # (read by the report)


class App:
    """One run of the app in a subprocess, its stdout read line by line on a thread."""

    def __init__(self, home: Path, *args: str, answer: str = "recover") -> None:
        env = dict(os.environ, MINGJING_HOME=str(home), QT_QPA_PLATFORM="offscreen",
                   MINGJING_RECOVERY_ANSWER=answer)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.robust.crash_driver", *args], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, prefix: str, timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for line in self.lines:
                if line.startswith(prefix):
                    return line
            if self.proc.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.02)
        err = self.proc.stderr.read() if self.proc.poll() is not None else ""
        raise AssertionError(f"no {prefix!r} from the app; got {self.lines[-5:]}; stderr: {err[-2000:]}")

    def kill9(self) -> float:
        os.kill(self.proc.pid, signal.SIGKILL)
        killed_at = time.time()
        self.proc.wait(timeout=10)
        assert self.proc.returncode == -signal.SIGKILL
        ROBUST_FIGURES["kills"].append(killed_at)
        return killed_at

    def finish(self, timeout: float = 60) -> None:
        self.proc.wait(timeout=timeout)
        self._reader.join(timeout=5)


def _recovered(home: Path, answer: str = "recover") -> dict:
    app = App(home, "report", answer=answer)
    report = json.loads(app.wait_for("REPORT ")[len("REPORT "):])
    app.finish()
    return report


def _snapshots(home: Path) -> list[dict]:
    found = []
    for path in (home / "autosave").glob("*.json"):
        try:
            found.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass  # (never happens: writes are atomic; tolerated to keep polling simple)
    return found


def _settings(home: Path, interval_s: int) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.ini").write_text(f"[autosave]\ninterval_s={interval_s}\n", encoding="utf-8")


def test_killed_app_offers_identical_text_back(tmp_path, corpus):
    home = tmp_path / "home"
    _settings(home, 1)
    text_file = tmp_path / "typed.txt"
    text_file.write_text("\n" + corpus[0].read_text(encoding="utf-8")[:3000], encoding="utf-8")
    app = App(home, "type", str(text_file), "150", "15")
    screen = json.loads(app.wait_for("DONE ")[len("DONE "):])
    end = time.monotonic() + 20
    while time.monotonic() < end and not any(s["paragraphs"] == screen for s in _snapshots(home)):
        time.sleep(0.05)
    app.kill9()
    assert [s["paragraphs"] for s in _snapshots(home)] == [screen]

    report = _recovered(home)
    assert report["paragraphs"] == screen  # roles and text, identical
    assert report["modified"] is True  # recovered, not yet saved
    assert "已恢复" in report["status"] and "自动保存" in report["status"]
    # Recovered but not yet saved: it is still there for the next start.
    assert [s["paragraphs"] for s in _snapshots(home)] == [screen]

    # Declining removes it for good.
    report = _recovered(home, answer="discard")
    assert "已恢复" not in report["status"]
    assert _snapshots(home) == []
    # (only the lease of the run that just exited is left; the next start clears it)
    assert [p.suffix for p in (home / "autosave").iterdir()] == [".lock"]


def test_later_keeps_the_draft_for_the_next_start(tmp_path):
    home = tmp_path / "home"
    _settings(home, 1)
    text_file = tmp_path / "typed.txt"
    text_file.write_text("以后再恢复的一段话。", encoding="utf-8")
    app = App(home, "type", str(text_file), "100", "10")
    screen = json.loads(app.wait_for("DONE ")[len("DONE "):])
    end = time.monotonic() + 20
    while time.monotonic() < end and not _snapshots(home):
        time.sleep(0.05)
    app.kill9()
    report = _recovered(home, answer="later")
    assert report["modified"] is False and "以后再恢复" not in report["text"]
    assert [s["paragraphs"] for s in _snapshots(home)] == [screen]
    assert _recovered(home)["paragraphs"] == screen


@pytest.mark.slow
def test_data_lost_by_kill_during_steady_typing(tmp_path, corpus, capsys):
    """Kill at random moments while typing never stops, with the default 5 s interval;
    prints the worst loss (seconds of typing not in the recovered draft)."""
    runs = int(os.environ.get("MINGJING_KILL_RUNS", "3"))
    rng = random.Random(7)
    source = "".join(p.read_text(encoding="utf-8") for p in corpus)
    losses = []
    for run in range(runs):
        home = tmp_path / f"home{run}"
        text_file = tmp_path / f"typed{run}.txt"
        text_file.write_text(source, encoding="utf-8")
        app = App(home, "type", str(text_file), "2", "100")  # 20 字/s, a fast typist
        base = int(app.wait_for("START ").split()[1])
        app.wait_for("TYPED ")
        time.sleep(rng.uniform(5.5, 12.0))
        killed_at = app.kill9()
        typed = {int(n): float(t) for _, t, n in (ln.split() for ln in app.lines
                                                  if ln.startswith("TYPED "))}
        report = _recovered(home)
        got = len(report["text"]) - base
        assert got in typed, f"recovered {got} characters, not a keystroke boundary"
        assert report["text"].endswith(source[:got].replace("\r\n", "\n")[-50:])
        loss = killed_at - typed[got]
        losses.append(loss)
        ROBUST_FIGURES["loss_s"].append(loss)
        assert loss < 5 + 5, f"lost {loss:.1f} s of typing"  # interval, plus a loaded machine
    with capsys.disabled():
        print(f"\n[robust] kill -9 during typing (autosave every 5 s): {runs} runs, "
              "typing lost (s): " + ", ".join(f"{x:.2f}" for x in losses)
              + f"; worst {max(losses):.2f} s")
