"""How big a report 明镜 opens, and the same limits when it saves.

Real 对照检查材料 run 3,000–30,000 字 (``word/document.xml`` of 20–200 KB).  The limits are
far above that and far below what would freeze the window or exhaust memory; the writer
refuses a draft beyond them at save time, so 明镜 never writes a file it will not reopen.
"""

from __future__ import annotations

import stat
from pathlib import Path

from app.core.model import Document

MAX_CHARS = 2_000_000  # characters of text (about 5.7 MB of UTF-8 Chinese)
MAX_PARAGRAPHS = 40_000
MAX_DOCUMENT_XML = 20 * 1024 * 1024  # bytes of word/document.xml, as inflated
MAX_PART_XML = 20 * 1024 * 1024  # any other XML part (styles, numbering, …)
MAX_TEXT_BYTES = 8 * 1024 * 1024  # a .txt file
MAX_DOCX_BYTES = 200 * 1024 * 1024  # a .docx file (pictures included)
RUN_CHARS = 200_000  # one w:t holds at most this many characters (libxml2: 10 MB a node)
TEMPLATE_BYTES = 1024 * 1024  # a user template file (real ones are 2–10 KB)


def document_too_big(document: Document, name: str, *, saving: bool = False) -> str | None:
    """A Chinese message when ``document`` is beyond what 明镜 opens, else ``None``."""
    paragraphs = len(document.paragraphs)
    chars = sum(len(p.text) for p in document.paragraphs)
    if chars <= MAX_CHARS and paragraphs <= MAX_PARAGRAPHS:
        return None
    size = f"{chars:,} 字符、{paragraphs:,} 段"
    limit = f"明镜能打开的上限是 {MAX_CHARS // 10_000} 万字符、{MAX_PARAGRAPHS:,} 段"
    if saving:
        return (f"无法保存“{name}”：文稿有 {size}，{limit}，保存后将无法再打开。"
                "请删去不需要的内容，或拆成几个文件分别保存。文稿仍在编辑器中。")
    return (f"“{name}”过大（{size}），不像是一份对照检查材料；{limit}。"
            "如确需处理，请先在 Word 中拆成几个文件。")


def regular_file_size(path: Path, limit: int, what: str = "文件") -> int:
    """``path``'s size after checking it is a regular file within ``limit`` bytes (stat
    first: nothing is read from a FIFO, a device or a huge log).  Raises ``ValueError``
    with a Chinese message."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"“{path.name}”不是普通{what}（可能是管道、设备或文件夹），已跳过。")
    if info.st_size > limit:
        raise ValueError(f"“{path.name}”过大（超过 {limit // (1024 * 1024)} MB），"
                         f"不像是一份对照检查材料。")
    return info.st_size


def read_capped(path: Path, limit: int, what: str = "文件") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (reads at most limit + 1,
    so a file that grows meanwhile is still refused).  Raises ``ValueError``."""
    regular_file_size(path, limit, what)
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"“{path.name}”过大（超过 {limit // (1024 * 1024)} MB），"
                         f"不像是一份对照检查材料。")
    return data
