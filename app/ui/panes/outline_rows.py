"""What a row of the outline tree shows of an outline node, and what identifies it."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.core.document.outline import NodeKind, OutlineNode
from app.core.text import count_cjk

EMPTY_COLOUR = QColor("#c0392b")
_UNNUMBERED = (NodeKind.OPENING, NodeKind.CLOSING)
SECTION = NodeKind.SECTION  # read for every row on every refresh: a global is faster (3.11)
NUMBERED = (NodeKind.SECTION, NodeKind.POINT)


def label(node: OutlineNode) -> str:
    if node.kind in _UNNUMBERED:
        return node.title
    return f"{node.number}{node.title}" if node.kind == SECTION else f"{node.number}：{node.title}"


def is_empty(node: OutlineNode) -> bool:
    """An 一、 or （一） section with nothing but its heading, or an empty 开头/结尾.

    1. and （1） items are often whole points in themselves (1.面对矛盾绕着走。), so they are
    never marked.
    """
    if node.kind in _UNNUMBERED:
        return node.chars == 0
    return node.kind == SECTION and node.level <= 2 and node.chars <= count_cjk(node.title + node.number)


def key(node: OutlineNode) -> tuple:
    """What identifies a row across rebuilds (its position moves when text is added above)."""
    return (node.kind, node.level, node.number, node.title)


def subtree_shape(node: OutlineNode) -> tuple:
    return tuple((n.kind, n.level, len(n.children)) for n in node.walk())


def shown(node: OutlineNode) -> tuple:
    """Everything a row displays, to skip rows that did not change."""
    return (node.number, node.title, node.chars, node.part, tuple(node.topics), node.kind)
