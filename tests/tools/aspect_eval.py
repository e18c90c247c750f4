"""Compare ways of matching a written aspect heading to its template aspect.

Run: ``.venv/bin/python -m tests.tools.aspect_eval``.  Prints, for each method, how many of
the hand-written variants in tests/data/aspect_variants.toml it matches correctly (at its
best threshold and at the shipped 0.3) and the time per heading.  The result is quoted in
``docs/decisions.md`` (Aspect matching).
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

from app.core.document.templates import _GENERIC_WORDS, ASPECT_MATCH, aspect_bigrams, load_templates
from app.core.paths import templates_dir
from app.core.phrases.segment import Segmenter
from app.core.text import overlap
from tests.helpers import bigram_similarity

DATA = Path(__file__).resolve().parents[1] / "data" / "aspect_variants.toml"


def cases() -> list[tuple[str, str, int]]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return [(tid, heading, want) for tid, table in data.items() for heading, want in table["cases"]]


def main() -> int:
    library = load_templates(templates_dir())
    segmenter = Segmenter()
    segmenter.load()
    tokenizer = segmenter._tokenizer
    generic = set(_GENERIC_WORDS)

    def aspect_similarity(heading: str, aspect_title: str) -> float:  # what the outline uses
        return overlap(aspect_bigrams(heading), aspect_bigrams(aspect_title))

    methods = {
        "bigrams (before)": bigram_similarity,
        "bigrams minus generic words (shipped)": aspect_similarity,
        "jieba tokens": lambda a, b: overlap(*({w for w in segmenter.tokens(s) if w not in generic}
                                               for s in (a, b))),
        "jieba search-mode tokens": lambda a, b: overlap(*(
            {w for w in tokenizer.lcut_for_search(s) if w not in generic and len(w) > 1} for s in (a, b))),
    }
    all_cases = cases()
    for name, similarity in methods.items():
        def correct(threshold: float, similarity=similarity) -> int:
            right = 0
            for tid, heading, want in all_cases:
                aspects = library.get(tid).problem_aspects()
                scores = [similarity(heading, a.title) for a in aspects]
                best = max(range(len(aspects)), key=scores.__getitem__)
                right += (best + 1 if scores[best] >= threshold else 0) == want
            return right

        best = max((correct(t / 20), t / 20) for t in range(1, 20))
        started = time.perf_counter()
        correct(ASPECT_MATCH)
        per = (time.perf_counter() - started) / len(all_cases) * 1e6
        print(f"{name}: {correct(ASPECT_MATCH)}/{len(all_cases)} at {ASPECT_MATCH}, "
              f"best {best[0]} at {best[1]}; {per:.0f} µs per heading")
    return 0


if __name__ == "__main__":
    sys.exit(main())
