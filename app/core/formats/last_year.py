"""上年度整改落实情况: drafted from last year's 整改清单 or report (issue 17).

Reads 明镜's own 整改清单 (.docx table 序号 | 问题 | 整改措施 | 责任人 | 完成时限), any Word or WPS
table with a 问题 column and a 措施 column, or, when the file has no such table, last year's
report itself (its problems paired with its measures as the 整改清单 pairs them).  The draft
lists each measure with a 已完成/持续推进 field and a field for what was done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.core.document.grammar import int_to_cn
from app.core.formats.docx_read import DocumentReadError

SECTION_TITLE = "上年度整改落实情况"
STATUS_FIELD = "{已完成/持续推进}"
DONE_FIELD = "{具体做法和成效}"
_FILLER = ("（待补充）", "")
_SENTENCE_RE = re.compile(r"[^。；！？]*[。；！？]?")


@dataclass(frozen=True)
class LastYearItem:
    problem: str
    measure: str


def _column(headers: list[str], *words: str) -> int | None:
    for i, header in enumerate(headers):
        if any(w in header for w in words):
            return i
    return None


def _from_tables(path: Path) -> list[LastYearItem] | None:
    """Rows of the first table that has a 问题 and a 措施 column; None when there is none."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception:  # not a .docx python-docx can read: the report reader says why
        return None
    for table in document.tables:
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if not rows:
            continue
        headers = [h.replace(" ", "").replace("\u3000", "") for h in rows[0]]
        measure = _column(headers, "整改措施", "措施")
        problem = _column(headers, "存在问题", "问题")
        if measure is None or problem is None or measure == problem:
            continue
        items = []
        for row in rows[1:]:
            if max(problem, measure) >= len(row):
                continue
            items.append(LastYearItem(row[problem], row[measure]))
        return [i for i in items if i.measure not in _FILLER or i.problem]
    return None


def _from_report(path: Path, services) -> list[LastYearItem]:
    from app.core.document.outline import build_outline, resolve_template
    from app.core.document.pairing import assign, problems_and_measures
    from app.core.formats.reader import read_document

    document = read_document(path)
    outline = build_outline(document.paragraphs, services.classifier,
                            resolve_template(document, services.templates))
    problems, measures = problems_and_measures(outline, document.paragraphs, services.classifier)
    items = [LastYearItem(problem.text, measures[k].text if k is not None else "")
             for problem, (k, _) in zip(problems, assign(problems, measures), strict=True)]
    listed = {p.text for p in problems}
    # a measure no problem was paired with is still a measure promised last year
    given = {i.measure for i in items}
    items += [LastYearItem("", m.text) for m in measures if m.text not in given and m.text not in listed]
    return items


def read_last_year(path: Path, services) -> list[LastYearItem]:
    """The measures promised last year (with their problems), from a 清单 table or a report."""
    path = Path(path)
    items = _from_tables(path) if path.suffix.lower() == ".docx" else None
    if items is None:
        items = _from_report(path, services)
    items = [i for i in items if i.measure.strip() and i.measure not in _FILLER]
    if not items:
        raise DocumentReadError("没有在这个文件中找到整改措施：请选择上年度的整改清单（含“问题”“整改措施”两列的表格）"
                        "或上年度的对照检查材料。")
    return items


def _short(measure: str) -> str:
    """The measure's heading or first sentence (the cell may go on with its steps)."""
    head = re.split(r"[：:]", measure, maxsplit=1)[0] if re.search(r"[：:]", measure[:30]) else measure
    first = next((s for s in _SENTENCE_RE.findall(head) if s.strip()), head)
    return first.strip().rstrip("。；，")


def draft_section(items: list[LastYearItem], number: int) -> list[str]:
    """The section's paragraphs: its 一、 heading, then one paragraph per measure (a measure
    promised for two problems once) with a 已完成/持续推进 field and a field for what was done."""
    problems: dict[str, list[str]] = {}
    for item in items:
        found = problems.setdefault(_short(item.measure), [])
        if item.problem:
            found.append(item.problem.rstrip("。；")[:24])
    lines = [f"{int_to_cn(number)}、{SECTION_TITLE}"]
    for i, (measure, about) in enumerate(problems.items(), 1):
        target = "（针对" + "、".join(f"“{p}”" for p in about) + "）" if about else ""
        lines.append(f"{int_to_cn(i)}是{measure}{target}。整改情况：{STATUS_FIELD}。{DONE_FIELD}。")
    return lines
