"""Part and topic of points, and the ranking given only what the writer says (issue 17).

Run: ``.venv/bin/python -m tests.tools.classify_eval [-v]``.  On the labelled points of
``tests/data/classify_points.tsv`` (corpus points plus points written in other shapes; each
with its part and every topic a reader would accept) it prints

- part accuracy and topic accuracy (the classifier's first topic is one of the acceptable);
- ranking: given the part and the point's lead sentence but no topic, whether the first
  suggestion of the section ranking shares an acceptable topic, and whether one of the top 3
  does; the same for 全库 search (the whole bank, no part);

each for the tuning points, the held-out points (every fourth) and all.  ``-v`` lists misses.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "classify_points.tsv"
_CN = "一二三四五六七八九十"
_MARKER_RE = re.compile(rf"^\s*(?:[{_CN}]{{1,3}}[是要]|第[{_CN}]{{1,3}}|[①-⑳]|（[{_CN}\d]{{1,3}}）)[：:，,、\s]*")
_LEAD_END_RE = re.compile(r"[。；;！？!?]")


@dataclass(frozen=True)
class LabelledPoint:
    source: str
    part: str
    topics: tuple[str, ...]
    aspect: str
    text: str
    held_out: bool

    @property
    def lead(self) -> str:
        """The point's first sentence without its ordinal (what the writer just typed)."""
        body = _MARKER_RE.sub("", self.text, count=1)
        return _LEAD_END_RE.split(body, maxsplit=1)[0]


def load_points(path: Path = DATA) -> list[LabelledPoint]:
    points = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, part, topics, aspect, text = line.split("\t")
        points.append(LabelledPoint(source, part, tuple(topics.split("|")), aspect, text,
                                    len(points) % 4 == 3))
    return points


@dataclass
class Tally:
    n: int = 0
    part: int = 0
    part_text_only: int = 0  # without the aspect the point sits under
    topic: int = 0
    first: int = 0
    top3: int = 0
    bank_first: int = 0
    bank_top3: int = 0

    def share(self, name: str) -> float:
        return getattr(self, name) / self.n if self.n else 0.0


def evaluate(services, verbose: bool = False) -> dict[str, Tally]:
    """Tallies for 'tuning', 'held out' and 'all' (see the module docstring)."""
    from app.core.phrases.classify import Classifier

    classifier = Classifier(services.classifier, services.index)
    tallies = {"tuning": Tally(), "held out": Tally(), "all": Tally()}
    for point in load_points():
        result = classifier.classify(point.text, aspect=point.aspect)
        accept = set(point.topics)
        ranked = services.index.suggest(point.part, (), context=point.lead, limit=3)
        bank = services.index.suggest(None, (), context=point.lead, limit=3, whole_bank=True)
        hits = [bool(accept & set(s.phrase.topics[:1])) for s in ranked]
        bank_hits = [bool(accept & set(s.phrase.topics[:1])) for s in bank]
        alone = classifier.classify(point.text)
        row = {
            "part": result.part == point.part,
            "part_text_only": alone.part == point.part,
            "topic": bool(result.topics) and result.topics[0] in accept,
            "first": bool(hits) and hits[0],
            "top3": any(hits),
            "bank_first": bool(bank_hits) and bank_hits[0],
            "bank_top3": any(bank_hits),
        }
        for key in ("held out" if point.held_out else "tuning", "all"):
            tally = tallies[key]
            tally.n += 1
            for name, ok in row.items():
                setattr(tally, name, getattr(tally, name) + ok)
        if verbose and not (row["part"] and row["topic"] and row["first"]):
            got = f"{result.part} {result.topics[:2]}"
            first = ranked[0].phrase.topics[:1] if ranked else []
            print(f"  want {point.part} {list(point.topics)} got {got} first {first}: {point.text[:40]}")
    return tallies


def report(tallies: dict[str, Tally]) -> str:
    lines = []
    for name, t in tallies.items():
        lines.append(
            f"{name:>8} {t.n:3d} points: part {t.share('part'):.1%} (text alone {t.share('part_text_only'):.1%}), "
            f"topic {t.share('topic'):.1%}; "
            f"ranking (part + lead, no topic) first {t.share('first'):.1%}, top 3 {t.share('top3'):.1%}; "
            f"全库 first {t.share('bank_first'):.1%}, top 3 {t.share('bank_top3'):.1%}")
    return "\n".join(lines)


def main() -> int:
    import tempfile

    from app.core.services import Services

    services = Services.load(Path(tempfile.mkdtemp(prefix="mingjing-eval-")))
    services.load_in_background()
    print(report(evaluate(services, "-v" in sys.argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
