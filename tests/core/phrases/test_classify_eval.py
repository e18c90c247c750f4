"""The figures of ``python -m tests.tools.classify_eval`` may not slip back (issue 17)."""

from __future__ import annotations

from tests.tools.classify_eval import evaluate, load_points, report


def test_the_labelled_set_is_big_enough():
    points = load_points()
    assert len(points) >= 200
    assert {p.part for p in points} == {"问题", "原因", "措施"}
    assert sum(p.source.startswith("corpus") for p in points) >= 40


def test_part_topic_and_ranking_figures(loaded_services, capsys):
    tallies = evaluate(loaded_services)
    with capsys.disabled():
        print("\n[accuracy] classify_eval\n" + report(tallies))
    every, held = tallies["all"], tallies["held out"]
    assert every.share("part") >= 0.95  # before issue 17: 92.3 %
    # Text alone was 93.2 % on issue 17's branch; the 2026 bank (fewer 不够, no 有时 in its 问题
    # phrases, while real reports keep both) teaches the word model less: 89.5 % after the merge.
    assert every.share("part_text_only") >= 0.88
    assert every.share("topic") >= 0.85
    assert held.share("part") >= 0.9 and held.share("topic") >= 0.85
    # ranking, given the part and the lead sentence but no topic (before issue 17: 60.9 %, 85.5 %)
    assert every.share("first") >= 0.8 and every.share("top3") >= 0.95
    assert every.share("bank_first") >= 0.8 and every.share("bank_top3") >= 0.95
