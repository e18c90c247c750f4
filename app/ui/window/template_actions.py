"""文件 › 新建 (with each template's aspects, year and length), 按通知新建…, and the
template-and-phrase packs: 导出模板与素材包…, 导入模板与素材包…, 管理已导入的素材包….

The engine does the work (``app.core.document.notice``,
``app.core.packs``); this module asks and tells.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMenuBar, QWidget

from app.core.document.templates import Template
from app.ui.dialogs.ask import ask, tell
from app.ui.host import WindowHost
from app.ui.window.file_actions import FileActions
from app.ui.window.library_actions import LibraryActions

NOTICE_TEXT = "按通知新建(&B)…"
EXPORT_TEXT = "导出模板与素材包(&E)…"
IMPORT_TEXT = "导入模板与素材包(&I)…"
MANAGE_TEXT = "管理已导入的素材包(&K)…"


class TemplateActions(QObject):
    """The four menu items; ``parent`` is the window the dialogs open over."""

    def __init__(self, parent: QWidget, host: WindowHost, files: FileActions, library: LibraryActions) -> None:
        super().__init__(parent)
        self._parent = parent
        self.host = host
        self.files = files
        self.library = library
        files.ask_notice = self.notice_new
        self.notice_action = self._item(NOTICE_TEXT, lambda: self.notice_new(),
                                        "粘贴或打开上级通知，找出主题和各方面，存为我的模板")
        self.export_action = self._item(EXPORT_TEXT, lambda: self.export_pack(), "把模板和我的素材打成一个文件，发给其他同志")
        self.import_action = self._item(IMPORT_TEXT, lambda: self.import_pack(), "导入组织部门或同事发来的模板与素材包")
        self.manage_action = self._item(MANAGE_TEXT, self.manage_packs, "查看、移除导入的素材包")

    def _item(self, text: str, slot, tip: str) -> QAction:
        action = QAction(text, self._parent)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def install(self, bar: QMenuBar) -> None:
        """Put 按通知新建 after 新建 and the pack items after the export items of 文件."""
        menu = cast(QMenu, bar.actions()[0].menu())
        items = menu.actions()
        after_new = next(i for i, a in enumerate(items) if a.text().startswith("新建")) + 1
        menu.insertAction(items[after_new], self.notice_action)
        items = menu.actions()
        last_export = max(i for i, a in enumerate(items) if a.text().startswith(("导出", "一键排版")))
        before = items[last_export + 1] if last_export + 1 < len(items) else None
        for action in (self.export_action, self.import_action, self.manage_action):
            if before is None:
                menu.addAction(action)
            else:
                menu.insertAction(before, action)

    def _changed(self) -> None:
        """Templates or phrases were added or taken out: reload, rebuild the phrase index."""
        services = self.host.services
        services.templates.reload()
        services.reindex()
        self.library.phrase_panel.library_changed()

    # --- 按通知新建 ---------------------------------------------------------------------------
    def notice_new(self, start: Template | None = None, notice_file: Path | None = None,
                   asked_to_save: bool = False) -> None:
        from app.ui.dialogs.notice_dialog import ask_notice_template

        template, create = ask_notice_template(self.host.services, self._parent, start, notice_file)
        if template is None:
            return
        self.host.notify(f"已保存模板“{template.name}”。", 8000)
        if create and (asked_to_save or self.files.maybe_save()):
            self.files.new_document(template)

    # --- packs --------------------------------------------------------------------------------
    def export_pack(self, output: Path | None = None) -> bool:
        from app import __version__
        from app.core.packs.pack import SUFFIX, PackError, write_pack
        from app.core.storage.files import SaveError
        from app.ui.dialogs.new_document import offered
        from app.ui.dialogs.packs import ExportPackDialog

        w = self._parent
        dialog = ExportPackDialog(offered(self.host.services.templates), self.host.services.library.phrases(), w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        templates, phrases = dialog.chosen_templates(), dialog.chosen_phrases()
        if output is None:
            name = dialog.name.text().strip() or "模板与素材包"
            path, _ = QFileDialog.getSaveFileName(w, "导出模板与素材包", str(Path.home() / f"{name}{SUFFIX}"),
                                                  f"明镜素材包 (*{SUFFIX})")
            if not path:
                return False
            output = Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX)
        try:
            write_pack(output, dialog.name.text(), templates, phrases, dialog.description.text().strip(), __version__)
        except (PackError, SaveError) as exc:
            self.host.warn("导出模板与素材包", str(exc))
            return False
        tell(w, "导出模板与素材包", f"已导出“{output.name}”：模板 {len(templates)} 个，"
                                f"素材 {len(phrases)} 条。\n把这个文件拷给其他同志，在明镜里“导入模板与素材包”即可。")
        return True

    def import_pack(self, path: Path | None = None) -> bool:
        from app.core.packs.install import apply_import, plan_import
        from app.core.packs.pack import SUFFIX, PackError, read_pack
        from app.ui.dialogs.packs import ImportPackDialog

        w = self._parent
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(w, "导入模板与素材包", str(Path.home()),
                                                    f"明镜素材包 (*{SUFFIX} *.zip);;所有文件 (*)")
            if not chosen:
                return False
            path = Path(chosen)
        services = self.host.services
        try:
            contents = read_pack(path)
        except PackError as exc:
            self.host.warn("导入模板与素材包", f"{exc}\n\n没有写入任何内容。")
            return False
        plan = plan_import(contents, services.templates, services.library,
                           (p.text for p in services.phrasebank.phrases), services.user_dir)
        dialog = ImportPackDialog(plan, w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            result = apply_import(plan, dialog.decisions(), services.templates, services.library,
                                  services.user_dir, path.name)
        except PackError as exc:
            self.host.warn("导入模板与素材包", str(exc))
            return False
        self._changed()
        skipped = f"；跳过模板：{'、'.join(result.skipped)}" if result.skipped else ""
        tell(w, "导入模板与素材包", f"已导入模板 {len(result.templates)} 个、素材 {result.phrases} 条"
                                f"{skipped}。\n新的模板在“文件 › 新建”中；不需要时可在“管理已导入的素材包”中整包移除。")
        return True

    def manage_packs(self) -> None:
        from app.core.packs.install import installed_packs, remove_pack
        from app.core.packs.pack import PackError
        from app.ui.dialogs.packs import ManagePacksDialog

        w = self._parent
        services = self.host.services

        def remove(pack: dict) -> bool:
            if not ask(w, "移除素材包", f"移除素材包“{pack.get('name', '')}”？\n它带来的模板和素材将被删除，"
                       "被它替换的模板会恢复。", "移除", "取消"):
                return False
            try:
                remove_pack(services.user_dir, pack["id"], services.library)
            except PackError as exc:
                self.host.warn("移除素材包", str(exc))
                return False
            self._changed()
            return True

        ManagePacksDialog(installed_packs(services.user_dir), remove, w).exec()
