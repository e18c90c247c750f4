"""结构检查 and its pairing give exactly the findings and pairs of the golden
(tests/data/expected/structure_golden.json, ``python -m tests.tools.structure_golden``): its
speed-ups must not change what it reports."""

from __future__ import annotations

import json

from tests.tools.structure_golden import GOLDEN, compute, differences


def test_structure_findings_and_pairs_match_the_golden():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(compute()))
    assert differences(expected, actual) == []
    assert sum(len(v["findings"]) if isinstance(v["findings"], list) else v["findings"]["len"]
               for v in actual.values()) > 1000  # the long drafts are in it


def test_a_recheck_with_the_document_cache_matches_the_golden():
    """As the window checks: with one OutlineCache kept across checks (each text checked twice,
    the second time from what the first remembered)."""
    from app.core.document.outline import OutlineCache
    from app.core.topics import TopicClassifier

    class Counting:
        def __init__(self) -> None:
            self.topics = TopicClassifier.load()
            self.calls = 0

        def classify(self, text: str, bigrams=None) -> list[str]:
            self.calls += 1
            return self.topics.classify(text, bigrams=bigrams)

    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    counting = Counting()
    cache = OutlineCache(counting)  # type: ignore[arg-type]
    calls = []
    for _ in range(2):
        assert differences(expected, json.loads(json.dumps(compute(cache)))) == []
        calls.append(counting.calls)
        counting.calls = 0
    assert calls[1] < calls[0] / 10  # the second check took its items from the cache
