"""Engine benchmarks: suggest latency on synthetic banks, segmenter-load UI stall, import.

``python -m app bench`` runs them; nothing here needs tests/.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.bench.texts import SENTENCE_END as _SENTENCE_END
from app.bench.texts import percentile as _pct
from app.core.paths import install_root

ROOT = install_root()


def full_mode() -> bool:
    """``MINGJING_BENCH_FULL=1``: more queries and repeats (default counts when not given)."""
    return os.environ.get("MINGJING_BENCH_FULL") == "1"


# --- suggest latency ---------------------------------------------------------------------------
def synthetic_index(services, size: int, seed: int = 7):
    """An index of ``size`` phrases recombined from the shipped bank's sentences.

    Tokens are primed from each sentence's jieba tokens, so building a 100k bank does not
    spend half a minute in jieba (that is not what is being measured).
    """
    from app.core.phrases.phrasebank import Phrase
    from app.core.phrases.pinyin import PinyinTable
    from app.core.phrases.ranking import PhraseIndex
    from app.core.phrases.segment import TokenCache

    rng = random.Random(seed)
    segmenter = services.segmenter
    sentences = sorted({s for p in services.phrasebank.phrases for s in _SENTENCE_END.split(p.text)
                        if len(s) > 6})
    tokens = {s: segmenter.tokens(s) for s in sentences}
    readings = {s: services.index.pinyin.reading(s) for s in sentences}
    cells = [(p.part, p.topics) for p in services.phrasebank.phrases]
    cache = TokenCache()
    pinyin = PinyinTable()
    phrases = []
    for i in range(size):
        picked = rng.sample(sentences, rng.choice((1, 2, 3)))
        text = "".join(picked) + f"（{i}）"
        part, topics = rng.choice(cells)
        phrases.append(Phrase(f"syn-{i}", text, part, topics))
        cache.put(text, [t for s in picked for t in tokens[s]] + [str(i)])
        pinyin.put(text, "|".join(readings[s] for s in picked) + "|#")
    started = time.perf_counter()
    index = PhraseIndex(phrases, segmenter, pinyin=pinyin, tokens=cache, topics=services.classifier)
    index.state.warm()  # as the app's worker thread does after start-up
    return index, time.perf_counter() - started, sentences


def bench_suggest(services, sizes=(1_000, 10_000, 100_000), queries: int | None = None) -> list[dict]:
    """p50/p99 of one cursor move's ranking (limit 40, as the panel asks) per bank size."""
    from app.core.phrases.ranking import Boosts

    queries = queries or (2000 if full_mode() else 300)
    rng = random.Random(11)
    cells = sorted({(p.part, p.topics[0]) for p in services.phrasebank.phrases if p.topics})
    results = []
    for size in sizes:
        index, build_s, sentences = synthetic_index(services, size)
        fav = frozenset(p.id for p in rng.sample(index.phrases, min(50, size)))
        boosts = Boosts(fav, {p.id: rng.randint(1, 9) for p in rng.sample(index.phrases, min(200, size))})
        used = frozenset(p.id for p in rng.sample(index.phrases, min(30, size)))
        times = []
        for _ in range(queries):
            part, topic = rng.choice(cells)
            context = f"{topic}方面 " + "".join(rng.sample(sentences, 2))
            started = time.perf_counter()
            index.suggest(part, [topic], context, used, limit=40, boosts=boosts)
            times.append((time.perf_counter() - started) * 1000)
        search = []
        for needle in ("llxx", "lilunxuexi", "作风", "zzsz"):
            started = time.perf_counter()
            index.suggest("问题", ["理论学习"], "", limit=40, query=needle, whole_bank=True)
            search.append((time.perf_counter() - started) * 1000)
        results.append({"size": size, "build_s": build_s, "p50_ms": _pct(times, 0.5),
                        "p99_ms": _pct(times, 0.99), "max_ms": max(times),
                        "whole_bank_search_first_ms": search[0],
                        "whole_bank_search_ms": statistics.median(search[1:]), "queries": queries})
    return results


