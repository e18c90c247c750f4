"""Reorganising a report from its outline: move, delete, rename and add points and sections.

Every operation takes the paragraphs and their outline and returns the new paragraphs (plus
where the cursor should go), with the numbering of the affected siblings rewritten
(（一）…（六）, 一是/二是/三是…).  The editor applies the result as one undo step.

Positions are handled on the flat text: paragraphs joined with a newline after each one, so
a whole-paragraph span always ends with its newline and a point inside a paragraph is a plain
slice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.core.document.grammar import SENTENCE_END, SEQ_WORDS, point_marker, renumbered, renumbered_marker
from app.core.document.numbering import match_heading, role_for_text, split_run_in_heading
from app.core.document.outline import NodeKind, Outline, OutlineNode, Pos
from app.core.errors import RestructureError
from app.core.model import Paragraph, Role

Rebuild = Callable[[Sequence[Paragraph]], Outline]


@dataclass
class Change:
    paragraphs: list[Paragraph]
    focus: Pos  # where the cursor goes afterwards


class _Flat:
    """The document as one string, each paragraph followed by a newline."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        self.paragraphs = list(paragraphs)
        self.starts: list[int] = []
        offset = 0
        for para in self.paragraphs:
            self.starts.append(offset)
            offset += len(para.text) + 1
        self.starts.append(offset)
        self.text = "".join(p.text + "\n" for p in self.paragraphs)

    def offset(self, pos: Pos) -> int:
        block, col = pos
        if block >= len(self.paragraphs):
            return len(self.text)
        return self.starts[block] + col

    def is_para_start(self, offset: int) -> bool:
        return offset == 0 or offset == len(self.text) or self.text[offset - 1] == "\n"


def _pos_of(text: str, offset: int) -> Pos:
    before = text[:offset]
    return before.count("\n"), offset - (before.rfind("\n") + 1)


def _to_paragraphs(old: Sequence[Paragraph], text: str) -> list[Paragraph]:
    """Paragraphs of the edited flat text; untouched ones at either end keep their roles."""
    texts = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
    head = 0
    while head < min(len(old), len(texts)) and old[head].text == texts[head]:
        head += 1
    tail = 0
    while (tail < min(len(old), len(texts)) - head
           and old[len(old) - 1 - tail].text == texts[len(texts) - 1 - tail]):
        tail += 1
    result = []
    for i, t in enumerate(texts):
        if i < head:
            result.append(Paragraph(old[i].role, t))
        elif i >= len(texts) - tail:
            result.append(Paragraph(old[len(old) - (len(texts) - i)].role, t))
        else:
            result.append(Paragraph(role_for_text(t), t))
    return result or [Paragraph(Role.BODY, "")]


def _span(flat: _Flat, node: OutlineNode) -> tuple[int, int, bool]:
    """(start, end, whole paragraphs?) of a node's text in the flat string."""
    s, e = flat.offset(node.start), flat.offset(node.stop)
    whole = flat.is_para_start(s) and flat.is_para_start(e)
    if not whole and flat.text[e - 1:e] == "\n":
        e -= 1  # an inline point ends before its paragraph's newline
    return s, e, whole


def _parent_of(outline: Outline, node: OutlineNode) -> OutlineNode | None:
    for candidate in outline.walk():
        if any(c is node for c in candidate.children):
            return candidate
    return None


def _find(outline: Outline, start: Pos, kind: NodeKind) -> OutlineNode | None:
    return next((n for n in outline.walk() if n.start == start and n.kind == kind), None)


def _renumbered_head(head: str, level: int, value: int) -> str:
    """``head`` (a heading's number as typed: 2、 （三） 1．) with its numeral set to ``value``.

    Only the numeral changes: the writer's brackets, separator and spacing stay as typed,
    so 2、 becomes 1、 (not 1.) and （二）、 stays bracketed with its 、.
    """
    return renumbered(head, value, chinese=level in (1, 2))


