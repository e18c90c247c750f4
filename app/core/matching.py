"""Ranking phrases for the cursor's section: fit to (part, topics), then relevance.

Relevance is TF-IDF cosine between the phrase and the current paragraph and heading,
over the segmenter's tokens.  Phrases already in the draft are pushed down and marked,
and near-copies of a phrase already listed are left out, so the list stays varied.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.phrasebank import Phrase
from app.core.segment import Segmenter
from app.core.text import bigram_similarity

USED_PENALTY = 2.0  # fit + relevance never exceed 2, so used phrases sink below unused ones
NEAR_COPY = 0.7


@dataclass(frozen=True)
class Suggestion:
    phrase: Phrase
    score: float
    used: bool


class PhraseIndex:
    """Token vectors of the phrases, rebuilt when the segmenter becomes ready."""

    def __init__(self, phrases: Iterable[Phrase], segmenter: Segmenter) -> None:
        self.phrases = list(phrases)
        self.segmenter = segmenter
        self._built_with_jieba: bool | None = None
        self._vectors: list[dict[str, float]] = []
        self._idf: dict[str, float] = {}

    def _ensure(self) -> None:
        if self._built_with_jieba == self.segmenter.ready:
            return
        self._built_with_jieba = self.segmenter.ready
        counts = [Counter(self.segmenter.tokens(p.text)) for p in self.phrases]
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        n = max(len(counts), 1)
        self._idf = {t: math.log(1 + n / d) for t, d in df.items()}
        self._vectors = [self._weigh(c) for c in counts]

    def _weigh(self, counts: Counter[str]) -> dict[str, float]:
        vec = {t: (1 + math.log(k)) * self._idf.get(t, math.log(1 + len(self.phrases)))
               for t, k in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def suggest(
        self,
        part: str,
        topics: Iterable[str] = (),
        context: str = "",
        used: frozenset[str] | set[str] = frozenset(),
        limit: int = 30,
    ) -> list[Suggestion]:
        self._ensure()
        topics = list(topics)
        query = self._weigh(Counter(self.segmenter.tokens(context))) if context.strip() else {}
        scored: list[tuple[float, int, Suggestion]] = []
        for i, phrase in enumerate(self.phrases):
            if phrase.part != part:
                continue
            if topics:
                if phrase.topics and phrase.topics[0] in topics:
                    fit = 1.0
                elif set(phrase.topics) & set(topics):
                    fit = 0.6
                else:
                    continue
            else:
                fit = 0.5
            vec = self._vectors[i]
            relevance = sum(w * vec.get(t, 0.0) for t, w in query.items())
            is_used = phrase.id in used
            score = fit + relevance - (USED_PENALTY if is_used else 0.0)
            scored.append((-score, i, Suggestion(phrase, round(score, 4), is_used)))
        scored.sort(key=lambda s: (s[0], s[1]))
        result: list[Suggestion] = []
        for _, _, suggestion in scored:
            text = suggestion.phrase.text
            if any(bigram_similarity(text, s.phrase.text) > NEAR_COPY for s in result):
                continue
            result.append(suggestion)
            if len(result) >= limit:
                break
        return result
