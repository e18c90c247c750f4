"""jieba's dictionary without a Python object per word (issue 19).

jieba keeps its dictionary as a dict of ~500k entries (349k words and 149k zero-count
prefixes): ~55 MB of str, int and hash-table memory, and ~0.4 s to unmarshal and merge on
every start.  Here the words are kept in one string per first character ("bucket"):
``\\0word\\1cc\\0word\\1cc…``, sorted, where ``cc`` are two characters holding the word's count
(base ``BASE``, offset ``OFFSET``: below the surrogates, never ``\\0``).  11.7k buckets hold
the whole dictionary in ~5 MB and unmarshal in a few ms.

Since the bucket is sorted, the first ``\\0`` + p in it starts the first word beginning with
p — p itself when p is a word — so ``find`` answers both of jieba's questions: "is p a
prefix of a word" (its ``frag in FREQ``) and "is p a word, with which count"
(``FREQ[frag]``).  ``PackedFreq`` gives jieba's ``FREQ`` semantics over the buckets (a
prefix of a word maps to 0), and ``packed_tokenizer`` makes a jieba ``Tokenizer`` whose
``get_DAG`` walks a bucket with ``find`` from the previous match on, and whose ``calc``
reads the counts that ``get_DAG`` found: the same segmentation as jieba's (tests/core/
phrases/test_packed_dict.py), about 3 times slower to build the DAG (~0.1 s instead of
0.035 s for a 30,000-字 text; the app segments short texts at run time, the phrase
tokens are cached).

Words added later (jieba's ``add_word``, the user dictionary) go to a small ``overlay``
dict with jieba's own layout; texts starting with one of its characters take jieba's loop.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from math import log

SEP = "\x00"
END = "\x01"
OFFSET = 0x100
BASE = 0xD000 - OFFSET  # count characters stay in U+0100..U+CFFF (no surrogates)
MAX_COUNT = BASE * BASE - 1
SUB_MIN = 256  # buckets longer than this (characters) get a sub-index by second character


def pack(freq: Mapping[str, int]) -> dict[str, str]:
    """jieba's prefix dictionary as buckets: its words (count > 0) by first character."""
    groups: dict[str, list[str]] = {}
    for word in sorted(w for w, f in freq.items() if f > 0 and w and SEP not in w and END not in w):
        groups.setdefault(word[0], []).append(SEP + _entry(word, freq[word]))
    return {first: "".join(entries) for first, entries in groups.items()}


