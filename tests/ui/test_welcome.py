"""The first-run welcome: shown once over an untouched new draft, never in the way of crash
recovery or of a file opened on start, and never modal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.formats.fonts import InstalledFonts
from app.core.storage.autosave import Snapshot
from app.ui import preferences
from app.ui.app import start_up
from app.ui.dialogs.welcome import WelcomeOverlay
from app.ui.preferences import SHOWN_KEY
from app.ui.window.recovery import autosave_store


@pytest.fixture(autouse=True)
def no_gb2312_fonts(monkeypatch):
    monkeypatch.setattr(preferences, "installed_fonts", lambda: InstalledFonts(["SimSun", "FangSong"]))


def _start(window, windows=None):
    store = autosave_store(window.services.user_dir)
    start_up(window, store, lambda: (windows or []).pop())
    return window.findChild(WelcomeOverlay)


def test_first_start_welcomes_over_the_default_template(qtbot, window):
    overlay = _start(window)
    assert overlay is not None and overlay.isVisible()
    assert QApplication.activeModalWidget() is None  # nothing waits for it
    default = window.services.templates.default()
    assert window.draft.template.id == default.id
    text = overlay.main_card.label.text()
    assert "欢迎使用明镜" in text and default.name in text
    assert "不连接网络" in text and "账号" in text and "激活" in text
    panes = " ".join(card.label.text() for card in overlay.pane_cards)
    for word in ("大纲", "正文", "素材"):
        assert word in panes
    # each card sits over its pane
    for card, index in zip(overlay.pane_cards, range(3), strict=False):
        pane = window.splitter.widget(index)
        centre = card.geometry().center().x()
        assert pane.geometry().left() <= centre <= pane.geometry().right()
    # the missing fonts are said here, once
    assert "仿宋_GB2312" in text and "替代字体" in text
    assert str(window.settings.value(SHOWN_KEY)).lower() == "true"


def test_the_welcome_goes_away_with_esc_and_the_editor_gets_the_keys(qtbot, window):
    overlay = _start(window)
    overlay.setFocus()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    qtbot.waitUntil(lambda: window.findChild(WelcomeOverlay) is None, timeout=2000)


def test_start_writing_button_closes_it(qtbot, window):
    overlay = _start(window)
    qtbot.mouseClick(overlay.start_button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()


def test_shown_once(qtbot, window):
    first = _start(window)
    first.dismiss()
    qtbot.waitUntil(lambda: window.findChild(WelcomeOverlay) is None, timeout=2000)
    assert _start(window) is None


def test_not_over_a_draft_recovered_after_a_crash(qtbot, window, monkeypatch):
    from app.core.model import Document, Paragraph, Role

    store = autosave_store(window.services.user_dir)
    doc = Document([Paragraph(Role.TITLE, "崩溃前的稿子"), Paragraph(Role.BODY, "正文内容。")])
    store.write(Snapshot.of("crashed0001", doc, None))
    monkeypatch.setenv("MINGJING_RECOVERY_ANSWER", "recover")
    assert _start(window) is None
    assert "崩溃前的稿子" in window.draft.qdoc.toPlainText()
    assert window.settings.value(SHOWN_KEY) is None  # it waits for a quiet start


def test_not_while_recovery_was_put_off(qtbot, window, monkeypatch):
    from app.core.model import Document, Paragraph, Role

    store = autosave_store(window.services.user_dir)
    store.write(Snapshot.of("crashed0002", Document([Paragraph(Role.BODY, "稿子")]), None))
    monkeypatch.setenv("MINGJING_RECOVERY_ANSWER", "later")
    assert _start(window) is None


def test_not_over_a_file_opened_on_start(qtbot, window, tmp_path):
    path = tmp_path / "材料.txt"
    path.write_text("一、检视的问题\n（一）理论学习方面\n学习不够深入。\n", encoding="utf-8")
    assert window.files.open_path(path)
    assert _start(window) is None
    assert "学习不够深入" in window.draft.qdoc.toPlainText()
