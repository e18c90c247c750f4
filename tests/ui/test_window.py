"""The real window, offscreen: what a user sees after typing, clicking and dropping."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from app.core.model import Role
from app.core.phrases.phrasebank import strip_ordinal, with_ordinal
from app.ui.panes.editor import PHRASE_MIME
from app.ui.panes.phrase_pane import ID_ROLE, TEXT_ROLE
from tests.ui.helpers import block_cursor, ime_type, listed_ids, listed_topics, put_cursor, settle

SIX = ["（一）理论学习方面", "（二）政治素质方面", "（三）能力本领方面", "（四）担当作为方面",
       "（五）工作作风方面", "（六）廉洁自律方面"]


def test_window_opens_with_the_default_template(window):
    assert window.windowTitle().startswith("明镜 — 未命名")
    labels = window.outline_pane.labels()
    assert labels == [(0, "开头"), (0, "一、检视的问题")] + [(1, s) for s in SIX] + [
        (0, "二、产生问题的原因分析"), (0, "三、整改措施")]
    assert window.draft.paragraphs()[0].role is Role.TITLE
    assert "字数：" in window.count_label.text()


def test_typing_a_new_heading_updates_the_tree(qtbot, window):
    put_cursor(qtbot, window, "（六）廉洁自律方面")
    block = block_cursor(window, "（六）廉洁自律方面").block().next()  # its empty body line
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    ime_type(window.editor, "（七）斗争精神方面")
    qtbot.waitUntil(lambda: (1, "（七）斗争精神方面") in window.outline_pane.labels(), timeout=2000)
    # the new line is shown as a heading: it got the heading's block format
    settle(qtbot, window)
    new_block = block_cursor(window, "（七）斗争精神方面").block()
    assert window.draft.role_of(new_block) is Role.H2
    # deleting the heading's number turns it back into body text and removes it from the tree
    cursor = QTextCursor(new_block)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor, 3)
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: (1, "（七）斗争精神方面") not in window.outline_pane.labels(), timeout=2000)
    assert all("斗争精神方面" not in label for _, label in window.outline_pane.labels())


def test_undo_and_redo_typing(qtbot, window):
    put_cursor(qtbot, window, "（一）理论学习方面")
    ime_type(window.editor, "测试")
    settle(qtbot, window)
    assert block_cursor(window, "（一）理论学习方面测试")
    window.undo_action.trigger()
    settle(qtbot, window)
    assert any(b.text() == "（一）理论学习方面" for b in window.draft.blocks())
    window.redo_action.trigger()
    settle(qtbot, window)
    assert any(b.text() == "（一）理论学习方面测试" for b in window.draft.blocks())


def test_clicking_an_outline_node_moves_the_cursor(qtbot, window):
    index = window.outline_pane.index_for_label("（三）能力本领方面")
    rect = window.outline_pane.visualRect(index)
    qtbot.mouseClick(window.outline_pane.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.textCursor().block().text() == "（三）能力本领方面"
    qtbot.waitUntil(lambda: window.phrase_panel.context_label.text() == "当前位置：能力本领 · 问题",
                    timeout=2000)
    assert "能力本领 · 问题" in window.section_label.text()
    assert window.editor.cursorRect().top() >= 0  # scrolled into view


def test_phrase_panel_follows_the_cursor(qtbot, window):
    put_cursor(qtbot, window, "（五）工作作风方面")
    panel = window.phrase_panel
    assert panel.context_label.text() == "当前位置：工作作风 · 问题"
    assert listed_topics(window, "问题") and all("工作作风" in t for t in listed_topics(window, "问题"))
    first_ids = listed_ids(window)
    put_cursor(qtbot, window, "（六）廉洁自律方面")
    assert panel.context_label.text() == "当前位置：廉洁自律 · 问题"
    assert all("廉洁自律" in t for t in listed_topics(window, "问题"))
    assert listed_ids(window) != first_ids
    put_cursor(qtbot, window, "三、整改措施")
    assert panel.context_label.text().endswith("· 措施")
    assert listed_topics(window, "措施")


def test_double_click_inserts_the_phrase_as_body_text(qtbot, window):
    put_cursor(qtbot, window, "（二）政治素质方面")
    panel = window.phrase_panel
    item = panel.list.item(0)
    text, phrase_id = item.data(TEXT_ROLE), item.data(ID_ROLE)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, window)
    heading = block_cursor(window, "（二）政治素质方面").block()
    assert heading.next().text() == with_ordinal(text, 1)
    assert window.draft.role_of(heading.next()) is Role.BODY

    def listed():
        return {panel.list.item(i).data(ID_ROLE): panel.list.item(i).text() for i in range(panel.list.count())}

    # marked (not hidden) once typing pauses
    qtbot.waitUntil(lambda: listed().get(phrase_id, "").startswith("【已用】"), timeout=2000)
    assert listed_ids(window)[0] != phrase_id
    # one undo step takes it out again
    window.undo_action.trigger()
    settle(qtbot, window)
    assert heading.next().text() == ""


def test_whole_points_get_the_next_ordinal_and_their_own_paragraph(qtbot, window):
    put_cursor(qtbot, window, "（四）担当作为方面")
    points = [s.phrase.text for s in window.services.index.suggest("问题", ["担当作为"], limit=50)
              if s.phrase.size == "要点"][:3]
    for text in points:
        window.editor.insert_phrase_at_cursor("x", text)
    settle(qtbot, window)
    heading = block_cursor(window, "（四）担当作为方面").block()
    texts = [heading.next().text(), heading.next().next().text(), heading.next().next().next().text()]
    assert [t[:2] for t in texts] == ["一是", "二是", "三是"]
    assert [strip_ordinal(t) for t in texts] == [strip_ordinal(t) for t in points]
    aspect = next(n for n in window.draft.outline.walk() if n.title == "担当作为方面")
    assert [c.number for c in aspect.children] == ["一是", "二是", "三是"]


def test_dropping_a_phrase_inserts_plain_body_text_at_the_drop_point(qtbot, window):
    put_cursor(qtbot, window, "（三）能力本领方面")
    body = block_cursor(window, "（三）能力本领方面").block().next()
    cursor = QTextCursor(body)
    cursor.insertText("甲乙")
    settle(qtbot, window)
    panel = window.phrase_panel
    mime = panel.list.mimeData([panel.list.item(0)])
    text = mime.text()
    assert bytes(mime.data(PHRASE_MIME)).decode() == panel.list.item(0).data(ID_ROLE)
    # drop between 甲 and 乙
    drop_cursor = QTextCursor(body)
    drop_cursor.setPosition(body.position() + 1)
    point = window.editor.cursorRect(drop_cursor).center() + QPoint(1, 0)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    for event in (QDragEnterEvent(point, *args), QDragMoveEvent(point, *args),
                  QDropEvent(QPointF(point), *args)):
        QApplication.sendEvent(window.editor.viewport(), event)
        assert event.isAccepted()
    settle(qtbot, window)
    assert body.text() == "甲" + with_ordinal(text, 1) + "乙"  # first point of its section
    assert window.draft.role_of(body) is Role.BODY
    fragment = QTextCursor(body)
    fragment.setPosition(body.position() + 2)
    assert not fragment.charFormat().fontUnderline()  # plain text, no foreign formatting


def test_paste_drops_formatting_and_recognises_structure(qtbot, window):
    put_cursor(qtbot, window, "二、产生问题的原因分析")
    body = block_cursor(window, "二、产生问题的原因分析").block().next()
    window.editor.setTextCursor(QTextCursor(body))
    mime = QMimeData()
    mime.setHtml("<b style='color:red'>（一）理论武装不够。</b><p>一是学习不深。</p>")
    mime.setText("（一）理论武装不够。\n一是学习不深。")
    window.editor.insertFromMimeData(mime)
    settle(qtbot, window)
    assert (1, "（一）理论武装不够") in window.outline_pane.labels()
    heading = block_cursor(window, "（一）理论武装不够。").block()
    assert not QTextCursor(heading).charFormat().fontWeight() > 400


def test_save_and_open_round_trip(qtbot, window, tmp_path):
    put_cursor(qtbot, window, "（一）理论学习方面")
    window.editor.insert_phrase_at_cursor("x", "一是学习不够系统。")
    path = tmp_path / "我的材料.docx"
    assert window.files.save_to(path)
    assert window.windowTitle().startswith("明镜 — 我的材料.docx")
    before = [(p.role, p.text) for p in window.draft.paragraphs()]
    labels = window.outline_pane.labels()
    window.files.new_document()
    assert window.files.open_path(path)
    assert [(p.role, p.text) for p in window.draft.paragraphs()] == before
    assert window.outline_pane.labels() == labels


def test_opening_a_corpus_text_file(qtbot, window, corpus):
    assert window.files.open_path(corpus[0])
    labels = [label for _, label in window.outline_pane.labels()]
    assert "（一）理论学习方面" in labels and "一是：理论学习的“系统性”不够" in labels
    assert window.draft.path is None  # imported text is saved as a new .docx


def test_bad_file_leaves_the_draft_untouched(qtbot, window, tmp_path, message_boxes):
    put_cursor(qtbot, window, "（一）理论学习方面")
    ime_type(window.editor, "草稿")
    before = window.draft.qdoc.toPlainText()
    for name, data in (("broken.docx", b"PK\x03\x04broken"), ("empty.txt", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        assert not window.files.open_path(path)
    assert len(message_boxes) == 2
    assert "不是有效的 Word 文档" in message_boxes[0]["text"]
    assert "是空的" in message_boxes[1]["text"]
    assert window.draft.qdoc.toPlainText() == before
    assert window.draft.qdoc.isModified()


def test_save_failure_keeps_the_draft(qtbot, window, tmp_path, message_boxes):
    put_cursor(qtbot, window, "（一）理论学习方面")
    ime_type(window.editor, "草稿")
    assert not window.files.save_to(tmp_path / "missing" / "x.docx")
    assert "文稿仍在编辑器中" in message_boxes[-1]["text"]
    assert "草稿" in window.draft.qdoc.toPlainText() and window.draft.qdoc.isModified()


def test_closing_with_unsaved_changes_asks_first(qtbot, window, message_boxes):
    put_cursor(qtbot, window, "（一）理论学习方面")
    ime_type(window.editor, "未保存的字")
    message_boxes.answer("取消")
    assert not window.close()
    assert window.isVisible()
    assert "是否保存" in message_boxes[-1]["text"]
    assert sorted(message_boxes[-1]["buttons"]) == sorted(["保存(&S)", "不保存(&N)", "取消"])
    message_boxes.answer("不保存")
    assert window.close()


def test_word_count_counts_chinese_characters(qtbot, window):
    put_cursor(qtbot, window, "（一）理论学习方面")
    before = window.draft.outline.total_chars
    ime_type(window.editor, "学习abc，123")
    settle(qtbot, window)
    assert window.draft.outline.total_chars == before + 2
    assert f"字数：{before + 2}" in window.count_label.text()


def test_outline_follows_blocks_added_above(qtbot, window):
    """New empty lines shift every block below; the tree must not keep stale positions."""
    body = block_cursor(window, "（一）理论学习方面").block().next()
    window.editor.setTextCursor(QTextCursor(body))
    for _ in range(3):
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    settle(qtbot, window)
    put_cursor(qtbot, window, "（三）能力本领方面")
    assert window.outline_pane.currentIndex().data() == "（三）能力本领方面"
    index = window.outline_pane.index_for_label("（五）工作作风方面")
    rect = window.outline_pane.visualRect(index)
    qtbot.mouseClick(window.outline_pane.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.textCursor().block().text() == "（五）工作作风方面"
