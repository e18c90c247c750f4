"""The report's grammar, declared once: Chinese numerals, heading numbers and point markers.

Everything that decides what a heading or a point is imports this module: heading
recognition (``numbering``), the outline (``outline_scan``, ``outline_edit``), the bold lead
sentences of the export (``formats.docx_write``), the numbering check
(``check.rules_numbering``) and the phrase ordinals (``phrases.phrasebank``).  So the outline,
the Word file, the check and an inserted phrase agree on what a point is.

- Numerals: 一 … 九十九 as typed in headings and points, and 一百 … 九百九十九 so that a
  long list renumbered past 99 is still read back.  ``int_to_cn``/``cn_to_int`` are total.
- Headings: 一、 (level 1), （一） (2), 1. (3), （1） (4).
- Points: 一是/二要… at the start of a paragraph or after the end of a sentence or a colon
  (``主要表现在：一是……``); 首先/其次/再次/最后 at the start of a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CN_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_BIG_UNITS = ((10**8, "亿"), (10**4, "万"))
_UNIT_SIZE = {unit: size for size, unit in _SMALL_UNITS}
_NUMERAL_CHARS = frozenset(CN_DIGITS + "十百千万亿")

_D = "一二三四五六七八九"
# A numeral as written in a heading or point: up to three of 一…十 (checked by cn_to_int where
# the value matters), or a well-formed hundred (一百, 一百零一, 三百二十五).
CN_NUMERAL = rf"(?:[{_D}]百(?:零[{_D}]|[{_D}]十[{_D}]?)?|[{_D}十]{{1,3}})"
NUMERAL_RE = re.compile(rf"{CN_NUMERAL}|\d+")  # the first numeral of a heading's number

SENTENCE_END = "。；;！？!?"
# A point marker opens a paragraph, a sentence, or the list after a colon.
POINT_BOUNDARY = SENTENCE_END + "：:"
_SPACE = r"[\s\u3000]*"
POINT_SUFFIXES = "是要"
POINT_MARKER_RE = re.compile(rf"(?:^|(?<=[{POINT_BOUNDARY}])){_SPACE}(({CN_NUMERAL})([{POINT_SUFFIXES}]))")
# A text (a phrase, a pasted point) that opens with its ordinal.
LEADING_ORDINAL_RE = re.compile(rf"^({CN_NUMERAL})([{POINT_SUFFIXES}])")
# The lead sentence of a point: its marker and everything up to the sentence's end.
LEAD_SENTENCE_RE = re.compile(
    rf"(?:^|(?<=[{POINT_BOUNDARY}])){_SPACE}({CN_NUMERAL}[{POINT_SUFFIXES}][^{SENTENCE_END}]*[{SENTENCE_END}]?)")
SEQ_WORDS = ("首先", "其次", "再次", "最后")

# (level, pattern): the number is group 1, the rest of the line follows the match.
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    # a stray 、 or . after the bracket (（一）、理论学习方面) belongs to the number
    (2, re.compile(rf"^[（(]\s*({CN_NUMERAL})\s*[）)]\s*(?:[、.．]\s*)?")),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(?:[、.．]\s*)?")),
    (1, re.compile(rf"^({CN_NUMERAL})\s*[、.．]\s*")),
    (3, re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*")),
)
# 一. typed where 一、 is meant (the check suggests 、).
CN_HEAD_DOT_RE = re.compile(rf"^\s*{CN_NUMERAL}\.")


# --- numerals ---------------------------------------------------------------------------------
def _below_10000(value: int) -> str:
    out, gap = [], False
    for size, unit in (*_SMALL_UNITS, (1, "")):
        digit = value // size % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        out.append(CN_DIGITS[digit] + unit)
    return "".join(out)


def _spell(value: int) -> str:
    for size, unit in _BIG_UNITS:
        if value >= size:
            high, low = divmod(value, size)
            tail = "" if low == 0 else ("零" if low < size // 10 else "") + _spell(low)
            return _spell(high) + unit + tail
    return _below_10000(value)


def int_to_cn(value: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 101 → 一百零一, 0 → 零; any integer."""
    if value < 0:
        return "负" + int_to_cn(-value)
    if value == 0:
        return "零"
    text = _spell(value)
    return text[1:] if text.startswith("一十") else text


def cn_to_int(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 一百零一 → 101; None when ``numeral`` is not a well-formed numeral."""
    if not numeral or any(c not in _NUMERAL_CHARS for c in numeral):
        return None
    total = section = digit = 0
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS.index(ch)
        elif ch == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 10**8
            section = digit = 0
        else:
            section += (digit or 1) * _UNIT_SIZE[ch]
            digit = 0
    value = total + section + digit
    spelt = int_to_cn(value)
    if numeral == spelt or (spelt.startswith("十") and numeral == "一" + spelt):  # 一十二 = 十二
        return value
    return None


def renumbered(number: str, value: int, chinese: bool) -> str:
    """``number`` as typed (2、 （三） 1．) with its first numeral set to ``value``."""
    return NUMERAL_RE.sub(int_to_cn(value) if chinese else str(value), number, count=1)


# --- headings ---------------------------------------------------------------------------------
def canonical_number(level: int, value: int) -> str:
    if level == 1:
        return f"{int_to_cn(value)}、"
    if level == 2:
        return f"（{int_to_cn(value)}）"
    if level == 3:
        return f"{value}."
    return f"（{value}）"


# --- points -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PointMarker:
    start: int  # offset of the numeral
    end: int  # offset just after 是/要
    numeral: str
    suffix: str  # 是 or 要

    @property
    def marker(self) -> str:
        return self.numeral + self.suffix

    @property
    def value(self) -> int | None:
        return cn_to_int(self.numeral)


def point_markers(text: str, start: int = 0) -> Iterator[PointMarker]:
    """The 一是/二要… markers in ``text`` (from ``start``) where a point may begin."""
    for m in POINT_MARKER_RE.finditer(text, start):
        yield PointMarker(m.start(1), m.end(1), m.group(2), m.group(3))


def point_marker(value: int, suffix: str = "是") -> str:
    return int_to_cn(value) + suffix


def lead_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each 一是……。 lead sentence in ``text``: what the export sets in bold."""
    return [m.span(1) for m in LEAD_SENTENCE_RE.finditer(text)]
