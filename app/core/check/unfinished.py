"""What a draft still has to be filled in before it goes out: {字段} and ×× placeholders, and
headings of the template with nothing written under them.  Saving asks about these once."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.check.rules_words import check_placeholders
from app.core.document.outline import NodeKind, Outline, OutlineNode
from app.core.text import count_cjk


@dataclass(frozen=True)
class Unfinished:
    placeholders: tuple[str, ...]  # each distinct placeholder text, in order of appearance
    placeholder_count: int
    empty_headings: tuple[str, ...]  # 一、 / （一） headings with nothing under them
    first_span: tuple[int, int]  # offsets in the text of the first placeholder ((-1, -1): none)

    def __bool__(self) -> bool:
        return bool(self.placeholders or self.empty_headings)

    @property
    def key(self) -> tuple:
        return self.placeholders, self.empty_headings

    def lines(self, limit: int = 8) -> list[str]:
        out = []
        if self.placeholders:
            shown = "、".join(self.placeholders[:limit]) + ("等" if len(self.placeholders) > limit else "")
            out.append(f"待填写的字段或占位符 {self.placeholder_count} 处：{shown}")
        if self.empty_headings:
            heads = list(self.empty_headings[:limit])
            more = f"（另有 {len(self.empty_headings) - limit} 个）" if len(self.empty_headings) > limit else ""
            out.append("还没有内容的标题：" + "；".join(heads) + more)
        return out


def _empty(node: OutlineNode) -> bool:
    if node.kind in (NodeKind.OPENING, NodeKind.CLOSING):
        return False  # 开头/结尾 are optional
    return node.kind == NodeKind.SECTION and node.level <= 2 and node.chars <= count_cjk(node.title + node.number)


def _empty_leaves(nodes: list[OutlineNode]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        sections = [c for c in node.children if c.kind == NodeKind.SECTION]
        if sections and node.level < 2:
            out += _empty_leaves(sections)
        elif _empty(node):
            out.append(f"{node.number}{node.title}")
    return out


def find_unfinished(text: str, outline: Outline) -> Unfinished:
    """Placeholders in ``text`` (the draft's paragraphs joined by newlines) and empty headings."""
    found = check_placeholders(text)
    # a lone * is too often a footnote mark or emphasis to ask about
    found = [f for f in found if f.text.strip("*＊")]
    distinct: list[str] = []
    for f in found:
        if f.text not in distinct:
            distinct.append(f.text)
    first = (found[0].start, found[0].end) if found else (-1, -1)
    return Unfinished(tuple(distinct), len(found), tuple(_empty_leaves(outline.sections)), first)
