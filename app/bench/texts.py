"""Deterministic long documents for the benchmarks.

The source-tree corpus (``tests/data/corpus``) is used when present, as the earlier figures
were; an installed build without it falls back to a report assembled from the shipped
template and phrasebank, so ``python -m app bench`` works anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.core.document.grammar import int_to_cn
from app.core.paths import install_root
from app.core.text import count_cjk

TARGET_CHARS = 30_000
SENTENCE_END = re.compile(r"(?<=[。；])")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def corpus_dir() -> Path:
    return install_root() / "tests" / "data" / "corpus"


def sample_reports() -> list[str]:
    """The corpus reports, or one report made from the shipped template and phrasebank."""
    paths = sorted(corpus_dir().glob("*.txt"))
    if paths:
        return [p.read_text(encoding="utf-8") for p in paths]
    return [_phrasebank_report()]


def _phrasebank_report() -> str:
    from app.core.document.templates import load_templates
    from app.core.paths import phrasebank_dir, templates_dir
    from app.core.phrases.phrasebank import load_phrasebank

    template = load_templates(templates_dir()).default()
    phrases = load_phrasebank(phrasebank_dir()).phrases
    lines = [template.title]
    for i, section in enumerate(template.sections, 1):
        lines.append(f"{int_to_cn(i)}、{section.title}")
        for j, aspect in enumerate(section.aspects, 1):
            lines.append(f"（{int_to_cn(j)}）{aspect.title}")
            lines += [_PLACEHOLDER.sub("本单位", p.text) for p in phrases
                      if p.part == section.part and set(p.topics) & set(aspect.topics)][:4]
    return "\n".join(lines)


def report_text(target: int = TARGET_CHARS) -> str:
    """A long report: the samples' sections repeated, renumbered, each paragraph unique."""
    from app.core.document.numbering import match_heading

    samples = [text.splitlines() for text in sample_reports()]
    lines = ["某某同志专题民主生活会个人对照检查材料", "根据会议要求，现将个人对照检查情况报告如下。"]
    h1 = 0
    round_ = 0
    while count_cjk("".join(lines)) < target:
        round_ += 1
        for sample in samples:
            for line in sample:
                line = line.strip()
                if not line:
                    continue
                match = match_heading(line)
                if match and match.level == 1:
                    h1 += 1
                    lines.append(f"{int_to_cn(h1)}、{line[match.head_len:]}")
                elif match or h1:
                    lines.append(line if match else f"{line}（第{int_to_cn(round_)}轮）")
    return "\n".join(lines)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
