"""The official look on screen: fonts, sizes, alignment and indents per role.

Character formats are applied for display by a syntax highlighter, so the document's
own text stays plain; block formats (alignment, indent, spacing) are real block formats
tagged with the role they were made for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QSyntaxHighlighter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextFormat,
)

from app.core.model import Role

ROLE_PROPERTY = QTextFormat.Property.UserProperty + 1
BODY_PT = 16.0
TITLE_PT = 22.0
LINE_PERCENT = 165  # on screen; the .docx uses the exact 28.95 pt
CHARS_PER_LINE = 28

FANGSONG = ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "serif"]
KAITI = ["楷体_GB2312", "楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC", "serif"]
HEITI = ["黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif"]
XIAOBIAOSONG = ["方正小标宋简体", "方正小标宋_GBK", "华文中宋", "STZhongsong", "Noto Serif CJK SC",
                "宋体", "SimSun", "serif"]

_FAMILIES = {
    Role.TITLE: XIAOBIAOSONG,
    Role.META: KAITI,
    Role.H1: HEITI,
    Role.H2: KAITI,
    Role.H3: FANGSONG,
    Role.H4: FANGSONG,
    Role.BODY: FANGSONG,
}


class OfficialLook:
    """Formats for each role at a given zoom (1.0 = true size)."""

    def __init__(self, zoom: float = 1.0) -> None:
        families = set(QFontDatabase.families())
        self._title_has_own_font = any(f in families for f in XIAOBIAOSONG[:3])
        self.set_zoom(zoom)

    def set_zoom(self, zoom: float, blocks: bool = True) -> None:
        """Rebuild the formats for ``zoom`` (the 设置 editor font size / 16 pt).

        With ``blocks=False`` only the character formats change now; the block formats
        (first-line indent in pixels) follow when the next document is loaded, so that a
        draft with undo history gets no invisible undo step.
        """
        self.zoom = zoom
        self._char = {role: self._make_char(role) for role in Role}
        if blocks:
            self._block = {role: self._make_block(role) for role in Role}
            self.block_zoom = zoom

    def sync_blocks(self) -> None:
        """Bring the block formats up to the current zoom (before loading a document)."""
        if self.block_zoom != self.zoom:
            self.set_zoom(self.zoom)

    def body_font(self) -> QFont:
        return self._char[Role.BODY].font()

    def char_format(self, role: Role) -> QTextCharFormat:
        return self._char[role]

    def block_format(self, role: Role) -> QTextBlockFormat:
        return QTextBlockFormat(self._block[role])

    def line_width_px(self) -> float:
        """The width of one official line: 28 characters of body text."""
        return QFontMetricsF(self.body_font()).horizontalAdvance("字") * CHARS_PER_LINE

    def _make_char(self, role: Role) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(_FAMILIES[role])
        fmt.setFontPointSize((TITLE_PT if role is Role.TITLE else BODY_PT) * self.zoom)
        bold = role is Role.TITLE and not self._title_has_own_font
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setForeground(Qt.GlobalColor.black)
        return fmt

    def _make_block(self, role: Role) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setProperty(ROLE_PROPERTY, role.value)
        fmt.setLineHeight(LINE_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        centred = role in (Role.TITLE, Role.META)
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignJustify)
        if not centred:
            char_px = QFontMetricsF(self._char[Role.BODY].font()).horizontalAdvance("字")
            fmt.setTextIndent(2 * char_px)
        if role is Role.TITLE:
            fmt.setBottomMargin(BODY_PT * self.zoom)
        return fmt


def stored_role(block_format: QTextBlockFormat) -> str:
    value = block_format.property(ROLE_PROPERTY)
    return value if isinstance(value, str) else ""


class OfficialHighlighter(QSyntaxHighlighter):
    """Paints every block in the font of its role (display only, no undo entries)."""

    def __init__(self, document, look: OfficialLook, role_of) -> None:
        super().__init__(document)
        self._look = look
        self._role_of = role_of

    def highlightBlock(self, text: str) -> None:
        if text:
            self.setFormat(0, len(text), self._look.char_format(self._role_of(self.currentBlock())))
