"""Hooks for foreign apps, copied next to the probe (stdlib and the app's own Qt only).

``close_soon``: close the main window a second after it is exposed, so the app quits the
normal way and saves its settings — a warm-up run that leaves a second start's state behind.
"""


def close_soon(window, report):
    binding = type(window).__module__.split(".")[0]
    if binding not in ("PySide6", "PyQt6"):  # a subclass: find the binding from its bases
        binding = next(c.__module__.split(".")[0] for c in type(window).__mro__
                       if c.__module__.split(".")[0] in ("PySide6", "PyQt6"))
    QTimer = __import__(f"{binding}.QtCore", fromlist=["QTimer"]).QTimer
    QTimer.singleShot(1000, window.close)
