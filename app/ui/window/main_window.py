"""The main window: the switchboard of three panes in a splitter, the helpers that carry out
its commands (file_actions, library_actions, export_actions, check_dock, menus, safety,
loading, geometry) and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from app import APP_NAME
from app.core.document.outline import Outline
from app.core.errors import RestructureError
from app.core.services import Services
from app.core.text import count_like_word
from app.ui.dialogs.settings import FontHint
from app.ui.draft import DraftDocument
from app.ui.long_jobs import LongJobs
from app.ui.look import OfficialLook
from app.ui.panes.editor import Editor
from app.ui.panes.outline_pane import OutlinePane
from app.ui.panes.phrase_pane import PhrasePanel
from app.ui.preferences import (
    autosave_interval_s,
    editor_zoom,
    font_report,
    start_template_id,
)
from app.ui.window.chain_actions import ChainActions
from app.ui.window.check_dock import CheckDock
from app.ui.window.export_actions import ExportActions
from app.ui.window.file_actions import FileActions
from app.ui.window.geometry import restore_geometry, save_geometry
from app.ui.window.library_actions import LibraryActions
from app.ui.window.loading import BackgroundLoading
from app.ui.window.menus import build_menus
from app.ui.window.safety import SafetyNet
from app.ui.window.template_actions import TemplateActions
from app.ui.window.view import ViewActions

_D = TypeVar("_D", bound=QWidget)  # a non-modal helper dialog

CONTEXT_DELAY_MS = 60
USAGE_DELAY_MS = 400
LIKE_WORD_OFF_THREAD = 2000  # paragraphs not counted yet: counted on a worker thread
OUTLINE_JOB = "outline"  # the outline pane making a long document's rows


def count_text(total: int, target: tuple[int, int] | None, like_word: int | None = None) -> str:
    """The status bar's 字数 (汉字, and about what Word's 字数统计 says), against the
    template's target range when there is one."""
    figure = f"字数：汉字 {total}" + (f"，含标点约 {like_word}" if like_word is not None else "")
    if not target:
        return figure
    low, high = target
    where = f"还差 {low - total} 字" if total < low else (f"超出 {total - high} 字" if total > high else "在范围内")
    return f"{figure} / 目标 {low}–{high} 字（{where}）"


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: QSettings, parent=None,
                 jobs: LongJobs | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.look = OfficialLook(editor_zoom(settings))
        self.draft = DraftDocument(services, self.look, self)
        self.outline_pane = OutlinePane()
        self.editor = Editor(self.draft)
        self.phrase_panel = PhrasePanel(services)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for pane in (self.outline_pane, self.editor, self.phrase_panel):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.splitterMoved.connect(lambda *_: self.view_actions.sync())
        self.setCentralWidget(self.splitter)
        self.section_label = QLabel()
        self.count_label = QLabel()
        # Both permanent (right side), so temporary messages on the left never cover them.
        self.statusBar().addPermanentWidget(self.section_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.font_hint = FontHint()
        self.font_hint.clicked.connect(self.show_settings)
        self.statusBar().insertPermanentWidget(0, self.font_hint)
        self._dialogs: dict[str, QWidget] = {}  # non-modal helpers, made on first use
        self._context_timer = QTimer(self, singleShot=True, interval=CONTEXT_DELAY_MS)
        self._context_timer.timeout.connect(self.update_context)
        self._like_word_cache: dict[str, int] = {}
        self._usage_timer = QTimer(self, singleShot=True, interval=USAGE_DELAY_MS)
        self._usage_timer.timeout.connect(self.update_usage)
        self.jobs = (jobs or LongJobs()).scope()  # no cyclic GC, a short GIL switch interval (app/ui/long_jobs.py)
        self.loading = BackgroundLoading(services, self.phrase_panel.refresh, self, self.jobs)
        self.safety = SafetyNet(self, self)  # autosave, file lock (app/ui/window/safety.py)
        self.files = FileActions(self, self, self.editor, self.safety, self.jobs)
        self.library = LibraryActions(self, self, self.editor, self.phrase_panel)
        self.export_actions = ExportActions(self, self, self.files)
        self.checks = CheckDock(self, self, self.editor, self.jobs)
        self.template_actions = TemplateActions(self, self, self.files, self.library)
        menus = build_menus(self, self, self, self.files, self.library, self.export_actions, self.checks,
                            self.editor)
        self.undo_action, self.redo_action, self.recent = menus.undo_action, menus.redo_action, menus.recent
        self.template_actions.install(self.menuBar())  # 按通知新建, 模板与素材包
        self.view_actions = ViewActions(self)  # 视图: zoom, side panes (app/ui/window/view.py)
        self.menuBar().insertMenu(self.menuBar().actions()[2], self.view_actions.menu)
        self.chain = ChainActions(self, self, self.editor, self.phrase_panel)  # 对应问题, 按问题起草措施, 上年度整改
        self.chain.add_to_menus(self.menuBar())
        self._connect()
        restore_geometry(self, self.splitter, settings)
        self.view_actions.sync()
        self.files.new_document(self.services.templates.get(start_template_id(self.settings)))
        QTimer.singleShot(0, self.refresh_font_hint)  # every window (recovered ones too)

    # --- wiring ---------------------------------------------------------------------------
    def _connect(self) -> None:
        self.draft.outlineChanged.connect(self._on_outline)
        self.draft.loadStarted.connect(self.outline_pane.show_loading)  # not the old draft's outline
        self.outline_pane.settled.connect(lambda: self.jobs.release(OUTLINE_JOB))
        self.draft.fileChanged.connect(self._update_title)
        self.draft.qdoc.modificationChanged.connect(self.setWindowModified)
        self.outline_pane.nodeActivated.connect(
            lambda pos: self.editor.go_to(self.draft.position_of(pos)))
        self.outline_pane.nodeSelected.connect(
            lambda pos: self.editor.go_to(self.draft.position_of(pos), focus=False))
        pane, draft = self.outline_pane, self.draft
        pane.moveRequested.connect(lambda node, parent, row: self._restructure(draft.move_node, node, parent, row))
        pane.deleteRequested.connect(lambda node: self._restructure(draft.delete_node, node))
        pane.renameRequested.connect(lambda node, title: self._restructure(draft.rename_node, node, title))
        pane.addPointRequested.connect(lambda node: self._restructure(draft.add_point, node))
        self.editor.cursorPositionChanged.connect(self._context_timer.start)
        self.phrase_panel.phraseActivated.connect(self.editor.insert_phrase_at_cursor)
        self.editor.phraseInserted.connect(self.library.record_use)
        self.editor.addToLibraryRequested.connect(self.library.add_to_library)
        self.phrase_panel.manageRequested.connect(self.library.manage_library)
        self.editor.hintRequested.connect(lambda text: self.notify(text, 6000))

    # --- derived state --------------------------------------------------------------------
    def _on_outline(self, outline: Outline) -> None:
        self.outline_pane.set_outline(outline)
        if self.outline_pane.building:  # a long document's rows, a slice per turn
            self.jobs.hold(OUTLINE_JOB, freeze_after=True)
        self._show_count()
        self.count_label.setToolTip("汉字：只数汉字，不含标点和数字（目标字数按此计算）。\n"
                                    "含标点：与 Word“字数统计”中的“字数”一致，汉字和标点各算一个，"
                                    "一串英文字母或数字算一个。")
        # Re-ranking and the 已用 marks wait for a pause in typing, off the keystroke path.
        self._usage_timer.start()
        self._context_timer.start()

    def _show_count(self) -> None:
        target = self.draft.template.target_chars if self.draft.template else None
        like_word = self._count_like_word()
        self.count_label.setText(count_text(self.draft.outline.total_chars, target, like_word))

    def _counted(self, counts: dict[str, int]) -> None:
        self._like_word_cache.update(counts)
        self._show_count()

    def _count_like_word(self) -> int | None:
        """Word's 字数 of the draft, counted per paragraph and cached by paragraph text: a
        keystroke recounts one paragraph, not the whole draft.  A long draft just opened is
        counted on a worker thread (60 ms at 5 MB): None until then."""
        from app.ui.off_thread import OffThread

        cache = self._like_word_cache
        total = 0
        texts = [p.text for p in self.draft.paragraphs()]
        missing = [t for t in texts if t not in cache]
        if len(missing) > LIKE_WORD_OFF_THREAD:
            runner = self.findChild(OffThread, "likeWordCount")
            if runner is None:
                runner = OffThread(self._counted, self, self.jobs.track("like-word-count"))
                runner.setObjectName("likeWordCount")
            runner.run(lambda: {t: count_like_word(t) for t in missing})
            return None
        for text in texts:
            count = cache.get(text)
            if count is None:
                count = cache[text] = count_like_word(text)
            total += count
        if len(cache) > 4 * len(texts) + 64:  # edited paragraphs' old texts
            self._like_word_cache = {t: cache[t] for t in texts}
        return total

    def update_usage(self) -> None:
        from app.ui.window.opening import update_usage

        update_usage(self)

    def update_context(self) -> None:
        cursor = self.editor.textCursor()
        context = self.draft.context_at(cursor)
        self.section_label.setText(f"当前：{context.label}")
        self.phrase_panel.set_template(self.draft.template)
        self.phrase_panel.set_context(context, cursor.block().text())
        self.outline_pane.select_at(self.draft.pos_of(cursor))

    def _restructure(self, operation: Callable[..., int], *args) -> None:
        """Run an outline edit on the document and put the cursor where it happened."""
        try:
            position = operation(*args)
        except RestructureError as exc:
            self.notify(str(exc), 5000)
            return
        # an edit made from the tree's keys (Delete, F2, Alt+↑/↓) leaves the keyboard there
        self.editor.go_to(position, focus=not self.outline_pane.hasFocus())
        self.outline_pane.select_at(self.draft.pos_of(self.editor.textCursor()))  # the moved node

    def _update_title(self) -> None:
        # As Word: "文件名 — 明镜". Qt appends the display name unless the title ends with it.
        self.setWindowTitle(f"{self.draft.display_name}[*] — {APP_NAME}")
        self.setWindowModified(self.draft.qdoc.isModified())

    # --- notices (WindowHost) ---------------------------------------------------------------
    def warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.exec()

    def notify(self, message: str, ms: int = 5000) -> None:
        self.statusBar().showMessage(message, ms)

    def show_template_problems(self) -> None:
        """Say which of the user's template files were skipped, and why (file, line, reason)."""
        report = self.services.templates.error_report()
        if report:
            self.warn("模板", report)

    # --- start-up and shut-down ---------------------------------------------------------
    def start_background_loading(self) -> None:
        """Load the segmenter after the window is on screen; suggestions re-rank when done."""
        QTimer.singleShot(0, self.library.show_notice)
        QTimer.singleShot(0, self.show_template_problems)
        self.loading.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        save_geometry(self, self.splitter, self.settings, docks=self.checks.built)
        self.safety.closed()
        self.loading.stop()
        self.library.stop_import()
        self.jobs.end()
        event.accept()

    # --- 设置, 帮助, 查找 (app/ui/dialogs/settings.py, help.py, find_replace.py) ------------
    def _dialog(self, name: str, make: Callable[[], _D]) -> _D:
        dialog = self._dialogs.get(name)
        if dialog is None:
            dialog = self._dialogs[name] = make()
        return cast(_D, dialog)

    def show_settings(self):
        from app.ui.dialogs.settings import SettingsDialog

        dialog = cast("SettingsDialog | None", self._dialogs.get("settings"))
        if dialog is None:  # one at a time; made afresh so it shows the current settings
            dialog = SettingsDialog(self.settings, self.services.templates, self.services.user_dir,
                                    parent=self)
            dialog.applied.connect(self.apply_settings_everywhere)
            dialog.finished.connect(lambda _: self._dialogs.pop("settings", None))
            dialog.finished.connect(dialog.deleteLater)
            self._dialogs["settings"] = dialog
        dialog.open()  # window-modal, but nothing waits for it
        return dialog

    def apply_settings_everywhere(self) -> None:
        """Every open 明镜 window shares the settings; show the new ones in all of them."""
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.apply_settings()

    def apply_settings(self) -> None:
        """What can change without a restart: editor font size, autosave interval, font hint."""
        zoom = editor_zoom(self.settings)
        if abs(zoom - self.look.zoom) > 1e-6:
            if not self.draft.restyle(zoom):
                self.notify("编辑区字号已更改；段首缩进在下次新建或打开文稿时随之调整。", 8000)
            self.editor.fit_page()
        self.safety.autosave.set_interval_s(autosave_interval_s(self.settings))
        self.refresh_font_hint()

    def refresh_font_hint(self) -> None:
        self.font_hint.show_report(font_report(self.settings))

    def show_find(self, replace: bool = False):
        from app.ui.dialogs.find_replace import FindReplaceDialog

        dialog = self._dialog("find", lambda: FindReplaceDialog(self.editor, self))
        dialog.show_for(replace)
        return dialog

    def show_help(self):
        from app.ui.dialogs.help import HelpDialog

        dialog = self._dialog("help", lambda: HelpDialog(self))
        dialog.show()
        dialog.raise_()
        return dialog

    def show_about(self) -> None:
        from app.ui.dialogs.help import about_box

        about_box(self).exec()
