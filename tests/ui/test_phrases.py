"""Phrase panel and the user's library in the real window: fields, Tab, search, favourites."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QPushButton

from app.ui.panes.phrase_pane import ID_ROLE, STAR
from tests.ui.helpers import block_cursor, listed_ids, put_cursor, settle

FIELD_TEXT = "在{单位}分管的{具体工作}中，对{问题}抓得不够紧。"


def _insert_with_fields(qtbot, window):
    put_cursor(qtbot, window, "（五）工作作风方面")
    window.editor.insert_phrase_at_cursor("x", FIELD_TEXT)
    return window.editor


def test_inserting_a_phrase_selects_its_first_field(qtbot, window):
    editor = _insert_with_fields(qtbot, window)
    assert editor.textCursor().selectedText() == "{单位}"
    qtbot.keyClicks(editor, "ABC")  # typing replaces the field
    assert "在ABC分管的{具体工作}" in editor.textCursor().block().text()


def test_tab_moves_through_the_fields_and_shift_tab_back(qtbot, window):
    editor = _insert_with_fields(qtbot, window)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.textCursor().selectedText() == "{具体工作}"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.textCursor().selectedText() == "{问题}"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == "{具体工作}"
    block_text = editor.textCursor().block().text()
    assert "\t" not in block_text  # Tab did not type a tab while fields remained


def test_tab_behaves_normally_when_no_field_remains(qtbot, window):
    editor = _insert_with_fields(qtbot, window)
    for value in ("某局", "项目", "质量"):
        qtbot.keyClicks(editor, "X")
        editor.textCursor().insertText(value)
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    text = editor.textCursor().block().text()
    assert "{" not in text and "\t" in text


def test_dropped_phrase_with_fields_selects_the_first(qtbot, window):
    from PySide6.QtCore import QMimeData

    from app.ui.panes.editor import PHRASE_MIME

    put_cursor(qtbot, window, "（三）能力本领方面")
    mime = QMimeData()
    mime.setText("对{职务}岗位要求学得不深。")
    mime.setData(PHRASE_MIME, b"drop-1")
    window.editor.insertFromMimeData(mime)
    assert window.editor.textCursor().selectedText() == "{职务}"


def test_search_box_finds_by_pinyin_initials_within_the_section(qtbot, window):
    put_cursor(qtbot, window, "（一）理论学习方面")
    panel = window.phrase_panel
    before = listed_ids(window)
    panel.search.setText("llxx")
    found = listed_ids(window)
    assert found and len(found) <= len(before)
    assert all("理论学习" in window.services.index.by_id(i).text for i in found[:3])
    assert "搜索“llxx”" in panel.status.text()
    panel.search.setText("")
    assert listed_ids(window) == before


def test_whole_bank_toggle_searches_every_section(qtbot, window):
    put_cursor(qtbot, window, "（一）理论学习方面")
    panel = window.phrase_panel
    panel.search.setText("lianjie")
    in_section = listed_ids(window)
    panel.whole_bank.setChecked(True)
    everywhere = listed_ids(window)
    assert len(everywhere) > len(in_section)
    parts = {window.services.index.by_id(i).part for i in everywhere}
    assert len(parts) > 1
    assert all("廉洁" in window.services.index.by_id(i).text or "连接" in window.services.index.by_id(i).text
               or "联结" in window.services.index.by_id(i).text for i in everywhere)


def test_favourite_star_lifts_the_phrase_and_persists(qtbot, window):
    put_cursor(qtbot, window, "（六）廉洁自律方面")
    panel = window.phrase_panel
    last = panel.list.count() - 1
    target = panel.list.item(last).data(ID_ROLE)
    panel.list.setCurrentRow(last)
    assert panel.star.isEnabled() and panel.star.text().startswith("☆")
    qtbot.mouseClick(panel.star, Qt.MouseButton.LeftButton)
    ids = listed_ids(window)
    assert ids.index(target) < last
    item = panel.list.item(ids.index(target))
    assert item.text().startswith(STAR)
    assert panel.star.text().startswith(STAR)
    assert target in window.services.library.favourites()
    panel.toggle_favourite(target)
    assert target not in window.services.library.favourites()


def test_inserting_counts_usage(qtbot, window):
    put_cursor(qtbot, window, "（二）政治素质方面")
    item = window.phrase_panel.list.item(0)
    phrase_id = item.data(ID_ROLE)
    window.phrase_panel._on_double_click(item)
    assert window.services.library.usage().get(phrase_id) == 1


def test_add_selection_to_library_prefills_part_and_topics(qtbot, window, monkeypatch):
    from app.ui.dialogs import library as library_dialogs

    seen = {}

    def fake_exec(dialog):
        seen["values"] = dialog.values()
        dialog.part.setCurrentText("原因")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(library_dialogs.PhraseEditDialog, "exec", fake_exec)
    put_cursor(qtbot, window, "（五）工作作风方面")
    body = block_cursor(window, "（五）工作作风方面").block().next()
    cursor = QTextCursor(body)
    cursor.insertText("调查研究浮在面上，解剖麻雀的功夫下得不够。")
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    settle(qtbot, window)
    assert window.library.add_to_library(cursor.selectedText())
    text, part, topics = seen["values"]
    assert text.startswith("调查研究浮在面上") and part == "问题" and topics == ("工作作风",)
    mine = window.services.library.phrases()
    assert [(p.part, p.topics) for p in mine] == [("原因", ("工作作风",))]
    assert window.services.index.by_id(mine[0].id) is not None  # ranked from now on


def _menu_action(window, label: str):
    menu = window.editor.context_menu(window.editor.cursorRect().center())
    return menu, next(a for a in menu.actions() if a.text() == label)


def test_editor_context_menu_adds_the_selection_with_the_section_prefilled(qtbot, window,
                                                                          monkeypatch):
    from app.ui.dialogs import library as library_dialogs

    seen = {}
    monkeypatch.setattr(library_dialogs.PhraseEditDialog, "exec",
                        lambda dialog: seen.setdefault("values", dialog.values())
                        and QDialog.DialogCode.Accepted)
    put_cursor(qtbot, window, "（三）能力本领方面")
    menu, action = _menu_action(window, "加入素材库…")
    assert not action.isEnabled()  # nothing selected yet
    menu.deleteLater()
    text = "面对新领域新业务，知识更新的速度跟不上工作要求。"
    cursor = QTextCursor(block_cursor(window, "（三）能力本领方面").block().next())
    cursor.insertText(text)
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    settle(qtbot, window)
    menu, action = _menu_action(window, "加入素材库…")
    assert action.isEnabled()
    action.trigger()
    menu.deleteLater()
    assert seen["values"] == (text, "问题", ("能力本领",))
    assert [(p.text, p.part, p.topics) for p in window.services.library.phrases()] == [
        (text, "问题", ("能力本领",))]


def test_add_selection_in_the_opening_prefills_part_kaitou(qtbot, window, monkeypatch):
    from app.ui.dialogs import library as library_dialogs

    seen = {}
    monkeypatch.setattr(library_dialogs.PhraseEditDialog, "exec",
                        lambda dialog: seen.setdefault("values", dialog.values())
                        and QDialog.DialogCode.Accepted)
    date_line = list(window.draft.blocks())[2].text()
    put_cursor(qtbot, window, date_line)
    assert window.library.add_to_library("按照这次专题民主生活会的要求，我认真查摆了自身存在的问题。")
    assert seen["values"][1:] == ("开头", ())  # was prefilled as 问题
    assert [p.part for p in window.services.library.phrases()] == ["开头"]


def test_shipped_phrase_files_are_never_written(qtbot, window, monkeypatch, message_boxes):
    import hashlib

    from app.core.paths import phrasebank_dir

    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(phrasebank_dir().glob("*"))}

    before = digest()
    put_cursor(qtbot, window, "（六）廉洁自律方面")
    window.phrase_panel.toggle_favourite(window.phrase_panel.list.item(0).data(ID_ROLE))
    window.phrase_panel._on_double_click(window.phrase_panel.list.item(0))
    window.services.library.add("一条我的素材，写得足够长一些。", "问题", ["廉洁自律"])
    window.services.reindex()
    assert digest() == before


def test_manage_dialog_edits_and_deletes(qtbot, window, message_boxes, monkeypatch):
    from app.ui.dialogs.library import ManageLibraryDialog, PhraseEditDialog

    lib = window.services.library
    first = lib.add("第一条我的素材，内容写得足够长一些。", "问题", ["理论学习"])
    lib.add("第二条我的素材，也写得足够长一些。", "措施", ["工作作风"])
    dialog = ManageLibraryDialog(lib, window)
    qtbot.addWidget(dialog)
    changes = []
    dialog.changed.connect(lambda: changes.append(1))
    assert dialog.table.rowCount() == 2
    dialog.filter.setText("第二条")
    assert dialog.table.rowCount() == 1
    dialog.filter.setText("")

    def edit(dlg):
        dlg.text.setPlainText("第一条改过的素材，内容写得足够长。")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PhraseEditDialog, "exec", edit)
    dialog.table.setCurrentCell(0, 0)
    dialog.edit_selected()
    assert lib.get(first.id).text.startswith("第一条改过的")
    message_boxes.answer("删除")
    dialog.table.setCurrentCell(0, 0)
    dialog.delete_selected()
    assert [p.text[:3] for p in lib.phrases()] == ["第二条"]
    assert len(changes) == 2


def test_edit_dialog_refuses_empty_text(qtbot, message_boxes):
    from app.ui.dialogs.library import PhraseEditDialog

    dialog = PhraseEditDialog("加入素材库", "  ", "问题", ())
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert message_boxes and "不能为空" in message_boxes[-1]["text"]


def test_import_runs_in_the_background_and_sums_up(qtbot, window, corpus, message_boxes):
    worker = window.library.import_paths(list(corpus))
    qtbot.waitUntil(lambda: worker.isFinished() and bool(message_boxes), timeout=60000)
    summary = message_boxes[-1]["text"]
    assert "新增素材" in summary and worker.report.added > 30
    mine = window.services.library.phrases()
    assert len(mine) == worker.report.added
    put_cursor(qtbot, window, "（一）理论学习方面")
    window.phrase_panel.whole_bank.setChecked(True)
    window.phrase_panel.search.setText(mine[0].text[2:8])
    assert mine[0].id in listed_ids(window)


def test_import_keeps_the_new_phrases_tokens_for_the_next_start(qtbot, window, loaded_services,
                                                                 tmp_path, message_boxes):
    """The import re-indexes through Services.reindex, which saves the new phrases' tokens:
    otherwise the next start finds the token cache incomplete and spawns the cache child."""
    import random

    from app.core.phrases.segment import TokenCache

    pool = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜"
    rng = random.Random(str(tmp_path))  # texts no earlier test can have cached
    points = [f"{n}是{''.join(rng.choice(pool) for _ in range(40))}。" for n in "一二三"]
    report = tmp_path / "新材料.txt"
    report.write_text("对照检查材料\n一、存在的问题\n（一）理论学习方面\n" + "\n".join(points),
                      encoding="utf-8")
    worker = window.library.import_paths([report])
    qtbot.waitUntil(lambda: worker.isFinished() and bool(message_boxes), timeout=60000)
    mine = window.services.library.phrases()
    assert worker.report.added == len(mine) == 3
    saved = TokenCache(loaded_services.user_dir / "cache", loaded_services.segmenter.user_dict)
    assert all(saved.get(p.text) for p in mine)


def test_import_menu_offers_files_or_a_folder(qtbot, window, corpus, message_boxes, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: asked.append("folder") or str(corpus[0].parent))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: asked.append("files") or ([str(corpus[0])], ""))
    message_boxes.answer("选择文件夹")
    window.library.import_dialog()
    assert message_boxes[0]["buttons"][:2] == ["选择文件…", "选择文件夹…"]
    worker = window.library.import_worker
    qtbot.waitUntil(lambda: worker.isFinished() and len(message_boxes) > 1, timeout=60000)
    assert asked == ["folder"] and worker.report.read == len(corpus)
    message_boxes.answer("选择文件…")
    window.library.import_dialog()
    worker = window.library.import_worker
    qtbot.waitUntil(lambda: worker.isFinished() and len(message_boxes) > 3, timeout=60000)
    assert asked == ["folder", "files"] and worker.report.files == 1


def test_import_progress_dialog_cancels(qtbot, window, corpus, message_boxes, tmp_path):
    from PySide6.QtWidgets import QProgressDialog

    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(60):
        (folder / f"{n:02d}_{corpus[n % len(corpus)].name}").write_bytes(corpus[n % len(corpus)].read_bytes())
    worker = window.library.import_paths([folder])
    dialog = next(d for d in window.findChildren(QProgressDialog) if d.isVisible())
    assert dialog.labelText().startswith("正在导入")
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # as the user does, at once
    qtbot.waitUntil(lambda: worker.isFinished() and bool(message_boxes), timeout=60000)
    assert worker.report.cancelled and worker.report.read < 60
    assert "已取消" in message_boxes[-1]["text"]
    sources = {p.source for p in window.services.library.phrases()}
    assert len(sources) <= worker.report.read  # what was read before the cancel is kept


def test_usage_written_in_one_test(qtbot, window):
    phrase = window.services.phrasebank.phrases[0]
    window.services.library.record_use(phrase.id)
    assert window.services.library.usage().get(phrase.id)


def test_does_not_reach_the_next_test(qtbot, window):
    """Each window test has its own user library (usage counts rank phrases)."""
    assert window.services.library.usage() == {}
    assert window.services.library.phrases() == []


def test_damaged_library_is_reported_at_start(qtbot, loaded_services, user_home, message_boxes):
    from app.core.phrases.library import UserLibrary
    from app.ui.app import settings_for
    from app.ui.window.main_window import MainWindow

    user_home.mkdir(parents=True, exist_ok=True)
    (user_home / "lib.sqlite3").write_bytes(b"garbage" * 500)
    original = loaded_services.library
    loaded_services.library = UserLibrary(user_home / "lib.sqlite3")
    try:
        win = MainWindow(loaded_services, settings_for(user_home))
        qtbot.addWidget(win)
        win.library.show_notice()
        assert message_boxes and "已损坏" in message_boxes[-1]["text"]
        assert list(user_home.glob("素材库-损坏-*.db"))
    finally:
        loaded_services.library = original
        win.draft.qdoc.setModified(False)

