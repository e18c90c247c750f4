"""Opening a report from disk: .docx or plain text, with clear failures."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.core.document.numbering import recognize_text
from app.core.errors import DocumentReadError
from app.core.formats.docx_io import read_docx
from app.core.model import Document
from app.core.sanitize import clean_incoming

MAX_TEXT_BYTES = 20 * 1024 * 1024
SUPPORTED = (".docx", ".txt")


def _plausibility(text: str) -> float:
    """Share of characters a Chinese report is made of (CJK, punctuation, ASCII text)."""
    if not text:
        return 0.0
    good = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
               or "\uff00" <= c <= "\uffef" or " " <= c <= "~" or c in "\r\n\t"
               or "\u2010" <= c <= "\u2027" or "\u3400" <= c <= "\u4dbf")
    return good / len(text)


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


def read_text_file(path: Path) -> Document:
    data = path.read_bytes()
    if len(data) > MAX_TEXT_BYTES:
        raise DocumentReadError(f"“{path.name}”过大（超过 20 MB），不像是一份对照检查材料。")
    try:
        text = decode_text(data)
    except UnicodeDecodeError as exc:
        raise DocumentReadError(f"“{path.name}”不是可识别的文本文件（编码无法识别）。") from exc
    if "\x00" in text:
        raise DocumentReadError(f"“{path.name}”不是文本文件。")
    return Document(recognize_text(clean_incoming(text)), None)


def report_files(paths: Iterable[Path | str], exclude: Path | str | None = None) -> list[Path]:
    """The .docx/.txt reports named, or found (recursively, sorted) in the folders named.

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
        raise DocumentReadError(f"不支持打开“{path.name}”：请选择 .docx 或 .txt 文件。")
    try:
        document = read_docx(path) if suffix == ".docx" else read_text_file(path)
    except FileNotFoundError as exc:
        raise DocumentReadError(f"找不到文件“{path.name}”。") from exc
    except PermissionError as exc:
        raise DocumentReadError(f"没有权限读取“{path.name}”。") from exc
    except OSError as exc:
        raise DocumentReadError(f"无法读取“{path.name}”：{exc.strerror or exc}。") from exc
    if not any(p.text.strip() for p in document.paragraphs):
        raise DocumentReadError(f"“{path.name}”是空的，没有可打开的内容。")
    return document
