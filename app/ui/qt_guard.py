"""Protection against a Qt-binding bug that would kill the app mid-sentence.

PySide6 6.12.0 returns ``None`` from every void method without taking a reference to it.
On Python 3.11 (where ``None`` is reference-counted; 3.12 made it immortal) the count
falls by one per call and the interpreter aborts with "deallocating None" after a few
thousand keystrokes.  ``pyproject.toml`` excludes that release; this guard covers any
other build with the same fault that an installer may bring in: it measures the leak at
start-up and, only if it is there, raises the counts of ``None``, ``True`` and ``False``
out of reach (what Python 3.12 does for every interpreter).
"""

from __future__ import annotations

import sys

PROBE_CALLS = 64
HEADROOM = 1 << 40


def none_refs_leaked_per_call() -> float:
    """How many references to ``None`` one void Qt call loses (0 on a sound build)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    return max(0, before - sys.getrefcount(None)) / PROBE_CALLS


def guard_none_refcount() -> bool:
    """Make ``None`` immortal when the binding leaks it; True when the guard was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if none_refs_leaked_per_call() < 0.5:
        return False
    import ctypes  # (only here: not on the way to the first paint of a sound build)

    for singleton in (None, True, False):  # (the faulty build loses bools at exit too)
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: first field
        refcount.value += HEADROOM
    return True