def sub_index(buckets: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """For each bucket longer than ``SUB_MIN``: its words' distinct second characters in order,
    and where each one's block starts (the offsets as characters, the bucket's length last).
    A look-up then searches only the words sharing its first two characters (a failed ``find``
    otherwise scanned the rest of a bucket of up to 26k characters)."""
    subs: dict[str, tuple[str, str]] = {}
    for first, bucket in buckets.items():
        if len(bucket) <= SUB_MIN or len(bucket) >= 0x110000:
            continue
        seconds: list[str] = []
        starts: list[str] = []
        pos = bucket.find(SEP)
        while pos >= 0:
            second = bucket[pos + 2]  # END for the one-character word (always first)
            if second != END and (not seconds or seconds[-1] != second):
                seconds.append(second)
                starts.append(chr(pos))
            pos = bucket.find(SEP, pos + 1)
        subs[first] = ("".join(seconds), "".join(starts) + chr(len(bucket)))
    return subs


def _entry(word: str, count: int) -> str:
    count = min(count, MAX_COUNT)
    return f"{word}{END}{chr(OFFSET + count // BASE)}{chr(OFFSET + count % BASE)}"


def _count_at(bucket: str, j: int) -> int:
    """The count stored after the END at ``j - 1``."""
    return (ord(bucket[j]) - OFFSET) * BASE + ord(bucket[j + 1]) - OFFSET


class PackedFreq(Mapping[str, int]):
    """jieba's ``FREQ`` over the buckets: a word maps to its count, a prefix of a word to 0.

    Iteration lists the words with a count (not jieba's zero-count prefixes).
    """

    __slots__ = ("buckets", "firsts", "overlay", "subs")

    def __init__(self, buckets: dict[str, str], subs: dict[str, tuple[str, str]] | None = None) -> None:
        self.buckets = buckets
        self.subs = sub_index(buckets) if subs is None else subs
        self.overlay: dict[str, int] = {}  # jieba's add_word: its words and their new prefixes
        self.firsts: set[str] = set()  # the first characters of the overlay's entries

    def get(self, key: str, default=None):  # pyright: ignore[reportIncompatibleMethodOverride]
        overlay = self.overlay
        if overlay and key in overlay:
            return overlay[key]
        bucket = self.buckets.get(key[:1])
        if bucket is None or SEP in key or END in key:  # (no word holds them)
            return default
        sub = self.subs.get(key[0]) if len(key) > 1 else None
        if sub is None:
            pos = bucket.find(SEP + key)
        else:
            i = sub[0].find(key[1])
            if i < 0:
                return default
            pos = bucket.find(SEP + key, ord(sub[1][i]), ord(sub[1][i + 1]))
        if pos < 0:
            return default
        j = pos + len(key) + 1
        return _count_at(bucket, j + 1) if bucket[j] == END else 0

    def __getitem__(self, key: str) -> int:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __setitem__(self, key: str, value: int) -> None:
        self.overlay[key] = value
        self.firsts.add(key[:1])

    def merge_overlay(self) -> None:
        """Pack the overlay's words into their buckets (after the user dictionary is added:
        texts starting with its characters then take the fast path again)."""
        by_first: dict[str, list[tuple[str, int]]] = {}
        for word, count in self.overlay.items():
            by_first.setdefault(word[:1], []).append((word, count))
        for first, changes in by_first.items():
            # entries sort as their words do (END sorts before any character of a word)
            entries = self.buckets.get(first, "").split(SEP)[1:]
            for word, count in changes:
                at = bisect_left(entries, word)
                there = at < len(entries) and entries[at].startswith(word + END)
                if count > 0:
                    entry = _entry(word, count)
                    if there:
                        entries[at] = entry
                    else:
                        entries.insert(at, entry)
                elif there:  # jieba's zero: a deleted word (a new prefix is implied already)
                    del entries[at]
            if entries:
                self.buckets[first] = SEP + SEP.join(entries)
            else:
                self.buckets.pop(first, None)
            self.subs.pop(first, None)
            if first in self.buckets:
                self.subs.update(sub_index({first: self.buckets[first]}))
        self.overlay.clear()
        self.firsts.clear()

    def __iter__(self) -> Iterator[str]:
        return (word for word, _ in self.items())

    def __len__(self) -> int:
        return sum(bucket.count(SEP) for bucket in self.buckets.values()) + len(self.overlay)

    def items(self) -> Iterator[tuple[str, int]]:  # pyright: ignore[reportIncompatibleMethodOverride]
        overlay = self.overlay
        for bucket in self.buckets.values():
            for entry in bucket.split(SEP)[1:]:  # the lexicon reads them all: kept inline
                word = entry[:-3]
                if word not in overlay:
                    yield word, (ord(entry[-2]) - OFFSET) * BASE + ord(entry[-1]) - OFFSET
        yield from ((word, count) for word, count in overlay.items() if count)


class _DAG(dict):
    """jieba's DAG (start -> ends) with the ends' counts alongside, for ``calc``."""

    __slots__ = ("counts",)


def packed_tokenizer(jieba, freq: PackedFreq, total: int):
    """A jieba Tokenizer over ``freq``, initialised (jieba's own loader is never run)."""

    class PackedTokenizer(jieba.Tokenizer):
        def get_DAG(self, sentence: str) -> dict[int, list[int]]:
            dag = _DAG()
            counts: dict[int, list[int]] = {}
            dag.counts = counts
            packed = self.FREQ
            buckets = packed.buckets
            subs = packed.subs
            firsts = packed.firsts
            n = len(sentence)
            for k in range(n):
                ends: list[int] = []
                found: list[int] = []
                first = sentence[k]
                if first in firsts:  # jieba's loop over the combined mapping
                    i = k
                    frag = first
                    while i < n and frag in packed:
                        count = packed.get(frag)
                        if count:
                            ends.append(i)
                            found.append(count)
                        i += 1
                        frag = sentence[k:i + 1]
                else:
                    bucket = buckets.get(first)
                    if bucket is not None:
                        pos = 0
                        end = len(bucket)
                        i = k
                        while i < n:
                            if i == k + 1 and first in subs:  # the block of the second character
                                seconds, starts = subs[first]
                                at = seconds.find(sentence[i])
                                if at < 0:
                                    break
                                pos, end = ord(starts[at]), ord(starts[at + 1])
                            pos = bucket.find(SEP + sentence[k:i + 1], pos, end)
                            if pos < 0:
                                break
                            j = pos + i - k + 2
                            if bucket[j] == END:
                                ends.append(i)
                                found.append(_count_at(bucket, j + 1))
                            i += 1
                if not ends:
                    ends.append(k)
                    found.append(0)
                dag[k] = ends
                counts[k] = found
            return dag

        def calc(self, sentence: str, DAG, route) -> None:  # noqa: N803 (jieba calls it so)
            counts = getattr(DAG, "counts", None)
            if counts is None:
                super().calc(sentence, DAG, route)
                return
            n = len(sentence)
            route[n] = (0, 0)
            logtotal = log(self.total)
            for idx in range(n - 1, -1, -1):
                route[idx] = max((log(count or 1) - logtotal + route[x + 1][0], x)
                                 for x, count in zip(DAG[idx], counts[idx], strict=True))

    tokenizer = PackedTokenizer()
    tokenizer.FREQ, tokenizer.total = freq, total
    tokenizer.initialized = True
    return tokenizer
