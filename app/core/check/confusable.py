"""音近、形近错字: a character that, replaced by a sound- or look-alike, turns a non-word or
a rare sequence into a common word of the register (布署→部署, 宏扬→弘扬, 反应问题→反映问题).

Candidates come from a masked index of common words (``Lexicon.targets``): every window of
2–4 characters is looked up with one character masked, and a word found there whose
character at that place is confusable with the written one is a candidate.  A candidate
is kept when the best segmentation of the surrounding characters (unigram word model
over jieba's frequencies plus the register's words) gains at least ``THRESHOLD`` in
log-probability, after a cost for the kind of confusion.  Linear in the text.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from app.core.check.findings import Finding
from app.core.check.keytable import SHIFT
from app.core.check.lexicon import FUNCTION_CHARS, KEY_MASK, PARTICLES, Lexicon
from app.core.check.word_slips import pair_slips

# A written word of the dictionary (反应, 年青) is only replaced by a longer collocation
# (反映问题, 年轻干部), never by another word of the same length on frequency alone.
REAL_WORD = 20
THRESHOLD = 3.0  # chosen on the tuning half of tests/data/proof/slips_confusable.txt
COST = MappingProxyType({"sound": 0.0, "tone": 3.0, "shape": 2.0})
CONTEXT = 3  # characters on each side taken into the segmentation
MAX_WORD = 6
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_FLOOR = -20.0  # log-probability of an unknown single character
# Any two characters may be a word the dictionary lacks (深学细悟 is 深学 + 细悟): without
# this, the unigram model "corrects" every coinage of the register into common words.
OOV_PAIR = -14.0


@dataclass(frozen=True)
class Candidate:
    start: int  # of the corrected word in the text
    end: int
    at: int  # the replaced character
    char: str  # its replacement
    word: str  # the corrected word
    gain: float
    kind: str = "sound"  # sound (同音) / tone (音近) / shape (形近)

    def shifted(self, offset: int) -> Candidate:
        return Candidate(self.start + offset, self.end + offset, self.at + offset, self.char,
                         self.word, self.gain, self.kind)


def best_path(lexicon: Lexicon, s: str) -> tuple[float, list[int]]:
    """Log-probability of the best segmentation of ``s`` into words (jieba's unigram model,
    plus any two characters as an unknown word) and the word boundaries."""
    n = len(s)
    best = [0.0] + [-1e18] * n
    back = [0] * (n + 1)
    logp = lexicon.logp
    for i in range(1, n + 1):
        top, arg = -1e18, i - 1
        for j in range(max(0, i - MAX_WORD), i):
            lp = logp(s[j:i])
            size = i - j
            if size == 2:
                if lp is None or lp < OOV_PAIR:
                    lp = OOV_PAIR
            elif lp is None:
                if size > 1:
                    continue
                lp = _FLOOR
            value = best[j] + lp
            if value > top:
                top, arg = value, j
        best[i], back[i] = top, arg
    cuts, i = [], n
    while i > 0:
        cuts.append(i)
        i = back[i]
    return best[n], cuts[::-1]


def best_logp(lexicon: Lexicon, s: str) -> float:
    return best_path(lexicon, s)[0]


def candidates(text: str, lexicon: Lexicon, threshold: float = THRESHOLD,
               cached_only: bool = False) -> list[Candidate]:
    """The best-scoring correction at each flagged character of ``text``.

    Lines are scored separately (no rule looks across a line break) and remembered in the
    lexicon's line cache, so re-checking after an edit only scores the edited paragraph.
    ``cached_only`` skips lines not scored yet (see ``warm_lines``).
    """
    if threshold != THRESHOLD:
        return _candidates(text, lexicon, threshold)
    cache = lexicon.line_cache
    result: list[Candidate] = []
    offset = 0
    for line in text.split("\n"):
        found = cache.get(line)
        if found is None and not cached_only:
            if len(cache) > LINE_CACHE:
                cache.clear()
            found = cache[line] = tuple(_candidates(line, lexicon, threshold))
        if found:
            result += [c.shifted(offset) for c in found] if offset else found
        offset += len(line) + 1
    return result


LINE_CACHE = 20_000


def cold_lines(text: str, lexicon: Lexicon) -> int:
    """How many lines of ``text`` have not been scored yet."""
    cache = lexicon.line_cache
    return sum(1 for line in text.split("\n") if line not in cache)


def warm_lines(text: str, lexicon: Lexicon, budget_s: float = 0.015) -> bool:
    """Score lines of ``text`` not scored yet, for at most about ``budget_s`` seconds; True
    when every line is scored.  Lets a window spread a first check over several event-loop
    turns instead of freezing once for the whole text."""
    cache = lexicon.line_cache
    deadline = time.perf_counter() + budget_s
    for line in text.split("\n"):
        if line in cache:
            continue
        if time.perf_counter() > deadline:
            return False
        if len(cache) > LINE_CACHE:
            cache.clear()
        cache[line] = tuple(_candidates(line, lexicon, THRESHOLD))
    return True


def _candidates(text: str, lexicon: Lexicon, threshold: float) -> list[Candidate]:
    targets = lexicon.targets()
    target_keys, target_mask = targets.keys, targets.mask
    target_fills = targets.values or []  # (a table with values)
    near = lexicon.near()
    freq = lexicon.known  # freq[word]: the count, 0 for no word (remembered)
    seen = lexicon.seen
    heads, tails = lexicon.heads, lexicon.tails
    mids = lexicon.mids
    key_mask = KEY_MASK
    found: dict[int, tuple[float, str, str]] = {}
    memo: dict[str, float] = {}
    run, base = "", 0
    tried: set[tuple[int, str]] = set()
    overlaps = lexicon.overlaps
    lone: list[tuple[str, int, int]] = []  # (run, its start, pair) of the pairs that are no word

    def _try(window: str, masks: tuple[int, ...], a: int) -> None:
        if len(window) > 2 and hash(window) & key_mask in seen:
            return
        for j in masks:
            key = hash(window[:j] + "\0" + window[j + 1:]) & key_mask
            i = key & target_mask  # targets.get(key), inlined (see keytable.py)
            if target_keys[i] != key:
                i = (key >> SHIFT) & target_mask
                if target_keys[i] != key:
                    continue
            fill = target_fills[i]
            if not fill:
                continue
            near_ch = near.get(window[j])
            if not near_ch:
                continue
            hits = overlaps.get((fill, near_ch))  # the tables share their strings: few pairs
            if hits is None:
                if len(overlaps) >= OVERLAPS_LIMIT:
                    overlaps.clear()
                hits = overlaps[fill, near_ch] = frozenset(fill).intersection(near_ch)
            if not hits:
                continue
            strict = _functional(window, j, hits)
            if strict is None or not _plausible_slip(text, run, window, j, base + a + j, a + j, freq) \
                    or (len(window) == 2 and _in_outer_word(run, a + j, j, freq)):
                continue
            if strict:
                hits = _strong_fixes(lexicon, run, a, window, j, hits)
                if not hits:
                    continue
            _score(lexicon, run, a, a + len(window), j, hits, tried, found, memo, base,
                   threshold, FUNCTION_COST if strict else 0.0)

    for m in _CJK_RUN.finditer(text):
        run, base = m.group(), m.start()
        n = len(run)
        if n < 2:
            continue
        tried = set()
        # Per two-character gram, computed once: a repeated in-domain 4-gram starts here (all
        # its parts are repeated too: never corrected), a word starts here, a longer target
        # starts / ends with this gram.
        grams = [run[p:p + 2] for p in range(n - 1)]
        keys = [hash(g) & key_mask for g in grams]
        covered = [hash(run[p:p + 4]) & key_mask in seen for p in range(n)]
        is_word = [freq[g] >= REAL_WORD or k in seen for g, k in zip(grams, keys, strict=True)]
        head = [k in heads for k in keys]
        tail = [k in tails for k in keys]
        for a in range(n - 1):
            if covered[a]:
                continue
            back1 = a >= 1 and covered[a - 1]
            back2 = a >= 2 and covered[a - 2]
            if not (is_word[a] or back1 or back2):
                lone.append((run, base, a))
                _try(run[a:a + 2], _TWO, a)
            if a + 3 <= n and not back1:
                masks3 = ((2,) if head[a] else ()) + ((0,) if tail[a + 1] else ()) \
                    + ((1,) if hash(run[a] + run[a + 2]) & key_mask in mids else ())
                if masks3:
                    _try(run[a:a + 3], masks3, a)
            if a + 4 <= n and (head[a] or tail[a + 2]):
                _try(run[a:a + 4], ((2, 3) if head[a] else ()) + ((0, 1) if tail[a + 2] else ()), a)
    return _with_word_slips(_resolved(text, lexicon, found), lexicon, lone)


OUTER_WORD = 2000  # 立即, 记在: the character is at home in a common word just outside the window
# Where a function character is written or made (在次→再次, 象群众→向群众): the fix must be a
# word at least this common (count, jieba's scale plus the register's), the gain must clear
# THRESHOLD + FUNCTION_COST, and the window's other character may not make a word this common
# with its outer neighbour.
STRONG_WORD = 500
FUNCTION_COST = 1.5
FUNCTION_OUTER = 300


def _in_outer_word(run: str, p: int, j: int, freq) -> bool:
    """能立即 (能|立即), 事离自己: in a two-character window the suspect character also makes a
    common word with its neighbour outside the window, so the window is two words' edges."""
    outer = run[p:p + 2] if j == 1 else run[p - 1:p + 1] if p >= 1 else ""
    return len(outer) == 2 and freq[outer] >= OUTER_WORD


