"""The chain in the window (issue 17): 对应问题 in 三、措施, 按问题起草措施, 导入上年度整改清单."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor

from tests.ui.helpers import ime_type

SKELETON = "一、检视的问题\n（一）理论学习方面\n\n（二）工作作风方面\n\n二、原因分析\n\n三、整改措施\n\n"
PROBLEMS = ("一是学习不够系统，读原著学原文少。", "二是联系群众不够紧密，下基层调研少。",
            "三是管党治党不够严格，一岗双责落实不到位。")
REPORT_A = Path(__file__).resolve().parents[1] / "data" / "pairing" / "report_a.txt"


def _open(window, tmp_path, text: str) -> None:
    path = tmp_path / "草稿.txt"
    path.write_text(text, encoding="utf-8")
    assert window.files.open_path(path)


def _put_cursor_after(window, heading: str, qtbot=None) -> None:
    """The cursor on a new empty paragraph right after ``heading`` (Enter at its end)."""
    from PySide6.QtCore import Qt

    block = next(b for b in window.draft.blocks() if b.text() == heading)
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    if qtbot is not None:
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)
        window.draft.flush()
        window.draft.refresh_outline()


def _type_three_problems(qtbot, window, tmp_path) -> None:
    _open(window, tmp_path, SKELETON)
    _put_cursor_after(window, "（一）理论学习方面", qtbot)
    ime_type(window.editor, PROBLEMS[0])
    _put_cursor_after(window, "（二）工作作风方面", qtbot)
    ime_type(window.editor, PROBLEMS[1] + PROBLEMS[2])
    window.draft.flush()
    qtbot.waitUntil(lambda: len(window.chain.problems()) == 3, timeout=3000)


def _rows(window) -> list[str]:
    lst = window.phrase_panel.list
    return [lst.item(i).text() for i in range(lst.count())]


def test_measures_section_lists_the_problems_in_order(qtbot, window, tmp_path):
    _type_three_problems(qtbot, window, tmp_path)
    _put_cursor_after(window, "三、整改措施", qtbot)
    window.update_context()
    rows = _rows(window)
    assert rows[0].startswith("对应问题")
    labels = [r for r in rows if r.startswith("问题")]
    assert labels == ["问题1：学习不够系统，读原著学原文少", "问题2：联系群众不够紧密，下基层调研少",
                      "问题3：管党治党不够严格，一岗双责落实不到位"]
    # each label is followed by measures marked with its problem, before the other phrases
    for number in (1, 2, 3):
        at = rows.index(labels[number - 1])
        assert rows[at + 1].startswith(f"【对应问题{number}】")
    rest = rows.index("其他素材")
    assert rest > rows.index(labels[2]) and len(rows) > rest + 1
    # the measures answer their problem: 管党治党 for the third
    from app.ui.panes.phrase_pane import ID_ROLE

    third = window.phrase_panel.list.item(rows.index(labels[2]) + 1)
    assert "管党治党/主体责任" in window.services.index.by_id(third.data(ID_ROLE)).topics


def test_causes_section_marks_causes_with_their_problem(qtbot, window, tmp_path):
    _type_three_problems(qtbot, window, tmp_path)
    _put_cursor_after(window, "二、原因分析", qtbot)
    window.update_context()
    rows = _rows(window)
    assert rows[0].startswith("对应问题") and "原因" in rows[0]
    assert sum(r.startswith("【对应问题") for r in rows) >= 3


def test_draft_measures_from_the_problems_is_one_undo_step(qtbot, window, tmp_path, message_boxes):
    _type_three_problems(qtbot, window, tmp_path)
    before = window.draft.qdoc.toPlainText()
    message_boxes.answer("按问题")
    window.chain.draft_measures_dialog()
    window.draft.flush()
    window.draft.refresh_outline()
    measures = next(s for s in window.draft.outline.sections if s.title == "整改措施")
    points = [c for c in measures.children if c.kind == "point"]
    assert [p.number for p in points] == ["一是", "二是", "三是"]
    assert all(p.part == "措施" for p in points)
    assert window.draft.qdoc.toPlainText().startswith(before.rstrip("\n"))  # nothing the user wrote changed
    window.editor.undo()
    assert window.draft.qdoc.toPlainText() == before


def test_importing_last_years_list_drafts_the_section(qtbot, window, tmp_path, services):
    from app.core.document.outline import build_outline, resolve_template
    from app.core.formats.reader import read_document
    from app.core.formats.rectification import write_rectification

    last = read_document(REPORT_A)
    outline = build_outline(last.paragraphs, services.classifier, resolve_template(last, services.templates))
    listing = tmp_path / "上年度整改清单.docx"
    write_rectification(outline, last.paragraphs, listing, classifier=services.classifier)
    _type_three_problems(qtbot, window, tmp_path)
    assert window.chain.import_last_year_dialog(str(listing)) == 7
    window.draft.refresh_outline()
    section = next(s for s in window.draft.outline.sections if s.title == "上年度整改落实情况")
    assert section.number == "四、"
    points = [c for c in section.children if c.kind == "point"]
    assert len(points) == 7 and points[0].title.startswith("持续强化理论武装")
    text = window.draft.qdoc.toPlainText()
    assert text.count("{已完成/持续推进}") == 7


def test_importing_a_file_without_measures_says_so(qtbot, window, tmp_path, message_boxes):
    empty = tmp_path / "空.txt"
    empty.write_text("随便写的一段话。\n", encoding="utf-8")
    before = window.draft.qdoc.toPlainText()
    assert window.chain.import_last_year_dialog(str(empty)) == 0
    assert message_boxes and "没有在这个文件中找到整改措施" in message_boxes[-1]["text"]
    assert window.draft.qdoc.toPlainText() == before



def test_the_group_is_not_recomputed_while_nothing_it_depends_on_changed(qtbot, window, tmp_path, monkeypatch):
    import app.ui.panes.chain_group as chain_group

    _type_three_problems(qtbot, window, tmp_path)
    _put_cursor_after(window, "三、整改措施", qtbot)
    window.update_context()
    first = _rows(window)

    def fail(*args, **kwargs):
        raise AssertionError("recomputed")

    monkeypatch.setattr(chain_group, "for_problems", fail)
    window.phrase_panel.refresh()
    assert _rows(window) == first


def test_the_items_are_on_the_menus(window):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    material = [a.text() for a in menus["素材(&M)"].actions()]
    files = [a.text() for a in menus["文件(&F)"].actions()]
    assert "按问题起草措施(&D)…" in material
    assert files.index("导入上年度整改清单(&Y)…") == files.index("导出整改清单(&L)…") + 1
