"""The user's own library: their phrases, favourites and usage counts, in one SQLite file.

It lives in the user data dir; shipped phrase files are never written.  A database that
cannot be read is moved aside (``素材库-损坏-<time>.db``), a new one is started, and
``notice`` says so in Chinese for the window or the command line to show.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import LibraryError
from app.core.phrases.phrasebank import SIZES, Phrase
from app.core.topics import CANONICAL_TOPICS, PARTS

DB_NAME = "library.sqlite3"
USER_PREFIX = "u-"
MY_SOURCE = "我的素材"
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


class UserLibrary:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.notice: str | None = None
        self._conn = self._open()

    # --- opening, and recovering from a damaged file ----------------------------------------
    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if _in_use(exc):
                raise  # busy, not damaged (the cache child, another window): never move it
            moved = self._move_aside()
            self.notice = (f"素材库文件已损坏，无法读取。已将其移到“{moved.name}”保存，"
                           "并新建了一个空的素材库。内置素材不受影响。")
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False)
        try:
            conn.executescript(_SCHEMA)
            row = conn.execute("PRAGMA quick_check").fetchone()
            if not row or row[0] != "ok":
                raise sqlite3.DatabaseError(str(row))
            conn.execute("SELECT num, text, part, topics, size, source FROM phrases LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"素材库-损坏-{stamp}.db")
        n = 1
        while target.exists():
            target = self.path.with_name(f"素材库-损坏-{stamp}-{n}.db")
            n += 1
        self.path.replace(target)
        for suffix in ("-wal", "-shm", "-journal"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.unlink()
        return target

    def close(self) -> None:
        self._conn.close()

    # --- phrases ----------------------------------------------------------------------------
    @staticmethod
    def _phrase(row) -> Phrase:
        num, text, part, topics, size, source = row
        try:
            topic_list = tuple(t for t in json.loads(topics) if t in CANONICAL_TOPICS)
        except (ValueError, TypeError):
            topic_list = ()
        return Phrase(f"{USER_PREFIX}{num}", text, part, topic_list,
                      size if size in SIZES else "句式", ("我的",), source or MY_SOURCE)

    def phrases(self) -> list[Phrase]:
        rows = self._conn.execute(
            "SELECT num, text, part, topics, size, source FROM phrases ORDER BY num").fetchall()
        return [self._phrase(r) for r in rows]

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
        with self._conn:
            cur = self._conn.execute(
                "INSERT INTO phrases (text, part, topics, size, source, created) VALUES (?,?,?,?,?,?)",
                (text, part, json.dumps(list(topics), ensure_ascii=False), size, source, time.time()))
        return self._written(f"{USER_PREFIX}{cur.lastrowid}")

    def add_many(self, entries: Iterable[tuple[str, str, tuple[str, ...], str]]) -> int:
        """Add (text, part, topics, source) rows in one transaction; returns how many."""
        rows = []
        now = time.time()
        for text, part, topics, source in entries:
            text, part, topics = validate_entry(text, part, topics)
            size = "要点" if len(text) > 60 else "句式"
            rows.append((text, part, json.dumps(list(topics), ensure_ascii=False), size, source, now))
        with self._conn:
            self._conn.executemany(
                "INSERT INTO phrases (text, part, topics, size, source, created) VALUES (?,?,?,?,?,?)",
                rows)
        return len(rows)

    def update(self, phrase_id: str, text: str, part: str, topics: Iterable[str]) -> Phrase:
        num = _num(phrase_id)
        if num is None or self.get(phrase_id) is None:
            raise LibraryError("只能修改“我的素材”中的条目；内置素材不可修改。")
        text, part, topics = validate_entry(text, part, topics)
        size = "要点" if len(text) > 60 else "句式"
        with self._conn:
            self._conn.execute("UPDATE phrases SET text=?, part=?, topics=?, size=? WHERE num=?",
                               (text, part, json.dumps(list(topics), ensure_ascii=False), size, num))
        return self._written(phrase_id)

    def delete(self, phrase_id: str) -> bool:
        num = _num(phrase_id)
        if num is None:
            return False
        with self._conn:
            gone = self._conn.execute("DELETE FROM phrases WHERE num = ?", (num,)).rowcount
            self._conn.execute("DELETE FROM favourites WHERE phrase_id = ?", (phrase_id,))
            self._conn.execute("DELETE FROM usage WHERE phrase_id = ?", (phrase_id,))
        return bool(gone)

    # --- favourites and usage ---------------------------------------------------------------
    def favourites(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._conn.execute("SELECT phrase_id FROM favourites"))

    def set_favourite(self, phrase_id: str, on: bool) -> None:
        with self._conn:
            if on:
                self._conn.execute("INSERT OR IGNORE INTO favourites VALUES (?)", (phrase_id,))
            else:
                self._conn.execute("DELETE FROM favourites WHERE phrase_id = ?", (phrase_id,))

    def toggle_favourite(self, phrase_id: str) -> bool:
        on = phrase_id not in self.favourites()
        self.set_favourite(phrase_id, on)
        return on

    def record_use(self, phrase_id: str) -> int:
        with self._conn:
            self._conn.execute(
                "INSERT INTO usage VALUES (?, 1, ?) ON CONFLICT(phrase_id) "
                "DO UPDATE SET count = count + 1, last_used = excluded.last_used",
                (phrase_id, time.time()))
        return self.usage().get(phrase_id, 0)

    def usage(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self._conn.execute("SELECT phrase_id, count FROM usage")}

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


def open_library(user_dir: Path) -> UserLibrary:
    return UserLibrary(user_dir / DB_NAME)