def _functional(window: str, j: int, hits: frozenset[str]) -> bool | None:
    """Does replacing ``window[j]`` touch a function character (在次→再次, 处里→处理, 象群众→
    向群众)?  True: only a strong word may be made (see ``_strong_fixes``); None: never (a
    particle, or a prefix's head: 很实 is 很 + 实)."""
    ch = window[j]
    if ch in PARTICLES:
        return None
    if len(window) == 2 and (window[1 - j] in FUNCTION_CHARS or (window[0] in _PREFIXES and j == 1)):
        return None  # next to a function character the window is two words (禁|而, 很|实)
    if len(window) == 2 and ch in FUNCTION_CHARS:
        return True
    return len(window) < 4 and not hits.isdisjoint(FUNCTION_CHARS)


def _strong_fixes(lexicon: Lexicon, run: str, a: int, window: str, j: int,
                  hits: frozenset[str]) -> frozenset[str]:
    """The replacements that make a strong word of a window that is no word at all, and whose
    other character does not make a word with its neighbour outside the window (在|次要矛盾,
    处|理顺): a function character is written correctly far more often than by mistake."""
    if lexicon.count(window) >= REAL_WORD:
        return _NO_FIX
    p = a + j  # the written character is at home in a repeated n-gram of the register (现向支部)
    if any(hash(run[q:q + 3]) & KEY_MASK in lexicon.seen for q in range(max(0, p - 2), p + 1) if q + 3 <= len(run)):
        return _NO_FIX
    if len(window) == 2:
        # either character makes a word with its neighbour outside the window (办公室|里想)
        outside = (run[p - 1:p + 1] if p >= 1 else "", run[p + 1:p + 3]) if j == 0 else \
            (run[p:p + 2], run[p - 2:p] if p >= 2 else "")
        if any(len(w) == 2 and lexicon.count(w) >= FUNCTION_OUTER for w in outside):
            return _NO_FIX
    ch = window[j]
    return frozenset(new for new in hits if new not in PARTICLES  # sound-alikes only (pinyin input)
                     and (new in lexicon.sound.get(ch, _EMPTY) or new in lexicon.tone.get(ch, _EMPTY))
                     and lexicon.count(window[:j] + new + window[j + 1:]) >= STRONG_WORD)