def _renumber(paragraphs: list[Paragraph], outline: Outline, parent_start: Pos | None,
              kind: NodeKind) -> list[Paragraph]:
    """Rewrite the numbers of ``parent``'s children of ``kind`` as 1, 2, 3 …"""
    if parent_start is None:
        siblings = [n for n in outline.sections if n.kind == kind]
    else:
        parent = _find(outline, parent_start, NodeKind.SECTION)
        siblings = [c for c in parent.children if c.kind == kind] if parent else []
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for i, node in enumerate(siblings, 1):
        block, col = node.start
        text = paragraphs[block].text
        if kind == NodeKind.SECTION:
            match = match_heading(text)
            if match and match.value != i:
                head = _renumbered_head(text[:match.head_len], match.level, i)
                edits.setdefault(block, []).append((0, match.head_len, head))
        else:
            marker = node.number
            if marker in SEQ_WORDS:
                new = "首先" if i == 1 else "最后" if i == len(siblings) and i > 2 else (
                    "其次" if i == 2 else "再次")
            else:
                new = renumbered_marker(marker, i)
            if new != marker:
                edits.setdefault(block, []).append((col, col + len(marker), new))
    result = list(paragraphs)
    for block, changes in edits.items():
        text = result[block].text
        for a, b, new in sorted(changes, reverse=True):
            text = text[:a] + new + text[b:]
        result[block] = Paragraph(result[block].role, text)
    return result


def _movable(node: OutlineNode) -> None:
    if node.kind in (NodeKind.OPENING, NodeKind.CLOSING):
        raise RestructureError("开头和结尾不能移动或删除")


def _at_para_start(text: str, offset: int) -> bool:
    return offset == 0 or text[offset - 1] == "\n"


def _check_target(outline: Outline, node: OutlineNode, parent: OutlineNode | None) -> None:
    _movable(node)
    if parent is not None and node.start <= parent.start < node.stop:
        raise RestructureError("不能移到它自己下面")
    if node.kind == NodeKind.POINT:
        if parent is None or parent.kind != NodeKind.SECTION:
            raise RestructureError("要点只能放在某个标题之下")
    elif parent is None:
        if _parent_of(outline, node) is not None:
            raise RestructureError("标题只能在同一级标题之间移动")
    elif parent.kind != NodeKind.SECTION or parent.level != node.level - 1:
        raise RestructureError("标题只能在同一级标题之间移动")


def move_node(paragraphs: Sequence[Paragraph], outline: Outline, node: OutlineNode,
              parent: OutlineNode | None, row: int, rebuild: Rebuild) -> Change:
    """Move ``node`` with its text to position ``row`` among ``parent``'s children of its kind.

    ``parent`` None means the top level.  Points move between sections; sections move among
    sections of the same level.  Both the old and the new siblings are renumbered.
    """
    _check_target(outline, node, parent)
    pool = parent.children if parent is not None else outline.sections
    siblings = [c for c in pool if c.kind == node.kind]
    row = max(0, min(row, len(siblings)))
    index = next((i for i, c in enumerate(siblings) if c is node), None)
    if index is not None and row in (index, index + 1):
        raise RestructureError("位置没有变化")
    old_parent = _parent_of(outline, node)

    flat = _Flat(paragraphs)
    s, e, whole = _span(flat, node)
    seg = flat.text[s:e]
    append = row >= len(siblings)
    if not append:
        anchor = flat.offset(siblings[row].start)
    elif siblings:
        anchor = _span(flat, siblings[-1])[1]
    elif node.kind == NodeKind.POINT and parent is not None:  # a section's first point: after its text
        first_sub = next((c for c in parent.children if c.kind == NodeKind.SECTION), None)
        anchor = flat.offset(first_sub.start if first_sub else parent.stop)
    else:  # parent None: the top level always holds the moved section itself
        anchor = flat.offset(parent.stop) if parent is not None else len(flat.text)
    text = flat.text[:s] + flat.text[e:]
    if anchor >= e:
        anchor -= e - s
    if not whole and "\n" in seg:  # an inline point that runs on into more paragraphs
        seg, whole = seg + "\n", True
    if whole:
        if _at_para_start(text, anchor):
            insert = seg
        elif text[anchor] == "\n":  # at the end of a paragraph
            insert = "\n" + seg[:-1]
        else:  # inside a paragraph: split it around the moved text
            insert = "\n" + seg
    else:
        insert = seg + "\n" if append and _at_para_start(text, anchor) else seg
    text = text[:anchor] + insert + text[anchor:]
    result = _to_paragraphs(paragraphs, text)

    def shift(offset: int) -> int:
        offset = offset - (e - s) if offset >= e else offset
        return offset + len(insert) if offset >= anchor else offset

    keys = {_pos_of(text, shift(flat.offset(p.start))) if p else None for p in (old_parent, parent)}
    for key in keys:
        result = _renumber(result, rebuild(result), key, node.kind)
    focus = anchor + (1 if insert.startswith("\n") else 0)
    return Change(result, _pos_of(text, focus))


