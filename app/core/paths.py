"""Where the shipped data lives (source tree, or a PyInstaller bundle)."""

from __future__ import annotations

import sys
from pathlib import Path


def install_root() -> Path:
    """The folder that holds ``resources/`` and ``phrasebank/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
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
