"""The reliability probe's data-loss attacks (items 1–5 of issue 19), each generated here."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from app.core.formats.docx_io import write_docx
from app.core.formats.reader import read_document
from app.core.model import Document, Paragraph, Role
from app.core.phrases.library import LibraryError, UserLibrary, open_library
from app.core.storage.files import SaveError, atomic_write_bytes


def _doc(text: str = "学习不够深入。") -> Document:
    return Document([Paragraph(Role.H1, "一、检视的问题"), Paragraph(Role.BODY, text)], None)


# --- 1. a full disk fails the save and the autosave: the dialog says what is true -------------
def test_full_disk_save_failure_does_not_claim_autosave(window, message_boxes, monkeypatch, tmp_path):
    from app.core.storage import autosave as autosave_mod
    from app.ui.window.file_actions import FileActions

    full = "无法保存“x”：磁盘空间已满。请清理磁盘，或用“另存为”保存到其他磁盘（如 U 盘）。"

    def no_space(*args, **kwargs):
        raise SaveError(full)

    monkeypatch.setattr("app.core.formats.docx_io.write_docx", no_space)
    monkeypatch.setattr(autosave_mod.AutosaveStore, "write", lambda self, snap: no_space())
    monkeypatch.setattr(FileActions, "save_as", lambda self: False)
    window.editor.textCursor().insertText("新写的一段话。")
    assert window.files.save_to(tmp_path / "报告.docx") is False
    shown = message_boxes[-1]
    assert "没有丢失" not in shown["text"] and "也已自动保存" not in shown["text"]
    assert "自动保存也没有成功" in shown["text"] and "另存为" in shown["text"]
    assert shown["buttons"][0].startswith("另存为")


def test_save_failure_with_working_autosave_says_so(window, message_boxes, monkeypatch, tmp_path):
    def fail(*args, **kwargs):
        raise SaveError("无法保存“报告.docx”：文件夹是只读的。")

    monkeypatch.setattr("app.core.formats.docx_io.write_docx", fail)
    window.editor.textCursor().insertText("新写的一段话。")
    window.files.save_to(tmp_path / "报告.docx")
    assert "也已自动保存" in message_boxes[-1]["text"]
    assert list((window.services.user_dir / "autosave").glob("*.json"))


def test_save_failure_offers_save_as_and_uses_it(window, message_boxes, monkeypatch, tmp_path):
    from app.core.storage import autosave as autosave_mod
    from app.ui.window.file_actions import FileActions

    def fail(*args, **kwargs):
        raise SaveError("磁盘空间已满")

    monkeypatch.setattr(autosave_mod.AutosaveStore, "write", lambda self, snap: fail())
    real_write = write_docx
    monkeypatch.setattr("app.core.formats.docx_io.write_docx", fail)
    elsewhere = tmp_path / "U盘" / "报告.docx"
    elsewhere.parent.mkdir()

    def save_as(self):
        real_write(self.draft.to_document(), elsewhere)
        return True

    monkeypatch.setattr(FileActions, "save_as", save_as)
    window.editor.textCursor().insertText("新写的一段话。")
    message_boxes.answer("另存为")
    assert window.files.save_to(tmp_path / "满" / "报告.docx") is True
    assert "新写的一段话" in read_document(elsewhere).text()


# --- 2. a sound library that cannot be opened or written is never moved aside ---------------
def _library_with(tmp_path, n: int = 3) -> UserLibrary:
    lib = open_library(tmp_path)
    for i in range(n):
        lib.add(f"理论学习不够深入，第{i}条素材内容。", "问题")
    lib.close()
    return lib


@pytest.mark.parametrize("message", ["unable to open database file", "attempt to write a readonly database",
                                     "database or disk is full", "database is locked", "disk I/O error"])
def test_library_that_cannot_be_opened_is_never_moved_aside(tmp_path, monkeypatch, message):
    _library_with(tmp_path)
    path = tmp_path / "library.sqlite3"
    before = path.read_bytes()
    real_connect = UserLibrary._connect

    def refuse(self):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(UserLibrary, "_connect", refuse)
    lib = open_library(tmp_path)
    assert not list(tmp_path.glob("素材库-损坏-*"))
    assert path.read_bytes() == before
    assert "损坏" not in lib.notice and "未作任何改动" in lib.notice
    assert lib.read_only
    if "locked" not in message and "I/O" not in message:
        assert len(lib.phrases()) == 3  # read-only: 我的素材 still there
    with pytest.raises(LibraryError, match="不能写入"):
        lib.add("新的一条素材，内容足够长足够长。", "问题")
    assert lib.record_use("u-1") >= 0  # usage counting is best effort, never an error
    monkeypatch.setattr(UserLibrary, "_connect", real_connect)


def test_library_notice_names_the_real_cause(tmp_path, monkeypatch):
    _library_with(tmp_path)

    def refuse(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(UserLibrary, "_connect", refuse)
    assert "磁盘空间已满" in open_library(tmp_path).notice


def test_really_corrupt_library_is_moved_aside_and_can_be_restored(tmp_path):
    _library_with(tmp_path, 4)
    path = tmp_path / "library.sqlite3"
    good = path.read_bytes()
    path.write_bytes(os.urandom(4096))
    lib = open_library(tmp_path)
    assert "已损坏" in lib.notice and len(lib.phrases()) == 0
    aside = lib.moved_aside()
    assert len(aside) == 1
    aside[0].write_bytes(good)  # it was fine after all (an old version moved it wrongly)
    message = lib.restore(aside[0])
    assert "已恢复" in message and len(lib.phrases()) == 4
    assert list(tmp_path.glob("素材库-恢复前-*.db"))


def test_read_only_library_file_opens_read_only(tmp_path):
    _library_with(tmp_path, 2)
    conn = sqlite3.connect(tmp_path / "library.sqlite3")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    lib = UserLibrary.__new__(UserLibrary)
    lib.path, lib.notice, lib.read_only, lib._why_read_only = tmp_path / "library.sqlite3", None, False, ""
    lib._conn = lib._degrade(sqlite3.OperationalError("attempt to write a readonly database"))
    assert len(lib.phrases()) == 2 and "只读" in lib.notice


# --- 3. 明镜 never writes what it will not reopen -------------------------------------------
def test_what_is_saved_reopens_or_is_refused_at_save_time(tmp_path):
    text = "学习不够深入" * 600_000  # 3.6 M characters: one w:t would be over 10 MB
    path = tmp_path / "长段落.docx"
    try:
        write_docx(_doc(text), path)
    except SaveError as exc:
        assert "保存后将无法再打开" in str(exc)
        assert not path.exists()
        return
    assert read_document(path).paragraphs[1].text == text


def test_long_paragraph_is_written_in_several_runs(tmp_path):
    import zipfile

    text = "学习不够深入" * 100_000  # 600,000 characters
    path = tmp_path / "长段落.docx"
    write_docx(_doc(text), path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:t ") >= 3
    assert read_document(path).paragraphs[1].text == text


def test_draft_beyond_the_open_limit_is_refused_at_save_time(tmp_path):
    from app.core.formats.limits import MAX_PARAGRAPHS

    big = Document([Paragraph(Role.BODY, f"第{i}段。") for i in range(MAX_PARAGRAPHS + 10)], None)
    path = tmp_path / "太大.docx"
    with pytest.raises(SaveError, match="保存后将无法再打开"):
        write_docx(big, path)
    assert not path.exists()


def test_reader_and_writer_share_the_limits(tmp_path):
    from app.core.formats.limits import MAX_PARAGRAPHS

    ok = Document([Paragraph(Role.BODY, f"第{i}段内容。") for i in range(MAX_PARAGRAPHS)], None)
    path = tmp_path / "刚好.docx"
    write_docx(ok, path)
    assert len(read_document(path).paragraphs) == MAX_PARAGRAPHS


# --- 4. read-only targets, mode and group, symlinks ----------------------------------------
def test_read_only_file_is_refused_not_replaced(tmp_path):
    path = tmp_path / "只读.docx"
    path.write_bytes(b"old")
    path.chmod(0o444)
    with pytest.raises(SaveError, match="只读"):
        atomic_write_bytes(path, b"new", backup=True)
    assert path.read_bytes() == b"old"


def test_resave_keeps_mode_and_group(tmp_path):
    path = tmp_path / "共享.docx"
    path.write_bytes(b"old")
    path.chmod(0o664)
    group = os.getgroups()[-1] if os.getgroups() else os.getgid()
    try:
        os.chown(path, -1, group)
    except OSError:
        group = path.stat().st_gid
    atomic_write_bytes(path, b"new", backup=True)
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o664 and info.st_gid == group


def test_new_document_gets_the_users_umask_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "新.docx"
        write_docx(_doc(), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_save_through_a_symlink_writes_the_target(tmp_path):
    target = tmp_path / "真实" / "报告.docx"
    target.parent.mkdir()
    write_docx(_doc("旧内容。"), target)
    link = tmp_path / "快捷.docx"
    link.symlink_to(target)
    write_docx(_doc("新内容。"), link)
    assert link.is_symlink()
    assert "新内容" in read_document(target).text()


# --- 5. other editors' lock files ---------------------------------------------------------------
@pytest.mark.parametrize("owner", ["~$报告.docx", ".~lock.报告.docx#", ".~报告.docx"])
def test_other_editors_lock_file_warns_before_open_and_save(window, message_boxes, tmp_path, owner):
    path = tmp_path / "报告.docx"
    write_docx(_doc(), path)
    (tmp_path / owner).write_bytes(b"\x00" * 162)
    message_boxes.answer("取消")
    assert window.files.open_path(path) is False
    assert "Word、WPS 或 LibreOffice" in message_boxes[-1]["text"]
    message_boxes.answer("取消")
    assert window.files.save_to(path) is False
    message_boxes.answer("继续")
    assert window.files.open_path(path) is True


def test_word_owner_file_of_a_long_name_is_found(tmp_path):
    from app.core.storage.filelock import foreign_owner_files

    path = tmp_path / "2026年度对照检查材料.docx"
    (tmp_path / "~$26年度对照检查材料.docx").write_bytes(b"x")
    assert foreign_owner_files(path)


def test_moved_aside_library_can_be_restored_from_the_window(window, message_boxes, tmp_path):
    from app.ui.dialogs.library import ManageLibraryDialog

    _library_with(tmp_path, 2)
    path = tmp_path / "library.sqlite3"
    good = path.read_bytes()
    path.write_bytes(os.urandom(4096))
    lib = open_library(tmp_path)  # moved aside as damaged, empty library started
    lib.moved_aside()[0].write_bytes(good)
    dialog = ManageLibraryDialog(lib, window)
    assert not dialog.restore_button.isHidden()
    message = dialog.restore_moved_aside(lib.moved_aside()[0])
    assert "已恢复" in message and len(lib.phrases()) == 2
    assert dialog.table.rowCount() == 2
