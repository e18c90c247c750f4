"""文件 › 导出模板与素材包… / 导入模板与素材包… / 管理已导入的素材包….

The engine reads, checks and writes packs (``app.core.packs``); these dialogs choose what goes
into one, show what an incoming one holds and ask about every name clash before anything is
written, and list imported packs so one can be taken out again.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from app.core.packs.install import CLASH_CHOICES, RENAME, ImportPlan
from app.ui.dialogs.new_document import describe, is_users, template_label

_CHECK = Qt.ItemDataRole.UserRole


class ExportPackDialog(QDialog):
    """Choose templates (the user's own ticked) and phrases of the user's library (by source)."""

    def __init__(self, templates, phrases, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出模板与素材包")
        self.resize(720, 560)
        self.name = QLineEdit("模板与素材包")
        self.description = QLineEdit()
        self.description.setPlaceholderText("如：供全县科级以上干部撰写2026年度民主生活会发言提纲参考")
        self.template_list = QListWidget()
        self.templates = list(templates)
        for template in self.templates:
            item = QListWidgetItem(f"{template_label(template)}　{describe(template)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if is_users(template) else Qt.CheckState.Unchecked)
            self.template_list.addItem(item)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["我的素材（按来源）", "部分"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        groups = defaultdict(list)
        for phrase in phrases:
            groups[phrase.source].append(phrase)
        for source, members in groups.items():
            top = QTreeWidgetItem([f"{source}（{len(members)} 条）", ""])
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            for phrase in members:
                child = QTreeWidgetItem([phrase.text[:60], phrase.part])
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked)
                child.setData(0, _CHECK, phrase)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        form = QFormLayout()
        form.addRow("素材包名称：", self.name)
        form.addRow("说明：", self.description)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("导出…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("模板（勾选要放进包里的）："))
        layout.addWidget(self.template_list, 2)
        layout.addWidget(self.tree, 3)
        layout.addWidget(buttons)

    def chosen_templates(self) -> list:
        return [t for i, t in enumerate(self.templates)
                if self.template_list.item(i).checkState() == Qt.CheckState.Checked]

    def chosen_phrases(self) -> list:
        chosen = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                child = top.child(j) if top is not None else None
                if child is not None and child.checkState(0) == Qt.CheckState.Checked:
                    chosen.append(child.data(0, _CHECK))
        return chosen


class ImportPackDialog(QDialog):
    """What the pack holds, and one decision per template that clashes with one already here."""

    def __init__(self, plan: ImportPlan, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入模板与素材包")
        self.resize(720, 480)
        self.plan = plan
        summary = QLabel(plan.summary())
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        self.combos: dict[str, QComboBox] = {}
        if plan.clashes:
            layout.addWidget(QLabel("以下模板与已有的模板同名，请逐个选择怎么处理（不会自动覆盖）："))
            table = QTableWidget(len(plan.clashes), 2)
            table.setHorizontalHeaderLabels(["包中的模板", "处理方式"])
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for row, clash in enumerate(plan.clashes):
                where = "内置" if clash.shipped else "我的"
                table.setItem(row, 0, QTableWidgetItem(f"{clash.template.name}（与{where}模板“{clash.existing.name}”重名）"))
                combo = QComboBox()
                for key, text in CLASH_CHOICES.items():
                    combo.addItem(text, key)
                combo.setCurrentIndex(list(CLASH_CHOICES).index(RENAME))
                table.setCellWidget(row, 1, combo)
                self.combos[clash.template.id] = combo
            layout.addWidget(table, 1)
        layout.addWidget(QLabel("导入后可在“文件 › 管理已导入的素材包…”中整包移除。"))
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def decisions(self) -> dict[str, str]:
        return {tid: combo.currentData() for tid, combo in self.combos.items()}


class ManagePacksDialog(QDialog):
    """Imported packs; 移除 takes one out (its templates and phrases) after a confirmation."""

    def __init__(self, packs: list[dict], remove, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("已导入的素材包")
        self.resize(640, 360)
        self._remove = remove
        self.list = QListWidget()
        self.packs = list(packs)
        self._fill()
        self.remove_button = QPushButton("移除所选素材包")
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove_button)
        layout.addWidget(buttons)

    def _fill(self) -> None:
        self.list.clear()
        for pack in self.packs:
            self.list.addItem(f"{pack.get('name', '')}（{pack.get('installed', '')[:10]} 导入）："
                              f"模板 {len(pack.get('templates', []))} 个，素材 {len(pack.get('phrases', []))} 条")
        if not self.packs:
            self.list.addItem("还没有导入过素材包。")

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.packs):
            return
        if self._remove(self.packs[row]):
            self.packs.pop(row)
            self._fill()
