"""校对's measured quality may not slip back (issue 16): recall per kind on the planted slips of
tests/data/proof and false alarms on clean text stay at or above what was reached.

The figures themselves are printed by ``python -m tests.tools.proof_eval``.
"""

from __future__ import annotations

import pytest

from tests.tools.proof_eval import KINDS, evaluate, held_out_found, load_slips

# Reached on 2026-12-07 (tuning half / held-out half / all): confusable 87.8 / 82.7 / 85.2 %,
# 的地得 100 %, run-together points, formulations and whitespace 100 %; false alarms 0 on
# the corpus and the written clean text, 3 on the shipped phrases (99,823 字 in all).
# *_fresh sets were written after the thresholds were fixed and never tuned on: confusable
# 73.3 % (22/30), 的地得 93.3 % (14/15).
FLOOR = {"confusable": 0.85, "dedide": 0.97, "runon": 1.0, "formulation": 1.0, "space": 1.0,
         "confusable_fresh": 0.80, "dedide_fresh": 0.93,
         # 2026-12-08: function characters written for a content character (处里, 以经, 对伍) 36.7 %
         # → 63.3 % (19/30); a content character typed twice (问题题) 0 → 87.5 % (14/16).
         "function": 0.63, "doubled": 0.87,
         # 得 written for 的 before the noun it describes (反映集中得问题) 0 → 70.0 % (7/10).
         "dedide_noun": 0.70}
# 2026-12-08 (word_slips.py, confusion_shape_extra.txt): confusable 85.9 → 88.6 %, function
# 63.3 → 70.0 %, confusable_fresh 86.7 → 93.3 %; false alarms unchanged (corpus 0, own text 1,
# phrases 7; half-bank check 4).
FLOOR.update({"confusable": 0.88, "function": 0.70, "confusable_fresh": 0.93})
FLOOR_CORRECTED = dict(FLOOR)
# After the merge with the 2026 phrases (i15b) and the 批评 phrases (i20) the clean text grew to
# 135,407 字; the shipped phrases then gave 7 false alarms (0.52 per 10,000 字, goal ≤ 1). A check
# that a confusable character is not at home in a common word just outside a two-character
# window (能|立即) removed one and lifted recall (confusable 85.9 %, fresh 80.0 %).
# 2026-12-08: the function-character fixes leave the shipped phrases at 7 (0.58 per 10,000 字 of
# 120,303) and add one on the written clean text: “在处里工作期间” (处里 the office, a true
# ambiguity with 处理, kept in clean_function.txt on purpose); the corpus stays at 0.
MAX_FALSE_ALARMS_PER_10K = 0.60
MAX_CORPUS_ALARMS = 0
MAX_FALSE_ALARMS_OWN_TEXT = 1
# (c) the held-out set of tests/data/proof/heldout (85 slips, 90 clean sentences, written before
# the 2026-12-08 changes): found per category before → after, and the floor kept.  成套表述 and
# 过时提法 rose through the count rules of current_terms.toml, 的地得 through 提/定 and 得→的 (written
# after the set's misses were seen, so those three are no longer strictly held out).
HELD_OUT_FLOOR = {"sound": 0.93, "shape": 0.58, "function": 0.63, "dedide": 0.90,  # 60.0 → 90.0
                  "formulation": 1.0, "repeat": 1.0, "punct": 1.0, "current": 1.0}
# function 52.6 → 63.2 %, formulation 62.5 → 100 %, current 71.4 → 100 %; all 61 → 71 of 85.
# 2026-12-08, word-level slips: sound 93.3 → 100 %, shape 58.3 → 66.7 %, function 63.2 → 78.9 %;
# all 71 → 76 of 85.
HELD_OUT_FLOOR.update({"sound": 1.0, "shape": 0.66, "function": 0.78})
HELD_OUT_MAX_FALSE_ALARMS = 1  # 处里 (the office); 3 before a wrongly closed pair became one finding


@pytest.fixture(scope="module")
def figures():
    return evaluate()


def test_the_set_is_big_enough():
    slips = load_slips()
    assert len(slips) >= 300
    assert {s.kind for s in slips} == set(FLOOR) == set(KINDS)
    assert len([s for s in slips if not s.kind.endswith("_fresh")]) >= 300


@pytest.mark.parametrize("kind", sorted(FLOOR))
def test_recall_does_not_slip(figures, kind):
    assert figures["recall"][kind] >= FLOOR[kind]
    assert figures["corrected"][kind] >= FLOOR_CORRECTED[kind]


def test_false_alarms_do_not_grow(figures):
    assert figures["clean_chars"] >= 30_000
    assert figures["false_alarms_per_10k"] <= MAX_FALSE_ALARMS_PER_10K
    corpus_chars, corpus_alarms, _ = figures["clean"]["语料（真实材料）"]
    assert corpus_chars >= 7_000 and corpus_alarms <= MAX_CORPUS_ALARMS
    assert figures["clean"]["自写正文"][1] <= MAX_FALSE_ALARMS_OWN_TEXT


def test_the_held_out_set_is_big_enough(figures):
    held = figures["held_out"]
    assert set(held) == set(HELD_OUT_FLOOR)
    assert sum(h["slips"] for h in held.values()) >= 80
    assert sum(h["clean"] for h in held.values()) >= 80


@pytest.mark.parametrize("kind", sorted(HELD_OUT_FLOOR))
def test_held_out_recall_does_not_slip(figures, kind):
    assert figures["held_out"][kind]["recall"] >= HELD_OUT_FLOOR[kind] - 1e-9


def test_held_out_false_alarms_do_not_grow(figures):
    assert sum(h["false_alarms"] for h in figures["held_out"].values()) <= HELD_OUT_MAX_FALSE_ALARMS


def test_none_of_the_slips_is_simply_in_the_table(figures):
    # slips that the wrong-form table already knows are not counted; keep them few
    assert figures["in_table"] <= 20


# (c2) tests/data/proof/heldout2: 40 slips and 40 clean sentences written after every change above
# and measured once: found 31 → 36 of 40 (77.5 → 90.0 %), false alarms 3 → 1 (the one left is
# the 写全 rule: “同党中央保持高度一致” in a sentence meant to be clean).
HELD_OUT_2_FOUND = 36
HELD_OUT_2_MAX_FALSE_ALARMS = 1




# (c3) tests/data/proof/heldout3: 40 slips and 40 clean sentences (traps: 其次, 在此, 从新时代,
# 仍就此事, 在度过, 却少有, 按排查, 审批付款) written before the word-level slips and measured
# before and after them: found 20 → 24 of 40, false alarms 1 → 1 (the reduplication 研究研究).
# The four gained are look-alikes (排杳, 贵任, 形武, 淮确) whose pairs are in
# confusion_shape_extra.txt, written after the set: not strictly held out.
HELD_OUT_3_FOUND = 24
HELD_OUT_3_MAX_FALSE_ALARMS = 1


@pytest.mark.parametrize(("key", "found", "false_alarms"), [
    ("held_out_2", HELD_OUT_2_FOUND, HELD_OUT_2_MAX_FALSE_ALARMS),
    ("held_out_3", HELD_OUT_3_FOUND, HELD_OUT_3_MAX_FALSE_ALARMS),
])
def test_the_later_held_out_sets_do_not_slip(figures, key, found, false_alarms):
    held = figures[key]
    assert sum(h["slips"] for h in held.values()) >= 40 and sum(h["clean"] for h in held.values()) >= 40
    assert held_out_found(held) >= found
    assert sum(h["false_alarms"] for h in held.values()) <= false_alarms
