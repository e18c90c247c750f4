"""Big documents (issue 19): opened whole, in the official look, without the quadratic
highlighter; beyond the open limit a clear message; the matcher bounded."""

from __future__ import annotations

import pytest

from app.core.formats.docx_io import DocumentReadError
from app.core.formats.limits import MAX_CHARS
from app.core.formats.reader import read_document


def _long_report(paragraphs: int) -> str:
    lines = ["某某同志对照检查材料"]
    for i in range(paragraphs // 10):
        lines.append(f"{'一二三四五六七八九'[i % 9]}、检视的问题")
        lines += [f"第{i}组第{j}段：理论学习不够深入，运用党的创新理论指导实践还有差距。" for j in range(9)]
    return "\n".join(lines)


def test_long_report_opens_whole_in_the_official_look(window, tmp_path, monkeypatch):
    from app.core.model import Role
    from app.ui.look import OfficialHighlighter

    def quadratic(self):
        raise AssertionError("rehighlight() tells the layout about every block: quadratic")

    monkeypatch.setattr(OfficialHighlighter, "rehighlight", quadratic)
    path = tmp_path / "长.txt"
    text = _long_report(6000)
    path.write_text(text, encoding="utf-8")
    assert window.files.open_path(path)
    assert window.draft.qdoc.toPlainText() == text
    assert not window.editor.isReadOnly()
    block = window.draft.qdoc.findBlockByNumber(1)  # a heading
    formats = block.layout().formats()
    expected = window.draft.look.char_format(Role.H1)
    assert formats and formats[0].format.fontFamilies() == expected.fontFamilies()
    last = window.draft.qdoc.lastBlock()
    assert last.layout().formats()[0].format.fontFamilies() == \
        window.draft.look.char_format(Role.BODY).fontFamilies()
    assert window.draft.outline.sections  # outline built once the load finished
    window.draft.qdoc.setModified(False)


def test_second_load_cancels_a_load_in_steps(window, qtbot):
    from app.core.document.numbering import recognize_text
    from app.core.model import Document

    big = Document(recognize_text(_long_report(3000)), None)
    small = Document(recognize_text("一、检视的问题\n短文。"), None)
    finished = []
    window.draft.load_in_steps(big, None, lambda p: None, lambda: finished.append(True))
    window.draft.load(small)
    qtbot.wait(50)
    assert window.draft.qdoc.toPlainText() == "一、检视的问题\n短文。"
    assert finished == [True] and not window.draft.loading_steps


def test_beyond_the_open_limit_says_so(tmp_path):
    path = tmp_path / "太长.txt"
    path.write_text("学习" * (MAX_CHARS // 2 + 1000), encoding="utf-8")
    with pytest.raises(DocumentReadError, match="上限"):
        read_document(path)


def test_pairing_in_a_document_of_many_reports_is_bounded():
    from app.core.document import pairing
    from app.core.document.outline import OutlineNode
    from app.core.document.pairing import Item, answers

    calls = []
    real = pairing._cosine

    def counted(a, b):
        calls.append(1)
        return real(a, b)

    problems, measures = [], []
    for block in range(40):  # forty reports pasted one after another
        for i in range(20):
            node = OutlineNode("point", "一是", "", 3, (block * 100 + i, 0), (block * 100 + i + 1, 0))
            problems.append(Item(f"问题{block}之{i}：理论学习不够深入。", "理论学习不够深入。", (), node))
        for i in range(20):
            node = OutlineNode("point", "一是", "", 3, (block * 100 + 50 + i, 0),
                               (block * 100 + 51 + i, 0))
            measures.append(Item(f"措施{block}之{i}：深入学习理论。", "深入学习理论。", (), node))
    pairing._cosine = counted
    try:
        found = answers(problems, measures)
    finally:
        pairing._cosine = real
    assert len(calls) <= 3 * 40 * 20 * 20  # within each report, not 800 × 800
    assert all(a.measure is None or a.measure // 20 == i // 20 for i, a in enumerate(found))
