"""Where the shipped data lives (source tree, or a PyInstaller bundle)."""

from __future__ import annotations

import sys
from pathlib import Path


def install_root() -> Path:
    """The folder that holds ``resources/`` and ``phrasebank/``.

    From source: the repository root.  In the one-folder build (packaging/mingjing.spec):
    PyInstaller's ``sys._MEIPASS``, i.e. ``mingjing/_internal`` beside the executable, or the
    executable's own folder in a build without a contents directory.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return install_root() / "resources"


def phrasebank_dir() -> Path:
    return install_root() / "phrasebank"


def templates_dir() -> Path:
    return resources_dir() / "templates"


def user_data_dir() -> Path:
    """The user's own data (settings, phrases, autosaves); ``MINGJING_HOME`` overrides it."""
    import os

    override = os.environ.get("MINGJING_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_dir as _platform_dir

    return Path(_platform_dir("mingjing", appauthor=False))
