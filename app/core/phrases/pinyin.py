"""Pinyin of phrase texts for the search box: initials (``llxx``) and full pinyin.

pypinyin needs ~6 µs per character (≈0.6 s for the shipped bank) plus ~0.15 s to import,
so readings are computed once, off the UI thread, and cached in the user's cache dir
keyed by a hash of the text.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

from app.core.storage.files import write_cache
from app.core.text import text_key

_HAN_RE = re.compile(r"[\u3400-\u9fff]")
_ASCII_QUERY_RE = re.compile(r"^[a-zA-Z' ]+$")
CACHE_NAME = "pinyin-v1.json"


def is_pinyin_query(needle: str) -> bool:
    return bool(_ASCII_QUERY_RE.match(needle)) and any(c.isalpha() for c in needle)


def _unreadable(chars: str) -> list[str]:
    """One ``#`` per character without a reading (pypinyin accepts a list; its stub says str)."""
    return ["#"] * len(chars)


def reading_of(text: str) -> str:
    """Syllables of the Han characters, ``|``-separated; other runs become ``|``."""
    from pypinyin import Style, lazy_pinyin

    parts = []
    for item in lazy_pinyin(text, style=Style.NORMAL, errors=_unreadable):  # pyright: ignore[reportArgumentType]
        parts.append(item.lower() if item.isascii() and item.isalpha() else "#")
    return "|".join(parts)


class PinyinTable:
    """text → reading, computed on demand and cached on disk (``save``)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._readings: dict[str, str] = {}
        self._dirty = False
        self._lock = threading.Lock()
        self._loaded = False

    def _load_cache(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if self._cache_dir is None:
            return
        try:
            data = json.loads((self._cache_dir / CACHE_NAME).read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self._readings.update({str(k): str(v) for k, v in data.items()})
        except (OSError, ValueError):
            pass  # no cache yet, or damaged: recomputed

    def reload(self) -> None:
        """Take in the cache file again (another process, the first-run child, wrote it)."""
        with self._lock:
            self._loaded = False
            self._load_cache()

    def missing(self, texts) -> bool:
        """Is any of ``texts`` without a cached reading?"""
        with self._lock:
            self._load_cache()
            return any(text_key(t) not in self._readings for t in texts)

    def reading(self, text: str) -> str:
        with self._lock:
            self._load_cache()
            key = text_key(text)
            value = self._readings.get(key)
            if value is None:
                value = reading_of(text)
                self._readings[key] = value
                self._dirty = True
            return value

    def put(self, text: str, reading: str) -> None:
        """A known reading (benchmarks prime synthetic banks this way)."""
        with self._lock:
            self._readings[text_key(text)] = reading

    def prepare(self, texts) -> None:
        """Compute (or load) the readings of ``texts`` and write the cache."""
        for text in texts:
            self.reading(text)
        self.save()

    def save(self) -> None:
        with self._lock:
            if not self._dirty or self._cache_dir is None:
                return
            data = json.dumps(self._readings, ensure_ascii=False).encode("utf-8")
            if write_cache(self._cache_dir / CACHE_NAME, data):  # an optimisation only
                self._dirty = False


class PinyinMatcher:
    """Does a reading match a query of initials or full pinyin (syllable-aligned)?"""

    def __init__(self, query: str) -> None:
        letters = [c for c in query.lower() if c.isalpha()]
        self.initials = "".join(letters)
        body = r"\|?".join(re.escape(c) for c in letters)
        self._full = re.compile(r"(?:^|\|)" + body)

    def matches(self, initials: str, reading: str) -> bool:
        if self.initials in initials:
            return True
        return len(self.initials) >= 2 and bool(self._full.search(reading))


def initials_of(reading: str) -> str:
    """``li|lun|xue|xi`` → ``llxx`` (non-Han runs become spaces, so no match spans them)."""
    return "".join(s[0] if s != "#" else " " for s in reading.split("|") if s)
