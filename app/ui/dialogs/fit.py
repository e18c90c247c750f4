"""Sizing small dialogs to what they show (a long heading, a long recovered title)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def text_width(widget: QWidget, texts, padding: int = 0) -> int:
    """The width the widest of ``texts`` needs in ``widget``'s font, plus ``padding``,
    never more than 90 % of the screen."""
    metrics = widget.fontMetrics()
    wanted = max((metrics.horizontalAdvance(t) for t in texts), default=0) + padding
    screen = widget.screen() or QGuiApplication.primaryScreen()
    limit = int(screen.availableGeometry().width() * 0.9) if screen is not None else 1200
    return min(wanted, limit)
