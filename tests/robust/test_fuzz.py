"""Hypothesis fuzzing of everything that reads a user's files: the .docx and .txt readers
and the phrasebank loader.  Random bytes and mutated real files; the only acceptable
outcomes are a document, a ``DocumentReadError`` (a Chinese message), or, for phrase
files, entries reported as file:line.  At least 10,000 cases per run
(``MINGJING_FUZZ_SCALE`` multiplies the counts)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import DocumentReadError
from app.core.formats.docx_io import write_docx
from app.core.formats.reader import read_document
from app.core.model import Document, Paragraph, Role
from app.core.paths import phrasebank_dir
from app.core.phrases.phrasebank import load_phrasebank
from tests.conftest import CORPUS

SCALE = float(os.environ.get("MINGJING_FUZZ_SCALE", "1"))
CASES: dict[str, int] = {}
pytestmark = pytest.mark.slow


def _settings(n: int):
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, database=None,
                    derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


def _count(name: str) -> None:
    CASES[name] = CASES.get(name, 0) + 1


def _small_docx() -> bytes:
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"mingjing-fuzz-{os.getpid()}.docx"
    text = CORPUS[0].read_text(encoding="utf-8").splitlines()[:12]
    paragraphs = [Paragraph(Role.TITLE, text[0])] + [Paragraph(Role.BODY, t) for t in text[1:]]
    write_docx(Document(paragraphs, None), out, backup=False)
    data = out.read_bytes()
    out.unlink()
    return data


SEED_DOCX = _small_docx()
with zipfile.ZipFile(io.BytesIO(SEED_DOCX)) as _archive:
    SEED_PARTS = {name: _archive.read(name) for name in _archive.namelist()}
SEED_TXT = CORPUS[1].read_text(encoding="utf-8")[:3000]
SEED_PHRASES = [line for p in sorted(phrasebank_dir().glob("*.jsonl"))
                for line in p.read_text(encoding="utf-8").splitlines() if line.strip()][:60]


def _read(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        document = read_document(path)
    except DocumentReadError as exc:
        assert str(exc)  # a message for the user
        return
    assert any(p.text.strip() for p in document.paragraphs)


@st.composite
def mutated(draw, seed: bytes, max_edits: int = 6) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, max_edits))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif kind == "truncate":
            del data[at:]
        elif kind == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 256))]
    return bytes(data)


@st.composite
def docx_with_mutated_part(draw) -> bytes:
    name = draw(st.sampled_from(["word/document.xml", "word/styles.xml", "docProps/core.xml",
                                 "[Content_Types].xml", "word/_rels/document.xml.rels",
                                 "_rels/.rels"]))
    parts = dict(SEED_PARTS)
    parts[name] = draw(mutated(parts[name], 4))
    if draw(st.booleans()):
        del parts[draw(st.sampled_from(sorted(parts)))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return out.getvalue()


def test_random_bytes_as_docx(tmp_path):
    @_settings(2000)
    @given(st.binary(max_size=2048) | st.binary(max_size=64).map(lambda b: b"PK\x03\x04" + b))
    def case(data):
        _count("random .docx")
        _read(tmp_path / "random.docx", data)

    case()


def test_mutated_docx_bytes(tmp_path):
    @_settings(1500)
    @given(mutated(SEED_DOCX))
    def case(data):
        _count("mutated .docx bytes")
        _read(tmp_path / "mutated.docx", data)

    case()


def test_docx_with_mutated_xml(tmp_path):
    @_settings(1500)
    @given(docx_with_mutated_part())
    def case(data):
        _count("mutated .docx XML")
        _read(tmp_path / "xml.docx", data)

    case()


def test_random_bytes_as_text(tmp_path):
    @_settings(1500)
    @given(st.binary(max_size=4096))
    def case(data):
        _count("random .txt")
        _read(tmp_path / "random.txt", data)

    case()


def test_mutated_text_in_chinese_encodings(tmp_path):
    @_settings(1500)
    @given(st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"]).flatmap(
        lambda enc: mutated(SEED_TXT.encode(enc))))
    def case(data):
        _count("mutated .txt")
        _read(tmp_path / "mutated.txt", data)

    case()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                      children, max_size=4),
    max_leaves=12)


@st.composite
def phrase_lines(draw) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["real", "field", "bytes", "text"]))
        if kind == "real":
            lines.append(draw(st.sampled_from(SEED_PHRASES)))
        elif kind == "field":
            entry = json.loads(draw(st.sampled_from(SEED_PHRASES)))
            key = draw(st.sampled_from(["id", "text", "part", "topics", "size", "tags", "extra"]))
            entry[key] = draw(JSON_VALUES)
            lines.append(json.dumps(entry, ensure_ascii=False))
        elif kind == "bytes":
            line = draw(st.sampled_from(SEED_PHRASES)).encode("utf-8")
            lines.append(draw(mutated(line, 3)).decode("utf-8", "replace"))
        else:
            lines.append(draw(st.text(max_size=80)))
    return lines


def test_phrasebank_loader(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()

    @_settings(2000)
    @given(phrase_lines(), st.sampled_from(["utf-8", "gbk", "raw"]))
    def case(lines, encoding):
        _count("phrase files")
        text = "\n".join(lines)
        data = text.encode(encoding, "replace") if encoding != "raw" else text.encode(
            "utf-8", "surrogatepass")
        (folder / "fuzz.jsonl").write_bytes(data)
        bank = load_phrasebank(folder)
        assert len(bank.phrases) + len(bank.errors) <= len(text.splitlines()) + 1
        for error in bank.errors:
            assert error.line >= 1 and error.reason

    case()


def test_zz_report_cases(capsys):
    total = sum(CASES.values())
    with capsys.disabled():
        print(f"\n[fuzz] {total} cases, no uncaught exception: "
              + ", ".join(f"{k} {v}" for k, v in CASES.items()))
    if SCALE >= 1 and len(CASES) == 6:
        assert total >= 10_000
