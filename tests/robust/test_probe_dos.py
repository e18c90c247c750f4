"""The reliability probe's denial-of-service attacks (items 6–10 of issue 19)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.core.formats.docx_io import DocumentReadError
from app.core.formats.reader import read_document
from tests.robust.hostile_files import lie_about_size, make_docx, paragraph

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, timeout: float, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, timeout=timeout,
                          capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})


# --- 6. huge list start values --------------------------------------------------------------
@pytest.mark.parametrize(("fmt", "start"), [("upperRoman", 10**15), ("upperLetter", 2 * 10**11),
                                             ("upperRoman", 10**9), ("chineseCounting", 10**12)])
def test_huge_list_start_values_are_clamped(tmp_path, fmt, start):
    path = make_docx(tmp_path / "list.docx", paragraph("检视的问题", numbered=True), start=start, fmt=fmt)
    try:
        result = _run(f"""
            from app.core.formats.reader import read_document
            print(read_document({str(path)!r}).paragraphs[0].text)
            """, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a 1 KB file with a huge list start value did not finish in 30 s")
    assert result.returncode == 0, result.stderr
    assert "检视的问题" in result.stdout and len(result.stdout) < 200


def test_start_value_clamped_like_word():
    from app.core.formats.docx_lists import MAX_START, _start, format_number

    assert _start("1000000000000000") == MAX_START == 32767
    assert format_number(32767, "upperRoman") == "32767"
    assert format_number(40000, "upperLetter") == "40000"


# --- 7. zip members read through a byte-capped stream -----------------------------------------
def test_zip_that_lies_about_its_size_is_refused_without_inflating_it(tmp_path):
    body = paragraph("学习不够深入") * 10
    path = make_docx(tmp_path / "lie.docx", body + "<!--" + " " * 300_000_000 + "-->")
    lie_about_size(path, "word/document.xml", 10_000)
    result = _run(f"""
        import resource
        from app.core.formats.reader import read_document
        from app.core.formats.docx_io import DocumentReadError
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            read_document({str(path)!r})
            print("OPENED")
        except DocumentReadError as exc:
            print("REFUSED", exc)
        print("GROWTH_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
        """, timeout=120)
    assert "REFUSED" in result.stdout, result.stdout + result.stderr
    growth = int(result.stdout.split("GROWTH_KB")[1])
    assert growth < 100_000, f"reading grew memory by {growth} KB"


def test_document_xml_beyond_20_mb_is_refused(tmp_path):
    import random

    rng = random.Random(7)  # random Chinese text compresses like real text, not like a bomb
    paragraphs = "".join(paragraph("".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(2000)))
                         for _ in range(3700))  # about 22 MB of XML
    path = make_docx(tmp_path / "big.docx", paragraphs)
    start = time.perf_counter()
    with pytest.raises(DocumentReadError, match="过大"):
        read_document(path)
    assert time.perf_counter() - start < 20


def test_paragraph_count_is_capped(tmp_path):
    from app.core.formats.limits import MAX_PARAGRAPHS

    path = make_docx(tmp_path / "many.docx", "<w:p/>" * 10 + paragraph("甲") * (MAX_PARAGRAPHS + 50))
    with pytest.raises(DocumentReadError, match=r"段落过多|过大"):
        read_document(path)


# --- 8. .txt: stat first, regular files only, read at most the limit -------------------------
def test_fifo_txt_never_hangs(tmp_path):
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    result = _run(f"""
        from app.core.formats.reader import read_document
        from app.core.formats.docx_io import DocumentReadError
        try:
            read_document({str(fifo)!r})
        except DocumentReadError as exc:
            print("REFUSED", exc)
        """, timeout=20)
    assert "REFUSED" in result.stdout and "不是普通" in result.stdout


def test_device_txt_is_refused_unread(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(DocumentReadError, match="不是普通"):
        read_document(link)


def test_large_txt_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "日志.txt"
    with open(big, "wb") as handle:
        handle.truncate(3 * 1024 * 1024 * 1024)  # 3 GB, sparse
    reads = []
    real_open = open

    def spy(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        if str(path) == str(big):
            reads.append(mode)
        return handle

    monkeypatch.setattr("builtins.open", spy)
    with pytest.raises(DocumentReadError, match="过大"):
        read_document(big)
    assert reads == []


def test_fifo_in_templates_never_hangs_start_up(tmp_path):
    home = tmp_path / "home"
    (home / "templates").mkdir(parents=True)
    os.mkfifo(home / "templates" / "x.toml")
    result = _run("""
        from app.core.document.templates import load_templates
        from app.core.paths import templates_dir, user_data_dir
        library = load_templates(templates_dir(), user_data_dir() / "templates")
        print(len(library.templates), library.error_report())
        """, timeout=20, MINGJING_HOME=str(home))
    assert "x.toml" in result.stdout and "不是普通" in result.stdout


# --- 9. templates: recursion, memory, size -------------------------------------------------------
def _template_dir(tmp_path, name: str, text: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_deeply_nested_template_is_skipped(tmp_path):
    from app.core.document.templates import load_templates
    from app.core.paths import templates_dir

    folder = _template_dir(tmp_path, "deep.toml",
                           'id="x"\nname="x"\ntitle="t"\nx=' + "[" * 2000 + "]" * 2000 + "\n")
    library = load_templates(templates_dir(), folder)
    assert library.templates and "deep.toml" in library.error_report()


def test_deep_dotted_key_template_is_refused_quickly(tmp_path):
    from app.core.document.templates import load_templates

    folder = _template_dir(tmp_path, "dots.toml", "a" + ".a" * 5000 + " = 1\n")
    start = time.perf_counter()
    library = load_templates(folder)
    assert time.perf_counter() - start < 2
    assert "嵌套层级过深" in library.error_report()


def test_template_over_1_mb_is_refused_unread(tmp_path):
    from app.core.document.templates import load_templates

    folder = _template_dir(tmp_path, "huge.toml", "# " + "x" * (1024 * 1024 + 10) + "\n")
    library = load_templates(folder)
    assert "过大" in library.error_report()


# --- 10. GUI import: cancel, and closing with a busy import -----------------------------------
def test_closing_during_a_long_import_never_aborts(tmp_path, corpus):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(corpus[0].read_bytes())
    result = _run(f"""
        import time, sys
        from pathlib import Path
        from PySide6.QtWidgets import QApplication, QMessageBox
        QMessageBox.exec = lambda self: 0
        app = QApplication([])
        import app.core.phrases.importer as importer
        def slow(path):  # a file whose read takes long (a hostile .docx, a slow share)
            time.sleep(30)
            raise importer.DocumentReadError("slow")
        importer.read_document = slow
        from app.core.services import Services
        from app.ui.app import settings_for
        from app.ui.window.main_window import MainWindow
        services = Services.load()
        window = MainWindow(services, settings_for(services.user_dir))
        window.show()
        worker = window.library.import_paths([Path({str(folder)!r})])
        time.sleep(0.5)
        app.processEvents()
        start = time.monotonic()
        window.close()
        window.deleteLater()
        app.processEvents()
        del window
        print("CLOSED_IN", round(time.monotonic() - start, 1), flush=True)
        """, timeout=60, MINGJING_HOME=str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert float(result.stdout.split("CLOSED_IN")[1]) < 5


def test_cancel_during_a_long_read_writes_nothing_of_it(tmp_path, corpus, monkeypatch):
    import app.core.phrases.importer as importer
    from app.core.phrases.library import open_library

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(corpus[0].read_bytes())
    real = importer.read_document
    state = {"cancel": False}

    def read_then_cancel(path):
        document = real(path)
        state["cancel"] = True  # the user pressed 取消 while this file was being read
        return document

    monkeypatch.setattr(importer, "read_document", read_then_cancel)
    library = open_library(tmp_path / "home")
    from app.core.document.templates import load_templates
    from app.core.paths import templates_dir

    report = importer.import_paths([folder], library, [], load_templates(templates_dir()),
                                   _FakeClassifier(), lambda d, t, n: not state["cancel"])
    assert report.cancelled and len(library.phrases()) == 0


class _FakeClassifier:
    def __init__(self):
        from app.core.topics import TopicClassifier

        self.topics = TopicClassifier.load()

    def classify(self, text):
        from types import SimpleNamespace

        return SimpleNamespace(part="问题", topics=())


# --- 校对 with big user data: no work per whitelist word, form or exception -------------------
def _timed_proofread(text: str, config) -> float:
    from app.core.check import proofread

    start = time.perf_counter()
    proofread(text, config)
    return time.perf_counter() - start


def test_proofreading_cost_does_not_grow_with_user_tables(tmp_path, corpus):
    from app.core.check import load_check_config

    text = corpus[0].read_text(encoding="utf-8") * 4
    plain = _timed_proofread(text, load_check_config(tmp_path / "none"))
    home = tmp_path / "big"
    (home / "check").mkdir(parents=True)
    (home / "check" / "whitelist.txt").write_text("\n".join(f"词{i}语" for i in range(200_000)), encoding="utf-8")
    rows = [f"的{i:06d}\t的" for i in range(200_000)]
    rows.append("坚苦\t艰苦\t" + "|".join(f"坚苦{i}" for i in range(50_000)))
    (home / "check" / "wrong_forms.tsv").write_text("\n".join(rows), encoding="utf-8")
    config = load_check_config(home)
    _timed_proofread(text[:100], config)  # tables indexed once
    big = _timed_proofread(text, config)
    assert big < plain * 5 + 0.5, f"{big:.2f} s with big tables vs {plain:.2f} s without"
