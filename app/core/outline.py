"""The section tree of a document, derived from its paragraphs.

Sections come from heading paragraphs; points (一是/二是…, 一要/二要…, 首先/其次…)
come from the body text of the deepest section.  Every node knows its span in the
paragraph list, its part (开头/问题/原因/措施/结尾) and its canonical topics, so a
cursor position always maps to what the phrase panel needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from app.core.model import Document, Paragraph, Role
from app.core.structure import match_heading
from app.core.templates import Template, TemplateLibrary
from app.core.text import bigram_similarity, count_cjk
from app.core.topics import TopicClassifier

Pos = tuple[int, int]  # (paragraph index, character offset)

_CN = "一二三四五六七八九十"
# A point marker opens a paragraph or follows the end of a sentence.
_POINT_RE = re.compile(rf"(?:^|(?<=[。；;！？!?]))[\s\u3000]*([{_CN}]{{1,3}}[是要])")
_SEQ_WORDS = ("首先", "其次", "再次", "最后")
_LEAD_END_RE = re.compile(r"[。；;！？!?]")
_PART_WORDS = (
    ("原因", ("原因", "根源", "根子")),
    ("措施", ("措施", "整改", "努力方向", "改进", "今后")),
    ("问题", ("问题", "不足", "差距", "查摆", "检视")),
)
_DEFAULT_PARTS = ("问题", "原因", "措施")


@dataclass
class OutlineNode:
    kind: str  # "section" or "point"
    number: str  # canonical: 一、 （一） 1. （1） 一是 首先 …
    title: str
    level: int  # 1 = 一、; points sit one below their section
    start: Pos
    stop: Pos  # exclusive
    part: str = ""
    topics: list[str] = field(default_factory=list)
    chars: int = 0
    children: list["OutlineNode"] = field(default_factory=list)

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


def _strip_title(text: str) -> str:
    return text.strip().rstrip("。：:；;，,")


def _part_of(title: str, index: int) -> str:
    for part, words in _PART_WORDS:
        if any(w in title for w in words):
            return part
    return _DEFAULT_PARTS[index] if index < len(_DEFAULT_PARTS) else "结尾"


def _lead_sentence(text: str) -> str:
    m = _LEAD_END_RE.search(text)
    return _strip_title(text[: m.start()] if m else text)


def _find_points(paragraphs: Sequence[Paragraph], first: int, stop: int) -> list[tuple[Pos, str, str]]:
    """(position, number, lead sentence) of each point in paragraphs[first:stop]."""
    found: list[tuple[Pos, str, str]] = []
    seq_paras = [
        i for i in range(first, stop) if paragraphs[i].text.lstrip().startswith(_SEQ_WORDS)
    ]
    use_seq = len(seq_paras) >= 2
    for i in range(first, stop):
        text = paragraphs[i].text
        for m in _POINT_RE.finditer(text):
            marker = m.group(1)
            found.append(((i, m.start(1)), marker, _lead_sentence(text[m.end(1):])))
        if use_seq and i in seq_paras:
            offset = len(text) - len(text.lstrip())
            word = text[offset:offset + 2]
            if not found or found[-1][0] != (i, offset):
                found.append(((i, offset), word, _lead_sentence(text[offset + 2:].lstrip("，,"))))
    found.sort(key=lambda f: f[0])
    return found


def detect_template(paragraphs: Sequence[Paragraph], library: TemplateLibrary) -> Template | None:
    """The template whose problem aspects best match the document's （一） headings."""
    titles = []
    h1_index = -1
    for para in paragraphs:
        if para.role is Role.H1:
            h1_index += 1
            in_problems = _part_of(para.text, h1_index) == "问题"
        elif para.role is Role.H2 and h1_index >= 0 and in_problems:
            titles.append(_heading_title(para.text))
    if not titles:
        return None
    best, best_score = None, 0.0
    for template in library.templates:
        aspects = template.problem_aspects()
        if not aspects:
            continue
        scores = [max(bigram_similarity(t, a.title) for a in aspects) for t in titles]
        score = sum(scores) / max(len(titles), len(aspects))
        if score > best_score:
            best, best_score = template, score
    return best if best_score >= 0.4 else None


