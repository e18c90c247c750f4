"""素材导入: past reports (.docx/.txt, or folders of them) become the user's own phrases.

Each report is recognised with the structure code, split into points (一是……, or whole
body paragraphs where a section has no numbered points), each point classified to
(part, topics), near-duplicates merged (against the bank, the library and each other),
and the rest added to the user's library with the file name as source.  No Qt here: the
window runs ``import_paths`` on a worker thread, the command line runs it directly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.document.outline import NodeKind, build_outline, resolve_template, span_text
from app.core.document.templates import TemplateLibrary
from app.core.errors import DocumentReadError, LibraryError
from app.core.formats.reader import read_document, report_files
from app.core.model import Document, Role
from app.core.phrases.classify import Classifier
from app.core.phrases.library import UserLibrary
from app.core.text import char_bigrams, count_cjk, overlap
from app.core.topics import MAIN_PARTS

MIN_CHARS = 20  # shorter fragments are not worth keeping as a phrase
MAX_CHARS = 600
NEAR_DUPLICATE = 0.8
_SHINGLE = 4
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class ImportedPoint:
    text: str
    part: str  # from the structure where known, else the classifier's
    topics: tuple[str, ...]
    source: str


@dataclass
class ImportReport:
    files: int = 0
    read: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    points: int = 0
    added: int = 0
    merged: int = 0
    by_part: Counter = field(default_factory=Counter)
    cancelled: bool = False

    def summary(self) -> str:
        """The Chinese summary the window and the command line show."""
        head = (f"读取文件 {self.read}/{self.files} 个，识别要点 {self.points} 条，"
                f"新增素材 {self.added} 条，合并重复或近似 {self.merged} 条。")
        lines = [head]
        if self.by_part:
            lines.append("新增按部分：" + "，".join(f"{p} {n} 条" for p, n in self.by_part.most_common()))
        for name, reason in self.failed:
            lines.append(f"未能导入“{name}”：{reason}")
        if self.cancelled:
            lines.append("导入已取消；取消前读取的素材已保存。")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"files": self.files, "read": self.read, "points": self.points,
                "added": self.added, "merged": self.merged, "by_part": dict(self.by_part),
                "failed": [{"file": n, "reason": r} for n, r in self.failed],
                "cancelled": self.cancelled}


def extract_points(document: Document, source: str, templates: TemplateLibrary,
                   classifier: Classifier) -> list[ImportedPoint]:
    """The points of a report, each with (part, topics)."""
    paragraphs = document.paragraphs
    outline = build_outline(paragraphs, classifier.topics, resolve_template(document, templates))
    spans: list[tuple[str, str, tuple[str, ...]]] = []
    for node in outline.walk():
        if node.kind == NodeKind.POINT:
            continue
        # A point takes its section heading's topics (（三）担当作为方面 …); under a heading
        # that names no topic (二、产生问题的原因) the classifier reads the whole point,
        # which beats the outline's keywords-of-the-lead guess (45% vs ~66% held out).
        for point in (c for c in node.children if c.kind == NodeKind.POINT):
            spans.append((span_text(paragraphs, point.start, point.stop), point.part,
                          tuple(node.topics)))
        if not any(c.kind == NodeKind.POINT for c in node.children):
            first_child = next((c.start[0] for c in node.children), node.stop[0])
            for i in range(node.block + 1, min(first_child, len(paragraphs))):
                if paragraphs[i].role is Role.BODY:
                    spans.append((paragraphs[i].text, node.part, tuple(node.topics)))
    points = []
    for text, part, topics in spans:
        text = _SPACE_RE.sub("", text.strip()) if count_cjk(text) else text.strip()
        if count_cjk(text) < MIN_CHARS:
            continue
        text = text[:MAX_CHARS]
        guess = classifier.classify(text)
        final_part = part if part in MAIN_PARTS else guess.part
        points.append(ImportedPoint(text, final_part, topics or tuple(guess.topics), source))
    return points


class NearDuplicates:
    """Finds texts that nearly repeat one already seen (4-character shingles, then bigrams)."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = {}
        self._grams: list[set[str]] = []

    @staticmethod
    def _shingles(text: str) -> set[str]:
        chars = "".join(c for c in text if c.isalnum())
        return {chars[i:i + _SHINGLE] for i in range(max(len(chars) - _SHINGLE + 1, 1))}

    def seen(self, text: str) -> bool:
        shingles = self._shingles(text)
        hits: Counter[int] = Counter()
        for s in shingles:
            hits.update(self._postings.get(s, ()))
        if hits:
            grams = char_bigrams(text)
            for other, shared in hits.most_common(5):
                if shared < 0.3 * len(shingles):
                    break
                mine, theirs = grams, self._grams[other]
                if overlap(mine, theirs) >= NEAR_DUPLICATE:
                    return True
        return False

    def add(self, text: str) -> None:
        number = len(self._grams)
        self._grams.append(char_bigrams(text))
        for s in self._shingles(text):
            self._postings.setdefault(s, []).append(number)


Progress = Callable[[int, int, str], bool]  # (done, total, file name) -> keep going?


def import_paths(paths: Iterable[Path], library: UserLibrary, known_texts: Iterable[str],
                 templates: TemplateLibrary, classifier: Classifier,
                 progress: Progress | None = None) -> ImportReport:
    """Import every report under ``paths`` into ``library``; see the module docstring."""
    files = report_files(paths)
    report = ImportReport(files=len(files))
    dupes = NearDuplicates()
    for text in known_texts:
        dupes.add(text)
    for number, path in enumerate(files):
        if progress is not None and not progress(number, len(files), path.name):
            report.cancelled = True
            break
        try:
            document = read_document(path)
        except DocumentReadError as exc:
            report.failed.append((path.name, str(exc)))
            continue
        report.read += 1
        fresh = []
        for point in extract_points(document, path.name, templates, classifier):
            report.points += 1
            if dupes.seen(point.text):
                report.merged += 1
                continue
            dupes.add(point.text)
            fresh.append((point.text, point.part, point.topics, point.source))
        try:
            report.added += library.add_many(fresh)
        except LibraryError as exc:
            report.failed.append((path.name, str(exc)))
            continue
        report.by_part.update(entry[1] for entry in fresh)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report
