"""Fixtures for tests that open the real window offscreen."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, loaded_services, user_home, message_boxes):
    from app.ui.app import settings_for
    from app.ui.main_window import MainWindow

    win = MainWindow(loaded_services, settings_for(user_home))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.draft.flush()
    yield win
    win.draft.qdoc.setModified(False)
