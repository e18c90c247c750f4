"""The 检查 panel: findings of 校对 / 结构检查 / 雷同比对, underlined in the editor.

The panel works on the one ``DraftDocument``; it never touches the editor widget itself.
It emits ``jumpRequested(start, end)`` and ``underlinesChanged(spans)`` and the main window
passes them to the editor (``underline`` below).  Findings follow edits: positions after an
edit are shifted at once, overlapping ones dropped, and the check re-runs after a pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.check import add_to_whitelist, finding_key, load_check_config, proofread
from app.core.check.findings import Finding, sort_findings
from app.core.services import Services
from app.ui.draft import DraftDocument

if TYPE_CHECKING:  # imported when first used: they pull in rapidfuzz and python-docx
    from app.core.check.similarity import SimilarityIndex

RECHECK_DELAY_MS = 700
MODES = {"proofread": "校对", "structure": "结构检查", "similarity": "雷同比对"}
_COLOURS = {"proofread": "#d0021b", "structure": "#1f6fd1", "similarity": "#e08a00"}


@dataclass
class Shown:
    """A finding with its span in document positions (UTF-16 units, as Qt counts)."""

    finding: Finding
    start: int
    end: int


def qt_offsets(text: str):
    """Map Python character offsets to Qt positions (they differ after non-BMP characters)."""
    if all(ord(c) < 0x10000 for c in text):
        return lambda offset: offset
    extra = [0]
    for c in text:
        extra.append(extra[-1] + (1 if ord(c) >= 0x10000 else 0))
    return lambda offset: offset + extra[min(offset, len(text))]


def underline(editor: QTextEdit, spans: list[tuple[int, int, str]]) -> None:
    """Wavy underlines for ``spans`` (start, end, colour) as the editor's extra selections."""
    selections = []
    doc = editor.document()
    for start, end, colour in spans:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(doc)
        cursor.setPosition(max(0, min(start, doc.characterCount() - 1)))
        cursor.setPosition(max(0, min(end, doc.characterCount() - 1)), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(colour))
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    editor.setExtraSelections(selections)


