"""Fresh-process figures for 明镜: start-up, the first 3 s, and memory with a big bank.

Run ``python -m app.bench.startup [N]`` for N start-ups, or alternate source trees (e.g. an
older commit unpacked with ``git archive``): ``python -m app.bench.startup 10 --tree
/tmp/before --tree .``; ``--session`` stays 3 s per run and also reports the worst
event-loop stall and when suggestions were ready (an older tree needs a copy of ``app/bench``).

Each run is ``python -m app`` in a new process with the probe (``probe.py``), user data, HOME
and XDG folders in one temp folder, and byte-code in a temp ``PYTHONPYCACHEPREFIX`` (so the
source tree is never written to; the warm-up run fills it, as an installed app's .pyc would).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.bench.launch import ProbeResult, launch, private_env, probe_dir
from app.core.paths import install_root

STALL_WINDOW_S = 3.0
HOOK = "app.bench.session:watch"


def app_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", *args]


@dataclass
class Sandbox:
    """One temp folder: probe, HOME/XDG, MINGJING_HOME, byte-code cache."""

    root: Path

    def __post_init__(self) -> None:
        self.probe = probe_dir(self.root)
        self.home = self.root / "mingjing-home"
        self.env = private_env(self.root / "env")
        self.env["MINGJING_HOME"] = str(self.home)
        self.env["PYTHONPYCACHEPREFIX"] = str(self.root / "pycache")
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run(self, *args: str, stay_s: float = 0.0, hook: str = "",
            extra_env: dict[str, str] | None = None) -> ProbeResult:
        env = dict(self.env, **(extra_env or {}))
        return launch(app_argv(*args), env, self.probe, stay_s=stay_s, hook=hook,
                      cwd=install_root())


def measure_startup(sandbox: Sandbox, runs: int = 5) -> list[float]:
    """Process start → main window exposed, ms, for ``runs`` fresh processes (after one
    warm-up that builds the caches and byte-code, as any second start would find them)."""
    sandbox.run(stay_s=STALL_WINDOW_S + 2, hook=HOOK,
                extra_env={"MINGJING_BENCH_STOP_WHEN_READY": "1"})
    return [sandbox.run().startup_ms for _ in range(runs)]


def measure_session(sandbox: Sandbox, runs: int = 3) -> list[dict[str, float]]:
    """Per run: the worst event-loop gap in the first 3 s after process start, and when
    suggestions are first listed and jieba-ranked (ms after process start)."""
    rows = []
    for _ in range(runs):
        result = sandbox.run(stay_s=STALL_WINDOW_S, hook=HOOK)
        rows.append({"startup_ms": result.startup_ms, **result.values})
    return rows


def measure_first_run(root: Path, runs: int = 1) -> dict[str, list[float]]:
    """Suggestions jieba-ranked on a first run (empty user folder), ms after process start:
    as the built app has it (the caches shipped in resources/cache, here built into a temp
    folder by ``build_shipped_caches``) and without shipped caches (a source checkout)."""
    from app.core.services import build_shipped_caches

    shipped = root / "shipped-cache"
    build_shipped_caches(shipped)
    pycache = str(root / "pycache")  # compiled once, as the built app ships its byte-code

    def sandbox_for(name: str) -> Sandbox:
        sandbox = Sandbox(root / name)
        sandbox.env["PYTHONPYCACHEPREFIX"] = pycache
        return sandbox

    sandbox_for("byte-code").run(stay_s=STALL_WINDOW_S, extra_env={"MINGJING_SHIPPED_CACHE": str(shipped)})
    figures: dict[str, list[float]] = {"shipped": [], "none": []}
    for i in range(runs):
        for kind, folder in (("shipped", str(shipped)), ("none", str(root / "no-cache"))):
            sandbox = sandbox_for(f"first-{kind}-{i}")
            result = sandbox.run(stay_s=STALL_WINDOW_S + 5, hook=HOOK,
                                 extra_env={"MINGJING_SHIPPED_CACHE": folder,
                                            "MINGJING_BENCH_STOP_WHEN_READY": "1"})
            figures[kind].append(result.values.get("suggestions_ready_ms", float("nan")))
    return figures


def write_big_library(home: Path, total: int = 10_000, seed: int = 3) -> int:
    """Fill the user library so shipped + user phrases come to ``total``; returns the
    number added. Phrases are recombined from the shipped bank's sentences (each unique)."""
    from app.bench.texts import SENTENCE_END
    from app.core.paths import phrasebank_dir
    from app.core.phrases.library import open_library
    from app.core.phrases.phrasebank import load_phrasebank

    shipped = load_phrasebank(phrasebank_dir()).phrases
    sentences = sorted({s for p in shipped for s in SENTENCE_END.split(p.text) if len(s) > 6})
    cells = [(p.part, p.topics) for p in shipped]
    rng = random.Random(seed)
    rows = []
    for i in range(max(0, total - len(shipped))):
        part, topics = rng.choice(cells)
        text = "".join(rng.sample(sentences, rng.choice((1, 2, 3)))) + f"（{i}）"
        rows.append((text, part, tuple(topics), "基准测试"))
    library = open_library(home)
    try:
        return library.add_many(rows)
    finally:
        library.close()


