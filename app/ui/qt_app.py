"""The running QApplication, typed as such (Qt types ``instance()`` as an optional base class)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def gui_app() -> QApplication:
    """The QApplication every window runs in; created by ``app.ui.app.run`` or the test runner."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication is running")
    return app
