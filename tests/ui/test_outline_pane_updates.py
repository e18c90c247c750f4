"""The tree pane's partial updates always show what a freshly built pane shows."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline
from app.ui.panes.outline_pane import OutlinePane

_LINES = st.sampled_from([
    "一、检视的问题", "二、原因分析", "三、整改措施", "（一）理论学习方面", "（二）政治素质方面", "（三）能力本领方面",
    "一是学得不深。二是用得不活。", "三是站位不高。", "首先，加强学习。", "其次，改进作风。", "1.具体表现。",
    "（1）细节。", "根据要求，报告如下。", "以上，恳请批评指正。", "正文一句。", ""])


def _shown(pane):
    rows = [(row[0].text(), row[1].text()) for row in pane._items]
    nodes = [pane.node_at(row[0].index()) for row in pane._items]
    return pane.labels(), rows, [(n.kind, n.start, n.title) for n in nodes]


_EDITS = st.lists(st.tuples(st.booleans(), st.integers(0, 20), _LINES), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_LINES, min_size=3, max_size=14), _EDITS)
def test_updates_match_a_fresh_pane(qtbot, services, lines, edits):
    """Insert or delete one line at a time (as typing does) and compare with a fresh pane."""
    pane = OutlinePane()
    qtbot.addWidget(pane)
    fresh = OutlinePane()
    qtbot.addWidget(fresh)
    lines = ["一、检视的问题", *lines, "三、整改措施"]
    for insert, index, line in edits:
        index = min(index, len(lines))
        if insert:
            lines.insert(index, line)
        elif len(lines) > 1:
            del lines[min(index, len(lines) - 1)]
        outline = build_outline(recognize_text("\n".join(lines)), services.classifier)
        pane.set_outline(outline)
        fresh._rebuild_all([], [])
        fresh.set_outline(outline)
        assert _shown(pane) == _shown(fresh)
