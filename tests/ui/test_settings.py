"""文件 › 设置…: what the user changes there persists, reaches the export and shows at once."""

from __future__ import annotations

import dataclasses

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDialogButtonBox

from app.core.formats.fonts import InstalledFonts
from app.core.model import Role
from app.ui import preferences
from app.ui.app import settings_for
from tests.ui.helpers import put_cursor

WINDOWS_FONTS = ["SimSun", "SimHei", "FangSong", "KaiTi", "Microsoft YaHei"]


@pytest.fixture
def windows_fonts(monkeypatch):
    """This 'PC' has the fonts every Chinese Windows has, but no GB2312 ones."""
    monkeypatch.setattr(preferences, "installed_fonts", lambda: InstalledFonts(WINDOWS_FONTS))


def _menu_action(window, text: str):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text().startswith(text):
                return action
    raise AssertionError(f"no menu item {text}")


def _open_settings(qtbot, window):
    from app.ui.dialogs.settings import SettingsDialog

    _menu_action(window, "设置").trigger()
    shown = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    assert len(shown) == 1
    dialog = shown[0]
    assert not dialog.isModal() or dialog.windowModality().name == "WindowModal"
    return dialog


def _ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _east_asia(path, style: str) -> str:
    rpr = WordDocument(str(path)).styles[style].element.rPr
    return rpr.rFonts.get(qn("w:eastAsia"))


def test_settings_is_in_the_file_menu_and_does_not_block(qtbot, window, windows_fonts):
    dialog = _open_settings(qtbot, window)
    # opened with open(), so the test got here without anyone closing it
    assert dialog.windowTitle() == "设置"
    dialog.reject()


def test_missing_fonts_are_named_with_their_fallbacks(qtbot, window, windows_fonts):
    dialog = _open_settings(qtbot, window)
    status = dialog.font_status.text()
    assert "仿宋_GB2312" in status and "仿宋" in status
    assert "方正小标宋简体" in status and "宋体" in status
    assert dialog.font_boxes["body"].currentText() == "仿宋_GB2312（未安装）"
    assert dialog.use_installed.isEnabled()
    dialog.reject()


def test_picking_installed_fallbacks_reaches_the_export(qtbot, window, windows_fonts, tmp_path):
    dialog = _open_settings(qtbot, window)
    dialog.use_installed.click()
    assert dialog.chosen_font("body") == "仿宋"
    assert dialog.chosen_font("h2") == "楷体"
    assert dialog.chosen_font("title") == "宋体"
    assert "均已安装" in dialog.font_status.text()
    dialog.bold_lead.setChecked(True)
    _ok(dialog)
    out = tmp_path / "报告.docx"
    assert window.files.save_to(out)
    assert _east_asia(out, "Normal") == "仿宋"
    assert _east_asia(out, "Title") == "宋体"
    assert window.settings.value("export/font/body") == "仿宋"
    # and back to the official fonts
    dialog = _open_settings(qtbot, window)
    assert dialog.bold_lead.isChecked()
    dialog.restore_official.click()
    _ok(dialog)
    assert window.files.save_to(out)
    assert _east_asia(out, "Normal") == "仿宋_GB2312"


def test_the_status_bar_hint_follows_the_fonts(qtbot, window, windows_fonts):
    window.refresh_font_hint()
    assert window.font_hint.isVisible()
    assert "3 种" in window.font_hint.text()
    assert "仿宋_GB2312" in window.font_hint.toolTip()
    window.font_hint.click()  # opens 设置
    dialog = window._dialogs["settings"]
    assert dialog.isVisible()
    dialog.use_installed.click()
    _ok(dialog)
    assert not window.font_hint.isVisible()


def test_no_hint_when_the_official_fonts_are_installed(qtbot, window, monkeypatch):
    monkeypatch.setattr(preferences, "installed_fonts",
                        lambda: InstalledFonts(["仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体"]))
    window.refresh_font_hint()
    assert not window.font_hint.isVisible()


def test_editor_font_size_changes_at_once_without_touching_the_draft(qtbot, window, windows_fonts):
    body = next(b for b in window.draft.blocks() if window.draft.role_of(b) is Role.H2)
    before_indent = body.blockFormat().textIndent()
    before_width = window.editor.lineWrapColumnOrWidth()
    assert window.look.char_format(Role.BODY).fontPointSize() == 16
    dialog = _open_settings(qtbot, window)
    dialog.font_pt.setValue(20)
    _ok(dialog)
    assert window.look.char_format(Role.BODY).fontPointSize() == 20
    assert window.look.char_format(Role.TITLE).fontPointSize() == pytest.approx(22 * 20 / 16)
    body = next(b for b in window.draft.blocks() if window.draft.role_of(b) is Role.H2)
    assert body.blockFormat().textIndent() == pytest.approx(before_indent * 20 / 16, rel=0.1)
    assert window.editor.lineWrapColumnOrWidth() > before_width * 1.15
    assert not window.draft.qdoc.isModified()
    assert not window.draft.qdoc.isUndoAvailable()  # no undo step the user never made
    assert window.settings.value(preferences.FONT_PT_KEY) in (20, "20")


