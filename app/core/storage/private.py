"""The user data dir is private: it holds the full text of imported past reports, recent
file paths and logs.  The folder is owner-only (0700) and so are the files in it (0600),
also on Linux desktops whose home folders every local user can read.  Documents the user
saves elsewhere keep the user's normal permissions (``app.core.storage.files``)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

SUBFOLDERS = ("", "logs", "cache", "autosave", "check", "templates")


def _tighten(path: Path, mode: int) -> None:
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
            return  # never follow a link; never touch what is not ours
        if stat.S_IMODE(info.st_mode) & 0o077:
            path.chmod(stat.S_IMODE(info.st_mode) & ~0o077 | (mode & 0o700))
    except OSError:
        pass


def ensure_private(user_dir: Path) -> None:
    """Create ``user_dir`` owner-only and take group/other access off what is in it
    (POSIX; on Windows the per-user AppData folder is already private)."""
    try:
        user_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return
    if os.name != "posix":
        return
    for name in SUBFOLDERS:
        folder = user_dir / name if name else user_dir
        if not folder.is_dir():
            continue
        _tighten(folder, 0o700)
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries[:10_000]:
            try:
                if entry.is_file() and not entry.is_symlink():
                    _tighten(entry, 0o600)
            except OSError:
                pass


def create_private_file(path: Path) -> None:
    """Make ``path`` (if missing) as an empty owner-only file, so whatever writes it next
    (a log handler, QSettings) keeps that mode."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    except OSError:
        pass
