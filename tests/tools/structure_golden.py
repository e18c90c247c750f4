"""Golden of 结构检查 and the pairing it shares with the 整改清单: every finding and every
problem's measure and cause, on the corpus, the text fixtures of tests/data and the bench's
long drafts.  A speed-up of the structure check must leave all of it unchanged.

Run: ``.venv/bin/python -m tests.tools.structure_golden [--write]``.  Without ``--write`` it
prints the inputs whose results differ from ``tests/data/expected/structure_golden.json``
(exit status 1 if any); with it, it rewrites that file (only when a change is intended).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from app.core.check.source import read_check_input
from app.core.check.structure_check import check_structure
from app.core.document.numbering import recognize_text
from app.core.document.outline import OutlineCache, build_outline, resolve_template
from app.core.document.pairing import Answer, assign, causes_of, explanations, problems_and_measures
from app.core.document.templates import load_templates
from app.core.model import Document
from app.core.paths import templates_dir
from app.core.topics import TopicClassifier

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "expected" / "structure_golden.json"
SCALED = (120_000, 400_000)  # several reports pasted together: blocks and windows of the pairing


def inputs() -> Iterator[tuple[str, str]]:
    """(name, text) of every input: the text fixtures, the bench report and scaled drafts."""
    from app.bench.documents import scaled_text
    from app.bench.texts import report_text

    for path in sorted(DATA.rglob("*.txt")):
        yield str(path.relative_to(DATA)), read_check_input(path).text
    yield "bench:report_text", report_text()
    for chars in SCALED:
        yield f"bench:scaled_text({chars})", scaled_text(chars)


def _answer(answer: Answer) -> list:
    return [answer.measure, round(answer.wording, 12), answer.shared_topic, answer.strong]


def results(text: str, classifier: TopicClassifier | OutlineCache, templates) -> dict:
    """The structure findings and the pairs of ``text`` as plain JSON values (``classifier``
    an OutlineCache: as the window re-checks, with what earlier checks remembered)."""
    paragraphs = recognize_text(text)
    template = resolve_template(Document(paragraphs, None), templates)
    findings = check_structure(paragraphs, text, classifier, template)
    outline = build_outline(paragraphs, classifier, template)
    problems, measures = problems_and_measures(outline, paragraphs, classifier)
    causes = causes_of(outline, paragraphs, classifier)
    return {
        "template": template.id if template else None,
        "findings": [[f.kind, f.message, f.start, f.end, f.text] for f in findings],
        "problems": [[p.text, list(p.topics)] for p in problems],
        "measures": [[m.text, list(m.topics)] for m in measures],
        "causes": [[c.text, list(c.topics)] for c in causes],
        "assign": [[k, *_answer(a)] for k, a in assign(problems, measures)] if measures else [],
        "explain": [_answer(a) for a in explanations(problems, causes)] if causes else [],
    }


def compact(value: dict, limit: int = 200) -> dict:
    """Lists longer than ``limit`` kept as their length and digest (the scaled drafts)."""
    out: dict = {}
    for key, item in value.items():
        if isinstance(item, list) and len(item) > limit:
            data = json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8")
            out[key] = {"len": len(item), "sha256": hashlib.sha256(data).hexdigest()}
        else:
            out[key] = item
    return out


def compute(classifier: TopicClassifier | OutlineCache | None = None) -> dict[str, dict]:
    classifier = classifier or TopicClassifier.load()
    templates = load_templates(templates_dir())
    return {name: compact(results(text, classifier, templates)) for name, text in inputs()}


def differences(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    """Names of the inputs (and keys) whose results differ."""
    out = []
    for name in sorted(set(expected) | set(actual)):
        a, b = expected.get(name), actual.get(name)
        if a != b:
            keys = sorted(k for k in set(a or {}) | set(b or {}) if (a or {}).get(k) != (b or {}).get(k))
            out.append(f"{name}: {', '.join(keys)}")
    return out


def main(argv: list[str]) -> int:
    actual = compute()
    if "--write" in argv:
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                          encoding="utf-8")
        print(f"wrote {GOLDEN} ({len(actual)} inputs)")
        return 0
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    diff = differences(expected, json.loads(json.dumps(actual)))
    for line in diff:
        print(line)
    print(f"{len(actual)} inputs, {len(diff)} differ")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
