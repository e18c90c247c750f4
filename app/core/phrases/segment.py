"""Word segmentation with jieba and the domain's user dictionary.

jieba's own dictionary is a ~500k-entry dict (~55 MB) that its loader unmarshals in one
call holding the GIL for 200–270 ms.  The segmenter instead keeps jieba's words packed in
one string per first character (``packed_dict``: ~5 MB, no Python object per word) and
caches them in the user's cache dir as one marshalled dict of ~12k strings, read in a few
ms.  The first run builds them from jieba's dictionary with jieba's pure-Python builder
(which yields the GIL by itself) and writes the cache.

Until ``load()`` has finished, ``tokens`` falls back to a longest-match over a
vocabulary handed in by the index (``fallback_vocabulary``), else character bigrams.
"""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from app.core.paths import resources_dir
from app.core.phrases.packed_dict import PackedFreq, pack, packed_tokenizer
from app.core.storage.files import write_cache
from app.core.text import text_key

_STOP = set("的了和与及在是对把被为以于并且而或也都还更就")
_PUNCT = set("，。、；：？！“”‘’（）《》【】—…·,.;:?!()[]{}\"' \t\n\u3000")
_CACHE_MAGIC = b"MJPFD2"  # 1: jieba's dict in marshalled slices; 2: packed buckets + sub-index


def _dict_fingerprint(dict_file: Path) -> str:
    stat = dict_file.stat()
    return hashlib.sha1(f"{dict_file}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]


class Segmenter:
    def __init__(self, user_dict: Path | None = None, cache_dir: Path | None = None) -> None:
        self._user_dict = user_dict or resources_dir() / "jieba_userdict.txt"
        self._cache_dir = cache_dir
        self._tokenizer = None
        self._lock = threading.Lock()
        self._vocab: frozenset[str] = frozenset()
        self._vocab_max = 0

    @property
    def ready(self) -> bool:
        return self._tokenizer is not None

    def dictionary(self) -> tuple[PackedFreq, int] | None:
        """jieba's prefix dictionary and total count once loaded (shared, not copied)."""
        tokenizer = self._tokenizer
        return None if tokenizer is None else (tokenizer.FREQ, tokenizer.total)

    @property
    def user_dict(self) -> Path:
        return self._user_dict

    # --- loading --------------------------------------------------------------------------
    def load(self, pause: Callable[[], None] = lambda: time.sleep(0.001)) -> None:
        """Load jieba's dictionary (blocking; meant for a worker thread).

        ``pause`` runs once the cache is read, before the user dictionary is added (the
        default sleeps 1 ms so that the UI thread really gets the GIL: ``sleep(0)`` often
        hands it straight back to this thread).
        """
        with self._lock:
            if self._tokenizer is not None:
                return
            jieba = import_jieba()
            logging.getLogger("jieba").setLevel(logging.WARNING)
            freq, total = self._load_packed(jieba.Tokenizer())
            pause()
            tokenizer = packed_tokenizer(jieba, freq, total)
            if self._user_dict.is_file():
                tokenizer.load_userdict(str(self._user_dict))
                freq.merge_overlay()
            self._tokenizer = tokenizer

    def cache_ready(self) -> bool:
        """Is the prefix-dictionary cache there (so ``load`` needs no building)?"""
        jieba = import_jieba()

        cache = self._cache_file(_dict_path(jieba.Tokenizer()))
        return cache is not None and cache.is_file()

    def cache_target(self) -> Path | None:
        """The prefix-dictionary cache file ``load`` reads (None without a cache folder)."""
        return self._cache_file(_dict_path(import_jieba().Tokenizer()))

    def _cache_file(self, dict_file: Path) -> Path | None:
        if self._cache_dir is None:
            return None
        return self._cache_dir / f"jieba-prefix-{_dict_fingerprint(dict_file)}.bin"

    def _load_packed(self, tokenizer) -> tuple[PackedFreq, int]:
        dict_file = _dict_path(tokenizer)
        cache = self._cache_file(dict_file)
        if cache is not None and cache.is_file():
            try:
                return read_packed(cache.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                pass  # a damaged (or older) cache is rebuilt below
        with open(dict_file, "rb") as handle:
            jiebas, total = tokenizer.gen_pfdict(handle)
        freq = PackedFreq(pack(jiebas))
        del jiebas
        if cache is not None:  # if writing fails, the next start builds again
            write_cache(cache, packed_bytes(freq.buckets, freq.subs, total))
        return freq, total

    # --- tokens -----------------------------------------------------------------------------
    def fallback_vocabulary(self, words: Iterable[str]) -> None:
        """Words for the longest-match fallback used until jieba is loaded."""
        vocab = frozenset(w for w in words if len(w) > 1)
        self._vocab = vocab
        self._vocab_max = min(max((len(w) for w in vocab), default=0), 12)

    def tokens(self, text: str) -> list[str]:
        """Content words of ``text``."""
        tokenizer = self._tokenizer
        if tokenizer is None:
            return self.fallback_tokens(text)
        return [w for w in tokenizer.lcut(text) if w not in _STOP and not set(w) <= _PUNCT]

    def fallback_tokens(self, text: str) -> list[str]:
        """Longest match over the fallback vocabulary, else character bigrams."""
        chars = [c for c in text if c not in _PUNCT]
        if not self._vocab:
            return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]
        joined = "".join(chars)
        out: list[str] = []
        i = 0
        while i < len(joined):
            for size in range(min(self._vocab_max, len(joined) - i), 1, -1):
                word = joined[i:i + size]
                if word in self._vocab:
                    out.append(word)
                    i += size
                    break
            else:
                if joined[i] not in _STOP:
                    out.append(joined[i])
                i += 1
        return out


def import_jieba():
    """``import jieba`` without setuptools' ``pkg_resources``.

    jieba's ``_compat`` imports ``pkg_resources`` only to open its own data files, and
    falls back to opening them by path when the import fails.  ``pkg_resources`` is
    deprecated and costs ~90 ms of the ~110 ms jieba import (half of what loading the
    segmenter takes), so it is hidden for the duration of the import.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        # None makes `import pkg_resources` raise ImportError (typeshed types the dict as modules only)
        sys.modules["pkg_resources"] = None  # pyright: ignore[reportArgumentType]
    try:
        import jieba
    finally:
        if hide and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _dict_path(tokenizer) -> Path:
    """jieba's main dictionary file (without jieba's pkg_resources lookup, slow to import)."""
    jieba = import_jieba()

    if tokenizer.dictionary == jieba.DEFAULT_DICT:
        return Path(str(jieba.__file__)).resolve().parent / jieba.DEFAULT_DICT_NAME
    return Path(tokenizer.dictionary)


def packed_bytes(buckets: dict[str, str], subs: dict[str, tuple[str, str]], total: int) -> bytes:
    """The cache file: magic, total, the marshalled buckets and their sub-index."""
    return b"".join([_CACHE_MAGIC, total.to_bytes(8, "little"), marshal.dumps((buckets, subs))])


def is_current_cache(path: Path) -> bool:
    """Is ``path`` a dictionary cache in this version's format (not an older one)?"""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_CACHE_MAGIC)) == _CACHE_MAGIC
    except OSError:
        return False


