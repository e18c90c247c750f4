"""The section tree of a document, derived from its paragraphs.

Sections come from heading paragraphs; points (一是/二是…, 一要/二要…, 首先/其次…)
come from the body text of the deepest section.  Every node knows its span in the
paragraph list, its part (开头/问题/原因/措施/结尾) and its canonical topics, so a
cursor position always maps to what the phrase panel needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.core.document.numbering import match_heading, split_run_in_heading
from app.core.document.outline_scan import OutlineCache, ParagraphScan, strip_title
from app.core.document.templates import (
    ASPECT_MATCH,
    Aspect,
    Template,
    TemplateLibrary,
    aspect_bigrams,
    best_fit,
)
from app.core.model import Document, Paragraph, Role
from app.core.topics import MAIN_PARTS, Part, TopicClassifier

Pos = tuple[int, int]  # (paragraph index, character offset)

_PART_WORDS = (
    (Part.CAUSE, ("原因", "根源", "根子")),
    (Part.MEASURE, ("措施", "整改", "努力方向", "改进", "今后")),
    (Part.PROBLEM, ("问题", "不足", "差距", "查摆", "检视")),
)


class NodeKind(StrEnum):
    """What an outline node is (a ``StrEnum``: ``NodeKind.POINT == "point"``)."""

    SECTION = "section"  # a numbered heading: 一、 （一） 1. （1）
    POINT = "point"  # 一是/二要/首先… in the body of the deepest section
    OPENING = "opening"  # the unnumbered 开头 before the first section
    CLOSING = "closing"  # the unnumbered 结尾 after the last one


@dataclass
class OutlineNode:
    kind: NodeKind
    number: str  # canonical: 一、 （一） 1. （1） 一是 首先 …
    title: str
    level: int  # 1 = 一、; points sit one below their section
    start: Pos
    stop: Pos  # exclusive
    part: str = ""
    topics: list[str] = field(default_factory=list)
    chars: int = 0
    children: list[OutlineNode] = field(default_factory=list)

    @property
    def block(self) -> int:
        return self.start[0]

    def contains(self, pos: Pos) -> bool:
        return self.start <= pos < self.stop

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "level": self.level,
            "part": self.part,
            "topics": list(self.topics),
            "chars": self.chars,
            "children": [c.to_json() for c in self.children],
        }

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Outline:
    title: str
    template: Template | None
    sections: list[OutlineNode]
    total_chars: int
    first_section_block: int  # paragraphs before it are the opening (开头)

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "template": self.template.name if self.template else None,
            "sections": [s.to_json() for s in self.sections],
        }

    def walk(self):
        for section in self.sections:
            yield from section.walk()

    def path_at(self, pos: Pos) -> list[OutlineNode]:
        """Nodes from the top section down to the deepest one containing ``pos``."""
        path: list[OutlineNode] = []
        nodes = self.sections
        while True:
            hit = next((n for n in nodes if n.contains(pos)), None)
            if hit is None:
                return path
            path.append(hit)
            nodes = hit.children


@dataclass(frozen=True)
class SectionContext:
    """Where the cursor is, as the phrase panel and status bar need it."""

    part: str
    topics: tuple[str, ...]
    label: str  # e.g. 能力本领 · 问题
    heading: str  # title of the deepest section or point


def _part_of(title: str, index: int, order: Sequence[str] = MAIN_PARTS) -> str:
    """A 一、 section's part from its words, else from its place (the template's order)."""
    for part, words in _PART_WORDS:
        if any(w in title for w in words):
            return part
    return order[index] if index < len(order) else Part.CLOSING


def _heading_title(text: str) -> str:
    match = match_heading(text)
    if not match:
        return strip_title(text)
    head, body = split_run_in_heading(text)
    return strip_title((head if body else text)[match.head_len:])


_PARTIAL_MARGIN = 0.3  # lead in summed fit over a template that matches as many headings


def detect_template(paragraphs: Sequence[Paragraph], library: TemplateLibrary) -> Template | None:
    """The template whose problem aspects best match the document's （一） headings.

    A complete report is scored over all the template's aspects (the headings' fits divided
    by the larger of headings and aspects).  A half-written draft or a report covering only
    some aspects scores low that way (two of six aspects: 1/3), so it is then judged by its
    headings alone (``_partial_match``): a template's headings are those that fit one of its
    aspects (``ASPECT_MATCH``); it is chosen when they cover two or more of its aspects and
    at least half the headings, no heading fits another template's aspect but none of its
    own, and no other template fits as many headings nearly as well.  One heading is too
    little to tell 理论学习方面 (2023) from 学习贯彻党的创新理论 (组织生活会).  On every pair of
    the hand-written variants in tests/data/aspect_variants.toml (tests/core/document/test_aspects.py) all
    373 same-template pairs find their template and no pair of two templates' headings is
    taken for a template that one of them does not fit.
    """
    titles = []
    h1_index = -1
    in_problems = False
    for para in paragraphs:
        if para.role is Role.H1:
            h1_index += 1
            in_problems = _part_of(para.text, h1_index) == Part.PROBLEM
        elif para.role is Role.H2 and h1_index >= 0 and in_problems:
            titles.append(_heading_title(para.text))
    if not titles:
        return None
    grams = [aspect_bigrams(t) for t in titles]
    candidates = [t for t in library.templates if t.problem_aspects()]
    fits = [[best_fit(t.problem_aspects(), g) for g in grams] for t in candidates]
    best, best_score = None, 0.0
    for template, template_fits in zip(candidates, fits, strict=False):
        score = sum(f[0] for f in template_fits) / max(len(titles), len(template.problem_aspects()))
        if score >= best_score and score > 0:  # on a tie the later (the user's own) template wins
            best, best_score = template, score
    if best_score >= 0.4:
        return best
    return _partial_match(candidates, fits, len(titles))


def _partial_match(candidates: list[Template], fits: list[list[tuple[float, Aspect | None]]],
                   headings: int) -> Template | None:
    """The one template that the headings of a partial draft clearly belong to (see above)."""
    somewhere = [any(f[h][0] >= ASPECT_MATCH for f in fits) for h in range(headings)]
    ranked = []
    for index, template_fits in enumerate(fits):
        mine = [f for f in template_fits if f[0] >= ASPECT_MATCH]
        if any(somewhere[h] and template_fits[h][0] < ASPECT_MATCH for h in range(headings)):
            continue  # a heading that is another template's aspect and not this one's
        if len({id(aspect) for _, aspect in mine}) >= 2 and 2 * len(mine) >= headings:
            ranked.append((len(mine), sum(score for score, _ in mine), index))
    if not ranked:
        return None
    ranked.sort(reverse=True)  # on an exact tie the later (the user's own copy) wins
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0] and 0 < ranked[0][1] - ranked[1][1] < _PARTIAL_MARGIN:
        return None  # the headings fit two different templates about equally well
    return candidates[ranked[0][2]]


def resolve_template(document: Document, library: TemplateLibrary) -> Template | None:
    """The template a document names (our own files), else the one its headings match."""
    return library.get(document.template_id) or detect_template(document.paragraphs, library)


class _Builder:
    """One outline build over scanned paragraphs (see ``build_outline``)."""

    def __init__(self, paragraphs: Sequence[Paragraph], cache: OutlineCache,
                 scans: list[ParagraphScan] | None = None) -> None:
        self.paragraphs = paragraphs
        self.cache = cache
        self.scans: list[ParagraphScan] = scans or [cache.scan(p.text) for p in paragraphs]
        # prefix[i] = Chinese characters in paragraphs[:i]
        self.prefix = [0]
        for scan in self.scans:
            self.prefix.append(self.prefix[-1] + scan.chars)

    def count(self, start: Pos, stop: Pos) -> int:
        (b0, o0), (b1, o1) = start, stop
        n = len(self.scans)
        if b0 >= n:
            return 0
        if b0 == b1:
            cum = self.scans[b0].cum
            return cum[min(o1, len(cum) - 1)] - cum[min(o0, len(cum) - 1)]
        total = self.scans[b0].chars - self.scans[b0].cum[min(o0, len(self.scans[b0].cum) - 1)]
        total += self.prefix[min(b1, n)] - self.prefix[b0 + 1]
        if b1 < n and o1:
            total += self.scans[b1].cum[min(o1, len(self.scans[b1].cum) - 1)]
        return total

    def points(self, first: int, stop: Pos) -> list[tuple[Pos, str, str]]:
        """(position, number, lead sentence) of each point from paragraph ``first`` to ``stop``."""
        found: list[tuple[Pos, str, str]] = []
        last = stop[0] + (1 if stop[1] else 0)
        seq = [i for i in range(first, last) if self.scans[i].seq_offset >= 0]
        use_seq = len(seq) >= 2
        for i in range(first, min(last, len(self.scans))):
            scan = self.scans[i]
            for offset, marker, lead in scan.points:
                if (i, offset) < stop:
                    found.append(((i, offset), marker, lead))
            if use_seq and scan.seq_offset >= 0 and (i, scan.seq_offset) < stop:
                pos = (i, scan.seq_offset)
                if not any(f[0] == pos for f in found):
                    word = self.paragraphs[i].text[scan.seq_offset:scan.seq_offset + 2]
                    found.append((pos, word, scan.seq_lead))
        found.sort(key=lambda f: f[0])
        return found

    def closing_start(self) -> int:
        """First paragraph of the closing (结尾) after the last heading, or len(paragraphs)."""
        n = len(self.paragraphs)
        headings = [i for i, p in enumerate(self.paragraphs) if p.role.is_heading]
        if not headings:
            return n
        last = headings[-1]
        # The first paragraph under the last heading is its body, unless only a closing can say
        # what it says (以上…, 批评指正) or the heading already carries a body of its own.
        first_body = -1 if split_run_in_heading(self.paragraphs[last].text)[1] else next(
            (i for i in range(last + 1, n) if self.paragraphs[i].text.strip()), -1)
        candidate = n
        for i in range(n - 1, last, -1):  # a contiguous run at the very end
            para, scan = self.paragraphs[i], self.scans[i]
            if para.role is Role.META or not para.text.strip():
                continue
            if para.role is not Role.BODY or scan.points or scan.seq_offset >= 0 or not scan.closing_cue:
                break
            if i == first_body and not scan.closing_sure:
                break
            candidate = i
        if candidate < n:  # blank lines just before it belong to the closing too
            while candidate - 1 > last and not self.paragraphs[candidate - 1].text.strip():
                candidate -= 1
        return candidate

    def grow(self, node: OutlineNode) -> None:
        """Add the points of ``node``'s subtree and fill in every 字数 (parts and topics: _label)."""
        if node.kind == NodeKind.SECTION:
            own_stop = node.children[0].start if node.children else node.stop
            points = self.points(node.block, own_stop)  # from the heading on: it may run into its body
            point_nodes = []
            for i, (pos, number, lead) in enumerate(points):
                stop = points[i + 1][0] if i + 1 < len(points) else own_stop
                point = OutlineNode(NodeKind.POINT, number, lead, node.level + 1, pos, stop)
                point.chars = self.count(pos, stop)
                point_nodes.append(point)
            node.children = point_nodes + node.children
        for child in node.children:
            if child.kind == NodeKind.SECTION:
                self.grow(child)
        node.chars = self.count(node.start, node.stop)


