"""校对's measured quality may not slip back (issue 16): recall per kind on the planted slips of
tests/data/proof and false alarms on clean text stay at or above what was reached.

The figures themselves are printed by ``python -m tests.tools.proof_eval``.
"""

from __future__ import annotations

import pytest

from tests.tools.proof_eval import evaluate, load_slips

# Reached on 2026-12-07 (tuning half / held-out half / all): confusable 87.8 / 82.7 / 85.2 %,
# 的地得 100 %, run-together points, formulations and whitespace 100 %; false alarms 0 on
# the corpus and the written clean text, 3 on the shipped phrases (99,823 字 in all).
# *_fresh sets were written after the thresholds were fixed and never tuned on: confusable
# 73.3 % (22/30), 的地得 93.3 % (14/15).
FLOOR = {"confusable": 0.85, "dedide": 0.97, "runon": 1.0, "formulation": 1.0, "space": 1.0,
         "confusable_fresh": 0.80, "dedide_fresh": 0.93}
FLOOR_CORRECTED = dict(FLOOR)
# After the merge with the 2026 phrases (i15b) and the 批评 phrases (i20) the clean text grew to
# 135,407 字; the shipped phrases then gave 7 false alarms (0.52 per 10,000 字, goal ≤ 1). A check
# that a confusable character is not at home in a common word just outside a two-character
# window (能|立即) removed one and lifted recall (confusable 85.9 %, fresh 80.0 %).
MAX_FALSE_ALARMS_PER_10K = 0.55
MAX_FALSE_ALARMS_PER_10K_HELD_OUT = 0.0


@pytest.fixture(scope="module")
def figures():
    return evaluate()


def test_the_set_is_big_enough():
    slips = load_slips()
    assert len(slips) >= 300
    assert {s.kind for s in slips} == set(FLOOR)
    assert len([s for s in slips if not s.kind.endswith("_fresh")]) >= 300


@pytest.mark.parametrize("kind", sorted(FLOOR))
def test_recall_does_not_slip(figures, kind):
    assert figures["recall"][kind] >= FLOOR[kind]
    assert figures["corrected"][kind] >= FLOOR_CORRECTED[kind]


def test_false_alarms_do_not_grow(figures):
    assert figures["clean_chars"] >= 30_000
    assert figures["false_alarms_per_10k"] <= MAX_FALSE_ALARMS_PER_10K
    assert figures["false_alarms_per_10k_held_out"] <= MAX_FALSE_ALARMS_PER_10K_HELD_OUT


def test_none_of_the_slips_is_simply_in_the_table(figures):
    # slips that the wrong-form table already knows are not counted; keep them few
    assert figures["in_table"] <= 20
