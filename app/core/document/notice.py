"""按通知新建: the theme and the aspect list of this year's meeting, found in the notice text.

A notice from above (or a 巡视/巡察 反馈意见) says what to examine in one of a handful of
shapes: numbered lines (（一） 1. 1、 （1） ① 一是 第一), a list inside one paragraph
(……：一是……；二是……), a run of 带头…… clauses, "主要围绕……、……等N个方面", or
"在……方面；在……方面".  Every list-shaped run in the text is a candidate; the one that reads
most like a list of aspects (cue words before it such as 对照/查摆/重点/方面, items that name
a discipline, an attitude or 带头…, not procedure such as 征求意见/会前/报送) wins.

Each aspect is matched to the canonical topics the way an opened report's headings are: a
shipped or user template aspect of (nearly) the same words lends its topics, otherwise the
topic classifier reads the title's keywords.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.document.grammar import AR_NUMERAL, cn_to_int
from app.core.document.templates import ASPECT_MATCH, Aspect, TemplateLibrary, best_fit
from app.core.errors import NoticeError
from app.core.text import count_cjk
from app.core.topics import TopicClassifier

MAX_NOTICE_CHARS = 200_000
LEAD_CHARS = 30  # an aspect title is its item's first clauses, up to about this many 字
_CUES = ("对照", "查摆", "检视", "检查", "方面", "重点", "围绕", "剖析", "聚焦", "带头", "反馈", "问题")
_ASPECT_WORDS = ("带头", "方面", "纪律", "意识", "作用", "情况", "能力", "作风", "学习", "廉洁", "担当",
                 "党性", "政治", "责任", "落实", "群众", "宗旨", "政绩观", "从严治党", "组织", "理论")
_PROCEDURE_WORDS = ("会前", "会后", "征求意见", "谈心谈话", "谈心", "撰写", "召开", "报送", "时间", "地点",
                    "参会", "列席", "联系人", "电话", "材料报", "学习研讨", "请于", "前报", "整改方案",
                    "督导", "指导组", "会议记录", "备案", "通报会议")
_MIN_SCORE = 1.5


@dataclass(frozen=True)
class NoticeAspect:
    title: str
    topics: tuple[str, ...]

    def to_json(self) -> dict:
        return {"title": self.title, "topics": list(self.topics)}


@dataclass
class Notice:
    theme: str
    aspects: list[NoticeAspect]
    year: int | None = None
    meeting: str = ""  # 民主生活会 / 组织生活会 / ''
    reports: list[str] = field(default_factory=list)  # sections to report on (整改落实情况, 案例剖析…)

    def to_json(self) -> dict:
        return {"theme": self.theme, "aspects": [a.to_json() for a in self.aspects],
                "year": self.year, "meeting": self.meeting, "reports": list(self.reports)}


# --- list markers ---------------------------------------------------------------------------
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
# family -> (pattern at the start of a marker, rank: smaller = higher level)
_FAMILIES: dict[str, tuple[str, int]] = {
    "cn_dun": (rf"([{_CN}]{{1,3}})[、．]", 0),
    "paren_cn": (rf"[（(]([{_CN}]{{1,3}})[）)]", 1),
    "arabic": (rf"({AR_NUMERAL})(?:[.．](?!\d)|、)", 2),
    "shi": (rf"([{_CN}]{{1,3}})是", 2),
    "di": (rf"第([{_CN}]{{1,3}})[，,、：:是]", 2),
    "paren_ar": (rf"[（(]({AR_NUMERAL})[）)]", 3),
    "circled": (f"([{_CIRCLED}])", 4),
}
_LINE_RES = {name: re.compile(r"^\s*" + pattern) for name, (pattern, _) in _FAMILIES.items()}
# inside a paragraph a marker follows the start, a colon or a clause end
_INLINE_RES = {name: re.compile(r"(?:^|(?<=[：:；;。，,\s]))" + pattern)
               for name, (pattern, _) in _FAMILIES.items() if name != "cn_dun"}


def _ordinal(token: str) -> int | None:
    if token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    if token.isdigit():
        return int(token)
    return cn_to_int(token)


@dataclass
class _Candidate:
    items: list[str]
    context: str  # what comes just before the list (the cue)
    shape: str


def _lead(text: str) -> str:
    """An item's title: up to its first full stop, and its first clauses up to LEAD_CHARS."""
    text = text.strip().lstrip("：:，,、 ")
    head = re.split(r"[。；;：:！？!?\n]", text, maxsplit=1)[0]
    if count_cjk(head) <= 45 or (head.endswith("方面") and count_cjk(head) <= 70):
        return _tidy(head)  # a heading-like item: all of it
    clauses = re.split(r"(?<=[，,])", head)
    lead = clauses[0]
    for clause in clauses[1:]:
        if count_cjk(lead + clause) > LEAD_CHARS:
            break
        lead += clause
    return _tidy(lead)


