"""The echoes (phrases that exactly one problem and one measure share) found by set
operations are those of counting every phrase of every item; ``unexplained`` is what
``explanations`` leaves without a cause."""

from __future__ import annotations

from collections import Counter

from app.core.check.source import read_check_input
from app.core.document import pairing
from app.core.document.numbering import recognize_text
from app.core.document.outline import build_outline, resolve_template
from app.core.document.templates import load_templates
from app.core.model import Document
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


def test_unexplained_is_explanations_without_a_cause():
    """结构检查's shortcut (a shared topic settles it, wording only for the rest) names exactly
    the problems ``explanations`` leaves without a cause, also with causes left out, blocks
    of few problems (scored pair by pair) and the long drafts' blocks."""
    from app.bench.documents import scaled_text

    classifier = TopicClassifier.load()
    templates = load_templates(templates_dir())
    texts = [read_check_input(path).text for path in sorted((ROOT / "tests" / "data").glob("**/*.txt"))]
    texts.append(scaled_text(120_000))
    alone = 0
    for text in texts:
        paragraphs = recognize_text(text)
        outline = build_outline(paragraphs, classifier, resolve_template(Document(paragraphs, None), templates))
        problems, _ = pairing.problems_and_measures(outline, paragraphs, classifier)
        causes = pairing.causes_of(outline, paragraphs, classifier)
        for left, right in ((problems, causes), (problems, causes[::3]), (problems[:5], causes[1:2]),
                            (problems, []), (problems[::2], causes[-1:])):
            expected = [a.measure is None for a in pairing.explanations(left, right)]
            assert pairing.unexplained(left, right) == expected
            alone += sum(expected)
    assert alone > 20
