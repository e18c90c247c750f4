"""Red flags: no phrase may admit a disciplinary breach; rules and refusals are not admissions."""

from __future__ import annotations

import pytest

from app.core.paths import phrasebank_dir
from app.core.phrases.phrasebank import Phrase, load_phrasebank
from app.core.phrases.safety import unsafe_reasons

# What the content review found in the bank (and variants a user's imported report may hold).
ADMISSIONS = [
    "对党中央明令禁止的事项，有时抱有“变通一下问题不大”的想法。",
    "遇到困难和阻力时，就容易产生怀疑和动摇。",
    "有时为图方便，通过微信等即时通信工具传送内部工作材料。",
    "比如{具体事例}，在推进中遇到的实际问题没有及时如实报告。",
    "个别统计数据核实把关不严，存在就高不就低的倾向。",
    "对老乡、朋友送的土特产等“小意思”，有时认为价值不大、推辞反而伤感情。",
    "没有严格按规定做到如实记录、及时报告，对插手干预重大事项记录报告制度执行得不够严格。",
    "在{时间}的个人有关事项报告中，填报不够细致。",
    "对一些规章制度存在“选择性执行”的心态，在执行中搞变通、打折扣。",
    "到基层调研有时前呼后拥、陪同人员偏多。",
    "在公务活动安排中对陪同人数、用餐标准把关不够细。",
    "把有限的业余时间更多用在应酬和休闲上。",
    "寄希望于政策上的“灵活空间”。",
    "收受过管理服务对象赠送的购物卡。",
    "有时公车私用，认为问题不大。",
    "个人办公用房面积超标准，一直没有调整。",
    "在个人有关事项报告中漏报了一处房产。",
]
SAFE = [
    "坚决杜绝违规吃喝，不收受礼品礼金。",
    "对党中央明令禁止的事项，坚决不打擦边球、不搞变通。",
    "对违规发放津贴补贴、设立“小金库”等问题开展专项排查。",
    "多采取不打招呼、随机走访的方式掌握真实情况。",
    "向组织汇报工作坚持实事求是，成绩不夸大、问题不掩盖、困难不隐瞒。",
    "坚持原则不动摇、守住底线不退让。",
    "对打招呼、递条子等请托事项一律拒绝，并如实登记、及时报告。",
    "严格执行领导干部插手干预重大事项记录报告制度。",
    "没有认识到许多干部走上违纪违法道路往往都是从收受小礼品开始的。",
    "对{分管领域}的安全隐患排查整改不彻底，存在泄密隐患。",
    "学习党的二十届四中全会精神不够系统。",
]


@pytest.mark.parametrize("text", ADMISSIONS)
def test_admissions_are_flagged(text):
    assert unsafe_reasons(text), text


@pytest.mark.parametrize("text", SAFE)
def test_rules_refusals_and_oversight_are_not_admissions(text):
    assert unsafe_reasons(text) == [], text


def test_reasons_name_the_rule_and_the_words():
    reasons = unsafe_reasons("对数据就高不就低，还把时间用在应酬上。")
    assert any(r.startswith("弄虚作假：") and "就高不就低" in r for r in reasons)
    assert any(r.startswith("违反八项规定：") for r in reasons)


def test_no_shipped_phrase_admits_a_breach():
    bank = load_phrasebank(phrasebank_dir())
    assert {p.id: unsafe_reasons(p.text) for p in bank.phrases if unsafe_reasons(p.text)} == {}


def test_the_phrase_checker_rejects_an_admission():
    import tests.tools.check_phrases as check

    phrase = Phrase("ljzl-wt-901", "对老乡送的土特产，有时认为价值不大、推辞反而伤感情。", "问题", ("廉洁自律",))
    assert any("承认违纪" in problem for problem in check.phrase_problems(phrase))


@pytest.mark.parametrize(("text", "why"), [
    ("对“两个务必”的理解停留于口头。", "三个务必"),
    ("今年以来到基层联系点走访{数量}次。", "{时间}以来"),
    ("自觉在思想上政治上行动上同党中央保持高度一致。", "以习近平同志为核心的"),
    ("持续巩固拓展主题教育成果。", "学习教育"),
    ("推动十五五开好局。", "引号"),
    ("我到{单位}工作{时间}，这是第一次参加民主生活会。", "任职时长"),
    ("项目完工后{时间}内组织评议。", "任职时长"),
])
def test_the_phrase_checker_rejects_dated_wording(text, why):
    import tests.tools.check_phrases as check

    phrase = Phrase("jw-901", text, "结尾", ())
    assert any(why in problem for problem in check.phrase_problems(phrase)), text
