"""Opening a report from disk: .docx or plain text, with clear failures."""

from __future__ import annotations

from pathlib import Path

from app.core.docx_io import DocumentReadError, read_docx
from app.core.model import Document
from app.core.structure import recognize_text

MAX_TEXT_BYTES = 20 * 1024 * 1024
SUPPORTED = (".docx", ".txt")


def decode_text(data: bytes) -> str:
    """Text from bytes as Chinese Windows and Linux write it (UTF-8, BOMs, GB18030)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) >= 4 and data.count(0) * 3 > len(data):  # UTF-16 saved without a BOM
        even_zeros = data[0::2].count(0)
        return data.decode("utf-16-be" if even_zeros > len(data) // 4 else "utf-16-le")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


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
    return Document(recognize_text(text), None)


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