def _label(node: OutlineNode, parent: OutlineNode | None, cache: OutlineCache, aspects: tuple) -> None:
    """Part and topics of ``node`` and its subtree, from the titles (and the part of the root)."""
    if parent is not None:
        node.part = parent.part
    if node.kind == NodeKind.POINT:
        node.topics = list(parent.topics) if parent and parent.topics else cache.classify(node.title)
        return
    topics = None
    if node.part == Part.PROBLEM and node.level == 2 and aspects:
        topics = cache.aspect_topics(aspects, node.title)
    if topics:
        node.topics = list(topics)
    else:
        node.topics = cache.classify(node.title) or (list(parent.topics) if parent else [])
    for child in node.children:
        _label(child, node, cache, aspects)


def _label_roots(roots: Sequence[OutlineNode], template: Template | None, cache: OutlineCache) -> None:
    """Each numbered top-level section's part (from its words, else its place), then the rest."""
    aspects = template.problem_aspects() if template else ()
    h1_count = 0
    order = [s.part for s in template.sections if s.title] if template else MAIN_PARTS
    for root in roots:
        if root.kind != NodeKind.SECTION:
            continue
        if root.level == 1:
            root.part = _part_of(root.title, h1_count, order)
            h1_count += 1
        else:
            root.part = Part.PROBLEM
        _label(root, None, cache, aspects)


