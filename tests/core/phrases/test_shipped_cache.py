"""Caches built ahead and shipped: a first run copies them and builds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.phrases import shipped_cache
from app.core.services import Services, build_shipped_caches


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped")
    made = build_shipped_caches(out)
    assert {p.name for p in made} == {shipped_cache.JIEBA_BLOB, shipped_cache.TOKENS, shipped_cache.PINYIN}
    return out


def test_a_first_run_with_shipped_caches_needs_no_building(shipped, tmp_path, monkeypatch):
    monkeypatch.setenv("MINGJING_SHIPPED_CACHE", str(shipped))
    services = Services.load(tmp_path / "home")
    try:
        assert services.caches_missing()  # a first run: nothing in the user's cache yet
        copied = services.seed_shipped_caches()
        assert set(copied) == {shipped_cache.JIEBA_BLOB, shipped_cache.TOKENS, shipped_cache.PINYIN}
        assert not services.caches_missing()  # so no cache-building child is started
        services.load_in_background(child=False)
        assert services.segmenter.ready
        assert services.index.suggest("问题", ["理论学习"], limit=5)
    finally:
        services.library.close()


def test_a_shipped_prefix_dictionary_of_another_jieba_is_not_used(shipped, tmp_path, monkeypatch):
    import json
    import shutil

    other = tmp_path / "other"
    shutil.copytree(shipped, other)
    (other / shipped_cache.MANIFEST).write_text(json.dumps({"jieba": {"jieba": "0.1", "dict_size": 1}}),
                                                encoding="utf-8")
    target = tmp_path / "cache" / "jieba-prefix-x.bin"
    copied = shipped_cache.seed(tmp_path / "cache", target, other)
    assert shipped_cache.JIEBA_BLOB not in copied and not target.exists()
    assert shipped_cache.TOKENS in copied  # the rest still helps


def test_an_older_versions_prefix_cache_is_replaced_by_the_shipped_one(shipped, tmp_path):
    target = tmp_path / "cache" / "jieba-prefix-x.bin"
    target.parent.mkdir()
    target.write_bytes(b"MJPFD1" + bytes(100))  # the sliced format of before (issue 19)
    copied = shipped_cache.seed(tmp_path / "cache", target, shipped)
    assert shipped_cache.JIEBA_BLOB in copied
    assert target.read_bytes() == (shipped / shipped_cache.JIEBA_BLOB).read_bytes()
    assert shipped_cache.JIEBA_BLOB not in shipped_cache.seed(tmp_path / "cache", target, shipped)


def test_no_shipped_folder_changes_nothing(tmp_path):
    assert shipped_cache.seed(tmp_path / "cache", tmp_path / "cache" / "x.bin", tmp_path / "none") == []
