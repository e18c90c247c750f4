"""The topic classifier's keyword scores are those of the plain scan over every keyword
(its bigram pre-filter, its own or the caller's, only skips keywords that cannot occur)."""

from __future__ import annotations

import random

from app.core.text import cjk_text
from app.core.topics import TopicClassifier
from tests.helpers import ROOT


def reference_scores(classifier: TopicClassifier, text: str) -> dict[str, float]:
    """Every keyword of every topic counted, longest first, each found one blanked out."""
    result: dict[str, float] = {}
    for topic, words in classifier.keywords.items():
        remaining = text
        score = 0.0
        for word in words:
            hits = remaining.count(word)
            if hits:
                score += hits * len(word) ** 1.5
                remaining = remaining.replace(word, "\0")
        if score:
            result[topic] = score
    return result


def test_scores_equal_the_plain_scan():
    classifier = TopicClassifier.load()
    words = [w for ws in classifier.keywords.values() for w in ws]
    rng = random.Random(7)
    report = (ROOT / "tests/data/pairing/report_a.txt").read_text(encoding="utf-8")
    texts = ["", "学", "\0", "学习", *report.splitlines()]
    # keywords run together, cut and overlapping, so a longer one hides a shorter one
    pieces = words + [w[:1] for w in words] + [w[1:] for w in words] + ["，", "的", "\0", "a"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    hits = 0
    for text in texts:
        expected = reference_scores(classifier, text)
        assert classifier.scores(text) == expected, text
        chars = cjk_text(text)  # as 结构检查 passes them: the bigrams of the Chinese characters
        assert classifier.scores(text, bigrams={chars[j:j + 2] for j in range(len(chars) - 1)}) == expected, text
        hits += bool(expected)
    assert hits > 2000


def test_one_character_keyword_is_counted():
    classifier = TopicClassifier({"理论学习": ("理论", "学")})
    assert classifier.scores("好学") == {"理论学习": 1.0}
    assert classifier.scores("好学", bigrams={"好学"}) == {"理论学习": 1.0}  # not a bigram's start
    assert classifier.scores("理论学") == reference_scores(classifier, "理论学")
