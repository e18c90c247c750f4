"""Invisible direction controls (U+202A–U+202E, U+2066–U+2069).

They reorder how the following text is displayed (``Trojan Source``-style spoofing: a
sentence that reads one way on screen and another when copied), and no Chinese report needs
them.  校对 flags each one with an empty replacement; export strips them
(``app.core.sanitize.strip_bidi``)."""

from __future__ import annotations

import re

from app.core.check.findings import Finding
from app.core.sanitize import BIDI_CONTROLS

_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]+")


def check_bidi_controls(text: str) -> list[Finding]:
    return [Finding("hidden_control",
                    f"这里有 {len(m.group())} 个看不见的文字方向控制符，会让文字显示的顺序与实际不同"
                    "（可能是从网页或其他文件复制带来的）。建议删除；导出 Word 时也会自动去掉。",
                    m.start(), m.end(), m.group(), "")
            for m in _BIDI_RE.finditer(text)]
