"""In the window: autosave timing, what removes an autosave, failed saves, the recovery
dialog, one file per window, and unexpected errors."""

from __future__ import annotations

import errno
import json
import os
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from app.core.storage import files as storage
from app.core.storage.autosave import AutosaveStore, Snapshot
from app.core.storage.crashlog import log_file
from app.core.storage.filelock import lock_path
from app.ui.window.crash import ExceptionGuard
from app.ui.window.recovery import RecoveryDialog, offer_recovery
from tests.ui.helpers import ime_type


def _type_at_end(window, text: str) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    ime_type(window.editor, text)


def _store(window) -> AutosaveStore:
    return window.safety.autosave.autosaver.store


def _saved_text(window) -> str | None:
    snap = _store(window).read(window.safety.autosave.draft_id)
    return snap.text if snap else None


def _wait_saved(qtbot, window, needle: str, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: needle in (_saved_text(window) or ""), timeout=timeout)


def test_autosave_follows_typing_within_the_interval(qtbot, window):
    window.safety.autosave._timer.setInterval(300)
    assert _saved_text(window) is None  # an untouched new document leaves nothing
    _type_at_end(window, "深夜赶写的第一句话")
    assert _saved_text(window) is None  # not on every keystroke...
    _wait_saved(qtbot, window, "深夜赶写的第一句话", 3000)  # ...but soon after
    assert _saved_text(window) == window.draft.qdoc.toPlainText()


def test_default_interval_is_five_seconds(window):
    assert window.safety.autosave._timer.interval() == 5000


def test_interval_setting_is_read(qtbot, loaded_services, user_home, message_boxes):
    from app.ui.app import settings_for
    from app.ui.window.main_window import MainWindow

    settings = settings_for(user_home)
    settings.setValue("autosave/interval_s", 2)
    win = MainWindow(loaded_services, settings)
    qtbot.addWidget(win)
    assert win.safety.autosave._timer.interval() == 2000


def test_focus_loss_saves_at_once(qtbot, window):
    _type_at_end(window, "切换到别的程序之前")
    window.safety.autosave._on_app_state(Qt.ApplicationState.ApplicationInactive)
    _wait_saved(qtbot, window, "切换到别的程序之前", 2000)


def test_successful_save_removes_the_autosave_and_clean_close_too(qtbot, window, tmp_path):
    _type_at_end(window, "要保存的内容")
    window.safety.autosave.save_now().result()
    assert _saved_text(window)
    assert window.files.save_to(tmp_path / "报告.docx")
    qtbot.waitUntil(lambda: _saved_text(window) is None, timeout=2000)
    _type_at_end(window, "又改了一句")
    window.safety.autosave.save_now().result()
    assert "又改了一句" in _saved_text(window)


def test_declining_to_save_on_close_removes_the_autosave(qtbot, window, message_boxes):
    _type_at_end(window, "不要了的草稿")
    window.safety.autosave.save_now().result()
    store, draft_id = _store(window), window.safety.autosave.draft_id
    assert store.read(draft_id)
    message_boxes.answer("不保存")
    window.close()
    assert store.read(draft_id) is None
    assert list(store.folder.iterdir()) == []


def test_cancelled_close_keeps_autosaving(qtbot, window, message_boxes):
    _type_at_end(window, "取消关闭")
    message_boxes.answer("取消")
    window.close()
    assert window.isVisible()
    window.safety.autosave.save_now().result()
    assert "取消关闭" in _saved_text(window)


@pytest.mark.parametrize("fault, expected", [
    (PermissionError(errno.EACCES, "denied"), "Word/WPS"),
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
])
def test_failed_save_keeps_the_draft_in_editor_and_autosave(qtbot, window, tmp_path, monkeypatch,
                                                            message_boxes, fault, expected):
    window.safety.autosave._timer.setInterval(60_000)  # only the failure may trigger it
    _type_at_end(window, "保存失败也不能丢")
    target = tmp_path / "报告.docx"
    real_replace = os.replace

    def failing(src, dst):
        if str(dst) == str(target):
            raise fault
        return real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", failing)
    assert not window.files.save_to(target)
    assert expected in message_boxes[-1]["text"] and "没有丢失" in message_boxes[-1]["text"]
    assert "保存失败也不能丢" in window.draft.qdoc.toPlainText()
    assert window.draft.qdoc.isModified()
    _wait_saved(qtbot, window, "保存失败也不能丢", 2000)
    assert not target.exists()


def test_forbidden_file_name_is_explained(qtbot, window, tmp_path, message_boxes):
    assert not window.files.save_to(tmp_path / "会议:材料?.docx")
    assert "不允许的字符" in message_boxes[-1]["text"]
    assert list(tmp_path.glob("*.docx")) == []


def test_recovery_dialog_lists_each_draft_with_its_time(qtbot, window):
    snaps = [Snapshot("a", (("body", "第一份"),), None, None, 1_700_000_000.0),
             Snapshot("b", (("body", "第二份"),), None, "/x/报告.docx", 1_700_000_100.0)]
    dialog = RecoveryDialog(snaps)
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0].startswith("第一份") and "自动保存于 2023-11-" in texts[0]
    assert texts[1].startswith("报告.docx")
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen() == snaps[:1]


