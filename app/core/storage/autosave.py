"""Autosave and crash recovery, without Qt.

Each open draft has an id; its snapshot (paragraph texts and roles, template, file path,
time) is written as ``<id>.json`` in ``<user data>/autosave`` by one worker thread, so a
write never holds up typing.  While the draft is open its process holds an OS lock on
``<id>.lock`` (released by the OS however the process ends, ``kill -9`` included), so the
next start can tell a crashed draft from one that another running window is editing.
A clean close or a successful save removes both files.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from app.core.errors import SaveError
from app.core.model import Document, Paragraph, Role
from app.core.storage.files import atomic_write_bytes
from app.core.text import count_cjk

FORMAT_VERSION = 1
DEFAULT_INTERVAL_S = 5


@dataclass(frozen=True)
class Snapshot:
    """What was on screen at one moment."""

    draft_id: str
    paragraphs: tuple[tuple[str, str], ...]  # (role value, text)
    template_id: str | None = None
    path: str | None = None
    saved_at: float = field(default_factory=time.time)

    @classmethod
    def of(cls, draft_id: str, document: Document, path: Path | None) -> Snapshot:
        return cls(draft_id, tuple((p.role.value, p.text) for p in document.paragraphs),
                   document.template_id, str(path) if path else None)

    def document(self) -> Document:
        return Document([Paragraph(Role(role), text) for role, text in self.paragraphs],
                        self.template_id)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.paragraphs)

    @property
    def title(self) -> str:
        """The file name, or the first line with text, for the recovery list."""
        if self.path:
            return Path(self.path).name
        first = next((t.strip() for _, t in self.paragraphs if t.strip()), "")
        return (first[:30] + "…") if len(first) > 30 else (first or "未命名")

    @property
    def chars(self) -> int:
        """字数 as the status bar counts it."""
        return count_cjk(self.text)

    def to_json(self) -> bytes:
        return json.dumps({
            "version": FORMAT_VERSION, "draft_id": self.draft_id, "saved_at": self.saved_at,
            "path": self.path, "template_id": self.template_id,
            "paragraphs": [list(p) for p in self.paragraphs],
            "host": socket.gethostname(), "pid": os.getpid(),
        }, ensure_ascii=False).encode("utf-8", "surrogatepass")

    @classmethod
    def from_json(cls, data: bytes) -> Snapshot:
        """Raises ``ValueError`` for anything that is not a whole snapshot."""
        raw = json.loads(data.decode("utf-8", "surrogatepass"))
        if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION:
            raise ValueError("not an autosave snapshot")
        paragraphs = raw["paragraphs"]
        if not isinstance(paragraphs, list) or not all(
                isinstance(p, list) and len(p) == 2 and isinstance(p[1], str) for p in paragraphs):
            raise ValueError("bad paragraphs")
        roles = {r.value for r in Role}
        if not all(p[0] in roles for p in paragraphs):
            raise ValueError("bad role")
        return cls(str(raw["draft_id"]), tuple((p[0], p[1]) for p in paragraphs),
                   raw.get("template_id"), raw.get("path"), float(raw["saved_at"]))


class _Lease:
    """An OS-level lock on ``<id>.lock``: held while a draft is open, freed at any exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 (kept open while held)
        try:
            if os.name == "nt":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self, remove: bool = False) -> None:
        if self._handle is None:
            return
        if remove:
            try:
                self.path.unlink()  # (Windows refuses while open: tried again below)
            except OSError:
                pass
        self._handle.close()
        self._handle = None
        if remove:
            try:
                self.path.unlink()
            except OSError:
                pass


class AutosaveStore:
    """The folder of snapshots."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def snapshot_path(self, draft_id: str) -> Path:
        return self.folder / f"{draft_id}.json"

    def lease(self, draft_id: str) -> _Lease:
        return _Lease(self.folder / f"{draft_id}.lock")

    def write(self, snapshot: Snapshot) -> None:
        """Raises ``SaveError`` (disk full, no permission) with a Chinese message."""
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.snapshot_path(snapshot.draft_id), snapshot.to_json())

    def remove(self, draft_id: str) -> None:
        for path in (self.snapshot_path(draft_id), self.folder / f"{draft_id}.lock"):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                pass

    def read(self, draft_id: str) -> Snapshot | None:
        try:
            return Snapshot.from_json(self.snapshot_path(draft_id).read_bytes())
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            return None

    def orphans(self) -> tuple[list[Snapshot], list[Path]]:
        """Snapshots no running 明镜 owns (newest first), and damaged files set aside."""
        found: list[Snapshot] = []
        damaged: list[Path] = []
        if not self.folder.is_dir():
            return found, damaged
        for path in self.folder.glob("*.json"):
            draft_id = path.stem
            lease = self.lease(draft_id)
            if not lease.acquire():
                continue  # another window is editing it right now
            try:
                snapshot = self.read(draft_id)
            finally:
                lease.release()
            if snapshot is None:
                aside = path.with_suffix(".damaged")
                try:
                    os.replace(path, aside)
                    damaged.append(aside)
                except OSError:
                    pass
                continue
            found.append(snapshot)
        for lock in self.folder.glob("*.lock"):  # leases of drafts that left no snapshot
            if not lock.with_suffix(".json").exists():
                lease = _Lease(lock)
                if lease.acquire():
                    lease.release(remove=True)
        found.sort(key=lambda s: s.saved_at, reverse=True)
        return found, damaged


class Autosaver:
    """Autosave for one open draft: writes and removals run in order on one worker thread."""

    def __init__(self, store: AutosaveStore, draft_id: str | None = None) -> None:
        self.store = store
        self.draft_id = draft_id or new_draft_id()
        self.last_error: str | None = None
        self._lease = store.lease(self.draft_id)
        self._lease.acquire()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self.closed = False

    def _submit(self, fn, *args) -> Future:
        if self.closed:  # after a clean close nothing more is written
            done: Future = Future()
            done.set_result(None)
            return done
        return self._pool.submit(fn, *args)

    def save(self, snapshot: Snapshot) -> Future:
        return self._submit(self._write, snapshot)

    def _write(self, snapshot: Snapshot) -> bool:
        try:
            self.store.write(snapshot)
        except (SaveError, OSError) as exc:
            self.last_error = str(exc)
            return False
        except Exception as exc:
            self.last_error = f"自动保存出错（{type(exc).__name__}: {exc}）"
            return False
        self.last_error = None
        return True

    def discard(self) -> Future:
        """The draft is saved or thrown away: its snapshot goes (after queued writes)."""
        return self._submit(self._remove)

    def _remove(self) -> None:
        try:
            self.store.snapshot_path(self.draft_id).unlink()
        except OSError:
            pass

    def adopt(self, draft_id: str) -> bool:
        """Continue a recovered draft under its own id (its file is then kept up to date
        and removed on save); False when another window owns it."""
        lease = self.store.lease(draft_id)
        if not lease.acquire():
            return False
        self.discard().result()
        self._lease.release(remove=True)
        self.draft_id, self._lease = draft_id, lease
        return True

    def close(self, discard: bool = True) -> None:
        """Finish queued work; with ``discard`` (a clean close) remove the snapshot."""
        if self.closed:
            return
        if discard:
            self.discard()
        self.closed = True
        self._pool.shutdown(wait=True)
        self._lease.release(remove=discard)


def new_draft_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:8]
