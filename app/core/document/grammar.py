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
  (``主要表现在：一是……``), and where a sequence runs on without its full stop (三是……不够有力
  四是……); ①②③, 第一，, （1） inside a paragraph (``find_points``, below); 首先/其次/再次/最后
  at the start of a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

CN_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_BIG_UNITS = ((10**8, "亿"), (10**4, "万"))
_UNIT_SIZE = {unit: size for size, unit in _SMALL_UNITS}
_NUMERAL_CHARS = frozenset(CN_DIGITS + "十百千万亿")

_D = "一二三四五六七八九"
# A numeral as written in a heading or point: up to three of 一…十 (checked by cn_to_int where
# the value matters), or a well-formed hundred (一百, 一百零一, 三百二十五).
CN_NUMERAL = rf"(?:[{_D}十]{{1,3}}|[{_D}]百(?:零[{_D}]|[{_D}]十[{_D}]?)?)"
NUMERAL_RE = re.compile(rf"{CN_NUMERAL}|\d+")  # the first numeral of a heading's number
# An Arabic heading or point number: up to 999 (a long .txt list of 1. … 120. is all headings).
AR_NUMERAL = r"\d{1,3}"

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
    (4, re.compile(rf"^[（(]\s*({AR_NUMERAL})\s*[）)]\s*(?:[、.．]\s*)?")),
    (1, re.compile(rf"^({CN_NUMERAL})\s*[、.．]\s*")),
    (3, re.compile(rf"^({AR_NUMERAL})\s*[.．、](?!\d)\s*")),
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
class PointMarker(NamedTuple):  # a tuple: the outline scans every paragraph with it
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
    """The 一是/二要… markers in ``text`` (from ``start``) that open points (``find_points``)."""
    for p in find_points(text):
        if p.offset >= start and p.family in POINT_SUFFIXES:
            yield PointMarker(p.offset, p.end, p.marker[:-1], p.marker[-1])


def point_marker(value: int, suffix: str = "是") -> str:
    return int_to_cn(value) + suffix


