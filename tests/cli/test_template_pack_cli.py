"""`template from-notice` and `pack export|import|list|remove`, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run

NOTICES = Path(__file__).resolve().parents[1] / "data" / "notices"


def test_from_notice_prints_theme_and_aspects_as_json(user_home):
    result = run("template", "from-notice", str(NOTICES / "yishi_inline_2025.txt"), "--json", home=user_home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"theme", "aspects"} and data["theme"].startswith("深入学习贯彻习近平新时代中国特色社会主义思想")
    assert data["aspects"][0] == {"title": "带头强化政治忠诚、提高政治能力", "topics": ["政治素质", "理论学习"]}
    assert len(data["aspects"]) == 5 and not (user_home / "templates").exists()


def test_from_notice_saves_a_user_template_that_becomes_the_default(user_home):
    result = run("template", "from-notice", str(NOTICES / "arabic_dun_2026.txt"), "--save", home=user_home)
    assert result.returncode == 0, result.stderr
    assert "查摆的方面（5 个）" in result.stdout and "已保存为我的模板“2026年度民主生活会（按通知）”" in result.stdout
    saved = list((user_home / "templates").glob("*.toml"))
    assert len(saved) == 1
    listing = json.loads(run("template", "list", "--json", home=user_home).stdout)
    default = next(t for t in listing if t["default"])
    assert default["name"] == "2026年度民主生活会（按通知）" and default["aspects"] == 5


def test_a_notice_without_aspects_says_so_and_exits_1(user_home, tmp_path):
    result = run("template", "from-notice", str(NOTICES / "no_aspects.txt"), home=user_home)
    assert result.returncode == 1 and "没有在“no_aspects.txt”中找到查摆问题的方面清单" in result.stderr
    bad = tmp_path / "通知.docx"
    bad.write_text("not a docx")
    result = run("template", "from-notice", str(bad), home=user_home)
    assert result.returncode != 0 and "Word" in result.stderr and "Traceback" not in result.stderr


def test_pack_export_import_list_remove(user_home, tmp_path):
    sender = tmp_path / "sender"
    assert run("template", "from-notice", str(NOTICES / "arabic_dun_2026.txt"), "--save", home=sender).returncode == 0
    pack = tmp_path / "组织部.mjpack"
    result = run("pack", "export", "-o", str(pack), "--template", "minzhu-2025", "notice-2026-880075e8",
                 "--no-library", "--name", "县委组织部2026", home=sender)
    assert result.returncode == 0, result.stderr
    assert "模板 2 个，素材 0 条" in result.stdout
    # the shipped 2025 template clashes on the cadre's PC: refused until they say what to do
    result = run("pack", "import", str(pack), home=user_home)
    assert result.returncode == 1 and "重名" in result.stderr and "--on-clash" in result.stderr
    assert not (user_home / "templates").exists() and not (user_home / "packs").exists()
    result = run("pack", "import", str(pack), "--on-clash", "skip", "--json", home=user_home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["templates"] == ["2026年度民主生活会（按通知）"] and data["skipped"] == ["2025年度民主生活会（五个带头）"]
    listing = json.loads(run("pack", "list", "--json", home=user_home).stdout)
    assert [p["name"] for p in listing] == ["县委组织部2026"]
    result = run("pack", "remove", listing[0]["id"][:8], home=user_home)
    assert result.returncode == 0 and "已移除" in result.stdout
    assert list((user_home / "templates").glob("*.toml")) == []
    assert "还没有导入过素材包" in run("pack", "list", home=user_home).stdout


def test_a_refused_pack_exits_non_zero_and_writes_nothing(user_home, tmp_path):
    bad = tmp_path / "坏包.mjpack"
    bad.write_bytes(b"PK\x03\x04garbage")
    result = run("pack", "import", str(bad), home=user_home)
    assert result.returncode == 1 and "不是有效的素材包" in result.stderr and "没有写入任何内容" in result.stderr
    assert not user_home.exists() or not any((user_home / d).exists() for d in ("templates", "packs"))
    empty = run("pack", "export", "-o", str(tmp_path / "x.mjpack"), "--no-library", home=user_home)
    assert empty.returncode != 0 and "空的" in empty.stderr
