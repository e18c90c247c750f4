"""Export and check of a 30,000-字 document (issues 5 and 6)."""

from __future__ import annotations

import statistics
import time

from app.bench.texts import TARGET_CHARS, report_text


def big_document(target: int = TARGET_CHARS):
    """The benchmark report recognised into a Document (title and meta lines kept)."""
    from app.core.document.numbering import recognize_text
    from app.core.model import Document

    return Document(recognize_text(report_text(target)), None)


def measure_export(runs: int = 7, document=None) -> dict:
    """``to_docx_bytes`` of the document, after one warm-up (imports and the template)."""
    from app.core.formats.docx_io import to_docx_bytes
    from app.core.formats.export_options import ExportOptions
    from app.core.text import count_cjk

    document = document or big_document()
    to_docx_bytes(document)
    plain, bold = [], []
    data = b""
    for _ in range(runs):
        start = time.perf_counter()
        data = to_docx_bytes(document)
        plain.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        to_docx_bytes(document, ExportOptions(bold_lead=True))
        bold.append((time.perf_counter() - start) * 1000)
    return {"chars": sum(count_cjk(p.text) for p in document.paragraphs),
            "paragraphs": len(document.paragraphs), "runs_ms": plain,
            "median_ms": statistics.median(plain), "bold_median_ms": statistics.median(bold),
            "bytes": len(data)}


def measure_check(runs: int = 5, text: str | None = None, lexicon=None) -> dict:
    """校对 + 结构检查 of the text, as the 检查 pane runs them (tables warmed first; with the
    confusable-character lexicon when given, its line cache emptied before every run): cold,
    nothing remembered from an earlier check.  Then the re-check after an edit of one
    paragraph (a different one each run), as the window does it: the lexicon's line cache
    and the draft's OutlineCache kept from the check before."""
    from app.core.check import load_check_config, proofread
    from app.core.check.structure_check import check_structure
    from app.core.document.numbering import recognize_text
    from app.core.document.outline import OutlineCache, resolve_template
    from app.core.document.templates import load_templates
    from app.core.model import Document
    from app.core.paths import templates_dir
    from app.core.topics import TopicClassifier

    text = text or report_text()
    config = load_check_config()
    config.lexicon = lexicon
    classifier = TopicClassifier.load()
    templates = load_templates(templates_dir())
    proofread(text[:1000], config)

    def check(text: str, classifier: TopicClassifier | OutlineCache) -> tuple[list, float, float]:
        start = time.perf_counter()
        findings = proofread(text, config)
        middle = time.perf_counter()
        paragraphs = recognize_text(text)
        template = resolve_template(Document(paragraphs, None), templates)
        findings += check_structure(paragraphs, text, classifier, template)
        end = time.perf_counter()
        return findings, (middle - start) * 1000, (end - start) * 1000

    total, proof = [], []
    findings = []
    for _ in range(runs):
        if lexicon is not None:
            lexicon.line_cache.clear()
        findings, proof_ms, total_ms = check(text, classifier)  # a TopicClassifier: no memo
        proof.append(proof_ms)
        total.append(total_ms)
    cache = OutlineCache(classifier)
    check(text, cache)
    lines = text.split("\n")
    warm = []
    for k in range(1, runs + 1):
        edited = list(lines)
        at = k * len(lines) // (runs + 1)
        edited[at] = edited[at] + "再补充一句。"
        warm.append(check("\n".join(edited), cache)[2])
    return {"chars": len(text), "runs_ms": total, "median_ms": statistics.median(total),
            "proofread_median_ms": statistics.median(proof), "findings": len(findings),
            "recheck_runs_ms": warm, "recheck_median_ms": statistics.median(warm)}


def scaled_text(chars: int) -> str:
    """The benchmark report repeated to ``chars`` characters, every line made unique (so that
    no cache can help) by a copy number."""
    base = report_text().splitlines()
    lines: list[str] = []
    copy = 0
    while sum(len(line) + 1 for line in lines) < chars:
        copy += 1
        lines += [f"{line}（第{copy}份）" if len(line) > 20 else line for line in base]
    return "\n".join(lines)[:chars]


def measure_proofread_scaling(lexicon, sizes=(30_000, 300_000, 1_000_000), runs: int = 3) -> dict:
    """校对 alone (all rules, confusable characters included) at growing sizes, cold line
    cache; and a warm re-check of 30,000 characters after one paragraph was edited."""
    from app.core.check import load_check_config, proofread

    config = load_check_config()
    config.lexicon = lexicon
    proofread("热身。", config)
    rows = []
    for size in sizes:
        text = scaled_text(size)
        times = []
        for _ in range(runs if size <= 300_000 else 1):
            if lexicon is not None:
                lexicon.line_cache.clear()
            start = time.perf_counter()
            proofread(text, config)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        rows.append({"chars": len(text), "median_ms": median, "ms_per_10k": median * 10_000 / len(text)})
    text = scaled_text(sizes[0])
    if lexicon is not None:
        lexicon.line_cache.clear()
    proofread(text, config)
    lines = text.split("\n")
    warm = []
    for k in range(1, 6):  # edit a different paragraph each time, as a writer would
        edited = list(lines)
        at = k * len(lines) // 6
        edited[at] = edited[at] + "再补充一句。"
        start = time.perf_counter()
        proofread("\n".join(edited), config)
        warm.append((time.perf_counter() - start) * 1000)
    return {"rows": rows, "warm_recheck_ms": statistics.median(warm), "warm_runs_ms": warm}
