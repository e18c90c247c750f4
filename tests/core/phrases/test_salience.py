"""What the writer says outweighs how they say it (issue 17): topical words over generic ones."""

from __future__ import annotations

from app.core.phrases.salience import GENERIC_WEIGHT, TOPICAL_WEIGHT, term_weight, topical_words

LEAD = "管党治党不够细。履行全面从严治党没有做到制度化"
GUANDANG = "管党治党/主体责任"


def test_topical_words_weigh_more_than_generic_ones(services):
    topical = topical_words(services.classifier)
    assert [term_weight(w, topical) for w in ("管党治党", "全面从严治党", "理论学习", "群众")] == [TOPICAL_WEIGHT] * 4
    assert [term_weight(w, topical) for w in ("不够", "细", "紧密", "有时", "方面")] == [GENERIC_WEIGHT] * 5


def test_a_section_without_topic_ranks_by_the_subject_of_the_lead(loaded_services):
    found = loaded_services.index.suggest("问题", (), context=LEAD, limit=3)
    assert [GUANDANG in s.phrase.topics for s in found] == [True, True, True]


def test_whole_bank_search_ranks_by_the_subject_of_the_lead(loaded_services):
    found = loaded_services.index.suggest(None, (), context=LEAD, limit=3, whole_bank=True)
    assert [GUANDANG in s.phrase.topics for s in found] == [True, True, True]
