"""Reading .docx: our own files exactly, anyone else's by recognising their structure.

A foreign report (Word, WPS, LibreOffice) may mark its headings by style, by outline level
(in the paragraph or its style), by automatic list numbering or only by the numbering typed
into the text.  Automatic numbers are rendered from numbering.xml and put in front of the
text, and headings that have no number at all get the canonical one, so the numbering-based
recognizer of ``app.core.document.numbering`` can do the rest.  Text in tables, content controls,
text boxes and tracked insertions is kept; nothing is dropped.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from app.core.document.grammar import canonical_number
from app.core.document.numbering import match_heading, recognize_lines, role_for_text
from app.core.errors import DocumentReadError
from app.core.formats.docx_lists import Numbering
from app.core.formats.docx_write import MARKER
from app.core.model import Document, Paragraph, Role

MAX_UNPACKED = 200 * 1024 * 1024  # refuse zip bombs
MAX_RATIO = 200  # real .docx compress about 3-10x; bombs 1000x and more
MAX_MEMBERS = 5000
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_W_T, _W_TAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_SDT, _W_SDT_CONTENT, _W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_W_TXBX = qn("w:txbxContent")
_W_NOBREAK_HYPHEN = qn("w:noBreakHyphen")
# Subtrees whose text is not part of the visible document (or is there twice).
_SKIP = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"), qn("w:instrText"),
         qn("w:delText"), _MC_FALLBACK, qn("w:footnoteReference"), qn("w:endnoteReference")}

# Our own styles (by id and by name), and the names of older versions of 明镜.
_OWN_ROLES = {
    "title": Role.TITLE, "mingjingmeta": Role.META, "署名日期": Role.META,
    "mingjingh1": Role.H1, "一级标题": Role.H1, "heading 1": Role.H1, "heading1": Role.H1,
    "mingjingh2": Role.H2, "二级标题": Role.H2, "heading 2": Role.H2, "heading2": Role.H2,
    "mingjingh3": Role.H3, "三级标题": Role.H3, "heading 3": Role.H3, "heading3": Role.H3,
    "mingjingh4": Role.H4, "四级标题": Role.H4, "heading 4": Role.H4, "heading4": Role.H4,
}


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num: tuple[str, int] | None  # (numId, ilvl)
    centred: bool | None  # None: inherited from the style it is based on


@dataclass
class RawParagraph:
    """One paragraph as the file has it, with what its formatting says about it."""

    text: str
    style_id: str = ""
    style_name: str = ""
    outline: int | None = None  # 0 = top level, as w:outlineLvl
    number: str = ""  # rendered automatic numbering, e.g. （一）
    centred: bool = False
    title_style: bool = False


# --- the container ----------------------------------------------------------------------------
def check_package(path: Path) -> None:
    """Refuse what is not a .docx before python-docx sees it, with the reason in Chinese.

    Also refused: zip bombs, and XML with a DOCTYPE (entity declarations are how XXE and
    billion-laughs files work; python-docx's parser does not resolve them either, this
    only turns the attempt into a clear message)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise DocumentReadError(f"“{path.name}”包含的部件过多，可能是恶意文件，已拒绝打开。")
            unpacked = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos)
            if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(packed, 1) + 1024 * 1024:
                raise DocumentReadError(f"“{path.name}”解压后过大，可能已损坏或是恶意文件，已拒绝打开。")
            if "word/document.xml" not in archive.namelist():
                raise DocumentReadError(f"“{path.name}”不是有效的 Word 文档（缺少正文）。")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as member:
                        head = member.read(4096).upper()
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise DocumentReadError(
                            f"“{path.name}”含有外部实体引用（Word 不会生成这种内容，可能是恶意文件），"
                            "已拒绝打开。")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            RuntimeError, ValueError, OSError, zlib.error) as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError)):
            raise
        with open(path, "rb") as handle:
            data = handle.read(MAX_UNPACKED)
        if data.startswith(_CFB_MAGIC):
            if _ENCRYPTION_INFO in data:
                raise DocumentReadError(
                    f"“{path.name}”设置了打开密码（已加密），明镜无法读取。请在 Word 中打开它，"
                    "在“文件 › 信息 › 保护文档 › 用密码进行加密”中清除密码并保存后再打开。"
                ) from exc
            raise DocumentReadError(
                f"“{path.name}”是旧版 .doc 或加密文档。请在 Word 中另存为 .docx 后再打开。"
            ) from exc
        if data.lstrip()[:5] == b"{\\rtf":
            raise DocumentReadError(
                f"“{path.name}”实际上是 RTF 格式。请在 Word 中另存为 .docx 后再打开。") from exc
        raise DocumentReadError(f"“{path.name}”不是有效的 Word 文档，可能已损坏。") from exc


