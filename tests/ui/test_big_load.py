"""A long document loads without freezing the window (issue 19): the outline pane gives up
the old draft's outline at once, the outline is worked out off the UI thread, the tree is
made a slice of rows at a time, and the progress stays readable in the status bar."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QRect

from app.core.document.numbering import recognize_text
from app.core.model import Document
from app.core.text import count_like_word
from app.ui.panes.outline_pane import LOADING_MARK, REBUILD_SLICE_ROWS, OutlinePane
from tests.ui.helpers import window_on_screen


def _long_report(reports: int) -> str:
    """``reports`` reports one after another: five top-level parts of 40 points each."""
    lines = ["某某同志对照检查材料"]
    for r in range(reports):
        for i, part in enumerate(("一、检视的问题", "二、原因分析", "三、整改措施", "四、其他", "五、结语")):
            lines.append(part)
            lines += [f"{'一二三四五六七八九十'[j % 10]}是第{r}份第{i}部分第{j}点：理论学习不够深入，运用党的"
                      "创新理论指导实践还有差距。" for j in range(40)]
    return "\n".join(lines)


def _wait_loaded(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.draft.loading_steps and window.outline_pane._pending is None,
                    timeout=60_000)


def _fresh_labels(qtbot, outline) -> list[tuple[int, str]]:
    pane = OutlinePane()
    qtbot.addWidget(pane)
    pane.set_outline(outline)
    qtbot.waitUntil(lambda: pane._pending is None, timeout=60_000)
    return pane.labels()


def test_the_old_outline_gives_way_while_a_long_document_loads(window, qtbot):
    assert window.outline_pane.labels()  # the new draft's outline
    big = Document(recognize_text(_long_report(8)), None)
    window.draft.load_in_steps(big, None, lambda p: None, lambda: None)
    assert window.draft.loading_steps  # the first slice is in, the rest follows
    assert window.outline_pane.labels() == [(0, LOADING_MARK)]
    assert window.outline_pane.node_at(window.outline_pane.model_.index(0, 0)) is None
    _wait_loaded(qtbot, window)
    labels = window.outline_pane.labels()
    assert LOADING_MARK not in [label for _, label in labels]
    assert labels == _fresh_labels(qtbot, window.draft.outline)
    assert window.draft.outline.sections[0].title


def test_the_outline_of_a_long_load_is_worked_out_off_the_ui_thread(window, qtbot, monkeypatch):
    from app.core.document.outline import LiveOutline

    threads = []
    real = LiveOutline.update

    def recorded(self, paragraphs, template):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(self, paragraphs, template)

    monkeypatch.setattr(LiveOutline, "update", recorded)
    big = Document(recognize_text(_long_report(8)), None)
    window.draft.load_in_steps(big, None, lambda p: None, lambda: None)
    _wait_loaded(qtbot, window)
    assert threads == [False]
    # the same outline as worked out on the UI thread, and typing goes on from it
    assert window.draft.outline.sections == window.draft._rebuild(window.draft.paragraphs()).sections
    threads.clear()
    window.draft.refresh_outline()
    assert threads == [True]


def test_a_long_outline_is_made_a_slice_of_rows_at_a_time(window, qtbot):
    big = Document(recognize_text(_long_report(16)), None)  # 3,300 rows
    window.draft.load_in_steps(big, None, lambda p: None, lambda: None)
    _wait_loaded(qtbot, window)
    pane = window.outline_pane
    rows = len(pane._items)
    assert rows > 3 * REBUILD_SLICE_ROWS
    assert sum(pane.rebuild_slices) == rows and len(pane.rebuild_slices) >= 3
    assert max(pane.rebuild_slices) < 2 * REBUILD_SLICE_ROWS
    assert pane.labels() == _fresh_labels(qtbot, window.draft.outline)
    # a new outline while a sliced rebuild is under way starts it over, and is what is shown
    window.draft.load(Document(recognize_text(_long_report(12)), None))
    assert pane._pending is not None
    window.draft.load(Document(recognize_text(_long_report(10)), None))
    qtbot.waitUntil(lambda: pane._pending is None, timeout=60_000)
    assert pane.labels() == _fresh_labels(qtbot, window.draft.outline)
    assert pane.header().sectionResizeMode(1).name == "Fixed"  # the swapped-in model's header
    # and clicks still find their node
    assert pane.node_at(pane.index_for_label(pane.labels()[-1][1])) is not None


def test_word_count_of_a_long_load_arrives_from_a_worker(window, qtbot):
    text = _long_report(8)
    window.draft.load_in_steps(Document(recognize_text(text), None), None, lambda p: None, lambda: None)
    _wait_loaded(qtbot, window)
    expected = sum(count_like_word(p.text) for p in window.draft.paragraphs())
    qtbot.waitUntil(lambda: f"含标点约 {expected}" in window.count_label.text(), timeout=10_000)


@pytest.mark.parametrize("area", [QRect(0, 0, 1366, 728), QRect(0, 0, 1024, 660)])
def test_load_progress_stays_on_screen_and_readable(qtbot, loaded_services, user_home, monkeypatch,
                                                    message_boxes, tmp_path, area):
    win = window_on_screen(qtbot, loaded_services, user_home, monkeypatch, area)
    path = tmp_path / ("二〇二六年度民主生活会个人对照检查材料（征求意见稿）第二次修改" * 2 + ".txt")
    path.write_text(_long_report(16), encoding="utf-8")
    seen = []

    def look(percent: int) -> None:
        status = win.statusBar()
        message = status.currentMessage()
        room = status.width() - sum(w.width() for w in (win.font_hint, win.section_label, win.count_label)
                                    if w.isVisible())
        seen.append((message, status.fontMetrics().horizontalAdvance(message) + 24 <= room,
                     area.contains(status.mapToGlobal(status.rect().bottomRight()))))

    real = win.draft.load_in_steps
    monkeypatch.setattr(win.draft, "load_in_steps",
                        lambda document, p, progress, done: real(document, p, lambda n: (progress(n), look(n)),
                                                                 done))
    assert win.files.open_path(path)
    assert seen and all(message.startswith("正在打开") and message.endswith("%") for message, _, _ in seen)
    assert all(fits and on_screen for _, fits, on_screen in seen), seen[:1]
    win.draft.qdoc.setModified(False)


def test_saving_while_a_long_document_loads_never_writes_half_of_it(window, qtbot, tmp_path):
    """保存 (or an autosave) pressed while a long file loads would have written the first
    slices of the new document over the previous document's file."""
    from app.core.formats.reader import read_document
    from app.core.model import Paragraph, Role

    saved = tmp_path / "上一份.docx"
    window.draft.load(Document([Paragraph(Role.TITLE, "上一份材料"), Paragraph(Role.BODY, "原有正文。")]))
    assert window.files.save_to(saved)
    before = saved.read_bytes()
    big = Document(recognize_text(_long_report(8)), None)
    window.draft.load_in_steps(big, None, lambda p: None, lambda: None)
    assert window.draft.loading_steps
    assert window.draft.path == saved  # still the previous document's file until the end
    window.draft.qdoc.setModified(True)
    assert not window.files.save()
    assert window.safety.autosave.save_now() is None
    assert saved.read_bytes() == before
    assert "打开完成后再保存" in window.statusBar().currentMessage()
    _wait_loaded(qtbot, window)
    assert [p.text for p in read_document(saved).paragraphs] == ["上一份材料", "原有正文。"]
    window.draft.qdoc.setModified(False)


