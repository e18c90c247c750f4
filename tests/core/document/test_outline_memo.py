"""OutlineCache.memo remembers what 结构检查 derives from a text, within a bound on the
characters each table holds (a long document's bigrams are not all kept)."""

from __future__ import annotations

from app.core.document import outline_scan
from app.core.document.outline_scan import OutlineCache
from app.core.topics import TopicClassifier


def test_memo_remembers_and_starts_afresh_past_its_size():
    cache = OutlineCache(TopicClassifier.load())
    made: list[str] = []

    def make(text: str):
        return lambda: made.append(text) or text.upper()

    assert cache.memo("t", "ab", make("ab"), 2) == "AB"
    assert cache.memo("t", "ab", make("ab"), 2) == "AB"
    assert cache.memo("other", "ab", make("ab"), 2) == "AB"  # tables are apart
    assert made == ["ab", "ab"]
    big = "x" * (outline_scan._MAX_MEMO_SIZE - 1)
    cache.memo("t", big, make(big), len(big))  # past the bound: "ab" is forgotten
    cache.memo("t", "ab", make("ab"), 2)
    assert made == ["ab", "ab", big, "ab"]
    cache.memo("other", "ab", make("ab"), 2)
    assert len(made) == 4
