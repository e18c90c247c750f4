"""Review every report of a folder: read and check each, then compare them all at once.

Reports are only read, never written.  A file that cannot be read keeps its row with the
reason, and the others go on.  ``progress(done, total, name)`` is called as the work goes;
``cancelled()`` is asked between steps and stops the run with ``ReviewCancelledError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.review.pairs import Comparison, Pair, ReviewCancelledError, compare_reports
from app.core.review.reports import LISTED, ReportRow, check_report

Progress = Callable[[int, int, str], None]


@dataclass
class ReviewResult:
    reports: list[ReportRow]
    comparison: Comparison

    @property
    def readable(self) -> list[int]:
        return [i for i, r in enumerate(self.reports) if not r.error]

    def best_pair(self, index: int) -> tuple[Pair | None, int | None]:
        """The most similar other report of ``reports[index]`` and which one it is."""
        pair = self.comparison.best_for(index)
        if pair is None:
            return None, None
        return pair, pair.b if pair.a == index else pair.a

    def phrasebank_share(self, index: int) -> float:
        return self.comparison.phrasebank_share[index]

    def to_json(self) -> dict:
        rows = []
        for index, r in enumerate(self.reports):
            row: dict = {"file": str(r.path), "author": r.author, "template": r.template or None,
                         "chars": r.chars, "findings": r.counts}
            if r.error:
                row["error"] = r.error
            else:
                pair, other = self.best_pair(index)
                row.update({
                    "target_chars": list(r.target) if r.target else None,
                    "missing_aspects": r.missing_aspects,
                    "problems_without_measures": r.without_measures,
                    "problems_without_examples": r.without_examples,
                    "slips": r.slips,
                    "formulations": r.formulations,
                    "most_similar": ({"file": str(self.reports[other].path),
                                      "similarity": round(pair.similarity, 4)}
                                     if pair is not None and other is not None else None),
                    "phrasebank_share": round(self.phrasebank_share(index), 4),
                })
            rows.append(row)
        pairs = [{"a": str(self.reports[p.a].path), "b": str(self.reports[p.b].path),
                  "similarity": round(p.similarity, 4),
                  "shared": [{"a": s.a, "b": s.b, "similarity": round(s.similarity, 4)} for s in p.shared]}
                 for p in self.comparison.pairs]
        return {"reports": rows, "pairs": pairs, "common_sentences": self.comparison.common}


def gather_reports(paths: Iterable[Path | str]) -> list[Path]:
    """Files named directly, and .docx/.txt/.doc/.wps found (recursively) in folders; sorted,
    without Word's ``~$`` lock files or hidden files, no repeats."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if (candidate.is_file() and candidate.suffix.lower() in LISTED
                        and not candidate.name.startswith(("~$", "."))):
                    found.append(candidate)
        else:
            found.append(path)
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def review(paths: Iterable[Path | str], library, classifier, config, phrasebank=(),
           progress: Progress | None = None,
           cancelled: Callable[[], bool] = lambda: False) -> ReviewResult:
    """Check every report and compare them; ``phrasebank`` is a list of phrase texts."""
    files = gather_reports(paths)
    total = len(files) + 1  # the last step compares them all
    rows: list[ReportRow] = []
    for done, path in enumerate(files):
        if cancelled():
            raise ReviewCancelledError
        if progress:
            progress(done, total, path.name)
        rows.append(check_report(path, library, classifier, config))
    if progress:
        progress(len(files), total, "比对雷同")
    texts = [r.text for r in rows]  # an unreadable report is an empty text: it shares nothing
    comparison = compare_reports(texts, list(phrasebank), cancelled)
    if progress:
        progress(total, total, "")
    return ReviewResult(rows, comparison)
