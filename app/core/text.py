"""Small text helpers shared by the engine: 字数 (CJK counting) and bigram fingerprints.

Chinese numerals belong to the report's grammar: ``app.core.document.grammar``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Set
from itertools import accumulate

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_CJK_RE = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NON_CJK_CHAR_RE = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def count_cjk(text: str) -> int:
    """字数 as users mean it: the number of Chinese characters."""
    # the characters left when the runs of others are taken out (a run is one match, so this
    # is twice as fast as finding each Chinese character)
    return len(text) - sum(map(len, _NON_CJK_RE.findall(text)))


def cjk_chars(text: str) -> list[str]:
    """The characters of ``text`` that count towards 字数, in order."""
    return _CJK_RE.findall(text)


def cjk_text(text: str) -> str:
    """``"".join(cjk_chars(text))``, faster: the runs between are dropped, not each character found."""
    return _NON_CJK_RE.sub("", text)


def cjk_prefix_counts(text: str) -> tuple[int, ...]:
    """``counts[i]``: the Chinese characters in ``text[:i]`` (``len(text) + 1`` of them)."""
    # Every other character becomes NUL, so each is one UTF-16 unit (the Chinese ones are all
    # in the BMP) and the units' truth values are the flags: all in C, not a call per character.
    units = memoryview(_NON_CJK_CHAR_RE.sub("\x00", text).encode("utf-16-le")).cast("H")
    return tuple(accumulate(map(bool, units), initial=0))


def is_cjk(ch: str) -> bool:
    """Whether one character counts towards 字数 (same ranges as ``count_cjk``)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def char_bigrams(text: str) -> set[str]:
    """Bigrams of the CJK/alnum characters: a cheap, segmenter-free fingerprint."""
    chars = [c for c in text if c.isalnum()]
    if len(chars) < 2:
        return set(chars)
    return {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}


def overlap(a: Set[str], b: Set[str]) -> float:
    """Overlap coefficient: the share of the smaller set found in the other (0..1; 0 if empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))



def text_key(text: str) -> str:
    """A short stable hash of ``text``: how the caches key phrase texts (tokens, pinyin)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


# What Word's 字数统计 counts as 字数: every Chinese character and full-width punctuation mark,
# plus each run of Latin letters or digits as one word.
_WORD_UNITS_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f"
                            r"\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u00b7]"
                            r"|[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def count_like_word(text: str) -> int:
    """字数 as Word's 字数统计 shows it (Chinese characters and punctuation, Latin words)."""
    # subn counts the matches in C; the ideographic space matches the punctuation range but is
    # no 字 (a per-match Python test cost 20 ms per keystroke on a 30,000-字 draft).
    return _WORD_UNITS_RE.subn("", text)[1] - text.count("\u3000")


SCAN_PIECE = 50_000  # characters a regular expression scans in one call (see finditer_in_pieces)
SCAN_MARGIN = 400  # longer than any match or look-around of the checks' patterns


def finditer_in_pieces(pattern: re.Pattern[str], text: str, piece: int = SCAN_PIECE,
                       margin: int = SCAN_MARGIN) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, the same matches, but no call scanning more than ``piece``
    characters.  Python's ``re`` keeps the GIL for a whole call, and a pattern that matches
    rarely scans a long draft in one: 50-76 ms for one 校对 rule over 5 MB, the window
    frozen meanwhile although the check ran on a worker thread.  Exact for matches and
    look-arounds shorter than ``margin``: a match that ends near a piece's end is looked for
    again from its start, with a whole piece after it."""
    pos, size = 0, len(text)
    while pos <= size:
        end = min(size, pos + piece)
        m = pattern.search(text, pos, end)
        if m is None:
            if end == size:
                return
            pos = max(pos + 1, end - margin)
            continue
        if end < size and m.end() > end - margin and m.start() > pos:
            pos = m.start()  # too near the cut: again, from where it starts
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1
