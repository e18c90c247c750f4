"""Ranking, search and the segmenter's loading (engine only, no window)."""

from __future__ import annotations

import time

import pytest

from app.core.phrases.phrasebank import Phrase, used_phrase_ids
from app.core.phrases.pinyin import PinyinMatcher, initials_of, reading_of
from app.core.phrases.ranking import Boosts, PhraseIndex
from app.core.phrases.segment import Segmenter, TokenCache

SIX = ("理论学习", "政治素质", "能力本领", "担当作为", "工作作风", "廉洁自律")


def test_every_filtered_suggestion_has_the_asked_part_and_topic(services):
    checked = 0
    for topic in SIX:
        for part in ("问题", "原因", "措施"):
            found = services.index.suggest(part, [topic], context="工作 学习 落实", limit=40)
            assert found, (topic, part)
            assert all(s.phrase.part == part and topic in s.phrase.topics for s in found)
            checked += len(found)
    assert checked > 100


@pytest.mark.parametrize("part,topic,context,expected", [
    ("问题", "理论学习", "学用结合不够紧密，学归学、干归干，存在两张皮", "llxx-wt-002"),
    ("问题", "理论学习", "参加中心组学习发言准备不充分，心得体会理论深度不够", "llxx-wt-004"),
    ("措施", "理论学习", "坚持第一议题制度，建立个人学习台账", "llxx-cs-004"),
])
def test_context_brings_a_specific_phrase_into_the_top_three(loaded_services, part, topic,
                                                              context, expected):
    assert loaded_services.index.by_id(expected) is not None
    without = [s.phrase.id for s in loaded_services.index.suggest(part, [topic], limit=40)]
    found = [s.phrase.id for s in loaded_services.index.suggest(part, [topic], context, limit=40)]
    assert expected in found[:3], found[:5]
    assert without.index(expected) > found.index(expected) or without.index(expected) < 3


def test_no_near_copies_in_one_list(services):
    base = services.index.phrases[:5]
    copies = [Phrase(f"copy-{i}", p.text + "。", p.part, p.topics) for i, p in enumerate(base)]
    index = PhraseIndex(services.index.phrases + copies, services.segmenter)
    for phrase in base:
        ids = [s.phrase.id for s in index.suggest(phrase.part, phrase.topics, phrase.text, limit=40)]
        assert not ({phrase.id, f"copy-{base.index(phrase)}"} <= set(ids))


def test_favourites_and_usage_lift_a_phrase(services):
    plain = services.index.suggest("原因", ["工作作风"], limit=40)
    last = [s.phrase.id for s in plain if s.phrase.topics[0] == "工作作风"][-1]
    lifted = services.index.suggest("原因", ["工作作风"], limit=40,
                                    boosts=Boosts(frozenset({last}), {}))
    assert lifted[0].phrase.id == last and lifted[0].favourite
    used_a_lot = services.index.suggest("原因", ["工作作风"], limit=40,
                                        boosts=Boosts(frozenset(), {last: 20}))
    before = [s.phrase.id for s in plain].index(last)
    assert [s.phrase.id for s in used_a_lot].index(last) < before


def test_used_phrases_are_marked_not_hidden(services):
    first = services.index.suggest("措施", ["廉洁自律"], limit=40)[0].phrase
    used = used_phrase_ids("三、整改措施\n" + first.text, services.index.phrases)
    # a cell holds 45+ phrases: the panel lists them all, so the used one is still shown
    again = services.index.suggest("措施", ["廉洁自律"], used=used, limit=150)
    entry = next(s for s in again if s.phrase.id == first.id)
    assert entry.used and again[0].phrase.id != first.id


def test_pinyin_readings_and_matcher():
    reading = reading_of("理论学习，{单位}")
    assert reading.startswith("li|lun|xue|xi")
    initials = initials_of(reading)
    assert initials.startswith("llxx")
    assert PinyinMatcher("llxx").matches(initials, reading)
    assert PinyinMatcher("lilunxuexi").matches(initials, reading)
    assert PinyinMatcher("lilunxu").matches(initials, reading)  # still typing
    assert not PinyinMatcher("ilun").matches(initials, reading)  # not syllable-aligned
    assert not PinyinMatcher("xxll").matches(initials, reading)


