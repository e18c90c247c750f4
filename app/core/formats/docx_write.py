"""Writing a document as an official-format .docx (GB/T 9704-2012)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from docx import Document as make_docx
from docx.oxml.ns import qn

from app.core.document.grammar import lead_sentence_spans
from app.core.formats.docx_styles import (
    BODY_PT,
    LINE_TWIPS,
    STYLE_H,
    STYLE_META,
    STYLE_NORMAL,
    STYLE_SIGN,
    STYLE_TITLE,
    drop_template_leftovers,
    el,
    setup_font_table,
    setup_footers,
    setup_page,
    setup_settings,
    setup_styles,
)
from app.core.formats.docx_title import text_width, title_lines
from app.core.formats.export_options import ExportOptions
from app.core.model import Document, Role
from app.core.sanitize import xml_safe
from app.core.storage.files import atomic_write_bytes

MARKER = "明镜"  # written to the core properties so our own files are read back exactly

STYLE_FOR_ROLE = {
    Role.TITLE: STYLE_TITLE,
    Role.META: STYLE_META,
    Role.H1: STYLE_H[1],
    Role.H2: STYLE_H[2],
    Role.H3: STYLE_H[3],
    Role.H4: STYLE_H[4],
    Role.BODY: STYLE_NORMAL,
}

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


# A date line: 2023年12月20日 / 二〇二三年十二月 (the day may be left out).
_CN_DIGIT = "〇○零一二三四五六七八九十"
_DATE_LINE_RE = re.compile(
    rf"^(?:\d{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*月"
    rf"(?:\s*(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*日)?$")
_SENTENCE_END = "。；;，,：:！!？?、"
CHAR_TWIPS = 2 * BODY_PT * 10  # one 3号 character: 320 twips


def closing_block(paragraphs) -> dict[int, int]:
    """The signature and date closing the text, as {index: right indent in twips}.

    GB/T 9704-2012 7.3.5: the date alone sits 右空四字; under a signature (署名右空二字)
    the date starts two characters right of the signature's first character, and when
    the date is the longer line it sits 右空二字 and the signature moves left.
    """
    filled = [i for i, p in enumerate(paragraphs) if p.text.strip()]
    if len(filled) < 2:
        return {}
    last = filled[-1]
    date = paragraphs[last].text.strip()
    if paragraphs[last].role is not Role.BODY or not _DATE_LINE_RE.match(date):
        return {}
    prev = paragraphs[filled[-2]]
    name = prev.text.strip()
    if len(filled) < 3 or prev.role is not Role.BODY or len(name) > 20 or \
            name[-1] in _SENTENCE_END or _DATE_LINE_RE.match(name):
        return {last: 4 * CHAR_TWIPS}
    w_name, w_date = text_width(name), text_width(date)
    if w_name - w_date < 2:  # the date would come closer than 右空二字: it is the longer line
        date_right = 2.0
        name_right = date_right + w_date + 2 - w_name
    else:
        name_right = 2.0
        date_right = name_right + w_name - 2 - w_date
    return {filled[-2]: round(name_right * CHAR_TWIPS), last: round(date_right * CHAR_TWIPS)}


def _run(text: str, bold: bool = False):
    r = el("w:r")
    if bold:
        rpr = el("w:rPr")
        rpr.append(el("w:b"))
        rpr.append(el("w:bCs"))
        r.append(rpr)
    for i, piece in enumerate(re.split(r"(\t|\n)", text)):
        if i % 2:
            r.append(el("w:tab") if piece == "\t" else el("w:br"))
        elif piece:
            t = el("w:t")
            t.text = piece
            t.set(_XML_SPACE, "preserve")
            r.append(t)
    return r


def _paragraph(style_id: str, text: str, bold_lead: bool, space_after: bool = False,
               space_before: bool = False, right_indent: int | None = None):
    """One paragraph; ``text`` is already XML-safe (``to_docx_bytes`` cleans it once)."""
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val=style_id))
    if space_after:  # one empty line between the title block and the text
        ppr.append(el("w:spacing", after=str(LINE_TWIPS)))
    elif space_before:  # and between the text and the signature (正文下空一行)
        ppr.append(el("w:spacing", before=str(LINE_TWIPS)))
    if right_indent is not None:
        ppr.append(el("w:ind", left="0", right=str(right_indent), firstLineChars="0",
                      firstLine="0"))
    p.append(ppr)
    if not text:
        return p
    spans = lead_sentence_spans(text) if bold_lead else []
    pos = 0
    for start, end in spans:
        if start > pos:
            p.append(_run(text[pos:start]))
        p.append(_run(text[start:end], bold=True))
        pos = end
    if pos < len(text):
        p.append(_run(text[pos:]))
    return p


def new_official_docx(options: ExportOptions, *, landscape: bool = False):
    """A python-docx document with the official page, styles, footers and settings."""
    doc = make_docx()
    setup_styles(doc, options)
    setup_page(doc.sections[0], landscape=landscape)
    setup_footers(doc)
    setup_settings(doc)
    setup_font_table(doc, options)
    drop_template_leftovers(doc)
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    # The template says it was made in 2013; a file we write is made now.
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    body = doc.element.body
    for para in list(body.iterchildren(qn("w:p"))):
        body.remove(para)
    return doc


def save_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_docx_bytes(document: Document, options: ExportOptions | None = None) -> bytes:
    options = options or ExportOptions()
    doc = new_official_docx(options)
    props = doc.core_properties
    props.title = xml_safe(document.title)
    props.category = f"{MARKER}:{document.template_id or ''}"
    body = doc.element.body
    sect_pr = body.find(qn("w:sectPr"))
    paragraphs = document.paragraphs
    # The empty line after the title block: as spacing, unless the text already has one.
    head_end = 0
    while head_end < len(paragraphs) and paragraphs[head_end].role in (Role.TITLE, Role.META):
        head_end += 1
    gap_at = head_end - 1 if head_end and head_end < len(paragraphs) and \
        paragraphs[head_end].text.strip() else -1
    closing = closing_block(paragraphs)
    first_closing = min(closing, default=-1)
    blank_before = first_closing > 0 and paragraphs[first_closing - 1].text.strip() != ""
    for index, para in enumerate(paragraphs):
        text = xml_safe(para.text)  # a control character would make the save fail
        if index in closing:
            sect_pr.addprevious(_paragraph(STYLE_SIGN, text, False,
                                           space_before=index == first_closing and blank_before,
                                           right_indent=closing[index]))
            continue
        if para.role is Role.TITLE:  # a long title: two balanced lines (a line break)
            text = "\n".join(title_lines(text))
        bold = options.bold_lead and para.role is Role.BODY
        sect_pr.addprevious(_paragraph(STYLE_FOR_ROLE[para.role], text, bold, index == gap_at))
    return save_bytes(doc)


def write_docx(document: Document, path: Path, options: ExportOptions | None = None, *,
               backup: bool = True) -> None:
    """Save ``document`` to ``path`` atomically, keeping the previous version as
    ``path.bak`` (raises ``SaveError``)."""
    atomic_write_bytes(Path(path), to_docx_bytes(document, options), backup=backup)
