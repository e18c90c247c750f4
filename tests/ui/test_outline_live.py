"""The live outline while typing: 字数 per node, 待填写 marks, the status bar against the target."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor

from app.core.formats.reader import read_document
from app.ui.panes.outline_pane import EMPTY_MARK
from tests.ui.helpers import drag, ime_type, listed_topics


def _counts(pane) -> dict[str, str]:
    """Label → what the 字数 column shows, for every row."""
    out = {}
    for title_item, count_item, *_ in pane._items:
        out[title_item.text()] = count_item.text()
    return out


def test_empty_aspects_are_marked_until_written(qtbot, window):
    pane = window.outline_pane
    counts = _counts(pane)
    assert counts["开头"] == EMPTY_MARK
    assert all(counts[label] == EMPTY_MARK for label in counts if label.startswith("（"))
    block = next(b for b in window.draft.blocks() if b.text() == "（二）政治素质方面").next()
    window.editor.setTextCursor(QTextCursor(block))
    ime_type(window.editor, "一是政治站位不高。")
    qtbot.waitUntil(lambda: _counts(pane).get("（二）政治素质方面") == "15", timeout=2000)
    counts = _counts(pane)
    assert counts["一是：政治站位不高"] == "8"  # the new point, under its aspect
    assert counts["（一）理论学习方面"] == EMPTY_MARK and counts["（三）能力本领方面"] == EMPTY_MARK
    # 字数 counts Chinese characters, the numbers' 一 二 too: 一检视的问题 + six headings + the point
    assert counts["一、检视的问题"] == str(6 + 6 * 7 + 8)


def test_status_bar_total_against_the_target_range(qtbot, window, corpus):
    text = window.count_label.text()
    total = window.draft.outline.total_chars
    assert text == f"字数：{total} / 目标 3000–6000 字（还差 {3000 - total} 字）"
    document = read_document(next(p for p in corpus if p.name.startswith("000")))
    window.draft.load(document)
    total = window.draft.outline.total_chars
    assert 3000 <= total <= 6000
    assert window.count_label.text() == f"字数：{total} / 目标 3000–6000 字（在范围内）"
    long = read_document(next(p for p in corpus if p.name.startswith("000")))
    long.paragraphs += [p for p in long.paragraphs if p.role.name == "BODY"] * 2
    window.draft.load(long)
    total = window.draft.outline.total_chars
    assert window.count_label.text() == f"字数：{total} / 目标 3000–6000 字（超出 {total - 6000} 字）"


def test_numbered_items_below_the_aspects_are_not_marked_empty(qtbot, window):
    window.files.open_path(Path(__file__).resolve().parents[1] / "data" / "messy_report.txt")
    counts = _counts(window.outline_pane)
    assert counts["1.面对矛盾绕着走"] == "7" and counts["（1）遇到难题习惯于等靠要"] == "10"
    assert counts["（五）工作作风方面"] == EMPTY_MARK and counts["（二）锤炼党性"] == EMPTY_MARK
    assert counts["（四）担当作为方面"] == "40"


def test_typing_a_heading_with_half_width_brackets(qtbot, window):
    from PySide6.QtCore import Qt

    block = next(b for b in window.draft.blocks() if b.text() == "（六）廉洁自律方面").next()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    ime_type(window.editor, "(七）斗争精神")
    qtbot.waitUntil(lambda: "（七）斗争精神" in _counts(window.outline_pane), timeout=2000)
    builds = window.draft.live.full_builds
    ime_type(window.editor, "方面")  # more words in the heading: the tree is kept, not rebuilt
    qtbot.waitUntil(lambda: "（七）斗争精神方面" in _counts(window.outline_pane), timeout=2000)
    assert window.draft.live.full_builds == builds
    node = next(n for n in window.draft.outline.walk() if n.title == "斗争精神方面")
    assert (node.number, node.level, node.part, node.topics) == ("（七）", 2, "问题", ["斗争精神/风险防范"])
    window.update_context()
    assert window.section_label.text() == "当前：斗争精神/风险防范 · 问题"


def test_phrase_panel_works_on_an_imported_report(qtbot, window, corpus):
    """Corpus 003 words its aspects 对照……方面突出问题: they still bring their topic's phrases."""

    assert window.files.open_path(next(p for p in corpus if p.name.startswith("003")))
    block = next(b for b in window.draft.blocks() if b.text().startswith("（五）对照工作作风方面")).next()
    window.editor.setTextCursor(QTextCursor(block))
    window.update_context()
    assert window.phrase_panel.context_label.text() == "当前位置：工作作风 · 问题"
    topics = listed_topics(window, "问题")
    assert topics and all("工作作风" in t for t in topics)


