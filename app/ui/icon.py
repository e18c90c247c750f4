"""The app's icon (resources/icons, rendered from mingjing.svg by packaging/make_icons.py)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon

from app.core.paths import resources_dir

DESKTOP_FILE = "mingjing"  # packaging/linux/mingjing.desktop: Wayland matches windows by it


def set_app_icon(app: QGuiApplication) -> None:
    """Every window's icon, in each rendered size so small ones stay sharp."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("mingjing-*.png")):
        icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)
    app.setDesktopFileName(DESKTOP_FILE)