def delete_node(paragraphs: Sequence[Paragraph], outline: Outline, node: OutlineNode,
                rebuild: Rebuild) -> Change:
    """Remove ``node`` and everything under it; renumber the siblings that follow."""
    _movable(node)
    parent = _parent_of(outline, node)
    flat = _Flat(paragraphs)
    s, e, _ = _span(flat, node)
    text = flat.text[:s] + flat.text[e:]
    if not text:
        text = "\n"
    result = _to_paragraphs(paragraphs, text)
    key = _pos_of(text, flat.offset(parent.start)) if parent else None
    result = _renumber(result, rebuild(result), key, node.kind)
    focus = _pos_of(text, min(s, len(text) - 1))
    return Change(result, focus)


def rename_node(paragraphs: Sequence[Paragraph], node: OutlineNode, title: str) -> Change:
    """Give a heading or a point's lead sentence new words; the number stays."""
    _movable(node)
    title = title.strip()
    if not title:
        raise RestructureError("标题不能为空")
    block, col = node.start
    text = paragraphs[block].text
    if node.kind == NodeKind.SECTION:
        match = match_heading(text)
        head = match.head_len if match else 0
        # a heading run into its body (（一）理论学习方面。一是……) keeps the body
        head_text, body = split_run_in_heading(text)
        cut = len(head_text) if body else len(text)
        kept = text[head:cut].rstrip(" \u3000")
        trailing = kept[len(kept.rstrip("。：:；;，,")):]
        new_text = text[:head] + title + trailing + text[cut:]
        focus = (block, head + len(title))
    else:
        start = col + len(node.number)
        while start < len(text) and text[start] in "，,：:、 \u3000":
            start += 1
        end = start
        while end < len(text) and text[end] not in SENTENCE_END:
            end += 1
        new_text = text[:start] + title + text[end:]
        focus = (block, start + len(title))
    result = list(paragraphs)
    result[block] = Paragraph(paragraphs[block].role, new_text)
    return Change(result, focus)


def add_point(paragraphs: Sequence[Paragraph], outline: Outline, node: OutlineNode,
              rebuild: Rebuild) -> Change:
    """A new point paragraph: at the end of a section's points, or right after a point."""
    if node.kind == NodeKind.POINT:
        parent = _parent_of(outline, node)
        if parent is None:
            raise RestructureError("要点只能放在某个标题之下")
        after: OutlineNode | None = node
    elif node.kind == NodeKind.SECTION:
        parent = node
        points = [c for c in node.children if c.kind == NodeKind.POINT]
        after = points[-1] if points else None
    else:
        raise RestructureError("开头和结尾下不能添加要点")
    points = [c for c in parent.children if c.kind == NodeKind.POINT]
    flat = _Flat(paragraphs)
    if after is not None:
        anchor = _span(flat, after)[1]
        suffix = after.number[-1] if after.number[-1] in "是要" else "是"
        ordinal = points.index(after) + 2
    else:
        first_sub = next((c for c in parent.children if c.kind == NodeKind.SECTION), None)
        anchor = flat.offset(first_sub.start if first_sub else parent.stop)
        suffix, ordinal = "是", 1
    marker = point_marker(ordinal, suffix)
    if _at_para_start(flat.text, anchor):
        insert = marker + "\n"
    elif flat.text[anchor] == "\n":
        insert = "\n" + marker
    else:
        insert = "\n" + marker + "\n"
    text = flat.text[:anchor] + insert + flat.text[anchor:]
    block = _pos_of(text, anchor + (1 if insert.startswith("\n") else 0))[0]
    result = _to_paragraphs(paragraphs, text)
    result = _renumber(result, rebuild(result), _pos_of(text, flat.offset(parent.start)), NodeKind.POINT)
    return Change(result, (block, len(marker)))
