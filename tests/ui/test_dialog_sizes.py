"""Small dialogs are sized to what they show: a long heading, a long title, 查找 vs 替换."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit

from app.core.model import Document, Paragraph, Role
from app.core.storage.autosave import Snapshot

LONG = "（一）带头强化政治忠诚、提高政治能力，深刻领悟“两个确立”的决定性意义方面"


def test_rename_shows_the_whole_heading(qtbot, window, monkeypatch):
    pane = window.outline_pane
    node = pane.node_at(pane.index_for_label("（一）理论学习方面"))
    node.title = LONG[3:]
    seen = {}

    def fake_exec(dialog):
        edit = dialog.findChild(QLineEdit)
        dialog.adjustSize()
        seen["need"] = edit.fontMetrics().horizontalAdvance(dialog.textValue())
        seen["edit"] = edit.minimumWidth()
        return QInputDialog.DialogCode.Rejected

    monkeypatch.setattr(QInputDialog, "exec", fake_exec)
    assert pane.ask_title(node) == ""
    assert seen["edit"] >= seen["need"]


def test_find_is_smaller_than_replace_and_wide_enough(qtbot, window):
    dialog = window.show_find(True)
    qtbot.waitExposed(dialog)
    replace_height = dialog.height()
    dialog = window.show_find(False)
    qtbot.wait(10)
    assert dialog.height() < replace_height
    assert dialog.find_edit.width() >= dialog.fontMetrics().horizontalAdvance("字") * 20
    dialog.close()


def test_recovery_lists_whole_titles(qtbot, window):
    from app.ui.window.recovery import RecoveryDialog

    doc = Document([Paragraph(Role.TITLE, "关于2026年度民主生活会个人对照检查材料（第二稿，征求意见后修改）"),
                    Paragraph(Role.BODY, "正文。")])
    snaps = [Snapshot.of(f"draft{i}", doc, None) for i in range(3)]
    dialog = RecoveryDialog(snaps, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    item = dialog.list.item(0)
    need = dialog.list.fontMetrics().horizontalAdvance(item.text())
    assert dialog.list.viewport().width() >= need
    assert dialog.list.verticalScrollBar().maximum() == 0  # all three listed
