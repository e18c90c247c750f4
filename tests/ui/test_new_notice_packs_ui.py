"""文件 › 新建 with each template's facts, 按通知新建…, and the template-and-phrase packs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from app.core.document.templates import load_templates
from app.core.model import Role
from app.core.paths import templates_dir
from app.core.phrases.library import open_library
from app.ui.dialogs.new_document import NewDocumentDialog, template_label
from app.ui.dialogs.notice_dialog import NoticeDialog

NOTICES = Path(__file__).resolve().parents[1] / "data" / "notices"
FIVE = ["带头强化政治忠诚、提高政治能力", "带头固本培元、增强党性", "带头敬畏人民、敬畏组织、敬畏法纪",
        "带头干事创业、担当作为", "带头坚决扛起管党治党责任"]


def _row(dialog: NewDocumentDialog, template_id: str) -> None:
    dialog.select(template_id)


@pytest.fixture
def own(window, user_home, monkeypatch):
    """This test's own templates and library (the session's are shared by every test)."""
    window.services.templates = load_templates(templates_dir(), user_home / "templates")
    window.services.library = open_library(user_home)
    changed: list[int] = []
    monkeypatch.setattr(window.services, "reindex", lambda: changed.append(1))  # the index is shared too
    return changed


def test_new_shows_year_aspects_length_and_choices(qtbot, window):
    dialog = NewDocumentDialog(window.services.templates, None, window)
    qtbot.addWidget(dialog)
    assert dialog.current().id == "minzhu-2025"  # the default is listed first and chosen
    assert dialog.facts.text() == "2025年度 · 5 个方面 · 目标 2500–6000 字 · 领导干部"
    assert all(title in dialog.aspects.text() for title in FIVE)
    assert "二十届四中全会" in dialog.theme.text()
    assert [c.text() for c in dialog.checks] == ["上年度民主生活会整改落实情况",
                                                "深入贯彻中央八项规定精神学习教育整改整治情况", "反面典型案例剖析"]
    assert [dialog.title.itemText(i) for i in range(dialog.title.count())] == [
        "2025年度民主生活会个人发言提纲", "2025年度民主生活会个人对照检查材料", "2025年度民主生活会对照检查发言材料"]
    assert not dialog.pending.isVisibleTo(dialog)
    _row(dialog, "zuzhi-dangyuan-2025")
    assert dialog.facts.text() == "2025年度 · 9 个方面 · 目标 1000–2500 字 · 普通党员"
    assert "（六）工作纪律方面" in dialog.aspects.text() and not dialog.optional_box.isVisibleTo(dialog)
    _row(dialog, "minzhu-2026")
    assert dialog.pending.isVisibleTo(dialog) and "待按通知修改" in dialog.pending.text()
    assert dialog.from_notice.text() == "按通知修改…"
    labels = [template_label(t) for t in dialog.templates]
    assert labels.index("2025年度民主生活会（五个带头）") == 0
    assert labels.index("2026年度民主生活会（待按通知修改）") < labels.index("2024年度民主生活会（四个带头）")


def test_new_with_a_chosen_title_and_optional_sections(qtbot, window, monkeypatch):
    def choose(dialog):
        dialog.select("minzhu-2025")
        dialog.title.setCurrentIndex(1)
        dialog.checks[0].setChecked(True)
        dialog.checks[2].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDocumentDialog, "exec", choose)
    window.files.choose_template_and_new()
    paragraphs = window.draft.paragraphs()
    assert paragraphs[0].text == "2025年度民主生活会个人对照检查材料"
    assert [p.text for p in paragraphs if p.role is Role.H1] == [
        "一、上年度民主生活会整改落实情况", "二、反面典型案例剖析", "三、对照检查的问题", "四、问题产生的原因",
        "五、努力方向和整改措施"]
    assert window.draft.template.id == "minzhu-2025"
    labels = [label for _, label in window.outline_pane.labels()]
    assert "（五）带头坚决扛起管党治党责任" in labels


def test_notice_dialog_finds_edits_and_saves_a_template(qtbot, window, own):
    dialog = NoticeDialog(window.services, window)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText((NOTICES / "arabic_dun_2026.txt").read_text(encoding="utf-8"))
    dialog.recognise()
    assert dialog.table.rowCount() == 5 and dialog.year.value() == 2026
    assert dialog.name.text() == "2026年度民主生活会（按通知）" and "十五五" in dialog.theme.toPlainText()
    assert "找到 5 个方面" in dialog.status.text()
    # rename: the topics follow the new words
    dialog.table.item(2, 0).setText("带头廉洁自律、严守纪律")
    assert "廉洁自律" in dialog.aspects()[2].topics
    # correct a topic by hand; remove one; add one; move it up
    dialog.table.cellWidget(1, 1).setCurrentText("担当作为")
    assert dialog.aspects()[1].topics == ("担当作为",)
    dialog.table.setCurrentCell(4, 0)
    dialog.remove_aspect()
    dialog.table.setCurrentCell(3, 0)
    dialog.add_aspect()
    dialog.table.item(4, 0).setText("带头发扬斗争精神")
    dialog.move(-1)
    titles = [a.title for a in dialog.aspects()]
    assert titles[3] == "带头发扬斗争精神" and len(titles) == 5
    assert dialog.aspects()[1].topics == ("担当作为",)  # a hand-picked topic survives a move
    assert dialog.save(create=True)
    saved = dialog.saved
    assert saved is not None and window.services.templates.get(saved.id) is saved
    assert [a.title for a in saved.problem_aspects()] == titles
    assert window.services.templates.default().id == saved.id
    assert (window.services.user_dir / "templates" / f"{saved.id}.toml").exists()


def test_notice_from_the_pending_2026_template_starts_with_its_aspects(qtbot, window, own, monkeypatch):
    started = []

    def choose(dialog):
        dialog.select("minzhu-2026")
        dialog._ask_notice()
        return 2

    def notice_exec(dialog):
        started.append([a.title for a in dialog.aspects()])
        dialog.text.setPlainText((NOTICES / "yishi_inline_2025.txt").read_text(encoding="utf-8").replace(
            "2025年度", "2026年度"))
        dialog.recognise()
        dialog.save(create=True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDocumentDialog, "exec", choose)
    monkeypatch.setattr(NoticeDialog, "exec", notice_exec)
    window.files.choose_template_and_new()
    assert started == [FIVE]
    assert window.draft.template.name == "2026年度民主生活会（按通知）"
    assert window.draft.paragraphs()[0].text == "2026年度民主生活会个人发言提纲"
    # the pending 2026 template is no longer offered once this year's notice is in
    dialog = NewDocumentDialog(window.services.templates, None, window)
    qtbot.addWidget(dialog)
    ids = [t.id for t in dialog.templates]
    assert "minzhu-2026" not in ids and ids[0] == window.draft.template.id


def test_pack_export_then_import_in_the_window(qtbot, window, own, monkeypatch, tmp_path, message_boxes):
    from app.ui.dialogs.packs import ExportPackDialog, ImportPackDialog

    window.services.library.add("坚持以实干出政绩，{时间}前完成调研。", "措施", ("担当作为",), source="组织部")
    chosen = {}

    def export_exec(dialog):
        dialog.name.setText("组织部2026")
        for i, template in enumerate(dialog.templates):
            if template.id == "minzhu-2025":
                dialog.template_list.item(i).setCheckState(dialog.template_list.item(i).checkState().Checked)
        chosen["phrases"] = len(dialog.chosen_phrases())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportPackDialog, "exec", export_exec)
    pack = tmp_path / "组织部2026.mjpack"
    assert window.template_actions.export_pack(pack)
    assert chosen["phrases"] == 1 and pack.exists()
    assert "已导出" in message_boxes[-1]["text"]
    # import it back: the shipped 2025 clashes, the dialog shows it and the choice is asked
    shown = {}

    def import_exec(dialog):
        shown["summary"] = dialog.plan.summary()
        shown["clashes"] = list(dialog.combos)
        dialog.combos["minzhu-2025"].setCurrentIndex(0)  # skip
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPackDialog, "exec", import_exec)
    assert window.template_actions.import_pack(pack)
    assert shown["clashes"] == ["minzhu-2025"] and "素材包“组织部2026”" in shown["summary"]
    assert "跳过模板：2025年度民主生活会（五个带头）" in message_boxes[-1]["text"]
    from app.core.packs.install import installed_packs

    assert [p["name"] for p in installed_packs(window.services.user_dir)] == ["组织部2026"]
    assert own == [1]  # the phrase index was rebuilt


def test_a_bad_pack_is_refused_with_a_message(qtbot, window, own, tmp_path, message_boxes):
    bad = tmp_path / "坏.mjpack"
    bad.write_bytes(b"not a zip at all")
    assert not window.template_actions.import_pack(bad)
    assert "不是有效的素材包" in message_boxes[-1]["text"] and "没有写入任何内容" in message_boxes[-1]["text"]


def test_menu_items(window):
    items = [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()]
    assert items[:2] == ["新建(&N)…", "按通知新建(&B)…"]
    assert {"导出模板与素材包(&E)…", "导入模板与素材包(&I)…", "管理已导入的素材包(&K)…"} <= set(items)
