"""``python -m app check`` and ``similarity`` as a user runs them."""

from __future__ import annotations

import json

from tests.helpers import run


def test_check_json_offsets_and_exit_status(tmp_path, user_home):
    text = "关于学习的报告\r\n一、问题\r\n我们要按步就班地推进,做好XX工作。\r\n"
    path = tmp_path / "draft.txt"
    path.write_bytes(text.encode("gb18030"))
    result = run("check", str(path), "--json", "--no-structure", home=user_home)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    as_read = text.replace("\r\n", "\n")
    assert [d["kind"] for d in data] == ["wrong_form", "halfwidth", "placeholder"]
    for d in data:
        assert set(d) == {"kind", "message", "start", "end", "text", "suggestion"}
        assert as_read[d["start"]:d["end"]] == d["text"]
    assert data[0]["suggestion"] == "按部就班" and data[2]["suggestion"] is None


def test_check_docx_offsets_and_clean_file(tmp_path, user_home):
    from app.core.formats.docx_io import write_docx
    from app.core.model import Document, Paragraph, Role

    doc = Document([Paragraph(Role.TITLE, "对照检查材料"), Paragraph(Role.H1, "一、问题"),
                    Paragraph(Role.BODY, "坚定道路自信、理论自信、制度自信。")])
    path = tmp_path / "draft.docx"
    write_docx(doc, path)
    result = run("check", str(path), "--json", "--no-structure", home=user_home)
    [finding] = json.loads(result.stdout)
    assert doc.text()[finding["start"]:finding["end"]] == finding["text"]
    clean = tmp_path / "clean.txt"
    clean.write_text("一、问题\n我们认真学习。\n", encoding="utf-8")
    result = run("check", str(clean), "--no-structure", home=user_home)
    assert result.returncode == 0 and "未发现问题" in result.stdout


def test_check_human_output_includes_structure(corpus, user_home):
    result = run("check", str(corpus[0]), home=user_home)
    assert result.returncode == 1
    assert "[引号]" in result.stdout and "措施未对应" in result.stdout and "共" in result.stdout


def test_check_bad_file(tmp_path, user_home):
    bad = tmp_path / "bad.docx"
    bad.write_text("garbage")
    result = run("check", str(bad), home=user_home)
    assert result.returncode == 2 and "不是有效的 Word 文档" in result.stderr
    assert "字符偏移" in run("check", "--help", home=user_home).stdout


def test_similarity_cli(tmp_path, corpus, user_home):
    folder = tmp_path / "others"
    folder.mkdir()
    original = corpus[0].read_text(encoding="utf-8")
    (folder / "copy.txt").write_text(original[:1500], encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    result = run("similarity", str(corpus[0]), str(folder), str(corpus[1]), "--json", home=user_home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    names = [s["name"] for s in data["sources"]]
    assert names[0] == "copy.txt" and data["sources"][0]["copied"] > 0.3
    assert all(s["similarity"] >= 0.7 for s in data["sentences"])
    text = run("similarity", str(corpus[0]), str(folder), home=user_home).stdout
    assert "来源“copy.txt”" in text and "照搬" in text