def test_no_cyclic_collections_while_a_long_file_opens(window, qtbot, tmp_path, monkeypatch):
    """A full collection walks every live object: 25-45 ms each once a 5 MB report is in, and
    a 5 MB open set off three (on the read worker, the outline worker and the UI thread while
    it made the tree's rows), each a freeze.  The collector is off from the read until the
    last slice of rows is made, then on again with what is alive frozen."""
    import gc

    from app.ui.panes.outline_pane import OutlinePane as Pane

    collecting: list[bool] = []
    real_slice = Pane._next_slice

    def recorded(self, *args):
        collecting.append(gc.isenabled())
        return real_slice(self, *args)

    monkeypatch.setattr(Pane, "_next_slice", recorded)
    path = tmp_path / "长文稿.txt"
    path.write_text(_long_report(16), encoding="utf-8")  # 3,300 rows, in slices
    assert gc.isenabled()
    try:
        assert window.files.open_path(path)
        assert not gc.isenabled()  # the tree's rows are still being made
        _wait_loaded(qtbot, window)
        assert len(collecting) > 3 and not any(collecting)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the open made is out of the collector's reach
    finally:
        gc.enable()
        gc.unfreeze()



def test_saving_writes_on_a_worker_with_the_text_held_still(window, qtbot, tmp_path, monkeypatch):
    """保存 of 300,000 字 held the window 360 ms: the .docx is now written on a worker
    thread, the window's events served meanwhile; the editor is read-only until it is written
    (what is marked saved is what was saved) and a second 保存 meanwhile is refused."""
    import app.core.formats.docx_io as docx_io

    window.draft.load(Document(recognize_text(_long_report(2)), None))
    real = docx_io.write_docx
    seen: list[tuple[bool, bool, bool]] = []
    release = threading.Event()

    def slow(document, path, options=None):
        seen.append((threading.current_thread() is threading.main_thread(),
                     window.editor.isReadOnly(), window.files.saving))
        release.wait(10)
        return real(document, path, options)

    monkeypatch.setattr(docx_io, "write_docx", slow)
    second: list[bool] = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, lambda: (second.append(window.files.save_to(tmp_path / "b.docx")), release.set()))
    assert window.files.save_to(tmp_path / "a.docx")
    assert seen == [(False, True, True)]  # on a worker, the text held still
    assert second == [False]  # refused while the first was being written
    assert not window.editor.isReadOnly() and not window.files.saving
    assert (tmp_path / "a.docx").exists() and not (tmp_path / "b.docx").exists()
    assert not window.draft.qdoc.isModified() and window.draft.path == tmp_path / "a.docx"
