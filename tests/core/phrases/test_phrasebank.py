"""The shipped phrasebank, its validation and the ranking of suggestions."""

from __future__ import annotations

import re
from collections import Counter

from app.core.paths import phrasebank_dir
from app.core.phrases.phrasebank import is_point, load_phrasebank, used_phrase_ids
from app.core.phrases.segment import Segmenter
from app.core.topics import CANONICAL_TOPICS

SIX = ("理论学习", "政治素质", "能力本领", "担当作为", "工作作风", "廉洁自律")


def test_shipped_bank_loads_cleanly_and_covers_every_topic_and_part():
    bank = load_phrasebank(phrasebank_dir())
    assert bank.errors == []
    body = [p for p in bank.phrases if p.part in ("问题", "原因", "措施")]
    assert all(p.topics for p in body), "问题/原因/措施 phrases need a topic"
    cells = Counter((topic, p.part) for p in body for topic in p.topics)
    for topic in CANONICAL_TOPICS:
        for part in ("问题", "原因", "措施"):
            assert cells[(topic, part)] >= (40 if topic in SIX else 15), (topic, part)
    parts = Counter(p.part for p in bank.phrases)
    assert parts["开头"] >= 60 and parts["结尾"] >= 60 and parts["过渡"] >= 60
    assert len(bank.phrases) >= 1000
    sizes = Counter(p.size for p in body)
    assert sizes["要点"] > sizes["句式"] > 0
    # 要点 is a whole point of 80–250 字 opening like 一是……。; 句式 one clause of ≤ 60 字.
    too_long_or_short = [p.id for p in bank.phrases
                         if (p.size == "要点" and not 80 <= len(p.text) <= 250)
                         or (p.size == "句式" and len(p.text) > 60)]
    assert too_long_or_short == []
    assert all(is_point(p.text) for p in body if p.size == "要点")
    assert not any(is_point(p.text) for p in bank.phrases if p.size == "句式")
    # Phrases that need the writer's facts carry fields, and the usual ones are there.
    fields = Counter(name for p in bank.phrases for name in p.fields)
    assert {"单位", "职务", "具体事例"} <= set(fields)
    assert sum(1 for p in bank.phrases if p.fields) >= 200


def test_shipped_bank_passes_the_phrase_checker_and_copies_nothing_from_the_corpus(corpus):
    """tests/tools/check_phrases.py: no per-phrase problem, no run of 14 字 shared with a
    real report, no phrase or sentence that nearly repeats a corpus sentence."""
    import tests.tools.check_phrases as check

    bank = load_phrasebank(phrasebank_dir())
    texts = [path.read_text(encoding="utf-8") for path in corpus]
    runs = check.corpus_runs(texts)
    sentences = [s for text in texts for s in check.sentences_of(text, check.SHORT_SENTENCE)]
    problems = {p.id: check.phrase_problems(p) for p in bank.phrases}
    assert {k: v for k, v in problems.items() if v} == {}
    copied = {}
    for phrase in bank.phrases:
        found = [f for f in check.corpus_overlaps(phrase, runs, sentences)
                 if f.startswith("与语料共有") or _similarity(f) >= 0.7]
        if found:
            copied[phrase.id] = found
    assert copied == {}
    assert check.near_duplicates(bank.phrases) == []


def _similarity(finding: str) -> float:
    match = re.search(r"相似度 ([0-9.]+)", finding)
    return float(match.group(1)) if match else 0.0


def test_shipped_bank_has_topic_free_openings_that_suggest_in_the_preamble(services):
    openings = [p for p in services.phrasebank.phrases if p.part == "开头"]
    assert len(openings) >= 60
    assert all(not p.topics for p in openings)
    found = services.index.suggest("开头", [], limit=100)
    assert {s.phrase.id for s in found} >= {p.id for p in openings[:5]}


def test_closing_section_gets_closing_phrases_in_both_sizes(services):
    found = services.index.suggest("结尾", [], context="恳请同志们批评指正", limit=200)
    assert len(found) >= 60
    assert {s.phrase.part for s in found} == {"结尾"}
    assert {s.phrase.size for s in found} == {"要点", "句式"}


def test_bad_entries_are_reported_as_file_and_line(tmp_path):
    (tmp_path / "mine.jsonl").write_text(
        '{"id": "a1", "text": "好的句子", "part": "问题", "topics": ["理论学习"]}\n'
        "# a comment line\n"
        '{"id": "a2", "text": "坏的", "part": "不存在"}\n'
        "{not json\n"
        '{"id": "a1", "text": "重复", "part": "问题"}\n'
        '{"id": "a3", "text": "主题错", "part": "措施", "topics": ["天气"]}\n', encoding="utf-8")
    bank = load_phrasebank(tmp_path)
    assert [p.id for p in bank.phrases] == ["a1"]
    assert [(e.line, e.path.endswith("mine.jsonl")) for e in bank.errors] == [
        (3, True), (4, True), (5, True), (6, True)]
    assert "不存在" in bank.errors[0].reason and "重复" in bank.errors[2].reason


def test_suggestions_match_part_and_topic(services):
    for topic in SIX:
        for part in ("问题", "原因", "措施"):
            found = services.index.suggest(part, [topic], limit=50)
            assert found, (topic, part)
            assert all(s.phrase.part == part and topic in s.phrase.topics for s in found)


def test_context_brings_the_relevant_phrase_up(loaded_services):
    index = loaded_services.index
    baseline = index.suggest("问题", ["廉洁自律"], limit=50)
    target = baseline[-1].phrase
    ranked = index.suggest("问题", ["廉洁自律"], context=target.text[:40], limit=50)
    assert target.id in [s.phrase.id for s in ranked[:3]]


def test_used_phrases_are_marked_and_pushed_down(services):
    index = services.index
    first = index.suggest("措施", ["理论学习"], limit=50)[0].phrase
    draft = "一、整改措施\n" + first.text
    used = used_phrase_ids(draft, services.phrasebank.phrases)
    assert first.id in used
    again = index.suggest("措施", ["理论学习"], used=used, limit=150)  # the panel lists 150+
    entry = next(s for s in again if s.phrase.id == first.id)
    assert entry.used and again[0].phrase.id != first.id


def test_segmenter_uses_the_domain_dictionary():
    segmenter = Segmenter()
    assert not segmenter.ready
    assert "两个" in segmenter.tokens("两个确立")  # bigrams before loading
    segmenter.load()
    assert "两个确立" in segmenter.tokens("深刻领悟两个确立的决定性意义")
    assert "一岗双责" in segmenter.tokens("履行一岗双责不到位")


def test_every_shipped_phrase_is_marked_used_once_in_the_draft():
    """Also those whose first {字段} comes early (the probe was cut off by it)."""
    from app.core.phrases.phrasebank import FIELD_RE

    bank = load_phrasebank(phrasebank_dir())
    missed = []
    for phrase in bank.phrases:
        filled = FIELD_RE.sub("某某单位", phrase.text)
        if phrase.id not in used_phrase_ids("前文。" + filled + "后文。", [phrase]):
            missed.append(phrase.text)
    with_early_field = [p for p in bank.phrases if FIELD_RE.search(p.text[:10])]
    assert len(with_early_field) > 20
    assert missed == []
