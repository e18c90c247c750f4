"""The text a check runs on, and where each recognised paragraph sits in it.

Offsets are character offsets into the text *as read*: for .txt the decoded file with
newlines normalised to ``\\n`` (what Python's ``open(...).read()`` gives); for .docx the
paragraphs as 明镜 reads them, joined with ``\\n``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.document.numbering import recognize_text
from app.core.formats.reader import read_document
from app.core.model import Document, Paragraph


@dataclass
class CheckInput:
    text: str
    document: Document


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_check_input(path: Path) -> CheckInput:
    """Read ``path`` (raises ``DocumentReadError`` with a Chinese message)."""
    document = read_document(path)
    if Path(path).suffix.lower() == ".txt":
        from app.core.formats.reader import decode_report, read_text_bytes

        text = normalise_newlines(decode_report(read_text_bytes(Path(path)), Path(path).name)[0])
        return CheckInput(text, Document(recognize_text(text), document.template_id))
    return CheckInput(document.text(), document)


def text_input(text: str) -> CheckInput:
    text = normalise_newlines(text)
    return CheckInput(text, Document(recognize_text(text)))


def locate_paragraphs(text: str, paragraphs: Sequence[Paragraph]) -> list[int]:
    """Offset in ``text`` of each paragraph (they appear in order, perhaps stripped or split)."""
    offsets = []
    cursor = 0
    for para in paragraphs:
        found = text.find(para.text, cursor) if para.text else -1
        if found < 0:
            offsets.append(cursor)
            continue
        offsets.append(found)
        cursor = found + len(para.text)
    return offsets
