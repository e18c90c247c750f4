"""文件 › 按通知新建…: paste (or open) the notice, check the aspects found, save a template.

The engine finds the theme and the aspects (``app.core.document.notice``); here the user
corrects them: rename an aspect in place, add, remove, move up/down, and pick the topic an
aspect is matched to.  Saving writes a user template and, if asked, makes it the default.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core.document.notice import Notice, NoticeAspect, NoticeError, parse_notice, read_notice, titles_with_topics
from app.core.document.template_toml import default_name, save_user_template, template_from_notice, template_id_for
from app.core.document.templates import Template
from app.core.storage.files import SaveError, atomic_write_bytes
from app.core.topics import CANONICAL_TOPICS
from app.ui.dialogs.ask import ask, tell

AUTO = "（按标题自动匹配）"
PARSE_DELAY_MS = 400


class NoticeDialog(QDialog):
    """``services`` gives the templates (to match aspects and save into) and the classifier."""

    def __init__(self, services, parent=None, start: Template | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("按通知新建模板")
        self.resize(1000, 680)
        self.services = services
        self.saved: Template | None = None
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("把上级通知（或巡视、巡察反馈意见）的全文粘贴到这里，或点“打开通知文件…”。"
                                     "明镜会找出会议主题和查摆问题的各方面。")
        self.open_button = QPushButton("打开通知文件…")
        self.open_button.clicked.connect(self.open_file)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.name = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(2026)
        self.meeting = QComboBox()
        self.meeting.addItems(["民主生活会", "组织生活会"])
        self.theme = QPlainTextEdit()
        self.theme.setMaximumHeight(64)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["查摆的方面（双击修改）", "对应主题"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, 330)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.itemChanged.connect(self._renamed)
        self.default = QCheckBox("设为默认模板（新开窗口时使用）")
        self.default.setChecked(True)
        self.reports: list[str] = []

        side = QVBoxLayout()
        for text, slot in (("添加", self.add_aspect), ("删除", self.remove_aspect), ("上移", lambda: self.move(-1)),
                           ("下移", lambda: self.move(1))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            side.addWidget(button)
        side.addStretch(1)
        aspects = QHBoxLayout()
        aspects.addWidget(self.table, 1)
        aspects.addLayout(side)

        paste = QHBoxLayout()
        paste.addWidget(QLabel("通知原文："))
        paste.addStretch(1)
        paste.addWidget(self.open_button)
        form = QFormLayout()
        line = QHBoxLayout()
        line.addWidget(self.name, 1)
        line.addWidget(QLabel("年度："))
        line.addWidget(self.year)
        line.addWidget(self.meeting)
        form.addRow("模板名称：", line)
        form.addRow("会议主题：", self.theme)

        self.buttons = QDialogButtonBox()
        self.save_new = self.buttons.addButton("保存并新建文稿", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_only = self.buttons.addButton("仅保存模板", QDialogButtonBox.ButtonRole.ApplyRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_new.clicked.connect(lambda: self.save(create=True))
        self.save_only.clicked.connect(lambda: self.save(create=False))
        self.buttons.rejected.connect(self.reject)
        self.create_document = False

        layout = QVBoxLayout(self)
        layout.addLayout(paste)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addLayout(aspects, 3)
        layout.addWidget(self.default)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, interval=PARSE_DELAY_MS)
        self._timer.timeout.connect(self.recognise)
        self.text.textChanged.connect(self._timer.start)
        if start is not None:
            self.start_from(start)

    # --- the notice ---------------------------------------------------------------------------
    def start_from(self, template: Template) -> None:
        """按通知修改: begin with a pending template's year and (provisional) aspects."""
        self.year.setValue(template.year or 2026)
        self.meeting.setCurrentText(template.meeting or "民主生活会")
        self.name.setText(template.name.replace("（待按通知修改）", "（按通知）"))
        self.theme.setPlainText(template.theme)
        self.set_aspects([NoticeAspect(a.title, a.topics) for a in template.problem_aspects()])
        self.status.setText("已按模板预填暂定的方面。粘贴通知原文后会按通知重新识别。")

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开通知", str(Path.home()),
                                              "通知 (*.docx *.txt);;所有文件 (*)")
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        try:
            text = read_notice(path)
        except NoticeError as exc:
            tell(self, "打开通知", str(exc), warning=True)
            return False
        self.text.setPlainText(text)
        self.recognise()
        return True

    def recognise(self) -> None:
        self._timer.stop()
        text = self.text.toPlainText()
        if not text.strip():
            return
        notice = parse_notice(text, self.services.templates, self.services.classifier)
        if notice.year:
            self.year.setValue(notice.year)
        if notice.meeting:
            self.meeting.setCurrentText(notice.meeting)
        if notice.theme:
            self.theme.setPlainText(notice.theme)
        self.reports = notice.reports
        if not self.name.text().strip() or self.name.text().endswith("（按通知）"):
            self.name.setText(default_name(self._notice([])))
        if notice.aspects:
            self.set_aspects(notice.aspects)
            extra = f"；需通报：{'、'.join(notice.reports)}" if notice.reports else ""
            self.status.setText(f"找到 {len(notice.aspects)} 个方面{extra}。请逐条核对，可双击修改。")
        else:
            self.status.setText("没有找到查摆问题的方面清单（如“一是……二是……”“（一）……”“带头……”）。"
                                "请检查粘贴的内容，或点“添加”逐条填写。")

    # --- the aspect list ----------------------------------------------------------------------
    def set_aspects(self, aspects: list[NoticeAspect]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for aspect in aspects:
            self._append(aspect)
        self.table.blockSignals(False)

    def _append(self, aspect: NoticeAspect, row: int | None = None) -> None:
        row = self.table.rowCount() if row is None else row
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(aspect.title))
        combo = QComboBox()
        combo.addItem(self._auto_label(aspect.topics), list(aspect.topics))
        for topic in CANONICAL_TOPICS:
            combo.addItem(topic, [topic])
        self.table.setCellWidget(row, 1, combo)

    def _combo(self, row: int) -> QComboBox:
        return cast(QComboBox, self.table.cellWidget(row, 1))

    @staticmethod
    def _auto_label(topics) -> str:
        return f"{'、'.join(topics)}（自动）" if topics else AUTO

    def _renamed(self, item: QTableWidgetItem) -> None:
        """A renamed aspect is matched again (unless the user chose its topic by hand)."""
        if item.column() != 0:
            return
        combo = self._combo(item.row())
        if combo is None or combo.currentIndex() != 0:
            return
        topics = titles_with_topics([item.text()], self.services.templates, self.services.classifier)
        found = list(topics[0].topics) if topics else []
        combo.setItemText(0, self._auto_label(found))
        combo.setItemData(0, found)

    def add_aspect(self) -> None:
        row = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        self.table.blockSignals(True)
        self._append(NoticeAspect("新的方面", ()), row)
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def remove_aspect(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        aspects = self.aspects()
        combo_index = [self._combo(r).currentIndex() for r in range(self.table.rowCount())]
        aspects.insert(target, aspects.pop(row))
        combo_index.insert(target, combo_index.pop(row))
        self.set_aspects(aspects)
        for r, index in enumerate(combo_index):
            if index:
                self._combo(r).setCurrentIndex(index)
        self.table.setCurrentCell(target, 0)

    def aspects(self) -> list[NoticeAspect]:
        result = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            title = item.text().strip() if item else ""
            if not title:
                continue
            combo = self._combo(row)
            result.append(NoticeAspect(title, tuple(combo.currentData() or ())))
        return result

    # --- saving -------------------------------------------------------------------------------
    def _notice(self, aspects: list[NoticeAspect]) -> Notice:
        return Notice(self.theme.toPlainText().strip(), aspects, self.year.value(), self.meeting.currentText(),
                      list(self.reports))

    def save(self, create: bool) -> bool:
        aspects = self.aspects()
        if not aspects:
            tell(self, "按通知新建", "还没有任何方面。请粘贴通知，或点“添加”逐条填写。", warning=True)
            return False
        name = self.name.text().strip() or default_name(self._notice(aspects))
        notice = self._notice(aspects)
        library = self.services.templates
        template_id = template_id_for(name)
        clash = next((t for t in library.templates if t.name == name and t.id != template_id), None)
        existing = library.get(template_id)
        if clash is not None or (existing is not None and not existing.pending):
            if not ask(self, "按通知新建", f"已有名为“{name}”的模板。要替换它吗？\n（选“否”可回去改一个名称）",
                       "替换", "不替换"):
                return False
            template_id = (clash or existing).id
        template = template_from_notice(notice, name=name, template_id=template_id, default=self.default.isChecked())
        try:
            save_user_template(template, self.services.user_dir / "templates")
        except SaveError as exc:
            tell(self, "按通知新建", f"模板没有保存：{exc}", warning=True)
            return False
        if template.default:
            _clear_other_defaults(library, template.id, self.services.user_dir / "templates")
        library.reload()
        self.saved = library.get(template.id)
        self.create_document = create
        self.accept()
        return True


def _clear_other_defaults(library, keep_id: str, folder: Path) -> None:
    """Only one of the user's templates is marked default (the newest one saved)."""
    import re

    for template in library.templates:
        if template.id == keep_id or not template.default or not template.source:
            continue
        path = Path(template.source)
        if path.parent.resolve() != folder.resolve():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
            atomic_write_bytes(path, re.sub(r"(?m)^default\s*=\s*true\s*$", "default = false", text).encode("utf-8"))
        except (OSError, SaveError):
            continue


def ask_notice_template(services, parent=None, start: Template | None = None,
                        notice_file: Path | None = None) -> tuple[Template | None, bool]:
    """Run the dialog; (saved template or None, whether to create a document from it)."""
    dialog = NoticeDialog(services, parent, start)
    if notice_file is not None:
        dialog.load_file(notice_file)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None, False
    return dialog.saved, dialog.create_document