@pytest.mark.parametrize("query", ["llxx", "lilunxuexi", "理论学习", "理论 学习"])
def test_search_by_words_initials_and_full_pinyin(services, query):
    found = services.index.suggest("问题", ["廉洁自律"], query=query, whole_bank=True, limit=400)
    assert found
    assert all("理论学习" in s.phrase.text or ("理论" in s.phrase.text and "学习" in s.phrase.text)
               or _pinyin_hit(services, s.phrase.text, query) for s in found)
    assert any("理论学习" in s.phrase.text for s in found[:10])
    in_section = services.index.suggest("问题", ["廉洁自律"], query=query, limit=400)
    assert len(in_section) < len(found)
    assert all(s.phrase.part == "问题" and "廉洁自律" in s.phrase.topics for s in in_section)


def _pinyin_hit(services, text, query):
    reading = services.index.pinyin.reading(text)
    return query.isascii() and PinyinMatcher(query).matches(initials_of(reading), reading)


def test_whole_bank_search_ranks_the_section_first(services):
    found = services.index.suggest("措施", ["工作作风"], query="作风", whole_bank=True, limit=60)
    fits = [s.phrase.part == "措施" and "工作作风" in s.phrase.topics for s in found]
    assert fits[0] and any(not f for f in fits)
    assert fits.index(False) > fits.count(True) - 1 or all(fits[:fits.count(True)])


def test_pinyin_cache_is_written_and_reused(tmp_path, services):
    from app.core.phrases.pinyin import CACHE_NAME, PinyinTable

    table = PinyinTable(tmp_path)
    table.prepare(p.text for p in services.index.phrases[:20])
    assert (tmp_path / CACHE_NAME).is_file()
    again = PinyinTable(tmp_path)
    again._load_cache()
    assert len(again._readings) == 20


def test_segmenter_caches_the_packed_dictionary(tmp_path):
    first = Segmenter(cache_dir=tmp_path)
    first.load()
    cache = next(tmp_path.glob("jieba-prefix-*.bin"))
    assert cache.read_bytes().startswith(b"MJPFD2")  # packed buckets, read in one call
    pauses = []
    second = Segmenter(cache_dir=tmp_path)
    second.load(pause=lambda: pauses.append(time.perf_counter()))
    assert len(pauses) == 1  # the GIL is yielded once the cache is read
    assert second.tokens("深刻领悟两个确立的决定性意义") == first.tokens("深刻领悟两个确立的决定性意义")
    assert "两个确立" in second.tokens("深刻领悟两个确立的决定性意义")
    for term in ("四个意识", "四个自信", "两个维护", "一岗双责", "国之大者", "八项规定"):
        assert term in second.tokens(f"我们要{term}落实到位")


def test_an_older_prefix_cache_is_rebuilt(tmp_path):
    Segmenter(cache_dir=tmp_path).load()
    cache = next(tmp_path.glob("jieba-prefix-*.bin"))
    cache.write_bytes(b"MJPFD1" + (5).to_bytes(8, "little"))  # the sliced format of before
    segmenter = Segmenter(cache_dir=tmp_path)
    segmenter.load()
    assert "一岗双责" in segmenter.tokens("履行一岗双责不到位")
    assert cache.read_bytes().startswith(b"MJPFD2")


def test_damaged_prefix_cache_is_rebuilt(tmp_path):
    Segmenter(cache_dir=tmp_path).load()
    cache = next(tmp_path.glob("jieba-prefix-*.bin"))
    cache.write_bytes(cache.read_bytes()[:5000])
    segmenter = Segmenter(cache_dir=tmp_path)
    segmenter.load()
    assert "一岗双责" in segmenter.tokens("履行一岗双责不到位")


def test_token_cache_ranks_with_jieba_words_before_jieba_loads(tmp_path, loaded_services):
    phrases = loaded_services.index.phrases
    cache = TokenCache(tmp_path)
    warm = PhraseIndex(phrases, loaded_services.segmenter, tokens=cache)
    warm.after_segmenter_loaded()
    cold_segmenter = Segmenter()
    cold = PhraseIndex(phrases, cold_segmenter, tokens=TokenCache(tmp_path))
    assert not cold_segmenter.ready and cold.complete
    context = "学用结合不够紧密，学归学、干归干，存在两张皮"
    hot = [s.phrase.id for s in warm.suggest("问题", ["理论学习"], context, limit=5)]
    early = [s.phrase.id for s in cold.suggest("问题", ["理论学习"], context, limit=5)]
    assert hot[0] == early[0] == "llxx-wt-002"


