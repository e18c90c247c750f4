"""The 检查 pane in a dock under the editor: built on first use (its rule tables are not
needed to start), run from the 检查 menu, and its underlines and jumps wired to the editor."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow

from app.ui.host import WindowHost
from app.ui.panes.editor import Editor

if TYPE_CHECKING:
    from app.ui.panes.check_pane import CheckPanel


class CheckDock(QObject):
    def __init__(self, window: QMainWindow, host: WindowHost, editor: Editor) -> None:
        super().__init__(window)
        self._window = window
        self.host = host
        self.editor = editor
        self._panel: CheckPanel | None = None
        self._dock: QDockWidget | None = None

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
        from app.ui.panes.check_pane import CheckPanel, underline

        panel = CheckPanel(self.host.draft, self.host.services)
        dock = QDockWidget("检查", self._window)
        dock.setObjectName("checkDock")
        dock.setWidget(panel)
        if not self._window.restoreDockWidget(dock):  # the place and size saved last time, if any
            self._window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(lambda visible: None if visible else panel.clear())
        panel.underlinesChanged.connect(lambda spans: underline(self.editor, spans))
        panel.jumpRequested.connect(self.editor.select_range)
        return panel, dock

    def show_check(self, mode: str, sources: list | None = None) -> None:
        self.host.draft.flush()
        self.dock.show()
        self.panel.run(mode, sources)

    def choose_similarity_sources(self) -> None:
        draft = self.host.draft
        start = str(draft.path.parent) if draft.path else str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self._window, "选择要比对的其他文稿", start,
                                                "文稿 (*.docx *.txt)")
        from app.core.check.source import read_sources

        sources, errors = read_sources([Path(p) for p in paths])
        if errors:
            self.host.warn("部分文稿无法读取", "\n".join(errors))
        self.show_check("similarity", sources)
