"""Which measure answers each problem, and which cause explains it: ONE matcher for 结构检查
and the 整改清单.

Problems are the points (一是/二是…) of the 问题 part, or its aspects when they have no points
(an aspect that is only its heading, e.g. an empty template section, is none); measures and
causes are the points or sections of the 措施 and 原因 parts (their paragraphs, when the part
has no numbered items).  Generic sentences (对党忠诚是共产党人的政治灵魂, 习近平总书记强调……,
我将从以下几方面抓好整改: ``generic``) are never a measure or a cause.  A measure answers a
problem when

- they share a topic (the problem's aspect, lead sentence and text; the measure's heading and
  text), weighted by whether it is the first topic of each (``_topic_fit``), or
- their wording is close: tf-idf weighted character-bigram cosine of the lead sentences or
  the full texts of at least ``WORDING_ALONE`` (idf over this document's items, so 习近平
  新时代中国特色社会主义思想 and 不够 weigh little), or
- the measure repeats a phrase of the problem that no other item has (``echoes``).

Measured on 51 hand-labelled problems (tests/data/pairing/labels.toml: the three corpus samples
and two reports written for it; ``python -m tests.tools.pairing_eval``): 45 right (88.2 %; 41,
80.4 %, before the topic weighting, the echo and the reuse rule), no generic sentence offered
as a measure; causes: 13 of 16 right (81.2 %).
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, compress, repeat
from typing import TypeVar

from app.core.document.generic import is_generic, without_generic
from app.core.document.outline import NodeKind, Outline, OutlineNode, span_text
from app.core.document.outline_scan import OutlineCache
from app.core.model import Paragraph
from app.core.text import cjk_text, count_cjk
from app.core.topics import Part, TopicClassifier

# The topic classifier, or a document's OutlineCache (its memo of classifications and of the
# items' texts and bigrams: a re-check after an edit redoes only what changed), or None.
Classifier = TopicClassifier | OutlineCache | None
T = TypeVar("T")

WORDING_ALONE = 0.2  # the one threshold: wording that answers a problem without a shared topic
REUSE_PENALTY = 0.15  # a measure already given to another problem ranks this much lower
_RANK_WEIGHT = (1.0, 0.7, 0.5)  # a topic named first, second, later
SIDE_TOPIC_MIN = 0.5  # a shared topic that is a side topic of both (0.7 * 0.7) still answers
ECHO_CHARS = 6
ECHO_MIN = 3  # three 6-character phrases in common: the measure repeats 8+ characters of the problem
ECHO_BONUS = 0.5
STRONG_TOPIC = 0.7  # the first topic of one, named by the other: answers more than one problem
MIN_MEASURE_CHARS = 6  # a paragraph shorter than this is no measure (以上。/ 一是：)

# A heading that itself names a shortfall is a problem even with no body under it.
_SHORTFALL_RE = re.compile(r"不够|不足|不强|不到位|不深|不高|不严|不实|不力|差距|欠缺|薄弱|有待|问题|偏差")
_LEAD_END = ("。", "；", "！", "？")


@dataclass
class Item:
    """A problem or a measure: its short text (lead sentence), full text, topics and node."""

    text: str
    full: str
    topics: tuple[str, ...]
    node: OutlineNode
    cache: OutlineCache | None = field(default=None, repr=False, compare=False)  # see _derived
    bigrams: tuple[Counter[str], Counter[str]] | None = field(default=None, repr=False, compare=False)

    # What the matcher compares, computed once per item (the problems are compared with the
    # measures and again with the causes) and, with a cache, once per text.  ``bigrams``: the
    # lead's and the full text's, when made for the topics already.
    @cached_property
    def lead_bigrams(self) -> Counter[str]:
        return self.bigrams[0] if self.bigrams else _bigrams(self.cache, self.text)

    @cached_property
    def full_bigrams(self) -> Counter[str]:
        return self.bigrams[1] if self.bigrams else _bigrams(self.cache, self.full)

    @cached_property
    def phrases(self) -> set[str]:
        """The ``ECHO_CHARS``-character phrases of the full text (Chinese characters only)."""
        return _derived(self.cache, "phrases", self.full, lambda: _phrases(cjk_text(self.full)))


def _derived(cache: OutlineCache | None, table: str, text: str, make: Callable[[], T]) -> T:
    """``make()``, or what it gave for the same text before (``cache``: the document's
    OutlineCache, so that a re-check after an edit reuses the unchanged items')."""
    return make() if cache is None else cache.memo(table, text, make, len(text))


def _bigrams(cache: OutlineCache | None, text: str) -> Counter[str]:
    return _derived(cache, "bigrams", text, lambda: _bag(cjk_text(text)))


@dataclass(frozen=True)
class Answer:
    """The measure chosen for one problem (``measure`` None: nothing answers it)."""

    measure: int | None
    wording: float
    shared_topic: bool
    strong: bool = False  # the same first topic, close wording or an echo: worth giving twice


__all__ = ["Answer", "Item", "answers", "assign", "causes_of", "explanations", "is_generic",
           "match_measures", "problems_and_measures", "unexplained", "wording_matrix"]


def _leaves(outline: Outline, part: str, bodiless: bool = True) -> list[OutlineNode]:
    """Points of ``part``, or its sections that have no points or subsections.

    ``bodiless`` False leaves out a section that is only its heading (an empty template
    aspect such as （六）深入贯彻中央八项规定精神学习教育整改整治情况): no problem to list.
    """
    found = []
    for node in outline.walk():
        if node.part != part:
            continue
        if node.kind == NodeKind.POINT or (node.level >= 2 and not node.children):
            if (not bodiless and node.kind == NodeKind.SECTION and not _SHORTFALL_RE.search(node.title)
                    and node.chars - count_cjk(node.title) < MIN_MEASURE_CHARS):
                continue
            found.append(node)
    return found


def _body_lead(node: OutlineNode, full: str) -> str:
    """The first sentence under a section's heading (its body may run on from the heading)."""
    body = full[full.find(node.title) + len(node.title):] if node.title in full else full
    body = body.lstrip("。；：:，, \n\u3000")
    lead = re.split(r"(?<=[。；！？])", body, maxsplit=1)[0].strip()
    return lead if count_cjk(lead) >= MIN_MEASURE_CHARS else ""


def _item(node: OutlineNode, paragraphs: Sequence[Paragraph], classifier: Classifier) -> Item:
    span = span_text(paragraphs, node.start, node.stop)
    if not isinstance(classifier, OutlineCache):
        text, full, topics, bigrams = _item_texts(node, span, classifier)
        return Item(text, full, topics, node, bigrams=bigrams)
    key = (span, node.kind, node.part, node.title, tuple(node.topics))
    text, full, topics, bigrams = classifier.memo("item", key, lambda: _item_texts(node, span, classifier), len(span))
    return Item(text, full, topics, node, cache=classifier, bigrams=bigrams)


def _item_texts(node: OutlineNode, span: str, classifier: Classifier
                ) -> tuple[str, str, tuple[str, ...], tuple[Counter[str], Counter[str]] | None]:
    """An item's lead sentence, full text, topics and (when it classified them) the bigrams of
    the lead and the full text, from the node's text ``span``."""
    full = span.strip()
    full = without_generic(full) or full  # 对党忠诚是共产党人的政治灵魂。……: the concrete rest
    text = node.title.strip() or full
    if node.kind == NodeKind.SECTION and node.part == Part.PROBLEM and not _SHORTFALL_RE.search(text):
        text = _body_lead(node, full) or text  # （一）理论学习方面。学习的系统性不够。……
    if node.kind == NodeKind.POINT and not text.endswith(_LEAD_END):
        text += "。"
    topics = list(node.topics)
    if classifier is None:
        return text, full, tuple(topics), None
    # a point may be about more than its aspect says; the bigrams the matcher compares tell
    # the classifier which keywords to look for
    cache = classifier if isinstance(classifier, OutlineCache) else None
    lead_bag, full_bag = _bigrams(cache, text), _bigrams(cache, full)
    topics += [t for t in classifier.classify(text, bigrams=lead_bag.keys()) if t not in topics]
    topics += [t for t in classifier.classify(full, bigrams=full_bag.keys())[:2] if t not in topics]
    return text, full, tuple(topics), (lead_bag, full_bag)


def _paragraph_items(outline: Outline, paragraphs: Sequence[Paragraph], classifier: Classifier,
                     part: Part = Part.MEASURE) -> list[Item]:
    """The paragraphs of a part (措施, 原因) written without numbered items; a paragraph
    that only says something generic (对党忠诚是……的政治灵魂, 我将从以下几方面抓好整改) is none."""
    items = []
    for root in outline.sections:
        if root.part != part or root.children:
            continue
        body = span_text(paragraphs, root.start, root.stop).split("\n")[1:]  # not the heading
        for line in body:
            line = without_generic(line.strip())
            if count_cjk(line) < MIN_MEASURE_CHARS:
                continue
            lead = re.split(r"(?<=[。；！？])", line, maxsplit=1)[0]
            topics = tuple(classifier.classify(lead)) if classifier is not None else ()
            items.append(Item(lead, line, topics, root,
                              cache=classifier if isinstance(classifier, OutlineCache) else None))
    return items


def problems_and_measures(outline: Outline, paragraphs: Sequence[Paragraph],
                          classifier: Classifier = None) -> tuple[list[Item], list[Item]]:
    problems = [_item(n, paragraphs, classifier) for n in _leaves(outline, Part.PROBLEM, bodiless=False)]
    measures = [_item(n, paragraphs, classifier) for n in _leaves(outline, Part.MEASURE)]
    measures += _paragraph_items(outline, paragraphs, classifier, Part.MEASURE)
    return problems, [m for m in measures if not is_generic(m.text)]


def causes_of(outline: Outline, paragraphs: Sequence[Paragraph],
              classifier: Classifier = None) -> list[Item]:
    """The causes of the 原因 part: its points or sections, else its paragraphs."""
    causes = [_item(n, paragraphs, classifier) for n in _leaves(outline, Part.CAUSE, bodiless=False)]
    causes += _paragraph_items(outline, paragraphs, classifier, Part.CAUSE)
    return [c for c in causes if not is_generic(c.text)]


def _phrases(chars: str) -> set[str]:
    return {chars[j:j + ECHO_CHARS] for j in range(len(chars) - ECHO_CHARS + 1)}


def _bag(chars: str) -> Counter[str]:
    """The bigrams of ``chars`` (the Chinese characters of a text) and their counts."""
    return Counter(map(operator.add, chars[:-1], chars[1:]))  # the bigrams, in C


Vector = tuple[Counter[str], list[float]]  # a bag's bigrams (its keys, in order) and their weights


def _vectors(bags: list[Counter[str]], idf: dict[str, float]) -> list[Vector]:
    # c * idf[g] / norm for every bigram, as the plain loop would compute them, but in C; the
    # weights stay a list beside the bag's keys (the scores only walk them, in the bag's order)
    vectors = []
    for bag in bags:
        values = list(map(operator.mul, bag.values(), map(idf.__getitem__, bag)))
        norm = math.sqrt(sum(map(operator.mul, values, values))) or 1.0
        vectors.append((bag, list(map(operator.truediv, values, repeat(norm)))))
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # Only shared bigrams count; the key intersection and the products run in C (a
    # 30,000-字 draft compares every problem with every measure, three ways).  The same
    # products summed in the same order as a generator would: the very same floats.
    shared = a.keys() & b.keys()
    return sum(map(operator.mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


class _Wording:
    """Weighted bigram vectors of some problems and measures (idf over exactly these)."""

    def __init__(self, problems: Sequence[Item], measures: Sequence[Item]) -> None:
        items = list(problems) + list(measures)
        leads = [i.lead_bigrams for i in items]
        fulls = [i.full_bigrams for i in items]
        df = Counter(chain.from_iterable(leads + fulls))
        n = len(leads) + len(fulls)
        # log((n + 1) / (count + 0.5)) once per bigram, in C
        idf = dict(zip(df, map(math.log, map(operator.truediv, repeat(n + 1),
                                             map(operator.add, df.values(), repeat(0.5)))), strict=True))
        self.lead, self.full = _vectors(leads, idf), _vectors(fulls, idf)
        self.p = len(problems)
        self._postings: tuple[dict, dict, set[str]] | None = None  # see row()
        self._dicts: dict[tuple[int, int], dict[str, float]] = {}  # see score()

    def let_go(self) -> None:
        """Empty the tables an entry at a time: freed in one piece (a 5 MB draft's block)
        they kept the GIL ~50-90 ms, the window frozen while 结构检查 ran on its worker."""
        for vectors in (self.lead, self.full):
            while vectors:
                vectors.pop()
        while self._dicts:
            self._dicts.popitem()
        if self._postings is not None:
            for table in self._postings:
                while table:
                    table.popitem() if isinstance(table, dict) else table.pop()
            self._postings = None

    def _dict(self, which: int, index: int) -> dict[str, float]:
        """Vector ``index`` of the leads (0) or the full texts (1) as a dict."""
        found = self._dicts.get((which, index))
        if found is None:
            bag, weights = (self.lead, self.full)[which][index]
            found = self._dicts[(which, index)] = dict(zip(bag, weights, strict=True))
        return found

    def score(self, i: int, k: int) -> float:
        """Problem ``i`` against measure ``k``: the best of lead against lead, lead against
        full and full against full (a point's long body dilutes the few words a short
        measure title shares with its lead sentence)."""
        m, vec = self.p + k, self._dict
        return max(_cosine(vec(0, i), vec(0, m)), _cosine(vec(0, i), vec(1, m)), _cosine(vec(1, i), vec(1, m)))

    def row(self, i: int) -> list[float]:
        """``score(i, k)`` for every measure k at once: each bigram of the problem is looked
        up in an index of the measures that have it, so only shared bigrams cost anything
        (most pairs share none of their lead bigrams; comparing every pair's keys made
        the scores half of 结构检查).  The same products, summed in another order."""
        if self._postings is None:
            lead_post: dict[str, list[tuple[int, float]]] = {}
            full_post: dict[str, list[tuple[int, float]]] = {}
            for k in range(len(self.lead) - self.p):
                for bag, weights, post in ((*self.lead[self.p + k], lead_post), (*self.full[self.p + k], full_post)):
                    for g, w in zip(bag, weights, strict=True):
                        post.setdefault(g, []).append((k, w))
            self._postings = (lead_post, full_post, lead_post.keys() | full_post.keys())
        lead_post, full_post, posted = self._postings
        count = len(self.lead) - self.p
        lead_lead: list[float] = [0] * count  # int 0 where nothing is shared, as sum() of nothing
        lead_full: list[float] = [0] * count
        full_full: list[float] = [0] * count
        # only the problem's bigrams that some measure has (picked in C, in the problem's order)
        lead_get, full_get = lead_post.get, full_post.get
        bag, weights = self.lead[i]
        for g, v in compress(zip(bag, weights, strict=True), map(posted.__contains__, bag)):
            for k, w in lead_get(g, ()):
                lead_lead[k] += v * w
            for k, w in full_get(g, ()):
                lead_full[k] += v * w
        bag, weights = self.full[i]
        for g, v in compress(zip(bag, weights, strict=True), map(full_post.__contains__, bag)):
            for k, w in full_post[g]:
                full_full[k] += v * w
        return list(map(max, lead_lead, lead_full, full_full))


def wording_matrix(problems: Sequence[Item], measures: Sequence[Item]) -> list[list[float]]:
    """wording[i][k]: how close problem i and measure k are in words (0..1)."""
    wording = _Wording(problems, measures)
    return [wording.row(i) for i in range(len(problems))]


SMALL_PAIRS = 40_000  # a real report has at most a few dozen of each: compared all with all
MAX_PAIRS = 60_000  # beyond this a block compares each problem with its nearest measures only
ROW_MIN_PROBLEMS = 8  # the index of _Wording.row pays off from this many problems on


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


def _topic_fit(a: Sequence[str], b: Sequence[str]) -> float:
    """1 when both name the topic first; less when it is a side topic of either."""
    best = 0.0
    for i, topic in enumerate(a):
        if topic in b:
            best = max(best, _RANK_WEIGHT[min(i, 2)] * _RANK_WEIGHT[min(b.index(topic), 2)])
    return best


def echoes(problems: Sequence[Item], measures: Sequence[Item]) -> list[list[int]]:
    """echo[i][k]: phrases of ``ECHO_CHARS`` characters that problem i and measure k alone share.

    A measure that takes up the problem's own words (找准工作的切入点和突破口) answers it, however
    different its heading; a phrase several items share (习近平新时代中国特色社会主义思想) does not count.
    """
    own = _own_grams(problems, measures)
    p = len(problems)
    return [[len(own[i] & own[p + k]) for k in range(len(measures))] for i in range(p)]


def _own_grams(problems: Sequence[Item], measures: Sequence[Item]) -> list[set[str]]:
    """Each item's ``ECHO_CHARS``-character phrases that exactly one other item also has, where
    that item is on the other side (a problem's phrase shared with one measure, a measure's
    with one problem: all that ``echoes`` counts; one problem's phrase shared with another
    is left out)."""
    # By set operations in C, from the few phrases that exactly one measure has: the phrases
    # of one measure and then, among these, of one problem (each problem's phrases are
    # looked up once, not kept as in a count of every phrase of every item).
    once: set[str] = set()
    twice: set[str] = set()
    for item in measures:
        twice |= item.phrases & once
        once |= item.phrases
    one_measure = once - twice
    once, twice = set(), set()
    for item in problems:
        hits = item.phrases & one_measure
        twice |= hits & once
        once |= hits
    shared = once - twice  # in exactly one problem and one measure
    return [item.phrases & shared for item in list(problems) + list(measures)]


def _columns(row: int, problems: int, measures: int, window: int) -> tuple[range, bool]:
    """The measures of a block that problem ``row`` is compared with, and whether its wording
    scores come a row at a time (``_Wording.row``) rather than pair by pair."""
    if measures > window:  # a huge block: the measures around its place
        centre = row * measures // problems
        first = max(0, min(centre - window // 2, measures - window))
        return range(first, first + window), False
    return range(measures), problems >= ROW_MIN_PROBLEMS


def answers(problems: Sequence[Item], measures: Sequence[Item], reuse: bool = True) -> list[Answer]:
    """For each problem, the measure that answers it best, or None when none answers it.

    A measure answers a problem by topic (``_topic_fit``), by wording (``WORDING_ALONE``) or
    by echoing its words (``echoes``).  A measure already given to another problem ranks
    ``REUSE_PENALTY`` lower, so six problems of six aspects get six different measures when
    the text offers them, while two problems that one measure plainly answers both get it.
    ``reuse`` False: a measure answers one problem only, the first that it answers best.
    """
    result = [Answer(None, 0.0, False)] * len(problems)
    used = [0] * len(measures)
    fits: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
    for block_problems, block_measures in _blocks(problems, measures):
        block_p = [problems[i] for i in block_problems]
        block_m = [measures[k] for k in block_measures]
        wording = _Wording(block_p, block_m)
        own = _own_grams(block_p, block_m)
        offset = len(block_p)
        window = max(1, MAX_PAIRS // max(len(block_problems), 1))
        for row, i in enumerate(block_problems):
            columns, by_row = _columns(row, len(block_problems), len(block_measures), window)
            closes = wording.row(row) if by_row else None
            best, best_key = Answer(None, 0.0, False), -math.inf
            topics, own_row = problems[i].topics, own[row]
            for column in columns:
                k = block_measures[column]
                if used[k] and not reuse:
                    continue
                fit = _memo_fit(fits, topics, measures[k].topics)
                close = closes[column] if closes is not None else wording.score(row, column)
                echoed = bool(own_row) and len(own_row & own[offset + column]) >= ECHO_MIN
                if fit < SIDE_TOPIC_MIN and close < WORDING_ALONE and not echoed:
                    continue
                key = fit + close + (ECHO_BONUS if echoed else 0.0) - (REUSE_PENALTY if used[k] else 0.0)
                if key > best_key:
                    strong = fit >= STRONG_TOPIC or close >= WORDING_ALONE or echoed
                    best, best_key = Answer(k, close, fit >= SIDE_TOPIC_MIN, strong), key
            if best.measure is not None:
                used[best.measure] += 1
            result[i] = best
        wording.let_go()
        while own:
            own.pop()
    return result


def assign(problems: Sequence[Item], measures: Sequence[Item]) -> list[tuple[int | None, Answer]]:
    """The measure each problem gets in the 整改清单 (and 结构检查): its answer, unless that
    measure already went to an earlier problem and answers this one only weakly (a side
    topic): then None, the row says （待补充） and the check asks for a measure of its own."""
    given: set[int] = set()
    result = []
    for answer in answers(problems, measures):
        k = answer.measure
        if k is not None and k in given and not answer.strong:
            k = None
        if k is not None:
            given.add(k)
        result.append((k, answer))
    return result


# A cause lies deeper than the problem it explains: weak theory explains political and
# ideological shortfalls, slack 党性 explains lapses of discipline and style, a faded sense of
# purpose explains distance from the people.  (problem topic -> the cause topics that explain it)
CAUSE_ROOTS: dict[str, tuple[str, ...]] = {
    "政治素质": ("理论学习", "组织生活/党性修养"),
    "能力本领": ("理论学习", "担当作为"),
    "意识形态": ("理论学习", "政治素质"),
    "担当作为": ("宗旨意识/群众工作", "组织生活/党性修养", "政治素质"),
    "工作作风": ("宗旨意识/群众工作", "组织生活/党性修养", "担当作为"),
    "廉洁自律": ("组织生活/党性修养", "管党治党/主体责任"),
    "宗旨意识/群众工作": ("工作作风", "组织生活/党性修养"),
    "管党治党/主体责任": ("组织生活/党性修养", "廉洁自律", "政治素质"),
    "斗争精神/风险防范": ("组织生活/党性修养", "政治素质", "担当作为"),
    "改革发展": ("担当作为", "理论学习", "能力本领"),
    "组织生活/党性修养": ("政治素质", "理论学习"),
    "理论学习": ("政治素质", "组织生活/党性修养"),
}
ROOT_FIT = 0.5  # a cause on a root topic of the problem's first topic explains it


def explanations(problems: Sequence[Item], causes: Sequence[Item]) -> list[Answer]:
    """For each problem, the cause that explains it best (``Answer.measure`` indexes ``causes``).

    As ``answers``, and a cause whose first topic is a root of the problem's first topic
    (``CAUSE_ROOTS``) explains it when nothing closer does; one cause may explain many.
    """
    result = answers(problems, causes)
    for i, problem in enumerate(problems):
        if result[i].measure is not None or not problem.topics:
            continue
        roots = CAUSE_ROOTS.get(problem.topics[0], ())
        for k, cause in enumerate(causes):
            if cause.topics and cause.topics[0] in roots:
                result[i] = Answer(k, 0.0, True, False)
                break
    return result


def unexplained(problems: Sequence[Item], causes: Sequence[Item]) -> list[bool]:
    """``[a.measure is None for a in explanations(problems, causes)]`` (all 结构检查 asks),
    without scoring every pair: a cause sharing a topic with a problem explains it whatever
    the wording, so wording and echoes are computed only for the problems no topic links to
    a cause of their block (the same blocks, columns and scores as ``answers``)."""
    result = [True] * len(problems)
    fits: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
    for block_problems, block_causes in _blocks(problems, causes):
        window = max(1, MAX_PAIRS // max(len(block_problems), 1))
        pending = []
        for row, i in enumerate(block_problems):
            columns, by_row = _columns(row, len(block_problems), len(block_causes), window)
            topics = problems[i].topics
            if any(_memo_fit(fits, topics, causes[block_causes[c]].topics) >= SIDE_TOPIC_MIN for c in columns):
                result[i] = False
            else:
                pending.append((row, i, columns, by_row))
        if not pending:
            continue
        block_p = [problems[i] for i in block_problems]
        block_c = [causes[k] for k in block_causes]
        wording, own, offset = _Wording(block_p, block_c), _own_grams(block_p, block_c), len(block_p)
        for row, i, columns, by_row in pending:
            closes = wording.row(row) if by_row else None
            own_row = own[row]
            result[i] = not any(
                (closes[c] if closes is not None else wording.score(row, c)) >= WORDING_ALONE
                or (bool(own_row) and len(own_row & own[offset + c]) >= ECHO_MIN) for c in columns)
    for i, problem in enumerate(problems):  # a cause on a root topic (as in explanations)
        if result[i] and problem.topics:
            roots = CAUSE_ROOTS.get(problem.topics[0], ())
            result[i] = not any(cause.topics and cause.topics[0] in roots for cause in causes)
    return result


def _memo_fit(fits: dict[tuple[tuple[str, ...], tuple[str, ...]], float], a: tuple[str, ...],
              b: tuple[str, ...]) -> float:
    """``_topic_fit(a, b)``, remembered in ``fits`` (a report has only a few dozen topic pairs)."""
    found = fits.get((a, b))
    if found is None:
        found = fits[(a, b)] = _topic_fit(a, b)
    return found


def match_measures(problems: Sequence[Item], measures: Sequence[Item]) -> list[int | None]:
    """Index of the measure answering each problem (None when nothing does)."""
    return [a.measure for a in answers(problems, measures)]
