"""校对 of word-level slips (word_slips.py, 2026-12-08): two characters that are no word and no
two words' edges, corrected to a common word by one sound-, fuzzy-pinyin- or look-alike
character — and the correct phrasings around the same characters left alone."""

from __future__ import annotations

import pytest

from app.core.check import proofread
from app.core.check.confusable import check_confusables
from app.core.check.lexicon import load_confusions
from app.core.paths import resources_dir
from tests.helpers import apply_suggestions

fixed = apply_suggestions


@pytest.mark.parametrize(("text", "right"), [
    # a function character written for the adverb it sounds like, before a verb
    ("整改不到位，导致同类问题在次发生。", "整改不到位，导致同类问题再次发生。"),
    ("对照党章党规从新检视自己。", "对照党章党规重新检视自己。"),  # c/ch: 从 cong, 重 chong
    ("重业务轻党建的倾向仍就存在。", "重业务轻党建的倾向仍旧存在。"),  # two function characters
    # the character kept is bound (rarely a word alone): the pair must be one word
    ("巩固拓展主流舆伦阵地。", "巩固拓展主流舆论阵地。"),
    ("思想上的懈待是问题的根源。", "思想上的懈怠是问题的根源。"),
    ("对分管工作的监观存在薄弱环节。", "对分管工作的监管存在薄弱环节。"),
    ("锤炼忠诚干净担挡的政治品格。", "锤炼忠诚干净担当的政治品格。"),
    # 精 is a word alone less often than in 精准; 淮/准 from confusion_shape_extra.txt
    ("坚持精淮施策，分类推进整改。", "坚持精准施策，分类推进整改。"),
])
def test_a_word_level_slip_is_corrected(config, text, right):
    findings = check_confusables(text, config.lexicon)
    assert fixed(text, findings) == right
    assert fixed(text, proofread(text, config)) == right


@pytest.mark.parametrize("text", [
    "其次，对基层的调查研究还不够深入。",
    "在此基础上，进一步完善了整改台账。",
    "在此，我代表班子作对照检查。",
    "要从新时代党的建设总要求出发查找差距。",  # 从|新时代
    "要从新的角度审视自身存在的问题。",  # 从|新的
    "从新情况新问题出发研究对策。",  # 从|新情况: a noun follows, no verb
    "会上仍就此事征求了分管领导的意见。",  # 仍|就此
    # a preposition whose frame the clause closes (从…出发, 从…以来, 就…作说明, …中)
    "仍就相关问题作了说明。",
    "从新要求出发谋划工作。",
    "从新上任以来，我始终牢记嘱托。",
    "从新修订的条例中汲取养分。",
    "在此次民主生活会上作对照检查。",
    "退休后仍就职于原单位。",
    "在次日召开的会议上作了说明。",
    "在次要矛盾上花的精力偏多。",  # 在|次要
    "存在次要问题抓得多、主要问题抓得少的情况。",
    "在深学细悟笃行方面还有差距。",  # a coinage of free characters
    "存在上热、中温、下冷的问题。",
    "在学思践悟中筑牢信仰之基。",
    "你到基层宣讲时照稿念的时间较长。",  # 时|照稿: 时 is a word on its own
    "深入现场盯一盯、查一查。",
    "工作任务重时容易把学习往后放。",
])
def test_correct_phrasing_is_quiet(config, text):
    assert check_confusables(text, config.lexicon) == []


def test_the_projects_own_look_alikes_are_merged_with_pycorrectors():
    _sound, _tone, shape = load_confusions(resources_dir() / "check")
    assert "淮" in shape["准"] and "杳" in shape["查"] and "戎" in shape["戒"]
    assert "拨" in shape["拔"]  # pycorrector's groups are still there


def test_fuzzy_pinyin_alikes_come_from_our_sound_file_not_pypinyin():
    """从新→重新 needs to know that 从 (cong) and 重 (chong) differ only by c/ch.  Asking
    pypinyin imported it into the window: 56 MB resident (issue 19's memory goal)."""
    from app.core.check.lexicon import load_fuzzy

    fuzzy = load_fuzzy(resources_dir() / "check")
    assert "重" in fuzzy["从"] and "从" not in fuzzy["从"]
    assert "再" not in fuzzy.get("在", "")  # zai and zai: the same reading is no fuzzy slip


def test_proofreading_a_fuzzy_slip_never_imports_pypinyin():
    import subprocess
    import sys

    code = ("import sys\n"
            "from tests.tools.proof_eval import eval_config\n"
            "from app.core.check import proofread\n"
            "config = eval_config()\n"
            "found = proofread('对照党章党规从新检视自己。', config)\n"
            "assert any(f.suggestion == '重新' for f in found), found\n"
            "print('pypinyin' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"
