"""Which measure answers each problem, on the corpus: the pairs 结构检查 and the 整改清单 share.

Run: ``.venv/bin/python -m tests.tools.pairing_eval [-v]``.  Prints per corpus sample how many
problems got a measure and how many are left unanswered (the same for the check and the
清单, which use ``app.core.document.pairing``); with ``-v`` every pair, its wording score and whether
a topic was shared, to read as a 材料 writer would.  Quoted in ``app.core.document.pairing``.
"""

from __future__ import annotations

import sys

from app.core.check.source import read_check_input
from app.core.document.outline import build_outline, resolve_template
from app.core.document.pairing import answers, problems_and_measures
from app.core.document.templates import load_templates
from app.core.paths import templates_dir
from app.core.topics import TopicClassifier
from tests.conftest import CORPUS


def main() -> int:
    verbose = "-v" in sys.argv
    library = load_templates(templates_dir())
    classifier = TopicClassifier.load()
    for path in CORPUS:
        document = read_check_input(path).document
        outline = build_outline(document.paragraphs, classifier, resolve_template(document, library))
        problems, measures = problems_and_measures(outline, document.paragraphs, classifier)
        found = answers(problems, measures)
        matched = sum(a.measure is not None for a in found)
        print(f"{path.name}: {len(problems)} problems, {matched} matched, {len(problems) - matched} unmatched")
        if verbose:
            for problem, answer in zip(problems, found, strict=False):
                measure = measures[answer.measure].text if answer.measure is not None else "（无）"
                why = ("topic" if answer.shared_topic else "wording") if answer.measure is not None else ""
                print(f"  {problem.text[:30]} → {measure[:30]}  {why} {answer.wording:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
