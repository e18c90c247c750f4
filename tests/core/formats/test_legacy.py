"""Old .doc/.wps files: read through LibreOffice where installed, else say how to convert."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.formats.docx_io import DocumentReadError, write_docx
from app.core.formats.legacy import LegacyFormatError, convert_to_docx
from app.core.formats.reader import read_document
from app.core.model import Document, Paragraph, Role

HINT = "在 Word/WPS 中另存为 .docx"
SOFFICE = shutil.which("soffice")


def _old_file(tmp_path: Path, suffix: str = ".doc") -> Path:
    path = tmp_path / f"往年材料{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an OLE header
    return path


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_without_libreoffice_the_message_says_how_to_convert(tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("MINGJING_SOFFICE", "")
    with pytest.raises(DocumentReadError) as raised:
        read_document(_old_file(tmp_path, suffix))
    assert HINT in str(raised.value) and "往年材料" in str(raised.value)


def test_a_hanging_converter_is_stopped(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("MINGJING_SOFFICE", str(fake))
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(LegacyFormatError) as raised:
        convert_to_docx(_old_file(tmp_path), work, timeout_s=1)
    assert "超时" in str(raised.value) and HINT in str(raised.value)


def test_a_file_the_converter_cannot_read_says_how_to_convert(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text(f"#!{sys.executable}\n", encoding="utf-8")  # writes nothing
    fake.chmod(0o755)
    monkeypatch.setenv("MINGJING_SOFFICE", str(fake))
    with pytest.raises(DocumentReadError) as raised:
        read_document(_old_file(tmp_path))
    assert HINT in str(raised.value)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_real_doc_is_read_through_libreoffice(tmp_path, monkeypatch):
    monkeypatch.delenv("MINGJING_SOFFICE", raising=False)
    source = tmp_path / "src.docx"
    write_docx(Document([Paragraph(Role.TITLE, "对照检查材料"), Paragraph(Role.H1, "一、检视的问题"),
                         Paragraph(Role.H2, "（一）理论学习方面"), Paragraph(Role.BODY, "学习不够深入系统。")]),
               source)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(source)], timeout=120, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    old = tmp_path / "往年材料.doc"
    (tmp_path / "src.doc").rename(old)
    document = read_document(old)
    texts = [p.text for p in document.paragraphs]
    assert "（一）理论学习方面" in texts and "学习不够深入系统。" in texts
    assert old.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # the original is untouched


def test_folders_for_similarity_and_import_include_old_files(tmp_path):
    from app.core.formats.reader import SUPPORTED, report_files

    old = _old_file(tmp_path)
    (tmp_path / "b.wps").write_bytes(b"x")
    (tmp_path / "c.pdf").write_bytes(b"x")
    assert [p.name for p in report_files([tmp_path])] == ["b.wps", old.name]
    assert ".doc" in SUPPORTED and ".wps" in SUPPORTED
