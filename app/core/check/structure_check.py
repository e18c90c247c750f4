"""结构检查: does the draft have the shape reviewers expect?

- every problem aspect of the template has at least one problem point;
- every problem point has a measure that answers it (shared topic and shared wording);
- the whole draft and its parts are within the template's target length;
- a reminder where a problem point has no concrete example (number, date, place, 我…).
Findings point at the heading or point concerned, as offsets into the checked text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.check.findings import Finding, sort_findings
from app.core.check.source import locate_paragraphs
from app.core.model import Paragraph
from app.core.outline import Outline, OutlineNode, build_outline, span_text
from app.core.templates import Template
from app.core.text import bigram_similarity, count_cjk
from app.core.topics import TopicClassifier

# Share of the template's target length that each part usually takes (low, high).
PART_SHARE = {"问题": (0.35, 0.65), "原因": (0.12, 0.35), "措施": (0.2, 0.5)}
ASPECT_MATCH = 0.3  # bigram similarity of a heading to a template aspect
WORDING_WITH_TOPIC = 0.06  # wording similarity enough when the topics agree
WORDING_ALONE = 0.2  # wording similarity enough on its own
MIN_POINT_CHARS = 15

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_RE = re.compile(r"[^。；;！？!?\n]+")
_CONCRETE_RES = [
    re.compile(r"\d"),  # any figure: 3次, 2023年, 15%
    re.compile(r"[一二三四五六七八九十百千两几]+(?:次|个|件|项|名|人|户|家|场|篇|期|批|天|周|年|月|起|条|万|亿)"),
    re.compile(r"[今去前]年|上半年|下半年|[一二三四五六七八九十]+月|以来|近期|近年|此前|曾经"),
    re.compile(r"[\u4e00-\u9fff]{1,8}(?:村|镇|乡|街道|社区|园区|企业|公司|学校|医院|工地|项目|现场)"),
    re.compile(r"(?:我|本人)[^，。；]{0,12}(?:曾|在|到|去|参加|调研|走访|接待|带队|主持|分管|负责)"),
    re.compile(r"比如|例如|譬如|如在|如：|典型的是|以[^，。]{1,12}为例"),
]


@dataclass
class _Unit:
    node: OutlineNode
    text: str
    topics: set[str]


def check_structure(paragraphs: Sequence[Paragraph], text: str, classifier: TopicClassifier,
                    template: Template | None) -> list[Finding]:
    """All structure findings; ``text`` is the checked text the paragraphs were read from."""
    outline = build_outline(paragraphs, classifier, template)
    offsets = locate_paragraphs(text, paragraphs)

    def at(node: OutlineNode) -> tuple[int, int, str]:
        block, column = node.start
        start = (offsets[block] if block < len(offsets) else len(text)) + column
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        end = min(line_end, start + max(2, len(node.number) + min(len(node.title), 30)))
        return start, end, text[start:end]

    findings: list[Finding] = []
    findings += _aspects(outline, template, at)
    problems, measures = _units(outline, paragraphs, classifier)
    findings += _measures(problems, measures, at)
    findings += _lengths(outline, template, at)
    findings += _examples(problems, at)
    return sort_findings(findings)


def _part_roots(outline: Outline, part: str) -> list[OutlineNode]:
    return [n for n in outline.sections if n.part == part]


def _aspects(outline: Outline, template: Template | None, at) -> list[Finding]:
    roots = _part_roots(outline, "问题")
    sections = [c for r in roots for c in r.children if c.kind == "section"]
    findings = []
    if template is not None:
        for aspect in template.problem_aspects():
            best = max(sections, key=lambda s: bigram_similarity(s.title, aspect.title), default=None)
            if best is None or bigram_similarity(best.title, aspect.title) < ASPECT_MATCH:
                where = at(roots[0]) if roots else (0, 0, "")
                findings.append(Finding("structure_aspect",
                                        f"模板要求的“{aspect.title}”没有对应的问题，请补写。", *where))
    for section in sections:
        has_points = any(c.kind == "point" for c in section.children)
        if not has_points and section.chars - count_cjk(section.title) < MIN_POINT_CHARS:
            findings.append(Finding("structure_aspect",
                                    f"“{section.title}”下还没有写具体问题。", *at(section)))
    return findings


def _units(outline: Outline, paragraphs, classifier) -> tuple[list[_Unit], list[_Unit]]:
    """Problem points (or point-less problem sections) and every measure section/point."""

    def unit(node: OutlineNode) -> _Unit:
        body = span_text(paragraphs, node.start, node.stop)
        return _Unit(node, body, set(node.topics) | set(classifier.classify(body)))

    problems, measures = [], []
    for root in _part_roots(outline, "问题"):
        for node in root.walk():
            if node is root:
                continue
            if node.kind == "point" or not node.children:
                problems.append(unit(node))
    for root in _part_roots(outline, "措施"):
        body = span_text(paragraphs, root.start, root.stop)
        for sentence in _SENTENCE_RE.findall(body):
            if count_cjk(sentence) >= 6:
                measures.append(_Unit(root, sentence, set(classifier.classify(sentence))))
    return problems, measures


def _bigram_vectors(texts: list[str]) -> list[dict[str, float]]:
    bags = []
    for text in texts:
        chars = _CJK_RE.findall(text)
        bags.append(Counter(chars[i] + chars[i + 1] for i in range(len(chars) - 1)))
    df = Counter(g for bag in bags for g in bag)
    n = len(bags)
    vectors = []
    for bag in bags:
        vec = {g: c * math.log((n + 1) / (df[g] + 0.5)) for g, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({g: v / norm for g, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # Only shared bigrams contribute; the key intersection runs in C (the check of a
    # 30,000-字 draft compares every problem with every measure).
    return sum(a[g] * b[g] for g in a.keys() & b.keys())


def answer_scores(problems: list[_Unit], measures: list[_Unit]) -> list[tuple[float, bool, int]]:
    """For each problem: (best wording similarity, topics shared, index of that measure)."""
    vectors = _bigram_vectors([u.text for u in problems] + [u.text for u in measures])
    pv, mv = vectors[:len(problems)], vectors[len(problems):]
    result = []
    for p, vec in zip(problems, pv):
        best = (0.0, False, -1)
        for k, (m, mvec) in enumerate(zip(measures, mv)):
            shared = bool(p.topics & m.topics)
            score = _cosine(vec, mvec)
            answered = score >= WORDING_ALONE or (shared and score >= WORDING_WITH_TOPIC)
            key = (answered, score)
            if key > ((best[0] >= WORDING_ALONE or (best[1] and best[0] >= WORDING_WITH_TOPIC)), best[0]):
                best = (score, shared, k)
        result.append(best)
    return result


def _measures(problems: list[_Unit], measures: list[_Unit], at) -> list[Finding]:
    if not problems:
        return []
    if not measures:
        return [Finding("structure_measure", "没有找到整改措施部分，每个问题都应有对应的措施。",
                        *at(problems[0].node))]
    findings = []
    for p, (score, shared, _) in zip(problems, answer_scores(problems, measures)):
        if score >= WORDING_ALONE or (shared and score >= WORDING_WITH_TOPIC):
            continue
        label = p.node.title[:20]
        findings.append(Finding("structure_measure",
                                f"问题“{p.node.number}{label}”在整改措施中找不到对应的措施。",
                                *at(p.node)))
    return findings


def _lengths(outline: Outline, template: Template | None, at) -> list[Finding]:
    low, high = template.target_chars if template else (3000, 6000)
    total = outline.total_chars
    findings = []
    first = outline.sections[0] if outline.sections else None
    where = at(first) if first else (0, 0, "")
    if total < low:
        findings.append(Finding("structure_length", f"全文 {total} 字，少于建议的 {low}–{high} 字。", *where))
    elif total > high:
        findings.append(Finding("structure_length", f"全文 {total} 字，超过建议的 {low}–{high} 字。", *where))
    for part, (lo_share, hi_share) in PART_SHARE.items():
        roots = _part_roots(outline, part)
        if not roots:
            continue
        chars = sum(r.chars for r in roots)
        lo, hi = round(low * lo_share), round(high * hi_share)
        if chars < lo:
            findings.append(Finding("structure_length",
                                    f"“{part}”部分 {chars} 字，偏短（建议 {lo}–{hi} 字）。", *at(roots[0])))
        elif chars > hi:
            findings.append(Finding("structure_length",
                                    f"“{part}”部分 {chars} 字，偏长（建议 {lo}–{hi} 字）。", *at(roots[0])))
    return findings


def has_concrete_example(text: str) -> bool:
    return any(r.search(text) for r in _CONCRETE_RES)


def _examples(problems: list[_Unit], at) -> list[Finding]:
    findings = []
    for p in problems:
        if count_cjk(p.text) >= MIN_POINT_CHARS and not has_concrete_example(p.text):
            findings.append(Finding("structure_example",
                                    "这一条没有具体事例（数字、时间、地点或亲身经历），容易被认为空泛。",
                                    *at(p.node)))
    return findings
