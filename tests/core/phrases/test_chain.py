"""The chain offered while writing (app.core.phrases.chain)."""

from __future__ import annotations

from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline, detect_template
from app.core.phrases.chain import draft_measures, for_problems, paired_id, written_problems


def _problems(services, text):
    paragraphs = recognize_text(text)
    outline = build_outline(paragraphs, services.classifier, detect_template(paragraphs, services.templates))
    return outline, written_problems(outline, paragraphs, services.classifier)


def test_paired_ids():
    assert paired_id("llxx-wt-001", "措施") == "llxx-cs-001"
    assert paired_id("llxx-wt-001", "原因") == "llxx-yy-001"
    assert paired_id("llxx-cs-001", "措施") is None


def test_a_problem_from_the_phrasebank_brings_its_paired_measure_first(loaded_services):
    bank_problem = loaded_services.index.by_id("gzzf-wt-003")
    text = f"一、检视的问题\n（一）工作作风方面\n{bank_problem.text}\n二、原因\n三、整改措施\n"
    _, problems = _problems(loaded_services, text)
    [entry] = for_problems(loaded_services.index, problems, "措施")
    assert entry.suggestions[0].phrase.id == "gzzf-cs-003"
    [entry] = for_problems(loaded_services.index, problems, "原因")
    assert entry.suggestions[0].phrase.id == "gzzf-yy-003"


def test_draft_per_aspect_and_per_problem(loaded_services):
    text = ("一、检视的问题\n（一）理论学习方面\n一是学习不够系统。二是学用结合不紧。\n"
            "（二）廉洁自律方面\n一是对身边人管得不严。\n三、整改措施\n")
    outline, problems = _problems(loaded_services, text)
    per_aspect = draft_measures(loaded_services.index, outline, problems, "aspect")
    per_problem = draft_measures(loaded_services.index, outline, problems, "problem", first=3)
    assert [t[:2] for t in per_aspect] == ["一是", "二是"]
    assert [t[:2] for t in per_problem] == ["三是", "四是", "五是"]
    assert len(set(per_problem)) == 3  # no measure twice