def lead_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each 一是……。 lead sentence in ``text``: what the export sets in bold
    (up to its sentence's end, or the next point where the full stop was forgotten)."""
    markers = list(point_markers(text))
    spans = []
    for i, m in enumerate(markers):
        stop = markers[i + 1].start if i + 1 < len(markers) else len(text)
        end = next((j + 1 for j in range(m.end, stop) if text[j] in SENTENCE_END), stop)
        spans.append((m.start, end))
    return spans


# --- where points start in messy text (issue 17) ---------------------------------------------
# A point opens with an ordinal: 一是/二是…, 一要/二要…, 第一，/第二，…, ①②③…, or （1）（2）…
# inside a paragraph.  Where the ordinal sits decides whether it opens a point:
# - at the start of the paragraph or after a full stop (。；！？): always (①, 一是, 第一，), except
#   （1） at the very start of a paragraph, which is a heading;
# - after a colon (主要表现在：一是……): when it is the first of its kind or continues the sequence;
# - after a comma (存在以下问题，一是……二是……): when it continues the sequence, or when it is the
#   first and the paragraph goes on with the second;
# - after any other character (……抓落实不够有力四是……, the full stop forgotten): only when it
#   continues the sequence the paragraph has already started (三是 seen, so 四是).  A "四是" in
#   quotes, inside a larger numeral (第十四是, 二十四是) or an idiom (一是一、二是二) never opens one.
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CANDIDATE_RE = re.compile(
    rf"(?P<cn>{CN_NUMERAL})(?P<suffix>[是要])"
    rf"|第(?P<di>{CN_NUMERAL})(?=[，,、：:])"
    rf"|(?P<circled>[{_CIRCLED}])"
    rf"|[（(]\s*(?P<paren>{AR_NUMERAL})\s*[）)]"
)
_COLON = "：:"
_COMMA = "，,、"
_BLANKS = " \t\u3000\xa0"
_OPEN_QUOTES = "“‘\"'「『《〈"
_CLOSE_QUOTES = "”’\"'」』》〉"
_BEFORE_NUMERAL = "一二三四五六七八九十第0123456789零百千万两几"


@dataclass(frozen=True)
class PointStart:
    offset: int  # where the marker starts
    end: int  # where the point's own words start (after the marker)
    marker: str  # as typed: 一是, 第一, ①, （1）
    family: str  # 是 / 要 / 第 / ① / （）: a sequence continues only within its family
    value: int


def _candidates(text: str) -> list[PointStart]:
    found = []
    for m in _CANDIDATE_RE.finditer(text):
        if m.group("cn"):
            value, family = cn_to_int(m.group("cn")), m.group("suffix")
        elif m.group("di"):
            value, family = cn_to_int(m.group("di")), "第"
        elif m.group("circled"):
            value, family = _CIRCLED.index(m.group("circled")) + 1, "①"
        else:
            value, family = int(m.group("paren")), "（）"
        if value:
            found.append(PointStart(m.start(), m.end(), m.group(0), family, value))
    return found


def _place(text: str, offset: int) -> str:
    """What precedes ``offset``: 'start', 'colon', 'comma' or 'inline'."""
    i = offset
    while i > 0 and text[i - 1] in _BLANKS:
        i -= 1
    if i == 0 or text[i - 1] in SENTENCE_END:
        return "start"
    if text[i - 1] in _COLON:
        return "colon"
    if text[i - 1] in _COMMA:
        return "comma"
    return "inline"


def _guarded(text: str, cand: PointStart) -> bool:
    """Whether the ordinal is plainly not a marker: quoted, part of a numeral, an idiom."""
    before = text[cand.offset - 1] if cand.offset else ""
    after = text[cand.end] if cand.end < len(text) else ""
    if before and before in _BEFORE_NUMERAL and cand.family in "是要":
        return True
    if (after and after in _CLOSE_QUOTES) or (before and before in _OPEN_QUOTES):
        return True
    # 一是一、二是二 / 实事求是: the ordinal repeated right after the marker
    return bool(cand.family in "是要" and after and text.startswith(cand.marker[:-1], cand.end))


def find_points(text: str) -> list[PointStart]:
    """The markers in ``text`` that open points (see the module docstring), in order."""
    candidates = _candidates(text)
    accepted: list[PointStart] = []
    last: dict[str, int] = {}  # family -> value of its last accepted marker
    for index, cand in enumerate(candidates):
        place = _place(text, cand.offset)
        continues = last.get(cand.family, 0) == cand.value - 1 and cand.value >= 2
        if place == "start":
            if cand.family == "（）" and cand.offset == len(text) - len(text.lstrip(_BLANKS)):
                continue  # （1） opening a paragraph is a heading
            ok = cand.family != "（）" or cand.value == 1 or continues
            ok = ok and not (cand.family in "是要" and _guarded(text, cand) and not continues)
        elif _guarded(text, cand):
            ok = False
        elif place == "colon":
            ok = cand.value == 1 or continues
        elif place == "comma":
            ok = continues or (cand.value == 1 and any(
                c.family == cand.family and c.value == 2 for c in candidates[index + 1:]))
        else:
            ok = continues
        if ok:
            accepted.append(cand)
            last[cand.family] = cand.value
    return accepted


def canonical_marker(marker: str) -> str:
    """The marker as the outline shows it: （1） with full-width brackets, the rest as typed."""
    m = _CANDIDATE_RE.fullmatch(marker)
    if m and m.group("paren"):
        return f"（{int(m.group('paren'))}）"
    return marker


def renumbered_marker(marker: str, value: int) -> str:
    """``marker`` carrying ``value`` instead: 三是 → 二是, 第三 → 第二, ③ → ②, （3） → （2）."""
    m = _CANDIDATE_RE.fullmatch(marker)
    if m and m.group("circled") and value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if m and m.group("paren"):
        return f"（{value}）"
    if marker.startswith("第"):
        return "第" + int_to_cn(value)
    return int_to_cn(value) + marker[-1]


def first_point_in_heading(text: str, start: int, limit: int) -> int | None:
    """Where a heading typed straight into its points ends (（一）理论学习方面一是……二是……).

    The offset of a first ordinal (一是, 一要, 第一, ①) within ``limit`` characters after
    ``start`` that the text follows with the second of its kind; None when there is none.
    """
    candidates = _candidates(text)
    for index, cand in enumerate(candidates):
        if cand.offset < start:
            continue
        if cand.offset - start > limit:
            break
        if cand.value != 1 or cand.family == "（）" or _guarded(text, cand):
            continue
        if any(c.family == cand.family and c.value == 2 for c in candidates[index + 1:]):
            return cand.offset
    return None
