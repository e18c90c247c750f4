"""Fixtures for tests that open the real window offscreen."""

from __future__ import annotations

import dataclasses

import pytest


@pytest.fixture
def window(qtbot, loaded_services, user_home, message_boxes):
    from app.ui.app import settings_for
    from app.ui.preferences import LAST_TEMPLATE_KEY
    from app.ui.window.main_window import MainWindow

    # The session's services, but this test's own user data dir (autosaves, logs).
    services = dataclasses.replace(loaded_services, user_dir=user_home)
    settings = settings_for(user_home)
    # the window tests edit the six-aspect 2023 document (the default is 2025's five aspects)
    settings.setValue(LAST_TEMPLATE_KEY, "zhuti-2023")
    win = MainWindow(services, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.draft.flush()
    yield win
    win.draft.qdoc.setModified(False)


def ime_type(widget, text: str) -> None:
    """Type ``text`` as a pinyin IME does: pre-edit, then commit, one word at a time.

    (QTest.keyClicks only handles ASCII.)
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for word in [text[i:i + 2] for i in range(0, len(text), 2)]:
        preedit = QInputMethodEvent("pinyin", [])
        QApplication.sendEvent(widget, preedit)
        commit = QInputMethodEvent("", [])
        commit.setCommitString(word)
        QApplication.sendEvent(widget, commit)