def build_outline(
    paragraphs: Sequence[Paragraph],
    classifier: TopicClassifier | OutlineCache,
    template: Template | None = None,
) -> Outline:
    """The section tree of ``paragraphs`` (see the module docstring).

    Pass an ``OutlineCache`` that lives as long as the document to rebuild cheaply after an
    edit: unchanged paragraphs are not rescanned.
    """
    cache = classifier if isinstance(classifier, OutlineCache) else OutlineCache(classifier)
    build = _Builder(paragraphs, cache)
    closing = build.closing_start()
    end: Pos = (closing, 0)
    roots: list[OutlineNode] = []
    stack: list[OutlineNode] = []
    for index in range(closing):
        para = paragraphs[index]
        level = para.role.level
        if not level:
            continue
        scan = build.scans[index]
        number = scan.heading.number if scan.heading else ""
        title = scan.title if scan.heading else strip_title(para.text)
        node = OutlineNode(NodeKind.SECTION, number, title, level, (index, 0), end)
        while stack and stack[-1].level >= level:
            stack.pop().stop = (index, 0)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    for node in stack:
        node.stop = end

    for root in roots:
        build.grow(root)
    _label_roots(roots, template, cache)

    first = roots[0].block if roots else closing
    opening_start = next((i for i, p in enumerate(paragraphs[:first])
                          if p.role not in (Role.TITLE, Role.META)), None)
    if opening_start is not None:
        node = OutlineNode(NodeKind.OPENING, "", "开头", 1, (opening_start, 0), (first, 0), Part.OPENING)
        node.chars = build.count(node.start, node.stop)
        roots.insert(0, node)
    if closing < len(paragraphs):
        node = OutlineNode(NodeKind.CLOSING, "", "结尾", 1, (closing, 0), (len(paragraphs), 0), Part.CLOSING)
        node.chars = build.count(node.start, node.stop)
        roots.append(node)
    title = next((p.text for p in paragraphs if p.role is Role.TITLE), "")
    return Outline(title, template, roots, build.prefix[-1], first)


