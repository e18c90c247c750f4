"""One file, one window: a lock file next to the open report.

Like Word's ``~$报告.docx`` owner file, 明镜 writes ``~$报告.docx.lock`` beside the file it
has open, holding who has it (program, host, process id, user, since when).  A lock whose
process is gone (same host, dead pid) is stale and taken over; a lock from another host
cannot be checked and is respected.  Folders where no lock can be written (read-only,
CD-ROM) are not locked at all: nothing can be saved there either.
"""

from __future__ import annotations

import getpass
import json
import math
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

LOCK_PREFIX = "~$"
LOCK_SUFFIX = ".lock"


def lock_path(path: Path) -> Path:
    return path.with_name(f"{LOCK_PREFIX}{path.name}{LOCK_SUFFIX}")


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    user: str
    since: float

    def describe(self, path: Path) -> str:
        try:
            since = time.strftime("%m-%d %H:%M", time.localtime(self.since)) \
                if 0 < self.since < 4_102_444_800 else "时间不明"
        except (OverflowError, ValueError, OSError):
            since = "时间不明"
        here = self.host == socket.gethostname()
        who = "本机另一个明镜窗口" if here else f"计算机“{self.host}”上的明镜（用户 {self.user}）"
        return (f"“{path.name}”已在{who}中打开（自 {since} 起，进程 {self.pid}）。"
                "为避免两处修改互相覆盖，这里不再打开它。请切换到那个窗口继续编辑。"
                f"\n\n如果确定没有别的明镜在使用它，可删除同一文件夹中的“{lock_path(path).name}”后再打开。")


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_owner(path: Path) -> LockOwner | None:
    """The owner recorded in ``path``'s lock file, or ``None`` (no lock, or unreadable)."""
    try:
        raw = json.loads(lock_path(path).read_text(encoding="utf-8"))
        since = raw.get("since", 0)
        since = float(since) if isinstance(since, (int, float)) else 0.0
        if not math.isfinite(since) or not 0 < since < 4_102_444_800:
            since = 0.0  # nonsense time (1e20, NaN): the lock still counts, its time is unknown
        return LockOwner(int(raw["pid"]), str(raw["host"])[:200], str(raw.get("user", ""))[:200],
                         since)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError,
            OverflowError):
        return None


def is_stale(owner: LockOwner | None) -> bool:
    """A lock nobody can be holding: unreadable, or from a dead process on this host."""
    if owner is None:
        return True
    return owner.host == socket.gethostname() and not pid_alive(owner.pid)


class FileLock:
    """The lock this process holds on one file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock_file = lock_path(self.path)
        self.held = False

    def holder(self) -> LockOwner | None:
        """Someone else holding ``path`` now, or ``None``."""
        if self.held or not self.lock_file.exists():
            return None
        owner = read_owner(self.path)
        if owner is None:
            # Being written this instant, or garbage: look once more before calling it stale.
            time.sleep(0.05)
            owner = read_owner(self.path)
        return None if is_stale(owner) else owner

    def acquire(self) -> LockOwner | None:
        """Take the lock; returns the other owner instead when someone else holds it.

        A folder where no lock file can be made is not an error (see module doc)."""
        if self.held:
            return None
        me = {"app": "明镜", "pid": os.getpid(), "host": socket.gethostname(),
              "user": _user(), "since": time.time()}
        data = json.dumps(me, ensure_ascii=False).encode("utf-8")
        for _ in range(3):
            try:
                fd = os.open(self.lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                other = self.holder()
                if other is not None:
                    return other
                try:
                    self.lock_file.unlink()  # stale: take it over
                except FileNotFoundError:
                    pass
                except OSError:
                    return None
                continue
            except OSError:
                return None  # read-only folder and the like: nothing to protect
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
            _hide(self.lock_file)
            self.held = True
            return None
        return None

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        owner = read_owner(self.path)
        if owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname():
            try:
                self.lock_file.unlink()
            except OSError:
                pass


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _hide(path: Path) -> None:
    """Hidden on Windows, as Word's owner files are."""
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)


def foreign_owner_files(path: Path) -> list[Path]:
    """Owner files other editors leave beside a document they have open: Word/WPS
    ``~$报告.docx`` (Word drops the first one or two characters of long names), LibreOffice
    ``.~lock.报告.docx#``, WPS for Linux ``.~报告.docx``.  Checked on every system (on Linux
    nothing else would tell)."""
    name = path.name
    names = [f"~${name}", f".~lock.{name}#", f".~{name}"]
    stem = path.stem
    if len(stem) >= 7:
        names.append(f"~${name[2:]}")
    elif len(stem) == 6:
        names.append(f"~${name[1:]}")
    found = []
    for candidate in dict.fromkeys(names):
        owner = path.with_name(candidate)
        try:
            if owner.is_file():
                found.append(owner)
        except OSError:
            pass
    return found
