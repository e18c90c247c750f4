"""Breaking a long 2号 title into lines the way GB/T 9704-2012 7.3.3 asks.

回行时，要做到词意完整，排列对称，长短适宜……标题排列应当使用梯形或菱形: a title too long
for one line is broken at a word boundary into lines of nearly equal width, the upper line
not longer than the lower one (a trapezoid), instead of wherever Word runs out of room
("……民主生活会个人" / "剖析材料").
"""

from __future__ import annotations

import re

# 156 mm of line at 22 pt: 442 pt / 22 pt = 20 characters.
TITLE_CHARS_PER_LINE = 20
# Words a title line must not be broken inside (the usual words of these titles).
_WORDS = (
    "民主生活会", "组织生活会", "主题教育", "党纪学习教育", "党史学习教育", "对照检查", "检视剖析",
    "剖析材料", "发言提纲", "发言材料", "个人", "专题", "领导班子", "班子成员", "巡视整改",
    "巡察整改", "整改落实", "第一批", "第二批", "年度", "党员领导干部", "中共", "委员会",
    "党委", "党组", "支部", "材料", "情况", "报告", "自我批评", "相互批评", "批评意见",
)
_ALNUM = re.compile(r"[\dA-Za-z]")
_OPENERS = "（(“‘《〈【"
_CLOSERS = "）)”’》〉】、，。：；！？"


def _can_break(upper: str, lower: str) -> bool:
    """Not inside a number or Latin word, not after an opening or before a closing mark."""
    if _ALNUM.match(upper[-1]) and _ALNUM.match(lower[0]):
        return False
    return upper[-1] not in _OPENERS and lower[0] not in _CLOSERS


def text_width(text: str) -> float:
    """Width in 3号 characters: half-width (ASCII) digits and letters count half."""
    return sum(0.5 if ord(ch) < 0x7F else 1.0 for ch in text)


def _protected(text: str) -> set[int]:
    """Break positions (between text[k-1] and text[k]) that would split a word."""
    inside: set[int] = set()
    for word in _WORDS:
        for m in re.finditer(re.escape(word), text):
            inside.update(range(m.start() + 1, m.end()))
    return inside


def title_lines(text: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """``text`` as one line, or as two balanced lines (upper ≤ lower) when it is too long.

    Titles longer than two lines are left to the word processor.
    """
    total = text_width(text)
    if total <= per_line or total > 2 * per_line or "\n" in text:
        return [text]
    protected = _protected(text)
    best: tuple[float, int] | None = None
    for k in range(1, len(text)):
        upper, lower = text[:k], text[k:]
        if k in protected or not _can_break(upper, lower):
            continue
        w_upper, w_lower = text_width(upper), text_width(lower)
        if w_upper > per_line or w_lower > per_line:
            continue
        # a trapezoid: the upper line no longer than the lower one; then as even as can be
        cost = (0.0 if w_upper <= w_lower else 100.0) + abs(w_lower - w_upper)
        if best is None or cost < best[0]:
            best = (cost, k)
    if best is None:
        return [text]
    return [text[:best[1]], text[best[1]:]]
