"""Are the fonts the export names installed on this PC?  (No Qt: the window passes in the
family names it got from QFontDatabase.)

A PC without 仿宋_GB2312 and friends still gets a correct file: the export writes the official
names and a w:altName fallback (``FONT_FALLBACK``) that Word/WPS substitute.  What this module
tells the user is which fonts are missing here, what the file falls back to, and which
installed font each role could use instead (chosen in 设置).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.core.formats.export_options import FONT_CHOICES, FONT_FALLBACK, ExportOptions

ROLE_LABELS = {
    "title": "标题",
    "h1": "一级标题",
    "h2": "二级标题",
    "body": "正文",
    "h3": "三级标题",
}
# The order the user reads them in (and 三级标题 last: it is usually the body font).
ROLE_ORDER = ("title", "h1", "h2", "body", "h3")

# Windows registers the Chinese fonts under both names; Qt and fontconfig may report either.
ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "仿宋": ("FangSong",),
    "楷体": ("KaiTi",),
    "黑体": ("SimHei",),
    "宋体": ("SimSun",),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S",),
    "方正小标宋_GBK": ("FZXiaoBiaoSong-B05",),
    "华文中宋": ("STZhongsong",),
}
for _name, _others in list(ALIASES.items()):
    for _other in _others:
        ALIASES.setdefault(_other, (_name,))


def _key(name: str) -> str:
    return name.strip().casefold()


class InstalledFonts:
    """A case-insensitive set of family names that knows each font's other name."""

    def __init__(self, families: Iterable[str]) -> None:
        self._keys = {_key(f) for f in families if f and f.strip()}

    def has(self, name: str) -> bool:
        names = (name, *ALIASES.get(name, ()))
        return any(_key(n) in self._keys for n in names)


@dataclass(frozen=True)
class MissingFont:
    roles: tuple[str, ...]  # FONT_ROLES entries that use this font
    font: str  # the name the export writes
    fallback: str | None  # the w:altName Word/WPS will use instead (None: no fallback)
    fallback_installed: bool
    suggestions: tuple[tuple[str, str], ...]  # (role, an installed choice for it), for 设置

    @property
    def role(self) -> str:
        return self.roles[0]

    @property
    def label(self) -> str:
        return "、".join(ROLE_LABELS.get(r, r) for r in self.roles)

    def describe(self) -> str:
        if self.fallback:
            tail = "" if self.fallback_installed else "（本机也没有）"
            return f"{self.label}“{self.font}”未安装，导出的文档将注明替代字体“{self.fallback}”{tail}"
        return f"{self.label}“{self.font}”未安装，也没有替代字体"


@dataclass(frozen=True)
class FontReport:
    missing: tuple[MissingFont, ...]

    @property
    def ok(self) -> bool:
        return not self.missing

    def missing_names(self) -> list[str]:
        return [m.font for m in self.missing]

    def summary(self) -> str:
        """One line for the status bar."""
        if self.ok:
            return "导出所用公文字体本机均已安装。"
        return "本机缺少公文字体：" + "、".join(self.missing_names())

    def details(self) -> str:
        """Several lines for the welcome page and 设置."""
        if self.ok:
            return "导出所用的公文字体（仿宋_GB2312、楷体_GB2312、黑体、方正小标宋简体等）本机均已安装。"
        lines = [m.describe() + "。" for m in self.missing]
        lines.append("在别的装有这些字体的电脑上打开时，文档仍按公文字体显示和打印；"
                     "也可以在“文件 › 设置…”中改用本机已有的字体。")
        return "\n".join(lines)

    def suggested_fonts(self) -> dict[str, str]:
        """role -> an installed font to use instead, where there is one."""
        return {role: name for m in self.missing for role, name in m.suggestions}


def check_fonts(installed: InstalledFonts, options: ExportOptions | None = None) -> FontReport:
    """Which of the fonts ``options`` names (by role) this PC lacks, one entry per font."""
    options = options or ExportOptions()
    roles_of: dict[str, list[str]] = {}
    for role in ROLE_ORDER:
        font = options.font(role)
        if not installed.has(font):
            roles_of.setdefault(font, []).append(role)
    missing = []
    for font, roles in roles_of.items():
        fallback = FONT_FALLBACK.get(font)
        suggestions = []
        for role in roles:
            choice = next((c for c in FONT_CHOICES.get(role, ()) if installed.has(c)), None)
            if choice:
                suggestions.append((role, choice))
        missing.append(MissingFont(tuple(roles), font, fallback,
                                   bool(fallback and installed.has(fallback)), tuple(suggestions)))
    return FontReport(tuple(missing))


def choice_label(name: str, installed: InstalledFonts) -> str:
    """A font name as listed in 设置: 「仿宋_GB2312（未安装）」."""
    return name if installed.has(name) else f"{name}（未安装）"