def _plausible_slip(text: str, run: str, window: str, j: int, at: int, p: int, freq) -> bool:
    """Could the character at ``p`` be a typing slip (not grammar, not a deliberate pattern)?"""
    return not (window[j - 1:j] in _PREFIXES or _parallel(text, at, freq) or _between_numerals(run, p))


def _score(lexicon: Lexicon, run: str, a: int, b: int, j: int, hits: Iterable[str],
           tried: set[tuple[int, str]], found: dict[int, tuple[float, str, str]],
           memo: dict[str, float], base: int, threshold: float, extra_cost: float = 0.0) -> None:
    window = run[a:b]
    ch = window[j]
    count = lexicon.count
    floor = memo.get(window)
    if floor is None:
        floor = memo[window] = best_logp(lexicon, window)
    for new in hits:
        key = (a + j, new)
        if key in tried:
            continue
        word = window[:j] + new + window[j + 1:]
        word_count = count(word)
        if word_count <= count(window):
            continue
        kind = "sound" if new in lexicon.sound.get(ch, _EMPTY) else \
            "tone" if new in lexicon.tone.get(ch, _EMPTY) else "shape"
        # Cheap bound first: the word against the window's own best reading.
        if math.log(word_count / lexicon.total) - floor - COST[kind] < threshold:
            continue
        if not extra_cost:  # a strict try may be retried by a longer window (请是 → 请是报告)
            tried.add(key)
        gain = _gain(lexicon, run, a, b, a + j, new, memo) - COST[kind] - extra_cost
        if gain < threshold:
            continue
        at = base + a + j
        old = found.get(at)
        if old is None or gain > old[0]:
            found[at] = (gain, new, kind)


