"""Saving with {字段}, ×× or empty template headings left asks once and lists them."""

from __future__ import annotations

from app.core.document.numbering import recognize_text
from app.core.model import Document

DONE = ("关于某某同志的对照检查材料\n一、检视的问题\n（一）理论学习方面\n学习不够深入。\n"
        "二、原因分析\n理想信念有所松懈。\n三、整改措施\n加强学习。\n")


def _asked(message_boxes) -> list[dict]:
    return [m for m in message_boxes if m["title"] == "还有未完成的内容"]


def test_blanks_are_listed_and_back_to_edit_keeps_the_file_unwritten(window, tmp_path, message_boxes):
    window.draft.load(Document(recognize_text(DONE.replace("学习不够深入", "在{单位}学习不够深入，××"))))
    target = tmp_path / "稿.docx"
    message_boxes.answer_with = "返回修改"
    assert not window.files.save_to(target)
    assert not target.exists()
    asked = _asked(message_boxes)
    assert len(asked) == 1 and "{单位}" in asked[0]["text"] and "××" in asked[0]["text"]
    assert asked[0]["buttons"] == ["继续保存", "返回修改"]
    assert window.editor.textCursor().selectedText() == "{单位}"  # ready to type over
    message_boxes.answer_with = "继续保存"
    assert window.files.save_to(target) and target.exists()
    # asked once: saving again with the same blanks does not ask again
    assert window.files.save_to(target)
    assert len(_asked(message_boxes)) == 2


def test_empty_template_headings_are_listed(window, tmp_path, message_boxes):
    message_boxes.answer_with = "继续保存"
    assert window.files.save_to(tmp_path / "新.docx")  # the fresh template: every aspect still empty
    asked = _asked(message_boxes)
    assert asked and "（一）" in asked[0]["text"] and "还没有内容的标题" in asked[0]["text"]


def test_a_finished_draft_saves_without_asking(window, tmp_path, message_boxes):
    window.draft.load(Document(recognize_text(DONE)))
    assert window.files.save_to(tmp_path / "完成.docx")
    assert _asked(message_boxes) == []
