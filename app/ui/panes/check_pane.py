"""The 检查 panel: findings of 校对 / 结构检查 / 雷同比对, underlined in the editor.

The panel works on the one ``DraftDocument``; it never touches the editor widget itself.
It emits ``jumpRequested(start, end)`` and ``underlinesChanged(spans)`` and the main window
passes them to the editor (``underline`` below).  Findings follow edits: positions after an
edit are shifted at once, overlapping ones dropped, and the check re-runs after a pause.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.check import add_to_whitelist, finding_key, load_check_config, proofread
from app.core.check.confusable import cold_lines, warm_lines
from app.core.check.findings import Finding, sort_findings
from app.core.services import Services
from app.ui.draft import DraftDocument
from app.ui.long_jobs import JobScope, LongJobs
from app.ui.off_thread import OffThread

if TYPE_CHECKING:  # imported when first used: they pull in rapidfuzz and python-docx
    from app.core.check.similarity import SimilarityIndex

RECHECK_DELAY_MS = 700
OFF_THREAD_CHARS = 20_000  # a draft this long is checked on a worker thread (30,000 字: 100-130 ms)
CHECK_JOB = "check"
LISTED = 500  # findings listed at most (all are underlined)
COLD_LINES = 40  # a first check with more unscored paragraphs scores confusables in slices
SOURCE_FILTER = "文稿 (*.docx *.doc *.wps *.txt)"
BANK_SOURCE = "素材库"
MODES = {"proofread": "校对", "structure": "结构检查", "similarity": "雷同比对"}
_BANK_COLOUR = "#2e8b57"  # stock phrasing: a hint, not a fault
_COLOURS = {"proofread": "#d0021b", "structure": "#1f6fd1", "similarity": "#e08a00"}


@dataclass
class Shown:
    """A finding with its span in document positions (UTF-16 units, as Qt counts)."""

    finding: Finding
    start: int
    end: int


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def qt_offsets(text: str) -> Callable[[int], int]:
    """Map Python character offsets to Qt positions (they differ after non-BMP characters,
    two UTF-16 units each).  Found by a regular expression: a loop over the characters took
    40 ms on a 1 MB draft."""
    astral = [m.start() for m in _ASTRAL_RE.finditer(text)]
    if not astral:
        return lambda offset: offset
    return lambda offset: offset + bisect_left(astral, offset)


def common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at the start: halving, comparing slices in C
    (a loop over the characters took tens of ms per keystroke in a 1 MB draft)."""
    return _longest_same(min(len(a), len(b)), lambda low, mid: a[low:mid] == b[low:mid])


def common_suffix(a: str, b: str, limit: int) -> int:
    """How many characters (at most ``limit``) ``a`` and ``b`` share at the end."""
    return _longest_same(limit, lambda low, mid: a[len(a) - mid:len(a) - low] == b[len(b) - mid:len(b) - low])


