"""Word segmentation with jieba and the domain's user dictionary.

jieba's dictionary takes most of a second to load, so the window never waits for it:
``Segmenter.tokens`` falls back to character bigrams until ``load()`` (run on a worker
thread by the UI) has finished.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from app.core.paths import resources_dir

_STOP = set("的了和与及在是对把被为以于并且而或也都还更就")
_PUNCT = set("，。、；：？！“”‘’（）《》【】—…·,.;:?!()[]\"' \t\n\u3000")


class Segmenter:
    def __init__(self, user_dict: Path | None = None, cache_dir: Path | None = None) -> None:
        self._user_dict = user_dict or resources_dir() / "jieba_userdict.txt"
        self._cache_dir = cache_dir
        self._tokenizer = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._tokenizer is not None

    def load(self) -> None:
        """Load jieba's dictionary (blocking; safe to call from a worker thread)."""
        with self._lock:
            if self._tokenizer is not None:
                return
            import jieba

            logging.getLogger("jieba").setLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            if self._cache_dir is not None:
                self._cache_dir.mkdir(parents=True, exist_ok=True)
                tokenizer.tmp_dir = str(self._cache_dir)
            tokenizer.initialize()
            if self._user_dict.is_file():
                tokenizer.load_userdict(str(self._user_dict))
            self._tokenizer = tokenizer

    def tokens(self, text: str) -> list[str]:
        """Content words of ``text`` (character bigrams until jieba is loaded)."""
        tokenizer = self._tokenizer
        if tokenizer is None:
            chars = [c for c in text if c not in _PUNCT]
            return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]
        return [w for w in tokenizer.lcut(text) if w not in _STOP and not set(w) <= _PUNCT]
