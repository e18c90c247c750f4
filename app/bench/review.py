"""Benchmark of 审核: N generated reports of about 5,000 字 each, read, checked and compared.

Run ``python -m app.bench.review [N …]`` (default 40 and 200); ``python -m app bench`` runs
40 and 200 as well.  The reports are made from the shipped template and phrasebank: every
report takes stock phrases (shared with others, as real ones do) and clauses recombined at
random (its own), and two of them copy a third of each other.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path

from app.core.document.grammar import int_to_cn
from app.core.text import count_cjk

REPORT_CHARS = 5000


def generate_reports(folder: Path, count: int, chars: int = REPORT_CHARS, seed: int = 20) -> list[Path]:
    """Write ``count`` .txt reports into ``folder``; reports 0 and 1 share a third of their text."""
    from app.core.document.templates import load_templates
    from app.core.paths import phrasebank_dir, templates_dir
    from app.core.phrases.phrasebank import FIELD_RE, load_phrasebank, strip_ordinal

    rng = random.Random(seed)
    template = load_templates(templates_dir()).default()
    phrases = [p for p in load_phrasebank(phrasebank_dir()).phrases if p.part in ("问题", "原因", "措施")]
    ordinal = re.compile(r"[一二三四五六七八九十]{1,2}[是要]")
    phrases = [p for p in phrases if not ordinal.search(strip_ordinal(p.text))]
    clauses = sorted({c for p in phrases for c in FIELD_RE.sub("本单位", strip_ordinal(p.text)).replace("。", "，").split("，")
                      if len(c) >= 6 and not ordinal.search(c)})
    folder.mkdir(parents=True, exist_ok=True)
    texts: list[list[str]] = []
    for n in range(count):
        lines = [template.title, f"某某单位第{n + 1}位同志", "根据会议要求，现将个人对照检查情况报告如下。"]
        h1 = 0
        while count_cjk("".join(lines)) < chars:
            for section in template.sections:
                if section.part not in ("问题", "原因", "措施"):
                    continue
                h1 += 1
                lines.append(f"{int_to_cn(h1)}、{section.title}")
                groups = [(f"（{int_to_cn(j)}）{a.title}", set(a.topics)) for j, a in enumerate(section.aspects, 1)]
                for heading, topics in groups or [("", set())]:
                    if heading:
                        lines.append(heading)
                    pool = [p for p in phrases if p.part == section.part and (not topics or topics & set(p.topics))]
                    for point in range(1, 3):
                        stock = strip_ordinal(FIELD_RE.sub("本单位", rng.choice(pool).text))
                        own = "，".join(rng.sample(clauses, 5)) + "。"
                        lines.append(f"{int_to_cn(point)}是{stock}{own}")
        texts.append(lines)
    if count >= 2:  # planted copying: report 1 takes a third of report 0's paragraphs
        third = len(texts[0]) // 3
        texts[1][3:3 + third] = texts[0][3:3 + third]
    paths = []
    for n, lines in enumerate(texts):
        path = folder / f"材料{n + 1:03d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def measure_review(count: int, chars: int = REPORT_CHARS) -> dict[str, float]:
    """Seconds to review ``count`` generated reports (the engine loaded beforehand, as in the
    window where it is already running)."""
    from app.core.check import load_check_config
    from app.core.review import review
    from app.core.services import Services

    with tempfile.TemporaryDirectory(prefix="mingjing-review-") as tmp:
        folder = Path(tmp) / "reports"
        generate_reports(folder, count, chars)
        services = Services.load(Path(tmp) / "home")
        config = load_check_config(services.user_dir)
        bank = [p.text for p in services.phrasebank.phrases]
        started, cpu = time.perf_counter(), time.process_time()
        result = review([folder], services.templates, services.classifier, config, bank)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        top = result.comparison.pairs[0] if result.comparison.pairs else None
        planted_first = top is not None and {top.a, top.b} == {0, 1}
    return {"reports": count, "seconds": seconds, "ms": seconds * 1000, "cpu_seconds": cpu,
            "pairs": len(result.comparison.pairs), "planted_pair_first": planted_first}


def main(argv: list[str] | None = None) -> int:
    counts = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [40, 200]
    for count in counts:
        figures = measure_review(count)
        print(f"审核 {count} 份×约 {REPORT_CHARS} 字：{figures['seconds']:.2f} 秒（CPU {figures['cpu_seconds']:.2f} 秒）"
              f"（有雷同的材料对 {figures['pairs']} 个；植入的雷同排第一：{'是' if figures['planted_pair_first'] else '否'}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