def span_text(paragraphs: Sequence[Paragraph], start: Pos, stop: Pos) -> str:
    """The text between two positions, paragraphs joined with newlines."""
    (b0, o0), (b1, o1) = start, stop
    if b0 == b1:
        return paragraphs[b0].text[o0:o1] if b0 < len(paragraphs) else ""
    parts = [paragraphs[b0].text[o0:]]
    parts += [paragraphs[i].text for i in range(b0 + 1, min(b1, len(paragraphs)))]
    if b1 < len(paragraphs) and o1:
        parts.append(paragraphs[b1].text[:o1])
    return "\n".join(parts)


def context_at(outline: Outline, pos: Pos, role: Role | None = None, text: str = "") -> SectionContext:
    """Part, topics and a label for the cursor at ``pos`` (in a block of ``role``)."""
    if role in (Role.TITLE, Role.META):
        return SectionContext(Part.OPENING, (), "标题", text)
    path = outline.path_at(pos)
    if not path:
        return SectionContext(Part.OPENING, (), "开头", "")
    deepest = path[-1]
    if deepest.kind in (NodeKind.OPENING, NodeKind.CLOSING):
        return SectionContext(deepest.part, (), deepest.part, "")
    topics = next((tuple(n.topics) for n in reversed(path) if n.topics), ())
    place = topics[0] if topics else path[0].title
    return SectionContext(deepest.part, topics, f"{place} · {deepest.part}", deepest.title)