class CheckPanel(QWidget):
    jumpRequested = Signal(int, int)  # start, end (document positions)
    underlinesChanged = Signal(list)  # [(start, end, colour)]

    def __init__(self, draft: DraftDocument, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("checkPanel")
        self.draft = draft
        self.services = services
        self.mode = "proofread"
        self.shown: list[Shown] = []
        self.ignored: set[tuple[str, str, str]] = set()
        self.similarity_index: SimilarityIndex | None = None
        self._text = ""
        self._config = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("检查结果")
        self.list.setWordWrap(True)
        self.fix_button = QPushButton("采用建议")
        self.ignore_button = QPushButton("忽略")
        self.whitelist_button = QPushButton("加入白名单")
        self.recheck_button = QPushButton("重新检查")
        buttons = QHBoxLayout()
        for button in (self.fix_button, self.ignore_button, self.whitelist_button, self.recheck_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_DELAY_MS)
        self._timer.timeout.connect(self.recheck)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda item: self.jump_to(self.list.row(item)))
        self.list.itemClicked.connect(lambda item: self.jump_to(self.list.row(item)))
        self.fix_button.clicked.connect(lambda: self.apply_fix(self.list.currentRow()))
        self.ignore_button.clicked.connect(lambda: self.ignore(self.list.currentRow()))
        self.whitelist_button.clicked.connect(lambda: self.add_whitelist(self.list.currentRow()))
        self.recheck_button.clicked.connect(self.recheck)
        draft.qdoc.contentsChange.connect(self._on_edit)
        self._update_buttons()

    # --- running the checks ------------------------------------------------------------
    @property
    def config(self):
        if self._config is None:
            self._config = load_check_config(self.services.user_dir)
        return self._config

    def run(self, mode: str, sources: list[tuple[str, str]] | None = None) -> None:
        """Run a check now; for 雷同比对, ``sources`` are (name, text) of other drafts."""
        self.mode = mode
        if mode == "similarity":
            from app.core.check.similarity import SimilarityIndex, phrasebank_text

            index = SimilarityIndex()
            for name, text in sources or []:
                index.add(name, text)
            index.add("素材库", phrasebank_text(self.services.phrasebank.phrases))
            self.similarity_index = index
        self.recheck()

    def recheck(self) -> None:
        self._timer.stop()
        paragraphs = self.draft.paragraphs()
        text = "\n".join(p.text for p in paragraphs)  # block texts: positions match the editor
        summary = ""
        if self.mode == "proofread":
            findings = proofread(text, self.config)
        elif self.mode == "structure":
            from app.core.check.structure_check import check_structure

            findings = check_structure(paragraphs, text, self.services.classifier, self.draft.template)
        else:
            findings, summary = self._similarity(text)
        findings = [f for f in sort_findings(findings)
                    if finding_key(text, f) not in self.ignored]
        self._text = text
        count = f"{MODES[self.mode]}：发现 {len(findings)} 处" if findings else f"{MODES[self.mode]}：未发现问题"
        self.summary.setText(count + (f"\n{summary}" if summary else ""))
        self._show(findings)

    def _current_text(self) -> str:
        return "\n".join(block.text() for block in self.draft.blocks())

    def _show(self, findings: list[Finding]) -> None:
        to_qt = qt_offsets(self._text)
        self.shown = [Shown(f, to_qt(f.start), to_qt(f.end)) for f in findings]
        self._fill()

    def _similarity(self, text: str) -> tuple[list[Finding], str]:
        if self.similarity_index is None:
            return [], ""
        from app.core.check.similarity import NEAR_COPY, compare

        report = compare(text, self.similarity_index)
        findings = [Finding("similarity", f"与“{m.source}”相似 {m.similarity:.0%}：{m.source_text}",
                            m.sentence.start, m.sentence.end, m.sentence.text)
                    for m in report.sentences if m.similarity >= NEAR_COPY]
        shares = "；".join(f"{s.name} {s.near:.0%}" for s in report.sources[:5])
        summary = f"照搬或近似照搬占全文 {report.near_share:.0%}" + (f"（{shares}）" if shares else "")
        return findings, summary

    def _fill(self) -> None:
        self.list.clear()
        for shown in self.shown:
            f = shown.finding
            fix = f" → “{f.suggestion}”" if f.suggestion is not None else ""
            label = "雷同" if f.kind == "similarity" else f.label
            item = QListWidgetItem(f"【{label}】“{f.text[:30]}”{fix}\n{f.message}")
            item.setToolTip(f.message)
            self.list.addItem(item)
        self._emit_underlines()
        self._update_buttons()

    def _emit_underlines(self) -> None:
        colour = _COLOURS[self.mode]
        self.underlinesChanged.emit([(s.start, s.end, colour) for s in self.shown])

    def clear(self) -> None:
        """Forget the findings and their underlines (the panel was closed)."""
        self._timer.stop()
        self.shown = []
        self.list.clear()
        self.underlinesChanged.emit([])

    # --- following edits ---------------------------------------------------------------------
    def _on_edit(self, *_args) -> None:
        """Keep findings on their words while typing; re-run the check after a pause.

        Qt reports format-only changes (the highlighter) as edits too, so the edited range is
        found by comparing the text before and after.
        """
        if not self.shown or not self.isVisible():
            return
        text = self._current_text()
        old = self._text
        if text == old:
            return
        limit = min(len(old), len(text))
        prefix = 0
        while prefix < limit and old[prefix] == text[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == text[-1 - suffix]:
            suffix += 1
        old_end, delta = len(old) - suffix, len(text) - len(old)
        kept = []
        for f in (s.finding for s in self.shown):
            if f.end <= prefix:
                kept.append(f)
            elif f.start >= old_end:
                kept.append(f.shifted(delta))
        self._text = text
        self._show(kept)
        self._timer.start()

    # --- actions ----------------------------------------------------------------------------
    def _current(self, row: int) -> Shown | None:
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _update_buttons(self, *_args) -> None:
        shown = self._current(self.list.currentRow())
        self.fix_button.setEnabled(bool(shown and shown.finding.suggestion is not None))
        self.ignore_button.setEnabled(shown is not None)
        self.whitelist_button.setEnabled(bool(shown and self.mode == "proofread"))

    def jump_to(self, row: int) -> None:
        shown = self._current(row)
        if shown:
            self.jumpRequested.emit(shown.start, shown.end)

    def apply_fix(self, row: int) -> bool:
        """Replace the span with the suggestion as one undo step."""
        shown = self._current(row)
        if shown is None or shown.finding.suggestion is None:
            return False
        cursor = QTextCursor(self.draft.qdoc)
        cursor.setPosition(shown.start)
        cursor.setPosition(shown.end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != shown.finding.text:
            self.recheck()  # the text moved under us; show fresh findings instead
            return False
        cursor.beginEditBlock()
        cursor.insertText(shown.finding.suggestion)
        cursor.endEditBlock()
        self.recheck()
        return True

    def ignore(self, row: int) -> None:
        shown = self._current(row)
        if shown:
            self.ignored.add(finding_key(self._text, shown.finding))
            self.recheck()

    def add_whitelist(self, row: int) -> None:
        shown = self._current(row)
        if shown is None:
            return
        try:
            add_to_whitelist(Path(self.services.user_dir), shown.finding.text)
        except OSError as exc:
            QMessageBox(QMessageBox.Icon.Warning, "无法加入白名单",
                        f"白名单文件无法写入：{exc.strerror or exc}。", QMessageBox.StandardButton.Ok,
                        self).exec()
            return
        self._config = None
        self.recheck()
