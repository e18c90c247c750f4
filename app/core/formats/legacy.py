"""Old .doc and .wps files (most offices' past materials), read offline where possible.

明镜 reads .docx itself.  For the older binary formats it uses LibreOffice when it is
installed (``soffice --headless --convert-to docx`` into a temporary folder, with a time
limit; LibreOffice works offline).  Without it the user is told exactly how to convert.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

LEGACY_SUFFIXES = (".doc", ".wps")
CONVERT_TIMEOUT_S = 90
SAVE_AS_HINT = ("请在 Word/WPS 中另存为 .docx：用 Word 或 WPS 打开它，点“文件 › 另存为”，"
                "文件类型选“Word 文档 (*.docx)”，再用明镜打开另存的文件。")
_WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                   r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


class LegacyFormatError(Exception):
    """The file could not be converted; the message says why and what to do (Chinese)."""


def find_soffice() -> str | None:
    """LibreOffice's command, if installed (``MINGJING_SOFFICE`` overrides; "" turns it off)."""
    override = os.environ.get("MINGJING_SOFFICE")
    if override is not None:
        return override or None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _WINDOWS_PLACES if Path(p).is_file()), None)


# Word 97–2003 and WPS files are OLE compound files; some .doc files are RTF or a renamed .docx.
_LEGACY_MAGIC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"PK\x03\x04")


def convert_to_docx(path: Path, folder: Path, timeout_s: float = CONVERT_TIMEOUT_S) -> Path:
    """``path`` (.doc/.wps) converted to a .docx inside ``folder``; raises LegacyFormatError."""
    name = path.name
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head.startswith(_LEGACY_MAGIC):  # LibreOffice would import any bytes as plain text
        raise LegacyFormatError(f"“{name}”无法转换（不是有效的 Word/WPS 文件，可能已损坏）。\n{SAVE_AS_HINT}")
    soffice = find_soffice()
    if soffice is None:
        raise LegacyFormatError(f"“{name}”是旧版 Word/WPS 格式（{path.suffix}），明镜不能直接读取。\n{SAVE_AS_HINT}")
    profile = folder / "profile"  # its own profile: works while the user has LibreOffice open
    # Copy first: LibreOffice names its output after the input, and the original stays untouched.
    source = folder / f"source{path.suffix.lower()}"
    shutil.copyfile(path, source)
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(folder), str(source)]
    try:
        subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired as exc:
        raise LegacyFormatError(f"转换“{name}”超时（{int(timeout_s)} 秒）。\n{SAVE_AS_HINT}") from exc
    except OSError as exc:
        raise LegacyFormatError(f"无法启动 LibreOffice 转换“{name}”：{exc.strerror or exc}。\n{SAVE_AS_HINT}") from exc
    output = folder / "source.docx"
    if not output.is_file() or output.stat().st_size == 0:
        raise LegacyFormatError(f"“{name}”无法转换（文件可能已损坏或加了密码）。\n{SAVE_AS_HINT}")
    return output


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="mingjing-convert-")
