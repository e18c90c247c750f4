"""Which measure answers each problem and which cause explains it: the pairs 结构检查 and the
整改清单 share (``app.core.document.pairing``).

Run: ``.venv/bin/python -m tests.tools.pairing_eval [-v]``.  On the hand-labelled reports of
``tests/data/pairing/labels.toml`` (the corpus samples and reports written for it) it prints
how many problems got a right measure (one the label accepts, or none where the label allows
that), how many got a right cause, and how many generic preamble sentences (对党忠诚是共产党人
的政治灵魂 kind) were offered as measures (the goal is 0).  ``-v`` prints every pair.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from app.core.check.source import read_check_input
from app.core.document.outline import build_outline, resolve_template
from app.core.document.pairing import answers, causes_of, explanations, is_generic, problems_and_measures
from app.core.document.templates import load_templates
from app.core.paths import templates_dir
from app.core.topics import TopicClassifier
from tests.conftest import CORPUS_DIR

DATA = Path(__file__).resolve().parents[1] / "data"
LABELS = DATA / "pairing" / "labels.toml"


@dataclass
class PairingScore:
    problems: int = 0
    measure_right: int = 0
    cause_labelled: int = 0
    cause_right: int = 0
    generic_offered: int = 0
    count_mismatch: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def _path(source: str) -> Path:
    kind, _, name = source.partition(":")
    return CORPUS_DIR / name if kind == "corpus" else DATA / source


def _right(chosen: str | None, accepted: list[str]) -> bool:
    if chosen is None:
        return "" in accepted
    return any(a and chosen.startswith(a) for a in accepted)


def evaluate() -> PairingScore:
    library = load_templates(templates_dir())
    classifier = TopicClassifier.load()
    score = PairingScore()
    for doc in tomllib.loads(LABELS.read_text(encoding="utf-8"))["doc"]:
        document = read_check_input(_path(doc["source"])).document
        outline = build_outline(document.paragraphs, classifier, resolve_template(document, library))
        problems, measures = problems_and_measures(outline, document.paragraphs, classifier)
        causes = causes_of(outline, document.paragraphs, classifier)
        if len(problems) != len(doc["measures"]):
            score.count_mismatch.append(f"{doc['source']}: {len(problems)} problems, "
                                        f"{len(doc['measures'])} labelled")
            continue
        found = answers(problems, measures)
        explained = explanations(problems, causes) if "causes" in doc else [None] * len(problems)
        score.lines.append(doc["source"])
        for i, (problem, answer) in enumerate(zip(problems, found, strict=True)):
            chosen = measures[answer.measure].text if answer.measure is not None else None
            ok = _right(chosen, doc["measures"][i])
            score.problems += 1
            score.measure_right += ok
            score.generic_offered += chosen is not None and is_generic(chosen)
            line = f"  {'✓' if ok else '✗'} {problem.text[:24]} → {(chosen or '（无）')[:24]}"
            if "causes" in doc:
                cause = explained[i]
                cause_text = causes[cause.measure].text if cause.measure is not None else None
                cause_ok = _right(cause_text, doc["causes"][i])
                score.cause_labelled += 1
                score.cause_right += cause_ok
                line += f"  原因 {'✓' if cause_ok else '✗'} {(cause_text or '（无）')[:20]}"
            score.lines.append(line)
    return score


def report(score: PairingScore) -> str:
    share = score.measure_right / score.problems if score.problems else 0.0
    cause = score.cause_right / score.cause_labelled if score.cause_labelled else 0.0
    text = (f"problem -> measure: {score.measure_right}/{score.problems} right ({share:.1%}); "
            f"problem -> cause: {score.cause_right}/{score.cause_labelled} right ({cause:.1%}); "
            f"generic preamble sentences offered as measures: {score.generic_offered}")
    for mismatch in score.count_mismatch:
        text += f"\n  problems not as labelled: {mismatch}"
    return text


def main() -> int:
    score = evaluate()
    if "-v" in sys.argv:
        print("\n".join(score.lines))
    print(report(score))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
