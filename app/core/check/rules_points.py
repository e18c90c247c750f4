"""Points run together: “…不够深入二是…” where a 二是/三要/其次 that continues a sequence
follows a character instead of 。；！？ or a line break.  The fix inserts 。 before it.

Only the 校对 side lives here; the outline's recognition of such points is separate.
"""

from __future__ import annotations

import re

from app.core.check.findings import Finding
from app.core.document.grammar import POINT_SUFFIXES, SEQ_WORDS, cn_to_int, point_marker

# 二是 .. 十九是, 二要; the numeral is not part of a longer number (十二是 is 12, 第二是 is no
# point, 统一二是 is 统一 + 二是).
_MARKER_RE = re.compile(
    rf"(?<![二三四五六七八九十百零第])(十[一二三四五六七八九]?|[二三四五六七八九])([{POINT_SUFFIXES}])")
_NEXT_RE = re.compile("|".join(SEQ_WORDS[1:3]))  # 其次, 再次
# What may stand right before a point without a missing full stop.
_OK_BEFORE = set("。；;！？!?：:，,、\n（(“‘")
LOOK_BACK = 1500  # the earlier point must be this close


def check_run_together(text: str) -> list[Finding]:
    findings = []
    for m in _MARKER_RE.finditer(text):
        value = cn_to_int(m.group(1))
        if not value or value < 2:
            continue
        previous = point_marker(value - 1, m.group(2))
        if _runs_on(text, m.start()) and _continues(text, m.start(), (previous, previous[0] + "是要")):
            findings.append(_finding(text, m.start(), m.group()))
    for m in _NEXT_RE.finditer(text):
        if _runs_on(text, m.start()) and _continues(text, m.start(), ("首先",)) \
                and not text.startswith("其次是", m.start()) and text[m.end():m.end() + 1] in "，,":
            findings.append(_finding(text, m.start(), m.group()))
    return findings


def _runs_on(text: str, at: int) -> bool:
    before = text[at - 1:at]
    if not before or before in _OK_BEFORE or before.isspace():
        return False
    return "\u4e00" <= before <= "\u9fff" or before in "”’）)》"


def _continues(text: str, at: int, previous: tuple[str, ...]) -> bool:
    window = text[max(0, at - LOOK_BACK):at]
    return any(p in window for p in previous)


def _finding(text: str, at: int, marker: str) -> Finding:
    return Finding("runon", f"此处可能缺少句号：上一项没有结束，就接上了“{marker}”。",
                   at, at + len(marker), marker, "。" + marker)
