"""Which measure answers each problem point: ONE matcher for 结构检查 and the 整改清单.

Problems are the points (一是/二是…) of the 问题 part, or its aspects when they have no
points; measures are the points or sections of the 措施 part (its paragraphs, when the part
has no numbered measures).  A measure answers a problem when

- they share a topic (the problem's aspect and lead sentence, the measure's heading), or
- their wording is close: tf-idf weighted character-bigram cosine of the lead sentences or
  the full texts of at least ``WORDING_ALONE`` (idf over this document's items, so 习近平
  新时代中国特色社会主义思想 and 不够 weigh little).

结构检查 reports a problem that no measure answers; the 整改清单 leaves exactly those cells
empty and fills the others with the best answering measure.  Measured on the corpus
(``python -m tests.tools.pairing_eval``): topics give the pairs a 材料 writer makes (理论
学习的“系统性”不够 → 持之以恒强化理论武装, 政治能力仍不足 → 强化理论学习，坚定理想信念),
the wording catches an answer filed under other topics (学习贯彻党的二十大精神不够深入 →
持续深入学习宣传贯彻党的二十大精神, cosine 0.39); the next pair without a shared topic
scored 0.17 (用实践锤炼提升本领需常抓不懈 → 全力抓好宣传思想工作: no answer).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.document.outline import NodeKind, Outline, OutlineNode, span_text
from app.core.model import Paragraph
from app.core.text import cjk_chars, count_cjk
from app.core.topics import Part, TopicClassifier

WORDING_ALONE = 0.2  # the one threshold: wording that answers a problem without a shared topic
REUSE_PENALTY = 0.15  # a measure already given to another problem ranks this much lower
MIN_MEASURE_CHARS = 6  # a paragraph shorter than this is no measure (以上。/ 一是：)

_LEAD_END = ("。", "；", "！", "？")


@dataclass
class Item:
    """A problem or a measure: its short text (lead sentence), full text, topics and node."""

    text: str
    full: str
    topics: tuple[str, ...]
    node: OutlineNode


@dataclass(frozen=True)
class Answer:
    """The measure chosen for one problem (``measure`` None: nothing answers it)."""

    measure: int | None
    wording: float
    shared_topic: bool


def _leaves(outline: Outline, part: str) -> list[OutlineNode]:
    """Points of ``part``, or its sections that have no points or subsections."""
    found = []
    for node in outline.walk():
        if node.part != part:
            continue
        if node.kind == NodeKind.POINT or (node.level >= 2 and not node.children):
            found.append(node)
    return found


def _item(node: OutlineNode, paragraphs: Sequence[Paragraph], classifier) -> Item:
    full = span_text(paragraphs, node.start, node.stop).strip()
    text = node.title.strip() or full
    if node.kind == NodeKind.POINT and not text.endswith(_LEAD_END):
        text += "。"
    topics = list(node.topics)
    if classifier is not None:  # a point may be about more than its aspect says
        topics += [t for t in classifier.classify(text) if t not in topics]
    return Item(text, full, tuple(topics), node)


def _paragraph_measures(outline: Outline, paragraphs: Sequence[Paragraph], classifier) -> list[Item]:
    """The paragraphs of a 措施 part written without numbered measures."""
    items = []
    for root in outline.sections:
        if root.part != Part.MEASURE or root.children:
            continue
        body = span_text(paragraphs, root.start, root.stop).split("\n")[1:]  # not the heading
        for line in body:
            line = line.strip()
            if count_cjk(line) < MIN_MEASURE_CHARS:
                continue
            lead = re.split(r"(?<=[。；！？])", line, maxsplit=1)[0]
            topics = tuple(classifier.classify(lead)) if classifier is not None else ()
            items.append(Item(lead, line, topics, root))
    return items


def problems_and_measures(outline: Outline, paragraphs: Sequence[Paragraph],
                          classifier: TopicClassifier | None = None) -> tuple[list[Item], list[Item]]:
    problems = [_item(n, paragraphs, classifier) for n in _leaves(outline, Part.PROBLEM)]
    measures = [_item(n, paragraphs, classifier) for n in _leaves(outline, Part.MEASURE)]
    measures += _paragraph_measures(outline, paragraphs, classifier)
    return problems, measures


def _bags(texts: Sequence[str]) -> list[Counter]:
    bags = []
    for text in texts:
        chars = cjk_chars(text)
        bags.append(Counter(chars[i] + chars[i + 1] for i in range(len(chars) - 1)))
    return bags


def _vectors(bags: list[Counter], df: Counter, n: int) -> list[dict[str, float]]:
    vectors = []
    for bag in bags:
        vec = {g: c * math.log((n + 1) / (df[g] + 0.5)) for g, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({g: v / norm for g, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # Only shared bigrams count; the key intersection runs in C (a 30,000-字 draft compares
    # every problem with every measure, three ways).
    return sum(a[g] * b[g] for g in a.keys() & b.keys())


def wording_matrix(problems: Sequence[Item], measures: Sequence[Item]) -> list[list[float]]:
    """wording[i][k]: how close problem i and measure k are in words (0..1).

    The best of lead against lead, lead against full and full against full: a point's long
    body dilutes the few words a short measure title shares with its lead sentence.
    """
    items = list(problems) + list(measures)
    leads = _bags([i.text for i in items])
    fulls = _bags([i.full for i in items])
    df = Counter(g for bag in leads + fulls for g in bag)
    n = len(leads) + len(fulls)
    lead_v, full_v = _vectors(leads, df, n), _vectors(fulls, df, n)
    p = len(problems)
    return [[max(_cosine(lead_v[i], lead_v[p + k]), _cosine(lead_v[i], full_v[p + k]),
                 _cosine(full_v[i], full_v[p + k])) for k in range(len(measures))]
            for i in range(p)]


def answers(problems: Sequence[Item], measures: Sequence[Item]) -> list[Answer]:
    """For each problem, the measure that answers it best, or None when none answers it.

    Among the answering measures, one already given to another problem ranks a little lower,
    so six problems of six aspects get six different measures when the text offers them.
    """
    wording = wording_matrix(problems, measures)
    used = [0] * len(measures)
    result = []
    for i, problem in enumerate(problems):
        best, best_key = Answer(None, 0.0, False), -math.inf
        for k, measure in enumerate(measures):
            shared = bool(set(problem.topics) & set(measure.topics))
            if not shared and wording[i][k] < WORDING_ALONE:
                continue
            key = (1.0 if shared else 0.0) + wording[i][k] - REUSE_PENALTY * used[k]
            if key > best_key:
                best, best_key = Answer(k, wording[i][k], shared), key
        if best.measure is not None:
            used[best.measure] += 1
        result.append(best)
    return result


def match_measures(problems: Sequence[Item], measures: Sequence[Item]) -> list[int | None]:
    """Index of the measure answering each problem (None when nothing does)."""
    return [a.measure for a in answers(problems, measures)]
