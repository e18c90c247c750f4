"""Atomic saves, the kept previous version, and clear messages when a save cannot happen."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from app.core.errors import SaveError
from app.core.formats.docx_io import read_docx, write_docx
from app.core.model import Document, Paragraph, Role
from app.core.storage import files as storage
from app.core.storage.files import atomic_write_bytes, backup_path, check_file_name


def _doc(text: str) -> Document:
    return Document([Paragraph(Role.TITLE, "对照检查材料"), Paragraph(Role.BODY, text)], None)


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_save_keeps_the_previous_version_as_bak(tmp_path):
    target = tmp_path / "报告.docx"
    write_docx(_doc("第一版"), target)
    assert not backup_path(target).exists()  # nothing to keep yet
    write_docx(_doc("第二版"), target)
    write_docx(_doc("第三版"), target)
    assert read_docx(target).paragraphs[1].text == "第三版"
    assert backup_path(target).name == "报告.docx.bak"
    assert read_docx(backup_path(target)).paragraphs[1].text == "第二版"
    assert _leftovers(tmp_path) == []


def test_replace_failing_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    write_docx(_doc("旧的"), target)
    before = target.read_bytes()

    def refuse(src, dst):
        if str(dst) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_replace(src, dst)

    real_replace = os.replace
    monkeypatch.setattr(storage.os, "replace", refuse)
    with pytest.raises(SaveError) as err:
        write_docx(_doc("新的"), target)
    assert "Word/WPS" in str(err.value) and "关闭" in str(err.value)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_full_disk_is_reported_and_nothing_is_truncated(tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    write_docx(_doc("旧的"), target)
    before = target.read_bytes()

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", no_space)
    with pytest.raises(SaveError) as err:
        write_docx(_doc("新的" * 1000), target)
    assert "磁盘空间已满" in str(err.value)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_read_only_folder_says_to_save_elsewhere(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    # Tests run as root here, where chmod cannot make a folder read-only: simulate it.
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError) as err:
        atomic_write_bytes(tmp_path / "报告.docx", b"x")
    assert "只读" in str(err.value) and "另存为" in str(err.value)


def test_read_only_file_system(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError, match="只读"):
        atomic_write_bytes(tmp_path / "报告.docx", b"x")


def test_missing_folder(tmp_path):
    with pytest.raises(SaveError, match="文件夹不存在"):
        atomic_write_bytes(tmp_path / "没有" / "报告.docx", b"x")


@pytest.mark.parametrize("name, shown", [
    ("报告?.docx", "?"), ("a<b>.docx", "<"), ('引"号".docx', '"'), ("a|b.docx", "|"),
    ("时间12:30.docx", ":"), ("a*b.docx", "*"), ("a\\b.docx", "\\"), ("a\tb.docx", "控制字符"),
])
def test_windows_forbidden_characters_are_refused_with_a_message(tmp_path, name, shown):
    message = check_file_name(name)
    assert message and shown in message and "请去掉" in message
    if "\\" not in name:  # (a backslash is a folder separator nowhere but Windows)
        with pytest.raises(SaveError):
            atomic_write_bytes(tmp_path / name, b"x")
        assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["CON.docx", "con.docx", "Nul.txt", "COM1.docx", "lpt9.docx.bak",
                                  "aux"])
def test_windows_reserved_names_are_refused(name):
    message = check_file_name(name)
    assert message and "保留" in message


@pytest.mark.parametrize("name", ["报告.", "报告 ", ""])
def test_trailing_dot_space_and_empty_names(name):
    assert check_file_name(name)


@pytest.mark.parametrize("name", ["2023年度民主生活会对照检查材料（张三）.docx", "console.docx",
                                  "CON报告.docx", "a.b.c.docx", "【定稿】报告 v2.docx"])
def test_ordinary_names_pass(name):
    assert check_file_name(name) is None


def test_stale_temps_of_a_crashed_save_are_removed(tmp_path):
    target = tmp_path / "报告.docx"
    (tmp_path / ".报告.docx.abc123.tmp").write_bytes(b"half")
    (tmp_path / ".其他.docx.abc123.tmp").write_bytes(b"not ours")
    assert storage.remove_stale_temps(target) == 0  # could be a save in progress
    old = 1_000_000_000
    for stale in tmp_path.iterdir():
        os.utime(stale, (old, old))
    (tmp_path / ".报告.docx.fresh.tmp").write_bytes(b"in progress")
    atomic_write_bytes(target, b"new")  # a successful save tidies up after the crashed one
    assert _leftovers(tmp_path) == [".其他.docx.abc123.tmp", ".报告.docx.fresh.tmp"]


def test_cache_writer_replaces_whole_and_never_raises(tmp_path, monkeypatch):
    from app.core.storage.files import write_cache

    cache = tmp_path / "cache" / "tokens-v1.json"
    assert write_cache(cache, b"{}") and cache.read_bytes() == b"{}"
    assert write_cache(cache, b'{"a": 1}') and cache.read_bytes() == b'{"a": 1}'
    assert [p.name for p in cache.parent.iterdir()] == ["tokens-v1.json"]  # no temp file left

    def full_disk(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", full_disk)
    assert write_cache(cache, b"new") is False
    assert cache.read_bytes() == b'{"a": 1}'  # the old cache stays whole
    assert [p.name for p in cache.parent.iterdir()] == ["tokens-v1.json"]


def test_the_phrase_caches_go_through_the_cache_writer(tmp_path, monkeypatch):
    from app.core.phrases import pinyin, segment

    written = []
    for module in (pinyin, segment):
        monkeypatch.setattr(module, "write_cache", lambda path, data: written.append(path.name) or True)
    table = pinyin.PinyinTable(tmp_path)
    table.prepare(["学习"])
    tokens = segment.TokenCache(tmp_path)
    tokens.put("学习", ["学习"])
    tokens.save()
    assert written == ["pinyin-v1.json", "tokens-v1.json"]
