"""Engine benchmarks: print measured figures (never timed assertions).

Banks of 1k, 10k and 100k phrases (the issue's goals: p99 ≤ 16 ms at 10k, ≤ 30 ms at 100k);
``MINGJING_BENCH_FULL=1`` runs more cursor moves and repeats.
"""

from __future__ import annotations

import os
import statistics

import pytest

from app.bench import engine as engine_bench

FULL = os.environ.get("MINGJING_BENCH_FULL") == "1"


@pytest.mark.bench
def test_suggest_latency(loaded_services, capsys):
    sizes = (1_000, 10_000, 100_000)
    rows = engine_bench.bench_suggest(loaded_services, sizes, queries=None if FULL else 200)
    with capsys.disabled():
        for r in rows:
            print(f"\n[bench] suggest {r['size']:>6} phrases: p50 {r['p50_ms']:.1f} ms, "
                  f"p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.1f} ms ({r['queries']} cursor moves); "
                  f"index build {r['build_s']:.2f} s; whole-bank search {r['whole_bank_search_ms']:.0f} ms "
                  f"(first, computing readings: {r['whole_bank_search_first_ms']:.0f} ms)")
    assert [r["size"] for r in rows] == list(sizes)


@pytest.mark.bench
def test_segmenter_load_stall(capsys):
    r = engine_bench.bench_stall(None if FULL else 2)
    with capsys.disabled():
        print(f"\n[bench] UI-thread worst stall while loading: jieba's own loader "
              f"{', '.join(f'{x:.0f}' for x in r['jieba_worst_ms'])} ms (load {r['jieba_total_ms']:.0f} ms); "
              f"engine first run {r['engine_first_worst_ms']:.0f} ms (load {r['engine_first_total_ms']:.0f} ms); "
              f"engine later runs {', '.join(f'{x:.0f}' for x in r['engine_worst_ms'])} ms "
              f"(load {r['engine_total_ms']:.0f} ms)")
    assert r["engine_worst_ms"]


@pytest.mark.bench
def test_process_start_to_suggestions(capsys):
    times = engine_bench.bench_cli_suggest(None if FULL else 2)
    with capsys.disabled():
        print(f"\n[bench] process start -> jieba-ranked suggestions (CLI suggest --context): "
              f"median {statistics.median(times):.0f} ms (runs: {', '.join(f'{t:.0f}' for t in times)})")
    assert times


@pytest.mark.bench
def test_import_throughput(loaded_services, corpus, capsys):
    r = engine_bench.bench_import(loaded_services, corpus, 100)
    with capsys.disabled():
        print(f"\n[bench] import {r['reports']} reports: {r['seconds']:.1f} s, "
              f"{r['reports_per_s']:.1f} reports/s, {r['points_per_s']:.0f} points/s; "
              f"{r['points']} points, {r['added']} added, {r['merged']} merged")
    assert r["reports"] == 100
