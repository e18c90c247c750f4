"""Numbering out of sequence: 一、 三、; （一）（二）（四）; 1. 3.; 一是 三是.

Headings are recognised with the same code as the outline (``match_heading``); each level
restarts under its parent.  Points (一是/一要…) restart in every section, and a new 一是
may start a second list in the same section.  Only the first break of a run is reported,
so 一、三、四、 gives one finding, not two.
"""

from __future__ import annotations

from app.core.check.findings import Finding, line_spans
from app.core.document.grammar import canonical_number, point_marker, point_markers, renumbered
from app.core.document.numbering import match_heading

_LEVEL_NAME = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}


def check_numbering(text: str) -> list[Finding]:
    findings: list[Finding] = []
    last: dict[int, int] = {}
    for offset, line in line_spans(text):
        stripped = line.lstrip(" \t\u3000\ufeff")
        lead = len(line) - len(stripped)
        heading = match_heading(stripped) if stripped else None
        body_from = 0
        if heading is not None:
            level, value = heading.level, heading.value
            expected = last.get(level, 0) + 1
            if value != expected and last.get(level) != value - 1:
                start = offset + lead
                raw = stripped[:heading.head_len].rstrip(" \u3000")
                findings.append(Finding(
                    "numbering",
                    f"{_LEVEL_NAME[level]}序号不连续：“{heading.number}”前应为“{canonical_number(level, expected)}”。"
                    if value > expected else
                    f"{_LEVEL_NAME[level]}序号重复或倒退：此处应为“{canonical_number(level, expected)}”。",
                    start, start + len(raw), raw, renumbered(raw, expected, chinese=level in (1, 2))))
            last[level] = value
            for deeper in [k for k in last if k > level]:  # sub-levels restart
                del last[deeper]
            last.pop(-1, None)  # points restart under every heading
            last.pop(-2, None)
            body_from = lead + heading.head_len
        findings.extend(_check_points(line, offset, body_from, last))
    return findings


def _check_points(line: str, offset: int, start: int, last: dict[int, int]) -> list[Finding]:
    findings = []
    for m in point_markers(line, start):
        value = m.value
        if not value:
            continue
        key = -1 if m.suffix == "是" else -2
        previous = last.get(key)
        if value != 1 and previous != value - 1:
            expected = point_marker((previous or 0) + 1, m.suffix)
            what = f"“{m.marker}”前面缺少“{expected}”" if value > (previous or 0) + 1 \
                else f"“{m.marker}”重复或倒退，此处应为“{expected}”"
            findings.append(Finding("numbering", f"分项序号不连续：{what}。", offset + m.start,
                                    offset + m.end, m.marker, expected))
        last[key] = value
    return findings
