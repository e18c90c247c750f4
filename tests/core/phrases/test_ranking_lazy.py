"""The phrase index builds a cell's postings on first use (or on the window's idle timer)."""

from __future__ import annotations

from collections import Counter

import pytest

from app.core.phrases.phrasebank import Phrase
from app.core.phrases.ranking import ALL_TOPICS, K1, B, IndexState

PHRASES = [
    Phrase("a", "理论学习不够深入", "问题", ("理论学习",)),
    Phrase("b", "理论联系实际不够", "问题", ("理论学习", "担当作为")),
    Phrase("c", "担当作为不够有力", "问题", ("担当作为",)),
    Phrase("d", "今后要加强学习", "整改", ()),
]
TOKENS = [["理论", "学习", "不够", "深入"], ["理论", "联系", "实际", "不够"],
          ["担当", "作为", "不够", "有力"], ["今后", "加强", "学习", "学习"]]


def expected_postings(docs):
    avg = sum(len(t) for t in TOKENS) / len(TOKENS)
    out = {}
    for doc in docs:
        norm = K1 * (1 - B + B * len(TOKENS[doc]) / avg)
        for term, k in Counter(TOKENS[doc]).items():
            ids, weights = out.setdefault(term, ([], []))
            ids.append(doc)
            weights.append(k * (K1 + 1) / (k + norm))
    return out


def test_cells_start_cold_and_build_the_bm25_postings_on_first_use():
    state = IndexState(PHRASES, TOKENS)
    assert set(state.cells) == {("问题", "理论学习"), ("问题", "担当作为"), ("整改", ALL_TOPICS)}
    assert all(cell.cold for cell in state.cells.values())
    cell = state.cells[("问题", "担当作为")]
    assert cell.docs == [1, 2]
    got = {t: (list(ids), list(w)) for t, (ids, w) in cell.terms.items()}
    want = expected_postings([1, 2])
    assert got.keys() == want.keys()
    for term, (ids, weights) in want.items():
        assert got[term][0] == ids
        assert got[term][1] == pytest.approx(weights, rel=1e-6)
    assert not cell.cold and sum(c.cold for c in state.cells.values()) == 2


def test_warm_step_builds_one_cell_at_a_time_until_none_is_left():
    state = IndexState(PHRASES, TOKENS)
    steps = 0
    while state.warm_step():
        steps += 1
    assert steps == 3
    assert not any(cell.cold for cell in state.cells.values())
    assert state.cells[("整改", ALL_TOPICS)].terms["学习"][0].tolist() == [3]


def test_a_replaced_index_state_is_freed_even_after_gc_freeze(loaded_services):
    """The window freezes the loaded objects (gc.freeze); a state with a reference cycle would
    then never be freed, and every reindex (import, library edit) would leak the old one."""
    import gc
    import weakref

    from app.core.phrases.ranking import IndexState

    phrases = loaded_services.index.phrases[:50]
    state = IndexState(phrases, [["理论", "学习"]] * len(phrases))
    state.warm()
    ref = weakref.ref(state)
    gc.freeze()
    try:
        del state
        assert ref() is None  # freed by reference counting alone
    finally:
        gc.unfreeze()


def test_a_cells_postings_are_packed_in_two_flat_arrays():
    """One pair of arrays per cell, not a tuple of two arrays per term (issue 19: 30 MB of
    a 10k bank's memory went to those)."""
    cell = IndexState(PHRASES, TOKENS).cells[("问题", "担当作为")]
    views = [cell.terms[t] for t in ("理论", "不够", "有力")]
    assert len({id(ids.obj) for ids, _ in views}) == 1
    assert len({id(weights.obj) for _, weights in views}) == 1
    assert len(views[0][0].obj) == sum(len(ids) for _, (ids, _) in cell.terms.items()) == 8
    assert cell.terms.get("没有") is None


def test_saved_tokens_come_back_as_one_string_per_distinct_token(tmp_path):
    """10k phrases hold ~300k tokens of ~10k distinct words (issue 19: 25 MB as separate
    strings)."""
    from app.core.phrases.segment import TokenCache

    cache = TokenCache(tmp_path)
    cache.put("理论学习不够深入", ["理论", "学习", "不够", "深入"])
    cache.put("今后要加强学习", ["今后", "加强", "学习"])
    cache.save()
    again = TokenCache(tmp_path)
    first, second = again.get("理论学习不够深入"), again.get("今后要加强学习")
    assert first is not None and second is not None
    assert first[1] == second[2] == "学习" and first[1] is second[2]
