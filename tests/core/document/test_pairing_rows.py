"""Wording scores a problem row at a time (an index of the measures' bigrams) are the scores
of comparing every pair's bigrams, and the answers and 结构检查 findings do not change."""

from __future__ import annotations

import pytest

from app.core.document import pairing
from app.core.document.numbering import recognize_text
from app.core.document.outline import OutlineCache, build_outline, resolve_template
from app.core.document.templates import load_templates
from app.core.model import Document
from app.core.paths import templates_dir
from app.core.topics import TopicClassifier


@pytest.fixture(scope="module")
def items():
    from app.bench.texts import report_text

    classifier = TopicClassifier.load()
    paragraphs = recognize_text(report_text())
    template = resolve_template(Document(paragraphs, None), load_templates(templates_dir()))
    outline = build_outline(paragraphs, OutlineCache(classifier), template)
    problems, measures = pairing.problems_and_measures(outline, paragraphs, classifier)
    return problems, measures, pairing.causes_of(outline, paragraphs, classifier)


def test_a_row_at_a_time_gives_every_pair_s_score(items):
    problems, measures, causes = items
    for others in (measures, causes):
        wording = pairing._Wording(problems, others)
        for i in range(len(problems)):
            row = wording.row(i)
            assert len(row) == len(others)
            for k, close in enumerate(row):
                assert close == pytest.approx(wording.score(i, k), abs=1e-12)
                assert (close == 0) == (wording.score(i, k) == 0)


def test_answers_are_those_of_scoring_pair_by_pair(items, monkeypatch):
    problems, measures, causes = items
    fast = (pairing.answers(problems, measures), pairing.explanations(problems, causes))
    monkeypatch.setattr(pairing._Wording, "row", lambda self, i: [self.score(i, k)
                                                                  for k in range(len(self.lead) - self.p)])
    slow = (pairing.answers(problems, measures), pairing.explanations(problems, causes))
    for new, old in zip(fast, slow, strict=True):
        assert [(a.measure, a.shared_topic, a.strong) for a in new] == [(a.measure, a.shared_topic, a.strong) for a in old]
        assert [a.wording for a in new] == pytest.approx([a.wording for a in old], abs=1e-12)
    assert sum(a.measure is not None for a in fast[0]) >= len(problems) // 2  # the sample pairs
