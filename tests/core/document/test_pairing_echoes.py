"""The echoes (phrases that exactly one problem and one measure share) found by set
operations are those of counting every phrase of every item."""

from __future__ import annotations

from collections import Counter

from app.core.check.source import read_check_input
from app.core.document import pairing
from app.core.document.outline import build_outline, resolve_template
from app.core.document.templates import load_templates
from app.core.paths import templates_dir
from app.core.text import cjk_chars
from app.core.topics import TopicClassifier
from tests.helpers import ROOT


def reference_echoes(problems, measures) -> list[list[int]]:
    grams = []
    for item in list(problems) + list(measures):
        chars = "".join(cjk_chars(item.full))
        grams.append({chars[j:j + pairing.ECHO_CHARS] for j in range(len(chars) - pairing.ECHO_CHARS + 1)})
    df = Counter(g for bag in grams for g in bag)
    own = [{g for g in bag if df[g] == 2} for bag in grams]
    p = len(problems)
    return [[len(own[i] & own[p + k]) for k in range(len(measures))] for i in range(p)]


def test_echoes_are_those_of_counting_every_phrase():
    classifier = TopicClassifier.load()
    templates = load_templates(templates_dir())
    found = 0
    for path in sorted((ROOT / "tests" / "data").glob("**/*.txt")):
        source = read_check_input(path)
        paragraphs = source.document.paragraphs
        outline = build_outline(paragraphs, classifier, resolve_template(source.document, templates))
        problems, measures = pairing.problems_and_measures(outline, paragraphs, classifier)
        causes = pairing.causes_of(outline, paragraphs, classifier)
        # problems against measures and causes, and sides mixed (a phrase two problems share)
        for left, right in ((problems, measures), (problems, causes), (problems + measures, causes),
                            (problems[:3], problems[3:] + measures)):
            echoes = pairing.echoes(left, right)
            assert echoes == reference_echoes(left, right), path.name
            found += sum(map(sum, echoes))
    assert found > 50
