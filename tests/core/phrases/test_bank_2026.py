"""The bank speaks of the 2024–2026 campaigns, serves an ordinary member, and is less formula.

Figures (``python -m app phrasebank stats``) are kept from slipping back here: the share of 问题
phrases with 不够 (≤ 50 %) and 有时 (≤ 15 %), of 问题要点 with a {具体事例}/{时间}/{数量} slot
(≥ 50 %), and no 原因 lead repeated verbatim across files.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from app.core.paths import phrasebank_dir
from app.core.phrases.audience import CAUSE_ROOT, MEMBER, ORG_MEETING
from app.core.phrases.bank_stats import cause_lead, formula_stats
from app.core.phrases.phrasebank import Phrase, load_phrasebank
from app.core.topics import TopicClassifier

BODY = ("问题", "原因", "措施")
# The campaigns of 2024–2026 and the wording a 2026 report must carry.
CAMPAIGNS = {
    "党纪学习教育": ("党纪学习教育", "学纪、知纪、明纪、守纪", "六大纪律"),
    "八项规定学习教育": ("深入贯彻中央八项规定精神学习教育", "学查改一体推进", "作风建设常态化长效化",
                   "风腐同查同治"),
    "政绩观学习教育": ("树立和践行正确政绩观学习教育", "立党为公、为民造福、科学决策、真抓实干",
                  "为人民出政绩、以实干出政绩"),
    "四中全会": ("党的二十届四中全会",),
    "十五五": ("“十五五”",),
}
NEW_FILES = ("zjg-", "nd-", "gy-")  # zhengjiguan.jsonl, niandu.jsonl, genyuan.jsonl


@pytest.fixture(scope="module")
def bank() -> list[Phrase]:
    loaded = load_phrasebank(phrasebank_dir())
    assert loaded.errors == []
    return loaded.phrases


def test_zhengjiguan_is_a_topic_the_classifier_knows():
    classifier = TopicClassifier.load()
    for heading in ("在树立和践行正确政绩观方面", "重显绩、轻潜绩，急功近利", "为人民出政绩、以实干出政绩"):
        assert classifier.classify(heading)[0] == "政绩观", heading


def test_new_aspects_have_their_own_problems_causes_and_measures(bank):
    new = [p for p in bank if p.id.startswith(NEW_FILES)]
    counts = Counter(p.part for p in new)
    assert all(counts[part] >= 45 for part in BODY), counts
    zhengji = Counter(p.part for p in bank if p.topics[:1] == ("政绩观",))
    assert all(zhengji[part] >= 20 for part in BODY), zhengji


def test_every_campaign_is_named_in_problems_causes_measures_and_frames(bank):
    for name, words in CAMPAIGNS.items():
        parts = {p.part for p in bank if any(w in p.text for w in words)}
        assert parts >= {"问题", "原因", "措施"}, name
        assert parts & {"开头", "结尾"}, name
    assert not any(re.search(r"(?<!“)十五五(?!”)", p.text) for p in bank)


def test_ordinary_member_phrases(bank):
    member = [p for p in bank if MEMBER in p.tags]
    assert len(member) >= 150
    counts = Counter(p.part for p in member)
    assert all(counts[part] >= 40 for part in BODY), counts
    assert counts["开头"] >= 5 and counts["结尾"] >= 3
    cadre_only = re.compile(r"\{分管领域\}|\{职务\}|班子|分管|一把手|中心组")
    assert [p.id for p in member if cadre_only.search(p.text)] == []
    # what ordinary members are asked about, beyond the cadres' topics
    text = "".join(p.text for p in member)
    for subject in ("学习强国", "三会一课", "亮明党员身份", "志愿服务", "朋友圈", "家风", "六大纪律"):
        assert subject in text, subject


def test_organisation_meeting_openings_are_tagged(bank):
    openings = [p for p in bank if p.part == "开头" and ORG_MEETING in p.tags]
    assert len(openings) >= 10
    assert all("民主生活会" not in p.text for p in openings)
    tagged = [p for p in bank if p.part in ("开头", "结尾") and "组织生活会" in p.text]
    assert all(ORG_MEETING in p.tags for p in tagged)


def test_a_few_cross_cutting_causes(bank):
    roots = [p for p in bank if CAUSE_ROOT in p.tags and MEMBER not in p.tags]
    assert 3 <= len(roots) <= 5 and all(p.part == "原因" and p.size == "要点" for p in roots)
    text = "".join(p.text for p in roots)
    for root in ("理想信念", "党性", "宗旨", "纪律", "政绩观"):
        assert root in text, root


def test_less_formula_more_substance(bank):
    stats = formula_stats(bank)
    assert stats.formula_share <= 0.5
    assert stats.hedge_share <= 0.15
    assert stats.slot_share >= 0.5
    assert stats.repeated_cause_leads == {}
    assert stats.unsafe == {}
    assert stats.failures() == []


def test_formula_stats_see_what_they_measure():
    phrases = [
        Phrase("a-wt-001", "一是学习不够系统。有时只看摘要，学得不够深。", "问题", ("理论学习",), "要点"),
        Phrase("a-wt-002", "二是调研不深。{时间}以来到基层{数量}次，多是听汇报。", "问题", ("工作作风",), "要点"),
        Phrase("a-yy-001", "一是理想信念有所淡化。认识不深。", "原因", ("理论学习",), "要点"),
        Phrase("b-yy-001", "三是理想信念有所淡化。另一种说法。", "原因", ("政治素质",), "要点"),
        Phrase("b-wt-001", "收受了土特产。", "问题", ("廉洁自律",)),
    ]
    stats = formula_stats(phrases)
    assert (stats.problems, stats.formula, stats.hedged, stats.points, stats.slotted) == (3, 1, 1, 2, 1)
    assert stats.repeated_cause_leads == {"理想信念有所淡化": ["a-yy-001", "b-yy-001"]}
    assert list(stats.unsafe) == ["b-wt-001"]
    assert len(stats.failures()) == 3  # 有时 33 %, the repeated lead, the admission


def test_time_field_is_a_point_in_time(bank):
    """{时间} fills in as 2026年3月: never a duration (到{单位}工作{时间})."""
    bad = [p.id for p in bank if re.search(r"(工作|任职|到任)\{时间\}|\{时间\}[内里]", p.text)]
    assert bad == []
    assert any("{任职时长}" in p.text for p in bank)


def test_cause_leads_are_not_repeated_across_files(bank):
    by_lead: dict[str, set[str]] = {}
    for phrase in bank:
        if phrase.part == "原因":
            by_lead.setdefault(cause_lead(phrase.text), set()).add(phrase.id.split("-")[0])
    assert {lead: files for lead, files in by_lead.items() if len(files) > 1} == {}


def test_new_phrases_copy_nothing_from_the_corpus(bank, corpus):
    """Written for the bank: no 14-字 run shared with a real report, and no sentence close to
    one (stricter than the 0.7 the older phrases are held to)."""
    import tests.tools.check_phrases as check

    texts = [path.read_text(encoding="utf-8") for path in corpus]
    runs = check.corpus_runs(texts)
    sentences = [s for text in texts for s in check.sentences_of(text, check.SHORT_SENTENCE)]
    new = [p for p in bank if p.id.startswith((*NEW_FILES, "dy-"))]
    assert len(new) >= 300
    found = {}
    for phrase in new:
        overlaps = [f for f in check.corpus_overlaps(phrase, runs, sentences)
                    if f.startswith("与语料共有") or _similarity(f) >= 0.65]
        if overlaps:
            found[phrase.id] = overlaps
    assert found == {}


def _similarity(finding: str) -> float:
    match = re.search(r"相似度 ([0-9.]+)", finding)
    return float(match.group(1)) if match else 0.0
