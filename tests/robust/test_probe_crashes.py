"""The reliability probe's crash and availability attacks (items 11–17 of issue 19)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.formats.reader import read_document
from tests.robust.hostile_files import make_docx, paragraph

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args, home: Path, timeout: float = 120, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, timeout=timeout,
                          capture_output=True, text=True,
                          env={**os.environ, "MINGJING_HOME": str(home), **env})


# --- 11. numerals beyond 九十九; one bad file never aborts import or 雷同比对 ------------------
def test_numbering_past_ninety_nine_does_not_crash_check(tmp_path):
    from app.core.check import load_check_config, proofread

    text = "九十九、检视的问题\n一、原因分析\n九十九是学习不够。九十七是运用不够。"
    findings = proofread(text, load_check_config(tmp_path))
    assert any(f.kind == "numbering" for f in findings)


def test_hundred_headings_open_outline_and_format(tmp_path):
    from app.core.document.outline import build_outline
    from app.core.formats.docx_io import write_docx
    from app.core.topics import TopicClassifier

    body = "".join(paragraph(f"第{i}个方面的问题", outline=0) + paragraph("学习不够深入。") for i in range(120))
    path = make_docx(tmp_path / "百.docx", body)
    document = read_document(path)
    assert sum(1 for p in document.paragraphs if p.role.value == "h1") >= 99
    build_outline(document.paragraphs, TopicClassifier.load(), None)
    write_docx(document, tmp_path / "out.docx")
    assert len(read_document(tmp_path / "out.docx").paragraphs) == len(document.paragraphs)


def test_one_failing_file_is_skipped_in_import_and_similarity(tmp_path, corpus, monkeypatch):
    import app.core.phrases.importer as importer
    from app.core.check.similarity import SimilarityIndex  # noqa: F401
    from app.core.check.source import read_sources

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_good.txt").write_bytes(corpus[0].read_bytes())
    (folder / "b_bad.txt").write_text("九十九、检视的问题\n", encoding="utf-8")
    real = importer.extract_points

    def explode(document, source, *args):
        if source == "b_bad.txt":
            raise ValueError("numeral out of range: 100")
        return real(document, source, *args)

    monkeypatch.setattr(importer, "extract_points", explode)
    from app.core.document.templates import load_templates
    from app.core.paths import templates_dir
    from app.core.phrases.library import open_library
    from tests.robust.test_probe_dos import _FakeClassifier

    report = importer.import_paths([folder], open_library(tmp_path / "home"), [],
                                   load_templates(templates_dir()), _FakeClassifier())
    assert report.read == 1 and report.added > 0
    assert report.failed and report.failed[0][0] == "b_bad.txt"
    assert "ValueError" not in report.summary()

    monkeypatch.setattr("app.core.check.source.read_document",
                        lambda path: (_ for _ in ()).throw(ValueError("x")) if "bad" in str(path)
                        else read_document(path))
    sources, errors = read_sources([folder])
    assert [name for name, _ in sources] == ["a_good.txt"] and "b_bad.txt" in errors[0]


# --- 12. guard before loading; read-only library; CLI without tracebacks ---------------------
def test_start_up_failure_is_shown_and_logged_not_silent(qtbot, message_boxes, monkeypatch, user_home):
    from app.core.services import Services
    from app.ui import app as ui_app

    def broken(cls, user_dir=None):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Services, "load", classmethod(broken))
    monkeypatch.setattr(ui_app, "install_translations", lambda app: True)  # the session's qapp
    assert ui_app.run_gui() == 1
    assert "明镜无法启动" in message_boxes[-1]["text"]
    assert "database is locked" in (user_home / "logs" / "mingjing.log").read_text(encoding="utf-8")


def test_phrase_insertion_with_read_only_library_raises_nothing(tmp_path):
    from app.core.phrases.library import open_library

    lib = open_library(tmp_path)
    lib.close()
    (tmp_path / "library.sqlite3").chmod(0o444)
    conn = sqlite3.connect(f"{(tmp_path / 'library.sqlite3').as_uri()}?mode=ro", uri=True)
    lib._conn = conn  # what a read-only disk gives: every write fails
    assert lib.record_use("b-1") == 0


def test_cli_import_into_a_locked_library_has_no_traceback(tmp_path, corpus):
    home = tmp_path / "home"
    _cli("phrasebank", "stats", home=home)  # creates the library
    holder = sqlite3.connect(home / "library.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = _cli("phrasebank", "import", corpus[0], home=home)
    finally:
        holder.close()
    assert "Traceback" not in result.stderr
    assert "占用" in result.stderr + result.stdout


# --- 13. nonsense timestamps in lock files and autosave snapshots -----------------------------
@pytest.mark.parametrize("since", [1e20, "nan", "inf", -5])
def test_lock_with_nonsense_time_is_described_not_crashing(window, message_boxes, tmp_path, since):
    from app.core.formats.docx_io import write_docx
    from app.core.model import Document, Paragraph, Role

    path = tmp_path / "x.docx"
    write_docx(Document([Paragraph(Role.BODY, "正文内容。")], None), path)
    raw = '{"app": "明镜", "pid": 1, "host": "另一台电脑", "user": "u", "since": %s}' % (
        json.dumps(since) if isinstance(since, str) else repr(since))
    (tmp_path / "~$x.docx.lock").write_text(raw.replace('"nan"', "NaN").replace('"inf"', "Infinity"),
                                            encoding="utf-8")
    assert window.files.open_path(path) is False
    assert "另一台电脑" in message_boxes[-1]["text"]


@pytest.mark.parametrize("saved_at", ["1e20", "NaN", "-1", '"x"'])
def test_snapshot_with_nonsense_time_is_still_offered(window, message_boxes, saved_at):
    from app.ui.window.recovery import autosave_store, offer_recovery

    store = autosave_store(window.services.user_dir)
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / "20261207-000000-deadbeef.json").write_text(
        f'{{"version": 1, "draft_id": "20261207-000000-deadbeef", "saved_at": {saved_at}, "path": null, '
        '"template_id": null, "paragraphs": [["body", "崩溃前写的一段话。"]]}', encoding="utf-8")
    recovered = offer_recovery(window, store, answer="recover")
    assert len(recovered) == 1 and "崩溃前写的一段话" in window.draft.to_document().text()
    window.draft.qdoc.setModified(False)


# --- 14. hostile library rows and cache files ----------------------------------------------------
def test_hostile_library_rows_are_coerced_or_skipped(tmp_path):
    from app.core.phrases.library import open_library

    lib = open_library(tmp_path)
    lib.add("理论学习不够深入，学用脱节。", "问题")
    lib.close()
    conn = sqlite3.connect(tmp_path / "library.sqlite3")
    rows = [(b"\xe5\xad\xa6\xe4\xb9\xa0BLOB", "问题", "[]"), (123, "问题", "[]"),
            ("正常文字一条。", "问题", "{"), ("正常文字二条。", "问题", "123"),
            ("正常文字三条。", "问题", "[" * 5000), ("正常文字四条。", 5, "[]"), ("正常" * 10, "问题", None)]
    for text, part, topics in rows:
        conn.execute("INSERT INTO phrases (text, part, topics, size, source, created) VALUES (?,?,?,?,?,?)",
                     (text, part, topics or "[]", "句式", b"x", 0))
    conn.commit()
    conn.close()
    phrases = open_library(tmp_path).phrases()
    assert all(isinstance(p.text, str) for p in phrases)
    assert {"正常文字一条。", "正常文字二条。", "正常文字三条。"} <= {p.text for p in phrases}


def test_deeply_nested_cache_files_are_rebuilt(tmp_path):
    from app.core.phrases.pinyin import PinyinTable
    from app.core.phrases.segment import TokenCache

    (tmp_path / "tokens-v1.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (tmp_path / "pinyin-v1.json").write_text("{\"a\":" * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    cache = TokenCache(tmp_path, None)
    assert len(cache) == 0
    table = PinyinTable(tmp_path)
    assert table.missing(["学习"])


# --- 15. the user's wrong_forms.tsv: bad lines reported as file:line --------------------------
def _user_table(home: Path, data: bytes) -> None:
    (home / "check").mkdir(parents=True, exist_ok=True)
    (home / "check" / "wrong_forms.tsv").write_bytes(data)


def test_bad_wrong_forms_lines_reported_and_good_ones_kept(tmp_path):
    from app.core.check import load_check_config
    from app.core.check.config import config_error_report

    _user_table(tmp_path, "没有制表符的行\n".encode() + "坚苦\t艰苦".encode("gbk") + b"\n"
                + "坚苦\t艰苦\n".encode())
    config = load_check_config(tmp_path)
    report = config_error_report(config)
    assert "wrong_forms.tsv 第 1 行" in report and "wrong_forms.tsv 第 2 行" in report
    assert "坚苦" in config.wrong_forms


def test_bad_wrong_forms_shown_in_check_pane_and_cli(window, tmp_path, corpus):
    _user_table(window.services.user_dir, b"\xff\xfe bad\n")
    window.checks.show_check("proofread")
    pane = window.checks.panel
    assert "wrong_forms.tsv 第 1 行" in pane.summary.text()
    home = tmp_path / "clihome"
    _user_table(home, "没有制表符\n".encode())
    result = _cli("check", corpus[0], "--no-structure", home=home)
    assert "wrong_forms.tsv 第 1 行" in result.stderr


# --- 16. a nearly-UTF-8 file opens with a replacement character and says where ---------------
def test_nearly_utf8_file_opens_and_says_where(tmp_path, corpus):
    data = corpus[0].read_bytes()
    cut = data.index(b"\n", len(data) // 2) + 1
    path = tmp_path / "坏了一个字节.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    document = read_document(path)
    assert "\ufffd" in document.text()
    line = data[:cut].count(b"\n") + 1
    assert f"第 {line} 行" in document.notice


def test_random_bytes_still_refused(tmp_path):
    from app.core.formats.docx_io import DocumentReadError

    path = tmp_path / "随机.txt"
    path.write_bytes(os.urandom(50_000))
    with pytest.raises(DocumentReadError):
        read_document(path)


# --- 17. unknown subcommand; no display ----------------------------------------------------------
def test_unknown_subcommand_gets_chinese_usage_and_exit_2(tmp_path):
    result = _cli("chek", "x.docx", home=tmp_path, QT_QPA_PLATFORM="offscreen", timeout=60)
    assert result.returncode == 2
    assert "没有“chek”这个命令" in result.stderr and "check" in result.stderr


def test_window_without_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="", MINGJING_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, env=env, timeout=60,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "没有图形界面" in result.stderr


def test_read_only_library_is_shown_in_the_status_bar(window, message_boxes, monkeypatch):
    from PySide6.QtWidgets import QLabel

    library = window.services.library
    monkeypatch.setattr(library, "read_only", True)
    monkeypatch.setattr(library, "notice", "素材库文件无法写入：磁盘空间已满。已以只读方式打开……")
    window.library.show_notice()
    assert "只读" in message_boxes[-1]["text"]
    labels = [w.text() for w in window.statusBar().findChildren(QLabel)]
    assert any("素材库只读" in text for text in labels)
