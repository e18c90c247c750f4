"""The Qt binding itself must be sound: a session of typing makes millions of calls."""

from __future__ import annotations

import sys

from PySide6.QtGui import QStandardItem, QTextCursor, QTextDocument


def test_void_methods_do_not_leak_references_to_none(qapp):
    """PySide6 6.12.0 under Python 3.11 decrements None's refcount on every void call;
    after enough of them the interpreter aborts (none_dealloc).  Pinned away in pyproject."""
    item = QStandardItem("甲")
    document = QTextDocument()
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for _ in range(2000):
        item.setText("乙")
        item.setToolTip("丙")
        cursor.insertText("丁")
    assert sys.getrefcount(None) - before > -100