def _longest_same(limit: int, same: Callable[[int, int], bool]) -> int:
    """The largest n <= ``limit`` whose first n units agree, by halving; ``same(low, mid)``
    compares units low..mid (the first ``low`` are known to agree)."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if same(low, mid):
            low = mid
        else:
            high = mid - 1
    return low


class CheckPanel(QWidget):
    jumpRequested = Signal(int, int)  # start, end (document positions)
    underlinesChanged = Signal(list)  # [(start, end, colour)]

    def __init__(self, draft: DraftDocument, services: Services, parent=None,
                 jobs: JobScope | None = None) -> None:
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
        self._warm_timer = QTimer(self, singleShot=True, interval=0)
        self._warm_timer.timeout.connect(self._warm_step)
        self._worker = OffThread(self._checked, self, (jobs or LongJobs().scope()).track(CHECK_JOB))
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda item: self.jump_to(self.list.row(item)))
        self.list.itemClicked.connect(lambda item: self.jump_to(self.list.row(item)))
        self.fix_button.clicked.connect(lambda: self.apply_fix(self.list.currentRow()))
        self.ignore_button.clicked.connect(lambda: self.ignore(self.list.currentRow()))
        self.whitelist_button.clicked.connect(lambda: self.add_whitelist(self.list.currentRow()))
        self.recheck_button.clicked.connect(self.recheck)
        draft.qdoc.contentsChange.connect(self._on_edit)
        draft.loaded.connect(self._on_new_document)
        self._update_buttons()

    # --- running the checks ------------------------------------------------------------
    @property
    def config(self):
        if self._config is None:
            self._config = load_check_config(self.services.user_dir)
            if self._config.errors:
                import sys

                from app.core.check.config import config_error_report

                print(f"注意：{config_error_report(self._config)}", file=sys.stderr)
        # Confusable characters need jieba's dictionary: built on the loader thread, used
        # as soon as it is there (getattr: Services stand-ins in tests may lack it).
        self._config.lexicon = getattr(self.services, "lexicon", None)
        return self._config

    def run(self, mode: str, sources: list[tuple[str, str]] | None = None) -> None:
        """Run a check now; for 雷同比对, ``sources`` are (name, text) of other drafts."""
        self.mode = mode
        if mode == "similarity":
            from app.core.check.similarity import SimilarityIndex, phrasebank_text

            index = SimilarityIndex()
            for name, text in sources or []:
                index.add(name, text)
            index.add(BANK_SOURCE, phrasebank_text(self.services.phrasebank.phrases))
            self.similarity_index = index
        self.recheck()

    def recheck(self) -> None:
        """Check the draft as it is now.  A long draft (or any while a check still runs) is
        checked on a worker thread: 校对 of 300,000 字 took over a second, 结构检查 of 1 MB
        1.5 s, all that time a frozen window; the old findings stay listed meanwhile."""
        self._timer.stop()
        paragraphs = self.draft.paragraphs()
        text = "\n".join(p.text for p in paragraphs)  # block texts: positions match the editor
        if len(text) >= OFF_THREAD_CHARS or self._worker.busy:
            self._warm_timer.stop()  # the worker scores every confusable itself
            job = self._job(paragraphs, text, in_slices=False)
            self._worker.run(lambda: (text, *job()))
            self.summary.setText(f"正在{MODES[self.mode]}（文稿较长，在后台进行，可以继续编辑）……")
            return
        self._show_result(text, *self._job(paragraphs, text, in_slices=True)())

    def _job(self, paragraphs: list, text: str, in_slices: bool) -> Callable[[], tuple[list[Finding], str]]:
        """The check of ``text`` in the current mode, as a function that touches no widget;
        ``in_slices``: a long first 校对 leaves confusables to ``_warm_step``."""
        mode = self.mode
        if mode == "proofread":
            pending = in_slices and self._proofread_config(text).confusables_cached_only

            def check() -> tuple[list[Finding], str]:
                config = self.config  # (the first check's tables: read on the worker too)
                if not in_slices:
                    config.confusables_cached_only = False
                findings = proofread(text, config)
                summary = "音近、形近字正在检查，稍候自动补上……" if pending else ""
                if config.errors:
                    from app.core.check.config import config_error_report

                    summary = "\n".join(filter(None, [summary, config_error_report(config)]))
                return findings, summary
            return check
        if mode == "structure":
            from app.core.check.criticism import structure_findings  # 相互批评意见: its own check

            # on the UI thread the draft's outline cache (a re-check after an edit redoes only
            # what changed); a worker takes the plain classifier: the cache is the UI thread's
            topics = self.draft.cache if in_slices else self.services.classifier
            template = self.draft.template
            return lambda: (structure_findings(paragraphs, text, topics, template), "")
        index = self.similarity_index
        return lambda: self._similarity(text, index)

    def _checked(self, result: object) -> None:
        """A worker's check: shown unless the text has been edited since; then the new text
        is checked after the usual pause."""
        text, findings, summary = cast(tuple[str, list[Finding], str], result)
        if not self.isVisible():
            return
        if text == "\n".join(p.text for p in self.draft.paragraphs()):
            self._show_result(text, findings, summary)
        else:
            self._timer.start()

    def _show_result(self, text: str, findings: list[Finding], summary: str) -> None:
        findings = [f for f in sort_findings(findings)
                    if finding_key(text, f) not in self.ignored]
        self._text = text
        count = f"{MODES[self.mode]}：发现 {len(findings)} 处" if findings else f"{MODES[self.mode]}：未发现问题"
        self.summary.setText(count + (f"\n{summary}" if summary else ""))
        self._show(findings)

    @property
    def busy(self) -> bool:
        """A check is running on the worker thread (or waiting for it)."""
        return self._worker.busy

    def _proofread_config(self, text: str):
        """The config for this run: a first check of a long draft leaves confusable characters
        of unscored paragraphs to ``_warm_step`` so the window never freezes for all of them."""
        config = self.config
        lexicon = config.lexicon
        config.confusables_cached_only = (lexicon is not None
                                          and cold_lines(text, lexicon) > COLD_LINES)
        if config.confusables_cached_only:
            self._warm_timer.start()
        return config

    def _warm_step(self) -> None:
        """Score a slice of the paragraphs (≈15 ms), then yield to the event loop; when all
        are scored, check again (now every finding is there)."""
        lexicon = self.config.lexicon
        if self.mode != "proofread" or lexicon is None or self._worker.busy:
            return  # (a check on the worker scores them all)
        if warm_lines(self._current_text(), lexicon):
            self.recheck()
        else:
            self._warm_timer.start()

    def _current_text(self) -> str:
        return "\n".join(block.text() for block in self.draft.blocks())

    def _show(self, findings: list[Finding]) -> None:
        to_qt = qt_offsets(self._text)
        self.shown = [Shown(f, to_qt(f.start), to_qt(f.end)) for f in findings]
        self._fill()

    @staticmethod
    def _similarity(text: str, index: SimilarityIndex | None) -> tuple[list[Finding], str]:
        if index is None:
            return [], ""
        from app.core.check.similarity import NEAR_COPY, compare

        report = compare(text, index)
        findings = []
        for m in report.sentences:
            if m.similarity < NEAR_COPY:
                continue
            if m.source == BANK_SOURCE:  # stock phrasing is expected: a hint, not plagiarism
                message = f"来自素材库（建议结合实际改写）：{m.source_text}"
                kind = "bank"
            else:
                message = f"与“{m.source}”相似 {m.similarity:.0%}：{m.source_text}"
                kind = "similarity"
            findings.append(Finding(kind, message, m.sentence.start, m.sentence.end, m.sentence.text))
        others = [s for s in report.sources if s.name != BANK_SOURCE]
        bank = next((s for s in report.sources if s.name == BANK_SOURCE), None)
        hit = sum(len(m.sentence.key) for m in report.sentences
                  if m.similarity >= NEAR_COPY and m.source != BANK_SOURCE)
        copied = hit / report.total_chars if report.total_chars else 0.0
        shares = "；".join(f"{s.name} {s.near:.0%}" for s in others[:5])
        summary = f"与其他文稿照搬或近似照搬占全文 {copied:.0%}" + (f"（{shares}）" if shares else "")
        if bank is not None and bank.near:
            summary += f"\n来自素材库的表述占全文 {bank.near:.0%}，建议结合实际改写。"
        return findings, summary

    def _fill(self) -> None:
        """The list, at most ``LISTED`` rows: it is made again at every keystroke while the
        findings follow the text, and 4,500 rows took 90 ms (结构检查 of 5 MB)."""
        self.list.clear()
        for shown in self.shown[:LISTED]:
            f = shown.finding
            fix = f" → “{f.suggestion}”" if f.suggestion is not None else ""
            label = {"similarity": "雷同", "bank": "素材库"}.get(f.kind, f.label)
            item = QListWidgetItem(f"【{label}】“{f.text[:30]}”{fix}\n{f.message}")
            item.setToolTip(f.message)
            self.list.addItem(item)
        if len(self.shown) > LISTED:
            more = QListWidgetItem(f"……另有 {len(self.shown) - LISTED} 处未列出（文中已标出），"
                                   "处理以上各处后重新检查即可列出。")
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(more)
        self._emit_underlines()
        self._update_buttons()

    def _emit_underlines(self) -> None:
        colour = _COLOURS[self.mode]
        self.underlinesChanged.emit([(s.start, s.end, _BANK_COLOUR if s.finding.kind == "bank" else colour)
                                     for s in self.shown])

    def clear(self) -> None:
        """Forget the findings and their underlines (the panel was closed)."""
        self._timer.stop()
        self._warm_timer.stop()
        self.shown = []
        self.list.clear()
        self.underlinesChanged.emit([])

    def _on_new_document(self) -> None:
        """Another document was opened or made: the findings of the last one must go.

        While the panel is open the same check runs again on the new text; otherwise the
        list is emptied (nothing stale is ever left to click).
        """
        if self.isVisible():
            self.recheck()
        else:
            self.clear()
            self.summary.setText("")

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
        prefix = common_prefix(old, text)
        suffix = common_suffix(old, text, min(len(old), len(text)) - prefix)
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
        return self.shown[row] if 0 <= row < min(len(self.shown), LISTED) else None

    def _update_buttons(self, *_args) -> None:
        shown = self._current(self.list.currentRow())
        self.fix_button.setEnabled(bool(shown and shown.finding.suggestion is not None))
        self.ignore_button.setEnabled(shown is not None)
        self.whitelist_button.setEnabled(bool(shown and self.mode == "proofread"))

    def _still_there(self, shown: Shown) -> bool:
        cursor = QTextCursor(self.draft.qdoc)
        end = self.draft.qdoc.characterCount() - 1
        if shown.end > end:
            return False
        cursor.setPosition(shown.start)
        cursor.setPosition(shown.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n") == shown.finding.text

    def jump_to(self, row: int) -> None:
        shown = self._current(row)
        if shown is None:
            return
        if not self._still_there(shown):  # the text changed under the list: never select
            self.recheck()               # unrelated words, show fresh findings instead
            return
        self.jumpRequested.emit(shown.start, shown.end)

    def apply_fix(self, row: int) -> bool:
        """Replace the span with the suggestion as one undo step."""
        shown = self._current(row)
        if shown is None or shown.finding.suggestion is None:
            return False
        if not self._still_there(shown):
            self.recheck()  # the text moved under us; show fresh findings instead
            return False
        cursor = QTextCursor(self.draft.qdoc)
        cursor.setPosition(shown.start)
        cursor.setPosition(shown.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(shown.finding.suggestion)
        cursor.endEditBlock()
        self.recheck()
        self._select_next(row)
        return True

    def _select_next(self, row: int) -> None:
        """As Word's spelling pane: after a fix the next finding is selected in the text."""
        if not self.shown:
            return
        row = min(row, len(self.shown) - 1)
        self.list.setCurrentRow(row)
        self.jump_to(row)
        self.list.setFocus()

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


def ask_similarity_sources(parent, start: str) -> list[Path] | None:
    """Files or a folder of other drafts to compare with; None when the user cancelled."""
    from app.ui.dialogs.choose_paths import ask_files_or_folder

    paths = ask_files_or_folder(
        parent, "雷同比对", "与其他人的文稿比对，找出照搬或近似照搬的句子（素材库里的表述单独标出）。\n"
        "请选择要比对的文稿，或一个存放文稿的文件夹（含子文件夹）。",
        "选择要比对的其他文稿（可多选）", "选择存放其他文稿的文件夹", start, SOURCE_FILTER)
    return paths or None
