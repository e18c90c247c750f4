"""What the loader leaves behind once the window has loaded (issue 19)."""

from __future__ import annotations

import linecache

import app.core.phrases.ranking as some_module
from app.ui.long_jobs import freeze_loaded_objects


def test_loading_drops_the_source_lines_pyside6s_import_hook_read():
    """Run from source, PySide6 reads (into linecache) the whole source of every module
    imported after it: 11 MB in a loaded window, never used again."""
    assert linecache.getlines(some_module.__file__)
    assert some_module.__file__ in linecache.cache
    try:
        freeze_loaded_objects()
        assert linecache.cache == {}
    finally:
        import gc

        gc.unfreeze()