def measure_rss(sandbox: Sandbox, bank: int = 10_000, runs: int = 1) -> dict[str, object]:
    """VmRSS once a 30,000-字 .txt is open and suggestions over a ``bank``-phrase bank are
    jieba-ranked (after a warm-up run that builds the token and reading caches); then, once
    the 校对 lexicon is built on the loader thread, the peak (VmHWM) and settled VmRSS."""
    from app.bench.texts import report_text

    home = sandbox.root / "rss-home"
    write_big_library(home, bank)
    document = sandbox.root / "报告30000字.txt"
    document.write_text(report_text(), encoding="utf-8")
    env = {"MINGJING_HOME": str(home), "MINGJING_BENCH_STOP_WHEN_READY": "1",
           "MINGJING_BENCH_WAIT_LEXICON": "1"}
    sandbox.run(str(document), stay_s=300, hook=HOOK, extra_env=env)
    rows = [sandbox.run(str(document), stay_s=120, hook=HOOK, extra_env=env).values
            for _ in range(runs)]
    return {"rss_mb": [r.get("rss_mb", float("nan")) for r in rows],
            "rss_lexicon_mb": [r.get("rss_lexicon_mb", float("nan")) for r in rows],
            "rss_peak_mb": [r.get("rss_peak_mb", float("nan")) for r in rows],
            "phrases": rows[-1].get("phrases"), "chars": rows[-1].get("chars"),
            "ready_ms": [r.get("suggestions_ready_ms", float("nan")) for r in rows]}


def _measure(runs: int = 5) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        return measure_startup(Sandbox(Path(tmp)), runs)


def compare(trees: list[Path], runs: int, session: bool = False) -> dict[Path, list]:
    """``python -m app`` from each tree (its own user dir), alternating, after a warm-up."""
    times: dict[Path, list] = {tree: [] for tree in trees}
    with tempfile.TemporaryDirectory() as tmp:
        boxes = {tree: Sandbox(Path(tmp) / str(i)) for i, tree in enumerate(trees)}
        for tree, box in boxes.items():  # warm-up until the caches are built, per tree
            launch(app_argv(), dict(box.env, MINGJING_BENCH_STOP_WHEN_READY="1"), box.probe,
                   cwd=tree, stay_s=30, hook=HOOK)
        for rnd in range(runs + 1):
            for tree in trees if rnd % 2 == 0 else reversed(trees):
                box = boxes[tree]
                if session:
                    r = launch(app_argv(), box.env, box.probe, cwd=tree, stay_s=STALL_WINDOW_S,
                               hook=HOOK)
                    value = (r.startup_ms, r.values.get("stall_ms", float("nan")),
                             r.values.get("suggestions_ready_ms", float("nan")))
                else:
                    value = launch(app_argv(), box.env, box.probe, cwd=tree).startup_ms
                if rnd:
                    times[tree].append(value)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up of python -m app, or of several source trees alternately.")
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--tree", type=Path, action="append", default=[])
    parser.add_argument("--session", action="store_true", help="stay 3 s: stall, suggestions")
    args = parser.parse_args(argv)
    if args.session:
        for tree, rows in compare([t.resolve() for t in args.tree or [Path(".")]], args.runs,
                                  True).items():
            print(f"{tree}:")
            for i, name in enumerate(("start-up", "worst stall in 3 s", "suggestions ready")):
                values = [row[i] for row in rows]
                print(f"  {name} (ms): median {statistics.median(values):.0f}; runs: "
                      + ", ".join(f"{v:.0f}" for v in values))
        return 0
    results = (compare([t.resolve() for t in args.tree], args.runs) if args.tree
               else {Path("."): _measure(args.runs)})
    for tree, times in results.items():
        print(f"{tree}: start-up to main window exposed (ms): " + ", ".join(f"{t:.0f}" for t in times))
        print(f"  median {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
