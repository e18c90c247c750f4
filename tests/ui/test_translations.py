"""Qt's own texts (standard buttons, the editor's context menu) are in Chinese."""

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.ui.app import install_translations


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


def test_standard_buttons_and_editor_menu_are_chinese(qapp, window):
    before = _cancel_text()
    assert install_translations(qapp)
    try:
        assert "取消" in _cancel_text() and "取消" not in before
        menu = window.editor.createStandardContextMenu()
        texts = " ".join(a.text() for a in menu.actions())
        assert "剪切" in texts and "粘贴" in texts  # Qt writes 撤消 for Undo
    finally:
        from PySide6.QtCore import QTranslator
        for child in qapp.findChildren(QTranslator):
            QApplication.removeTranslator(child)
            child.deleteLater()
