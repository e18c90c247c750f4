"""PyInstaller run-time hook (Linux builds): Chinese input under fcitx5.

The bundle carries Qt's own ibus input-context plugin but not fcitx's: that one is built
against the system's Qt and cannot load into the bundled Qt.  fcitx5 also speaks the ibus
protocol through its portal front end (the route Flatpak apps take), so a session that asks
Qt for fcitx is pointed at ibus over the portal.  ``MINGJING_KEEP_IM=1`` leaves it alone.
"""

import os
import sys


def _use_ibus_portal_for_fcitx(env) -> None:
    if not sys.platform.startswith("linux") or env.get("MINGJING_KEEP_IM"):
        return
    requested = env.get("QT_IM_MODULE", "")
    fcitx_session = "fcitx" in env.get("XMODIFIERS", "")
    if requested.startswith("fcitx") or (not requested and fcitx_session):
        env["QT_IM_MODULE"] = "ibus"
        env["IBUS_USE_PORTAL"] = "1"


_use_ibus_portal_for_fcitx(os.environ)
