"""Writing files safely and explaining failures in words a user can act on.

A save writes a temporary file in the target's folder, flushes and fsyncs it, keeps the
previous version as ``报告.docx.bak`` next to it (the convention WPS and many office tools
use; Word's own is ``报告的备份.wbk``), then replaces the target in one step.  Interrupted
at any moment, the target is either the old file or the new one, whole.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from app.core.errors import SaveError

BACKUP_SUFFIX = ".bak"
TEMP_SUFFIX = ".tmp"
WINDOWS_FORBIDDEN = '<>:"/\\|?*'
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: ``报告.docx`` → ``报告.docx.bak``."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def check_file_name(name: str) -> str | None:
    """A Chinese message when Windows would refuse ``name`` (checked on every system, so a
    file saved here can be copied to any office PC); ``None`` when the name is fine."""
    if not name.strip():
        return "文件名不能为空。请输入一个文件名。"
    bad = sorted({c for c in name if c in WINDOWS_FORBIDDEN or ord(c) < 32})
    if bad:
        shown = " ".join("换行符等控制字符" if ord(c) < 32 else c for c in bad)
        return (f"文件名“{name}”含有 Windows 不允许的字符：{shown}。"
                f"请去掉这些字符（{' '.join(WINDOWS_FORBIDDEN)}）后再保存，例如用“-”代替。")
    stem = name.split(".", 1)[0].rstrip(" ")
    if _RESERVED.match(stem):
        return f"“{stem}”是 Windows 保留的设备名，不能用作文件名。请换一个文件名，例如“{stem}报告”。"
    if name[-1] in ". ":
        return f"文件名“{name}”不能以句点或空格结尾。请去掉末尾的句点或空格。"
    if len(name.encode("utf-8")) > 240:
        return "文件名过长。请缩短文件名后再保存。"
    return None


def describe_os_error(exc: OSError, path: Path, stage: str = "replace") -> str:
    """What went wrong and what to do. ``stage`` is ``create`` (making the temporary file
    in the folder) or ``replace`` (putting it in place of the target)."""
    name = path.name
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", None):
        return f"无法保存“{name}”：磁盘空间已满。请清理磁盘，或用“另存为”保存到其他磁盘（如 U 盘）。"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if stage == "create" or exc.errno == errno.EROFS:
            return (f"无法保存“{name}”：文件夹“{path.parent.name or path.parent}”是只读的，"
                    "或您没有写入权限。请用“另存为”保存到“文档”或桌面等其他位置。")
        return (f"无法保存“{name}”：文件正被 Word/WPS 或其他程序打开，或文件被设为只读。"
                "请先在 Word/WPS 中关闭这个文件再保存，或用“另存为”换一个文件名保存。")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"无法保存“{name}”：文件夹不存在（可能是 U 盘已拔出）。请用“另存为”选择其他位置。"
    if exc.errno in (errno.EINVAL, errno.ENAMETOOLONG, errno.EILSEQ):
        return f"无法保存“{name}”：文件名含有不允许的字符或过长。请换一个文件名。"
    return f"无法保存“{name}”：{exc.strerror or exc}。请用“另存为”换一个位置保存。"


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_backup(path: Path) -> None:
    """Keep the current ``path`` as ``path.bak`` (best effort: never blocks the save).

    A hard link costs nothing and survives the replace; where links are not possible
    (FAT-formatted USB sticks) the file is copied.  Either way the link or copy gets a
    fresh name (never writing into an existing file, which may share its data with the
    target) and replaces the ``.bak`` in one step, so the ``.bak`` is always whole too.
    """
    if not path.is_file():
        return
    bak = backup_path(path)
    try:
        if bak.exists() and os.path.samefile(path, bak):
            return  # an earlier save stopped between its two steps: already kept
    except OSError:
        pass
    tmp = path.with_name(f".{bak.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")
    try:
        try:
            os.link(path, tmp)
        except OSError:
            with open(path, "rb") as source, open(tmp, "xb") as copy:
                shutil.copyfileobj(source, copy)
                copy.flush()
                os.fsync(copy.fileno())
        os.replace(tmp, bak)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def remove_stale_temps(path: Path, older_than_s: float = 60.0) -> int:
    """Delete temporary files a crashed save of ``path`` left behind; returns how many.

    Only files older than ``older_than_s`` go, so a save in progress elsewhere is spared."""
    removed = 0
    now = time.time()
    for prefix in (f".{path.name}.", f".{backup_path(path).name}."):
        try:
            candidates = list(path.parent.glob(glob_escape(prefix) + "*" + TEMP_SUFFIX))
        except OSError:
            return removed
        for stale in candidates:
            try:
                if now - stale.stat().st_mtime < older_than_s:
                    continue
                stale.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that it is either the old file or the new one, whole.

    With ``backup`` the previous version is kept as ``path.bak``; ``durable`` (the default)
    waits until the disk has it.  Raises ``SaveError``.
    """
    path = Path(path)
    problem = check_file_name(path.name)
    if problem:
        raise SaveError(problem)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise SaveError(describe_os_error(exc, path, "create")) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if backup:
            _keep_backup(path)
        os.replace(tmp_name, path)
    except OSError as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise SaveError(describe_os_error(exc, path, "replace")) from exc
    if durable:
        _fsync_dir(path.parent)
    remove_stale_temps(path)


def write_cache(path: Path, data: bytes) -> bool:
    """Replace a cache file whole (a reader never sees half of it); False when it cannot be
    written (read-only or full disk), which only means it is rebuilt next time.  Not waited
    for on disk: a cache lost to a power cut is rebuilt too."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data, durable=False)
    except (OSError, SaveError):
        return False
    return True
