"""Tabs and full-width spaces inside body text (pasted from tables or typed to align)."""

from __future__ import annotations

import re

from app.core.check.findings import Finding, line_spans

_TAB_RE = re.compile(r"\t+")
_WIDE_RE = re.compile(r"\u3000+")


def check_spaces(text: str) -> list[Finding]:
    findings = []
    for offset, line in line_spans(text):
        body = line.strip(" \t\u3000")
        if not body:
            continue
        for m in _TAB_RE.finditer(line):
            findings.append(Finding("space", "正文中有制表符，打印时会留下空隙，应删除。",
                                    offset + m.start(), offset + m.end(), m.group(), ""))
        lead = len(line) - len(line.lstrip(" \t\u3000"))
        for m in _WIDE_RE.finditer(line, lead):
            if m.end() == len(line):
                continue  # trailing: invisible in Word, harmless
            findings.append(Finding("space", "正文中间有全角空格，应删除。",
                                    offset + m.start(), offset + m.end(), m.group(), ""))
    return findings