def read_packed(data: bytes) -> tuple[PackedFreq, int]:
    if not data.startswith(_CACHE_MAGIC):
        raise ValueError("not a packed-dictionary cache")
    pos = len(_CACHE_MAGIC)
    total = int.from_bytes(data[pos:pos + 8], "little")
    buckets, subs = marshal.loads(data[pos + 8:])
    if not isinstance(buckets, dict) or not buckets or not isinstance(subs, dict) or total <= 0:
        raise ValueError("empty cache")
    return PackedFreq(buckets, subs), total


class TokenCache:
    """jieba tokens of phrase texts, saved in the user's cache dir between runs.

    Keyed by a hash of the text and tagged with the user dictionary's hash, so editing
    the dictionary invalidates it.
    """

    def __init__(self, cache_dir: Path | None = None, user_dict: Path | None = None) -> None:
        self._path = cache_dir / "tokens-v1.json" if cache_dir is not None else None
        tag = user_dict.read_bytes() if user_dict is not None and user_dict.is_file() else b""
        self._tag = hashlib.sha1(tag).hexdigest()[:16]
        self._tokens: dict[str, list[str]] = {}
        self._dirty = False
        self._lock = threading.Lock()
        self._load()

    def reload(self) -> None:
        """Take in what another process (the first-run child) wrote."""
        with self._lock:
            self._load()

    def _load(self) -> None:
        if self._path is None:
            return
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            if data.get("tag") == self._tag and isinstance(data.get("tokens"), dict):
                # One string object per distinct token: 10k phrases hold ~300k tokens of ~10k
                # distinct words (25 MB as separate strings, issue 19).
                self._tokens = {k: [sys.intern(t) for t in v.split(" ")] if v else []
                                for k, v in data["tokens"].items()
                                if isinstance(k, str) and isinstance(v, str)}
        except (OSError, ValueError, AttributeError, TypeError, RecursionError, MemoryError):
            self._tokens = {}  # first run or a damaged cache: rebuilt

    def get(self, text: str) -> list[str] | None:
        return self._tokens.get(text_key(text))

    def put(self, text: str, tokens: list[str]) -> list[str]:
        tokens = [sys.intern(t) for t in tokens if t.strip() and " " not in t]
        with self._lock:
            self._tokens[text_key(text)] = tokens
            self._dirty = True
        return tokens

    def __len__(self) -> int:
        return len(self._tokens)

    def save(self) -> None:
        if self._path is None or not self._dirty:
            return
        with self._lock:
            data = {"tag": self._tag, "tokens": {k: " ".join(v) for k, v in self._tokens.items()}}
            self._dirty = False
        write_cache(self._path, json.dumps(data, ensure_ascii=False).encode("utf-8"))  # an optimisation only