def test_recovery_dialog_counts_like_the_status_bar(qtbot, window):
    """Rare characters (CJK extension A, compatibility ideographs) count in both places."""
    _type_at_end(window, "㐀㐁﨑學习")
    window.draft.flush()
    qtbot.waitUntil(lambda: "字数" in window.count_label.text())
    total = window.draft.outline.total_chars
    snap = Snapshot.of("c", window.draft.to_document(), None)
    dialog = RecoveryDialog([snap])
    qtbot.addWidget(dialog)
    assert f"    {total} 字" in dialog.list.item(0).text()
    assert f"字数：{total}" in window.count_label.text()


def test_recovery_puts_every_draft_in_a_window(qtbot, window, loaded_services, user_home):
    from app.ui.app import settings_for
    from app.ui.window.main_window import MainWindow

    store = AutosaveStore(user_home / "autosave")
    first = Snapshot("old1", (("title", "标题甲"), ("body", "甲的正文")), None, None, 1_700_000_000.0)
    second = Snapshot("old2", (("title", "标题乙"), ("h1", "一、检视的问题")), None, None, 1_700_000_500.0)
    store.write(first)
    store.write(second)
    extra = []

    def new_window():
        win = MainWindow(window.services, settings_for(user_home))
        qtbot.addWidget(win)
        extra.append(win)
        return win

    recovered = offer_recovery(window, store, new_window, answer="recover")
    assert [s.draft_id for s in recovered] == ["old2", "old1"]  # newest first
    assert window.draft.qdoc.toPlainText() == "标题乙\n一、检视的问题"
    assert extra[0].draft.qdoc.toPlainText() == "标题甲\n甲的正文"
    assert window.draft.qdoc.isModified() and "已恢复" in window.statusBar().currentMessage()
    # Each window carries on under the recovered id: its next save removes that file.
    assert window.safety.autosave.draft_id == "old2"
    assert store.orphans()[0] == []  # both are owned now
    for win in (window, extra[0]):
        win.draft.qdoc.setModified(False)
    qtbot.waitUntil(lambda: store.read("old2") is None and store.read("old1") is None, timeout=2000)


def test_damaged_autosave_is_set_aside_not_offered(qtbot, window, user_home):
    store = AutosaveStore(user_home / "autosave")
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / "bad.json").write_bytes(b'{"version": 1, "paragraphs": [[')
    assert offer_recovery(window, store, answer="recover") == []
    assert (store.folder / "bad.damaged").exists()
    assert "损坏" in window.statusBar().currentMessage()


def test_a_file_open_in_another_window_is_refused(qtbot, window, loaded_services, user_home,
                                                   tmp_path, message_boxes):
    from app.ui.app import settings_for
    from app.ui.window.main_window import MainWindow

    path = tmp_path / "报告.docx"
    assert window.files.save_to(path)
    assert lock_path(path).exists()
    owner = json.loads(lock_path(path).read_text(encoding="utf-8"))
    assert owner["pid"] == os.getpid() and owner["host"]
    other = MainWindow(window.services, settings_for(user_home))
    qtbot.addWidget(other)
    assert not other.files.open_path(path)
    assert "已在本机另一个明镜窗口中打开" in message_boxes[-1]["text"]
    assert not other.files.save_to(path)  # nor may it overwrite it
    assert window.files.open_path(path)  # the window that has it may open it again
    window.files.new_document()  # leaving the file releases it
    assert not lock_path(path).exists()
    assert other.files.open_path(path)


def test_stale_lock_of_a_dead_process_is_taken_over(qtbot, window, tmp_path):
    import socket
    import subprocess

    path = tmp_path / "报告.docx"
    assert window.files.save_to(path)
    window.files.new_document()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(path).write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname()}),
                               encoding="utf-8")
    assert window.files.open_path(path)
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_unexpected_error_is_logged_autosaved_and_the_window_stays(qtbot, window, user_home,
                                                                     message_boxes):
    guard = ExceptionGuard(user_home, lambda: [window])
    guard.install()
    try:
        _type_at_end(window, "出错前写的内容")

        def broken():
            raise ValueError("意外")

        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: guard.shown == 1, timeout=3000)
        worker = threading.Thread(target=broken, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: guard.shown == 2, timeout=3000)
    finally:
        guard.uninstall()
    assert window.isVisible()
    box = message_boxes[-1]
    assert "意外错误" in box["title"] and "已自动保存" in box["text"]
    assert box["buttons"][:2] == ["另存为(&A)…", "继续工作(&C)"]
    assert "出错前写的内容" in _saved_text(window)
    log = log_file(user_home).read_text(encoding="utf-8")
    assert log.count("ValueError: 意外") == 2 and "in worker" in log
    assert sys.excepthook is not guard._sys_hook
    QApplication.processEvents()