_EMPTY = ""  # no confusable characters (the lexicon keeps them as strings)
_NO_FIX: frozenset[str] = frozenset()
OVERLAPS_LIMIT = 50_000
_TWO = (0, 1)
# 不紧, 很实, 更严: a negation or degree word before a character makes a phrase, not a word.
_PREFIXES = frozenset("不没很太更最较越非未")


_NUMERALS = frozenset("一二三四五六七八九十两百千万零")
COMMON_LEAD = 1000


def _between_numerals(run: str, p: int) -> bool:
    """一至两个, 三番五次: a character between numerals is not part of a word around it."""
    return run[p - 1:p] in _NUMERALS and run[p + 1:p + 2] in _NUMERALS


def _parallel(run: str, p: int, freq) -> bool:  # run: the whole text
    """Is the character at ``p`` part of a deliberate parallel pattern?  见人见事 (the same
    character two places away), 照一照 / 一企一策 (the same character on both sides), or a
    two-character lead repeated nearby (以学铸魂、以学增智、以学正风) that is not itself a
    common word."""
    ch = run[p]
    if run[p - 2:p - 1] == ch or run[p + 2:p + 3] == ch:
        return True
    if p >= 1 and run[p - 1:p] == run[p + 1:p + 2]:
        return True
    lead = run[p - 2:p] if p >= 2 else ""
    if freq[lead] >= COMMON_LEAD:  # 问题…问题在次: a common word, not a coined lead
        return False
    return bool(lead) and (run.find(lead, max(0, p - 14), p - 2) >= 0
                           or run.find(lead, p + 1, p + 14) >= 0)


def _resolved(text: str, lexicon: Lexicon, found: dict[int, tuple[float, str, str]]) -> list[Candidate]:
    """One candidate per corrected word: the span is the word that the corrected text's best
    segmentation puts around the character; overlapping candidates keep the best."""
    result: list[Candidate] = []
    for at, (gain, new, kind) in sorted(found.items(), key=lambda kv: -kv[1][0]):
        lo = at
        while lo > 0 and lo > at - CONTEXT - 3 and _is_cjk(text[lo - 1]):
            lo -= 1
        hi = at + 1
        while hi < len(text) and hi < at + CONTEXT + 4 and _is_cjk(text[hi]):
            hi += 1
        fixed = text[lo:at] + new + text[at + 1:hi]
        _, cuts = best_path(lexicon, fixed)
        start = lo
        for end in cuts:
            if lo + end > at:
                break
            start = lo + end
        end = lo + next(c for c in cuts if lo + c > at)
        if end - start < 2:  # the fix stands alone: show it with a neighbour
            start, end = max(lo, at - 1), min(hi, at + 2)
        if any(c.start < end and start < c.end for c in result):
            continue
        word = text[start:at] + new + text[at + 1:end]
        result.append(Candidate(start, end, at, new, word, gain, kind))
    return sorted(result, key=lambda c: c.at)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _gain(lexicon: Lexicon, run: str, a: int, b: int, at: int, new: str,
          memo: dict[str, float]) -> float:
    lo, hi = max(0, a - CONTEXT), min(len(run), b + CONTEXT)
    before = run[lo:hi]
    k = at - lo
    after = before[:k] + new + before[k + 1:]
    old = memo.get(before)
    if old is None:
        old = memo[before] = best_logp(lexicon, before)
    return best_logp(lexicon, after) - old


def _with_word_slips(result: list[Candidate], lexicon: Lexicon,
                     lone: list[tuple[str, int, int]]) -> list[Candidate]:
    """Plus the word-level slips (word_slips.py: 在次→再次, 舆伦→舆论) among the pairs the scan
    found to be no word, where no candidate is already; computed here so that they share the
    scan and the line cache."""
    more = [Candidate(s.start, s.start + 2, s.at, s.char, s.word, s.gain, s.kind)
            for s in pair_slips(lone, lexicon, lambda text: best_logp(lexicon, text))]
    more = [c for c in more if not any(r.start < c.end and c.start < r.end for r in result)]
    return sorted(result + more, key=lambda c: c.at) if more else result


_HOW = {"sound": "同音", "tone": "音近", "shape": "形近", "fuzzy": "音近"}


def check_confusables(text: str, lexicon: Lexicon | None, cached_only: bool = False) -> list[Finding]:
    if lexicon is None:
        return []
    findings = []
    for c in candidates(text, lexicon, cached_only=cached_only):
        written = text[c.start:c.end]
        findings.append(Finding(
            "confusable", f"“{written}”疑为“{c.word}”之误（“{text[c.at]}”与“{c.char}”{_HOW[c.kind]}）。",
            c.start, c.end, written, c.word))
    return findings
