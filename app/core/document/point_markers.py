"""Where points start inside a paragraph, the way a reader finds them in messy text.

A point opens with an ordinal: 一是/二是…, 一要/二要…, 第一，/第二，…, ①②③…, or （1）（2）…
inside a paragraph.  Where the ordinal sits decides whether it really opens a point:

- at the start of the paragraph or after a full stop (。；！？): always (①, 一是, 第一，), except
  （1） at the very start of a paragraph, which is a heading (``numbering``);
- after a colon (主要表现在：一是……): when it is the first of its kind or continues the sequence;
- after a comma (存在以下问题，一是……二是……): when it continues the sequence, or when it is the
  first and the paragraph goes on with the second;
- after any other character (……抓落实不够有力四是……, the full stop forgotten): only when it
  continues the sequence the paragraph has already started (三是 seen, so 四是).  A "四是" in
  quotes, inside a larger numeral (第十四是, 二十四是) or an idiom (一是一、二是二) never opens one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.text import cn_to_int, int_to_cn

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CANDIDATE_RE = re.compile(
    rf"(?P<cn>[{_CN}]{{1,3}})(?P<suffix>[是要])"
    rf"|第(?P<di>[{_CN}]{{1,3}})(?=[，,、：:])"
    rf"|(?P<circled>[{_CIRCLED}])"
    r"|[（(]\s*(?P<paren>\d{1,2})\s*[）)]"
)
_SENTENCE_END = "。；;！？!?"
_COLON = "：:"
_COMMA = "，,、"
_SPACE = " \t\u3000\xa0"
_OPEN_QUOTES = "“‘\"'「『《〈"
_CLOSE_QUOTES = "”’\"'」』》〉"
_BEFORE_NUMERAL = _CN + "第0123456789零百千万两几"


@dataclass(frozen=True)
class PointMarker:
    offset: int  # where the marker starts
    end: int  # where the point's own words start (after the marker)
    marker: str  # as typed: 一是, 第一, ①, （1）
    family: str  # 是 / 要 / 第 / ① / （）: a sequence continues only within its family
    value: int


def _candidates(text: str) -> list[PointMarker]:
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
            found.append(PointMarker(m.start(), m.end(), m.group(0), family, value))
    return found


def _place(text: str, offset: int) -> str:
    """What precedes ``offset``: 'start', 'colon', 'comma' or 'inline'."""
    i = offset
    while i > 0 and text[i - 1] in _SPACE:
        i -= 1
    if i == 0 or text[i - 1] in _SENTENCE_END:
        return "start"
    if text[i - 1] in _COLON:
        return "colon"
    if text[i - 1] in _COMMA:
        return "comma"
    return "inline"


def _guarded(text: str, cand: PointMarker) -> bool:
    """Whether the ordinal is plainly not a marker: quoted, part of a numeral, an idiom."""
    before = text[cand.offset - 1] if cand.offset else ""
    after = text[cand.end] if cand.end < len(text) else ""
    if before and before in _BEFORE_NUMERAL and cand.family in "是要":
        return True
    if (after and after in _CLOSE_QUOTES) or (before and before in _OPEN_QUOTES):
        return True
    # 一是一、二是二 / 实事求是: the ordinal repeated right after the marker
    return bool(cand.family in "是要" and after and text.startswith(cand.marker[:-1], cand.end))


def find_points(text: str) -> list[PointMarker]:
    """The markers in ``text`` that open points (see the module docstring), in order."""
    candidates = _candidates(text)
    accepted: list[PointMarker] = []
    last: dict[str, int] = {}  # family -> value of its last accepted marker
    for index, cand in enumerate(candidates):
        place = _place(text, cand.offset)
        continues = last.get(cand.family, 0) == cand.value - 1 and cand.value >= 2
        if place == "start":
            if cand.family == "（）" and cand.offset == len(text) - len(text.lstrip(_SPACE)):
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
