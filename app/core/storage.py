"""Writing files safely and explaining failures in words a user can act on."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class SaveError(Exception):
    """A save failed; ``str(exc)`` is a Chinese message for the user."""


def describe_os_error(exc: OSError, path: Path) -> str:
    name = path.name
    if isinstance(exc, PermissionError):
        return (f"无法写入“{name}”：文件可能正被 Word/WPS 打开，或该文件夹只读。"
                "请关闭占用它的程序，或用“另存为”换一个位置保存。")
    if exc.errno == errno.ENOSPC:
        return f"无法写入“{name}”：磁盘空间已满。请清理磁盘，或用“另存为”保存到其他磁盘。"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"无法写入“{name}”：文件夹不存在。请用“另存为”选择其他位置。"
    if exc.errno in (errno.EINVAL, errno.ENAMETOOLONG):
        return f"无法写入“{name}”：文件名含有不允许的字符或过长。请换一个文件名。"
    return f"无法写入“{name}”：{exc.strerror or exc}。请用“另存为”换一个位置保存。"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is either the old file or the new one, whole."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SaveError(describe_os_error(exc, path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except OSError as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise SaveError(describe_os_error(exc, path)) from exc
