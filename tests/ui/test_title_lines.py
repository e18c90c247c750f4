"""The editor shows the title on the lines the export prints it (docx_title.title_lines),
without touching the text and without an undo step of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetricsF, QTextCursor

from app.core.formats.docx_title import title_lines
from app.core.model import Document, Paragraph, Role
from tests.ui.helpers import ime_type, window_on_screen

CORPUS = Path("/work/shared/corpus")
TITLES = [
    "2023年第一批主题教育专题民主生活会个人剖析材料",  # the corpus title: 10 + 13 characters
    "中共某某市委员会领导班子党纪学习教育专题民主生活会对照检查材料",  # 15 + 16
    "学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会个人对照检查材料",  # 19 + 20
    "关于2024年度巡视整改专题民主生活会的个人发言提纲",
    "2024年度民主生活会个人对照检查材料",  # one line
]


def corpus_titles() -> list[str]:
    """First lines of the corpus reports that read as a title (short, no full stop)."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        first = path.read_text(encoding="utf-8").strip().split("\n")[0].strip()
        if len(first) <= 40 and "。" not in first:
            found.append(first)
    return found


def _window(qtbot, loaded_services, user_home, monkeypatch):
    # the first window on a 1366×768 laptop
    return window_on_screen(qtbot, loaded_services, user_home, monkeypatch, QRect(0, 0, 1366, 728))


def shown_lines(win) -> list[str]:
    """The title block's lines as the editor lays them out."""
    block = win.draft.qdoc.firstBlock()
    layout = block.layout()
    text = block.text()
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    return [text[ln.textStart():ln.textStart() + ln.textLength()] for ln in lines]


def line_centres(win) -> list[float]:
    """The middle of each title line's glyphs, in px from the middle of the text column."""
    block = win.draft.qdoc.firstBlock()
    layout = block.layout()
    width = win.draft.qdoc.textWidth() - 2 * win.draft.qdoc.documentMargin()
    metrics = QFontMetricsF(win.draft.look.char_format(Role.TITLE).font())
    centres = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        last = line.textStart() + line.textLength() - 1
        start = line.cursorToX(line.textStart())[0]
        # the right edge of the last glyph: where it starts plus its own advance
        end = line.cursorToX(last)[0] + metrics.horizontalAdvance(block.text()[last])
        centres.append((start + end) / 2 - width / 2)
    return centres


def load_title(win, title: str) -> None:
    win.draft.load(Document([Paragraph(Role.TITLE, title), Paragraph(Role.BODY, "正文。")]))
    win.draft.flush()


@pytest.mark.parametrize("title", TITLES + corpus_titles())
def test_the_title_breaks_where_the_export_breaks_it(qtbot, loaded_services, user_home,
                                                     monkeypatch, message_boxes, title):
    win = _window(qtbot, loaded_services, user_home, monkeypatch)
    assert win.editor.wraps_at_page_width
    load_title(win, title)
    assert shown_lines(win) == title_lines(title)
    # every line centred on the page, as printed (within a pixel)
    assert all(abs(c) <= 1.0 for c in line_centres(win)), line_centres(win)
    # the text itself is untouched: no line separator, no zero-width character
    assert win.draft.qdoc.firstBlock().text() == title
    assert win.draft.paragraphs()[0] == Paragraph(Role.TITLE, title)
    # loading left no undo step
    assert win.draft.qdoc.availableUndoSteps() == 0 and not win.draft.qdoc.isUndoAvailable()
    win.draft.qdoc.setModified(False)


def _type_word(qtbot, win, word: str, how: str) -> None:
    if how == "ime":  # a pinyin IME commits a word at a time (Qt wraps it in an edit block)
        ime_type(win.editor, word)
    else:  # keys: Qt records each as a bare command, which nothing can join afterwards
        qtbot.keyClicks(win.editor, word)
        qtbot.keyClick(win.editor, Qt.Key.Key_Backspace)


