"""``phrasebank stats`` prints the formula figures; ``suggest --template`` ranks for its audience."""

from __future__ import annotations

import json

from tests.core.phrases.test_audience import MEMBER_TOML
from tests.helpers import run


def test_stats_print_the_formula_figures(user_home):
    result = run("phrasebank", "stats", home=user_home)
    assert result.returncode == 0, result.stderr
    assert "含“不够”" in result.stdout and "含“有时”" in result.stdout
    assert "带具体事例/时间/数量占位" in result.stdout and "原因领句跨文件重复 0 个" in result.stdout
    assert "措辞像承认违纪的素材 0 条" in result.stdout and "未达标" not in result.stdout
    data = json.loads(run("phrasebank", "stats", "--json", home=user_home).stdout)
    quality = data["shipped"]["quality"]
    assert quality["share_不够"] <= 0.5 and quality["share_有时"] <= 0.15
    assert quality["share_slots"] >= 0.5 and quality["unsafe"] == {}


def test_suggest_for_a_member_template(user_home):
    (user_home / "templates").mkdir(parents=True)
    (user_home / "templates" / "member.toml").write_text(MEMBER_TOML, encoding="utf-8")
    result = run("suggest", "--part", "问题", "--topic", "理论学习", "--template", "dangyuan-test",
                 "--limit", "5", "--json", home=user_home)
    assert result.returncode == 0, result.stderr
    assert all(item["id"].startswith("dy-") for item in json.loads(result.stdout))
    plain = run("suggest", "--part", "问题", "--topic", "理论学习", "--limit", "5", "--json",
                home=user_home)
    assert not any(item["id"].startswith("dy-") for item in json.loads(plain.stdout))
    wrong = run("suggest", "--template", "没有这个模板", home=user_home)
    assert wrong.returncode != 0 and "找不到模板" in wrong.stderr
