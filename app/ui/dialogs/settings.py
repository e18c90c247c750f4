"""文件 › 设置…: export fonts and fallbacks, bold lead sentences, autosave interval, editor font
size, default template, and the user data folder.

The dialog only reads and writes QSettings; ``MainWindow.apply_settings`` makes the changes
visible at once (font size, autosave interval, the font hint in the status bar).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.document.templates import TemplateLibrary
from app.core.formats.export_options import FONT_CHOICES, ExportOptions
from app.core.formats.fonts import (
    ROLE_LABELS,
    ROLE_ORDER,
    FontReport,
    InstalledFonts,
    check_fonts,
    choice_label,
)
from app.ui import preferences as prefs
from app.ui.dialogs.buttons import ok_cancel


def open_folder(path: Path) -> bool:
    """Show ``path`` in the file manager (Explorer, or the Linux desktop's)."""
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SettingsDialog(QDialog):
    """Shown with ``open()`` (window-modal, never blocks a test); ``applied`` after 确定."""

    applied = Signal()

    def __init__(self, settings: QSettings, templates: TemplateLibrary, user_dir: Path,
                 installed: InstalledFonts | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置")
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.templates = templates
        self.user_dir = user_dir
        self.installed = installed or prefs.installed_fonts()
        layout = QVBoxLayout(self)
        layout.addWidget(self._export_group())
        layout.addWidget(self._editing_group())
        layout.addWidget(self._folder_group())
        buttons = ok_cancel(self)
        layout.addWidget(buttons)
        self._update_font_status()

    # --- building ---------------------------------------------------------------------------
    def _export_group(self) -> QGroupBox:
        group = QGroupBox("导出的 Word 文档")
        form = QFormLayout(group)
        self.font_status = QLabel()
        self.font_status.setWordWrap(True)
        self.font_status.setObjectName("fontStatus")
        form.addRow(self.font_status)
        options = prefs.export_options(self.settings)
        self.font_boxes: dict[str, QComboBox] = {}
        for role in ROLE_ORDER:
            box = QComboBox()
            box.setEditable(True)  # a font the list does not know can be typed in
            for name in FONT_CHOICES[role]:
                box.addItem(choice_label(name, self.installed), name)
            self._set_font(box, options.font(role))
            box.currentTextChanged.connect(self._update_font_status)
            box.setToolTip("列表中第一项是公文规定的字体；本机没有时，可改选替代字体。")
            self.font_boxes[role] = box
            form.addRow(f"{ROLE_LABELS[role]}字体：", box)
        self.use_installed = QPushButton("改用本机已有的字体(&U)")
        self.use_installed.setToolTip("把本机未安装的字体换成同类的本机字体（如 仿宋_GB2312 → 仿宋）")
        self.use_installed.clicked.connect(self.use_installed_fonts)
        self.restore_official = QPushButton("恢复公文字体(&G)")
        self.restore_official.clicked.connect(self.restore_official_fonts)
        row = QHBoxLayout()
        row.addWidget(self.use_installed)
        row.addWidget(self.restore_official)
        row.addStretch(1)
        form.addRow(row)
        self.bold_lead = QCheckBox("“一是……”等段首句加粗(&B)")
        self.bold_lead.setChecked(options.bold_lead)
        form.addRow(self.bold_lead)
        return group

    def _editing_group(self) -> QGroupBox:
        group = QGroupBox("编辑")
        form = QFormLayout(group)
        self.font_pt = QSpinBox()
        self.font_pt.setRange(prefs.MIN_FONT_PT, prefs.MAX_FONT_PT)
        self.font_pt.setSuffix(" 磅")
        self.font_pt.setValue(prefs.editor_font_pt(self.settings))
        self.font_pt.setToolTip("只改变屏幕上的显示大小（三号字 = 16 磅）；导出的文档始终是公文字号。")
        form.addRow("编辑区正文字号：", self.font_pt)
        self.interval = QSpinBox()
        self.interval.setRange(prefs.MIN_INTERVAL_S, prefs.MAX_INTERVAL_S)
        self.interval.setSuffix(" 秒")
        self.interval.setValue(prefs.autosave_interval_s(self.settings))
        self.interval.setToolTip("打字后最迟隔多久自动保存一次（切换到别的程序时立即保存）。")
        form.addRow("自动保存间隔：", self.interval)
        self.template = QComboBox()
        for template in self.templates.templates:
            self.template.addItem(template.name, template.id)
        current = self.templates.get(prefs.start_template_id(self.settings))
        if current is not None:
            self.template.setCurrentIndex(max(0, self.template.findData(current.id)))
        self._shown_template = self.template.currentData()
        self.template.setToolTip("新开的窗口使用的模板；未设置时沿用上次新建时选的模板。")
        form.addRow("默认模板：", self.template)
        return group

    def _folder_group(self) -> QGroupBox:
        group = QGroupBox("用户数据文件夹（我的素材、自动保存、设置、日志）")
        row = QHBoxLayout(group)
        self.folder = QLineEdit(str(self.user_dir))
        self.folder.setReadOnly(True)
        self.folder.setCursorPosition(0)
        row.addWidget(self.folder, 1)
        self.open_button = QPushButton("打开文件夹(&O)")
        self.open_button.clicked.connect(lambda: open_folder(self.user_dir))
        row.addWidget(self.open_button)
        return group

    # --- fonts ------------------------------------------------------------------------------
    @staticmethod
    def _set_font(box: QComboBox, name: str) -> None:
        index = box.findData(name)
        if index >= 0:
            box.setCurrentIndex(index)
        else:
            box.setEditText(name)

    def chosen_font(self, role: str) -> str:
        box = self.font_boxes[role]
        index = box.findText(box.currentText())
        data = box.itemData(index) if index >= 0 else None
        return str(data) if data else box.currentText().replace("（未安装）", "").strip()

    def chosen_options(self) -> ExportOptions:
        fonts = {role: self.chosen_font(role) for role in self.font_boxes}
        return ExportOptions.from_values(fonts, self.bold_lead.isChecked())

    def _update_font_status(self) -> None:
        report = check_fonts(self.installed, self.chosen_options())
        self.font_status.setText(report.details())
        self.use_installed.setEnabled(bool(report.suggested_fonts()))

    def use_installed_fonts(self) -> None:
        for role, name in check_fonts(self.installed, self.chosen_options()).suggested_fonts().items():
            self._set_font(self.font_boxes[role], name)

    def restore_official_fonts(self) -> None:
        for role, box in self.font_boxes.items():
            self._set_font(box, FONT_CHOICES[role][0])

    # --- saving -----------------------------------------------------------------------------
    def accept(self) -> None:
        s = self.settings
        defaults = ExportOptions()
        for role in self.font_boxes:
            name = self.chosen_font(role)
            if name and name != defaults.font(role):
                s.setValue(prefs.font_key(role), name)
            else:
                s.remove(prefs.font_key(role))
        s.setValue(prefs.BOLD_LEAD_KEY, self.bold_lead.isChecked())
        s.setValue(prefs.FONT_PT_KEY, self.font_pt.value())
        s.setValue(prefs.INTERVAL_KEY, self.interval.value())
        # Only a real choice pins the default; otherwise new windows keep following 新建's last pick.
        if self.template.currentData() != self._shown_template or s.contains(prefs.DEFAULT_TEMPLATE_KEY):
            s.setValue(prefs.DEFAULT_TEMPLATE_KEY, self.template.currentData())
        s.sync()
        super().accept()
        self.applied.emit()


class FontHint(QPushButton):
    """A quiet status-bar button, shown only while export fonts are missing on this PC;
    clicking it opens 设置."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fontHint")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QPushButton#fontHint { color: #8a4b00; border: none; padding: 0 6px; }")
        self.hide()

    def show_report(self, report: FontReport) -> None:
        if report.ok:
            self.hide()
            return
        self.setText(f"缺少 {len(report.missing_names())} 种公文字体")
        self.setToolTip(report.details() + "\n\n点击打开“设置”选择替代字体。")
        self.setStatusTip(report.summary())
        self.show()
