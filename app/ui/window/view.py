"""The 视图 menu and the window's size: it fits the screen, panes collapse, the page zooms.

Word users expect the first window to fit a 1366×768 laptop (or a 1024×700 one), the side
panes to fold away, and Ctrl+wheel / Ctrl+= / Ctrl+- to zoom the page.  Zoom changes the
editor's font size (the same setting as 设置 → 编辑区字号), so it is kept for next time.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from app.ui.look import BODY_PT
from app.ui.preferences import FONT_PT_KEY, editor_font_pt

PREFERRED = QSize(1360, 860)
# A window manager's title bar and borders, which resize() does not count.
FRAME_ALLOWANCE = QSize(16, 40)
ZOOM_STEPS_PT = (10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32)


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen's area without task bars: of the screen the widget is on (a restored
    window: the screen under its middle, so a second monitor stays in use), else the primary."""
    screen = None
    if widget is not None:
        screen = QGuiApplication.screenAt(widget.frameGeometry().center()) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def first_size(area: QRect) -> QSize:
    """The size of a first window on ``area``: the preferred one, shrunk to fit with its frame."""
    return QSize(min(PREFERRED.width(), area.width() - FRAME_ALLOWANCE.width()),
                 min(PREFERRED.height(), area.height() - FRAME_ALLOWANCE.height()))


def pane_sizes(width: int) -> list[int]:
    """Outline, editor and phrase widths for a window ``width`` wide.

    The side panes get a share of wide screens (outline labels are long: （一）带头强化政治
    忠诚、提高政治能力方面), and shrink on narrow ones; the editor takes the rest.
    """
    outline = max(180, min(int(width * 0.22), 420))
    phrases = max(220, min(int(width * 0.24), 460))
    return [outline, max(200, width - outline - phrases), phrases]


def place_first_window(window: QMainWindow, area: QRect | None = None) -> None:
    """Size a window that has no saved geometry so that it fits ``area``, centred."""
    area = area or available_area(window)
    size = first_size(area)
    window.resize(size)
    x = area.x() + max(0, (area.width() - size.width() - FRAME_ALLOWANCE.width()) // 2)
    y = area.y() + max(0, (area.height() - size.height() - FRAME_ALLOWANCE.height()) // 2)
    window.move(x, y)


def keep_on_screen(window: QMainWindow, area: QRect | None = None) -> None:
    """A saved geometry from a bigger screen (or a projector) is shrunk to fit this one."""
    area = area or available_area(window)
    size = first_size(area)
    if window.width() > size.width() or window.height() > size.height():
        window.resize(min(window.width(), size.width()), min(window.height(), size.height()))
    frame = window.frameGeometry()
    if not area.contains(frame):
        x = min(max(frame.x(), area.x()), area.right() - frame.width())
        y = min(max(frame.y(), area.y()), area.bottom() - frame.height())
        window.move(max(x, area.x()), max(y, area.y()))


def zoom_step(settings, direction: int) -> int:
    """The next editor font size up (+1) or down (-1) from the current one."""
    now = editor_font_pt(settings)
    if direction > 0:
        return next((pt for pt in ZOOM_STEPS_PT if pt > now), ZOOM_STEPS_PT[-1])
    return next((pt for pt in reversed(ZOOM_STEPS_PT) if pt < now), ZOOM_STEPS_PT[0])


class ViewActions:
    """The 视图 menu: zoom the page, show or hide the outline and phrase panes."""

    def __init__(self, window) -> None:
        self.window = window
        menu = self.menu = QMenu("视图(&V)", window)
        self.zoom_in_action = self._add("放大(&I)", lambda: self.zoom(+1),
                                        ["Ctrl+=", "Ctrl++", QKeySequence.StandardKey.ZoomIn])
        self.zoom_out_action = self._add("缩小(&O)", lambda: self.zoom(-1),
                                         ["Ctrl+-", QKeySequence.StandardKey.ZoomOut])
        self.zoom_reset_action = self._add("实际大小(&A)", self.zoom_reset, ["Ctrl+0"])
        menu.addSeparator()
        splitter = window.splitter
        # Extra width (a maximised window) goes to the side panes too, not only to grey
        # margins beside the page; the editor itself never folds away.
        for index, stretch in enumerate((1, 2, 1)):
            splitter.setStretchFactor(index, stretch)
        splitter.setCollapsible(1, False)
        self.outline_action = self._toggle("大纲窗格(&N)", splitter.widget(0))
        self.phrases_action = self._toggle("素材窗格(&P)", splitter.widget(2))
        window.editor.zoomRequested.connect(self.zoom)

    def _add(self, text: str, slot, shortcuts) -> QAction:
        action = QAction(text, self.window)
        keys: list[QKeySequence] = []
        for s in shortcuts:  # the standard key may repeat one of ours: a repeat is ambiguous
            for key in QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]:
                if key not in keys:
                    keys.append(key)
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _toggle(self, text: str, pane: QWidget) -> QAction:
        action = QAction(text, self.window, checkable=True)
        action.setChecked(True)
        action.toggled.connect(lambda on: self._show_pane(pane, on))
        self.menu.addAction(action)
        return action

    def _show_pane(self, pane: QWidget, on: bool) -> None:
        splitter = self.window.splitter
        index = splitter.indexOf(pane)
        sizes = splitter.sizes()
        if on:
            pane.show()
            if sizes[index] == 0:
                wanted = pane_sizes(splitter.width())[index]
                sizes[1] = max(200, sizes[1] - wanted)
                sizes[index] = wanted
                splitter.setSizes(sizes)
        else:
            pane.hide()

    def sync(self) -> None:
        """The check marks follow panes folded away by dragging the splitter to the edge."""
        sizes = self.window.splitter.sizes()
        for action, index in ((self.outline_action, 0), (self.phrases_action, 2)):
            action.blockSignals(True)
            action.setChecked(sizes[index] > 0)
            action.blockSignals(False)

    def zoom(self, direction: int) -> None:
        self.set_font_pt(zoom_step(self.window.settings, direction))

    def zoom_reset(self) -> None:
        self.set_font_pt(int(BODY_PT))

    def set_font_pt(self, pt: int) -> None:
        window = self.window
        if pt == editor_font_pt(window.settings):
            return
        window.settings.setValue(FONT_PT_KEY, pt)
        zoom = pt / BODY_PT
        window.draft.restyle(zoom)
        window.editor.fit_page()
        window.statusBar().showMessage(f"显示比例：{round(zoom * 100)}%（{pt} 磅）", 3000)
