"""词级错字: two characters that are no word, sit between no words, and become a common word
when one of them is replaced by a sound-alike (for a function character, fuzzy pinyin too:
从新→重新), near sound or look-alike (在次→再次, 仍就→仍旧, 拔付→拨付).

The confusable rule (confusable.py) weighs every correction against the best segmentation
and lets any two characters pass as an unknown word at a fixed cost, so a non-word whose fix
is a rarer word, or whose changed character is a function character, never clears its
threshold.  This rule asks a stricter question first, then settles for a smaller gain:

* the pair is no dictionary entry (not even the head of a longer one: 在此 starts 在此之前),
  no word of the register, no n-gram that in-domain text repeats, and holds no particle;
* it is not two words' edges: neither its first character ends a word with what stands
  before it (存在|次要), nor its second starts one with what follows (从|新时代, 仍|就此);
* the fix is a common word, and the context's best segmentation gains from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.core.check.lexicon import FUNCTION_CHARS, KEY_MASK, PARTICLES, Lexicon

Score = Callable[[str], float]
EDGE_WORD = 20  # a neighbouring word at least this common (jieba's scale) makes the pair two edges
# The fix is a word at least this common, by kind of confusion (a look-alike is rarer with a
# pinyin IME, a fuzzy-pinyin slip rarer still).
FIX_MIN = {"sound": 300, "tone": 1000, "shape": 300, "fuzzy": 2000}
_LEAST = min(FIX_MIN.values())
GAIN_MIN = 2.0  # log-probability the context's best segmentation gains from the fix
FUNCTION_GAIN = 2.0
# The character kept must be bound: a word on its own in jieba's corpus less often than this
# (舆, 懈, 监; not 事, 下, 学) or than in the fix (精 4,066 alone, 精准 5,799), else the pair is
# as likely two words (事|记, 下|冷, 深|学).  A character this common alone is free whatever
# the fix (学|细 is no slip of 学习), and the second reason needs the written character not
# free either (时|照稿 is no slip of 对照).
BOUND = 3000
FREE = 10_000
CONTEXT = 3  # characters on each side of the pair in that segmentation
_LONG = (3, 4)  # sizes of the neighbouring words looked up once a fix is in sight
# Initials a pinyin IME is commonly set to confuse (模糊音: 从 cong for 重 chong).
# 不除, 很实, 更严: a negation or degree word before a character makes a phrase, not a word;
# 一 makes patterns (盯一盯, 一企一策); 的地得 has its own rule.  No pair with one is a slip.
_PREFIXES = frozenset("不没很太更最较越非未")
_NEVER = PARTICLES | _PREFIXES | {"一"}
# What closes the frame a preposition opens (not 开始: 从新开始 is a slip of 重新开始).
_FRAMES = {"从": ("出发", "来看", "看", "入手", "着手", "抓起", "做起", "以来", "起", "中", "上", "到"),
           "就": ("作", "做", "进行", "提出", "交换", "发表", "表态", "达成", "听取", "征求", "说明"),
           "在": ("中", "上", "下", "里", "时", "前", "后", "方面", "期间", "之际", "以来"),
           "对": ("来说", "而言")}
FRAME_SPAN = 14  # characters of the clause after the pair searched for a closer
# A function character is written where it belongs far more often than by mistake: its fix
# must be at least this common (and gain FUNCTION_GAIN).
FUNCTION_FIX_MIN = 1000


@dataclass(frozen=True)
class WordSlip:
    start: int  # of the pair in the text
    at: int  # the replaced character
    char: str  # its replacement
    word: str  # the corrected pair
    kind: str
    gain: float


def pair_slips(lone: Iterable[tuple[str, int, int]], lexicon: Lexicon, score: Score) -> list[WordSlip]:
    """The slips among ``lone``: (run of CJK characters, its start in the text, a pair's
    place in the run) of pairs that are no common word, as confusable.py's scan finds them.
    ``score``: the log-probability of a text's best segmentation (confusable.best_logp)."""
    found: list[WordSlip] = []
    known, extra = lexicon.known, lexicon.extra
    for run, base, a in lone:  # the cheap tests inline: this runs for most pairs that are no word
        first, second = run[a], run[a + 1]
        if first in _NEVER or second in _NEVER:
            continue
        pair = first + second
        if known[pair] or pair in extra or (found and found[-1].start + 2 > base + a):
            continue
        # two words' edges (存在|次要, 仍|就此; the longer words are looked up later, see _edges)
        left, right = run[a - 1:a + 1] if a else "", run[a + 1:a + 3]
        if (left and known[left] + extra.get(left, 0) >= EDGE_WORD) \
                or (len(right) == 2 and known[right] + extra.get(right, 0) >= EDGE_WORD):
            continue
        # two free characters are two words, unless a function pair before a verb (see below)
        if known[first] >= FREE and known[second] >= FREE \
                and not (first in FUNCTION_CHARS and _verb_at(run, a + 2, lexicon)):
            continue
        slip = _pair_slip(run, a, lexicon, score)
        if slip is not None:
            found.append(WordSlip(base + a, base + slip.at, slip.char, slip.word, slip.kind, slip.gain))
    return found