def test_autosave_interval_changes_at_once(qtbot, window, windows_fonts):
    dialog = _open_settings(qtbot, window)
    assert dialog.interval.value() == 5
    dialog.interval.setValue(42)
    _ok(dialog)
    assert window.safety.autosave._timer.interval() == 42_000


def test_settings_persist_for_the_next_window(qtbot, loaded_services, user_home, message_boxes,
                                              windows_fonts):
    from app.ui.window.main_window import MainWindow

    services = dataclasses.replace(loaded_services, user_dir=user_home)
    first = MainWindow(services, settings_for(user_home))
    qtbot.addWidget(first)
    dialog = first.show_settings()
    dialog.font_pt.setValue(12)
    dialog.interval.setValue(30)
    other = next(t for t in services.templates.templates if t.id != services.templates.default().id)
    dialog.template.setCurrentIndex(dialog.template.findData(other.id))
    dialog.use_installed.click()
    _ok(dialog)
    first.close()
    second = MainWindow(services, settings_for(user_home))  # a fresh QSettings on the same file
    qtbot.addWidget(second)
    assert second.look.char_format(Role.BODY).fontPointSize() == 12
    assert second.safety.autosave._timer.interval() == 30_000
    assert second.draft.template.id == other.id
    again = second.show_settings()
    assert again.font_pt.value() == 12
    assert again.chosen_font("body") == "仿宋"
    assert again.template.currentData() == other.id
    again.reject()
    second.close()


def test_the_user_data_folder_is_shown_and_opened(qtbot, window, windows_fonts, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = _open_settings(qtbot, window)
    assert dialog.folder.text() == str(window.services.user_dir)
    assert dialog.folder.isReadOnly()
    dialog.open_button.click()
    assert [u.toLocalFile() for u in opened] == [str(window.services.user_dir)]
    dialog.reject()


def test_ok_without_touching_the_template_keeps_following_the_last_pick(qtbot, window,
                                                                        windows_fonts):
    dialog = _open_settings(qtbot, window)
    _ok(dialog)
    assert window.settings.value(preferences.DEFAULT_TEMPLATE_KEY) is None
    other = next(t for t in window.services.templates.templates
                 if t.id != window.services.templates.default().id)
    window.files.new_document(other)  # what 新建 does
    assert preferences.start_template_id(window.settings) == other.id


def test_cancel_changes_nothing(qtbot, window, windows_fonts):
    dialog = _open_settings(qtbot, window)
    dialog.font_pt.setValue(30)
    dialog.use_installed.click()
    dialog.reject()
    assert window.look.char_format(Role.BODY).fontPointSize() == 16
    assert window.settings.value("export/font/body") is None


def test_damaged_settings_fall_back_to_defaults(qtbot, window):
    window.settings.setValue(preferences.FONT_PT_KEY, "大")
    window.settings.setValue("autosave/interval_s", "-3")
    assert preferences.editor_font_pt(window.settings) == 16
    assert preferences.autosave_interval_s(window.settings) == 1


def test_font_size_change_after_typing_keeps_the_undo_history(qtbot, window, windows_fonts):

    put_cursor(qtbot, window, "（一）理论学习方面")
    window.editor.textCursor().insertText("改动")
    window.draft.flush()
    assert window.draft.qdoc.isModified()
    dialog = _open_settings(qtbot, window)
    dialog.font_pt.setValue(18)
    _ok(dialog)
    assert window.look.char_format(Role.BODY).fontPointSize() == 18
    assert window.draft.qdoc.isModified()
    window.undo_action.trigger()  # the user's own edit, not an invisible format step
    assert "（一）理论学习方面改动" not in window.draft.qdoc.toPlainText()
    assert "（一）理论学习方面" in window.draft.qdoc.toPlainText()
    # the indents follow with the next document
    window.files.new_document()
    heading = next(b for b in window.draft.blocks() if window.draft.role_of(b) is Role.H2)
    char_px = QFontMetricsF(window.look.body_font()).horizontalAdvance("字")
    assert heading.blockFormat().textIndent() == pytest.approx(2 * char_px)


def test_every_window_shows_the_font_hint_without_loading_anything(qtbot, window, windows_fonts):
    """A window opened for a recovered draft never starts the loader; it gets the hint too."""
    qtbot.waitUntil(lambda: window.font_hint.isVisible(), timeout=2000)
    assert "3 种" in window.font_hint.text()
