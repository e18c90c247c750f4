"""Reading and writing .docx in the official-document format (GB/T 9704-2012)."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from docx import Document as make_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from app.core.model import Document, Paragraph, Role
from app.core.sanitize import xml_safe
from app.core.storage import atomic_write_bytes
from app.core.structure import recognize_lines, role_for_text

MARKER = "明镜"  # written to the core properties so our own files are read back exactly
BODY_PT = 16
LINE_PT = 28.95  # exact line spacing: 22 lines in the 225 mm text block
LATIN_FONT = "Times New Roman"
MAX_UNPACKED = 200 * 1024 * 1024  # refuse zip bombs
MAX_RATIO = 200  # real .docx compress about 3-10x; bombs 1000x and more
MAX_MEMBERS = 5000


class DocumentReadError(Exception):
    """A file could not be read; ``str(exc)`` is a Chinese message for the user."""


@dataclass(frozen=True)
class FontScheme:
    title: str = "方正小标宋简体"
    meta: str = "楷体_GB2312"
    h1: str = "黑体"
    h2: str = "楷体_GB2312"
    body: str = "仿宋_GB2312"
    page_number: str = "宋体"


# Word style names for each role: built-in ids keep the navigation pane and outline levels.
_STYLE_FOR_ROLE = {
    Role.TITLE: "Title",
    Role.META: "署名日期",
    Role.H1: "Heading 1",
    Role.H2: "Heading 2",
    Role.H3: "Heading 3",
    Role.H4: "Heading 4",
    Role.BODY: "Normal",
}
_ROLE_FOR_STYLE = {name.lower(): role for role, name in _STYLE_FOR_ROLE.items()}


def _set_fonts(rpr_owner, east_asia: str, size_pt: float, bold: bool = False) -> None:
    """Fonts in the East Asian slot (theme attributes removed), size, colour."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), LATIN_FONT)
    for tag in ("w:color", "w:b", "w:bCs", "w:i", "w:iCs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    if bold:
        rpr.append(OxmlElement("w:b"))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(int(size_pt * 2)))


def _set_outline_level(style, level: int | None) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    if level is not None:
        el = OxmlElement("w:outlineLvl")
        el.set(qn("w:val"), str(level))
        ppr.append(el)


def _first_line_chars(style, chars: int) -> None:
    """Indent by whole characters (firstLineChars) with the twip value as fallback."""
    ppr = style.element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * BODY_PT * 20))


def _clean_defaults(doc) -> None:
    """Drop python-docx template defaults: theme fonts, 10 pt after, 1.15 spacing, en-US."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), FontScheme.body)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")


def _paragraph_style(doc, name: str, font: str, size: float, *, bold=False, centred=False,
                     indent=True, outline: int | None = None):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        from docx.enum.style import WD_STYLE_TYPE

        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
    style.element.get_or_add_rPr()
    _set_fonts(style.element, font, size, bold)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.keep_with_next = outline is not None
    if indent:
        _first_line_chars(style, 2)
    else:
        fmt.first_line_indent = Twips(0)
    _set_outline_level(style, outline)
    return style


def _setup(doc, fonts: FontScheme) -> None:
    _clean_defaults(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _paragraph_style(doc, "Normal", fonts.body, BODY_PT)
    _paragraph_style(doc, "Title", fonts.title, 22, centred=True, indent=False)
    _paragraph_style(doc, "署名日期", fonts.meta, BODY_PT, centred=True, indent=False)
    _paragraph_style(doc, "Heading 1", fonts.h1, BODY_PT, outline=0)
    _paragraph_style(doc, "Heading 2", fonts.h2, BODY_PT, outline=1)
    _paragraph_style(doc, "Heading 3", fonts.body, BODY_PT, outline=2)
    _paragraph_style(doc, "Heading 4", fonts.body, BODY_PT, outline=3)
    title_fmt = doc.styles["Title"].paragraph_format
    title_fmt.line_spacing = Pt(22 * 1.5)
    title_fmt.space_after = Pt(LINE_PT)
    # Title's template border and spacing would show a blue rule under the title.
    ppr = doc.styles["Title"].element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)


def to_docx_bytes(document: Document, fonts: FontScheme | None = None) -> bytes:
    doc = make_docx()
    _setup(doc, fonts or FontScheme())
    props = doc.core_properties
    props.title = xml_safe(document.title)
    props.category = f"{MARKER}:{document.template_id or ''}"
    props.author = ""
    body = doc.element.body
    for para in list(body.iterchildren(qn("w:p"))):
        body.remove(para)
    for para in document.paragraphs:
        doc.add_paragraph(xml_safe(para.text), style=_STYLE_FOR_ROLE[para.role])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_docx(document: Document, path: Path, fonts: FontScheme | None = None, *,
               backup: bool = True) -> None:
    """Save ``document`` to ``path`` atomically, keeping the previous version as
    ``path.bak`` (raises ``SaveError``)."""
    atomic_write_bytes(Path(path), to_docx_bytes(document, fonts), backup=backup)


def _check_zip(path: Path) -> None:
    """Refuse what Word would never write: zip bombs, and XML with a DOCTYPE (entity
    declarations are how XXE and billion-laughs files work; python-docx's parser does not
    resolve them either, this only turns the attempt into a clear message)."""
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
                        head = member.read(4096)
                    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                        raise DocumentReadError(
                            f"“{path.name}”含有外部实体引用（Word 不会生成这种内容，可能是恶意文件），"
                            "已拒绝打开。")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            RuntimeError, ValueError, OSError, zlib.error) as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError)):
            raise
        with open(path, "rb") as handle:
            magic = handle.read(8)
        if magic == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise DocumentReadError(
                f"“{path.name}”是旧版 .doc 或加密文档。请在 Word 中另存为 .docx 后再打开。"
            ) from exc
        raise DocumentReadError(f"“{path.name}”不是有效的 Word 文档，可能已损坏。") from exc


def read_docx(path: Path) -> Document:
    """Read a .docx: ours exactly by style, anyone else's by recognising its numbering."""
    path = Path(path)
    _check_zip(path)
    try:
        doc = make_docx(str(path))
        category = doc.core_properties.category or ""
        items = [(p.style.name if p.style is not None else "", p.text) for p in doc.paragraphs]
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentReadError(f"“{path.name}”不是有效的 Word 文档，可能已损坏。") from exc
    except Exception as exc:  # lxml, zip and python-docx errors of every kind
        raise DocumentReadError(f"无法读取“{path.name}”：文件已损坏（{type(exc).__name__}）。") from exc
    if category.startswith(MARKER + ":"):
        paragraphs = []
        for style, text in items:
            role = _ROLE_FOR_STYLE.get(style.lower(), Role.BODY)
            if role not in (Role.TITLE, Role.META):
                role = role_for_text(text)
            paragraphs.append(Paragraph(role, text))
        return Document(paragraphs, category.split(":", 1)[1] or None)
    paragraphs = recognize_lines(text for _, text in items)
    titles = {text.strip() for style, text in items if style.lower() == "title"}
    if paragraphs and paragraphs[0].text in titles:
        paragraphs[0].role = Role.TITLE
    return Document(paragraphs, None)
