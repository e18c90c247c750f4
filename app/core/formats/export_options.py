"""What the user may choose about the exported Word file: fonts and bold lead sentences.

The window builds an ``ExportOptions`` from its settings (keys ``export/font/<role>`` and
``export/bold_lead``); the engine only ever sees this plain dataclass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

FONT_ROLES = ("body", "title", "h1", "h2", "h3")

# The official font first, then what a PC without the GB2312 fonts has (Windows names, then
# their English names).  The first entry of each list is the default.
FONT_CHOICES: dict[str, tuple[str, ...]] = {
    "body": ("仿宋_GB2312", "仿宋", "FangSong"),
    "title": ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "宋体", "SimSun"),
    "h1": ("黑体", "SimHei"),
    "h2": ("楷体_GB2312", "楷体", "KaiTi"),
    "h3": ("仿宋_GB2312", "仿宋", "FangSong"),
}

# What Word/WPS should substitute when a font is missing (fontTable w:altName).
FONT_FALLBACK: dict[str, str] = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "宋体",
    "方正小标宋_GBK": "宋体",
    "华文中宋": "宋体",
    "仿宋": "FangSong",
    "楷体": "KaiTi",
    "黑体": "SimHei",
    "宋体": "SimSun",
}

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class ExportOptions:
    """Fonts by role (East Asian names) and whether 一是……。 lead sentences are bold."""

    body: str = FONT_CHOICES["body"][0]
    title: str = FONT_CHOICES["title"][0]
    h1: str = FONT_CHOICES["h1"][0]
    h2: str = FONT_CHOICES["h2"][0]
    h3: str = FONT_CHOICES["h3"][0]
    bold_lead: bool = False
    page_number: str = "宋体"
    meta: str = FONT_CHOICES["h2"][0]  # the name/position and date lines: 楷体

    def font(self, role: str) -> str:
        return getattr(self, role)

    @classmethod
    def fallback(cls) -> ExportOptions:
        """The fonts every Chinese Windows has (仿宋/楷体/黑体/宋体)."""
        return cls(body="仿宋", title="宋体", h1="黑体", h2="楷体", h3="仿宋", meta="楷体")

    @classmethod
    def from_values(cls, fonts: Mapping[str, object], bold_lead: object = False) -> ExportOptions:
        """Options from loosely typed stored values (QSettings gives strings back).

        Unknown roles are ignored and empty names fall back to the defaults, so a damaged
        settings file can never produce a document without fonts.
        """
        chosen: dict[str, object] = {}
        for role in FONT_ROLES:
            value = fonts.get(role)
            if isinstance(value, str) and value.strip():
                chosen[role] = value.strip()
        options = replace(cls(), **chosen, bold_lead=parse_bool(bold_lead))
        if options.h2 != cls.h2:  # the name/date lines follow the 楷体 the user picked
            options = replace(options, meta=options.h2)
        return options

    def used_fonts(self) -> list[str]:
        names = (self.body, self.title, self.h1, self.h2, self.h3, self.meta, self.page_number)
        return list(dict.fromkeys(names))


def parse_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    return bool(value)
