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


def test_qt_file_dialog_is_all_chinese(qapp, tmp_path):
    """Linux without a desktop's own dialog: Qt draws it, and every word must be Chinese."""
    import re

    from PySide6.QtCore import Qt, QTranslator
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

    assert install_translations(qapp)
    dialog = QFileDialog(None, "打开", str(tmp_path), "文稿 (*.docx *.txt);;所有文件 (*)")
    try:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        qapp.processEvents()
        texts = [w.text() for w in dialog.findChildren(QLabel)]
        texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
        texts += [a.text() for a in dialog.findChildren(QAction)]
        for view in dialog.findChildren(QTreeView):
            model = view.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal))
                      for c in range(model.columnCount())]
        english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t.replace("&", ""))]
        assert english == []
        assert "大小" in texts and "体积" not in " ".join(texts)
        assert any(t.startswith("查找范围") for t in texts)
    finally:
        dialog.close()
        dialog.deleteLater()
        for child in qapp.findChildren(QTranslator):
            QApplication.removeTranslator(child)
            child.deleteLater()
