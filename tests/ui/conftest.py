"""Fixtures for tests that open the real window offscreen."""

from __future__ import annotations

import dataclasses

import pytest


@pytest.fixture
def fresh_library(loaded_services, tmp_path):
    """This test's own empty user library: favourites and usage counts written by one test
    never reach another one's ranking (the services themselves are shared by the session)."""
    from app.core.phrases.library import open_library

    original = loaded_services.library
    loaded_services.library = open_library(tmp_path / "lib")
    loaded_services.reindex()
    yield loaded_services.library
    loaded_services.library.close()
    loaded_services.library = original
    loaded_services.reindex()


@pytest.fixture
def window(qtbot, loaded_services, fresh_library, user_home, message_boxes):
    from app.ui.app import settings_for
    from app.ui.window.main_window import MainWindow

    # The session's services, but this test's own user data dir (autosaves, logs).
    services = dataclasses.replace(loaded_services, user_dir=user_home)
    win = MainWindow(services, settings_for(user_home))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.draft.flush()
    yield win
    win.draft.qdoc.setModified(False)


