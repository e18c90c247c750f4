"""Recognising the structure of a report from its numbering (the patterns: ``grammar``).

The same code reads pasted text, .txt files and the paragraphs of foreign .docx files.
It only decides roles; nothing is dropped or rewritten except surrounding whitespace and
the split of a heading that shares a paragraph with its body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.document.grammar import HEADING_PATTERNS, canonical_number, cn_to_int, first_point_in_heading
from app.core.model import HEADING_ROLES, Paragraph, Role

# Where a run-in heading ends and its body begins.
_HEAD_END_RE = re.compile(r"[。：:！？!?]")
_MAX_RUN_IN_HEAD = 64  # the longest 六个带头 aspect is 47 characters
_TITLE_WORDS = ("材料", "检查", "剖析", "发言", "报告", "提纲", "对照")
_DATE_RE = re.compile(r"\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?")
_STRIP = " \t\r\n\u3000\xa0\ufeff"


@dataclass(frozen=True)
class HeadingMatch:
    level: int
    value: int  # the numeral's value (一 → 1)
    number: str  # canonical form of the number: 一、 （一） 1. （1）
    head_len: int  # characters of the number including brackets and spacing


def match_heading(text: str) -> HeadingMatch | None:
    """The heading numbering at the start of ``text``, if any."""
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else cn_to_int(raw)
        if not value:
            continue
        if len(text) == m.end():  # a bare number is not a heading
            return None
        return HeadingMatch(level, value, canonical_number(level, value), m.end())
    return None


def role_for_text(text: str) -> Role:
    """Heading role implied by the numbering of a paragraph, else BODY."""
    match = match_heading(text)
    return HEADING_ROLES[match.level] if match else Role.BODY


def split_run_in_heading(text: str) -> tuple[str, str]:
    """Split ``（一）理论学习方面。一是……`` into heading and body ('' when no body)."""
    match = match_heading(text)
    if not match:
        return text, ""
    end = _HEAD_END_RE.search(text, match.head_len)
    marker = first_point_in_heading(text, match.head_len + 2, _MAX_RUN_IN_HEAD)
    if marker is not None and (not end or marker < end.start()):
        return text[:marker].rstrip(_STRIP), text[marker:].strip(_STRIP)  # （一）…方面一是……
    if not end or end.start() - match.head_len > _MAX_RUN_IN_HEAD:
        return text, ""
    cut = end.end()
    body = text[cut:].strip(_STRIP)
    if not body:
        return text, ""
    return text[:cut].rstrip(_STRIP), body


def _looks_like_title(line: str) -> bool:
    if len(line) > 60 or line[-1] in "。；;，,：:":
        return False
    return any(w in line for w in _TITLE_WORDS) or len(line) <= 30


def _looks_like_meta(line: str) -> bool:
    return len(line) <= 30 and line[-1] not in "。；;，,：:" and (
        bool(_DATE_RE.search(line)) or len(line) <= 20
    )


def recognize_lines(lines: Iterable[str]) -> list[Paragraph]:
    """Roles for a sequence of raw paragraphs (blank ones are skipped)."""
    cleaned = [ln.strip(_STRIP) for ln in lines]
    cleaned = [ln for ln in cleaned if ln]
    paragraphs: list[Paragraph] = []
    i = 0
    if cleaned and not match_heading(cleaned[0]) and _looks_like_title(cleaned[0]):
        paragraphs.append(Paragraph(Role.TITLE, cleaned[0]))
        i = 1
        while i < len(cleaned) and i <= 3 and not match_heading(cleaned[i]) and _looks_like_meta(cleaned[i]):
            paragraphs.append(Paragraph(Role.META, cleaned[i]))
            i += 1
    for line in cleaned[i:]:
        role = role_for_text(line)
        if role is Role.BODY:
            paragraphs.append(Paragraph(Role.BODY, line))
            continue
        head, body = split_run_in_heading(line)
        paragraphs.append(Paragraph(role, head))
        if body:
            paragraphs.append(Paragraph(Role.BODY, body))
    return paragraphs


def recognize_text(text: str) -> list[Paragraph]:
    """Roles for a whole pasted or plain-text report."""
    return recognize_lines(text.splitlines())