def _type_a_third_point(qtbot, window) -> None:
    """In corpus 000, type 三是 at the end of （二）政治素质方面's body; wait for the tree."""
    block = next(b for b in window.draft.blocks() if b.text() == "（二）政治素质方面。").next()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    ime_type(window.editor, "三是新的一点。")
    qtbot.waitUntil(lambda: "三是：新的一点" in _counts(window.outline_pane), timeout=2000)


def test_a_new_point_keeps_collapsed_rows_and_the_scroll_position(qtbot, window, corpus):
    assert window.files.open_path(next(p for p in corpus if p.name.startswith("000")))
    pane = window.outline_pane
    pane.resize(pane.width(), 200)
    theory = pane.index_for_label("（一）理论学习方面")
    pane.collapse(theory)
    pane.verticalScrollBar().setValue(3)
    _type_a_third_point(qtbot, window)
    assert not pane.isExpanded(pane.index_for_label("（一）理论学习方面"))
    assert pane.isExpanded(pane.index_for_label("（二）政治素质方面"))
    assert pane.verticalScrollBar().value() == 3


def _paste_over_everything(qtbot, window, text: str) -> None:
    from PySide6.QtCore import QMimeData

    window.editor.selectAll()
    mime = QMimeData()
    mime.setText(text)
    window.editor.insertFromMimeData(mime)
    window.draft.flush()


def test_pasting_a_whole_report_over_the_new_draft(qtbot, window, corpus):
    """What users do first: Ctrl+A in the fresh draft, Ctrl+V their old report."""
    from app.core.model import Role

    messy = (Path(__file__).resolve().parents[1] / "data" / "messy_report.txt").read_text(encoding="utf-8")
    _paste_over_everything(qtbot, window, messy)
    paragraphs = window.draft.paragraphs()
    assert [(p.role, p.text) for p in paragraphs[:3]] == [
        (Role.TITLE, "张三同志2023年度主题教育专题民主生活会个人对照检查材料"),
        (Role.META, "张三（县委副书记）"), (Role.META, "2024年1月10日")]
    assert window.draft.outline.title == paragraphs[0].text
    # a report made for another template: the draft follows it (topics, target range)
    text = next(p for p in corpus if p.name.startswith("001")).read_text(encoding="utf-8")
    _paste_over_everything(qtbot, window, text)
    assert window.draft.template.id == "xunshi-zhenggai"
    problems = next(s for s in window.draft.outline.sections if s.part == "问题")
    assert problems.children[0].topics == ["政治素质", "担当作为"]  # that template's aspect, by its words
    # one undo step brings the draft back
    window.undo_action.trigger()
    window.draft.flush()
    assert window.draft.paragraphs()[0].text == "张三同志2023年度主题教育专题民主生活会个人对照检查材料"
    assert window.draft.template.id == "zhuti-2023"
    assert window.count_label.text().endswith("目标 3000–6000 字（还差 2668 字）")


def test_a_new_point_remakes_only_its_own_part_of_the_tree(qtbot, window, corpus):
    assert window.files.open_path(next(p for p in corpus if p.name.startswith("000")))
    pane = window.outline_pane
    item_of = lambda label: pane.model_.itemFromIndex(pane.index_for_label(label))  # noqa: E731
    causes, measures = item_of("二、产生问题的原因分析"), item_of("三、努力方向和整改措施")
    _type_a_third_point(qtbot, window)
    assert item_of("二、产生问题的原因分析") is causes and item_of("三、努力方向和整改措施") is measures
    # and the remade rows still work: dragging the new point moves it with its text

    drag(qtbot, pane, "三是：新的一点", "一是：践行“两个确立”还有差距", "above")
    qtbot.waitUntil(lambda: "一是：新的一点" in _counts(pane), timeout=2000)
    assert "一是新的一点。" in window.draft.qdoc.toPlainText()


def test_typing_a_heading_and_its_body_in_one_paragraph(qtbot, window):
    """Written the way corpus 000 is: （一）理论学习方面。一是……二是……, all in one paragraph."""
    block = next(b for b in window.draft.blocks() if b.text() == "（一）理论学习方面")
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    ime_type(window.editor, "。一是学得不深。二是用得不活。")
    qtbot.waitUntil(lambda: "二是：用得不活" in _counts(window.outline_pane), timeout=2000)
    labels = window.outline_pane.labels()
    start = labels.index((1, "（一）理论学习方面"))
    assert labels[start + 1:start + 3] == [(2, "一是：学得不深"), (2, "二是：用得不活")]
    node = window.draft.outline.sections[1].children[0]
    assert node.topics == ["理论学习"] and [p.topics for p in node.children] == [["理论学习"], ["理论学习"]]
