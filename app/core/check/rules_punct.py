"""Punctuation: brackets and quotes that do not pair up, half-width marks in Chinese text."""

from __future__ import annotations

import re

from app.core.check.findings import Finding, line_spans
from app.core.document.grammar import CN_HEAD_DOT_RE

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_OPEN = {"（": "round", "(": "round", "《": "book", "【": "lenticular", "〔": "tortoise",
         "[": "square", "〈": "angle"}
_CLOSE = {"）": "round", ")": "round", "》": "book", "】": "lenticular", "〕": "tortoise",
          "]": "square", "〉": "angle"}
_FULL = {"(": "（", ")": "）"}
_MATCH = {"（": "）", "(": ")", "《": "》", "【": "】", "〔": "〕", "[": "]", "〈": "〉"}
_HALF = "(", ")"
_PAIR_NAME = {"round": "括号", "book": "书名号", "lenticular": "方括号", "tortoise": "括号",
              "square": "方括号", "angle": "书名号"}
# Half-width marks and their full-width forms; a following space goes with them.
_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
_MARK_RE = re.compile(r"[,;:?!.] *")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def _closing_cjk(ch: str) -> bool:
    return _is_cjk(ch) or ch in "”’）》】"


def check_brackets(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for offset, line in line_spans(text):
        stack: list[tuple[str, int]] = []
        for i, ch in enumerate(line):
            if ch in _OPEN:
                stack.append((ch, i))
            elif ch in _CLOSE:
                family = _CLOSE[ch]
                depth = next((d for d in range(len(stack) - 1, -1, -1)
                              if _OPEN[stack[d][0]] == family), None)
                if depth is None and stack and _PAIR_NAME[_OPEN[stack[-1][0]]] == _PAIR_NAME[family]:
                    opener, pos = stack.pop()  # 《条例〉: the closer of the other form of the pair
                    findings.append(Finding("bracket", f"“{ch}”与前面的“{opener}”不配对，应为“{_MATCH[opener]}”。",
                                            offset + i, offset + i + 1, ch, _MATCH[opener]))
                    continue
                if depth is None:
                    name = _PAIR_NAME[family]
                    findings.append(Finding("bracket", f"多余的右{name}“{ch}”，前面没有对应的左{name}。",
                                            offset + i, offset + i + 1, ch))
                    continue
                for opener, pos in stack[depth + 1:]:
                    findings.append(_unclosed(opener, offset + pos))
                opener, pos = stack[depth]
                del stack[depth:]
                findings.extend(_pair_width(line, offset, opener, pos, ch, i))
        for opener, pos in stack:
            findings.append(_unclosed(opener, offset + pos))
    return findings


def _unclosed(opener: str, pos: int) -> Finding:
    name = _PAIR_NAME[_OPEN[opener]]
    return Finding("bracket", f"左{name}“{opener}”没有对应的右{name}。", pos, pos + 1, opener)


def _pair_width(line: str, offset: int, opener: str, o: int, closer: str, c: int) -> list[Finding]:
    """A round pair mixing widths, or half-width around Chinese text."""
    if _OPEN[opener] != "round":
        return []
    span = line[o:c + 1]
    inner = line[o + 1:c]
    fixed = "（" + inner + "）"
    if (opener in _HALF) != (closer in _HALF):
        return [Finding("bracket", "括号一半全角一半半角，应统一为全角“（）”。",
                        offset + o, offset + c + 1, span, fixed)]
    if opener in _HALF and _CJK.search(inner):
        return [Finding("halfwidth", "中文里用了半角括号“()”，应为全角“（）”。",
                        offset + o, offset + c + 1, span, fixed)]
    return []


def check_quotes(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for offset, line in line_spans(text):
        for left, right in (("“", "”"), ("‘", "’")):
            open_at: int | None = None
            for i, ch in enumerate(line):
                if ch == left:
                    if open_at is not None and right not in line[i + 1:] and left not in line[i + 1:]:
                        # “四风“问题: the second left quote is the missing right one
                        findings.append(Finding("quote", f"此处应为右引号“{right}”，与前面的“{left}”配对。",
                                                offset + i, offset + i + 1, left, right))
                        open_at = None
                        continue
                    if open_at is not None:
                        findings.append(Finding("quote", f"左引号“{left}”没有对应的右引号。",
                                                offset + open_at, offset + open_at + 1, left))
                    open_at = i
                elif ch == right:
                    if open_at is None:
                        findings.append(Finding("quote", f"右引号“{right}”前面没有对应的左引号。",
                                                offset + i, offset + i + 1, right))
                    open_at = None
            if open_at is not None:
                findings.append(Finding("quote", f"左引号“{left}”没有对应的右引号。",
                                        offset + open_at, offset + open_at + 1, left))
        findings.extend(_ascii_quotes(line, offset))
    return findings


def _ascii_quotes(line: str, offset: int) -> list[Finding]:
    positions = [i for i, ch in enumerate(line) if ch == '"']
    if not positions or not _CJK.search(line):
        return []
    findings = []
    for k, i in enumerate(positions):
        near = line[max(0, i - 1):i] + line[i + 1:i + 2]
        if not any(_is_cjk(ch) for ch in near):
            continue
        mark = "“" if k % 2 == 0 else "”"
        message = "中文里用了半角引号，应为全角引号。"
        if len(positions) % 2:
            message = "中文里用了半角引号，且数目不成对。"
        findings.append(Finding("halfwidth", message, offset + i, offset + i + 1, '"', mark))
    return findings


def check_halfwidth(text: str) -> list[Finding]:
    """Half-width , ; : ? ! . touching Chinese text (numbers like 3.5 and 10:30 are left alone)."""
    findings: list[Finding] = []
    for offset, line in line_spans(text):
        if not _CJK.search(line):
            continue
        head_dot = CN_HEAD_DOT_RE.match(line)
        for m in _MARK_RE.finditer(line):
            mark = m.group()[0]
            i = m.start()
            before = line[i - 1] if i else ""
            after = line[m.end()] if m.end() < len(line) else ""
            if mark == ".":
                if head_dot and head_dot.end() == i + 1:
                    findings.append(Finding("halfwidth", "标题序号后应用顿号“、”。",
                                            offset + i, offset + m.end(), m.group(), "、"))
                    continue
                if not (_is_cjk(before) and (after == "" or _is_cjk(after))):
                    continue
                if line[i:i + 3] == "...":
                    continue
            elif not (_closing_cjk(before) or _is_cjk(after)):
                continue
            full = _MARKS[mark]
            findings.append(Finding("halfwidth", f"中文里用了半角标点“{mark}”，应为“{full}”。",
                                    offset + i, offset + m.end(), m.group(), full))
    return findings


# GB/T 15834-2011 4.5.3.5: 标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号.
_PAUSE_RE = re.compile(r"(?<=[》”])、(?=[《“])")


def check_pause_marks(text: str) -> list[Finding]:
    findings = []
    for m in _PAUSE_RE.finditer(text):
        i = m.start()
        what = "书名号" if text[i - 1] == "》" else "引号"
        findings.append(Finding("pause", f"并列的{what}之间通常不用顿号（GB/T 15834—2011）。",
                                i - 1, i + 2, text[i - 1:i + 2], text[i - 1] + text[i + 1]))
    return findings
