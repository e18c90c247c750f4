"""A long typing session in the real window (subprocess: a binding fault aborts it).

``python -m tests.robust.long_session N [--no-guard]``: N IME commits of two characters,
the outline and phrase panel refreshed every tenth, then ``SURVIVED <chars>``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def main() -> int:
    commits = int(sys.argv[1])
    app = QApplication([])
    if "--no-guard" not in sys.argv:
        from app.ui.qt_guard import guard_none_refcount

        guard_none_refcount()
    from app.core.services import Services
    from app.ui.app import settings_for
    from app.ui.window.main_window import MainWindow

    home = Path(tempfile.mkdtemp())
    services = Services.load(home)
    window = MainWindow(services, settings_for(home))
    window.show()
    for i in range(commits):
        event = QInputMethodEvent("", [])
        event.setCommitString("学习")
        QApplication.sendEvent(window.editor, event)
        if i % 10 == 0:
            app.processEvents()
            window.draft.flush()
    print("SURVIVED", len(window.draft.qdoc.toPlainText()), flush=True)
    window.draft.qdoc.setModified(False)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