def _tidy(title: str) -> str:
    title = re.sub(r"\s+", "", title)
    title = re.sub(r"^(?:和|及|以及|并|是)", "", title)
    title = re.sub(r"等[0-9一二三四五六七八九十两]*个?方面.*$", "", title)  # the list's own ending
    title = title.strip("，,、；;。.：: \"")
    if title.startswith("“") and title.count("“") > title.count("”"):
        title = title[1:]
    if title.endswith("”") and title.count("”") > title.count("“"):
        title = title[:-1]
    if title.count("“") > title.count("”"):
        title += "”"
    return title


def _line_candidates(lines: Sequence[str]) -> list[_Candidate]:
    """Runs of lines numbered 1, 2, 3… in one family (body lines may come between)."""
    found = []
    for name, regex in _LINE_RES.items():
        rank = _FAMILIES[name][1]
        i = 0
        while i < len(lines):
            m = regex.match(lines[i])
            if not m or _ordinal(m.group(1)) != 1:
                i += 1
                continue
            items, expected, j = [lines[i][m.end():]], 2, i + 1
            while j < len(lines):
                line = lines[j]
                hit = regex.match(line)
                if hit and _ordinal(hit.group(1)) == expected:
                    items.append(line[hit.end():])
                    expected += 1
                elif hit or any(r.match(line) and _FAMILIES[n][1] < rank for n, r in _LINE_RES.items()):
                    break  # the numbering restarted, or a higher-level heading ends the list
                j += 1
            if len(items) >= 2:
                context = "\n".join(lines[max(0, i - 2):i]) + "\n" + lines[i][:m.start()]
                found.append(_Candidate([_lead(t) for t in items], context, f"lines:{name}"))
            i = j if len(items) >= 2 else i + 1
    # lines that each open with 带头 (no numbers)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].lstrip().startswith("带头"):
            j += 1
        if j - i >= 2:
            context = "\n".join(lines[max(0, i - 2):i])
            found.append(_Candidate([_lead(t) for t in lines[i:j]], context, "lines:带头"))
        i = max(j, i + 1)
    return found


