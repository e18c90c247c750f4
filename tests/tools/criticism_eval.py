"""Evaluate the 表扬式批评/空泛批评 check on tests/data/criticism_eval.jsonl.

Run from the repository root::

    .venv/bin/python -m tests.tools.criticism_eval [--misses]

Each line is {"label": praise|genuine|vague, "split": dev|holdout, "text": …}: written for
this check, none taken from the corpus.  The patterns were tuned on ``dev`` only; ``holdout``
was written beforehand and kept aside to show how the check does on unseen wording.
Prints recall of praise-as-criticism (found as praise_criticism), recall of vague criticism
(found as vague_criticism), recall of both (any finding) and false alarms (genuine
criticisms with any finding), per split and overall.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.check.criticism import PRAISE, VAGUE, judge

DATA = ROOT / "tests" / "data" / "criticism_eval.jsonl"


@dataclass
class Figures:
    praise: int = 0
    praise_found: int = 0
    vague: int = 0
    vague_found: int = 0
    faulty_flagged: int = 0  # praise or vague items with any finding
    genuine: int = 0
    false_alarms: int = 0

    @property
    def praise_recall(self) -> float:
        return self.praise_found / self.praise if self.praise else 0.0

    @property
    def vague_recall(self) -> float:
        return self.vague_found / self.vague if self.vague else 0.0

    @property
    def recall(self) -> float:
        total = self.praise + self.vague
        return self.faulty_flagged / total if total else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.genuine if self.genuine else 0.0


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(items: list[dict], misses: list[str] | None = None) -> Figures:
    figures = Figures()
    for item in items:
        kind = judge(item["text"]).kind
        label = item["label"]
        if label == "praise":
            figures.praise += 1
            figures.praise_found += kind == PRAISE
            figures.faulty_flagged += kind is not None
            ok = kind == PRAISE
        elif label == "vague":
            figures.vague += 1
            figures.vague_found += kind == VAGUE
            figures.faulty_flagged += kind is not None
            ok = kind == VAGUE
        else:
            figures.genuine += 1
            figures.false_alarms += kind is not None
            ok = kind is None
        if not ok and misses is not None:
            misses.append(f"[{item['split']}] {label} → {kind}: {item['text']}")
    return figures


def _line(name: str, f: Figures) -> str:
    return (f"{name:<8} 表扬式批评召回 {f.praise_found}/{f.praise} = {f.praise_recall:.1%}  "
            f"空泛批评召回 {f.vague_found}/{f.vague} = {f.vague_recall:.1%}  "
            f"合计召回 {f.recall:.1%}  误报 {f.false_alarms}/{f.genuine} = {f.false_alarm_rate:.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every item judged wrongly")
    args = parser.parse_args(argv)
    items = load()
    misses: list[str] = []
    for split in ("dev", "holdout"):
        print(_line(split, evaluate([i for i in items if i["split"] == split])))
    print(_line("all", evaluate(items, misses)))
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
