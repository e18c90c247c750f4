"""Small text helpers shared by the engine: CJK counting and Chinese numerals."""

from __future__ import annotations

import re

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DIGITS = "零一二三四五六七八九"
_SPACE_RE = re.compile(r"\s+")


def count_cjk(text: str) -> int:
    """字数 as users mean it: the number of Chinese characters."""
    return len(_CJK_RE.findall(text))


def is_cjk(ch: str) -> bool:
    """Whether one character counts towards 字数 (same ranges as ``count_cjk``)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def squash_space(text: str) -> str:
    """Remove every whitespace character (for 'whitespace aside' comparisons)."""
    return _SPACE_RE.sub("", text)


def cn_to_int(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None when it is not a numeral below 100."""
    if not numeral or any(c not in _DIGITS + "十" for c in numeral):
        return None
    if "十" not in numeral:
        return _DIGITS.index(numeral) if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    value = (_DIGITS.index(tens) if tens else 1) * 10
    return value + (_DIGITS.index(ones) if ones else 0)


def int_to_cn(value: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (1 ≤ value < 100)."""
    if not 0 < value < 100:
        raise ValueError(f"numeral out of range: {value}")
    tens, ones = divmod(value, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def char_bigrams(text: str) -> set[str]:
    """Bigrams of the CJK/alnum characters: a cheap, segmenter-free fingerprint."""
    chars = [c for c in text if c.isalnum()]
    if len(chars) < 2:
        return set(chars)
    return {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}


def bigram_similarity(a: str, b: str) -> float:
    """Share of the shorter string's bigrams found in the other (0..1)."""
    ga, gb = char_bigrams(a), char_bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))


# What Word's 字数统计 counts as 字数: every Chinese character and full-width punctuation mark,
# plus each run of Latin letters or digits as one word.
_WORD_UNITS_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f"
                            r"\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u00b7]"
                            r"|[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def count_like_word(text: str) -> int:
    """字数 as Word's 字数统计 shows it (Chinese characters and punctuation, Latin words)."""
    return sum(1 for m in _WORD_UNITS_RE.finditer(text) if not m.group().isspace())
