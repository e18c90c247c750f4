"""Test set-up: offscreen Qt, user data in a temp dir, dialogs that never block, no network.

Modelled on novelWriter's conftest: configuration is sent to temporary folders and
``QMessageBox.exec`` is patched so a test can never hang on a dialog.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT.parent / "shared" / "corpus"
if not CORPUS_DIR.is_dir():
    CORPUS_DIR = ROOT / "tests" / "data" / "corpus"
CORPUS = sorted(CORPUS_DIR.glob("*.txt"))

# --- network guard: every attempt to use an internet socket is recorded ----------------------
NETWORK_EVENTS: list[tuple] = []
_INET = {socket.AF_INET, socket.AF_INET6}


def _audit(event: str, args: tuple) -> None:
    if event == "socket.__new__" and len(args) > 1 and args[1] in _INET:
        NETWORK_EVENTS.append((event, args[1:]))
    elif event in ("socket.connect", "socket.bind", "socket.sendto"):
        sock = args[0]
        if getattr(sock, "family", None) in _INET:
            NETWORK_EVENTS.append((event, args[1:]))
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                   "urllib.Request", "http.client.connect"):
        NETWORK_EVENTS.append((event, args))


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def no_network():
    """Fail any test during which something tried to reach the network."""
    before = len(NETWORK_EVENTS)
    yield
    assert NETWORK_EVENTS[before:] == [], f"network use: {NETWORK_EVENTS[before:]}"


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch) -> Path:
    """Every test gets its own empty user data dir (settings, cache, user templates)."""
    home = tmp_path / "mingjing-home"
    monkeypatch.setenv("MINGJING_HOME", str(home))
    # the caches a build ships (resources/cache, made by packaging/build_caches.py) are left
    # out unless a test asks for them: tests of first-run building must build
    monkeypatch.setenv("MINGJING_SHIPPED_CACHE", str(tmp_path / "no-shipped-cache"))
    return home


@pytest.fixture(scope="session")
def corpus() -> list[Path]:
    assert CORPUS, f"no corpus samples in {CORPUS_DIR}"
    return CORPUS


@pytest.fixture(scope="session")
def services(tmp_path_factory):
    from app.core.services import Services

    return Services.load(tmp_path_factory.mktemp("services-home"))


@pytest.fixture(scope="session")
def loaded_services(services):
    """Services with jieba's dictionary loaded and the index rebuilt with it (once per run)."""
    services.load_in_background()
    return services


class MessageBoxes(list):
    """Message boxes shown during a test; ``answer`` names the button to click next."""

    answer_with: str | None = None

    def answer(self, text: str | None) -> None:
        self.answer_with = text


@pytest.fixture
def message_boxes(monkeypatch) -> MessageBoxes:
    """Record message boxes instead of showing them (nothing ever blocks a test)."""
    from PySide6.QtWidgets import QMessageBox

    shown = MessageBoxes()

    def fake_exec(box) -> int:
        shown.append({"title": box.windowTitle(), "text": box.text(),
                      "buttons": [b.text() for b in box.buttons()]})
        for button in box.buttons():
            if shown.answer_with and button.text().startswith(shown.answer_with):
                button.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown
