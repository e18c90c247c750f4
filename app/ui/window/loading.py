"""Loading after the window is on screen: jieba's dictionary on a worker thread, then the
phrase index's postings one section per idle tick, with the cyclic GC paused meanwhile and
kept off the loaded objects afterwards, so that it does not stall the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from app.core.services import Services
from app.ui.long_jobs import JobScope, LongJobs, freeze_loaded_objects

WARM_TICK_MS = 20
LEXICON_WAIT_S = 10.0  # the longest the lexicon waits for the index warm-up (it never should)
LOADING_JOB = "loading"


class SegmenterLoader(QThread):
    """Loads jieba's dictionary off the UI thread after the window is shown."""

    loaded = Signal()

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        # set once the window has listed the suggestions and warmed the phrase index: the
        # 校对 lexicon is built after that, not beside it (a watchdog found the worst stall of
        # the first 3 s, 62-84 ms, with the UI thread laying out the phrase list and this
        # thread counting the lexicon's n-grams)
        self.build_lexicon_now = threading.Event()

    def run(self) -> None:
        # (a long job of the window: the GIL switch interval is short meanwhile, see
        # BackgroundLoading.start and app/ui/long_jobs.py)
        self._services.load_in_background(lexicon=False)
        self.loaded.emit()  # suggestions first; 校对's word knowledge after them
        self.build_lexicon_now.wait(LEXICON_WAIT_S)
        self._services.build_lexicon()


class BackgroundLoading(QObject):
    """Starts the loader once; ``on_loaded`` runs on the UI thread when jieba is ready."""

    def __init__(self, services: Services, on_loaded: Callable[[], None], parent: QObject,
                 jobs: JobScope | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.jobs = jobs or LongJobs().scope()
        self._on_loaded = on_loaded
        self.loader: SegmenterLoader | None = None
        self._warm_timer = QTimer(self, interval=WARM_TICK_MS)
        self._warm_timer.timeout.connect(self._warm_index)
        self.jieba_loaded = False  # set once ``on_loaded`` has run (the bench's hook reads it)

    def start(self) -> None:
        if self.loader is None and not self.services.segmenter.ready:
            freeze_loaded_objects()  # the start-up objects; again once loading is done
            self.jobs.hold(LOADING_JOB, freeze_after=True)  # see _resume_gc_when_done
            self.loader = SegmenterLoader(self.services, self)
            self.loader.loaded.connect(self._on_loaded)
            self.loader.loaded.connect(self._mark_loaded)
            self.loader.loaded.connect(self._warm_timer.start)
            self.loader.loaded.connect(freeze_loaded_objects)
            self.loader.finished.connect(self._resume_gc_when_done)
            self.loader.start()

    def _mark_loaded(self) -> None:
        self.jieba_loaded = True

    @property
    def gc_paused(self) -> bool:
        return self.jobs.paused

    def _resume_gc_when_done(self) -> None:
        """No cyclic collections while loading: everything allocated then stays alive, yet
        the full collections that the allocations set off walked it all again and again —
        40–115 ms each, several in the first 3 s, on either thread, the UI waiting for the
        GIL (``gc.callbacks`` in a bench run; they collected nothing).  Once the loader has
        finished and the postings are warm, what was loaded is frozen (out of the
        collector's reach for good) and collection goes on as usual."""
        loading = self.loader is not None and not self.loader.isFinished()
        if not loading and not self._warm_timer.isActive():
            self.jobs.release(LOADING_JOB)

    def _warm_index(self) -> None:
        """One section's phrase postings per idle tick (a few ms each), until all are built;
        then the loader may build the 校对 lexicon."""
        if not self.services.index.state.warm_step():
            self._warm_timer.stop()
            if self.loader is not None:
                self.loader.build_lexicon_now.set()
            self._resume_gc_when_done()

    def stop(self) -> None:
        """Closing: a first-run cache child would keep the loader busy for seconds."""
        if self.loader is not None and self.loader.isRunning():
            self.services.stop_loading()
            self.loader.build_lexicon_now.set()  # (it then stops at once)
            self.loader.wait(5000)
        self._warm_timer.stop()
        self._resume_gc_when_done()
