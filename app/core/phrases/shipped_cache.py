"""Caches built ahead and shipped with the app, so that a first run is as fast as any other.

The build (``packaging/build_caches.py``, run by the build scripts before PyInstaller) puts
jieba's prefix dictionary, the shipped phrases' tokens and their pinyin readings into
``resources/cache/``.  On start, ``seed`` copies whichever of them the user's cache folder
lacks (a few ms), after checking that the prefix dictionary was built from the same jieba
dictionary; anything that does not fit is simply built as before.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from app.core.paths import resources_dir
from app.core.phrases.segment import is_current_cache

MANIFEST = "manifest.json"
JIEBA_BLOB = "jieba-prefix.bin"
TOKENS = "tokens-v1.json"
PINYIN = "pinyin-v1.json"


def shipped_cache_dir() -> Path:
    """``resources/cache`` (``MINGJING_SHIPPED_CACHE`` overrides it: benchmarks, tests)."""
    override = os.environ.get("MINGJING_SHIPPED_CACHE")
    return Path(override) if override else resources_dir() / "cache"


def jieba_stamp() -> dict[str, object]:
    """What the prefix dictionary is built from: jieba's version and its dictionary file."""
    from app.core.phrases.segment import _dict_path, import_jieba

    jieba = import_jieba()
    dict_file = _dict_path(jieba.Tokenizer())
    return {"jieba": getattr(jieba, "__version__", ""), "dict_size": dict_file.stat().st_size}


def write_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text(json.dumps({"jieba": jieba_stamp()}, ensure_ascii=False),
                                   encoding="utf-8")


def seed(cache_dir: Path, jieba_target: Path | None, source: Path | None = None) -> list[str]:
    """Copy the shipped caches that ``cache_dir`` lacks; returns the names copied.

    ``jieba_target`` is the file name the segmenter reads its prefix dictionary from.
    """
    source = source or shipped_cache_dir()
    if not source.is_dir():
        return []
    copied: list[str] = []
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for name in (TOKENS, PINYIN):
            if (source / name).is_file() and not (cache_dir / name).exists():
                _copy(source / name, cache_dir / name)
                copied.append(name)
        # (an older version's cache of the same name is replaced too: otherwise rebuilt, ~1 s)
        if (jieba_target is not None and not is_current_cache(jieba_target)
                and (source / JIEBA_BLOB).is_file()):
            manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
            if manifest.get("jieba") == jieba_stamp():
                _copy(source / JIEBA_BLOB, jieba_target)
                copied.append(JIEBA_BLOB)
    except (OSError, ValueError, AttributeError):
        pass  # an optimisation only: what is missing is built as on any first run
    return copied


def _copy(source: Path, target: Path) -> None:
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    shutil.copyfile(source, tmp)
    tmp.replace(target)
