"""审核 of a unit's materials: 40 and 200 generated reports of about 5,000 字 (printed, not asserted)."""

from __future__ import annotations

import pytest

from app.bench.review import measure_review


@pytest.mark.bench
def test_review_40_and_200_reports(capsys):
    rows = [measure_review(40), measure_review(200)]
    with capsys.disabled():
        for row in rows:
            print(f"\n[bench] 审核 {row['reports']} 份×5000 字：{row['seconds']:.2f} s "
                  f"(CPU {row['cpu_seconds']:.2f} s; goal for 40: ≤ 10 s), "
                  f"{row['pairs']} pairs share sentences")
    assert all(row["planted_pair_first"] for row in rows)
