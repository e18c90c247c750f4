"""The wrong-form table across word boundaries: 超过|份额 is not 过份, 来自|已有 is not 自已.

Every entry of the table that can occur across a boundary between two common words of
jieba's dictionary is tried with such a pair; none may be flagged once the dictionary is
loaded, and every entry is still flagged on its own.
"""

from __future__ import annotations

import pytest

from app.core.check import load_check_config, proofread
from app.core.check.rules_words import BOUNDARY_FREQ, check_wrong_forms


@pytest.fixture(scope="module")
def config():
    from tests.tools.proof_eval import eval_config

    return eval_config()


def boundary_examples(config) -> dict[str, str]:
    """wrong form -> a text where it straddles two common words (first one found)."""
    freq = config.lexicon.freq
    common = [w for w, f in freq.items() if f >= BOUNDARY_FREQ and len(w) >= 2]
    by_prefix: dict[str, list[str]] = {}
    by_suffix: dict[str, list[str]] = {}
    for word in common:
        for m in range(1, min(4, len(word))):
            by_prefix.setdefault(word[:m], []).append(word)
            by_suffix.setdefault(word[-m:], []).append(word)
    examples = {}
    for wrong in config.wrong_forms:
        for k in range(1, len(wrong)):
            lefts = [w for w in by_suffix.get(wrong[:k], []) if len(w) > k]
            rights = [w for w in by_prefix.get(wrong[k:], []) if len(w) > len(wrong) - k]
            if lefts and rights:
                left = max(lefts, key=lambda w: freq[w])
                right = max(rights, key=lambda w: freq[w])
                examples[wrong] = left + right
                break
    return examples


def test_named_false_alarms_are_gone(config):
    for text in ("超过份额的部分要退回。", "按全部份额计算。", "经验来自已有的实践。"):
        assert [f for f in proofread(text, config) if f.kind == "wrong_form"] == [], text


def test_named_false_alarms_are_gone_before_jieba_loads():
    config = load_check_config()  # no lexicon: the table's own exceptions
    for text in ("超过份额的部分要退回。", "按全部份额计算。", "经验来自已有的实践。"):
        assert check_wrong_forms(text, config) == [], text


def test_real_slips_still_found(config):
    for text, wrong in (("不要过份强调客观原因。", "过份"), ("大部份同志认为。", "部份"),
                        ("我们自已要带头。", "自已")):
        assert [f.text for f in check_wrong_forms(text, config)] == [wrong], text


def test_every_boundary_entry_has_a_boundary_reading(config):
    examples = boundary_examples(config)
    assert len(examples) >= 10  # the class is real: 过份, 部份, 自已 and more
    flagged = {wrong: text for wrong, text in examples.items()
               if any(f.text == wrong for f in check_wrong_forms(text, config))}
    assert flagged == {}


def test_every_entry_flagged_on_its_own(config):
    missed = [w for w in config.wrong_forms
              if not any(f.text == w for f in check_wrong_forms(f"，{w}，", config))]
    assert missed == []
