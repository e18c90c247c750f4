"""What the reviewer writes back about each report, in the register a 审核意见 uses.

Each opinion names the problem, gives one example from the report where there is one, and
says what to do (问题查摆不够具体，建议结合分管领域补充具体事例).  ``summary_rows`` is the
table the window and the .docx share.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.review.engine import ReviewResult
from app.core.review.reports import ReportRow

SIMILAR_PAIR = 0.15  # 雷同 share at or above which the reviewer names the other report
HIGH_PHRASEBANK = 0.3  # share of stock phrasing at or above which the reviewer remarks on it
_SLIP_ORDER = ("wrong_form", "repeat", "numbering", "placeholder", "bracket", "quote", "halfwidth", "pause")
SUMMARY_HEADERS = ("序号", "材料", "作者", "模板", "字数", "缺少方面", "无措施", "无事例", "错漏", "表述",
                   "最高雷同", "素材库")


def _quote(text: str, limit: int = 24) -> str:
    text = text.strip().replace("\n", "")
    return text if len(text) <= limit else text[:limit] + "……"


def _example(row: ReportRow, *kinds: str) -> str:
    finding = next((f for f in row.findings if f.kind in kinds), None)
    if finding is None:
        return ""
    fix = f"应为“{finding.suggestion}”" if finding.suggestion else ""
    if len(finding.text.strip()) < 2 or not any("\u4e00" <= c <= "\u9fff" for c in finding.text):
        around = row.text[max(0, finding.start - 8):finding.end + 8].replace("\n", "")
        return f"（如“{around}”一处{fix and '，' + fix}）"
    return f"（如“{_quote(finding.text, 16)}”{fix}）"


def opinions(result: ReviewResult, index: int) -> list[str]:
    """The reviewer's points about ``result.reports[index]``, most important first."""
    row = result.reports[index]
    if row.error:
        return [f"材料无法读取：{row.error}请重新报送。"]
    points: list[str] = []
    pair, other = result.best_pair(index)
    if pair is not None and other is not None and pair.similarity >= SIMILAR_PAIR:
        sample = pair.shared[0].a if pair.a == index else pair.shared[0].b
        points.append(f"与“{result.reports[other].who}”的材料雷同比例约 {pair.similarity:.0%}"
                      f"（如“{_quote(sample)}”），建议结合本人思想和工作实际重新撰写，杜绝照搬照抄。")
    if row.is_criticism:
        praise = row.count("praise_criticism")
        vague = row.count("vague_criticism")
        if praise:
            points.append(f"有 {praise} 处表扬式批评{_example(row, 'praise_criticism')}，"
                          "建议指出对方工作中的具体不足，并提出改进建议。")
        if vague:
            points.append(f"有 {vague} 处批评意见空泛或对不同同志千篇一律{_example(row, 'vague_criticism')}，"
                          "建议针对每位同志的分管领域，写明具体事例。")
    else:
        if row.missing_aspects:
            listed = "、".join(f"“{a}”" for a in row.missing_aspects)
            points.append(f"对照{row.template or '模板'}要求，缺少{listed}的问题查摆，建议补充。")
        if row.without_examples:
            points.append(f"问题查摆不够具体，{row.without_examples} 条问题没有具体事例，"
                          "建议结合分管领域补充具体事例。")
        if row.without_measures:
            points.append(f"有 {row.without_measures} 个问题在整改措施中没有对应的措施，"
                          "建议逐条制定整改措施，做到问题与措施一一对应。")
        if row.target:
            low, high = row.target
            if row.chars < low:
                points.append(f"全文约 {row.chars} 字，少于要求的 {low}–{high} 字，内容偏简略，建议充实。")
            elif row.chars > high:
                points.append(f"全文约 {row.chars} 字，超过要求的 {low}–{high} 字，建议精简。")
    if row.formulations:
        points.append(f"有 {row.formulations} 处政治表述不规范{_example(row, 'formulation')}，"
                      "请对照规范表述逐一修改。")
    if row.slips:
        points.append(f"有 {row.slips} 处文字、标点或序号错漏{_example(row, *_SLIP_ORDER)}，请逐一核改。")
    share = result.phrasebank_share(index)
    if share >= HIGH_PHRASEBANK:
        points.append(f"通用表述占比较高（约 {share:.0%}），个性化内容偏少，建议结合本人实际写出具体问题。")
    return points or ["材料内容完整，格式规范，未发现明显问题。"]


@dataclass(frozen=True)
class SummaryRow:
    cells: tuple[str, ...]


def summary_rows(result: ReviewResult) -> list[SummaryRow]:
    rows = []
    for index, row in enumerate(result.reports, 1):
        if row.error:
            rows.append(SummaryRow((str(index), row.name, "", "无法读取", "", "", "", "", "", "", "", "")))
            continue
        pair, other = result.best_pair(index - 1)
        best = (f"{pair.similarity:.0%}（{result.reports[other].who}）"
                if pair is not None and other is not None else "—")
        missing = "、".join(row.missing_aspects) if row.missing_aspects else "—"
        rows.append(SummaryRow((
            str(index), row.name, row.author or "未署名", row.template or "未识别", row.length_note, missing,
            str(row.without_measures), str(row.without_examples),
            str(row.slips + row.count("praise_criticism", "vague_criticism")), str(row.formulations),
            best, f"{result.phrasebank_share(index - 1):.0%}")))
    return rows
