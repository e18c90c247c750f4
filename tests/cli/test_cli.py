"""The command line, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from tests.helpers import run

ROOT = Path(__file__).resolve().parents[2]


def test_version(user_home):
    result = run("--version", home=user_home)
    assert result.returncode == 0 and __version__ in result.stdout


def test_outline_json_of_every_corpus_sample(corpus, user_home):
    for path in corpus:
        result = run("outline", str(path), "--json", home=user_home)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert set(data) == {"title", "template", "sections"}
        numbered = [s for s in data["sections"] if s["number"]]
        assert [s["part"] for s in numbered] == ["问题", "原因", "措施"]
        assert data["sections"][0] == {**data["sections"][0], "number": "", "title": "开头",
                                       "part": "开头", "level": 1, "children": []}
        node = numbered[0]["children"][0]
        assert set(node) == {"number", "title", "level", "part", "topics", "chars", "children"}
        assert node["number"] == "（一）" and node["level"] == 2 and node["chars"] > 0
        assert node["children"][0]["number"] == "一是" and node["children"][0]["level"] == 3


def test_outline_text_and_bad_file(tmp_path, corpus, user_home):
    result = run("outline", str(corpus[0]), home=user_home)
    assert "（一）理论学习方面" in result.stdout and "[问题 · 理论学习]" in result.stdout
    bad = tmp_path / "bad.docx"
    bad.write_text("garbage")
    result = run("outline", str(bad), home=user_home)
    assert result.returncode == 2 and "不是有效的 Word 文档" in result.stderr


def test_output_piped_into_a_reader_that_stops_early(corpus, user_home):
    """`mingjing outline 材料.txt | head -1`: no BrokenPipe traceback, exit 0."""
    env = {"MINGJING_HOME": str(user_home), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    user_home.mkdir(parents=True, exist_ok=True)
    big = user_home / "big.txt"
    big.write_text("\n".join(p.read_text(encoding="utf-8") for p in corpus) * 20,
                   encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "app", "outline", str(big), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away before the command has written everything
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_outline_json_of_a_messy_report_with_user_templates(user_home):
    """The user's own template is used for recognition; a broken one is named on stderr."""
    folder = user_home / "templates"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "x"\nname = \n', encoding="utf-8")
    (folder / "mine.toml").write_text(
        'id = "mine"\nname = "我的模板"\ntitle = "对照检查材料"\n[[sections]]\ntitle = "存在的问题"\n'
        'part = "问题"\naspects = [\n  { title = "抓班子带队伍方面", topics = ["管党治党/主体责任"] },\n'
        '  { title = "联系群众方面", topics = ["宗旨意识/群众工作"] },\n]\n', encoding="utf-8")
    messy = ROOT / "tests" / "data" / "messy_report.txt"
    result = run("outline", str(messy), "--json", home=user_home)
    assert result.returncode == 0
    assert "broken.toml 第 2 行" in result.stderr and "已跳过" in result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "张三同志2023年度主题教育专题民主生活会个人对照检查材料"
    assert data["template"] == "2023年度主题教育专题民主生活会（六个方面）"
    assert [(s["number"], s["part"]) for s in data["sections"]] == [
        ("", "开头"), ("一、", "问题"), ("二、", "原因"), ("三、", "措施"), ("", "结尾")]
    ability = data["sections"][1]["children"][2]
    assert (ability["number"], ability["title"], ability["topics"]) == ("（三）", "能力本领存在的不足", ["能力本领"])
    assert [(c["number"], c["level"]) for c in ability["children"]] == [("首先", 3), ("其次", 3), ("最后", 3)]
    other = user_home / "branch.txt"
    other.write_text("一、存在的问题\n（一）在抓班子带队伍上\n一是要求不严。\n（二）联系群众不够\n二、原因\n三、措施\n",
                     encoding="utf-8")
    data = json.loads(run("outline", str(other), "--json", home=user_home).stdout)
    assert data["template"] == "我的模板"
    assert [c["topics"] for c in data["sections"][0]["children"]] == [["管党治党/主体责任"], ["宗旨意识/群众工作"]]


@pytest.mark.parametrize("command", [
    ("format", "{src}", "-o", "{home}/out.docx"),
    ("format", "{src}", "--rectification", "-o", "{home}/list.docx"),
    ("check", "{src}"),
    ("outline", "{src}"),
    ("phrasebank", "import", "{src}"),
])
def test_every_command_that_uses_templates_names_a_broken_one(user_home, command):
    """A broken user template is skipped and named on stderr; the command still does its work."""
    folder = user_home / "templates"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "x"\nname = \n', encoding="utf-8")
    src = ROOT / "tests" / "data" / "messy_report.txt"
    result = run(*(a.format(src=src, home=user_home) for a in command), home=user_home)
    assert result.returncode in (0, 1), result.stderr  # check exits 1 when it finds something
    assert "broken.toml 第 2 行" in result.stderr and "已跳过" in result.stderr
    assert "Traceback" not in result.stderr


def test_bench_says_it_is_left_out_of_the_installed_app(monkeypatch, capsys):
    """The frozen build leaves app/bench out (packaging/mingjing.spec); the command says so."""
    import argparse

    from app.commands import bench

    monkeypatch.setitem(sys.modules, "app.bench.probe", None)  # as if not bundled
    assert bench.run(argparse.Namespace(json=False, quick=True)) == 2
    assert "只在源码中提供" in capsys.readouterr().err
    spec = (ROOT / "packaging" / "mingjing.spec").read_text(encoding="utf-8")
    assert 'not name.startswith("app.bench")' in spec and '"app.bench"' in spec
