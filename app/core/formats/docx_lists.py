"""Word's automatic list numbering (numbering.xml), rendered as the text a reader sees.

WPS and Word users often number 一、 and （一） headings with a multi-level list instead of
typing the numbers; the numbers are then not in the paragraph text at all.  ``Numbering``
replays the counters in document order and renders ``lvlText`` (``%1、``, ``（%2）``) with
the level's number format, so the structure recognizer sees ``（一）理论学习方面``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from app.core.document.grammar import int_to_cn

_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PLACEHOLDER = re.compile(r"%([1-9])")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    """``value`` in Word's number format ``fmt`` (w:numFmt)."""
    if value <= 0:
        return str(value)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "chineseLegalSimplified", "ideographDigital", "taiwaneseCounting",
               "taiwaneseCountingThousand"):
        return int_to_cn(value)
    if fmt == "ideographTraditional":
        return _TIANGAN[(value - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if value <= len(_CIRCLED) else str(value)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperLetter":
        return _letters(value)
    if fmt == "lowerLetter":
        return _letters(value).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1


@dataclass
class _List:
    abstract_id: str
    levels: dict[int, _Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


def _val(parent, tag: str, default: str | None = None) -> str | None:
    child = parent.find(qn(tag)) if parent is not None else None
    if child is None:
        return default
    return child.get(qn("w:val"), default)


def _levels(parent) -> dict[int, _Level]:
    levels = {}
    for lvl in parent.findall(qn("w:lvl")):
        try:
            ilvl = int(lvl.get(qn("w:ilvl"), "0"))
            start = int(_val(lvl, "w:start", "1") or 1)
        except ValueError:
            continue
        levels[ilvl] = _Level(_val(lvl, "w:numFmt", "decimal") or "decimal",
                              _val(lvl, "w:lvlText", "") or "", start)
    return levels


class Numbering:
    """Counters of every list of one document; ``render`` advances them in reading order."""

    def __init__(self, lists: dict[str, _List]) -> None:
        self._lists = lists
        self._counters: dict[str, list[int]] = {}
        self._started: set[str] = set()

    @classmethod
    def from_document(cls, doc) -> Numbering:
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls({})
        abstracts = {a.get(qn("w:abstractNumId")): _levels(a) for a in root.findall(qn("w:abstractNum"))}
        lists: dict[str, _List] = {}
        for num in root.findall(qn("w:num")):
            abstract_id = _val(num, "w:abstractNumId") or ""
            entry = _List(abstract_id, dict(abstracts.get(abstract_id, {})))
            for override in num.findall(qn("w:lvlOverride")):
                try:
                    ilvl = int(override.get(qn("w:ilvl"), "0"))
                except ValueError:
                    continue
                start = _val(override, "w:startOverride")
                if start and start.isdigit():
                    entry.start_overrides[ilvl] = int(start)
                redefined = _levels(override)
                if ilvl in redefined:
                    entry.levels[ilvl] = redefined[ilvl]
            lists[num.get(qn("w:numId"))] = entry
        return cls(lists)

    def render(self, num_id: str, ilvl: int) -> str:
        """The number text of the next paragraph of list ``num_id`` at level ``ilvl``."""
        entry = self._lists.get(num_id)
        if entry is None or num_id == "0":
            return ""
        level = entry.levels.get(ilvl)
        if level is None:
            return ""
        key = entry.abstract_id
        counters = self._counters.setdefault(key, [0] * 9)
        if num_id not in self._started:  # a list with its own start values restarts here
            self._started.add(num_id)
            if entry.start_overrides:
                counters[:] = [0] * 9
        ilvl = max(0, min(ilvl, 8))
        if counters[ilvl] == 0:
            counters[ilvl] = entry.start_overrides.get(ilvl, level.start)
        else:
            counters[ilvl] += 1
        counters[ilvl + 1:] = [0] * (8 - ilvl)
        if level.fmt == "bullet":
            return ""

        def number(m: re.Match) -> str:
            at = int(m.group(1)) - 1
            lvl = entry.levels.get(at, _Level())
            value = counters[at] or entry.start_overrides.get(at, lvl.start)
            return format_number(value, lvl.fmt)

        return _PLACEHOLDER.sub(number, level.text)
