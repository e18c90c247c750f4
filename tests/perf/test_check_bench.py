"""Benchmarks for the checks: print measured figures, never timed assertions."""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter

import pytest

from app.core.check import load_check_config, proofread
from app.core.check.similarity import SimilarityIndex, compare, phrasebank_text
from app.core.check.source import read_check_input
from app.core.check.structure_check import check_structure
from app.core.document.outline import resolve_template
from tests.helpers import PROOFREAD_KINDS, STRUCTURE_KINDS


def _draft_of(corpus, chars: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    out, i = [], 0
    while sum(len(t) for t in out) < chars:
        out.append(texts[i % len(texts)])
        i += 1
    return "\n".join(out)[:chars]


@pytest.mark.bench
def test_proofread_30000_chars(corpus, capsys):
    config = load_check_config()
    text = _draft_of(corpus, 30000)
    proofread(text[:1000], config)  # warm the tables
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        findings = proofread(text, config)
        times.append((time.perf_counter() - t0) * 1000)
    with capsys.disabled():
        print(f"\n[bench] 校对 of {len(text)} characters: median {statistics.median(times):.0f} ms "
              f"(runs: {', '.join(f'{t:.0f}' for t in times)}; {len(findings)} findings)")
    assert findings


@pytest.mark.bench
def test_per_rule_counts_on_corpus(corpus, services, capsys):
    config = load_check_config()
    counts: Counter[str] = Counter()
    for path in corpus:
        source = read_check_input(path)
        template = resolve_template(source.document, services.templates)
        findings = proofread(source.text, config)
        findings += check_structure(source.document.paragraphs, source.text, services.classifier,
                                    template)
        counts.update(f.kind for f in findings)
    with capsys.disabled():
        print(f"\n[bench] findings on {len(corpus)} corpus samples per rule: "
              + ", ".join(f"{k} {counts.get(k, 0)}" for k in PROOFREAD_KINDS + STRUCTURE_KINDS))
    assert sum(counts.values()) > 0


def _synthetic_drafts(corpus, phrases, n: int, seed: int = 7) -> list[str]:
    """Drafts of ~4,000 characters mixing corpus and phrasebank sentences, lightly edited."""
    rng = random.Random(seed)
    pool = []
    for path in corpus:
        pool += [s for s in path.read_text(encoding="utf-8").replace("\n", "。").split("。") if s]
    pool += [p.text for p in phrases]
    drafts = []
    for _ in range(n):
        sentences, size = [], 0
        while size < 4000:
            s = rng.choice(pool)
            if rng.random() < 0.5 and len(s) > 10:
                cut = rng.randrange(len(s))
                s = s[:cut] + "进一步" + s[cut:]
            sentences.append(s)
            size += len(s)
        drafts.append("。".join(sentences) + "。")
    return drafts


@pytest.mark.bench
def test_similarity_against_200_drafts(corpus, services, capsys):
    drafts = _synthetic_drafts(corpus, services.phrasebank.phrases, 200)
    draft = corpus[0].read_text(encoding="utf-8")
    times_index, times_compare = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        index = SimilarityIndex()
        for k, text in enumerate(drafts):
            index.add(f"draft{k}.txt", text)
        index.add("素材库", phrasebank_text(services.phrasebank.phrases))
        t1 = time.perf_counter()
        report = compare(draft, index)
        t2 = time.perf_counter()
        times_index.append((t1 - t0) * 1000)
        times_compare.append((t2 - t1) * 1000)
    total = [a + b for a, b in zip(times_index, times_compare, strict=False)]
    with capsys.disabled():
        print(f"\n[bench] 雷同比对 of a {len(draft)}-character draft vs 200 drafts "
              f"({sum(len(d) for d in drafts)} characters) + phrasebank: median total "
              f"{statistics.median(total):.0f} ms (index {statistics.median(times_index):.0f} ms, "
              f"compare {statistics.median(times_compare):.0f} ms); near-copied share "
              f"{report.near_share:.0%}")
    assert report.near_share > 0.5
