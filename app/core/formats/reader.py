"""Opening a report from disk: .docx or plain text, with clear failures."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.core.document.numbering import recognize_text
from app.core.errors import DocumentReadError
from app.core.formats.docx_io import read_docx
from app.core.formats.legacy import (
    LEGACY_SUFFIXES,
    LegacyFormatError,
    convert_to_docx,
    temporary_folder,
)
from app.core.formats.limits import (
    MAX_DOCX_BYTES,
    MAX_TEXT_BYTES,
    document_too_big,
    read_capped,
    regular_file_size,
)
from app.core.model import Document
from app.core.sanitize import clean_incoming

SUPPORTED = (".docx", ".txt", *LEGACY_SUFFIXES)
FILE_PATTERNS = "*.docx *.doc *.wps *.txt"  # for file dialogs


def _plausibility(text: str) -> float:
    """Share of characters a Chinese report is made of (CJK, punctuation, ASCII text)."""
    if not text:
        return 0.0
    good = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
               or "\uff00" <= c <= "\uffef" or " " <= c <= "~" or c in "\r\n\t"
               or "\u2010" <= c <= "\u2027" or "\u3400" <= c <= "\u4dbf")
    return good / len(text)


NEARLY_UTF8 = 0.999  # share of bytes that must decode for a damaged UTF-8 file to open


def bad_utf8_spots(data: bytes) -> list[int]:
    """Byte offsets of invalid UTF-8 sequences in ``data`` (at most 1,000)."""
    spots: list[int] = []
    start = 0
    while len(spots) < 1000:
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            spots.append(start + exc.start)
            start += exc.end
    return spots


def decode_nearly_utf8(data: bytes) -> tuple[str, list[int]] | None:
    """UTF-8 with a few bad bytes (a damaged copy, a cut-off last character): the text with
    U+FFFD in their place and the line numbers where they are, or ``None`` when the file is
    not mostly UTF-8."""
    spots = bad_utf8_spots(data)
    if not spots or len(spots) >= 1000 or len(spots) > (1 - NEARLY_UTF8) * len(data) + 1:
        return None
    text = data.decode("utf-8-sig", errors="replace")
    if _plausibility(text[:20_000]) < 0.5:
        return None
    lines = sorted({data.count(b"\n", 0, spot) + 1 for spot in spots})
    return text, lines


def decode_text(data: bytes) -> str:
    """Text from bytes as Chinese Windows and Linux write it (UTF-8, BOMs, GB18030, and
    UTF-16 without a BOM); raises ``UnicodeDecodeError`` when none fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        failure = exc
    candidates = []
    encodings = ["gb18030"] + (["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else [])
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text[:20_000]), text))
    if not candidates:
        raise failure
    score, text = max(candidates, key=lambda c: c[0])
    if score < 0.5:
        raise failure
    return text


def read_text_bytes(path: Path) -> bytes:
    """A .txt file's bytes: regular files only, at most ``MAX_TEXT_BYTES`` read."""
    try:
        return read_capped(path, MAX_TEXT_BYTES, "文本文件")
    except ValueError as exc:
        raise DocumentReadError(str(exc)) from exc


def decode_report(data: bytes, name: str) -> tuple[str, str | None]:
    """The text of a .txt report and, when some bytes had to be replaced, a warning."""
    try:
        text, warning = decode_text(data), None
    except UnicodeDecodeError as exc:
        nearly = decode_nearly_utf8(data)
        if nearly is None:
            raise DocumentReadError(f"“{name}”不是可识别的文本文件（编码无法识别）。") from exc
        text, lines = nearly
        shown = "、".join(str(n) for n in lines[:10]) + ("等" if len(lines) > 10 else "")
        warning = (f"“{name}”中有 {len(lines)} 处字节不是有效的 UTF-8（文件可能损坏），"
                   f"已用“\ufffd”代替，在第 {shown} 行。请核对这些位置。")
    if "\x00" in text:
        raise DocumentReadError(f"“{name}”不是文本文件。")
    return text, warning


def read_text_file(path: Path) -> Document:
    text, warning = decode_report(read_text_bytes(path), path.name)
    document = Document(recognize_text(clean_incoming(text)), None)
    document.notice = warning
    return document


def read_legacy(path: Path) -> Document:
    """A .doc/.wps file through LibreOffice (when installed), read as the .docx it becomes."""
    if not path.is_file():
        raise FileNotFoundError(path)
    with temporary_folder() as folder:
        try:
            converted = convert_to_docx(path, Path(folder))
        except LegacyFormatError as exc:
            raise DocumentReadError(str(exc)) from exc
        try:
            return read_docx(converted)
        except DocumentReadError as exc:
            raise DocumentReadError(f"“{path.name}”转换后仍无法读取：{exc}") from exc


def report_files(paths: Iterable[Path | str], exclude: Path | str | None = None) -> list[Path]:
    """The reports (.docx, .doc, .wps, .txt) named, or found (recursively, sorted) in the folders named.

    In folders, Word's ``~$`` lock files and hidden files are skipped; a file named directly
    is kept whatever it is (opening it says why it cannot be read).  ``exclude``: the draft
    itself, when comparing it with a folder it sits in.  No file is listed twice.
    """
    skip = Path(exclude).resolve() if exclude else None
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in SUPPORTED
                                and not p.name.startswith(("~$", ".")))
        else:
            candidates = [path]
        for candidate in candidates:
            if skip is None or candidate.resolve() != skip:
                found.setdefault(candidate)
    return list(found)


def read_document(path: Path) -> Document:
    """Read ``path``; raises ``DocumentReadError`` with a Chinese message on any failure."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentReadError(f"不支持打开“{path.name}”：请选择 .docx、.doc、.wps 或 .txt 文件。")
    try:
        if suffix in LEGACY_SUFFIXES:
            document = read_legacy(path)
        else:
            regular_file_size(path, MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_BYTES,
                              "Word 文档" if suffix == ".docx" else "文本文件")
            document = read_docx(path) if suffix == ".docx" else read_text_file(path)
    except ValueError as exc:  # not a regular file, or too big (stat, nothing read)
        raise DocumentReadError(str(exc)) from exc
    except FileNotFoundError as exc:
        raise DocumentReadError(f"找不到文件“{path.name}”。") from exc
    except PermissionError as exc:
        raise DocumentReadError(f"没有权限读取“{path.name}”。") from exc
    except OSError as exc:
        raise DocumentReadError(f"无法读取“{path.name}”：{exc.strerror or exc}。") from exc
    except RecursionError as exc:
        raise DocumentReadError(f"无法读取“{path.name}”：文件结构嵌套过深，可能已损坏或是恶意文件。") from exc
    except MemoryError as exc:
        raise DocumentReadError(f"无法读取“{path.name}”：文件过大，内存不足。") from exc
    too_big = document_too_big(document, path.name)
    if too_big:
        raise DocumentReadError(too_big)
    if not any(p.text.strip() for p in document.paragraphs):
        raise DocumentReadError(f"“{path.name}”是空的，没有可打开的内容。")
    return document
