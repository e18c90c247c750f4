"""What 一键排版 fixes on the way, because 校对 can fix it safely, and the list of changes.

- brackets that mix widths (（…) or (…）) and half-width () around Chinese → （）;
- a stand-alone heading that ends in 。 (“（一）理论学习方面。”) → without it;
- tabs anywhere and full-width spaces inside a paragraph → removed (the official format
  indents by style, so typed indentation would be doubled).

Everything else 校对 finds is left to the writer: 一键排版 never changes wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.check.rules_punct import check_brackets
from app.core.model import Paragraph

_STRAY_RE = re.compile(r"[\t\u3000]+")
_SENTENCE_END = "。！？!?"


@dataclass(frozen=True)
class Change:
    paragraph: int  # 1-based, as the user counts
    before: str
    what: str

    def __str__(self) -> str:
        shown = self.before if len(self.before) <= 24 else self.before[:23] + "…"
        return f"第 {self.paragraph} 段“{shown}”：{self.what}"


def tidy_paragraphs(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Change]]:
    """The paragraphs with the safe fixes applied, and one Change per kind of fix made."""
    result, changes = [], []
    for number, para in enumerate(paragraphs, 1):
        text = para.text
        fixed = _fix_brackets(text)
        if fixed != text:
            changes.append(Change(number, text, "括号统一为全角“（）”"))
        spaced = _STRAY_RE.sub("", fixed.strip(" \t\u3000"))
        if spaced != fixed.strip(" "):
            changes.append(Change(number, text, "删去制表符和全角空格"))
        if para.role.is_heading and _stand_alone(spaced):
            changes.append(Change(number, text, "删去标题末尾的句号"))
            spaced = spaced[:-1]
        result.append(Paragraph(para.role, spaced) if spaced != para.text else para)
    return result, changes


def _fix_brackets(text: str) -> str:
    for f in sorted(check_brackets(text), key=lambda f: -f.start):
        if f.suggestion is not None:
            text = text[:f.start] + f.suggestion + text[f.end:]
    return text


def _stand_alone(text: str) -> bool:
    """A heading line with one sentence that ends in 。 (not “（一）…方面。一是…。”)."""
    return text.endswith("。") and not any(c in _SENTENCE_END for c in text[:-1])
