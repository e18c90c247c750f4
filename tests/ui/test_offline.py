"""No network, ever: a whole GUI session must not open an internet socket."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.conftest import NETWORK_EVENTS
from tests.ui.helpers import ime_type


def _inet_socket_inodes() -> set[str]:
    """Inodes of this process's sockets that are internet (TCP/UDP, v4/v6) sockets."""
    mine = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path("/proc/self/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) > 9:
                    inet.add(fields[9])
    return mine & inet


def test_the_guard_would_catch_a_socket():
    before = len(NETWORK_EVENTS)
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.bind(("127.0.0.1", 0))  # loopback only: nothing leaves the machine
        assert _inet_socket_inodes(), "the /proc check must see an open internet socket"
        assert [e[0] for e in NETWORK_EVENTS[before:]] == ["socket.__new__", "socket.bind"]
    finally:
        probe.close()
        del NETWORK_EVENTS[before:]  # these were on purpose


def test_gui_session_opens_no_network_socket(qtbot, window, tmp_path, corpus):
    start = len(NETWORK_EVENTS)
    window.start_background_loading()
    cursor = QTextCursor(window.draft.qdoc.findBlockByNumber(5))
    window.editor.setTextCursor(cursor)
    ime_type(window.editor, "学习不够深入")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    window.update_context()
    window.phrase_panel.search.setText("学习")
    item = window.phrase_panel.list.item(0)
    window.editor.insert_phrase_at_cursor("x", item.text())
    assert window.files.save_to(tmp_path / "draft.docx")
    assert window.files.open_path(corpus[0])
    assert window.files.open_path(tmp_path / "draft.docx")
    qtbot.wait(200)
    assert NETWORK_EVENTS[start:] == []
    assert _inet_socket_inodes() == set()
