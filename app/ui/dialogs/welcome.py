"""The first-run welcome: a dismissible layer over the three panes that says what each is for.

It is a child widget of the window, not a modal dialog: nothing waits for it, the menus stay
usable, and Esc, 开始写作 or a click anywhere closes it.  It is shown once (``welcome/shown``),
only when the window holds an untouched new draft: never over a recovered draft or a file
opened from the command line (then it waits for the next start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.core.formats.fonts import FontReport
from app.ui.host import WindowHost
from app.ui.preferences import SHOWN_KEY

if TYPE_CHECKING:
    from app.core.document.templates import Template
    from app.ui.draft import DraftDocument

PANE_TEXT = (
    ("大纲", "← 左边是<b>大纲</b>：列出各部分和字数，空白部分标“待填写”。"
             "点一下跳到正文相应位置；拖动可调整顺序。"),
    ("正文", "中间是<b>正文</b>：已按默认模板新建了一份材料，按公文格式显示。"
             "在各“方面”下面直接写即可。"),
    ("素材", "右边是<b>素材</b> →：按光标所在部分推荐常用表述。"
             "双击插入光标处，或拖到正文中。"),
)


class _NewDocument(Protocol):
    def new_document(self, template: Template | None = None) -> None: ...


class WelcomeHost(WindowHost, Protocol):
    """The window the welcome is shown over: its panes and its 新建 and 使用说明."""

    @property
    def files(self) -> _NewDocument: ...

    @property
    def splitter(self) -> QSplitter: ...

    @property
    def editor(self) -> QWidget: ...

    def show_help(self) -> object: ...


def should_welcome(window: WindowHost) -> bool:
    settings = window.settings
    if str(settings.value(SHOWN_KEY, "")).lower() in ("1", "true"):
        return False
    return untouched_new_draft(window.draft)


def untouched_new_draft(draft: DraftDocument) -> bool:
    """The window shows just what 新建 made: no file, no edits, nothing imported."""
    from app.core.document.templates import new_document

    if draft.path is not None or draft.qdoc.isModified() or draft.template is None:
        return False
    fresh = [(p.role, p.text) for p in new_document(draft.template).paragraphs]
    return [(p.role, p.text) for p in draft.paragraphs()] == fresh


def maybe_show_welcome(window: WelcomeHost, fonts: FontReport | None = None) -> WelcomeOverlay | None:
    """On the first start, open the default template and show the welcome over it."""
    if not should_welcome(window):
        return None
    default = window.services.templates.default()
    if window.draft.template is None or window.draft.template.id != default.id:
        window.files.new_document(default)
    window.settings.setValue(SHOWN_KEY, True)
    window.settings.sync()
    overlay = WelcomeOverlay(window, default.name, fonts)
    overlay.show_over(window.splitter)
    return overlay


class _Card(QFrame):
    """A yellow note: one rich-text label in a column that can take more rows."""

    def __init__(self, parent: QWidget, html: str, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#{name} {{ background: #fffbe6; border: 1px solid #c9a227;"
                           " border-radius: 6px; }")
        self.column = QVBoxLayout(self)
        self.label = QLabel(html)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.column.addWidget(self.label)


class WelcomeOverlay(QWidget):
    dismissed = Signal()

    def __init__(self, window: WelcomeHost, template_name: str, fonts: FontReport | None = None) -> None:
        super().__init__(window.splitter.window())  # the window itself, above the panes
        self.setObjectName("welcome")
        self.window_ = window
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pane_cards = [_Card(self, text, f"welcomePane{i}") for i, (_, text) in enumerate(PANE_TEXT)]
        font_note = ""
        if fonts is not None and not fonts.ok:
            font_note = ("<p style='color:#8a4b00'>" + fonts.details().replace("\n", "<br>") + "</p>")
        self.main_card = _Card(
            self,
            "<h2>欢迎使用明镜</h2>"
            f"<p>已按默认模板“{template_name}”为您新建了一份对照检查材料。</p>"
            "<p>明镜完全离线运行，不连接网络，不需要账号，也不需要激活。</p>"
            + font_note,
            "welcomeMain")
        self.main_card.label.setObjectName("welcomeText")
        buttons = QHBoxLayout()
        self.start_button = QPushButton("开始写作")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.dismiss)
        self.help_button = QPushButton("使用说明 (F1)")
        self.help_button.clicked.connect(self._help)
        buttons.addStretch(1)
        buttons.addWidget(self.help_button)
        buttons.addWidget(self.start_button)
        self.main_card.column.addLayout(buttons)
        self._target: QWidget | None = None

    # --- placement --------------------------------------------------------------------------
    def show_over(self, target: QWidget) -> None:
        self._target = target
        target.installEventFilter(self)
        self.window_.splitter.splitterMoved.connect(self._place)
        self._place()
        self.show()
        self.raise_()
        self.start_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return False

    def _place(self, *_args) -> None:
        if self._target is None:
            return
        self.setGeometry(self._target.geometry())
        splitter = self.window_.splitter
        shown = [splitter.widget(i) for i in range(splitter.count())]
        panes = [pane for pane in shown if pane is not None]
        for card, pane in zip(self.pane_cards, panes, strict=False):
            rect = pane.geometry()
            if splitter is not self._target:
                rect.translate(splitter.mapTo(self._target, splitter.rect().topLeft()))
            width = max(120, min(rect.width() - 24, 300))
            card.setFixedWidth(width)
            card.adjustSize()
            x = rect.x() + (rect.width() - width) // 2
            card.move(x, rect.y() + 24)
        if len(panes) > 1:
            middle = panes[1].geometry()
            width = max(280, min(middle.width() - 48, 520))
            self.main_card.setFixedWidth(width)
            self.main_card.adjustSize()
            top = self.pane_cards[1].geometry().bottom() + 24
            self.main_card.move(middle.x() + (middle.width() - width) // 2, top)
        else:
            self.main_card.adjustSize()
            self.main_card.move(QRect(self.rect()).center() - self.main_card.rect().center())

    # --- look and closing ---------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 90))

    def mousePressEvent(self, event) -> None:
        if not self.main_card.geometry().contains(event.position().toPoint()):
            self.dismiss()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.dismiss()
            return
        super().keyPressEvent(event)

    def _help(self) -> None:
        self.dismiss()
        self.window_.show_help()

    def dismiss(self) -> None:
        if self._target is not None:
            self._target.removeEventFilter(self)
        self.hide()
        self.dismissed.emit()
        self.deleteLater()
        self.window_.editor.setFocus()