@pytest.mark.parametrize("how", ["ime", "keys"])
def test_typing_in_the_title_rebreaks_it_and_undo_undoes_the_typing(
        qtbot, loaded_services, user_home, monkeypatch, message_boxes, how):
    win = _window(qtbot, loaded_services, user_home, monkeypatch)
    start = "2023年第一批主题教育专题民主生活会个人剖析材料"
    load_title(win, start)
    cursor = QTextCursor(win.draft.qdoc.firstBlock())
    cursor.setPosition(9)  # after 主
    win.editor.setTextCursor(cursor)
    win.editor.setFocus()
    texts = [start]
    for word in (("（修改稿）", "二") if how == "ime" else ("AB", "2024")):
        _type_word(qtbot, win, word, how)
        qtbot.wait(5)
        win.draft.flush()
        texts.append(win.draft.qdoc.firstBlock().text())
        assert shown_lines(win) == title_lines(texts[-1])
    assert texts[-1] != start
    # every Ctrl+Z takes back typing (never a format change alone), back to the loaded title;
    # the cursor stays where the text changed
    seen = [texts[-1]]
    while win.draft.qdoc.isUndoAvailable():
        qtbot.keyClick(win.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(5)
        win.draft.flush()
        now = win.draft.qdoc.firstBlock().text()
        assert now != seen[-1], "an undo step that changed no text"
        assert 9 <= win.editor.textCursor().position() <= 9 + len(now) - len(start)
        seen.append(now)
        assert shown_lines(win) == title_lines(now)
        assert len(seen) < 40, "undo never reaches the loaded title"
    assert seen[-1] == start
    # undoing did not add steps of its own: all of it can be redone
    while win.draft.qdoc.isRedoAvailable():
        win.editor.redo()
        win.draft.flush()
        assert shown_lines(win) == title_lines(win.draft.qdoc.firstBlock().text())
    assert win.draft.qdoc.firstBlock().text() == texts[-1]
    win.draft.qdoc.setModified(False)


def test_new_and_resizing_add_no_undo_step(qtbot, loaded_services, user_home, monkeypatch,
                                           message_boxes):
    win = _window(qtbot, loaded_services, user_home, monkeypatch)
    win.files.new_document(title="2023年第一批主题教育专题民主生活会个人剖析材料")
    qtbot.wait(10)
    win.draft.flush()
    assert shown_lines(win) == ["2023年第一批主题教育", "专题民主生活会个人剖析材料"]
    assert not win.draft.qdoc.isUndoAvailable()
    win.resize(1024, 700)  # the editor narrower than the page: the text re-wraps to the pane
    qtbot.wait(20)
    assert not win.editor.wraps_at_page_width
    # the break stays between the export's words while the upper line fits the pane
    assert shown_lines(win) == ["2023年第一批主题教育", "专题民主生活会个人剖析材料"]
    win.resize(900, 700)
    qtbot.wait(20)
    win.resize(1350, 700)
    qtbot.wait(20)
    win.draft.flush()
    assert win.editor.wraps_at_page_width
    assert shown_lines(win) == ["2023年第一批主题教育", "专题民主生活会个人剖析材料"]
    assert not win.draft.qdoc.isUndoAvailable()
    win.draft.qdoc.setModified(False)


def test_the_context_menus_undo_goes_through_the_editors_undo(qtbot, loaded_services, user_home,
                                                              monkeypatch, message_boxes):
    win = _window(qtbot, loaded_services, user_home, monkeypatch)
    start = "2023年第一批主题教育专题民主生活会个人剖析材料"
    load_title(win, start)
    cursor = QTextCursor(win.draft.qdoc.firstBlock())
    cursor.setPosition(9)
    win.editor.setTextCursor(cursor)
    qtbot.keyClicks(win.editor, "AB")
    win.draft.flush()
    menu = win.editor.context_menu(win.editor.cursorRect().center())
    undo = next(a for a in menu.actions() if a.objectName() == "edit-undo")
    undo.trigger()
    win.draft.flush()
    assert win.draft.qdoc.firstBlock().text() == start[:9] + "A" + start[9:]
    assert win.editor.textCursor().position() == 10  # where the undone B was, not the title's end
    assert shown_lines(win) == title_lines(win.draft.qdoc.firstBlock().text())
    menu.deleteLater()
    win.draft.qdoc.setModified(False)


@pytest.mark.parametrize("pt", [14, 20])
def test_zooming_keeps_the_printed_breaks(qtbot, loaded_services, user_home, monkeypatch,
                                          message_boxes, pt):
    win = _window(qtbot, loaded_services, user_home, monkeypatch)
    win.resize(1900, 1000)  # room for the page at 20 pt
    title = "中共某某市委员会领导班子党纪学习教育专题民主生活会对照检查材料"
    load_title(win, title)
    win.view_actions.set_font_pt(pt)  # no history yet: the block formats follow at once
    qtbot.wait(20)
    win.draft.flush()
    assert win.editor.wraps_at_page_width
    assert shown_lines(win) == title_lines(title)
    assert all(abs(c) <= 1.0 for c in line_centres(win)), line_centres(win)
    assert not win.draft.qdoc.isUndoAvailable()
    win.draft.qdoc.setModified(False)


def test_a_pane_narrower_than_the_page_centres_the_title_until_there_is_history(
        qtbot, loaded_services, user_home, monkeypatch, message_boxes):
    """A first window on a 1024×700 screen: the text re-wraps to the pane, and the title is
    still centred there (not where the page's middle would be), with no undo step."""
    win = _window(qtbot, loaded_services, user_home, monkeypatch)
    win.resize(1024, 700)
    qtbot.wait(20)
    assert not win.editor.wraps_at_page_width
    title = "2023年第一批主题教育专题民主生活会个人剖析材料"
    load_title(win, title)
    qtbot.wait(10)
    assert shown_lines(win) == title_lines(title)
    assert all(abs(c) <= 1.0 for c in line_centres(win)), line_centres(win)
    win.resize(1200, 700)  # still narrower than the page, no history: follows the pane
    qtbot.wait(20)
    assert not win.editor.wraps_at_page_width
    assert all(abs(c) <= 1.0 for c in line_centres(win)), line_centres(win)
    win.resize(1366, 728)  # back on the page
    qtbot.wait(20)
    assert win.editor.wraps_at_page_width
    assert shown_lines(win) == title_lines(title)
    assert all(abs(c) <= 1.0 for c in line_centres(win)), line_centres(win)
    assert not win.draft.qdoc.isUndoAvailable() and not win.draft.qdoc.isModified()
    # with history, a resize never adds a step; the break stays between the same words
    cursor = QTextCursor(win.draft.qdoc.lastBlock())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    win.editor.setTextCursor(cursor)
    qtbot.keyClicks(win.editor, "AB")
    win.draft.flush()
    steps = win.draft.qdoc.availableUndoSteps()
    win.resize(1024, 700)
    qtbot.wait(20)
    win.draft.flush()
    assert win.draft.qdoc.availableUndoSteps() == steps
    assert shown_lines(win) == title_lines(title)
    win.draft.qdoc.setModified(False)


def test_opening_a_long_file_in_a_narrow_window_leaves_it_unmodified_and_centred(
        qtbot, loaded_services, user_home, monkeypatch, message_boxes, tmp_path):
    """Opening a report whose text needs the scroll bar, in a window narrower than the page:
    the title is refitted to the final width with no undo step and no 已修改 mark."""
    win = _window(qtbot, loaded_services, user_home, monkeypatch)
    win.resize(1024, 700)
    qtbot.wait(20)
    title = "2023年第一批主题教育专题民主生活会个人剖析材料"
    body = "\n".join(f"{n}、对照检查发现的问题不够深入。" + "理论学习抓得不紧，" * 12 + "有待加强。"
                     for n in "一二三")
    path = tmp_path / "报告.txt"
    path.write_text(f"{title}\n{body}\n", encoding="utf-8")
    assert win.files.open_path(path)
    qtbot.wait(300)
    win.draft.flush()
    assert win.editor.verticalScrollBar().isVisible()
    assert not win.draft.qdoc.isModified() and not win.isWindowModified()
    assert not win.draft.qdoc.isUndoAvailable()
    assert shown_lines(win) == title_lines(title)
    assert all(abs(c) <= 1.0 for c in line_centres(win)), line_centres(win)
