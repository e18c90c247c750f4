"""雷同 between every two reports of a unit, without comparing every report with every other.

Each report is cut into sentences (as in 雷同比对); a sentence key is its letters and CJK.
Identical keys meet in one dict.  Near-copies (a word changed, a clause added) are found by
prefix filtering: every key is indexed by its rarest character 3-grams only (the first
``PREFIX_SHARE`` of them in one global order by rarity), so two sentences that share most of
their 3-grams share at least one indexed 3-gram; only those candidates are scored with
rapidfuzz.  The work grows with the number of sentences and their real matches, not with
the square of the number of reports: 200 reports are compared in a few seconds.

A pair's ``similarity`` is the share of the shorter report's sentences found (identical or a
near-copy) in the other.  Sentences that most reports share (the notice's wording, stock
openings) are common property, not copying, and are left out of every pair
(``common_limit``); so are sentences from the phrasebank that every writer is handed (they
count towards ``phrasebank_share`` instead), and title or heading lines.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from app.core.check.similarity import MIN_CHARS, split_sentences

NEAR = 0.85  # rapidfuzz ratio at or above which two sentences count as the same
PREFIX_SHARE = 0.4  # share of a key's 3-grams (rarest first) that are indexed
SHINGLE = 3
PHRASEBANK = -1  # owner id of the phrasebank's sentences


@dataclass(frozen=True)
class SharedSentence:
    a: str  # the sentence as written in report a
    b: str  # … and in report b
    similarity: float
    index: int  # position of the sentence in the shorter report (for passages)


@dataclass
class Pair:
    a: int
    b: int
    similarity: float
    shared: list[SharedSentence] = field(default_factory=list)

    def passages(self) -> list[tuple[str, str]]:
        """Runs of consecutive shared sentences, joined: what to show side by side."""
        runs: list[tuple[str, str]] = []
        last = -2
        for s in sorted(self.shared, key=lambda s: s.index):
            if runs and s.index == last + 1:
                a, b = runs[-1]
                runs[-1] = (a + s.a, b + s.b if s.b not in b else b)
            else:
                runs.append((s.a, s.b))
            last = s.index
        return runs


@dataclass
class Comparison:
    pairs: list[Pair]  # every pair with something shared, most similar first
    sentences: list[int]  # distinct sentences per report
    phrasebank_share: list[float]  # share of each report's characters found in the phrasebank
    common: int  # distinct sentences left out as common to most reports

    def best_for(self, report: int) -> Pair | None:
        return next((p for p in self.pairs if report in (p.a, p.b)), None)

    def matrix(self, count: int) -> list[list[float]]:
        grid = [[0.0] * count for _ in range(count)]
        for p in self.pairs:
            grid[p.a][p.b] = grid[p.b][p.a] = p.similarity
        return grid


def _shingles(key: str) -> list[str]:
    if len(key) <= SHINGLE:
        return [key]
    return list(dict.fromkeys(key[i:i + SHINGLE] for i in range(len(key) - SHINGLE + 1)))


def _is_line_heading(text: str, sentence) -> bool:
    """A whole line without closing punctuation: a title, heading or name line, not prose.

    Every report of a unit carries the same title and headings; that is no copying.
    """
    before = text[sentence.start - 1] if sentence.start else "\n"
    after = text[sentence.end] if sentence.end < len(text) else "\n"
    return before == "\n" and after == "\n" and not sentence.text.endswith(("。", "！", "？", "；", "!", "?", ";"))


class _Keys:
    """Distinct sentence keys, who owns each, and the text each owner wrote."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.ids: dict[str, int] = {}
        self.owners: list[set[int]] = []
        self.texts: list[dict[int, tuple[str, int]]] = []  # owner -> (sentence, position)

    def add(self, key: str, owner: int, text: str, position: int) -> int:
        kid = self.ids.get(key)
        if kid is None:
            kid = self.ids[key] = len(self.keys)
            self.keys.append(key)
            self.owners.append(set())
            self.texts.append({})
        self.owners[kid].add(owner)
        self.texts[kid].setdefault(owner, (text, position))
        return kid


