"""Issue 19's big-document figures (printed, never asserted on time): opening, 校对 and
结构检查 at 30k 字, 300k, 1 MB and 5 MB, and the longest freeze while opening.
Full table: ``python -m app.bench.big_documents``."""

from __future__ import annotations

import pytest


@pytest.mark.bench
def test_big_documents_table(capsys):
    from app.bench.big_documents import SIZES, format_rows, run

    rows = run(sizes=SIZES[:3])
    assert all(r["blocks"] > 100 for r in rows)
    with capsys.disabled():
        print("\n[bench] big documents\n" + format_rows(rows))
