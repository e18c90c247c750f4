"""Writing a document as an official-format .docx (GB/T 9704-2012)."""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path

from docx import Document as make_docx
from docx.oxml.ns import qn

from app.core.docx_styles import (
    LINE_TWIPS,
    STYLE_H,
    STYLE_META,
    STYLE_NORMAL,
    STYLE_TITLE,
    drop_template_leftovers,
    el,
    setup_font_table,
    setup_footers,
    setup_page,
    setup_settings,
    setup_styles,
)
from app.core.export_options import ExportOptions
from app.core.model import Document, Role
from app.core.sanitize import xml_safe
from app.core.storage import atomic_write_bytes

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

_CN = "一二三四五六七八九十"
# A lead sentence: 一是/二要… at the start of a paragraph or after a sentence, up to its end.
_LEAD_RE = re.compile(rf"(?:^|(?<=[。；;！？!?]))[\s\u3000]*([{_CN}]{{1,3}}[是要][^。；;！？!?]*[。；;！？!?]?)")
# Characters XML 1.0 cannot hold (Word would refuse the file); tabs and breaks are elements.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def lead_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each 一是……。 lead sentence in ``text``."""
    return [m.span(1) for m in _LEAD_RE.finditer(text)]


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


def _paragraph(style_id: str, text: str, bold_lead: bool, space_after: bool = False):
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val=style_id))
    if space_after:  # one empty line between the title block and the text
        ppr.append(el("w:spacing", after=str(LINE_TWIPS)))
    p.append(ppr)
    text = _XML_BAD.sub("", text)
    if not text:
        return p
    spans = lead_spans(text) if bold_lead else []
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
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
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
    for index, para in enumerate(paragraphs):
        bold = options.bold_lead and para.role is Role.BODY
        text = xml_safe(para.text)  # a control character would make the save fail
        sect_pr.addprevious(_paragraph(STYLE_FOR_ROLE[para.role], text, bold, index == gap_at))
    return save_bytes(doc)


def write_docx(document: Document, path: Path, options: ExportOptions | None = None, *,
               backup: bool = True) -> None:
    """Save ``document`` to ``path`` atomically, keeping the previous version as
    ``path.bak`` (raises ``SaveError``)."""
    atomic_write_bytes(Path(path), to_docx_bytes(document, options), backup=backup)
