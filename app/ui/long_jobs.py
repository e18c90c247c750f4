"""While the window does a long job: no cyclic garbage collection, and the GIL back to the
UI thread within half a millisecond of asking.  (Jobs: loading jieba and the index, opening a
long file, making its outline rows, checking, counting and saving a long draft.)

A full collection walks every live object: after a 1-5 MB report is in, 25-45 ms each, and
the allocations of a long job (the loader, opening a long file, making 15,000 outline rows)
set off several, on whichever thread allocates, with the UI thread waiting for the GIL
meanwhile (measured with ``gc.callbacks`` during a 5 MB open).  Everything a long job
allocates stays alive anyway, so nothing is lost by not collecting during it; when the last
job ends, what is alive is frozen (out of the collector's reach) if a job loaded state that
stays, and collection goes on as usual.  Only cyclic garbage made during a job would outlive it; the document model has no
cycles (reference counting frees the replaced state even when frozen).

A job's worker thread (the outline, a check of a long draft) keeps the GIL up to Python's
switch interval, 5 ms, each time the UI thread asks for it back, and the UI thread asks many
times per event it handles (each call from Qt into Python): a 1 MB 校对 on a worker froze the
window 72-108 ms with 5 ms, 29-41 ms with 0.5 ms (alternate runs on a loaded 2-core machine).
"""

from __future__ import annotations

import gc
import linecache
import sys
from collections.abc import Callable, Hashable


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


SWITCH_INTERVAL_S = 0.0005  # during a long job (Python's default: 5 ms)


class LongJobs:
    """The window's long jobs, by name.  While any is under way the collector is off (if it
    was on when the first began) and the switch interval short; after the last, the
    collector is back on, with what is alive frozen, and the interval as it was."""

    def __init__(self) -> None:
        self._jobs: set[Hashable] = set()
        self._switched_off = False
        self._freeze_after = False
        self._interval = sys.getswitchinterval()

    @property
    def paused(self) -> bool:
        return self._switched_off

    def scope(self) -> JobScope:
        """Job names of one window (every window shares the one ``LongJobs``: the collector
        and the switch interval are the process's)."""
        return JobScope(self)

    def hold(self, job: Hashable, freeze_after: bool = False) -> None:
        """``freeze_after``: what is alive after the jobs is to stay (a loaded document, the
        phrase index), so it is frozen then; a check's or a count's results are not."""
        self._freeze_after = self._freeze_after or freeze_after
        if not self._jobs:
            self._interval = sys.getswitchinterval()
            sys.setswitchinterval(min(self._interval, SWITCH_INTERVAL_S))
            if gc.isenabled():
                gc.disable()
                self._switched_off = True
        self._jobs.add(job)

    def release(self, job: Hashable) -> None:
        """``job`` has ended (a job that was not under way is ignored)."""
        if job not in self._jobs:
            return
        self._jobs.discard(job)
        if self._jobs:
            return
        sys.setswitchinterval(self._interval)
        if self._switched_off:
            if self._freeze_after:
                freeze_loaded_objects()
            gc.enable()
            self._switched_off = False
        self._freeze_after = False


class JobScope:
    """One window's jobs in the shared ``LongJobs``; ``end`` when the window closes (a worker
    still running then never reports its end)."""

    def __init__(self, jobs: LongJobs) -> None:
        self._jobs = jobs
        self._mine: set[str] = set()

    @property
    def paused(self) -> bool:
        return self._jobs.paused

    def hold(self, name: str, freeze_after: bool = False) -> None:
        self._mine.add(name)
        self._jobs.hold((id(self), name), freeze_after)

    def release(self, name: str) -> None:
        self._mine.discard(name)
        self._jobs.release((id(self), name))

    def track(self, name: str) -> Callable[[bool], None]:
        """A callback for a worker's busy/idle (``OffThread``'s ``on_busy``)."""
        return lambda busy: self.hold(name) if busy else self.release(name)

    def end(self) -> None:
        for name in list(self._mine):
            self.release(name)
