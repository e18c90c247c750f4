"""Hostile files for the robustness suite, generated on the fly (no committed blobs)."""

from __future__ import annotations

import zipfile
from pathlib import Path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.wordprocessingml.document.main+xml"/>'
       '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.wordprocessingml.numbering+xml"/></Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
         '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_DRELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
          'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
          '2006/relationships/numbering" Target="numbering.xml"/></Relationships>')


def paragraph(text: str, numbered: bool = False, outline: int | None = None) -> str:
    ppr = ""
    if numbered:
        ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    elif outline is not None:
        ppr = f'<w:pPr><w:outlineLvl w:val="{outline}"/></w:pPr>'
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def make_docx(path: Path, body: str, *, start: int = 1, fmt: str = "decimal",
              compression: int = zipfile.ZIP_DEFLATED) -> Path:
    numbering = (f'<?xml version="1.0"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">'
                 f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                 '<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1">'
                 '<w:abstractNumId w:val="0"/></w:num></w:numbering>')
    document = f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS),
                           ("word/_rels/document.xml.rels", _DRELS),
                           ("word/numbering.xml", numbering), ("word/document.xml", document)):
            archive.writestr(name, data)
    return path


def lie_about_size(path: Path, member: str, claimed: int) -> None:
    """Rewrite the sizes ``member`` declares (local header and central directory)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    real = info.file_size.to_bytes(4, "little")
    fake = claimed.to_bytes(4, "little")
    name = member.encode()
    for marker in (b"PK\x03\x04", b"PK\x01\x02"):
        at = 0
        while (at := data.find(marker, at)) >= 0:
            window = data[at:at + 200]
            if name in window:
                size_at = at + (22 if marker == b"PK\x03\x04" else 24)
                if data[size_at:size_at + 4] == real:
                    data[size_at:size_at + 4] = fake
            at += 4
    path.write_bytes(bytes(data))
