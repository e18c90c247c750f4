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


class _Wording:
    """Weighted bigram vectors of some problems and measures (idf over exactly these)."""

    def __init__(self, problems: Sequence[Item], measures: Sequence[Item]) -> None:
        items = list(problems) + list(measures)
        leads = _bags([i.text for i in items])
        fulls = _bags([i.full for i in items])
        df = Counter(g for bag in leads + fulls for g in bag)
        n = len(leads) + len(fulls)
        self.lead, self.full = _vectors(leads, df, n), _vectors(fulls, df, n)
        self.p = len(problems)

    def score(self, i: int, k: int) -> float:
        """Problem ``i`` against measure ``k``: the best of lead against lead, lead against
        full and full against full (a point's long body dilutes the few words a short
        measure title shares with its lead sentence)."""
        lead, full, m = self.lead, self.full, self.p + k
        return max(_cosine(lead[i], lead[m]), _cosine(lead[i], full[m]), _cosine(full[i], full[m]))


def wording_matrix(problems: Sequence[Item], measures: Sequence[Item]) -> list[list[float]]:
    """wording[i][k]: how close problem i and measure k are in words (0..1)."""
    wording = _Wording(problems, measures)
    return [[wording.score(i, k) for k in range(len(measures))] for i in range(len(problems))]


SMALL_PAIRS = 40_000  # a real report has at most a few dozen of each: compared all with all
MAX_PAIRS = 60_000  # beyond this a block compares each problem with its nearest measures only


def _position(item: Item) -> tuple[int, int]:
    return item.node.start if item.node is not None else (0, 0)


def _blocks(problems: Sequence[Item], measures: Sequence[Item]) -> list[tuple[list[int], list[int]]]:
    """(problem indexes, measure indexes) that are compared with each other.

    A real report (one 问题 part, one 措施 part) is one block: everything is compared.  A
    very long document that repeats the parts (several reports pasted together) is cut
    where a problem follows a measure, so the work grows with its length, not its square."""
    if len(problems) * len(measures) <= SMALL_PAIRS:
        return [(list(range(len(problems))), list(range(len(measures))))]
    order = sorted([(_position(p), 0, i) for i, p in enumerate(problems)]
                   + [(_position(m), 1, k) for k, m in enumerate(measures)])
    blocks: list[tuple[list[int], list[int]]] = [([], [])]
    previous_kind = 0
    for _, kind, index in order:
        if kind == 0 and previous_kind == 1:
            blocks.append(([], []))
        blocks[-1][kind].append(index)
        previous_kind = kind
    for number, (block_problems, block_measures) in enumerate(blocks):
        if block_problems and not block_measures:  # measures written before the problems
            neighbour = next((blocks[j][1] for j in (number - 1, number + 1)
                              if 0 <= j < len(blocks) and blocks[j][1]), [])
            block_measures.extend(neighbour)
    return [b for b in blocks if b[0]]


def answers(problems: Sequence[Item], measures: Sequence[Item]) -> list[Answer]:
    """For each problem, the measure that answers it best, or None when none answers it.

    Among the answering measures, one already given to another problem ranks a little lower,
    so six problems of six aspects get six different measures when the text offers them.
    """
    result = [Answer(None, 0.0, False)] * len(problems)
    used = [0] * len(measures)
    for block_problems, block_measures in _blocks(problems, measures):
        wording = _Wording([problems[i] for i in block_problems],
                           [measures[k] for k in block_measures])
        window = max(1, MAX_PAIRS // max(len(block_problems), 1))
        for row, i in enumerate(block_problems):
            first = 0
            if len(block_measures) > window:  # a huge block: the measures around its place
                centre = row * len(block_measures) // len(block_problems)
                first = max(0, min(centre - window // 2, len(block_measures) - window))
            columns = range(first, min(first + window, len(block_measures)))
            best, best_key = Answer(None, 0.0, False), -math.inf
            topics = set(problems[i].topics)
            for column in columns:
                k = block_measures[column]
                shared = bool(topics & set(measures[k].topics))
                close = wording.score(row, column)
                if not shared and close < WORDING_ALONE:
                    continue
                key = (1.0 if shared else 0.0) + close - REUSE_PENALTY * used[k]
                if key > best_key:
                    best, best_key = Answer(k, close, shared), key
            if best.measure is not None:
                used[best.measure] += 1
            result[i] = best
    return result


def match_measures(problems: Sequence[Item], measures: Sequence[Item]) -> list[int | None]:
    """Index of the measure answering each problem (None when nothing does)."""
    return [a.measure for a in answers(problems, measures)]