def point_ordinal_at(outline: Outline, pos: Pos) -> int:
    """The ordinal a new point at ``pos`` should carry: one more than the points before it."""
    sections = [n for n in outline.path_at(pos) if n.kind == NodeKind.SECTION]
    if not sections:
        return 1
    return 1 + sum(1 for c in sections[-1].children if c.kind == NodeKind.POINT and c.start < pos)


def _section_title(para: Paragraph, scan: ParagraphScan) -> str:
    return scan.title if scan.heading else strip_title(para.text)


def _point_title(scan: ParagraphScan, offset: int) -> str | None:
    for at, _, lead in scan.points:
        if at == offset:
            return lead
    return scan.seq_lead if scan.seq_offset == offset else None


class LiveOutline:
    """Keeps the outline of a document that is being typed in, without rebuilding it per key.

    A keystroke that leaves the tree's shape alone -- every paragraph keeps its role, heading
    number, point markers and closing cues -- keeps the previous tree: only 字数 are refreshed,
    and when a heading's or point's words changed (typing in a heading), titles, parts and
    topics are re-derived over the existing nodes.  Anything else (a new heading, a deleted
    number, a new 一是) rebuilds the tree from the memoised paragraph scans.
    """

    def __init__(self, classifier: TopicClassifier) -> None:
        self.cache = OutlineCache(classifier)
        self._scans: list[ParagraphScan] = []
        self._roles: list[Role] = []
        self._template: Template | None = None
        self.outline: Outline = build_outline([], self.cache)
        self.full_builds = 0  # for tests and benchmarks

    @staticmethod
    def _same_shape(a: ParagraphScan, b: ParagraphScan) -> bool:
        """Same tree shape: the words of a title may differ, nothing else may."""
        return a is b or (a.heading == b.heading and a.seq_offset == b.seq_offset
                          and [p[:2] for p in a.points] == [p[:2] for p in b.points]
                          and a.closing_cue == b.closing_cue and a.closing_sure == b.closing_sure
                          and a.blank == b.blank)

    def _last_heading_changed(self, scans: list[ParagraphScan]) -> bool:
        """Whether the last heading's words changed: they decide where the closing starts."""
        last = next((i for i in range(len(self._roles) - 1, -1, -1) if self._roles[i].is_heading), None)
        return last is not None and scans[last] is not self._scans[last]

    def update(self, paragraphs: Sequence[Paragraph], template: Template | None) -> Outline:
        scans = [self.cache.scan(p.text) for p in paragraphs]
        roles = [p.role for p in paragraphs]
        same = (template is self._template and roles == self._roles and len(scans) == len(self._scans)
                and all(self._same_shape(a, b) for a, b in zip(scans, self._scans, strict=True))
                and not self._last_heading_changed(scans))
        self._scans, self._roles, self._template = scans, roles, template
        if not same:
            self.full_builds += 1
            self.outline = build_outline(paragraphs, self.cache, template)
            return self.outline
        build = _Builder(paragraphs, self.cache, scans)
        retitled = False
        for node in self.outline.walk():
            node.chars = build.count(node.start, node.stop)
            block = node.block
            if node.kind == NodeKind.SECTION:
                title = _section_title(paragraphs[block], scans[block])
            elif node.kind == NodeKind.POINT:
                title = _point_title(scans[block], node.start[1])
            else:
                continue
            if title is not None and title != node.title:
                node.title = title
                retitled = True
        old = self.outline
        if retitled:
            _label_roots(old.sections, template, self.cache)
        title = next((p.text for p in paragraphs if p.role is Role.TITLE), "")
        self.outline = Outline(title, old.template, old.sections, build.prefix[-1], old.first_section_block)
        return self.outline
