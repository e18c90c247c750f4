"""Pausing Python's cyclic garbage collector while the window does a long job.

A full collection walks every live object: after a 1-5 MB report is in, 25-45 ms each, and
the allocations of a long job (the loader, opening a long file, making 15,000 outline rows)
set off several, on whichever thread allocates, with the UI thread waiting for the GIL
meanwhile (measured with ``gc.callbacks`` during a 5 MB open).  Everything a long job
allocates stays alive anyway, so nothing is lost by not collecting during it; when the last
job ends, what is alive is frozen (out of the collector's reach) and collection goes on as
usual.  Only cyclic garbage made during a job would outlive it; the document model has no
cycles (reference counting frees the replaced state even when frozen).
"""

from __future__ import annotations

import gc
import linecache


def freeze_loaded_objects() -> None:
    """Move everything loaded so far (modules, widgets, dictionary, phrases, index) out of
    the cyclic GC's reach: otherwise each full collection walks it all again and stalls
    the UI thread for tens of ms (measured by ``python -m app bench``: max_ui_stall_ms).

    Also drops ``linecache``: run from source, PySide6's import hook reads the whole source
    of every module imported after it (shibokensupport.feature, looking for "PySide6"), and
    keeps it: 11 MB with jieba's HMM tables (issue 19).  A traceback reads what it needs
    again; the frozen build has no sources to read."""
    gc.freeze()
    linecache.clearcache()


class CollectorPause:
    """The window's long jobs, by name; the collector is off while any is under way (if it
    was on when the first began) and back on, with what is alive frozen, after the last."""

    def __init__(self) -> None:
        self._jobs: set[str] = set()
        self._switched_off = False

    @property
    def paused(self) -> bool:
        return self._switched_off

    def hold(self, job: str) -> None:
        if not self._jobs and gc.isenabled():
            gc.disable()
            self._switched_off = True
        self._jobs.add(job)

    def release(self, job: str) -> None:
        """``job`` has ended (a job that was not under way is ignored)."""
        if job not in self._jobs:
            return
        self._jobs.discard(job)
        if not self._jobs and self._switched_off:
            freeze_loaded_objects()
            gc.enable()
            self._switched_off = False
