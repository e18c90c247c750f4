"""Reading the checks' TOML data files (shipped and the user's own): a file that cannot be read
is reported as a ``LoadError`` and counts as empty, never a crash."""

from __future__ import annotations

import tomllib
from pathlib import Path

from app.core.errors import LoadError


def read_toml(path: Path, errors: list[LoadError] | None) -> dict:
    """The file's table, or {} with the reason appended to ``errors`` (None: say nothing)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        if errors is not None:
            errors.append(LoadError(str(path), 1, f"无法读取：{exc}"))
        return {}
