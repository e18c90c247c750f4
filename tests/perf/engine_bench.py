"""Engine benchmarks (the code lives in ``app.bench.engine``; this keeps the old entry point).

Run one directly: ``.venv/bin/python -m tests.perf.engine_bench [suggest|stall|import] [--full]``.
``MINGJING_BENCH_FULL=1`` (or ``--full``) runs more queries and repeats.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from app.bench.engine import (  # noqa: F401 (re-exported for the bench tests)
    bench_cli_suggest,
    bench_import,
    bench_stall,
    bench_suggest,
    make_reports,
    synthetic_index,
)

ROOT = Path(__file__).resolve().parents[2]
FULL = os.environ.get("MINGJING_BENCH_FULL") == "1" or "--full" in sys.argv

if __name__ == "__main__":
    from app.core.services import Services

    what = next((a for a in sys.argv[1:] if not a.startswith("-")), "suggest")
    if what == "stall":
        print(bench_stall(5 if FULL else 3))
    elif what == "cli":
        print(bench_cli_suggest(5 if FULL else 3))
    else:
        svc = Services.load(Path(tempfile.mkdtemp()))
        svc.load_in_background()
        if what == "import":
            print(bench_import(svc, sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))))
        else:
            for row in bench_suggest(svc, queries=2000 if FULL else 300):
                print(row)
