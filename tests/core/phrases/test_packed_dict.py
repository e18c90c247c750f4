"""jieba's dictionary packed in one string per first character (issue 19): the same
segmentation and the same ``FREQ`` answers as jieba's own dict, in a fraction of the memory."""

import logging
import random
import tracemalloc

import pytest

from app.bench.texts import report_text, sample_reports
from app.core.check.lexicon import build_lexicon
from app.core.paths import phrasebank_dir
from app.core.phrases.packed_dict import PackedFreq, pack
from app.core.phrases.phrasebank import load_phrasebank
from app.core.phrases.segment import Segmenter, import_jieba


@pytest.fixture(scope="module")
def jiebas_own():
    """jieba's Tokenizer as jieba loads it (its dict of ~500k entries), with our user dictionary."""
    jieba = import_jieba()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(Segmenter().user_dict))
    return tokenizer


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    segmenter = Segmenter(cache_dir=tmp_path_factory.mktemp("cache"))
    segmenter.load(pause=lambda: None)
    return segmenter


def phrase_texts() -> list[str]:
    return [p.text for p in load_phrasebank(phrasebank_dir()).phrases]


@pytest.mark.parametrize("hmm", [True, False])
def test_segmentation_is_jiebas_on_the_corpus_the_phrasebank_and_the_bench_draft(jiebas_own, packed, hmm):
    texts = [*sample_reports(), report_text(), *phrase_texts()]
    assert len(texts) > 1000
    ours = packed._tokenizer
    for text in texts:
        assert ours.lcut(text, HMM=hmm) == jiebas_own.lcut(text, HMM=hmm)


def test_freq_answers_as_jiebas_dict(jiebas_own, packed):
    theirs = jiebas_own.FREQ
    ours, total = packed.dictionary()
    assert isinstance(ours, PackedFreq) and total == jiebas_own.total
    rng = random.Random(4)
    keys = rng.sample(sorted(theirs), 20_000)  # words, user words and zero-count prefixes
    keys += ["两个确立", "管党治党", "两个确", "", "x", "不存在的词语组合", "中华人民共和国万岁",
             "中\x01", "中\x00国", "中国\x01"]
    for key in keys:
        assert ours.get(key) == theirs.get(key), key
        assert (key in ours) == (key in theirs), key
        assert ours.get(key, -1) == theirs.get(key, -1), key
    assert sorted(ours.items()) == sorted((w, f) for w, f in theirs.items() if f > 0)


def test_words_added_after_loading_segment_as_in_jieba(jiebas_own, tmp_path):
    theirs = import_jieba().Tokenizer()
    theirs.FREQ, theirs.total = dict(jiebas_own.FREQ), jiebas_own.total
    theirs.initialized = True
    segmenter = Segmenter(cache_dir=tmp_path)
    segmenter.load(pause=lambda: None)
    ours = segmenter._tokenizer
    text = "坚持把学习贯彻新时代思想作为首要政治任务，强化知行合一的自觉"
    for tokenizer in (ours, theirs):  # through the overlay until merged
        tokenizer.add_word("知行合一的自觉", 50_000)
        tokenizer.add_word("首要政", 3)  # (no del_word: jieba's force-split list is global)
    assert ours.FREQ.overlay
    assert ours.lcut(text) == theirs.lcut(text)
    ours.FREQ.merge_overlay()
    assert not ours.FREQ.overlay
    assert ours.lcut(text) == theirs.lcut(text)
    assert "知行合一的自觉" in ours.lcut(text)


def test_the_lexicon_over_the_packed_dictionary_is_the_same(jiebas_own, packed):
    texts = phrase_texts()
    theirs = build_lexicon(jiebas_own.FREQ, jiebas_own.total, texts)
    freq, total = packed.dictionary()
    ours = build_lexicon(freq, total, texts)
    assert ours.extra == theirs.extra and ours.seen == theirs.seen
    assert dict(ours.targets().items()) == dict(theirs.targets().items())
    assert (ours.heads, ours.tails, ours.mids) == (theirs.heads, theirs.tails, theirs.mids)


def test_the_loaded_dictionary_holds_no_object_per_word(packed):
    """jieba's dict held ~55 MB of str, int and table (tracemalloc); the packed one ~7 MB."""
    tracemalloc.start()
    try:
        segmenter = Segmenter(cache_dir=packed._cache_dir)
        segmenter.load(pause=lambda: None)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert segmenter.ready and held < 15_000_000


def test_pack_keeps_counts_and_skips_zero_entries():
    buckets = pack({"中": 5, "中国": 883_634, "中华": 0, "中华人民": 2_000_000_000, "国": 7})
    freq = PackedFreq(buckets)
    assert set(buckets) == {"中", "国"}
    assert freq.get("中国") == 883_634 and freq.get("中华人民") == 2_000_000_000
    assert freq.get("中华") == 0 and "中华人" in freq and freq.get("中华人民共") is None
    assert len(freq) == 4
    freq["中国"] = 0  # jieba's del_word
    freq["中华人民共和国"] = 9
    assert freq.get("中国") == 0 and freq.get("中华人民共和国") == 9
    freq.merge_overlay()
    assert not freq.overlay and freq.get("中国") is None and freq.get("中华人民共和国") == 9
    assert sorted(freq.items()) == [("中", 5), ("中华人民", 2_000_000_000), ("中华人民共和国", 9), ("国", 7)]
