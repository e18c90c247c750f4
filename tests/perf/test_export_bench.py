"""Export benchmark: a 30,000-字 document to .docx, and ``format`` as a whole process.

Prints the figures (goal: export ≤ 150 ms); never a timed assertion.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.bench.documents import measure_export
from app.core.formats.docx_io import read_docx
from app.core.formats.reader import read_document
from app.core.model import Document, Role
from app.core.text import count_cjk

ROOT = Path(__file__).resolve().parents[2]
TARGET_CHARS = 30_000


def big_document(corpus) -> Document:
    """Corpus paragraphs repeated until the document holds 30,000 Chinese characters."""
    pool = [p for path in corpus for p in read_document(path).paragraphs
            if p.role not in (Role.TITLE, Role.META)]
    paragraphs, chars, i = [], 0, 0
    while chars < TARGET_CHARS:
        para = pool[i % len(pool)]
        paragraphs.append(para)
        chars += count_cjk(para.text)
        i += 1
    return Document(paragraphs, None)


@pytest.mark.bench
def test_export_30000_chars(corpus, capsys):
    r = measure_export(7, big_document(corpus))
    with capsys.disabled():
        print(f"\n[bench] export {r['chars']} 字 / {r['paragraphs']} paragraphs to .docx: "
              f"median {r['median_ms']:.0f} ms (min {min(r['runs_ms']):.0f}); with bold lead "
              f"sentences {r['bold_median_ms']:.0f} ms; file {r['bytes'] // 1024} KB (goal ≤ 150 ms)")
    assert r["bytes"] > 10_000


@pytest.mark.bench
def test_format_30000_chars_as_a_process(corpus, tmp_path, capsys):
    document = big_document(corpus)
    source = tmp_path / "big.txt"
    source.write_text("\n".join(p.text for p in document.paragraphs), encoding="utf-8")
    out = tmp_path / "big.docx"
    env = dict(os.environ, MINGJING_HOME=str(tmp_path / "home"))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "app", "format", str(source), "-o", str(out)],
                       cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
        times.append((time.perf_counter() - start) * 1000)
    with capsys.disabled():
        print(f"\n[bench] python -m app format (30,000 字 .txt -> .docx, whole process): "
              f"median {statistics.median(times):.0f} ms (runs: {', '.join(f'{t:.0f}' for t in times)})")
    assert len(read_docx(out).paragraphs) >= len(document.paragraphs)
