"""What the window's helpers may use of the window, typed (``MainWindow`` provides it).

The helpers (file and library commands, the menus, autosave, the welcome) take this, or just
the collaborators they use, instead of an untyped ``window`` to reach into.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from app.core.services import Services
    from app.ui.draft import DraftDocument


class Notices(Protocol):
    """How a helper tells the user something: a dialog, or a line in the status bar."""

    def warn(self, title: str, text: str) -> None: ...

    def notify(self, message: str, ms: int = 5000) -> None: ...


class WindowHost(Notices, Protocol):
    """The document, the engine and the settings of one window, and its notices."""

    @property
    def draft(self) -> DraftDocument: ...

    @property
    def services(self) -> Services: ...

    @property
    def settings(self) -> QSettings: ...


class WindowCommands(Protocol):
    """The window's own commands that the menus call."""

    def close(self) -> bool: ...

    def show_settings(self) -> object: ...

    def show_find(self, replace: bool = False) -> object: ...

    def show_help(self) -> object: ...

    def show_about(self) -> None: ...