def _near_copies(keys: list[str], cancelled: Callable[[], bool]) -> list[list[tuple[int, float]]]:
    """For every key, the other keys that are near-copies of it, with their ratio (0..1)."""
    grams = [_shingles(k) for k in keys]
    df: dict[str, int] = defaultdict(int)
    for gs in grams:
        for g in gs:
            df[g] += 1
    postings: dict[str, list[int]] = defaultdict(list)
    near: list[list[tuple[int, float]]] = [[] for _ in keys]
    for kid, gs in enumerate(grams):
        if kid % 2000 == 0 and cancelled():
            raise ReviewCancelledError
        ordered = sorted(gs, key=lambda g: (df[g], g))
        prefix = ordered[:max(1, math.ceil(len(ordered) * PREFIX_SHARE))]
        key = keys[kid]
        seen: set[int] = set()
        for g in prefix:
            for other in postings[g]:
                if other in seen:
                    continue
                seen.add(other)
                o = keys[other]
                if min(len(o), len(key)) < 0.7 * max(len(o), len(key)):
                    continue
                score = fuzz.ratio(key, o, score_cutoff=NEAR * 100) / 100.0
                if score >= NEAR:
                    near[kid].append((other, score))
                    near[other].append((kid, score))
            postings[g].append(kid)
    return near


class ReviewCancelledError(Exception):
    """The user pressed 取消."""


def compare_reports(texts: Sequence[str], phrasebank: Sequence[str] = (),
                    cancelled: Callable[[], bool] = lambda: False,
                    common_limit: int | None = None) -> Comparison:
    """Pairs of ``texts`` that share sentences, and each text's share from the phrasebank."""
    table = _Keys()
    per_report: list[list[int]] = []
    chars: list[int] = []
    for owner, text in enumerate(texts):
        kids: list[int] = []
        total = 0
        for position, sentence in enumerate(split_sentences(text)):
            total += len(sentence.key)
            if len(sentence.key) < MIN_CHARS or _is_line_heading(text, sentence):
                continue
            kid = table.add(sentence.key, owner, sentence.text, position)
            if kid not in kids:
                kids.append(kid)
        per_report.append(kids)
        chars.append(total)
    for phrase in phrasebank:
        for sentence in split_sentences(phrase):
            if len(sentence.key) >= MIN_CHARS:
                table.add(sentence.key, PHRASEBANK, sentence.text, 0)
    near = _near_copies(table.keys, cancelled)
    count = len(texts)
    limit = common_limit if common_limit is not None else max(3, math.ceil(count / 3))
    found: dict[tuple[int, int], list[SharedSentence]] = defaultdict(list)
    bank_chars = [0] * count
    common: set[int] = set()
    for a, kids in enumerate(per_report):
        if a % 20 == 0 and cancelled():
            raise ReviewCancelledError
        for kid in kids:
            matches: dict[int, tuple[float, int]] = {o: (1.0, kid) for o in table.owners[kid]}
            for other, score in near[kid]:
                for o in table.owners[other]:
                    if score > matches.get(o, (0.0, 0))[0]:
                        matches[o] = (score, other)
            if PHRASEBANK in matches:  # stock phrasing from the shared phrasebank: not copying
                bank_chars[a] += len(table.keys[kid])
                continue
            if len(matches) > limit:
                common.add(kid)
                continue
            mine, position = table.texts[kid][a]
            for b, (score, other) in matches.items():
                if b != a:
                    found[(a, b)].append(SharedSentence(mine, table.texts[other][b][0], score, position))
    pairs = []
    sizes = [len(k) for k in per_report]
    for a, b in list(found):
        if a > b and (b, a) in found:
            continue
        short, long_ = (a, b) if (sizes[a], a) <= (sizes[b], b) else (b, a)
        hits = found.get((short, long_), [])
        if not hits or not sizes[short]:
            continue
        lo, hi = min(a, b), max(a, b)
        if short != lo:  # keep the shared sentences as (a, b) = (lo, hi)
            hits = [SharedSentence(s.b, s.a, s.similarity, s.index) for s in hits]
        pairs.append(Pair(lo, hi, len(hits) / sizes[short], hits))
    pairs.sort(key=lambda p: (-p.similarity, p.a, p.b))
    share = [bank_chars[i] / chars[i] if chars[i] else 0.0 for i in range(count)]
    return Comparison(pairs, sizes, share, len(common))
