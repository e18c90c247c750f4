"""Child process for the interrupted-save tests.

``python -m tests.robust.save_child POINT TARGET NEWFILE``: save NEWFILE's bytes over
TARGET with ``atomic_write_bytes(backup=True)`` and SIGKILL itself at POINT: ``write``
(temp half written), ``fsync`` (temp written, before fsync), ``backup`` (before the
previous version is kept), ``replace`` (before the replace), ``after`` (after it).

``python -m tests.robust.save_child loop TARGET A B``: save A and B over TARGET
alternately, for ever (the test kills it at random moments).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from app.core.storage import files as storage


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    point, target = sys.argv[1], Path(sys.argv[2])
    if point == "loop":
        payloads = [Path(sys.argv[3]).read_bytes(), Path(sys.argv[4]).read_bytes()]
        print("LOOPING", flush=True)
        n = 0
        while True:
            storage.atomic_write_bytes(target, payloads[n % 2], backup=True)
            n += 1
    data = Path(sys.argv[3]).read_bytes()
    real_fdopen, real_fsync = os.fdopen, os.fsync
    real_keep, real_replace = storage._keep_backup, os.replace

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, chunk):
            self.handle.write(chunk[: len(chunk) // 2])
            self.handle.flush()
            _die()

    if point == "write":
        storage.os.fdopen = lambda fd, mode: HalfWriter(real_fdopen(fd, mode))
    elif point == "fsync":
        storage.os.fsync = lambda fd: _die()
    elif point == "backup":
        storage._keep_backup = lambda path: _die()
    elif point == "replace":
        storage.os.replace = lambda src, dst: (_die() if Path(dst) == target
                                               else real_replace(src, dst))
    elif point == "after":
        storage._fsync_dir = lambda folder: _die()
    del real_fsync, real_keep
    storage.atomic_write_bytes(target, data, backup=True)
    print("NOT KILLED", flush=True)


if __name__ == "__main__":
    main()
