"""Pasting from Word/WPS and pasting a lot: text kept, formatting dropped, nothing blocks."""

from __future__ import annotations

import time

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QFont, QTextCursor

from app.core.formats.docx_io import read_docx


def _paste(window, mime: QMimeData) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.insertFromMimeData(mime)
    window.draft.flush()


WORD_HTML = ("<html><body><p class=MsoNormal style='font-family:宋体;color:red'>"
             "<b><span style='font-size:22pt;background:yellow'>一是学习不够深入。</span></b>"
             "<i>二是运用不够。</i></p><table><tr><td>表格里的字</td></tr></table></body></html>")


def test_paste_from_word_keeps_text_drops_formatting(window):
    mime = QMimeData()
    mime.setHtml(WORD_HTML)
    mime.setText("一是学习不够深入。二是运用不够。\r\n表格里的字")
    _paste(window, mime)
    texts = [b.text() for b in window.draft.blocks()]
    assert "一是学习不够深入。二是运用不够。" in texts and "表格里的字" in texts
    for block in window.draft.blocks():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert fmt.fontWeight() != QFont.Weight.Bold and not fmt.fontItalic()
            assert not fmt.hasProperty(fmt.Property.ForegroundBrush)
            assert not fmt.hasProperty(fmt.Property.BackgroundBrush)
            it += 1


def test_html_only_paste_is_converted_to_text(window):
    mime = QMimeData()
    mime.setHtml(WORD_HTML)
    assert window.editor.canInsertFromMimeData(mime)
    _paste(window, mime)
    plain = window.draft.qdoc.toPlainText()
    assert "一是学习不够深入。二是运用不够。" in plain and "表格里的字" in plain
    assert "<" not in plain and "font-family" not in plain


def test_control_characters_from_word_do_not_block_saving(window, tmp_path):
    mime = QMimeData()
    mime.setText("第一行\x0b第二行\x07\x00\x1f结束")  # Word: manual line break, cell mark
    _paste(window, mime)
    texts = [b.text() for b in window.draft.blocks()]
    assert "第一行" in texts and "第二行结束" in texts
    assert window.files.save_to(tmp_path / "粘贴.docx")
    saved = [p.text for p in read_docx(tmp_path / "粘贴.docx").paragraphs]
    assert "第二行结束" in saved


def test_one_megabyte_paste(window, corpus, capsys):
    """A 1 MB paste stays usable: timed and printed (no timed assertion)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in corpus)
    while len(text.encode("utf-8")) < 1024 * 1024:
        text += "\n" + text
    text = text.encode("utf-8")[:1024 * 1024].decode("utf-8", "ignore")
    mime = QMimeData()
    mime.setText(text)
    start = time.perf_counter()
    window.editor.insertFromMimeData(mime)
    pasted = time.perf_counter()
    window.draft.flush()  # roles, outline tree, phrase panel
    settled = time.perf_counter()
    future = window.safety.autosave.save_now()
    queued = time.perf_counter()
    assert future.result(timeout=60)
    written = time.perf_counter()
    assert window.draft.qdoc.toPlainText().count("\n") >= text.count("\n")
    assert len(window.outline_pane.labels()) > 100
    with capsys.disabled():
        print(f"\n[bench] 1 MB paste ({len(text)} chars, {text.count(chr(10)) + 1} lines): "
              f"insert {pasted - start:.2f} s, outline+panels {settled - pasted:.2f} s, "
              f"autosave snapshot on UI thread {(queued - settled) * 1000:.0f} ms, "
              f"write on worker {written - queued:.2f} s")
