"""校对 of slips the first rules let through (2026-12-08): a function character written for a
content character (处里→处理), a register word whose slip the user's own library repeats
(常效化), a content character typed twice (问题题) and a numbered formulation miscounted."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from app.core.check import proofread
from app.core.check.confusable import check_confusables
from app.core.check.dedide import check_dedide
from app.core.check.rules_current import check_current_terms
from app.core.check.rules_doubled import check_doubled
from tests.helpers import apply_suggestions

fixed = apply_suggestions


@pytest.mark.parametrize(("text", "right"), [
    ("对群众来信来访处里不够及时。", "对群众来信来访处理不够及时。"),  # 里 is a function character
    ("部分问题以经整改到位。", "部分问题已经整改到位。"),
    ("加强纪检监察干部对伍建设。", "加强纪检监察干部队伍建设。"),
    ("对部署的任务落是不够有力。", "对部署的任务落实不够有力。"),
    ("带头反队特权思想和特权现象。", "带头反对特权思想和特权现象。"),  # 对 is made
    ("严格落实请是报告制度。", "严格落实请示报告制度。"),  # a longer window after a strict one
])
def test_a_function_character_is_corrected_into_a_strong_word(config, text, right):
    findings = check_confusables(text, config.lexicon)
    assert fixed(text, findings) == right


@pytest.mark.parametrize("text", [
    "处理问题时要坚持原则，不能和稀泥。",
    "心里始终装着群众，手上始终抓着落实。",
    "村里的党员大会开得不够规范。",
    "在次要矛盾上花的精力偏多，抓主要矛盾不够有力。",
    "认识到自身存在的不足，现向支部报告。",  # 现|向支部: 向 at home in a repeated 3-gram
    "习惯于在办公室里想问题、定政策。",  # 室里: the written character makes a register word
    "更多是记在本子上、挂在嘴边。",
    "以上是我的对照检查，请同志们批评指正。",
    "已经整改到位的问题，要防止反弹回潮。",
    "都是因为自己的要求不严，才导致问题的发生。",
])
def test_function_characters_written_correctly_are_quiet(config, text):
    assert check_confusables(text, config.lexicon) == []


def test_a_slip_the_users_library_repeats_is_still_corrected():
    from app.core.check.lexicon import lexicon_from_segmenter, text_key
    from app.core.phrases.segment import Segmenter
    from tests.tools.proof_eval import phrase_texts

    segmenter = Segmenter(cache_dir=Path(tempfile.gettempdir()) / "mingjing-proof-eval")
    segmenter.load(pause=lambda: None)
    library = ["推动以案促改常效化，巩固整改成果。", "推动作风建设常效化、制度化。"]  # old reports
    lexicon = lexicon_from_segmenter(segmenter, [*phrase_texts(), *library])
    assert lexicon is not None and text_key("常效化") not in lexicon.seen
    text = "推动作风建设常效化。"
    assert fixed(text, check_confusables(text, lexicon)) == "推动作风建设长效化。"


@pytest.mark.parametrize(("text", "right"), [
    ("对群众反映的问题题整改不够及时。", "对群众反映的问题整改不够及时。"),
    ("班子成员员之间开展批评不够经常。", "班子成员之间开展批评不够经常。"),
    ("对年轻干部的培养锻炼不够系统统。", "对年轻干部的培养锻炼不够系统。"),  # 统统 ends no clause
])
def test_a_content_character_typed_twice(config, text, right):
    assert fixed(text, check_doubled(text, config.lexicon)) == right


@pytest.mark.parametrize("text", [
    "确保件件有着落、事事有回音。", "层层压实责任，常常对照检视。", "沉甸甸的责任扛在肩上。",
    "看到实实在在的变化，干干净净做事。", "工作作风不够扎实。", "认真学习习近平新时代中国特色社会主义思想。",
    "推动整改改进工作作风。", "日常工作绰绰有余。",
])
def test_reduplication_and_a_character_starting_the_next_word_are_quiet(config, text):
    assert check_doubled(text, config.lexicon) == []
    assert [f for f in proofread(text, config) if f.kind == "repeat"] == []


@pytest.mark.parametrize(("text", "right"), [
    ("牢固树立“三个意识”。", "牢固树立“四个意识”。"),
    ("增强三个意识。", "增强四个意识。"),
    ("坚决做到“三个维护”。", "坚决做到“两个维护”。"),
    ("深刻领悟“三个确立”的决定性意义。", "深刻领悟“两个确立”的决定性意义。"),
    ("坚定“三个自信”。", "坚定“四个自信”。"),
    ("统筹推进“四位一体”总体布局。", "统筹推进“五位一体”总体布局。"),
    ("协调推进“三个全面”战略布局。", "协调推进“四个全面”战略布局。"),
])
def test_a_numbered_formulation_miscounted(config, text, right):
    assert fixed(text, check_current_terms(text, config.terms)) == right


@pytest.mark.parametrize("text", [
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "深刻领悟“两个确立”的决定性意义，牢记“三个务必”。",
    "坚持“三位一体”的工作格局。",
])
def test_correct_counts_are_quiet(config, text):
    assert check_current_terms(text, config.terms) == []


@pytest.mark.parametrize(("text", "right"), [
    ("群众反映集中得问题要优先解决。", "群众反映集中的问题要优先解决。"),
    ("对上级交办得任务落实不够有力。", "对上级交办的任务落实不够有力。"),
])
def test_de_written_for_the_attributive_de(config, text, right):
    assert fixed(text, check_dedide(text, config.pos)) == right


@pytest.mark.parametrize("text", [
    "结合学习心得问题清单逐条整改。", "取得的成绩值得肯定，值得问题少的单位学习。", "工作做得不够扎实。",
    "是否真正获得群众认可。",
])
def test_words_ending_in_de_before_a_noun_are_quiet(config, text):
    assert [f for f in check_dedide(text, config.pos) if f.text.endswith("得")] == []
