"""The 检查 pane in a dock under the editor: built on first use (its rule tables are not
needed to start), run from the 检查 menu, and its underlines and jumps wired to the editor."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from app.ui.host import WindowHost
from app.ui.long_jobs import JobScope, LongJobs
from app.ui.panes.editor import Editor

if TYPE_CHECKING:
    from app.ui.panes.check_pane import CheckPanel
    from app.ui.underlines import Underlines


class CheckDock(QObject):
    def __init__(self, window: QMainWindow, host: WindowHost, editor: Editor,
                 jobs: JobScope | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.host = host
        self.editor = editor
        self.jobs = jobs or LongJobs().scope()
        self._panel: CheckPanel | None = None
        self._dock: QDockWidget | None = None
        self.underlines: Underlines | None = None  # made with the panel

    @property
    def built(self) -> bool:
        return self._dock is not None

    @property
    def panel(self) -> CheckPanel:
        return self._parts()[0]

    @property
    def dock(self) -> QDockWidget:
        return self._parts()[1]

    def _parts(self) -> tuple[CheckPanel, QDockWidget]:
        if self._panel is None or self._dock is None:
            self._panel, self._dock = self._build()
        return self._panel, self._dock

    def _build(self) -> tuple[CheckPanel, QDockWidget]:
        from app.ui.panes.check_pane import CheckPanel
        from app.ui.underlines import Underlines

        panel = CheckPanel(self.host.draft, self.host.services, jobs=self.jobs)
        dock = QDockWidget("检查", self._window)
        dock.setObjectName("checkDock")
        dock.setWidget(panel)
        if not self._window.restoreDockWidget(dock):  # the place and size saved last time, if any
            self._window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            # a quarter of the window at first: on a 700-px screen the text keeps most of it
            self._window.resizeDocks([dock], [max(150, self._window.height() // 4)], Qt.Orientation.Vertical)
        dock.hide()
        dock.visibilityChanged.connect(lambda visible: None if visible else panel.clear())
        underlines = self.underlines = Underlines(self.editor)
        panel.underlinesChanged.connect(underlines.show)
        panel.jumpRequested.connect(self.editor.select_range)
        return panel, dock

    def show_check(self, mode: str, sources: list | None = None) -> None:
        self.host.draft.flush()
        self.dock.show()
        self.panel.run(mode, sources)

    def choose_similarity_sources(self) -> None:
        from app.core.check.source import read_sources
        from app.ui.panes.check_pane import ask_similarity_sources

        draft = self.host.draft
        start = str(draft.path.parent) if draft.path else str(Path.home())
        paths = ask_similarity_sources(self._window, start)
        if paths is None:  # cancelled: no check, no "0 %"
            return
        sources, errors = read_sources(paths)
        if errors:
            self.host.warn("部分文稿无法读取", "\n".join(errors))
        self.show_check("similarity", sources)
