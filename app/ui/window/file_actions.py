"""文件 › 新建 / 打开 / 保存 / 另存为, and the 是否保存 question before a draft is replaced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from app import APP_NAME
from app.core.document.templates import Template, new_document
from app.core.paths import templates_dir
from app.ui.host import WindowHost
from app.ui.panes.editor import Editor
from app.ui.preferences import LAST_TEMPLATE_KEY, export_options
from app.ui.window.recent import remember
from app.ui.window.safety import SafetyNet


def template_label(template: Template) -> str:
    """How 新建 lists a template: the user's own are marked, so a copy is told from the original."""
    shipped = templates_dir().resolve()
    source = Path(template.source).resolve() if template.source else shipped
    return template.name if source.parent == shipped else f"{template.name}（我的模板）"


class FileActions(QObject):
    """The file commands of one window; ``parent`` is the window the dialogs open over."""

    def __init__(self, parent: QWidget, host: WindowHost, editor: Editor, safety: SafetyNet) -> None:
        super().__init__(parent)
        self._parent = parent
        self.host = host
        self.editor = editor
        self.safety = safety

    @property
    def draft(self):
        return self.host.draft

    def _last_template_id(self) -> str | None:
        value = self.host.settings.value(LAST_TEMPLATE_KEY)
        return str(value) if value else None

    def new_document(self, template: Template | None = None) -> None:
        template = template or self.host.services.templates.default()
        self.draft.load(new_document(template))
        self.host.settings.setValue(LAST_TEMPLATE_KEY, template.id)
        self.editor.go_to(self.draft.position_of((3, 0)))

    def choose_template_and_new(self) -> None:
        if not self.maybe_save():
            return
        templates = self.host.services.templates.templates
        names = [template_label(t) for t in templates]
        last = self.host.services.templates.get(self._last_template_id())
        current = templates.index(last) if last else 0
        name, ok = QInputDialog.getItem(self._parent, "新建", "选择模板：", names, current, False)
        if ok:
            self.new_document(templates[names.index(name)])

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.draft.path.parent) if self.draft.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self._parent, "打开", start,
                                              "文稿 (*.docx *.txt);;所有文件 (*)")
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open ``path``; on failure say why and leave the current draft untouched."""
        from app.core.errors import DocumentReadError
        from app.core.formats.reader import read_document

        if not self.safety.may_open(path):
            return False
        try:
            document = read_document(path)
        except DocumentReadError as exc:
            self.host.warn("无法打开", str(exc))
            return False
        saved_as_ours = path.suffix.lower() == ".docx"
        self.draft.load(document, path if saved_as_ours else None)
        remember(self.host.settings, path)
        if not saved_as_ours:
            self.host.notify(f"已导入“{path.name}”，保存时将另存为 Word 文档。", 8000)
        self.editor.go_to(0)
        return True

    def save(self) -> bool:
        if self.draft.path is None:
            return self.save_as()
        return self.save_to(self.draft.path)

    def save_as(self) -> bool:
        start = self.draft.path or Path.home() / f"{self.draft.outline.title or '对照检查材料'}.docx"
        path, _ = QFileDialog.getSaveFileName(self._parent, "另存为", str(start), "Word 文档 (*.docx)")
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != ".docx":
            path = path.with_suffix(path.suffix + ".docx") if path.suffix else path.with_suffix(".docx")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        from app.core.errors import SaveError
        from app.core.formats.docx_io import write_docx

        if not self.safety.may_save(path):
            return False
        self.draft.flush()
        try:
            write_docx(self.draft.to_document(), path, export_options(self.host.settings))
        except SaveError as exc:
            self.safety.save_failed()
            self.host.warn("保存失败", f"{exc}\n\n文稿仍在编辑器中，也已自动保存，没有丢失。")
            return False
        self.draft.set_path(path)
        remember(self.host.settings, path)
        self.host.notify(f"已保存到 {path}", 5000)
        return True

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes, as Word does; False means the user cancelled."""
        if not self.draft.qdoc.isModified():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME,
                          f"是否保存对“{self.draft.display_name}”的更改？", parent=self._parent)
        save = box.addButton("保存(&S)", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("不保存(&N)", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        if clicked is cancel or clicked is None:
            return False
        if clicked is save:
            return self.save()
        return True
