"""Confidentiality and spoofing (items 18–19 of issue 19)."""

from __future__ import annotations

import os
import stat
import types
import zipfile

import pytest

from app.core.formats.docx_io import DocumentReadError, write_docx
from app.core.formats.reader import read_document
from app.core.model import Document, Paragraph, Role


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_user_data_is_owner_only(tmp_path):
    from app.core.services import Services
    from app.core.storage.crashlog import crash_logger, log_file
    from app.ui.app import settings_for

    old = os.umask(0o022)
    try:
        home = tmp_path / "home"
        services = Services.load(home)
        services.library.add("理论学习不够深入，学用脱节。", "问题")
        settings = settings_for(home)
        settings.setValue("recent", "x")
        settings.sync()
        crash_logger(home).error("x")
        assert _mode(home) == 0o700
        assert _mode(home / "library.sqlite3") == 0o600
        assert _mode(home / "settings.ini") == 0o600
        assert _mode(log_file(home)) == 0o600
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_existing_loose_user_dir_is_tightened(tmp_path):
    from app.core.storage.private import ensure_private

    home = tmp_path / "home"
    (home / "cache").mkdir(parents=True)
    home.chmod(0o755)
    (home / "library.sqlite3").write_bytes(b"")
    (home / "library.sqlite3").chmod(0o644)
    (home / "cache" / "tokens-v1.json").write_text("{}")
    ensure_private(home)
    assert _mode(home) == 0o700 and _mode(home / "library.sqlite3") == 0o600
    assert _mode(home / "cache" / "tokens-v1.json") & 0o077 == 0


def test_autosave_snapshot_and_lease_are_owner_only(tmp_path):
    from app.core.storage.autosave import Autosaver, AutosaveStore, Snapshot

    store = AutosaveStore(tmp_path / "autosave")
    saver = Autosaver(store)
    doc = Document([Paragraph(Role.BODY, "内容。")], None)
    assert saver.save(Snapshot.of(saver.draft_id, doc, None)).result() is True
    assert _mode(store.snapshot_path(saver.draft_id)) == 0o600
    assert _mode(store.folder / f"{saver.draft_id}.lock") == 0o600
    saver.close()


def test_lock_file_is_hidden_on_windows(tmp_path, monkeypatch):
    import ctypes

    from app.core.storage import filelock

    calls = []
    fake = types.SimpleNamespace(kernel32=types.SimpleNamespace(
        SetFileAttributesW=lambda path, flags: calls.append((path, flags))))
    monkeypatch.setattr(ctypes, "windll", fake, raising=False)
    monkeypatch.setattr(filelock, "os", types.SimpleNamespace(name="nt"))
    filelock._hide(tmp_path / "~$x.docx.lock")
    assert calls == [(str(tmp_path / "~$x.docx.lock"), 0x2)]


# --- 19. bidi overrides; error messages without Python class names ----------------------------
SPOOF = "整改时限\u202e日03月6\u202c年2027"


def test_bidi_controls_flagged_in_proofreading(tmp_path):
    from app.core.check import load_check_config, proofread

    findings = [f for f in proofread(f"一、检视的问题\n{SPOOF}。", load_check_config(tmp_path))
                if f.kind == "hidden_control"]
    assert len(findings) == 2 and all(f.suggestion == "" for f in findings)
    assert "方向控制符" in findings[0].message


def test_bidi_controls_stripped_on_export(tmp_path):
    path = tmp_path / "out.docx"
    write_docx(Document([Paragraph(Role.TITLE, "标题\u2066甲\u2069"), Paragraph(Role.BODY, SPOOF)], None), path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        core = archive.read("docProps/core.xml").decode("utf-8")
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert ch not in xml and ch not in core
    assert "整改时限日03月6年2027" in read_document(path).text()


@pytest.mark.parametrize("document_xml", [
    b"not xml at all",
    b"",
    b'<?xml version="1.0"?><root/>',
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
])
def test_damaged_docx_message_names_no_python_class(tmp_path, document_xml):
    from tests.robust.hostile_files import make_docx, paragraph

    path = make_docx(tmp_path / "bad.docx", paragraph("甲"))
    data = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data[name] = archive.read(name)
    data["word/document.xml"] = document_xml
    with zipfile.ZipFile(path, "w") as archive:
        for name, value in data.items():
            archive.writestr(name, value)
    with pytest.raises(DocumentReadError) as err:
        read_document(path)
    message = str(err.value)
    assert not any(word in message for word in ("Error", "Exception", "Attribute", "Type"))
    assert "损坏" in message or "不是有效" in message or "空的" in message
