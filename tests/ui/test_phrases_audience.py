"""The phrase panel follows the draft's template: an ordinary member's 组织生活会 lists the
member's phrases and the 组织生活会 openings first; a cadre's 民主生活会 does not."""

from __future__ import annotations

from app.core.document.templates import load_templates
from app.core.phrases.audience import MEMBER, ORG_MEETING
from tests.core.phrases.test_audience import MEMBER_TOML
from tests.ui.helpers import listed_ids as _listed_ids
from tests.ui.helpers import put_cursor as _put_cursor


def _member_template(tmp_path, window, monkeypatch):
    """A member's template, known to the window's library as a user template would be."""
    (tmp_path / "member.toml").write_text(MEMBER_TOML, encoding="utf-8")
    template = load_templates(tmp_path).templates[0]
    library = window.services.templates
    monkeypatch.setattr(library, "templates", [*library.templates, template])
    return template


def _phrases(window, ids):
    return [window.services.index.by_id(i) for i in ids]


def test_member_template_lists_member_phrases_first(qtbot, window, tmp_path, monkeypatch):
    window.files.new_document(_member_template(tmp_path, window, monkeypatch))
    assert window.draft.template.audience == "member"
    window.update_context()
    opening = _phrases(window, _listed_ids(window)[:6])
    assert all(ORG_MEETING in p.tags for p in opening), [p.id for p in opening]
    _put_cursor(qtbot, window, "（一）理论学习方面")
    listed = _phrases(window, _listed_ids(window))
    flags = [MEMBER in p.tags for p in listed]
    assert sum(flags) >= 6 and flags == sorted(flags, reverse=True), "member phrases first"
    assert "理论学习 · 问题" in window.phrase_panel.context_label.text()


def test_cadre_template_keeps_member_phrases_below(qtbot, window):
    window.files.new_document(window.services.templates.get("zhuti-2023"))  # six aspects by name
    window.update_context()
    opening = _phrases(window, _listed_ids(window)[:6])
    assert not any("组织生活会" in p.text for p in opening)
    _put_cursor(qtbot, window, "（一）理论学习方面")
    flags = [MEMBER in p.tags for p in _phrases(window, _listed_ids(window))]
    assert flags and not flags[0] and flags == sorted(flags)
