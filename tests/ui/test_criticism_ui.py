"""文件 › 新建相互批评意见: the colleagues asked for, one section each, 批评 phrases by topic."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.ui.dialogs.criticism_new import CriticismDialog


def _answer(monkeypatch, text: str, title_index: int = 0) -> None:
    def fake_exec(self):
        self.colleagues_edit.setPlainText(text)
        self.title_kind.setCurrentIndex(title_index)
        self._accept()
        return self.result()

    monkeypatch.setattr(CriticismDialog, "exec", fake_exec)


def _new(window):
    return next(a for a in window.menuBar().actions()[0].menu().actions()
                if a.text().startswith("新建相互批评意见"))


def test_new_criticism_lists_the_colleagues_in_the_outline(qtbot, window, monkeypatch):
    _answer(monkeypatch, "张三 分管副局长\n纪检组长\n李四", title_index=2)
    _new(window).trigger()
    labels = [label for _, label in window.outline_pane.labels()]
    assert labels == ["开头", "一、对张三同志（分管副局长）的批评意见", "二、对纪检组长的批评意见",
                      "三、对李四同志的批评意见"]
    assert window.draft.paragraphs()[0].text.endswith("年度民主生活会自我批评和相互批评发言提纲")
    context = window.draft.context_at(window.editor.textCursor())
    assert context.part == "批评"


def test_the_phrase_panel_offers_criticism_by_topic(qtbot, window, monkeypatch):
    _answer(monkeypatch, "张三 分管副局长")
    _new(window).trigger()
    window.update_context()
    panel = window.phrase_panel
    assert panel.criticism_topic.isVisibleTo(panel)
    found = panel.suggestions()
    assert found and {s.phrase.part for s in found} == {"批评"}
    panel.criticism_topic.setCurrentText("班子团结")
    found = panel.suggestions()
    assert len(found) >= 20
    assert all("班子团结" in s.phrase.tags for s in found[:20])
    # an ordinary report never gets them, and the topic box hides
    window.files.new_document()
    window.update_context()
    assert not panel.criticism_topic.isVisibleTo(panel)
    assert all(s.phrase.part != "批评" for s in panel.suggestions())


def test_an_empty_colleague_list_is_refused_with_a_reason(qtbot):
    dialog = CriticismDialog()
    qtbot.addWidget(dialog)
    dialog._accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "至少填写一位" in dialog.error.text()
