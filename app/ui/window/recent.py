"""文件 › 最近文件: the last files opened or saved, newest first (``recent/files``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMenu

from app.ui.preferences import RECENT_KEY

MAX_RECENT = 9


def recent_files(settings: QSettings) -> list[Path]:
    value = settings.value(RECENT_KEY) or []
    if isinstance(value, str):  # QSettings gives a lone entry back as a string
        value = [value]
    return [Path(str(v)) for v in value if str(v).strip()]


def remember(settings: QSettings, path: Path) -> None:
    path = Path(path).absolute()
    others = [p for p in recent_files(settings) if p != path]
    settings.setValue(RECENT_KEY, [str(p) for p in [path, *others][:MAX_RECENT]])


def forget(settings: QSettings, path: Path) -> None:
    settings.setValue(RECENT_KEY, [str(p) for p in recent_files(settings) if p != Path(path)])


class RecentMenu(QObject):
    """The submenu, rebuilt each time it opens (other windows may have added files)."""

    def __init__(self, parent_menu: QMenu, settings: QSettings, open_path: Callable[[Path], object],
                 warn: Callable[[str, str], None]) -> None:
        super().__init__(parent_menu)
        self.settings = settings
        self._open_path = open_path
        self._warn = warn
        self.menu = parent_menu.addMenu("最近文件(&R)")
        self.menu.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.menu.clear()
        files = recent_files(self.settings)
        for number, path in enumerate(files, start=1):
            action = self.menu.addAction(f"&{number} {path.name}")
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open(p))
        if not files:
            empty = self.menu.addAction("（无）")
            empty.setEnabled(False)
            return
        self.menu.addSeparator()
        self.menu.addAction("清除列表(&C)", self.clear)

    def open(self, path: Path) -> bool:
        if not path.is_file():
            forget(self.settings, path)
            self._warn("最近文件", f"找不到“{path}”，它可能已被移动、改名或删除。\n已从最近文件列表中去掉。")
            return False
        return bool(self._open_path(path))

    def clear(self) -> None:
        self.settings.remove(RECENT_KEY)
        self.rebuild()
