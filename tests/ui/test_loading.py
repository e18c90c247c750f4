"""The loader thread after start-up (app/ui/window/loading.py)."""

from __future__ import annotations

import gc
import sys

from app.ui.long_jobs import SWITCH_INTERVAL_S
from app.ui.window.loading import BackgroundLoading


class _Services:
    """Records the GIL switch interval the loading steps run under."""

    def __init__(self) -> None:
        self.seen: list[float] = []

    def load_in_background(self, lexicon: bool = True) -> None:
        self.seen.append(sys.getswitchinterval())

    def build_lexicon(self) -> None:
        self.seen.append(sys.getswitchinterval())


def test_the_loader_hands_the_gil_back_to_the_ui_thread_quickly(qapp, qtbot):
    """While jieba's dictionary loads, the UI thread waits at most 0.5 ms (not Python's
    5 ms) each time it wants the GIL back: laying out the phrase list gives it up on many
    Qt calls. Restored once loading is done (the loading is one of the window's long jobs,
    app/ui/long_jobs.py)."""
    from PySide6.QtCore import QObject

    before = sys.getswitchinterval()
    services = _LoadingServices()
    owner = QObject()
    loading = BackgroundLoading(services, lambda: None, owner)  # type: ignore[arg-type]
    loading.start()
    assert loading.loader is not None
    qtbot.waitUntil(loading.loader.isFinished, timeout=10_000)
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
    assert services.seen == [SWITCH_INTERVAL_S] * 2
    assert SWITCH_INTERVAL_S <= 0.001 < before
    assert sys.getswitchinterval() == before
    gc.unfreeze()


class _Index:
    class state:  # noqa: N801 (the attribute path the loader uses)
        @staticmethod
        def warm_step() -> bool:
            return False


class _LoadingServices(_Services):
    class segmenter:  # noqa: N801
        ready = False

    index = _Index()

    def __init__(self) -> None:
        super().__init__()
        self.collecting: list[bool] = []

    def load_in_background(self, lexicon: bool = True) -> None:
        super().load_in_background(lexicon)
        self.collecting.append(gc.isenabled())

    def build_lexicon(self) -> None:
        super().build_lexicon()
        self.collecting.append(gc.isenabled())


def test_no_cyclic_collections_while_loading_then_as_usual(qapp, qtbot):
    """Full collections set off by the loading walked every loaded object again (40-115 ms,
    several in the first 3 s); the collector is paused until the loader has finished and
    the postings are warm, then back on, with what was loaded frozen."""
    from PySide6.QtCore import QObject

    assert gc.isenabled()
    services = _LoadingServices()
    owner = QObject()
    loading = BackgroundLoading(services, lambda: None, owner)  # type: ignore[arg-type]
    loading.start()
    loader = loading.loader
    assert loader is not None
    qtbot.waitUntil(loader.isFinished, timeout=10_000)
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
    assert services.collecting == [False, False]
    assert not loading.gc_paused
    gc.unfreeze()  # (this test's freeze: the other tests' objects)


def test_loaded_is_marked_after_on_loaded_ran(qapp, qtbot):
    """jieba's dictionary now loads in ~50 ms: the signal can be emitted before a watcher
    (the bench's session hook) connects to it, so the loading says that it has run."""
    from PySide6.QtCore import QObject

    ran: list[bool] = []
    owner = QObject()
    loading = BackgroundLoading(_LoadingServices(), lambda: ran.append(loading.jieba_loaded),  # type: ignore[arg-type]
                                owner)
    assert not loading.jieba_loaded
    loading.start()
    qtbot.waitUntil(lambda: loading.jieba_loaded, timeout=10_000)
    assert ran == [False]  # marked after the handler (the panel's re-rank) has run
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
    gc.unfreeze()


def test_the_lexicon_is_built_after_the_index_is_warm(qapp, qtbot):
    """The 校对 lexicon's n-gram counting beside the phrase list's first layout made the worst
    stall of the first 3 s (62-84 ms, watchdog): the loader builds it only once the window
    has warmed the phrase index, a tick at a time, after the suggestions are listed."""
    from PySide6.QtCore import QObject

    order: list[str] = []

    class Warming(_LoadingServices):
        class index:  # noqa: N801
            class state:  # noqa: N801
                steps = 0

                @classmethod
                def warm_step(cls) -> bool:
                    cls.steps += 1
                    order.append("warm")
                    return cls.steps < 4

        def build_lexicon(self) -> None:
            order.append("lexicon")
            super().build_lexicon()

    owner = QObject()
    loading = BackgroundLoading(Warming(), lambda: None, owner)  # type: ignore[arg-type]
    loading.start()
    assert loading.loader is not None
    qtbot.waitUntil(loading.loader.isFinished, timeout=15_000)
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
    assert order == ["warm"] * 4 + ["lexicon"]
    gc.unfreeze()
