"""素材 › 按问题起草措施… and 文件 › 导入上年度整改清单…, and the draft's problems for the phrase
panel's 对应问题 group (issue 17).

The engine does the work (``app.core.phrases.chain``, ``app.core.formats.last_year``); this module
asks, inserts the drafted paragraphs as one undo step after what the user wrote (never over it)
and tells the user what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFileDialog, QMenu, QMenuBar, QMessageBox, QWidget

from app.core.document.grammar import int_to_cn
from app.core.document.outline import NodeKind, point_ordinal_at
from app.core.document.pairing import Item
from app.core.model import Role
from app.core.phrases.chain import draft_measures, written_problems
from app.core.phrases.phrasebank import used_phrase_ids
from app.core.topics import Part
from app.ui.host import WindowHost
from app.ui.panes.editor import Editor
from app.ui.panes.phrase_pane import PhrasePanel

DRAFT_MEASURES_TEXT = "按问题起草措施(&D)…"
IMPORT_LAST_YEAR_TEXT = "导入上年度整改清单(&Y)…"
PER_ASPECT, PER_PROBLEM = "按方面（每个方面一段）", "按问题（每个问题一段）"


class ChainActions(QObject):
    """The two menu items, and the problems the phrase panel's 对应问题 group answers."""

    def __init__(self, parent: QWidget, host: WindowHost, editor: Editor, phrases: PhrasePanel) -> None:
        super().__init__(parent)
        self._parent = parent
        self.host = host
        self.editor = editor
        self._problems: tuple[object, list[Item]] = (None, [])
        phrases.problem_source = self.problems
        self.draft_action = self._item(DRAFT_MEASURES_TEXT, self.draft_measures_dialog,
                                       "从已写的问题起草“整改措施”：每个方面或每个问题一段，留出待填写的内容")
        self.import_action = self._item(IMPORT_LAST_YEAR_TEXT, self.import_last_year_dialog,
                                        "读取上年度的整改清单或对照检查材料，起草“上年度整改落实情况”")

    def _item(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self._parent)
        action.setStatusTip(tip)
        action.triggered.connect(lambda: slot())
        return action

    def add_to_menus(self, bar: QMenuBar) -> None:
        """素材 › 按问题起草措施 at the end; 文件 › 导入上年度整改清单 after 导出整改清单."""
        menus = {a.text(): a.menu() for a in bar.actions()}
        material, file_menu = menus.get("素材(&M)"), menus.get("文件(&F)")
        material = material if isinstance(material, QMenu) else None
        file_menu = file_menu if isinstance(file_menu, QMenu) else None
        if material is not None:
            material.addAction(self.draft_action)
        if file_menu is not None:
            items = file_menu.actions()
            after = next((i for i, a in enumerate(items) if a.text().startswith("导出整改清单")), None)
            if after is not None and after + 1 < len(items):
                file_menu.insertAction(items[after + 1], self.import_action)
            else:
                file_menu.addAction(self.import_action)

    # --- the draft's problems -------------------------------------------------------------------
    def problems(self) -> list[Item]:
        """The problems written in the draft, in order (recomputed when the outline changes)."""
        draft = self.host.draft
        if self._problems[0] is not draft.outline:
            self._problems = (draft.outline, written_problems(draft.outline, draft.paragraphs(),
                                                              self.host.services.classifier))
        return self._problems[1]

    # --- inserting -------------------------------------------------------------------------------
    def _insert_after(self, block_number: int, lines: list[tuple[Role, str]]) -> int:
        """Insert paragraphs after block ``block_number`` as one undo step; returns the position
        of the first one."""
        draft = self.host.draft
        block = draft.qdoc.findBlockByNumber(block_number)
        cursor = QTextCursor(draft.qdoc)
        cursor.setPosition(block.position() + block.length() - 1)
        cursor.beginEditBlock()
        first = -1
        for role, text in lines:
            if block.text().strip() or first >= 0:
                cursor.insertBlock(draft.look.block_format(role))
            else:  # an empty paragraph at the end is used, not kept
                cursor.setBlockFormat(draft.look.block_format(role))
            if first < 0:
                first = cursor.block().position()
            cursor.insertText(text, QTextCharFormat())
        cursor.endEditBlock()
        draft.flush()
        return first

    def _end_of_sections(self) -> int:
        """The last paragraph before the closing (结尾), or the last paragraph."""
        outline = self.host.draft.outline
        closing = next((n for n in outline.sections if n.kind == NodeKind.CLOSING), None)
        last = self.host.draft.qdoc.blockCount() - 1
        return max(0, closing.block - 1) if closing is not None else last

    def _h1_count(self) -> int:
        return sum(1 for n in self.host.draft.outline.sections if n.kind == NodeKind.SECTION and n.level == 1)

    # --- 按问题起草措施 -----------------------------------------------------------------------------
    def _ask_per(self) -> str | None:
        box = QMessageBox(QMessageBox.Icon.Question, "按问题起草措施",
                          "从已写的问题起草“整改措施”，插入在措施部分已有内容之后，不改动已写的文字。\n"
                          "每段措施来自素材库，其中 {单位} 等待填写的内容请逐项补充（Tab 键跳到下一处）。",
                          QMessageBox.StandardButton.NoButton, self._parent)
        aspect = box.addButton(PER_ASPECT, QMessageBox.ButtonRole.AcceptRole)
        problem = box.addButton(PER_PROBLEM, QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "aspect" if clicked is aspect else "problem" if clicked is problem else None

    def draft_measures_dialog(self, per: str | None = None) -> int:
        """Draft the 措施 section; returns the number of paragraphs inserted."""
        w, draft = self.host, self.host.draft
        draft.flush()
        problems = self.problems()
        if not problems:
            w.warn("按问题起草措施", "还没有写问题：请先在“检视的问题”部分写好问题，再按问题起草措施。")
            return 0
        per = per or self._ask_per()
        if per is None:
            return 0
        outline = draft.outline
        text = draft.qdoc.toPlainText()
        used = used_phrase_ids(text, w.services.index.phrases)
        measures = next((n for n in outline.sections if n.kind == NodeKind.SECTION and n.part == Part.MEASURE),
                        None)
        lines: list[tuple[Role, str]] = []
        if measures is not None:
            after = max(measures.block, measures.stop[0] - 1 if measures.stop[1] == 0 else measures.stop[0])
            block = draft.qdoc.findBlockByNumber(after)
            first = point_ordinal_at(outline, (after, len(block.text())))
        else:
            after, first = self._end_of_sections(), 1
            lines.append((Role.H1, f"{int_to_cn(self._h1_count() + 1)}、整改措施"))
        drafted = draft_measures(w.services.index, outline, problems, per, used, first)
        if not drafted:
            w.warn("按问题起草措施", "素材库中没有找到与这些问题对应的措施。")
            return 0
        lines += [(Role.BODY, t) for t in drafted]
        position = self._insert_after(after, lines)
        self.editor.go_to(position)
        w.notify(f"已起草 {len(drafted)} 段措施；撤销（Ctrl+Z）可一次全部去掉。", 8000)
        return len(drafted)

    # --- 导入上年度整改清单 -------------------------------------------------------------------------
    def import_last_year_dialog(self, path: str | None = None) -> int:
        """Draft 上年度整改落实情况 from a file; returns the number of measures listed."""
        from app.core.formats.docx_read import DocumentReadError
        from app.core.formats.last_year import draft_section, read_last_year

        w = self.host
        if path is None:
            start = str(w.draft.path.parent) if w.draft.path else str(Path.home())
            path, _ = QFileDialog.getOpenFileName(self._parent, "导入上年度整改清单", start,
                                                  "整改清单或材料 (*.docx *.txt);;所有文件 (*)")
            if not path:
                return 0
        try:
            items = read_last_year(Path(path), w.services)
        except DocumentReadError as exc:
            w.warn("导入上年度整改清单", str(exc))
            return 0
        w.draft.flush()
        lines = draft_section(items, self._h1_count() + 1)
        position = self._insert_after(self._end_of_sections(),
                                      [(Role.H1, lines[0])] + [(Role.BODY, t) for t in lines[1:]])
        self.editor.go_to(position)
        w.notify(f"已起草“上年度整改落实情况”，共 {len(lines) - 1} 项措施，"
                 "请逐项选择“已完成/持续推进”并写明做法。", 8000)
        return len(lines) - 1
