"""Every settings key of the app and its reader, with safe defaults: the one home of both.

Every window gets the one QSettings of the process (``app.ui.app.settings_for``); nothing here
is global.  Keys: ``export/font/<role>``, ``export/bold_lead``, ``autosave/interval_s``,
``editor/font_pt``, ``template/default``, ``template/last``, ``welcome/shown``,
``recent/files``, ``window/geometry``, ``window/state``, ``window/splitter``.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase

from app.core.formats.export_options import FONT_ROLES, ExportOptions
from app.core.formats.fonts import FontReport, InstalledFonts, check_fonts
from app.core.storage.autosave import DEFAULT_INTERVAL_S
from app.ui.look import BODY_PT

FONT_PT_KEY = "editor/font_pt"
DEFAULT_TEMPLATE_KEY = "template/default"
LAST_TEMPLATE_KEY = "template/last"
INTERVAL_KEY = "autosave/interval_s"
BOLD_LEAD_KEY = "export/bold_lead"
RECENT_KEY = "recent/files"
SHOWN_KEY = "welcome/shown"  # the first-run welcome has been shown
GEOMETRY_KEY, WINDOW_STATE_KEY, SPLITTER_KEY = "window/geometry", "window/state", "window/splitter"
MIN_FONT_PT, MAX_FONT_PT = 10, 32
MIN_INTERVAL_S, MAX_INTERVAL_S = 1, 600


def _int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(float(cast("str | float", settings.value(key, default))))
    except (TypeError, ValueError):
        value = default
    return max(low, min(value, high))


def editor_font_pt(settings: QSettings) -> int:
    """The body text size on screen (三号 = 16 pt by default); headings scale with it."""
    return _int(settings, FONT_PT_KEY, int(BODY_PT), MIN_FONT_PT, MAX_FONT_PT)


def editor_zoom(settings: QSettings) -> float:
    return editor_font_pt(settings) / BODY_PT


def autosave_interval_s(settings: QSettings) -> int:
    return _int(settings, INTERVAL_KEY, DEFAULT_INTERVAL_S, MIN_INTERVAL_S, MAX_INTERVAL_S)


def clamp_interval_s(seconds: int) -> int:
    return max(MIN_INTERVAL_S, min(seconds, MAX_INTERVAL_S))


def start_template_id(settings: QSettings) -> str | None:
    """The template a new window starts with: the one chosen in 设置, else the last used."""
    for key in (DEFAULT_TEMPLATE_KEY, LAST_TEMPLATE_KEY):
        value = settings.value(key)
        if value:
            return str(value)
    return None


def font_key(role: str) -> str:
    return f"export/font/{role}"


def export_options(settings: QSettings) -> ExportOptions:
    """ExportOptions from the agreed keys ``export/font/<role>`` and ``export/bold_lead``."""
    fonts = {role: settings.value(font_key(role)) for role in FONT_ROLES}
    return ExportOptions.from_values(fonts, settings.value(BOLD_LEAD_KEY, False))


def installed_fonts() -> InstalledFonts:
    return InstalledFonts(QFontDatabase.families())


def font_report(settings: QSettings, installed: InstalledFonts | None = None) -> FontReport:
    """Which of the fonts the export will name are missing on this PC."""
    return check_fonts(installed or installed_fonts(), export_options(settings))
