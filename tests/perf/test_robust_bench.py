"""Figure for issue 7 (printed, never asserted on time): recognition of a 1 MB text.
(The autosave's cost is measured in tests/ui/test_autosave_bench.py, with the window.)"""

from __future__ import annotations

import time

import pytest

from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline


@pytest.mark.bench
def test_recognition_of_one_megabyte(services, corpus, capsys):
    text = "\n".join(p.read_text(encoding="utf-8") for p in corpus)
    while len(text.encode("utf-8")) < 1024 * 1024:
        text += "\n" + text
    text = text.encode("utf-8")[:1024 * 1024].decode("utf-8", "ignore")
    start = time.perf_counter()
    paragraphs = recognize_text(text)
    recognised = time.perf_counter()
    outline = build_outline(paragraphs, services.classifier, None)
    built = time.perf_counter()
    assert len(list(outline.walk())) > 100
    with capsys.disabled():
        print(f"\n[bench] 1 MB text ({len(paragraphs)} paragraphs): recognition "
              f"{(recognised - start) * 1000:.0f} ms, outline {(built - recognised) * 1000:.0f} ms")