def _pair_slip(run: str, a: int, lexicon: Lexicon, score: Score) -> WordSlip | None:
    """The best fix of the pair at ``a`` (no word, no particle, no edges of two-character
    words, not two free characters: the caller checked), if any.  The dictionary's prefixes, the longer neighbouring words and
    the readings are only looked up once a fix is in sight."""
    pair = run[a:a + 2]
    targets = lexicon.targets()
    best: WordSlip | None = None
    head: bool | None = None  # the head of a dictionary entry (在此 of 在此之前), or edges of longer words
    for j in (0, 1):
        ch, kept = pair[j], pair[1 - j]
        fill = targets.get(hash(pair[:j] + "\0" + pair[j + 1:]) & KEY_MASK)
        if not fill:
            continue
        functional = _functional(pair, j)
        if not _may_replace(run, a, j) or (functional and (
                not _verb_at(run, a + 2, lexicon) or _frame_closed(ch, run[a + 2:a + 2 + FRAME_SPAN]))):
            continue
        alone, written = lexicon.count(kept), lexicon.count(ch)
        # a function character may be written for a fuzzy sound-alike the tables do not hold
        near = fill if functional else [c for c in lexicon.near().get(ch, "") if c in fill]
        for new in near:
            if new == ch or new in PARTICLES:
                continue
            word = pair[:j] + new + pair[j + 1:]
            fix = lexicon.count(word)
            if fix < _LEAST or not (functional or alone < BOUND or (alone < FREE and fix >= alone and written < FREE)):
                continue
            kind = lexicon.confusable(ch, new) or ("fuzzy" if functional else None)
            if kind is None or fix < (max(FIX_MIN[kind], FUNCTION_FIX_MIN) if functional else FIX_MIN[kind]):
                continue
            if head is None:
                head = pair in lexicon.freq or _edges(run, a, lexicon, _LONG)
            if head:
                return None
            if kind == "fuzzy" and new not in lexicon.fuzzy.get(ch, ""):
                continue
            gain = _gain(score, run, a + j, new)
            if gain >= (FUNCTION_GAIN if functional else GAIN_MIN) and (best is None or gain > best.gain):
                best = WordSlip(a, a + j, new, word, kind, gain)
    return best


def _functional(pair: str, j: int) -> bool:
    """Is the suspect a function character that leads the pair (在次, 从新) or one of two
    function characters (仍就)?  Such a pair may be two words however bound its other
    character is (从|新情况), so the fix must be common and a verb must follow (see
    ``_verb_at``)."""
    return pair[j] in FUNCTION_CHARS and (j == 0 or pair[0] in FUNCTION_CHARS)


def _frame_closed(preposition: str, rest: str) -> bool:
    """Does the rest of the clause close the frame the written function character opens as a
    preposition (从…出发, 从…以来, 就…作说明, 在…中, 对…而言)?  Then it is one (从|新修订的条例中,
    仍|就相关问题作了说明), not a slip for an adverb.  A slip's clause may hold a closer too: a
    miss, never a false alarm."""
    return any(closer in rest for closer in _FRAMES.get(preposition, ()))


def _verb_at(run: str, p: int, lexicon: Lexicon) -> bool:
    """Does a verb of jieba's tags (not a noun-verb: 新发展) start at ``p``?  A function
    character mistyped makes an adverb (再次, 重新, 仍旧), and an adverb goes before a verb;
    before a noun the pair is a preposition and its object (从|新情况, 在|次日)."""
    return any(run[p:p + k] in lexicon.verbs for k in (2, 3))


def _may_replace(run: str, a: int, j: int) -> bool:
    """Could ``run[a + j]`` be the slip in the pair at ``a``?  Not after a negation or degree
    word (不除, 更实), not in a deliberate pattern (盯一盯, 年年提, 一企一策), and not as a
    function character that starts the next phrase after a content character (事|也, 上|以,
    曾|对): that is grammar; not the first of a pair followed by a particle (从|新的角度).
    Two function characters in a row (仍就) are no phrase."""
    p = a + j
    ch = run[p]
    if j == 0 and run[a + 2:a + 3] in PARTICLES:
        return False  # 从新的 (the kept character describes what follows)
    if run[p - 2:p - 1] == ch or run[p + 2:p + 3] == ch or (p >= 1 and run[p - 1:p] == run[p + 1:p + 2]):
        return False
    return run[a + 1] not in FUNCTION_CHARS or run[a] in FUNCTION_CHARS


def _edges(run: str, a: int, lexicon: Lexicon, sizes: tuple[int, ...]) -> bool:
    """Is the pair two words' edges: its first character ends a word of one of ``sizes``
    with what precedes it, or its second starts one with what follows?  (``pair_slips`` tests
    the two-character words inline: confusable.py's scan has looked them up, remembered.)"""
    known, extra = lexicon.known, lexicon.extra
    n = len(run)
    for size in sizes:
        if a + 1 >= size:
            word = run[a + 1 - size:a + 1]
            if known[word] + extra.get(word, 0) >= EDGE_WORD:
                return True
        if a + 1 + size <= n:
            word = run[a + 1:a + 1 + size]
            if known[word] + extra.get(word, 0) >= EDGE_WORD:
                return True
    return False


def _gain(score: Score, run: str, at: int, new: str) -> float:
    lo, hi = max(0, at - CONTEXT - 1), min(len(run), at + CONTEXT + 2)
    before = run[lo:hi]
    k = at - lo
    return score(before[:k] + new + before[k + 1:]) - score(before)
