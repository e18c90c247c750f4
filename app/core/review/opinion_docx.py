"""The 审核意见 .docx (one section per report, then the summary table) and the table alone."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from app.core.document.grammar import int_to_cn
from app.core.document.numbering import canonical_number
from app.core.formats.docx_styles import STYLE_H, STYLE_META, STYLE_NORMAL, STYLE_TITLE, el, setup_page
from app.core.formats.docx_write import _paragraph, new_official_docx, save_bytes
from app.core.formats.export_options import ExportOptions
from app.core.formats.rectification import cell_paragraph, grid_table
from app.core.review.engine import ReviewResult
from app.core.review.opinion import SUMMARY_HEADERS, opinions, summary_rows
from app.core.storage.files import atomic_write_bytes

# 225 mm: the landscape text width
SUMMARY_MM = (10, 30, 24, 30, 22, 22, 11, 11, 11, 11, 30, 13)
TABLE_PT = 10.5  # 五号: twelve columns
TABLE_LINE_TWIPS = 16 * 20


def _table(doc, result: ReviewResult, options: ExportOptions) -> None:
    rows = summary_rows(result)
    table, widths = grid_table(doc, len(rows), SUMMARY_HEADERS, SUMMARY_MM, options.h1, size_pt=TABLE_PT,
                               line_twips=TABLE_LINE_TWIPS, justify="left")
    for table_row, data in zip(table.rows[1:], rows, strict=True):
        table_row._tr.get_or_add_trPr().append(el("w:cantSplit"))
        for column, (cell, text, width) in enumerate(zip(table_row.cells, data.cells, widths, strict=True)):
            cell.width = width
            cell_paragraph(cell, text, options.body, centred=column not in (1, 2, 3, 5), size_pt=TABLE_PT,
                           line_twips=TABLE_LINE_TWIPS, justify="left")


def _landscape_section(doc) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_page(section, landscape=True)


def _title(text: str):
    return _paragraph(STYLE_TITLE, text, False, space_after=True)


def opinion_bytes(result: ReviewResult, title: str = "", options: ExportOptions | None = None,
                  today: _dt.date | None = None) -> bytes:
    """审核意见: an opening, one section per report in a reviewer's words, the summary table."""
    options = options or ExportOptions()
    today = today or _dt.date.today()
    title = title or "民主生活会个人材料审核意见"
    doc = new_official_docx(options)
    doc.core_properties.title = title
    doc.core_properties.category = "明镜审核意见"
    body = doc.element.body
    sect_pr = body.find(qn("w:sectPr"))
    unreadable = sum(1 for r in result.reports if r.error)
    extra = f"（其中 {unreadable} 份无法读取）" if unreadable else ""
    paragraphs = [
        _title(title),
        _paragraph(STYLE_META, f"{today.year}年{today.month}月{today.day}日", False, space_after=True),
        _paragraph(STYLE_NORMAL, f"共审核材料 {len(result.reports)} 份{extra}。现将审核意见反馈如下，"
                   "请各位同志对照修改完善，按时报送。各材料的字数、缺项、错漏和雷同情况见文末汇总表。", False),
    ]
    for index, row in enumerate(result.reports):
        heading = f"{row.author}（{row.name}）" if row.author else row.name
        paragraphs.append(_paragraph(STYLE_H[1], canonical_number(1, index + 1) + heading, False))
        for number, point in enumerate(opinions(result, index), 1):
            paragraphs.append(_paragraph(STYLE_NORMAL, f"{int_to_cn(number)}是{point}", False))
    for p in paragraphs:
        sect_pr.addprevious(p)
    _landscape_section(doc)  # the summary table on landscape pages of its own
    body.find(qn("w:sectPr")).addprevious(_title("材料审核汇总表"))
    _table(doc, result, options)
    return save_bytes(doc)


def summary_bytes(result: ReviewResult, title: str = "材料审核汇总表",
                  options: ExportOptions | None = None) -> bytes:
    """The summary table on its own (landscape)."""
    options = options or ExportOptions()
    doc = new_official_docx(options, landscape=True)
    doc.core_properties.title = title
    body = doc.element.body
    body.find(qn("w:sectPr")).addprevious(_title(title))
    _table(doc, result, options)
    return save_bytes(doc)


def write_opinion(result: ReviewResult, path: Path, title: str = "",
                  options: ExportOptions | None = None) -> None:
    atomic_write_bytes(Path(path), opinion_bytes(result, title, options))


def write_summary(result: ReviewResult, path: Path, options: ExportOptions | None = None) -> None:
    atomic_write_bytes(Path(path), summary_bytes(result, options=options))
