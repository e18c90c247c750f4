"""A content character typed twice (存在的问题题, 班子成员员): the IME repeats the last
character of a word when its key is pressed twice.  Needs the word knowledge of the lexicon,
so that reduplication (件件, 年年, 实实在在, 沉甸甸) and a character that also starts the next
word (工作|作风, 学习|习近平, 整改|改进) are left alone."""

from __future__ import annotations

import re

from app.core.check.findings import Finding
from app.core.check.lexicon import Lexicon
from app.core.check.rules_words import DOUBLE_CHARS

_DOUBLED_RE = re.compile(r"([\u4e00-\u9fff])\1")
WORD_BEFORE = 100  # the first character ends a word at least this common (问题|题)
REDUPLICATED = 20  # 常常, 件件, 沉甸甸: a doubled form at least this common is a word (设设, 3: no)
CLAUSE_END_WORD = 1000
_CLAUSE_END = frozenset("，。；、：！？,;:!?")
_MEASURES = frozenset("个件项条次年月天日人家户村位名层步代一")  # 件件, 层层, 一一: "every"


def check_doubled(text: str, lexicon: Lexicon | None) -> list[Finding]:
    if lexicon is None:
        return []
    count = lexicon.count
    findings = []
    for m in _DOUBLED_RE.finditer(text):
        i = m.start()
        ch = m.group(1)
        if ch in DOUBLE_CHARS or ch in _MEASURES:
            continue
        before = max((count(text[i - k:i + 1]) for k in (1, 2, 3) if i - k >= 0), default=0)
        if before < WORD_BEFORE:
            continue  # the first one ends no word: 绰绰有余, 扫扫灰
        if count(m.group()) >= REDUPLICATED and not (
                before >= CLAUSE_END_WORD and (i + 2 == len(text) or text[i + 2] in _CLAUSE_END)):
            continue  # 常常, 统统 (but 不够系统统。: a reduplication does not end a clause)
        if any(count(text[i + 1:i + 1 + k]) > 0 for k in (2, 3, 4)):
            continue  # the second one starts a word: 工作作风, 学习习近平
        if count(text[i - 1:i + 2]) > REDUPLICATED or text[i + 2:i + 3] == text[i + 3:i + 4] != "" \
                or (i >= 2 and text[i - 2] == text[i - 1]):
            continue  # 沉甸甸; 实实在在, 干干净净
        findings.append(Finding("repeat", f"“{ch}”字重复。", i, i + 2, ch + ch, ch))
    return findings
