"""Before saving: ask once (继续保存 / 返回修改) when {字段}, ×× or empty headings are left."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.core.check.unfinished import Unfinished, find_unfinished


class UnfinishedCheck:
    """Asks before a save while the draft still has blanks; the same blanks are asked about
    once per document (新建/打开 forget the answer), new ones are asked about again."""

    def __init__(self, parent, draft, editor) -> None:
        self.parent = parent
        self.draft = draft
        self.editor = editor
        self._accepted: tuple | None = None
        draft.loaded.connect(self.forget)

    def forget(self) -> None:
        self._accepted = None

    def accept_current(self) -> None:
        """Save the blanks there are now without asking (the smoke test's export)."""
        self._accepted = self.current().key

    def current(self) -> Unfinished:
        draft = self.draft
        draft.flush()
        text = "\n".join(p.text for p in draft.paragraphs())
        return find_unfinished(text, draft.outline)

    def confirm(self) -> bool:
        """True to go on saving; False to go back and edit (the cursor goes to the first blank)."""
        unfinished = self.current()
        if not unfinished or unfinished.key == self._accepted:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, "还有未完成的内容",
                          "文稿中还有没填写的内容：\n\n" + "\n".join(unfinished.lines())
                          + "\n\n仍然保存吗？", QMessageBox.StandardButton.NoButton, self.parent)
        box.addButton("继续保存", QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton("返回修改", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        if box.clickedButton() is back:
            self._go_to_first(unfinished)
            return False
        self._accepted = unfinished.key  # asked once: the same blanks do not ask again
        return True

    def _go_to_first(self, unfinished: Unfinished) -> None:
        start, end = unfinished.first_span
        if start < 0:
            return
        from app.ui.panes.check_pane import qt_offsets

        to_qt = qt_offsets("\n".join(p.text for p in self.draft.paragraphs()))
        self.editor.select_range(to_qt(start), to_qt(end))  # ready to type over
