"""Is a phrase the user adds nearly one the bank already has?

The phrase list leaves out near-copies of a phrase it already shows (ranking.NEAR_COPY), so
a user's phrase that repeats a built-in one would never be seen; 加入素材库 says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.phrases.phrasebank import Phrase
from app.core.phrases.ranking import NEAR_COPY
from app.core.text import char_bigrams


def near_twin(text: str, phrases: Iterable[Phrase]) -> Phrase | None:
    """The phrase of ``phrases`` that ``text`` most nearly repeats, if the list would hide it."""
    grams = char_bigrams(text)
    if not grams:
        return None
    best, best_share = None, NEAR_COPY
    for phrase in phrases:
        other = char_bigrams(phrase.text)
        if not other:
            continue
        share = len(grams & other) / min(len(grams), len(other))
        if share > best_share:
            best, best_share = phrase, share
    return best