# --- segmenter loading: worst UI-thread stall -----------------------------------------------------
_STALL_SCRIPT = r"""
import json, sys, threading, time
mode, home = sys.argv[1], sys.argv[2]
sys.path.insert(0, {root!r})
from pathlib import Path

def work():
    if mode == "jieba":
        import jieba, logging
        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        tk.tmp_dir = home
        tk.initialize()
    else:
        from app.core.services import Services
        services = Services.load(Path(home))
        services.load_in_background()

done = threading.Event()
thread = threading.Thread(target=lambda: (work(), done.set()))
worst, last = 0.0, time.perf_counter()
start = last
thread.start()
while not done.is_set():
    time.sleep(0.002)  # a UI thread turning its event loop
    now = time.perf_counter()
    worst, last = max(worst, now - last), now
print(json.dumps({{"worst_ms": worst * 1000, "total_ms": (time.perf_counter() - start) * 1000}}))
"""


def _stall_once(mode: str, home: Path) -> dict:
    script = _STALL_SCRIPT.format(root=str(ROOT))
    out = subprocess.run([sys.executable, "-c", script, mode, str(home)], capture_output=True,
                         text=True, timeout=120, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_stall(runs: int | None = None) -> dict:
    """Worst gap in a 2 ms-tick loop on the main thread while a worker loads the segmenter.

    ``jieba``: jieba's own loader from its cache (the baseline); ``engine-first``: our
    start-up work with an empty user dir (builds the caches); ``engine``: later starts.
    """
    runs = runs or (5 if full_mode() else 3)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        _stall_once("jieba", home)  # jieba writes its own cache
        jieba = [_stall_once("jieba", home) for _ in range(runs)]
        first = _stall_once("engine", home / "user")
        later = [_stall_once("engine", home / "user") for _ in range(runs)]
    return {
        "jieba_worst_ms": [r["worst_ms"] for r in jieba],
        "jieba_total_ms": statistics.median(r["total_ms"] for r in jieba),
        "engine_first_worst_ms": first["worst_ms"], "engine_first_total_ms": first["total_ms"],
        "engine_worst_ms": [r["worst_ms"] for r in later],
        "engine_total_ms": statistics.median(r["total_ms"] for r in later),
    }


# --- start-up: process start until suggestions are ready ---------------------------------------
def bench_cli_suggest(runs: int | None = None) -> list[float]:
    """``python -m app suggest --context …`` wall time, warm caches (jieba-ranked result)."""
    runs = runs or (5 if full_mode() else 3)
    times = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, MINGJING_HOME=home)
        args = [sys.executable, "-m", "app", "suggest", "--part", "问题", "--topic", "理论学习",
                "--context", "学用结合不够紧密，存在两张皮", "--limit", "5", "--json"]
        subprocess.run(args, env=env, cwd=ROOT, capture_output=True, check=True, timeout=120)
        for _ in range(runs):
            started = time.perf_counter()
            out = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, check=True,
                                 timeout=120, text=True)
            times.append((time.perf_counter() - started) * 1000)
            assert json.loads(out.stdout)
    return times


# --- import throughput ------------------------------------------------------------------------------
def make_reports(corpus: list[Path], folder: Path, count: int = 100, seed: int = 5) -> list[Path]:
    """``count`` reports made from the corpus: sentences within each paragraph shuffled and
    trimmed, so some points stay near-duplicates and some become new."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        lines = []
        for line in texts[n % len(texts)].splitlines():
            parts = [s for s in _SENTENCE_END.split(line) if s]
            if len(parts) > 2:
                head, rest = parts[0], parts[1:]
                rng.shuffle(rest)
                line = head + "".join(rest[: max(1, len(rest) - rng.randint(0, 2))])
            lines.append(line)
        path = folder / f"report_{n:03d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def bench_import(services, corpus: list[Path], count: int = 100) -> dict:
    from app.core.phrases.classify import Classifier
    from app.core.phrases.importer import import_paths
    from app.core.phrases.library import open_library

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        make_reports(corpus, folder, count)
        library = open_library(Path(tmp) / "home")
        started = time.perf_counter()
        report = import_paths([folder], library, [p.text for p in services.index.phrases],
                              services.templates, Classifier(services.classifier, services.index))
        elapsed = time.perf_counter() - started
        library.close()
    return {"reports": report.read, "points": report.points, "added": report.added,
            "merged": report.merged, "seconds": elapsed,
            "reports_per_s": report.read / elapsed, "points_per_s": report.points / elapsed}


