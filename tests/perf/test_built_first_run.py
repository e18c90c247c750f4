"""``python -m app bench --built``: the outside timing of a first run through the shipped
``MINGJING_READY_PROBE`` hook.  Here the "built app" is a wrapper that runs the source
(the frozen build itself is timed by .ci/run and tests/packaging); no timed assertion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.bench import built

ROOT = Path(__file__).resolve().parents[2]


def _wrapper(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "mingjing"
    program.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    program.chmod(0o755)
    return folder


def test_a_first_run_reports_when_suggestions_are_ready(tmp_path):
    folder = _wrapper(tmp_path / "app", f'cd "{ROOT}" && exec "{sys.executable}" -m app "$@"')
    result = built.measure(folder, runs=1)
    run = result["runs"][0]
    assert 0 < run["window_exposed_ms"] <= run["suggestions_ready_ms"]
    assert run["phrases"] > 500
    assert result["built_first_run_suggestions_ready_ms"] == pytest.approx(run["suggestions_ready_ms"], abs=0.1)
    text = built.format_result(result)
    assert "built_first_run_suggestions_ready_ms" in text and "≤ 1500 ms" in text


def test_a_crashing_built_app_fails_the_command_and_a_missing_one_is_named(tmp_path):
    folder = _wrapper(tmp_path / "crash", "echo boom >&2; exit 3")
    with pytest.raises(built.BuiltAppError, match="boom"):
        built.measure(folder, runs=1)

    def bench(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "app", "bench", "--built", str(path), "--runs", "1"],
                              cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False)

    crashed = bench(folder)
    assert crashed.returncode == 1 and "boom" in crashed.stderr
    missing = bench(tmp_path / "nowhere")
    assert missing.returncode == 2 and "找不到" in missing.stderr