def _open(path: Path):
    check_package(path)
    try:
        return open_docx(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentReadError(f"“{path.name}”不是有效的 Word 文档，可能已损坏。") from exc
    except Exception as exc:  # lxml and zip errors of every kind
        raise DocumentReadError(f"无法读取“{path.name}”：文件已损坏（{type(exc).__name__}）。") from exc


# --- text -----------------------------------------------------------------------------------------
def _collect(node, out: list[str], boxes: list) -> None:
    for child in node:
        tag = child.tag
        if tag == _W_T:
            out.append(child.text or "")
        elif tag == _W_TAB:
            out.append("\t")
        elif tag in (_W_BR, _W_CR):
            out.append("\n")
        elif tag == _W_NOBREAK_HYPHEN:
            out.append("-")
        elif tag == _W_TXBX:
            boxes.append(child)
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        else:
            _collect(child, out, boxes)


def paragraph_text(p) -> tuple[str, list]:
    """The visible text of a w:p (tracked deletions and field codes left out) and its text boxes."""
    out: list[str] = []
    boxes: list = []
    _collect(p, out, boxes)
    return "".join(out), boxes


def iter_paragraphs(container):
    """Every w:p of a body, table cell, content control or text box, in reading order."""
    for child in container:
        tag = child.tag
        if tag == _W_P:
            yield child
        elif tag == _W_TBL:
            for row in child.iter(_W_TR):
                if row.getparent() is not child:
                    continue  # rows of nested tables come with their cell
                for cell in row.iterchildren(_W_TC):
                    yield from iter_paragraphs(cell)
        elif tag in (_W_SDT, _W_SDT_CONTENT, _W_CUSTOM_XML):
            yield from iter_paragraphs(child)


# --- styles ---------------------------------------------------------------------------------------
def _styles(doc) -> dict[str, _Style]:
    found: dict[str, _Style] = {}
    for style in doc.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) != "paragraph":
            continue
        sid = style.get(qn("w:styleId")) or ""
        name_el = style.find(qn("w:name"))
        based = style.find(qn("w:basedOn"))
        ppr = style.find(qn("w:pPr"))
        found[sid] = _Style(
            name=(name_el.get(qn("w:val")) if name_el is not None else sid) or sid,
            based_on=based.get(qn("w:val")) if based is not None else None,
            outline=_outline_of(ppr),
            num=_num_of(ppr),
            centred=_centred(ppr),
        )
    return found


def _outline_of(ppr) -> int | None:
    if ppr is None:
        return None
    lvl = ppr.find(qn("w:outlineLvl"))
    if lvl is None:
        return None
    try:
        return int(lvl.get(qn("w:val")))
    except (TypeError, ValueError):
        return None


