"""One report of a unit's materials: read (never written), recognised and checked."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.core.check import Finding, proofread, sort_findings
from app.core.check.config import CheckConfig
from app.core.document.templates import META_PLACEHOLDER, Template, TemplateLibrary
from app.core.formats.docx_io import DocumentReadError
from app.core.model import Document, Role
from app.core.text import count_cjk
from app.core.topics import TopicClassifier

READABLE = (".docx", ".txt")
LISTED = (".docx", ".txt", ".doc", ".wps")  # .doc/.wps: read where LibreOffice can convert them
CRITICISM_TEMPLATE = "相互批评意见"
_DATE_RE = re.compile(r"^\s*[0-9〇零一二三四五六七八九十○Ｏ]{2,4}\s*年\s*[0-9一二三四五六七八九十]{1,2}\s*月")
_NAME_LINE_RE = re.compile(r"^[\u4e00-\u9fff·（）()、\s]{2,24}$")
_ASPECT_RE = re.compile(r"模板要求的“(.+?)”")
NOT_SLIPS = ("formulation", "praise_criticism", "vague_criticism")  # every other 校对 kind is a slip


@dataclass
class ReportRow:
    """What the reviewer's table shows for one file (``error`` set when it could not be read)."""

    path: Path
    author: str = ""
    template: str = ""
    chars: int = 0
    target: tuple[int, int] | None = None
    findings: list[Finding] = field(default_factory=list)
    missing_aspects: list[str] = field(default_factory=list)
    text: str = ""
    error: str = ""
    is_criticism: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def who(self) -> str:
        """The author, or the file name when the report does not say (for headings and lists)."""
        return self.author or self.path.stem

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(f.kind for f in self.findings))

    def count(self, *kinds: str) -> int:
        return sum(1 for f in self.findings if f.kind in kinds)

    def is_slip(self, finding: Finding) -> bool:
        return not finding.kind.startswith("structure_") and finding.kind not in NOT_SLIPS

    @property
    def slips(self) -> int:
        return sum(1 for f in self.findings if self.is_slip(f))

    @property
    def formulations(self) -> int:
        return self.count("formulation")

    @property
    def without_measures(self) -> int:
        return self.count("structure_measure")

    @property
    def without_examples(self) -> int:
        return self.count("structure_example")

    @property
    def length_note(self) -> str:
        """字数 against the target: ``3200 / 3000–6000`` and whether it is short or long."""
        if self.target is None:
            return str(self.chars)
        low, high = self.target
        mark = "（偏少）" if self.chars < low else "（偏多）" if self.chars > high else ""
        return f"{self.chars} / {low}–{high}{mark}"


def author_of(document: Document) -> str:
    """The author line: a name/position line under the title, else the signature above the
    closing date, else a 姓名： line; '' when the report does not say."""
    for para in document.paragraphs[:6]:
        text = para.text.strip()
        if para.role is Role.META and text and text != META_PLACEHOLDER and not _DATE_RE.match(text):
            return text[:30]
    filled = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if len(filled) >= 2 and _DATE_RE.match(filled[-1]) and _NAME_LINE_RE.match(filled[-2]):
        return filled[-2]
    for text in filled[:4]:
        m = re.match(r"^(?:姓名|单位及职务|职务|作者)[：:]\s*(.{2,24})$", text)
        if m:
            return m.group(1)
    return ""


def read_report(path: Path) -> tuple[str, Document]:
    """Text and document of ``path`` (raises ``DocumentReadError`` with the reason)."""
    from app.core.check.source import read_check_input

    source = read_check_input(path)  # .doc/.wps through LibreOffice where installed, else how to convert
    return source.text, source.document


def check_report(path: Path, library: TemplateLibrary, classifier: TopicClassifier,
                 config: CheckConfig) -> ReportRow:
    """Read and check one file; a file that cannot be read gets a row saying why."""
    from app.core.check.criticism import check_criticism
    from app.core.check.structure_check import check_structure
    from app.core.document.criticism import is_criticism_document
    from app.core.document.outline import resolve_template

    row = ReportRow(Path(path))
    try:
        text, document = read_report(row.path)
    except DocumentReadError as exc:
        row.error = str(exc)
        return row
    except Exception as exc:
        row.error = f"“{row.path.name}”无法读取（{type(exc).__name__}），文件可能已损坏。"
        return row
    row.text = text
    row.author = author_of(document)
    row.chars = count_cjk(text)
    findings = proofread(text, config)
    if is_criticism_document(document):
        row.is_criticism = True
        row.template = CRITICISM_TEMPLATE
        findings += check_criticism(document.paragraphs, text)
    else:
        template: Template | None = resolve_template(document, library)
        row.template = template.name if template else ""
        row.target = template.target_chars if template else (3000, 6000)
        findings += check_structure(document.paragraphs, text, classifier, template)
        row.missing_aspects = [m.group(1) for f in findings if f.kind == "structure_aspect"
                               for m in [_ASPECT_RE.search(f.message)] if m]
    row.findings = sort_findings(findings)
    return row