_FIRST_RUN_SCRIPT = r"""
import json, sys
import jieba
def refuse(*args, **kwargs):
    raise AssertionError("jieba's dictionary was built in the window's process")
jieba.Tokenizer.gen_pfdict = refuse
from pathlib import Path
from app.core.services import Services
services = Services.load(Path(sys.argv[1]))
assert services.caches_missing()
services.load_in_background()
found = services.index.suggest("问题", ["理论学习"], query="llxx", limit=5)
print(json.dumps({"pypinyin": "pypinyin" in sys.modules, "ready": services.segmenter.ready,
                  "complete": services.index.complete, "found": len(found),
                  "missing": services.caches_missing(),
                  "tokens": services.segmenter.tokens("履行一岗双责不到位")}, ensure_ascii=False))
"""


def test_first_run_builds_the_caches_in_a_child_process(tmp_path):
    """On a fresh machine the GIL-holding work (jieba's dictionary builder, pypinyin's
    import) runs in a child process; the window's process only loads the caches."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", _FIRST_RUN_SCRIPT, str(tmp_path / "home")],
                         cwd=root, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["ready"] and result["complete"] and not result["missing"]
    assert not result["pypinyin"]  # readings came from the cache the child wrote
    assert result["found"] and "一岗双责" in result["tokens"]
    assert list((tmp_path / "home" / "cache").glob("jieba-prefix-*.bin"))


def test_first_run_falls_back_to_loading_in_process_when_the_child_fails(tmp_path, monkeypatch):
    import app.core.warmup as warmup
    from app.core.services import Services

    monkeypatch.setattr(warmup, "child_command", lambda user_dir: ["/nonexistent/mingjing"])
    assert warmup.warm_in_child(tmp_path) is False
    services = Services.load(tmp_path / "home")
    services.load_in_background()
    assert services.segmenter.ready and services.index.complete and not services.caches_missing()


def test_warm_caches_command_writes_every_cache(tmp_path):
    from app.cli import main
    from app.core.phrases.pinyin import CACHE_NAME

    assert main(["--warm-caches", str(tmp_path)]) == 0
    cache = tmp_path / "cache"
    assert list(cache.glob("jieba-prefix-*.bin")) and (cache / CACHE_NAME).is_file()
    assert (cache / "tokens-v1.json").is_file() and not list(cache.glob("*.tmp"))


@pytest.mark.parametrize("query", ["llxx", "lilunxuexi", "理论学习"])
def test_search_ranks_real_word_hits_above_chance_initials(loaded_services, query):
    """``llxx`` also matches 罗列现象 (luo lie xian xiang); the 理论学习 phrases come first."""
    found = loaded_services.index.suggest("问题", [], query=query, whole_bank=True, limit=400)
    own = [s.phrase.text for s in found if s.phrase.part == "问题"]
    real = sum("理论学习" in t for t in own)
    assert real >= 5 and all("理论学习" in t for t in own[:real]), own[:real + 1]


def test_closing_ends_a_slow_first_run_child_and_skips_the_rest(tmp_path, monkeypatch):
    """The loader thread waits for the cache child; closing the window stops the child, so
    the thread ends at once instead of outliving its window (Qt aborts then)."""
    import sys
    import threading
    import time

    import app.core.warmup as warmup
    from app.core.services import Services

    monkeypatch.setattr(warmup, "child_command",
                        lambda user_dir: [sys.executable, "-c", "import time; time.sleep(60)"])
    services = Services.load(tmp_path / "home")
    loader = threading.Thread(target=services.load_in_background)
    loader.start()
    time.sleep(0.5)
    started = time.monotonic()
    services.stop_loading()
    loader.join(10)
    assert not loader.is_alive() and time.monotonic() - started < 5
    assert not services.segmenter.ready  # nothing built in-process while closing