def _num_of(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    try:
        level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
    except (TypeError, ValueError):
        level = 0
    return (num_id.get(qn("w:val")) if num_id is not None else "", level)


def _centred(ppr) -> bool | None:
    if ppr is None:
        return None
    jc = ppr.find(qn("w:jc"))
    return None if jc is None else jc.get(qn("w:val")) == "center"


def _heading_level_of_name(name: str) -> int | None:
    low = name.lower().replace(" ", "")
    for prefix in ("heading", "标题"):
        if low.startswith(prefix) and low[len(prefix):].isdigit():
            return int(low[len(prefix):]) - 1
    return None


def _chain(styles: dict[str, _Style], style_id: str):
    seen = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        yield styles[style_id]
        style_id = styles[style_id].based_on or ""


def raw_paragraphs(doc) -> list[RawParagraph]:
    """The paragraphs of ``doc`` with their style, outline level and automatic number."""
    styles = _styles(doc)
    numbering = Numbering.from_document(doc)
    result: list[RawParagraph] = []
    pending = list(iter_paragraphs(doc.element.body))
    pending.reverse()
    while pending:
        p = pending.pop()
        text, boxes = paragraph_text(p)
        ppr = p.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = (style_el.get(qn("w:val")) or "") if style_el is not None else ""
        chain = list(_chain(styles, style_id))
        outline = _outline_of(ppr)
        if outline is None:
            outline = next((s.outline for s in chain if s.outline is not None), None)
        if outline is None:
            outline = next((lv for s in chain if (lv := _heading_level_of_name(s.name)) is not None),
                           None)
        num = _num_of(ppr) or next((s.num for s in chain if s.num), None)
        number = numbering.render(*num) if num and text.strip() else ""
        centred = _centred(ppr)
        if centred is None:
            centred = next((s.centred for s in chain if s.centred is not None), False)
        names = {s.name.lower() for s in chain}
        result.append(RawParagraph(
            text=text, style_id=style_id, style_name=chain[0].name if chain else "",
            outline=outline if outline is not None and outline < 9 else None,
            number=number, centred=bool(centred), title_style=bool(names & {"title", "标题"}),
        ))
        for box in reversed(boxes):
            pending.extend(reversed(list(iter_paragraphs(box))))
    return result


# --- recognising ------------------------------------------------------------------------------
def foreign_lines(raws: list[RawParagraph]) -> tuple[list[str], str | None]:
    """Lines for ``recognize_lines``: numbers rendered or added; and the styled title, if any."""
    non_empty = [r for r in raws if r.text.strip()]
    title = None
    if non_empty and not match_heading(non_empty[0].text.strip()) and (
            non_empty[0].title_style or (non_empty[0].centred and non_empty[0].outline is not None)):
        title = non_empty[0]
    levels = [r.outline for r in non_empty if r.outline is not None and r is not title]
    shift = min(levels) if levels else 0
    counters = [0, 0, 0, 0]
    lines: list[str] = []
    for raw in raws:
        if raw is title:  # a title broken into lines (Shift+Enter) is still one title
            lines.append(raw.text.replace("\n", ""))
            continue
        for piece in raw.text.split("\n"):
            text = piece.strip(" \t\u3000\xa0")
            if raw is title or not text:
                lines.append(piece)
                continue
            if raw.number and not match_heading(text):
                text = raw.number + text.lstrip("\t ")
            elif not match_heading(text) and raw.outline is not None and raw.outline - shift < 4 \
                    and len(text) <= 60:
                level = raw.outline - shift + 1
                counters[level - 1] += 1
                counters[level:] = [0] * (4 - level)
                text = canonical_number(level, counters[level - 1]) + text
            match = match_heading(text)
            if match:  # keep the counters in step with numbers typed by hand
                counters[match.level - 1] = match.value
                counters[match.level:] = [0] * (4 - match.level)
            lines.append(text)
    return lines, title.text.replace("\n", "").strip() if title else None


def read_docx(path: Path) -> Document:
    """Read a .docx: ours exactly by style, anyone else's by recognising its structure."""
    path = Path(path)
    doc = _open(path)
    try:
        raws = raw_paragraphs(doc)
        category = doc.core_properties.category or ""
    except Exception as exc:  # a malformed part deep inside (document or core properties)
        raise DocumentReadError(f"无法读取“{path.name}”：文件已损坏（{type(exc).__name__}）。") from exc
    if category.startswith(MARKER + ":"):
        paragraphs = []
        for raw in raws:
            role = _OWN_ROLES.get(raw.style_id.lower()) or _OWN_ROLES.get(raw.style_name.lower())
            text = raw.text
            if role is Role.TITLE:  # the line break of a long title (docx_title) is layout
                text = text.replace("\n", "")
            elif role is not Role.META:
                role = role_for_text(text)
            paragraphs.append(Paragraph(role, text))
        return Document(paragraphs, category.split(":", 1)[1] or None)
    lines, title = foreign_lines(raws)
    paragraphs = recognize_lines(lines)
    if title and paragraphs and paragraphs[0].text == title:
        paragraphs[0].role = Role.TITLE
    return Document(paragraphs, None)
