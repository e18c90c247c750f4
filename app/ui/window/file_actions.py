"""文件 › 新建 / 打开 / 保存 / 另存为, and the 是否保存 question before a draft is replaced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from app import APP_NAME
from app.core.document.templates import Template, new_document
from app.ui.draft import DraftDocument
from app.ui.host import WindowHost
from app.ui.long_jobs import JobScope, LongJobs
from app.ui.panes.editor import Editor
from app.ui.preferences import LAST_TEMPLATE_KEY, export_options
from app.ui.review.actions import maybe_new_criticism
from app.ui.window.recent import remember
from app.ui.window.safety import SafetyNet
from app.ui.window.unfinished_prompt import UnfinishedCheck

OPEN_JOB = "open"
SAVE_JOB = "save"


class FileActions(QObject):
    """The file commands of one window; ``parent`` is the window the dialogs open over."""

    def __init__(self, parent: QWidget, host: WindowHost, editor: Editor, safety: SafetyNet,
                 jobs: JobScope | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs or LongJobs().scope()
        self.saving = False  # a save under way (its worker writing)
        self._parent = parent
        self.host = host
        self.editor = editor
        self.safety = safety
        # 按通知新建 from the 新建 dialog: (template to start from, notice file, already asked to save)
        self.ask_notice: Callable[[Template | None, Path | None, bool], None] | None = None
        self.unfinished = UnfinishedCheck(parent, host.draft, editor)  # {字段}/××/empty headings

    @property
    def draft(self) -> DraftDocument:
        return self.host.draft

    def _last_template_id(self) -> str | None:
        value = self.host.settings.value(LAST_TEMPLATE_KEY)
        return str(value) if value else None

    def new_document(self, template: Template | None = None, title: str | None = None,
                     optional: list[str] | None = None) -> None:
        template = template or self.host.services.templates.default()
        self.draft.load(new_document(template, title=title, optional=optional))
        self.host.settings.setValue(LAST_TEMPLATE_KEY, template.id)
        self.editor.go_to(self.draft.position_of((3, 0)))

    def choose_template_and_new(self) -> None:
        """文件 › 新建: each template with its year, aspects and length (app/ui/dialogs/new_document.py)."""
        from app.ui.dialogs.new_document import NOTICE_RESULT, NewDocumentDialog

        if not self.maybe_save():
            return
        dialog = NewDocumentDialog(self.host.services.templates, self._last_template_id(), self._parent)
        result = dialog.exec()
        if result == QDialog.DialogCode.Accepted:
            choice = dialog.choice()
            if not maybe_new_criticism(self._parent, choice.template):  # 相互批评意见 asks for colleagues
                self.new_document(choice.template, choice.title, choice.optional)
        elif result == NOTICE_RESULT and self.ask_notice is not None:
            self.ask_notice(dialog.notice_template, None, True)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.draft.path.parent) if self.draft.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self._parent, "打开", start,
                                              "文稿 (*.docx *.doc *.wps *.txt);;所有文件 (*)")
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open ``path``; on failure say why and leave the current draft untouched."""
        from app.core.errors import DocumentReadError
        from app.ui.window.opening import load_without_freezing, read_without_freezing

        if not self.safety.may_open(path):
            return False
        self.jobs.hold(OPEN_JOB, freeze_after=True)  # reading, then loading a long file in slices
        try:
            document = read_without_freezing(self.host, path)
            # a .txt is named (draft.source) but saved as a new .docx
            load_without_freezing(self.host, self.editor, document, path)
        except DocumentReadError as exc:
            self.host.warn("无法打开", str(exc))
            return False
        finally:
            self.jobs.release(OPEN_JOB)
        saved_as_ours = path.suffix.lower() == ".docx"
        remember(self.host.settings, path)
        if not saved_as_ours:
            self.host.notify(f"已导入“{path.name}”，保存时将另存为 Word 文档。", 8000)
        if document.notice:  # e.g. bytes that were not UTF-8, replaced: say where
            self.host.warn("打开时有提示", document.notice)
        self.editor.go_to(0)
        return True

    def save(self) -> bool:
        if self.draft.path is None:
            return self.save_as()
        return self.save_to(self.draft.path)

    def save_as(self) -> bool:
        start = self.draft.save_hint or Path.home() / f"{self.draft.outline.title or '对照检查材料'}.docx"
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
        from app.ui.window.opening import short_name, without_freezing

        if self.draft.loading_steps:  # half a document must never go over the old file
            self.host.notify("正在打开文稿，请等打开完成后再保存。", 8000)
            return False
        if self.saving:  # (the window's events are served while a long draft is written)
            self.host.notify("正在保存，请稍候。", 5000)
            return False
        if not self.safety.may_save(path) or not self.unfinished.confirm():
            return False
        self.draft.flush()
        document, options = self.draft.to_document(), export_options(self.host.settings)
        was_read_only = self.editor.isReadOnly()
        self.editor.setReadOnly(True)  # what is saved is what the user sees marked saved
        self.saving = True
        self.jobs.hold(SAVE_JOB)
        failed: SaveError | None = None
        try:
            # on a worker thread: 300,000 字 took 360 ms, a frozen window
            without_freezing(self.host, lambda: write_docx(document, path, options),
                             f"正在保存“{short_name(path.name)}”……")
        except SaveError as exc:
            failed = exc
        finally:
            self.saving = False
            self.jobs.release(SAVE_JOB)
            self.editor.setReadOnly(was_read_only)
        if failed is not None:
            if self.safety.save_failed(str(failed)):  # both failed: the user chose 另存为
                return self.save_as()
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