def resolve_template(document: Document, library: TemplateLibrary) -> Template | None:
    """The template a document names (our own files), else the one its headings match."""
    return library.get(document.template_id) or detect_template(document.paragraphs, library)


def _heading_title(text: str) -> str:
    match = match_heading(text)
    return _strip_title(text[match.head_len:] if match else text)


def build_outline(
    paragraphs: Sequence[Paragraph],
    classifier: TopicClassifier,
    template: Template | None = None,
) -> Outline:
    """The section tree of ``paragraphs`` (see the module docstring)."""
    end: Pos = (len(paragraphs), 0)
    roots: list[OutlineNode] = []
    stack: list[OutlineNode] = []
    for index, para in enumerate(paragraphs):
        level = para.role.level
        if not level:
            continue
        match = match_heading(para.text)
        number = match.number if match else ""
        node = OutlineNode("section", number, _heading_title(para.text), level, (index, 0), end)
        while stack and stack[-1].level >= level:
            stack.pop().stop = (index, 0)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    for node in stack:
        node.stop = end

    aspects = template.problem_aspects() if template else ()
    h1_count = 0
    for root in roots:
        if root.level == 1:
            root.part = _part_of(root.title, h1_count)
            h1_count += 1
        else:
            root.part = "问题"
        _finish(root, paragraphs, classifier, aspects, None)

    first = roots[0].block if roots else len(paragraphs)
    title = next((p.text for p in paragraphs if p.role is Role.TITLE), "")
    total = sum(count_cjk(p.text) for p in paragraphs)
    return Outline(title, template, roots, total, first)


def _finish(node, paragraphs, classifier, aspects, parent) -> None:
    """Fill in part, topics, points and 字数 for ``node`` and its subtree."""
    if parent is not None:
        node.part = parent.part
    if node.kind == "section":
        best = None
        if node.part == "问题" and node.level == 2 and aspects:
            best = max(aspects, key=lambda a: bigram_similarity(node.title, a.title))
            if bigram_similarity(node.title, best.title) < 0.3:
                best = None
        if best:
            node.topics = list(best.topics)
        else:
            node.topics = classifier.classify(node.title) or (list(parent.topics) if parent else [])
        own_stop = node.children[0].start if node.children else node.stop
        points = _find_points(paragraphs, node.block + 1, own_stop[0])
        point_nodes = []
        for i, (pos, number, lead) in enumerate(points):
            stop = points[i + 1][0] if i + 1 < len(points) else own_stop
            point_nodes.append(OutlineNode("point", number, lead, node.level + 1, pos, stop))
        for point in point_nodes:
            point.part = node.part
            point.topics = list(node.topics) or classifier.classify(point.title)
            point.chars = _count_span(paragraphs, point.start, point.stop)
        node.children = point_nodes + node.children
    for child in node.children:
        if child.kind == "section":
            _finish(child, paragraphs, classifier, aspects, node)
    node.chars = _count_span(paragraphs, node.start, node.stop)


def _count_span(paragraphs: Sequence[Paragraph], start: Pos, stop: Pos) -> int:
    return count_cjk(span_text(paragraphs, start, stop))


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
        return SectionContext("开头", (), "标题", text)
    path = outline.path_at(pos)
    if not path:
        return SectionContext("开头", (), "开头", "")
    deepest = path[-1]
    topics = next((tuple(n.topics) for n in reversed(path) if n.topics), ())
    place = topics[0] if topics else path[0].title
    return SectionContext(deepest.part, topics, f"{place} · {deepest.part}", deepest.title)


def point_ordinal_at(outline: Outline, pos: Pos) -> int:
    """The ordinal a new point at ``pos`` should carry: one more than the points before it."""
    sections = [n for n in outline.path_at(pos) if n.kind == "section"]
    if not sections:
        return 1
    return 1 + sum(1 for c in sections[-1].children if c.kind == "point" and c.start < pos)
