"""文件 › 新建: pick a template by what it holds (year, aspects, target length, theme), its
title (对照检查材料 / 个人发言提纲 / …) and the optional sections of that year's meeting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.document.templates import PENDING_MARK, Template, TemplateLibrary
from app.core.paths import templates_dir

NOTICE_RESULT = 2  # what exec() returns when the user asked for 按通知新建 / 按通知修改


def is_users(template: Template) -> bool:
    shipped = templates_dir().resolve()
    return bool(template.source) and Path(template.source).resolve().parent != shipped


def template_label(template: Template) -> str:
    """How 新建 lists a template: the user's own are marked, so a copy is told from the original."""
    return f"{template.name}（我的模板）" if is_users(template) else template.name


def offered(library: TemplateLibrary) -> list[Template]:
    """Templates in the order 新建 lists them: newest year first, the default on top; a
    pending (待按通知修改) template is left out once the user has one of that year's meeting."""
    done = {(t.year, t.meeting) for t in library.templates if not t.pending and is_users(t)}
    shown = [t for t in library.templates if not (t.pending and t.year and (t.year, t.meeting) in done)]
    default = library.default()
    return sorted(shown, key=lambda t: (t is not default, -(t.year or 0), t.audience != "cadre", t.name))


def describe(template: Template) -> str:
    """The one-line facts: year, aspects, target length, who writes it."""
    low, high = template.target_chars
    who = "普通党员" if template.audience == "member" else "领导干部"
    if "班子" in template.name:
        who = "领导班子"
    year = f"{template.year}年度 · " if template.year else ""
    return f"{year}{len(template.problem_aspects())} 个方面 · 目标 {low}–{high} 字 · {who}"


@dataclass
class NewChoice:
    template: Template
    title: str
    optional: list[str]


class NewDocumentDialog(QDialog):
    def __init__(self, library: TemplateLibrary, last_id: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建")
        self.resize(1040, 620)
        self.library = library
        self.templates = offered(library)
        self.notice_template: Template | None = None  # 按通知修改 asked on this template
        self.list = QListWidget()
        self.list.setMinimumWidth(400)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)
        for template in self.templates:
            low, high = template.target_chars
            year = f"{template.year}年度 · " if template.year else ""
            facts = f"{year}{len(template.problem_aspects())} 个方面 · {low}–{high} 字"
            item = QListWidgetItem(f"{template_label(template)}\n    {facts}")
            item.setToolTip(template.description or describe(template))
            self.list.addItem(item)
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.name.setWordWrap(True)
        self.facts = QLabel()
        self.pending = QLabel()
        self.pending.setStyleSheet("color: #b00020;")
        self.pending.setWordWrap(True)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.theme = QLabel()
        self.theme.setWordWrap(True)
        self.theme.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.aspects = QLabel()
        self.aspects.setWordWrap(True)
        self.aspects.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title = QComboBox()
        self.title.setEditable(True)
        self.title.setMinimumContentsLength(24)
        self.optional_box = QGroupBox("可选章节（当年会议要求通报、剖析的内容）")
        self.optional_layout = QVBoxLayout(self.optional_box)
        self.checks: list[QCheckBox] = []

        detail = QWidget()
        form = QVBoxLayout(detail)
        form.addWidget(self.name)
        form.addWidget(self.facts)
        form.addWidget(self.pending)
        form.addWidget(self.description)
        rows = QFormLayout()
        rows.addRow("标题：", self.title)
        rows.addRow("主题：", self.theme)
        rows.addRow("查摆的方面：", self.aspects)
        form.addLayout(rows)
        form.addWidget(self.optional_box)
        form.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton("新建", QDialogButtonBox.ButtonRole.AcceptRole)
        self.from_notice = QPushButton("按通知新建…")
        self.from_notice.setToolTip("粘贴或打开上级通知（或巡视巡察反馈意见），自动找出主题和各方面，存为我的模板")
        self.buttons.addButton(self.from_notice, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.from_notice.clicked.connect(self._ask_notice)

        top = QHBoxLayout()
        top.addWidget(self.list)
        top.addWidget(scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        ids = [t.id for t in self.templates]
        self.list.setCurrentRow(ids.index(last_id) if last_id in ids else 0)

    # --- showing a template -------------------------------------------------------------------
    def current(self) -> Template:
        return self.templates[max(0, self.list.currentRow())]

    def _show(self, row: int) -> None:
        if row < 0:
            return
        template = self.templates[row]
        self.name.setText(template_label(template))
        self.facts.setText(describe(template))
        pending = template.pending
        self.pending.setVisible(pending)
        if pending:
            self.pending.setText(f"【{PENDING_MARK}】下列方面是暂定的，请点“按通知修改…”换成通知（反馈意见）中的方面。")
        self.from_notice.setText("按通知修改…" if pending else "按通知新建…")
        self.description.setText(template.description)
        self.description.setVisible(bool(template.description))
        self.theme.setText(template.theme or "（模板未写明主题）")
        self.aspects.setText("\n".join(f"（{_cn(i)}）{a.title}　〔{'、'.join(a.topics) or '按标题自动'}〕"
                                       for i, a in enumerate(template.problem_aspects(), 1)))
        self.title.clear()
        self.title.addItems(list(template.title_choices))
        for check in self.checks:
            self.optional_layout.removeWidget(check)
            check.deleteLater()
        self.checks = []
        for section in template.optional_sections():
            check = QCheckBox(section.title)
            check.setChecked(section.checked)
            self.optional_layout.addWidget(check)
            self.checks.append(check)
        self.optional_box.setVisible(bool(self.checks))

    def select(self, template_id: str) -> None:
        self.list.setCurrentRow(next(i for i, t in enumerate(self.templates) if t.id == template_id))

    def choice(self) -> NewChoice:
        title = self.title.currentText().strip() or self.current().title
        return NewChoice(self.current(), title, [c.text() for c in self.checks if c.isChecked()])

    def _ask_notice(self) -> None:
        self.notice_template = self.current() if self.current().pending else None
        self.done(NOTICE_RESULT)


def _cn(n: int) -> str:
    digits = "一二三四五六七八九十"
    return digits[n - 1] if n <= 10 else str(n)
