"""The text a check runs on, and where each recognised paragraph sits in it.

Offsets are character offsets into the text *as read*: for .txt the decoded file with
newlines normalised to ``\\n`` (what Python's ``open(...).read()`` gives); for .docx the
paragraphs as 明镜 reads them, joined with ``\\n``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.document.numbering import recognize_text
from app.core.errors import DocumentReadError
from app.core.formats.reader import read_document, report_files
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
        from app.core.formats.reader import decode_text

        text = normalise_newlines(decode_text(Path(path).read_bytes()))
        return CheckInput(text, Document(recognize_text(text), document.template_id))
    return CheckInput(document.text(), document)


def read_sources(paths: Iterable[Path | str], exclude: Path | str | None = None,
                 ) -> tuple[list[tuple[str, str]], list[str]]:
    """(name, text) of each readable report among ``paths`` (files or folders) to compare a
    draft with (雷同比对), and why the others could not be read."""
    sources, errors = [], []
    for path in report_files(paths, exclude):
        try:
            sources.append((path.name, read_check_input(path).text))
        except DocumentReadError as exc:
            errors.append(str(exc))
    return sources, errors


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
