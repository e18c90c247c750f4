"""校对 asks the packed jieba dictionary (~0.6 µs a lookup) for the same words again and again:
the lexicon remembers the answers, within a bound."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from app.core.check import lexicon as lexicon_module
from app.core.check.lexicon import FreqMemo, Lexicon


class CountingFreq(Mapping[str, int]):
    def __init__(self, words: dict[str, int]) -> None:
        self.words = words
        self.asked: list[str] = []

    def __getitem__(self, key: str) -> int:
        return self.words[key]

    def get(self, key, default=None):  # type: ignore[override]
        self.asked.append(key)
        return self.words.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


def test_the_dictionary_is_asked_once_per_word():
    freq = CountingFreq({"理论": 5000, "学习": 9000})
    lexicon = Lexicon(freq, 100_000)
    assert [lexicon.count(w) for w in ("理论", "理论", "学习", "不是词", "不是词")] == [5000, 5000, 9000, 0, 0]
    assert freq.asked == ["理论", "学习", "不是词"]


def test_the_memo_is_emptied_when_full(monkeypatch):
    monkeypatch.setattr(lexicon_module, "MEMO_LIMIT", 3)
    freq = CountingFreq({"甲乙": 1})
    memo = FreqMemo(freq)
    for word in ("甲乙", "丙丁", "戊己", "庚辛"):
        assert memo[word] == (1 if word == "甲乙" else 0)
    assert len(memo) <= 3
    assert memo["甲乙"] == 1 and freq.asked.count("甲乙") == 2  # forgotten, asked again
