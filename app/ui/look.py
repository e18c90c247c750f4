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
    QTextLayout,
)

from app.core.model import Role
from app.ui.title_layout import title_indent, title_spacing

ROLE_PROPERTY = QTextFormat.Property.UserProperty + 1
BODY_PT = 16.0
TITLE_PT = 22.0
LINE_PERCENT = 165  # on screen; the .docx uses the exact 28.95 pt
CHARS_PER_LINE = 28
PAGE_MARGIN_PX = 36  # the white margin round the text column in the editor
PAGE_SLACK_PX = 4  # a little more than 28 characters, so rounding never wraps the 28th

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
            # the title's first-line indent is measured at the zoom of the block formats
            self._title_metrics = QFontMetricsF(self._char[Role.TITLE].font())
            self._title_width = self.text_width_px()

    def set_title_width(self, width: float) -> None:
        """The width the title is laid out in now (the page's, or a narrower pane's): the
        next title indent is measured for it (display state, not part of the document)."""
        if width > 0:
            self._title_width = width

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

    def format_for(self, role: Role, text: str) -> QTextBlockFormat:
        """``block_format(role)`` for a block holding ``text``: a title gets the first-line
        indent that breaks it where the export does (``title_layout``)."""
        fmt = self.block_format(role)
        if role is Role.TITLE:
            fmt.setTextIndent(title_indent(text, self._title_metrics, self._title_width))
        return fmt

    def title_spacing(self, text: str, indent: float, width: float) -> tuple[int, float] | None:
        """The display-only letter spacing that ends a title's first line where the export
        does, in a layout ``width`` px wide (see ``title_layout``)."""
        return title_spacing(text, indent, QFontMetricsF(self._char[Role.TITLE].font()), width)

    def line_width_px(self) -> float:
        """The width of one official line: 28 characters of body text."""
        return QFontMetricsF(self.body_font()).horizontalAdvance("字") * CHARS_PER_LINE

    def page_width_px(self) -> int:
        """The editor's page: the official line, slack and the white margins."""
        return int(self.line_width_px() + 2 * PAGE_MARGIN_PX + PAGE_SLACK_PX)

    def text_width_px(self) -> int:
        """The width the text is laid out in on that page."""
        return self.page_width_px() - 2 * PAGE_MARGIN_PX

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
        for start, length, fmt in self._spans(self.currentBlock(), text):
            self.setFormat(start, length, fmt)

    def _spans(self, block, text: str | None = None) -> list[tuple[int, int, QTextCharFormat]]:
        """(start, length, format): the role's font; in a title, the letter spacing that
        ends its first line where the export does (``text``: the block's, if at hand)."""
        length = len(text) if text is not None else block.length() - 1
        if length <= 0:
            return []
        role = self._role_of(block)
        fmt = self._look.char_format(role)
        if role is not Role.TITLE:
            return [(0, length, fmt)]
        text = block.text() if text is None else text
        doc = block.document()
        block_fmt = block.blockFormat()
        width = (doc.textWidth() - 2 * doc.documentMargin()
                 - block_fmt.leftMargin() - block_fmt.rightMargin())
        spacing = self._look.title_spacing(text, block_fmt.textIndent(), width)
        if spacing is None:
            return [(0, len(text), fmt)]
        index, px = spacing
        spaced = QTextCharFormat(fmt)
        spaced.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        spaced.setFontLetterSpacing(px)
        spans = [(0, index, fmt), (index, 1, spaced), (index + 1, len(text) - index - 1, fmt)]
        return [span for span in spans if span[1] > 0]

    def rehighlight_titles(self) -> None:
        """Re-fit the titles at the top of the document to a new layout width."""
        doc = self.document()
        block = doc.firstBlock() if doc is not None else None
        while block is not None and block.isValid() and self._role_of(block) in (Role.TITLE, Role.META):
            if self._role_of(block) is Role.TITLE:
                self.rehighlightBlock(block)
            block = block.next()

    def paint_all(self) -> None:
        """What ``rehighlight()`` does, in linear time: ``rehighlight`` tells the document
        layout about every block separately, and the layout's cost per notice grows with the
        document (5 MB took 141 s).  Here each block's layout gets its format directly and
        the layout hears of the change once."""
        doc = self.document()
        if doc is None:
            return
        self.paint_blocks(doc.firstBlock())
        doc.markContentsDirty(0, doc.characterCount())

    def paint_blocks(self, block) -> None:
        """Set the role's format on ``block`` and every block after it (no layout notice:
        the caller marks the document dirty once)."""
        while block.isValid():
            layout = block.layout()
            if layout is not None:
                spans = []
                for start, length, fmt in self._spans(block):
                    span = QTextLayout.FormatRange()
                    span.start, span.length, span.format = start, length, fmt
                    spans.append(span)
                if spans:
                    layout.setFormats(spans)
                else:
                    layout.clearFormats()
            block = block.next()
