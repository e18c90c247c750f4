"""Templates as the user meets them: 文件 › 新建, their own templates, and broken ones."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtWidgets import QInputDialog

from app.core.document.templates import META_PLACEHOLDER, load_templates
from app.core.model import Role
from app.core.paths import templates_dir

OWN = '''id = "my-branch"
name = "支部书记述职（自拟）"
title = "支部书记个人对照检查材料"
target_chars = [1500, 2500]

[[sections]]
part = "开头"

[[sections]]
title = "存在的问题"
part = "问题"
aspects = [
  { title = "抓班子带队伍方面", topics = ["管党治党/主体责任"] },
  { title = "联系群众方面", topics = ["宗旨意识/群众工作"] },
]

[[sections]]
title = "原因分析"
part = "原因"

[[sections]]
title = "整改措施"
part = "措施"
'''
BROKEN = 'id = "broken"\nname = "坏模板"\ntitle = "标题"\n[[sections]]\ntitle = "问题"\npart = "问题"\n' \
         'aspects = [\n  { title = "甲方面", topics = ["没有这个主题"] },\n]\n'


@pytest.fixture
def own_window(qtbot, window, user_home):
    """A window started with two user templates in the user data dir, one of them broken."""
    from app.ui.app import settings_for
    from app.ui.window.main_window import MainWindow

    folder = user_home / "templates"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(OWN, encoding="utf-8")
    (folder / "broken.toml").write_text(BROKEN, encoding="utf-8")
    services = dataclasses.replace(window.services, templates=load_templates(templates_dir(), folder))
    win = MainWindow(services, settings_for(user_home))
    qtbot.addWidget(win)
    win.show()
    win.draft.flush()
    yield win
    win.draft.qdoc.setModified(False)


def _choose(monkeypatch, label: str) -> list:
    offered = []

    def choose(parent, title, text, items, current, editable):
        offered.append((list(items), current))
        return label, True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    return offered


def test_broken_user_template_is_reported_in_the_window(qtbot, own_window, message_boxes):
    own_window.start_background_loading()
    qtbot.waitUntil(lambda: any(b["title"] == "模板" for b in message_boxes), timeout=3000)
    text = next(b["text"] for b in message_boxes if b["title"] == "模板")
    assert "broken.toml 第 8 行" in text and "没有这个主题" in text and "已跳过" in text
    assert "mine.toml" not in text


def test_new_offers_the_users_own_template(qtbot, own_window, monkeypatch):
    offered = _choose(monkeypatch, "支部书记述职（自拟）（我的模板）")
    own_window.files.choose_template_and_new()
    items = offered[0][0]
    assert "支部书记述职（自拟）（我的模板）" in items and "2023年度主题教育专题民主生活会（六个方面）" in items
    assert not any("坏模板" in item for item in items)
    labels = [label for _, label in own_window.outline_pane.labels()]
    assert labels == ["开头", "一、存在的问题", "（一）抓班子带队伍方面", "（二）联系群众方面", "二、原因分析",
                      "三、整改措施"]
    total = own_window.draft.outline.total_chars
    assert own_window.count_label.text() == f"字数：{total} / 目标 1500–2500 字（还差 {1500 - total} 字）"
    own_window.files.choose_template_and_new()
    assert offered[1][0][offered[1][1]] == "支部书记述职（自拟）（我的模板）"


def test_new_document_has_title_name_and_date_lines_to_fill(qtbot, window, monkeypatch):
    _choose(monkeypatch, "组织生活会（党员个人，四个检视）")
    window.files.choose_template_and_new()
    paragraphs = window.draft.paragraphs()
    today = dt.date.today()
    assert [(p.role, p.text) for p in paragraphs[:4]] == [
        (Role.TITLE, "组织生活会个人对照检查材料"), (Role.META, META_PLACEHOLDER),
        (Role.META, f"{today.year}年{today.month}月{today.day}日"), (Role.BODY, "")]
    # the cursor waits on the opening paragraph, right under the date
    assert window.editor.textCursor().blockNumber() == 3
    assert window.draft.context_at(window.editor.textCursor()).part == "开头"
