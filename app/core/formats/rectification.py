"""整改清单: one row per problem point, with the measure that answers it.

Problems and measures are paired by ``app.core.document.pairing``, the matcher 结构检查 uses too.
Only real problems are rows (an empty template aspect is none).  A measure goes to one problem
unless it plainly answers another too (``Answer.strong``); a problem that nothing answers, or
only a measure already given to another problem, says （待补充） for the user to fill in, and
责任人 and 完成时限 are left empty.  A long row may break across pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm

from app.core.document.generic import is_generic
from app.core.document.outline import NodeKind, Outline
from app.core.document.pairing import Item, assign, problems_and_measures
from app.core.formats.docx_styles import STYLE_TITLE, el, run_fonts
from app.core.formats.docx_write import new_official_docx, save_bytes
from app.core.formats.export_options import ExportOptions
from app.core.model import Paragraph
from app.core.storage.files import atomic_write_bytes
from app.core.text import count_cjk
from app.core.topics import TopicClassifier

HEADERS = ("序号", "问题", "整改措施", "责任人", "完成时限")
COLUMN_MM = (14, 62, 101, 22, 26)  # 225 mm: the landscape text width; 完成时限 on one line
TABLE_PT = 14  # 4号
TABLE_LINE_TWIPS = 24 * 20
MEASURE_CELL_CHARS = 80  # about this many 字 of what the measure says (4–5 lines)
TO_FILL = "（待补充）"
KEEP_TOGETHER_CHARS = 60  # a row up to this long never breaks across pages; a longer one may
_SENTENCE = re.compile(r"[^。；！？]*[。；！？]?")


@dataclass
class RectificationRow:
    number: int
    problem: str
    measure: str = ""
    owner: str = ""
    deadline: str = ""

    @property
    def to_fill(self) -> bool:
        """No measure answers the problem yet: the cell says （待补充）."""
        return self.measure in (TO_FILL, "")


def build_rows(outline: Outline, paragraphs: Sequence[Paragraph],
               classifier: TopicClassifier | None = None) -> list[RectificationRow]:
    problems, measures = problems_and_measures(outline, paragraphs, classifier)
    return [RectificationRow(i, problem.text, measure_cell(measures[k]) if k is not None else TO_FILL)
            for i, (problem, (k, _)) in enumerate(zip(problems, assign(problems, measures), strict=True), 1)]


def measure_cell(item: Item) -> str:
    """What the 整改措施 cell says: the measure's heading or lead sentence, and then the
    first whole sentences of what it goes on to say (the concrete steps), up to about
    ``MEASURE_CELL_CHARS`` 字 (a long first sentence: its opening clauses and ……). A heading
    alone (持之以恒强化理论武装) tells the reviewer little; the whole section would make
    rows taller than a page.  Generic sentences (对党忠诚是共产党人的政治灵魂) are left out."""
    lead = item.text.strip()
    full = item.full.strip()
    first, _, rest = full.partition("\n")
    if (item.node is not None and item.node.kind == NodeKind.POINT) or lead not in first:
        rest = full[full.find(lead) + len(lead):] if lead in full else ""
    else:
        rest = first[first.find(lead) + len(lead):].lstrip("。；：:，, ") + rest  # run-in body
    sentences = [m.strip() for m in _SENTENCE.findall(rest.replace("\n", ""))
                 if m.strip() and not is_generic(m)]
    taken: list[str] = []
    budget = MEASURE_CELL_CHARS - count_cjk(lead)
    for sentence in sentences:
        if count_cjk(sentence) > budget:
            if not taken:  # a long first sentence: its opening clauses, marked as cut
                clauses = re.findall(r"[^，、；]*[，、；]?", sentence)
                head = ""
                for clause in clauses:
                    if count_cjk(head + clause) > budget:
                        break
                    head += clause
                if count_cjk(head) >= 10:
                    taken.append(head.rstrip("，、；") + "……")
            break
        taken.append(sentence)
        budget -= count_cjk(sentence)
    if not taken:
        return lead
    joiner = "" if lead.endswith(("。", "；", "！", "？")) else "："
    return lead + joiner + "".join(taken)


# --- the .docx ------------------------------------------------------------------------------------
def cell_paragraph(cell, text: str, font: str, centred: bool, size_pt: float = TABLE_PT,
                   line_twips: int = TABLE_LINE_TWIPS, justify: str = "both") -> None:
    """Fill a table cell with one paragraph of ``text``: exact line spacing, no indent, the
    font in every slot (the 整改清单 and the 审核 summary table share it)."""
    p = cell.paragraphs[0]._p
    for child in list(p):
        p.remove(child)
    ppr = el("w:pPr")
    ppr.append(el("w:spacing", before="0", after="0", line=str(line_twips), lineRule="exact"))
    ppr.append(el("w:ind", left="0", right="0", firstLineChars="0", firstLine="0"))
    ppr.append(el("w:jc", val="center" if centred else justify))
    p.append(ppr)
    if not text:
        return
    r = el("w:r")
    rpr = el("w:rPr")
    rpr.append(run_fonts(font))
    rpr.append(el("w:sz", val=str(round(size_pt * 2))))
    rpr.append(el("w:szCs", val=str(round(size_pt * 2))))
    r.append(rpr)
    t = el("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    p.append(r)


def grid_table(doc, body_rows: int, headers: Sequence[str], column_mm: Sequence[float], font: str,
               **cell_format) -> tuple:
    """A centred grid table of fixed column widths whose header row (``headers`` in ``font``,
    centred) repeats at the top of every page; returns the table and the column widths."""
    table = doc.add_table(rows=1 + body_rows, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in column_mm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(el("w:tblHeader"))  # repeated at the top of every page
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.width = width
        cell_paragraph(cell, text, font, centred=True, **cell_format)
    return table, widths


def rectification_bytes(rows: Sequence[RectificationRow], title: str,
                        options: ExportOptions | None = None) -> bytes:
    options = options or ExportOptions()
    doc = new_official_docx(options, landscape=True)
    doc.core_properties.title = title
    doc.core_properties.category = "明镜整改清单"
    body = doc.element.body
    heading = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val=STYLE_TITLE))
    ppr.append(el("w:spacing", after=str(TABLE_LINE_TWIPS)))
    heading.append(ppr)
    run = el("w:r")
    t = el("w:t")
    t.text = title
    run.append(t)
    heading.append(run)
    body.find(qn("w:sectPr")).addprevious(heading)

    table, widths = grid_table(doc, len(rows), HEADERS, COLUMN_MM, options.h1)
    for row, data in zip(table.rows[1:], rows, strict=False):
        if max(count_cjk(data.problem), count_cjk(data.measure)) <= KEEP_TOGETHER_CHARS:
            row._tr.get_or_add_trPr().append(el("w:cantSplit"))  # a short row stays on one page
        values = (str(data.number), data.problem, data.measure, data.owner, data.deadline)
        for index, (cell, text, width) in enumerate(zip(row.cells, values, widths, strict=False)):
            cell.width = width
            cell_paragraph(cell, text, options.body, centred=index in (0, 3, 4))
    return save_bytes(doc)


def rectification_title(outline: Outline) -> str:
    base = outline.title.strip()
    for suffix in ("个人对照检查材料", "对照检查材料", "个人剖析材料", "剖析材料", "发言提纲", "材料"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    return f"{base}问题整改清单" if base else "问题整改清单"


def write_rectification(outline: Outline, paragraphs: Sequence[Paragraph], path: Path,
                        options: ExportOptions | None = None,
                        classifier: TopicClassifier | None = None) -> list[RectificationRow]:
    """Write the 整改清单 of a document to ``path`` atomically; returns its rows."""
    rows = build_rows(outline, paragraphs, classifier)
    atomic_write_bytes(Path(path), rectification_bytes(rows, rectification_title(outline), options))
    return rows
