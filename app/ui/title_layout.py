"""The title on screen breaks where the export breaks it (``docx_title.title_lines``).

Qt wraps a centred title at any CJK character, so on its own it would show
"……民主生活会个人剖" / "析材料" while the .docx prints "……主题教育" / "专题民主生活会……".
Nothing is added to the text (no line separator, no zero-width character). Two display
settings force the break instead, both centred exactly:

- the title block's first-line indent ``I`` (a block format, so it is set with the text's own
  edit: on load before the undo stack is cleared, and joined to the edit that changed the
  title, never a separate undo step);
- a letter spacing of the same ``I`` after the last character of the upper line (a character
  format of the syntax highlighter: display only, no undo entry, recomputed on resize).

The first line then has ``W - I`` of room and ``u + I`` of content (``u`` the upper line), so
with ``u + 2I`` just short of ``W`` the next character no longer fits, and Qt centres the
content in ``[I, W]``: the glyphs start at ``(W - u) / 2``, where a plain centred line of
``u`` would start. The lower line is centred on the whole width as usual.  Exact for the
one- and two-line titles ``title_lines`` produces; longer titles wrap as in Word.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from app.core.formats.docx_title import title_lines


def title_break(text: str) -> int | None:
    """Where the export breaks ``text`` (the length of its upper line), or None (one line)."""
    lines = title_lines(text)
    return len(lines[0]) if len(lines) == 2 else None


def _room(text: str, k: int, metrics: QFontMetricsF, width: float) -> float:
    """``W - u - c/2``: the spare room of the first line, less half the first character of
    the lower line (the margin that keeps the break robust to rounding)."""
    return width - metrics.horizontalAdvance(text[:k]) - metrics.horizontalAdvance(text[k]) / 2


def title_indent(text: str, metrics: QFontMetricsF, width: float) -> float:
    """The first-line indent (px) of a title block laid out ``width`` px wide."""
    k = title_break(text)
    if k is None:
        return 0.0
    return max(0.0, _room(text, k, metrics, width) / 2)


def title_spacing(text: str, indent: float, metrics: QFontMetricsF,
                  width: float) -> tuple[int, float] | None:
    """(index, px): the letter spacing after the upper line's last character that ends the
    first line there, for a block with first-line ``indent`` laid out ``width`` px wide.

    When the indent was measured for this width it equals ``indent`` (exact centring).  The
    indent follows the layout width while the draft has no undo history and at each edit of
    the title (``DraftDocument.fit_titles``); after a resize with history the indent is the
    old width's and the spacing makes up the difference, so the break still falls between
    the same words while the upper line fits, centred to within the width change / 2 until
    the title's next edit (a block format per resize would be an undo step per resize).
    """
    k = title_break(text)
    if k is None or indent <= 0 or width <= 0:
        return None
    spacing = _room(text, k, metrics, width) - indent
    return (k - 1, spacing) if spacing > 0 else None
