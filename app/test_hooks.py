"""The seams in shipped code that exist for tests, benchmarks and the packaged smoke run,
named in one place.  Nothing here changes what a user sees: each is inert unless a test or a
benchmark sets it.

Environment variables (read only where noted):

- ``RECOVERY_ANSWER_ENV``: ``recover`` / ``discard`` / ``later`` answers the crash-recovery
  offer without the dialog (``app.ui.window.recovery.offer_recovery``; the kill -9 tests).
- ``STARTUP_PROBE_ENV``: print ``WINDOW_SHOWN`` once the window is exposed, then quit
  (``app.ui.app.run_gui``; start-up timing of the built app).
- ``READY_PROBE_ENV``: print ``WINDOW_EXPOSED`` and ``SUGGESTIONS_READY`` stamps once the
  suggestions are jieba-ranked, then quit (``app.ui.ready_probe``; the built app's first run,
  ``python -m app bench --built``).
- ``MINGJING_HOME`` is not a hook: it is the documented user-data folder override
  (``app.core.paths``).  The benchmarks' own variables (``MINGJING_PROBE_*``,
  ``MINGJING_BENCH_*``) live in ``app/bench``, which is not shipped.

Attributes and parameters kept for tests and benchmarks:

- ``app.ui.app.run_gui(on_shown=...)``: called with the window once it is up.
- ``OutlinePane.labels()`` / ``index_for_label()``: the tree as (depth, label) rows.
- ``LiveOutline.full_builds``: how many times the outline was rebuilt from scratch.
- ``AutosaveController.last_snapshot_ms``: the UI-thread cost of the last autosave snapshot.
- ``ExceptionGuard.shown``: how many error dialogs were shown.
- ``app.ui.smoke.SmokeTest`` replaces the window's ``warn`` to fail on a dialog instead of
  waiting for a click (``python -m app --smoke-test``).
"""

from __future__ import annotations

RECOVERY_ANSWER_ENV = "MINGJING_RECOVERY_ANSWER"
STARTUP_PROBE_ENV = "MINGJING_STARTUP_PROBE"
READY_PROBE_ENV = "MINGJING_READY_PROBE"
