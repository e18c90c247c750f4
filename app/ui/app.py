"""Starting the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app import APP_NAME
from app.core.paths import user_data_dir
from app.test_hooks import READY_PROBE_ENV, STARTUP_PROBE_ENV
from app.ui.icon import set_app_icon
from app.ui.qt_app import gui_app

if TYPE_CHECKING:  # loaded when the window is made, after the QApplication
    from app.core.services import Services
    from app.core.storage.autosave import AutosaveStore
    from app.ui.long_jobs import LongJobs
    from app.ui.window.main_window import MainWindow


def settings_for(user_dir: Path) -> QSettings:
    from app.core.storage.private import create_private_file

    user_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    create_private_file(user_dir / "settings.ini")
    return QSettings(str(user_dir / "settings.ini"), QSettings.Format.IniFormat)


UI_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
               "Source Han Sans SC", "WenQuanYi Micro Hei", "sans-serif"]


def apply_ui_font(app: QApplication) -> None:
    """Menus and panes in a plain sans face (fontconfig may otherwise pick a 楷体 for zh)."""
    font = app.font()
    font.setFamilies(UI_FAMILIES)
    app.setFont(font)


def create_window(services: Services, settings: QSettings, path: Path | None = None,
                  jobs: LongJobs | None = None) -> MainWindow:
    from app.ui.window.main_window import MainWindow

    apply_ui_font(gui_app())
    window = MainWindow(services, settings, jobs=jobs)
    if path is not None:
        window.files.open_path(path)
    return window


def install_translations(app: QApplication) -> bool:
    """Qt's own texts in Chinese: the OK/Cancel buttons, file dialogs, the editor's
    right-click menu (撤销/剪切/粘贴). Without this they stay English. Returns whether the
    catalogue was found (PySide6 ships ``qtbase_zh_CN.qm``; the frozen build keeps it)."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China),
                           "qtbase", "_", folder):
        return False
    installed = app.installTranslator(translator)
    from app.ui.qt_texts import install_fixes

    install_fixes(app)  # what the catalogue misses ("Look in:") or words oddly (体积)
    return installed


def start_up(window: MainWindow, store: AutosaveStore, new_window: Callable[[], MainWindow]) -> None:
    """Crash recovery first; the first-run welcome only over an untouched new draft."""
    from app.ui.dialogs.welcome import maybe_show_welcome, should_welcome
    from app.ui.preferences import font_report
    from app.ui.window.recovery import offer_recovery

    offer_recovery(window, store, new_window)
    if should_welcome(window) and not any(store.folder.glob("*.json")):
        maybe_show_welcome(window, font_report(window.settings))


def run_gui(path: Path | None = None, on_shown: Callable | None = None) -> int:
    """Open the window (and any drafts a crash left behind); ``on_shown(window)`` runs
    once the window is up (used by the crash-and-recover tests).

    Up to the frame (``first_paint``) only Qt and this module are loaded, so the user sees
    明镜's window about as soon as a bare Qt window could appear; the error guard, the
    translations, the engine and the main window's modules load behind it."""
    # High-DPI: Qt 6 scales by the exact factor (125 %, 150 %), not rounded to 1 or 2 — its
    # default ``PassThrough`` (tests/ui/test_first_paint.py), so not set here: naming any
    # ``Qt.`` enum builds PySide6's whole ``Qt`` namespace, ~20 ms before the first paint.
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    from app.ui.qt_guard import guard_none_refcount

    guard_none_refcount()
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    set_app_icon(app)
    windows: list = []
    user_dir = user_data_dir()
    frame = None
    if not (os.environ.get(STARTUP_PROBE_ENV) or os.environ.get("MINGJING_PROBE_OUT")):
        # (the in-process probes time the real main window, not this frame)
        from app.ui.first_paint import show_frame

        frame = show_frame(user_dir)
    # The guard next, before anything that can fail loads: whatever goes wrong is logged
    # and shown, never silent.
    from app.ui.window.crash import ExceptionGuard

    guard = ExceptionGuard(user_dir, lambda: list(windows), app)
    guard.install()
    install_translations(app)
    try:
        from app.core.services import Services

        services = Services.load(user_dir)
    except Exception as exc:
        return _cannot_start(guard, exc)
    settings = settings_for(services.user_dir)
    from app.ui.long_jobs import LongJobs

    jobs = LongJobs()  # the windows' long jobs: the collector and GIL switching are the process's

    def new_window():
        extra = create_window(services, settings, jobs=jobs)
        windows.append(extra)
        extra.show()
        return extra

    app.aboutToQuit.connect(lambda: [w.safety.shutdown() for w in windows])
    app.aboutToQuit.connect(lambda: [w.loading.stop() for w in windows])
    window = create_window(services, settings, jobs=jobs)
    windows.append(window)
    window.show()
    if frame is not None:
        from app.ui.first_paint import replace_frame

        replace_frame(frame)
    if path is not None:  # on screen first: a long file shows its progress in the status bar
        window.files.open_path(path)
    QTimer.singleShot(0, window.start_background_loading)
    QTimer.singleShot(0, lambda: _start_up_in(window, services.user_dir, new_window))
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    if os.environ.get(STARTUP_PROBE_ENV):
        QTimer.singleShot(0, lambda: _report_shown_and_quit(app, window))
    elif os.environ.get(READY_PROBE_ENV):
        from app.ui.ready_probe import report_when_ready

        report_when_ready(app, window)
    code = app.exec()
    settings.sync()  # now, not when Python collects it (after the caller may have cleaned up)
    return code


def _start_up_in(window: MainWindow, user_dir: Path, new_window: Callable[[], MainWindow]) -> None:
    from app.ui.window.recovery import autosave_store

    start_up(window, autosave_store(user_dir), new_window)


def _cannot_start(guard, exc: Exception) -> int:
    """Loading failed before any window: log it, say so in one dialog and on stderr."""
    from PySide6.QtWidgets import QMessageBox

    from app.core.storage.crashlog import log_exception, log_file

    log_exception(guard.logger, type(exc), exc, exc.__traceback__, "start-up")
    reason = str(exc) if isinstance(exc, RuntimeError) and str(exc) else "加载素材或模板时出错"
    text = (f"明镜无法启动：{reason}。\n\n错误详情已记录在：{log_file(guard.user_dir)}。"
            "请把这个文件发给技术支持人员。")
    print(f"错误：{text}", file=sys.stderr)
    QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text).exec()
    guard.uninstall()
    return 1


def _report_shown_and_quit(app: QApplication, window: MainWindow, waited_ms: int = 0) -> None:
    """For start-up measurements: say when the window is exposed on screen, then leave."""
    handle = window.windowHandle()
    exposed = bool(handle and handle.isExposed())
    if not exposed and waited_ms < 10_000:
        QTimer.singleShot(5, lambda: _report_shown_and_quit(app, window, waited_ms + 5))
        return
    print("WINDOW_SHOWN", exposed, flush=True)
    window.draft.qdoc.setModified(False)
    QTimer.singleShot(0, app.quit)
