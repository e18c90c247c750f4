"""The phrase panel's "对应问题" group (issue 17).

In 二、原因 and 三、措施 the panel first lists, for each problem already written (in order), the
causes or measures that answer it, each marked with its problem; the usual ranking follows.
The panel asks ``problem_source`` (set by the window) for the draft's problems.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QListWidgetItem

from app.core.phrases.chain import ChainEntry, for_problems
from app.core.phrases.phrasebank import strip_ordinal

GROUP_TITLE = "对应问题"
REST_TITLE = "其他素材"
CHAIN_PARTS = ("原因", "措施")
_HEADER_COLOUR = QColor("#1f4e79")
_LABEL_COLOUR = QColor("#555555")


def chain_entries(panel) -> list[ChainEntry]:
    """The group's entries for the panel's current place ([] outside 原因/措施 or when searching)."""
    ctx = panel.context
    source = getattr(panel, "problem_source", None)
    if (ctx.part not in CHAIN_PARTS or source is None or panel.search.text().strip()
            or panel.whole_bank.isChecked()):
        return []
    problems = source()
    if not problems:
        return []
    # The group costs a ranking per problem: kept while the problems, part, used phrases and
    # the index stay the same, so moving the cursor inside 三、 does not redo it.
    key = (id(problems), ctx.part, frozenset(panel.used), id(panel.boosts), id(panel.index.state))
    cached = getattr(panel, "_chain_cache", None)
    if cached is None or cached[0] != key or cached[1] is not problems:
        entries = for_problems(panel.index, problems, ctx.part, frozenset(panel.used), boosts=panel.boosts)
        panel._chain_cache = (key, problems, entries)
        return entries
    return cached[2]


def _lead(text: str) -> str:
    """The phrase's first sentence: the group shows every problem at a glance (the full text
    is in the tooltip and is what gets inserted)."""
    shown = strip_ordinal(text)
    first = re.split(r"(?<=[。；！？])", shown, maxsplit=1)[0]
    return first if len(first) >= len(shown) - 1 else first + "……"


def _header(text: str, bold: bool = True, colour: QColor = _HEADER_COLOUR) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable, not draggable, not inserted
    font = QFont()
    font.setBold(bold)
    item.setFont(font)
    item.setForeground(QBrush(colour))
    return item


def add_chain_group(panel) -> set[str]:
    """Put the group at the top of ``panel.list``; returns the ids it lists."""
    entries = chain_entries(panel)
    if not entries:
        return set()
    verb = "解释" if panel.context.part == "原因" else "回应"
    panel.list.addItem(_header(f"{GROUP_TITLE}（按已写问题的顺序，{verb}每个问题的{panel.context.part}）"))
    listed: set[str] = set()
    for number, entry in enumerate(entries, 1):
        panel.list.addItem(_header(entry.label, bold=False, colour=_LABEL_COLOUR))
        for suggestion in entry.suggestions:
            item = panel._item(suggestion)
            item.setText(f"【对应问题{number}】" + _lead(suggestion.phrase.text))
            item.setToolTip(f"对应：{entry.problem.text}\n\n" + item.toolTip())
            panel.list.addItem(item)
            listed.add(suggestion.phrase.id)
    panel.list.addItem(_header(REST_TITLE))
    return listed
