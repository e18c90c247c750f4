"""校对 and 结构检查 of a long draft run on a worker thread (issue 19: 校对 of 300,000 字 and
结构检查 of 1 MB froze the window for over a second); the findings are the same as when
the check runs on the UI thread, an edit meanwhile drops the stale ones, and only the
underlines near the screen are given to Qt."""

from __future__ import annotations

import threading

import pytest

from app.core.model import Document, Paragraph, Role
from app.ui.panes import check_pane
from app.ui.panes.check_pane import common_prefix, common_suffix, qt_offsets

SLIP = "我们要按步就班地推进工作，做好XX工作。"


def _long_draft(window, points: int) -> None:
    paras = [Paragraph(Role.TITLE, "对照检查材料"), Paragraph(Role.H1, "一、检视的问题")]
    paras += [Paragraph(Role.BODY, f"{i}是理论学习不够深入，{SLIP}") for i in range(points)]
    window.draft.load(Document(paras))
    window.draft.flush()


def _findings(panel) -> list[tuple[str, int, int]]:
    return [(s.finding.kind, s.start, s.end) for s in panel.shown]


@pytest.mark.parametrize("mode", ["proofread", "structure"])
def test_a_long_draft_is_checked_off_the_ui_thread_with_the_same_findings(window, qtbot, monkeypatch, mode):
    _long_draft(window, 400)
    window.checks.show_check(mode)  # short enough for the UI thread
    panel = window.checks.panel
    assert not panel.busy
    on_ui_thread = _findings(panel)
    assert on_ui_thread
    threads: list[bool] = []
    real = check_pane.proofread if mode == "proofread" else None

    def recorded(text, config):
        threads.append(threading.current_thread() is threading.main_thread())
        assert real is not None
        return real(text, config)

    if real is not None:
        monkeypatch.setattr(check_pane, "proofread", recorded)
    monkeypatch.setattr(check_pane, "OFF_THREAD_CHARS", 1000)
    panel.clear()
    window.checks.show_check(mode)
    assert panel.busy and panel.shown == []  # the call returned before the check ended
    assert "后台" in panel.summary.text()
    qtbot.waitUntil(lambda: not panel.busy, timeout=30_000)
    assert _findings(panel) == on_ui_thread
    assert threads in ([], [False])


def test_an_edit_during_a_check_drops_its_findings_and_checks_again(window, qtbot, monkeypatch):
    _long_draft(window, 200)
    monkeypatch.setattr(check_pane, "OFF_THREAD_CHARS", 1000)
    release = threading.Event()
    real = check_pane.proofread

    def slow(text, config):
        release.wait(10)
        return real(text, config)

    monkeypatch.setattr(check_pane, "proofread", slow)
    window.checks.show_check("proofread")
    panel = window.checks.panel
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("按步就班")  # typed while the check runs
    release.set()
    qtbot.waitUntil(lambda: not panel.busy, timeout=30_000)
    assert panel.shown == []  # those findings were for the text before the edit
    qtbot.waitUntil(lambda: bool(panel.shown), timeout=30_000)  # the text as it is now
    last = panel.shown[-1]
    assert last.finding.text == "按步就班" and last.end == window.draft.qdoc.characterCount() - 1


def test_many_underlines_only_near_the_screen(window, qtbot):
    from app.ui.underlines import ALL_AT_ONCE

    _long_draft(window, 2000)  # 4,000 findings, far more than the screen shows
    window.checks.show_check("proofread")
    panel = window.checks.panel
    qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)
    assert len(panel.shown) > 3 * ALL_AT_ONCE
    # the list: the first LISTED findings and a row that says how many more are underlined
    assert panel.list.count() == check_pane.LISTED + 1
    assert f"另有 {len(panel.shown) - check_pane.LISTED} 处" in panel.list.item(check_pane.LISTED).text()
    assert panel._current(check_pane.LISTED) is None and not panel.apply_fix(check_pane.LISTED)
    set_now = window.editor.extraSelections()
    assert 0 < len(set_now) < ALL_AT_ONCE
    first_visible = window.editor.cursorForPosition(window.editor.viewport().rect().topLeft()).position()
    assert set_now[0].cursor.selectionStart() <= first_visible + 200
    bar = window.editor.verticalScrollBar()
    bar.setValue(bar.maximum())  # the end of the draft: its underlines now
    end = window.draft.qdoc.characterCount()
    assert any(s.cursor.selectionEnd() > end - 200 for s in window.editor.extraSelections())
    assert window.checks.underlines is not None
    spans = {(s.start, s.end) for s in panel.shown}
    assert all((start, end) in spans for start, end, _ in window.checks.underlines.shown_spans())


def test_common_prefix_and_suffix_match_a_character_loop():
    import random

    def prefix(a, b):
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return n

    def suffix(a, b, limit):
        n = 0
        while n < limit and a[-1 - n] == b[-1 - n]:
            n += 1
        return n

    rng = random.Random(19)
    for _ in range(3000):
        a = "".join(rng.choice("甲乙") for _ in range(rng.randint(0, 12)))
        b = "".join(rng.choice("甲乙") for _ in range(rng.randint(0, 12)))
        p = common_prefix(a, b)
        assert p == prefix(a, b)
        limit = min(len(a), len(b)) - p
        assert common_suffix(a, b, limit) == suffix(a, b, limit)


def test_qt_offsets_count_characters_outside_the_bmp():
    to_qt = qt_offsets("甲𠀀乙𠀁丙")
    assert [to_qt(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert qt_offsets("甲乙")(2) == 2


def test_a_check_rebuilds_no_outline_that_is_current(window, qtbot):
    """Every check flushes the draft; at 5 MB rebuilding a current outline (and relabelling
    the tree) took 200 ms of the UI thread before each check."""
    _long_draft(window, 50)
    emitted: list[object] = []
    window.draft.outlineChanged.connect(emitted.append)
    window.checks.show_check("structure")
    assert emitted == []  # nothing was edited since the load
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("再加一句。")
    window.checks.show_check("structure")
    assert len(emitted) == 1  # an edit was pending: the outline follows it first