def _inline_candidates(paragraph: str) -> list[_Candidate]:
    """Lists inside one paragraph: numbered, a run of 带头 clauses, 围绕…、…等方面, …方面；…方面."""
    found = []
    for name, regex in _INLINE_RES.items():
        marks = [(m.start(), m.end(), _ordinal(m.group(1))) for m in regex.finditer(paragraph)]
        run: list[tuple[int, int, int | None]] = []
        for mark in marks:
            if mark[2] == len(run) + 1:
                run.append(mark)
            elif mark[2] == 1:
                if len(run) >= 2:
                    break
                run = [mark]
        if len(run) >= 2:
            items = [paragraph[a[1]:b[0]] for a, b in itertools.pairwise(run)]
            items.append(paragraph[run[-1][1]:])
            found.append(_Candidate([_lead(t) for t in items], paragraph[:run[0][0]], f"inline:{name}"))
    # 带头……，带头……，带头……等N个方面
    starts = [m.start() for m in re.finditer(r"(?:^|(?<=[：:；;。，,、\s“])|(?<=围绕|对照|聚焦|突出|重点))带头", paragraph)]
    if len(starts) >= 2:
        items = [paragraph[a:b] for a, b in itertools.pairwise(starts)]
        tail = re.split(r"等[0-9一二三四五六七八九十两]*个?方面|[。；;]|[”\"](?:等|方面)", paragraph[starts[-1]:])[0]
        items.append(tail)
        found.append(_Candidate([_tidy(t) for t in items], paragraph[:starts[0]], "inline:带头"))
    # 围绕A、B、C等N个方面 / 从A、B、C等方面
    for m in re.finditer(r"(?:围绕|对照|聚焦|从|就|重点)([^。；;：:]{4,200}?)等[0-9一二三四五六七八九十两]*个?方面",
                         paragraph):
        body = m.group(1)
        body = re.sub(r"^(?:以下|如下|这|好)", "", body)
        pieces = [p for p in re.split(r"[、，,；;]", body) if p.strip()]
        if len(pieces) >= 3:
            found.append(_Candidate([_tidy(p) for p in pieces], paragraph[:m.start()] + m.group(0)[:2],
                                    "inline:等方面"))
    # 在A方面；在B方面；在C方面
    pieces = [p for p in re.split(r"[；;]", paragraph) if p.strip()]
    if len(pieces) >= 3:
        tails = [re.search(r"(?:在|对照|关于)?([^：:。]{2,40}?方面)", p) for p in pieces]
        if sum(1 for t in tails if t) >= 3 and all(t for t in tails[1:]):
            items = [t.group(1) for t in tails if t]
            first = tails[0]
            context = pieces[0][:first.start()] if first is not None else pieces[0]
            found.append(_Candidate([_tidy(t) for t in items], context, "inline:方面；"))
    return found


def _score(candidate: _Candidate) -> float:
    items = [t for t in candidate.items if t]
    if len(items) < 2 or len(items) > 12 or len(items) != len(candidate.items):
        return float("-inf")
    lengths = [count_cjk(t) for t in items]
    if min(lengths) < 2 or sum(lengths) / len(lengths) > 40:
        return float("-inf")
    share = sum(1 for t in items if any(w in t for w in _ASPECT_WORDS)) / len(items)
    procedure = sum(1 for t in items if any(w in t for w in _PROCEDURE_WORDS)) / len(items)
    context = candidate.context[-80:]
    score = 3 * share - 4 * procedure + (2 if any(c in context for c in _CUES) else 0)
    if all(t.startswith("带头") for t in items):
        score += 1
    if candidate.shape == "lines:cn_dun":
        score -= 1.5  # 一、二、 are the notice's own parts (会议主题, 会前准备 …)
    if 3 <= len(items) <= 9:
        score += 0.5
    return score


