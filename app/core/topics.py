"""The parts of a report, the canonical topics and a keyword classifier over the topics."""

from __future__ import annotations

import operator
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path

from app.core.paths import resources_dir
from app.core.text import cjk_text

CANONICAL_TOPICS: tuple[str, ...] = (
    "理论学习", "政治素质", "能力本领", "担当作为", "工作作风", "廉洁自律",
    "宗旨意识/群众工作", "意识形态", "管党治党/主体责任", "斗争精神/风险防范", "改革发展",
    "组织生活/党性修养", "政绩观",
)


class Part(StrEnum):
    """A part of a report: an outline node's, a template section's and a phrase's ``part``.

    A ``StrEnum``: ``Part.PROBLEM == "问题"``, and it prints, formats and serialises as its
    Chinese value, so the stored files and the messages the user reads do not change.
    """

    OPENING = "开头"
    PROBLEM = "问题"
    CAUSE = "原因"
    MEASURE = "措施"
    CLOSING = "结尾"
    TRANSITION = "过渡"  # phrases only: a linking sentence between parts
    CRITICISM = "批评"  # 相互批评意见: a colleague's section, and the criticism phrases


PARTS: tuple[Part, ...] = tuple(Part)
MAIN_PARTS = (Part.PROBLEM, Part.CAUSE, Part.MEASURE)  # the numbered body of a report
UNNUMBERED_PARTS = (Part.OPENING, Part.CLOSING)  # unnumbered paragraphs before and after it


@dataclass(frozen=True)
class TopicClassifier:
    """Scores text against each topic's keywords; longer keywords weigh more."""

    keywords: dict[str, tuple[str, ...]]
    # every keyword as (topic's place, rank in its topic, keyword), by its first two characters
    _by_start: dict[str, list[tuple[int, int, str]]] = field(init=False, repr=False, compare=False)
    _topics: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _chinese_starts: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table: dict[str, list[tuple[int, int, str]]] = {}
        for place, words in enumerate(self.keywords.values()):
            for rank, word in enumerate(words):
                table.setdefault(word[:2], []).append((place, rank, word))
        object.__setattr__(self, "_by_start", table)
        object.__setattr__(self, "_topics", tuple(self.keywords))
        # whether every keyword starts with two Chinese characters (then the bigrams of a
        # text's Chinese characters alone tell which keywords it may contain)
        object.__setattr__(self, "_chinese_starts", all(len(s) == 2 and cjk_text(s) == s for s in table))

    @classmethod
    def load(cls, path: Path | None = None) -> TopicClassifier:
        path = path or resources_dir() / "topics.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        table = {
            name: tuple(sorted(entry["keywords"], key=len, reverse=True))
            for name, entry in data["topics"].items()
        }
        unknown = set(table) - set(CANONICAL_TOPICS)
        if unknown:
            raise ValueError(f"{path}: unknown topics {sorted(unknown)}")
        return cls(table)

    def scores(self, text: str, bigrams: Collection[str] | None = None) -> dict[str, float]:
        """Each topic's keyword score.  ``bigrams``: the bigrams of the text's Chinese
        characters (``cjk_text``), when the caller has them (saves making them here)."""
        result: dict[str, float] = {}
        # A keyword can only occur where its first two characters do: the text's bigrams (and
        # its characters, for a one-character keyword) pick the keywords worth counting by set
        # operations, instead of scanning the text once for each keyword of each topic.
        if bigrams is not None and self._chinese_starts:
            starts = self._by_start.keys() & bigrams
        else:
            grams = set(map(operator.add, text[:-1], text[1:]))
            grams.update(text)
            grams.add("")  # (an empty keyword would count everywhere)
            starts = grams.intersection(self._by_start)
        if not starts:
            return {}
        candidates = sorted(chain.from_iterable(map(self._by_start.__getitem__, starts)))
        for place, words in groupby(candidates, key=itemgetter(0)):
            remaining = text
            score = 0.0
            for _, _, word in words:  # longest first, so 理论学习 is not counted again as 学习
                hits = remaining.count(word)
                if hits:
                    score += hits * len(word) ** 1.5
                    remaining = remaining.replace(word, "\0")
            if score:
                result[self._topics[place]] = score
        return result

    def classify(self, text: str, keep: float = 0.6, bigrams: Collection[str] | None = None) -> list[str]:
        """Topics of ``text``, best first; runners-up within ``keep`` of the best (``bigrams``:
        see ``scores``)."""
        scores = self.scores(text, bigrams)
        if not scores:
            return []
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], CANONICAL_TOPICS.index(kv[0])))
        best = ranked[0][1]
        return [t for t, s in ranked if s >= keep * best][:2]
