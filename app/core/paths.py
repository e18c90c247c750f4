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
