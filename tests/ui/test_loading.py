"""The loader thread after start-up (app/ui/window/loading.py)."""

from __future__ import annotations

import sys

from app.ui.window.loading import LOADING_SWITCH_INTERVAL_S, SegmenterLoader


class _Services:
    """Records the GIL switch interval the loading steps run under."""

    def __init__(self) -> None:
        self.seen: list[float] = []

    def load_in_background(self, lexicon: bool = True) -> None:
        self.seen.append(sys.getswitchinterval())

    def build_lexicon(self) -> None:
        self.seen.append(sys.getswitchinterval())


def test_the_loader_hands_the_gil_back_to_the_ui_thread_quickly(qapp):
    """While jieba's dictionary loads, the UI thread waits at most 0.5 ms (not Python's
    5 ms) each time it wants the GIL back: laying out the phrase list takes it back once
    per Qt call, which froze the window for 200-300 ms. Restored once loading is done."""
    before = sys.getswitchinterval()
    services = _Services()
    loader = SegmenterLoader(services)  # type: ignore[arg-type]
    loader.run()  # (the thread's body, here on this thread)
    assert services.seen == [LOADING_SWITCH_INTERVAL_S] * 2
    assert LOADING_SWITCH_INTERVAL_S <= 0.001 < before
    assert sys.getswitchinterval() == before
