"""While the window does a long job, no cyclic collection and a short GIL switch interval;
both as they were after the last job, whichever window's jobs overlap."""

from __future__ import annotations

import gc
import sys

import pytest

from app.ui.long_jobs import SWITCH_INTERVAL_S, LongJobs


@pytest.fixture
def frozen(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))
    before = sys.getswitchinterval()
    yield calls
    gc.enable()
    sys.setswitchinterval(before)


def test_jobs_are_counted_and_the_collector_comes_back_frozen(frozen):
    jobs = LongJobs()
    before = sys.getswitchinterval()
    jobs.hold("open", freeze_after=True)
    jobs.hold("outline")
    jobs.release("open")
    assert not gc.isenabled() and jobs.paused
    assert sys.getswitchinterval() == SWITCH_INTERVAL_S < before
    jobs.release("nothing")  # not under way: ignored
    jobs.release("outline")
    assert gc.isenabled() and not jobs.paused and frozen == [1]
    assert sys.getswitchinterval() == before


def test_a_collector_stopped_by_somebody_else_stays_stopped(frozen):
    jobs = LongJobs()
    gc.disable()
    jobs.hold("open")
    jobs.release("open")
    assert not gc.isenabled() and frozen == []


def test_two_windows_jobs_overlap_and_a_closed_window_ends_its_own(frozen):
    """Each window's scope in the one LongJobs: the second window's job keeps the collector
    off after the first's ends, and a window closed with a job under way (a worker still
    running) ends it."""
    jobs = LongJobs()
    before = sys.getswitchinterval()
    first, second = jobs.scope(), jobs.scope()
    first.hold("check")
    second.hold("check", freeze_after=True)  # the same name in another window is another job
    first.release("check")
    assert not gc.isenabled() and sys.getswitchinterval() == SWITCH_INTERVAL_S
    second.hold("outline")
    second.end()
    assert gc.isenabled() and sys.getswitchinterval() == before and frozen == [1]


def test_a_window_closed_while_its_outline_is_made_ends_the_job(window, qtbot, tmp_path):
    from tests.ui.test_big_load import _long_report

    path = tmp_path / "长文稿.txt"
    path.write_text(_long_report(16), encoding="utf-8")
    try:
        assert window.files.open_path(path)
        assert window.outline_pane.building and not gc.isenabled()
        window.draft.qdoc.setModified(False)
        window.close()
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_check_or_a_count_leaves_nothing_frozen(frozen):
    """Only jobs that load what stays (a document, the index) freeze it after them."""
    jobs = LongJobs().scope()
    track = jobs.track("check")
    track(True)
    assert not gc.isenabled()
    track(False)
    assert gc.isenabled() and frozen == []
