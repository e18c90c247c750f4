"""Keystroke and recognition benchmark on a 30,000-字 report (code in ``app.bench.editing``).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.perf.outline``.
"""

from __future__ import annotations

import sys

from app.bench.editing import measure_keystrokes, measure_recognition, report_text
from app.core.text import count_cjk


def main() -> int:
    text = report_text()
    figures = {"text_chars": count_cjk(text), **measure_recognition(text), **measure_keystrokes(text)}
    for key, value in figures.items():
        print(f"{key}: {value:.2f}" if isinstance(value, float) else f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
