"""Hostile and odd input: every case opens or gives a clear Chinese message, never a crash."""

from __future__ import annotations

import io
import zipfile

import pytest

from app.core.errors import DocumentReadError
from app.core.formats.docx_io import write_docx
from app.core.formats.reader import read_document
from app.core.model import Document, Paragraph, Role
from app.core.phrases.phrasebank import load_phrasebank
from tests.conftest import NETWORK_EVENTS

REPORT = "一、检视的问题\n（一）理论学习方面\n一是学习不够深入。二是运用不够。\n二、产生问题的原因分析\n三、整改措施"


def _good_docx(tmp_path, text: str = "学习不够深入") -> bytes:
    path = tmp_path / "good.docx"
    write_docx(Document([Paragraph(Role.H1, "一、检视的问题"), Paragraph(Role.BODY, text)], None),
               path)
    return path.read_bytes()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w",
                                                                   zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name in set(replace) - set(src.namelist()):
            dst.writestr(name, replace[name])
    return out.getvalue()


def _open_error(path) -> str:
    with pytest.raises(DocumentReadError) as err:
        read_document(path)
    return str(err.value)


def test_xxe_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容不应出现", encoding="utf-8")
    data = _good_docx(tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    doctype = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">'
               f'<!ENTITY net SYSTEM "http://198.51.100.1/x.dtd">]>')
    body = xml.split("?>", 1)[1].replace("学习不够深入", "&xxe;&net;")
    evil = tmp_path / "evil.docx"
    evil.write_bytes(_rezip(data, {"word/document.xml": (doctype + body).encode("utf-8")}))
    before = len(NETWORK_EVENTS)
    message = _open_error(evil)
    assert "外部实体" in message
    assert NETWORK_EVENTS[before:] == []

    # Defence in depth: python-docx's own parser, without our check, does not resolve it.
    from docx import Document as open_docx

    paragraphs = [p.text for p in open_docx(str(evil)).paragraphs]
    assert not any("机密内容" in t for t in paragraphs)
    assert NETWORK_EVENTS[before:] == []


def test_billion_laughs_is_refused(tmp_path):
    data = _good_docx(tmp_path)
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                     for i in range(1, 10))
           + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    bomb = tmp_path / "lol.docx"
    bomb.write_bytes(_rezip(data, {"word/document.xml": lol.encode()}))
    assert "外部实体" in _open_error(bomb)


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    data = _good_docx(tmp_path)
    bomb = tmp_path / "bomb.docx"
    huge = b"<w:t>" + b"A" * (300 * 1024 * 1024)  # 300 MB of one letter: ~300 KB packed
    bomb.write_bytes(_rezip(data, {"word/media/image1.xml": huge}))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert "过大" in _open_error(bomb)


def test_high_compression_ratio_is_refused(tmp_path):
    data = _good_docx(tmp_path)
    bomb = tmp_path / "ratio.docx"
    bomb.write_bytes(_rezip(data, {"word/extra.bin": b"\0" * (50 * 1024 * 1024)}))
    assert "过大" in _open_error(bomb)


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.99])
def test_truncated_docx(tmp_path, cut):
    data = _good_docx(tmp_path)
    path = tmp_path / "cut.docx"
    path.write_bytes(data[:int(len(data) * cut)])
    assert "损坏" in _open_error(path) or "不是有效" in _open_error(path)


def test_old_doc_and_garbage(tmp_path):
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "另存为 .docx" in _open_error(old)
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert _open_error(empty)


def test_docx_without_body_and_broken_xml(tmp_path):
    data = _good_docx(tmp_path)
    path = tmp_path / "broken.docx"
    path.write_bytes(_rezip(data, {"word/document.xml": b"<w:document><w:body><w:p>"}))
    assert "损坏" in _open_error(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "x")
    nobody = tmp_path / "nobody.docx"
    nobody.write_bytes(out.getvalue())
    assert "缺少正文" in _open_error(nobody)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16",
                                      "utf-16-le", "utf-16-be"])
def test_text_in_every_common_chinese_encoding(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(REPORT.replace("\n", "\r\n").encode(encoding))
    document = read_document(path)
    assert [p.text for p in document.paragraphs] == REPORT.split("\n")
    assert document.paragraphs[0].role is Role.H1


def test_gb18030_only_characters(tmp_path):
    text = "一、检视的问题\n㐀㐁𠀀 生僻字也要保留"
    path = tmp_path / "rare.txt"
    path.write_bytes(text.encode("gb18030"))
    assert [p.text for p in read_document(path).paragraphs] == text.split("\n")


def test_binary_posing_as_text(tmp_path):
    path = tmp_path / "fake.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert _open_error(path)


def test_broken_phrase_file_lines_are_reported_and_skipped(tmp_path):
    lines = [
        '{"id": "ok1", "text": "学习不够深入系统", "part": "问题", "topics": ["理论学习"]}',
        '{"id": "bad1", "text": "缺引号, "part": "问题"}',
        "[" * 100_000,  # deep nesting: json would raise RecursionError
        '{"id": "bad3", "text": "", "part": "问题"}',
        '{"id": "bad4", "text": "x", "part": "问题", "topics": "理论学习"}',
        '"just a string"',
        '{"id": "ok1", "text": "重复的 id", "part": "问题"}',
        "\x00\x01\x02",
        '{"id": "ok2", "text": "工作作风不够扎实", "part": "问题", "topics": ["工作作风"], "tags": [1, null]}',
    ]
    (tmp_path / "bank.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "gbk.jsonl").write_bytes('{"id": "g", "text": "编码错"}'.encode("gbk"))
    bank = load_phrasebank(tmp_path)
    assert [p.id for p in bank.phrases] == ["ok1", "ok2"]
    lines_reported = sorted((e.path.rsplit("/", 1)[-1], e.line) for e in bank.errors)
    assert lines_reported == [("bank.jsonl", n) for n in (2, 3, 4, 5, 6, 7, 8)] + [("gbk.jsonl", 1)]
    assert all(e.reason for e in bank.errors)


def test_docx_whose_body_is_not_a_document(tmp_path):
    """Found by the fuzzer: python-docx fails late (AttributeError) on a wrong root."""
    data = _good_docx(tmp_path)
    xml = (b'<?xml version="1.0"?><w:body xmlns:w='
           b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    path = tmp_path / "root.docx"
    path.write_bytes(_rezip(data, {"word/document.xml": xml}))
    assert "损坏" in _open_error(path)
