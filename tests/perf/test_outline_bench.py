"""Keystroke and recognition benchmark (30,000 字): prints figures; never a timed assertion."""

from __future__ import annotations

import pytest

from app.bench.editing import measure_keystrokes, measure_recognition, report_text


@pytest.mark.bench
def test_keystroke_and_recognition_on_30000_chars(qapp, capsys):
    text = report_text()
    figures = {**measure_recognition(text, runs=5), **measure_keystrokes(text, strokes=100)}
    with capsys.disabled():
        print("\n[bench] 30,000 字: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()))
    assert figures["chars"] >= 30000