def find_aspect_titles(text: str) -> list[str]:
    """The aspect titles of the notice ``text`` (empty when it has no aspect list)."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    candidates = _line_candidates(lines)
    for line in lines:
        candidates += _inline_candidates(line)
    scored = [(_score(c), -i, c) for i, c in enumerate(candidates)]
    scored = [s for s in scored if s[0] >= _MIN_SCORE]
    if not scored:
        return []
    best = max(scored, key=lambda s: (s[0], len(s[2].items), s[1]))[2]
    return list(dict.fromkeys(best.items))


# --- theme, year, meeting, what to report on ------------------------------------------------
_THEME_RES = (
    re.compile(r"主题(?:是|为)[：:]?\s*[“\"]([^”\"]{6,300})[”\"]"),
    re.compile(r"以[“\"]([^”\"]{6,300})[”\"]为(?:会议)?主题"),
    re.compile(r"围绕[“\"]([^”\"]{6,300})[”\"](?:这一|这个)?主题"),
    re.compile(r"主题(?:是|为)[：:]?\s*([^。\n]{6,300})"),
    re.compile(r"^(?:[一二三四五六七八九十]、|[（(][一二三四五六七八九十][）)])?\s*(?:会议|民主生活会|组织生活会)?主题[：:]\s*([^。\n]{6,300})",
               re.M),
)
_CAMPAIGNS = ("深入贯彻中央八项规定精神学习教育", "树立和践行正确政绩观学习教育", "党纪学习教育",
              "主题教育", "党史学习教育")


def find_theme(text: str) -> str:
    for regex in _THEME_RES:
        m = regex.search(text)
        if m:
            return m.group(1).strip().strip("，,；;：:“”\"")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines[:-1]):  # a heading 会议主题 with the theme on the next line
        if re.fullmatch(r"(?:[一二三四五六七八九十]、|[（(][一二三四五六七八九十][）)])?\s*(?:会议)?主题[：:]?", line):
            return lines[i + 1].rstrip("。")
    return ""


def find_reports(text: str) -> list[str]:
    """The sections the notice asks to report on, as template section titles."""
    reports = []
    if re.search(r"上(?:一)?年度[^。\n]{0,20}整改落实情况|(?:20\d\d年度)民主生活会整改落实情况", text):
        reports.append("上年度民主生活会整改落实情况")
    campaign = next((c for c in _CAMPAIGNS if c in text), "")
    if campaign and re.search(r"整改整治情况|查摆问题整改情况", text):
        reports.append(f"{campaign}整改整治情况")
    if re.search(r"(?:反面)?典型案例剖析|以案促改|以案为鉴", text):
        reports.append("反面典型案例剖析")
    return reports


def find_year(text: str) -> int | None:
    m = re.search(r"(20\d\d)年度", text)
    return int(m.group(1)) if m else None


def find_meeting(text: str) -> str:
    counts = {m: text.count(m) for m in ("民主生活会", "组织生活会")}
    best = max(counts, key=lambda m: counts[m])
    return best if counts[best] else ""


# --- topics -----------------------------------------------------------------------------------
def aspect_topics(title: str, known: Sequence[Aspect], classifier: TopicClassifier | None) -> tuple[str, ...]:
    """Topics of an aspect title: a known aspect of nearly the same words lends its topics,
    else the classifier reads the title, else a looser known match."""
    score, aspect = best_fit(tuple(known), title) if known else (0.0, None)
    if aspect is not None and score >= 0.6:
        return aspect.topics
    topics = tuple(classifier.classify(title)) if classifier is not None else ()
    if topics:
        return topics
    return aspect.topics if aspect is not None and score >= ASPECT_MATCH else ()


def known_aspects(library: TemplateLibrary | None) -> list[Aspect]:
    """Every distinct aspect of the library (the user's own later, so they win a tie)."""
    seen: dict[str, Aspect] = {}
    for template in (library.templates if library else []):
        for aspect in template.problem_aspects():
            seen[aspect.title] = aspect
    return list(seen.values())


def parse_notice(text: str, library: TemplateLibrary | None = None,
                 classifier: TopicClassifier | None = None) -> Notice:
    """Theme, aspects (with topics), year, meeting and report sections of a notice."""
    text = text[:MAX_NOTICE_CHARS]
    known = known_aspects(library)
    aspects = [NoticeAspect(t, aspect_topics(t, known, classifier)) for t in find_aspect_titles(text)]
    return Notice(find_theme(text), aspects, find_year(text), find_meeting(text), find_reports(text))


def read_notice(path: Path) -> str:
    """The text of a notice file (.txt in any Chinese encoding, or .docx), or ``NoticeError``."""
    from app.core.errors import DocumentReadError
    from app.core.formats.reader import read_document

    try:
        document = read_document(Path(path))
    except DocumentReadError as exc:
        raise NoticeError(str(exc)) from exc
    return "\n".join(p.text for p in document.paragraphs)


def titles_with_topics(titles: Iterable[str], library: TemplateLibrary | None,
                       classifier: TopicClassifier | None) -> list[NoticeAspect]:
    """Topics for titles the user typed or renamed (the dialog's list)."""
    known = known_aspects(library)
    return [NoticeAspect(t, aspect_topics(t, known, classifier)) for t in titles if t.strip()]
