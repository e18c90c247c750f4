"""The user's own library: their phrases, favourites and usage counts, in one SQLite file.

It lives in the user data dir; shipped phrase files are never written.  Only a database
that is really damaged (not a database, a malformed image, a failed quick_check, a foreign
schema) is moved aside (``素材库-损坏-<time>.db``) and a new one started.  A sound file that
cannot be opened or written (no permission, read-only disk, full disk, locked by another
program) is never touched: it is opened read-only, or an empty library is kept in memory,
and ``notice`` says what is actually wrong, in Chinese, for the window or the command line.
A file moved aside can be put back (``moved_aside`` / ``restore``).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import LibraryError
from app.core.phrases.phrasebank import SIZES, Phrase
from app.core.topics import CANONICAL_TOPICS, PARTS

DB_NAME = "library.sqlite3"
MAX_TEXT = 2000  # as validate_entry; a longer row written by something else is cut
USER_PREFIX = "u-"
MY_SOURCE = "我的素材"
_MINE = ("我的",)  # every user phrase's tags
_SCHEMA = """
CREATE TABLE IF NOT EXISTS phrases (
    num INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL,
    part TEXT NOT NULL,
    topics TEXT NOT NULL DEFAULT '[]',
    size TEXT NOT NULL DEFAULT '句式',
    source TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS favourites (phrase_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS usage (phrase_id TEXT PRIMARY KEY, count INTEGER NOT NULL,
                                  last_used REAL NOT NULL);
"""


@dataclass(frozen=True)
class LibraryStats:
    phrases: int
    favourites: int
    used: int
    by_part: dict[str, int]
    by_topic: dict[str, int]
    sources: int


def validate_entry(text: str, part: str, topics: Iterable[str]) -> tuple[str, str, tuple[str, ...]]:
    """Cleaned (text, part, topics) or a ``LibraryError`` saying what is wrong."""
    text = (text or "").strip()
    if not text:
        raise LibraryError("素材内容不能为空。")
    if len(text) > 2000:
        raise LibraryError("素材过长（超过 2000 字），请拆成几条。")
    if part not in PARTS:
        raise LibraryError(f"部分“{part}”不是 {'/'.join(PARTS)} 之一。")
    topics = tuple(dict.fromkeys(t for t in topics if t))
    bad = [t for t in topics if t not in CANONICAL_TOPICS]
    if bad:
        raise LibraryError(f"主题“{bad[0]}”不是规范主题。")
    return text, part, topics


def _in_use(exc: sqlite3.DatabaseError) -> bool:
    """"database is locked" / "busy": another connection holds it; the file is sound."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


_DAMAGE = ("not a database", "malformed", "quick_check", "no such column", "no such table",
           "file is encrypted", "corrupt")
SIDE_PREFIX = "素材库-损坏-"


def is_damaged(exc: sqlite3.DatabaseError) -> bool:
    """The file itself is bad (moving it aside is right), as opposed to the disk or the
    permissions around a sound file (never touch it)."""
    text = str(exc).lower()
    return any(marker in text for marker in _DAMAGE)


def describe_problem(exc: BaseException, path: Path) -> str:
    """What keeps ``path`` from being opened or written, in words a user can act on."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None) or getattr(exc, "sqlite_errorcode", None)
    if isinstance(exc, sqlite3.DatabaseError) and _in_use(exc):
        return "素材库正被另一个程序占用（可能是另一个明镜窗口正在导入素材）"
    if "full" in text or code == errno.ENOSPC:
        return "磁盘空间已满"
    if "readonly" in text or "read-only" in text or code == errno.EROFS:
        return "素材库文件或其所在文件夹是只读的"
    if isinstance(exc, PermissionError) or "unable to open" in text or "permission" in text \
            or code in (errno.EACCES, errno.EPERM):
        if path.exists() and not os.access(path, os.R_OK):
            return "没有读取素材库文件的权限（例如曾以管理员身份运行过明镜，或被安全软件拦截）"
        return "没有读写素材库文件的权限（例如曾以管理员身份运行过明镜，或被安全软件拦截）"
    if "disk i/o" in text:
        return "读写磁盘出错（磁盘或 U 盘可能有问题）"
    return "素材库暂时无法使用"


class UserLibrary:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.notice: str | None = None
        self.read_only = False  # writes are refused with a LibraryError saying why
        self._why_read_only = ""
        self._conn = self._open()

    # --- opening, and recovering from a damaged file ----------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _private_dir(self.path.parent)
            conn = self._connect()
            _private_file(self.path)
            return conn
        except sqlite3.DatabaseError as exc:
            if is_damaged(exc) and self.path.exists():
                return self._start_over()
            return self._degrade(exc)
        except OSError as exc:
            return self._degrade(exc)

    def _start_over(self) -> sqlite3.Connection:
        try:
            moved = self._move_aside()
        except OSError as exc:  # cannot even rename it: leave it where it is
            return self._degrade(exc)
        self.notice = (f"素材库文件已损坏，无法读取。已将其移到“{moved.name}”保存，"
                       "并新建了一个空的素材库。内置素材不受影响。"
                       "如确认该文件没有损坏，可在“素材 › 管理素材库”中点“恢复移走的素材库”。")
        try:
            return self._connect()
        except (sqlite3.DatabaseError, OSError) as exc:
            return self._degrade(exc)

    def _degrade(self, exc: BaseException) -> sqlite3.Connection:
        """A sound file that cannot be opened or written: read-only, or empty in memory."""
        why = describe_problem(exc, self.path)
        self.read_only = True
        self._why_read_only = why
        if self.path.is_file():
            try:
                conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                       check_same_thread=False, timeout=1.0)
                conn.execute("SELECT num, text, part, topics, size, source FROM phrases "
                             "LIMIT 1").fetchall()
                self.notice = (f"素材库文件无法写入：{why}。已以只读方式打开，我的素材可以照常使用，"
                               f"但新增、修改、收藏和使用次数暂不保存。文件本身未作任何改动：{self.path}")
                return conn
            except sqlite3.Error:
                pass
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.executescript(_SCHEMA)
        self.notice = (f"素材库无法打开：{why}。本次先使用一个临时的空素材库（内置素材不受影响），"
                       f"我的素材暂不显示，新增内容也不会保存。素材库文件本身未作任何改动：{self.path}")
        return conn

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False)
        try:
            conn.executescript(_SCHEMA)
            row = conn.execute("PRAGMA quick_check").fetchone()
            if not row or row[0] != "ok":
                raise sqlite3.DatabaseError(f"quick_check failed: {row}")
            conn.execute("SELECT num, text, part, topics, size, source FROM phrases LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{SIDE_PREFIX}{stamp}.db")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{SIDE_PREFIX}{stamp}-{n}.db")
            n += 1
        self.path.replace(target)
        for suffix in ("-wal", "-shm", "-journal"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.unlink()
        return target

    def moved_aside(self) -> list[Path]:
        """Libraries moved aside as damaged, newest first (offered for restoring)."""
        try:
            found = list(self.path.parent.glob(f"{SIDE_PREFIX}*.db"))
        except OSError:
            return []
        return sorted(found, key=lambda p: p.name, reverse=True)

    def restore(self, side: Path) -> str:
        """Put a moved-aside library back in place of the current one (which is itself kept
        aside); returns what happened, in Chinese.  A file that really is damaged is moved
        aside again and the message says so."""
        side = Path(side)
        if not side.is_file():
            raise LibraryError(f"找不到“{side.name}”。")
        self._conn.close()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"素材库-恢复前-{stamp}.db")
        try:
            if self.path.exists():
                self.path.replace(kept)
            for suffix in ("-wal", "-shm", "-journal"):
                extra = self.path.with_name(self.path.name + suffix)
                if extra.exists():
                    extra.unlink()
            side.replace(self.path)
        except OSError as exc:
            self._conn = self._open()
            raise LibraryError(f"无法恢复“{side.name}”：{describe_problem(exc, self.path)}。") from exc
        self.notice = None
        self.read_only = False
        self._conn = self._open()
        if self.notice:
            return self.notice
        return (f"已恢复“{side.name}”，我的素材共 {len(self.phrases())} 条。"
                f"原来的素材库已另存为“{kept.name}”。")

    def _writable(self) -> None:
        if self.read_only:
            raise LibraryError(f"素材库当前不能写入：{self._why_read_only}。这次修改没有保存。")

    def _write(self, sql_calls) -> sqlite3.Cursor:
        """Run ``sql_calls(conn)`` in one transaction; a disk or lock problem becomes a
        ``LibraryError`` saying what is wrong."""
        self._writable()
        try:
            with self._conn:
                return sql_calls(self._conn)
        except sqlite3.OperationalError as exc:
            raise LibraryError(f"素材库无法写入：{describe_problem(exc, self.path)}。"
                               "这次修改没有保存。") from exc

    def close(self) -> None:
        self._conn.close()

    # --- phrases ----------------------------------------------------------------------------
    @staticmethod
    def _phrase(row) -> Phrase | None:
        """A row as a phrase; rows written by something else (a BLOB text, a number as
        topics, a part that is not one of ours) are coerced or skipped (``None``)."""
        num, text, part, topics, size, source = row
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if not isinstance(text, str) or not text.strip() or not isinstance(num, int):
            return None
        text = text[:MAX_TEXT]
        if part not in PARTS:
            return None
        topic_list: tuple[str, ...] = ()
        try:
            loaded = json.loads(topics) if isinstance(topics, str) and len(topics) < 10_000 else []
            if isinstance(loaded, list):
                topic_list = tuple(t for t in loaded if isinstance(t, str) and t in CANONICAL_TOPICS)
        except (ValueError, TypeError, RecursionError):
            topic_list = ()
        # The few distinct part/topic/size/source strings once each, not once per row
        # (sqlite and json make a new string every time: ~3 MB for 10k phrases, issue 19).
        return Phrase(f"{USER_PREFIX}{num}", text, sys.intern(part),
                      tuple(sys.intern(t) for t in topic_list),
                      sys.intern(size) if size in SIZES else "句式", _MINE,
                      sys.intern(source) if isinstance(source, str) and source else MY_SOURCE)

    def phrases(self) -> list[Phrase]:
        rows = self._conn.execute(
            "SELECT num, text, part, topics, size, source FROM phrases ORDER BY num").fetchall()
        return [p for p in map(self._phrase, rows) if p is not None]

    def get(self, phrase_id: str) -> Phrase | None:
        num = _num(phrase_id)
        if num is None:
            return None
        row = self._conn.execute("SELECT num, text, part, topics, size, source FROM phrases "
                                 "WHERE num = ?", (num,)).fetchone()
        return self._phrase(row) if row else None

    def _written(self, phrase_id: str) -> Phrase:
        """The phrase just written; only another process deleting it in between loses it."""
        phrase = self.get(phrase_id)
        if phrase is None:
            raise LibraryError("素材刚保存就找不到了，可能被另一个窗口删除，请重试。")
        return phrase

    def add(self, text: str, part: str, topics: Iterable[str] = (), source: str = MY_SOURCE,
            size: str | None = None) -> Phrase:
        text, part, topics = validate_entry(text, part, topics)
        size = size if size in SIZES else ("要点" if len(text) > 60 else "句式")
        cur = self._write(lambda conn: conn.execute(
            "INSERT INTO phrases (text, part, topics, size, source, created) VALUES (?,?,?,?,?,?)",
            (text, part, json.dumps(list(topics), ensure_ascii=False), size, source, time.time())))
        return self._written(f"{USER_PREFIX}{cur.lastrowid}")

    def add_many(self, entries: Iterable[tuple[str, str, tuple[str, ...], str]]) -> int:
        """Add (text, part, topics, source) rows in one transaction; returns how many."""
        rows = []
        now = time.time()
        for text, part, topics, source in entries:
            text, part, topics = validate_entry(text, part, topics)
            size = "要点" if len(text) > 60 else "句式"
            rows.append((text, part, json.dumps(list(topics), ensure_ascii=False), size, source, now))
        if rows:
            self._write(lambda conn: conn.executemany(
                "INSERT INTO phrases (text, part, topics, size, source, created) VALUES (?,?,?,?,?,?)",
                rows))
        return len(rows)

    def add_many_ids(self, entries: Iterable[tuple[str, str, tuple[str, ...], str, str | None]]) -> list[str]:
        """Add (text, part, topics, source, size) rows in one transaction; returns their ids
        (so a pack can be taken out again)."""
        rows = []
        now = time.time()
        for text, part, topics, source, size in entries:
            text, part, topics = validate_entry(text, part, topics)
            size = size if size in SIZES else ("要点" if len(text) > 60 else "句式")
            rows.append((text, part, json.dumps(list(topics), ensure_ascii=False), size, source, now))
        ids = []
        with self._conn:
            for row in rows:
                cur = self._conn.execute(
                    "INSERT INTO phrases (text, part, topics, size, source, created) VALUES (?,?,?,?,?,?)", row)
                ids.append(f"{USER_PREFIX}{cur.lastrowid}")
        return ids

    def update(self, phrase_id: str, text: str, part: str, topics: Iterable[str]) -> Phrase:
        num = _num(phrase_id)
        if num is None or self.get(phrase_id) is None:
            raise LibraryError("只能修改“我的素材”中的条目；内置素材不可修改。")
        text, part, topics = validate_entry(text, part, topics)
        size = "要点" if len(text) > 60 else "句式"
        self._write(lambda conn: conn.execute(
            "UPDATE phrases SET text=?, part=?, topics=?, size=? WHERE num=?",
            (text, part, json.dumps(list(topics), ensure_ascii=False), size, num)))
        return self._written(phrase_id)

    def delete(self, phrase_id: str) -> bool:
        num = _num(phrase_id)
        if num is None:
            return False
        def remove(conn):
            gone = conn.execute("DELETE FROM phrases WHERE num = ?", (num,)).rowcount
            conn.execute("DELETE FROM favourites WHERE phrase_id = ?", (phrase_id,))
            conn.execute("DELETE FROM usage WHERE phrase_id = ?", (phrase_id,))
            return gone

        return bool(self._write(remove))

    # --- favourites and usage ---------------------------------------------------------------
    def favourites(self) -> frozenset[str]:
        try:
            rows = self._conn.execute("SELECT phrase_id FROM favourites").fetchall()
        except sqlite3.Error:
            return frozenset()
        return frozenset(r[0] for r in rows if isinstance(r[0], str))

    def set_favourite(self, phrase_id: str, on: bool) -> None:
        if on:
            self._write(lambda conn: conn.execute(
                "INSERT OR IGNORE INTO favourites VALUES (?)", (phrase_id,)))
        else:
            self._write(lambda conn: conn.execute(
                "DELETE FROM favourites WHERE phrase_id = ?", (phrase_id,)))

    def toggle_favourite(self, phrase_id: str) -> bool:
        on = phrase_id not in self.favourites()
        self.set_favourite(phrase_id, on)
        return on

    def record_use(self, phrase_id: str) -> int:
        """Count one use (best effort: a read-only, locked or full library counts nothing)."""
        try:
            self._write(lambda conn: conn.execute(
                "INSERT INTO usage VALUES (?, 1, ?) ON CONFLICT(phrase_id) "
                "DO UPDATE SET count = count + 1, last_used = excluded.last_used",
                (phrase_id, time.time())))
        except LibraryError:
            pass
        return self.usage().get(phrase_id, 0)

    def usage(self) -> dict[str, int]:
        try:
            rows = self._conn.execute("SELECT phrase_id, count FROM usage").fetchall()
        except sqlite3.Error:
            return {}
        return {r[0]: r[1] for r in rows if isinstance(r[0], str) and isinstance(r[1], int)}

    def stats(self) -> LibraryStats:
        phrases = self.phrases()
        by_part: dict[str, int] = {}
        by_topic: dict[str, int] = {}
        for p in phrases:
            by_part[p.part] = by_part.get(p.part, 0) + 1
            for t in p.topics:
                by_topic[t] = by_topic.get(t, 0) + 1
        return LibraryStats(len(phrases), len(self.favourites()), len(self.usage()), by_part,
                            by_topic, len({p.source for p in phrases}))


def _num(phrase_id: str) -> int | None:
    if not phrase_id.startswith(USER_PREFIX):
        return None
    try:
        return int(phrase_id[len(USER_PREFIX):])
    except ValueError:
        return None


def _private_dir(folder: Path) -> None:
    """The user data dir holds past reports' full text: owner only (POSIX)."""
    if os.name == "posix":
        try:
            if folder.stat().st_uid == os.getuid() and folder.stat().st_mode & 0o077:
                folder.chmod(0o700)
        except OSError:
            pass


def _private_file(path: Path) -> None:
    if os.name == "posix":
        for candidate in (path, path.with_name(path.name + "-journal"),
                          path.with_name(path.name + "-wal")):
            try:
                if candidate.is_file() and candidate.stat().st_mode & 0o077:
                    candidate.chmod(0o600)
            except OSError:
                pass


def open_library(user_dir: Path) -> UserLibrary:
    return UserLibrary(user_dir / DB_NAME)
