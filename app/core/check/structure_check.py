"""结构检查: does the draft have the shape reviewers expect?

- every problem aspect of the template has at least one problem point;
- every problem point has a measure that answers it (``app.core.document.pairing``, the matcher of
  the 整改清单: what is reported here is exactly what the 清单 marks （待补充）), and a cause that
  explains it;
- the whole draft and its parts are within the template's target length;
- a reminder where a problem point has no concrete example (number, date, place, 我…).
Findings point at the heading or point concerned, as offsets into the checked text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.core.check.findings import Finding, sort_findings
from app.core.check.source import locate_paragraphs
from app.core.document.outline import NodeKind, Outline, OutlineCache, OutlineNode, build_outline
from app.core.document.pairing import Item, assign, causes_of, problems_and_measures, unexplained
from app.core.document.templates import Template, match_aspect
from app.core.model import Paragraph, Role
from app.core.text import count_cjk
from app.core.topics import Part, TopicClassifier

# Share of the template's target length that each part usually takes (low, high).
PART_SHARE = {Part.PROBLEM: (0.35, 0.65), Part.CAUSE: (0.12, 0.35), Part.MEASURE: (0.2, 0.5)}
MIN_POINT_CHARS = 15

Span = tuple[int, int, str]  # start, end and text of a finding
Locate = Callable[[OutlineNode], Span]

_CONCRETE_RES = [
    re.compile(r"\d"),  # any figure: 3次, 2023年, 15%
    re.compile(r"[一二三四五六七八九十百千两几]+(?:次|个|件|项|名|人|户|家|场|篇|期|批|天|周|年|月|起|条|万|亿)"),
    re.compile(r"[今去前]年|上半年|下半年|[一二三四五六七八九十]+月|以来|近期|近年|此前|曾经"),
    # a place: 红星村, 某某公司 (found by its ending, a Chinese character before it; as fast as
    # a plain word search, where [\u4e00-\u9fff]{1,8}(?:村|…) was tried at every character)
    re.compile(r"(?<=[\u4e00-\u9fff])(?:村|镇|乡|街道|社区|园区|企业|公司|学校|医院|工地|项目|现场)"),
    re.compile(r"(?:我|本人)[^，。；]{0,12}(?:曾|在|到|去|参加|调研|走访|接待|带队|主持|分管|负责)"),
    re.compile(r"比如|例如|譬如|如在|如：|典型的是|以[^，。]{1,12}为例"),
]


def check_structure(paragraphs: Sequence[Paragraph], text: str, classifier: TopicClassifier | OutlineCache,
                    template: Template | None) -> list[Finding]:
    """All structure findings; ``text`` is the checked text the paragraphs were read from.

    ``classifier`` may be the document's ``OutlineCache`` (the window passes its draft's): a
    re-check after an edit then rescans and re-derives only the paragraphs that changed.
    """
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
    problems, measures = problems_and_measures(outline, paragraphs, classifier)
    findings += _measures(problems, measures, at)
    findings += _causes(problems, causes_of(outline, paragraphs, classifier), at)
    title = next((i for i, p in enumerate(paragraphs) if p.role is Role.TITLE and p.text), None)
    whole = None  # the whole text's length is reported on its title
    if title is not None and title < len(offsets):
        start = text.find(paragraphs[title].text, offsets[title])
        if start >= 0:
            whole = (start, start + len(paragraphs[title].text), paragraphs[title].text)
    findings += _lengths(outline, template, at, whole)
    findings += _examples(problems, at)
    let_go(problems, measures, outline.sections)
    return sort_findings(findings)


def let_go(*lists: list) -> None:
    """Empty big lists an item at a time.  CPython frees what a list holds in one call that
    keeps the GIL: at 5 MB, dropping the outline and the pairing's items at the return froze
    the window 50-90 ms while the check ran on its worker thread; popped one by one, the
    GIL can change hands between items."""
    for items in lists:
        while items:
            items.pop()


def _part_roots(outline: Outline, part: str) -> list[OutlineNode]:
    return [n for n in outline.sections if n.part == part]


def _aspects(outline: Outline, template: Template | None, at: Locate) -> list[Finding]:
    roots = _part_roots(outline, Part.PROBLEM)
    sections = [c for r in roots for c in r.children if c.kind == NodeKind.SECTION]
    findings = []
    if template is not None:
        aspects = template.problem_aspects()
        # the outline's matcher, so a heading covers exactly the aspect the tree shows it as
        covered = {match_aspect(aspects, s.title) for s in sections}
        for aspect in aspects:
            if aspect not in covered:
                where: Span = at(roots[0]) if roots else (0, 0, "")
                findings.append(Finding("structure_aspect",
                                        f"模板要求的“{aspect.title}”没有对应的问题，请补写。", *where))
    for section in sections:
        has_points = any(c.kind == NodeKind.POINT for c in section.children)
        if not has_points and section.chars - count_cjk(section.title) < MIN_POINT_CHARS:
            findings.append(Finding("structure_aspect",
                                    f"“{section.title}”下还没有写具体问题。", *at(section)))
    return findings


def _measures(problems: list[Item], measures: list[Item], at: Locate) -> list[Finding]:
    """Problems that no measure answers: exactly the empty cells of the 整改清单."""
    if not problems:
        return []
    if not measures:
        return [Finding("structure_measure", "没有找到整改措施部分，每个问题都应有对应的措施。",
                        *at(problems[0].node))]
    findings = []
    for p, (measure, answer) in zip(problems, assign(problems, measures), strict=True):
        if measure is not None:
            continue
        label = p.node.title[:20]
        if answer.measure is None:
            message = f"问题“{p.node.number}{label}”在整改措施中找不到对应的措施。"
        else:
            message = f"问题“{p.node.number}{label}”在整改措施中只有与其他问题共用的措施，请补写针对性的措施。"
        findings.append(Finding("structure_measure", message, *at(p.node)))
    return findings


def _causes(problems: list[Item], causes: list[Item], at) -> list[Finding]:
    """Problems that no cause explains (the reader asks: is every problem analysed?)."""
    if not problems:
        return []
    if not causes:
        return [Finding("structure_cause", "没有找到原因分析部分，每个问题都应分析产生的原因。",
                        *at(problems[0].node))]
    findings = []
    for p, alone in zip(problems, unexplained(problems, causes), strict=True):
        if alone:
            findings.append(Finding("structure_cause",
                                    f"问题“{p.node.number}{p.node.title[:20]}”在原因分析中找不到对应的原因。",
                                    *at(p.node)))
    return findings


def _lengths(outline: Outline, template: Template | None, at: Locate,
             whole: Span | None = None) -> list[Finding]:
    low, high = template.target_chars if template else (3000, 6000)
    total = outline.total_chars
    findings = []
    first = outline.sections[0] if outline.sections else None
    where: Span = whole or (at(first) if first else (0, 0, ""))
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


def _examples(problems: list[Item], at: Locate) -> list[Finding]:
    findings = []
    for p in problems:
        if count_cjk(p.full) >= MIN_POINT_CHARS and not has_concrete_example(p.full):
            findings.append(Finding("structure_example",
                                    "这一条没有具体事例（数字、时间、地点或亲身经历），容易被认为空泛。",
                                    *at(p.node)))
    return findings
