"""The export-font check (app/core/formats/fonts.py): which fonts are missing, what the file falls
back to, and what 设置 can offer instead."""

from __future__ import annotations

from app.core.formats.export_options import ExportOptions
from app.core.formats.fonts import InstalledFonts, check_fonts, choice_label

OFFICIAL = ["仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体"]
WINDOWS_ONLY = ["SimSun", "SimHei", "FangSong", "KaiTi", "Microsoft YaHei"]  # as Qt may list them


def test_all_official_fonts_installed_means_nothing_to_say():
    report = check_fonts(InstalledFonts([*OFFICIAL, "宋体"]))
    assert report.ok
    assert report.missing_names() == []
    assert "均已安装" in report.summary()


def test_a_plain_windows_pc_lacks_the_gb2312_fonts_and_gets_fallbacks():
    report = check_fonts(InstalledFonts(WINDOWS_ONLY))
    assert report.missing_names() == ["方正小标宋简体", "楷体_GB2312", "仿宋_GB2312"]
    by_font = {m.font: m for m in report.missing}
    assert by_font["仿宋_GB2312"].fallback == "仿宋"
    assert by_font["楷体_GB2312"].fallback == "楷体"
    assert by_font["方正小标宋简体"].fallback == "宋体"
    # FangSong is 仿宋 under its English name: the fallback is there
    assert by_font["仿宋_GB2312"].fallback_installed
    assert report.suggested_fonts() == {"title": "宋体", "h2": "楷体", "body": "仿宋", "h3": "仿宋"}
    text = report.details()
    assert "正文、三级标题“仿宋_GB2312”未安装，导出的文档将注明替代字体“仿宋”" in text
    assert "设置" in text
    assert "黑体" not in report.missing_names()  # SimHei is 黑体


def test_body_font_missing_is_said_once_even_though_level_three_uses_it_too():
    report = check_fonts(InstalledFonts(OFFICIAL[1:]))
    assert [m.roles for m in report.missing] == [("body", "h3")]


def test_a_linux_desktop_without_chinese_office_fonts():
    report = check_fonts(InstalledFonts(["Noto Sans CJK SC", "Noto Serif CJK SC", "DejaVu Sans"]))
    assert report.missing_names() == ["方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"]
    assert all(not m.fallback_installed for m in report.missing)
    assert report.suggested_fonts() == {}
    assert "黑体" in report.details() and "SimHei" in report.details()


def test_chosen_fallbacks_that_are_installed_silence_the_report():
    options = ExportOptions.from_values({"body": "仿宋", "h3": "仿宋", "h2": "楷体", "title": "宋体"})
    assert check_fonts(InstalledFonts(WINDOWS_ONLY), options).ok


def test_names_match_case_and_alias_insensitively():
    fonts = InstalledFonts(["fangsong_gb2312", "KAITI_GB2312", "simhei", "FZXiaoBiaoSong-B05S"])
    assert check_fonts(fonts).ok
    assert choice_label("仿宋_GB2312", fonts) == "仿宋_GB2312"
    assert choice_label("华文中宋", fonts) == "华文中宋（未安装）"
