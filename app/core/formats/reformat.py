"""一键排版: any .txt or .docx report in, the official-format .docx (or 整改清单) out.

Shared by ``python -m app format`` and the window's 文件 › 一键排版….  The input file is
never written to.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from app.core.document.outline import build_outline, resolve_template
from app.core.document.templates import Template, TemplateLibrary
from app.core.errors import DocumentReadError, FormatError, SaveError
from app.core.formats.docx_write import write_docx
from app.core.formats.export_options import ExportOptions
from app.core.formats.reader import read_document
from app.core.formats.rectification import write_rectification
from app.core.formats.tidy import tidy_paragraphs
from app.core.model import Document
from app.core.topics import TopicClassifier


@dataclass
class FormatResult:
    output: Path
    paragraphs: int
    headings: int
    chars: int
    template: str | None  # the template's name, when one was given or recognised
    rows: int | None = None  # rows of the 整改清单
    unmatched: int | None = None  # problems without a measure
    changes: list[str] = field(default_factory=list)  # what was fixed on the way (tidy.py)

    def to_json(self) -> dict:
        return {"output": str(self.output), "paragraphs": self.paragraphs, "headings": self.headings,
                "chars": self.chars, "template": self.template, "rows": self.rows,
                "unmatched": self.unmatched, "changes": self.changes}


def default_output(source: Path, rectification: bool = False) -> Path:
    suffix = "_整改清单" if rectification else "_排版"
    return source.with_name(f"{source.stem}{suffix}.docx")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_output(source: Path, output: Path) -> None:
    """Refuse to write over the original or to anything but a .docx."""
    if _same_file(source, output):
        raise FormatError(f"输出文件不能与原文件“{source.name}”相同：一键排版不会覆盖原稿，请换一个文件名。")
    if output.suffix.lower() != ".docx":
        raise FormatError(f"输出文件“{output.name}”必须是 .docx 文件。")


def find_template(library: TemplateLibrary, wanted: str) -> Template:
    wanted = wanted.strip()
    for template in library.templates:
        if wanted in (template.id, template.name):
            return template
    names = "、".join(f"{t.id}（{t.name}）" for t in library.templates)
    raise FormatError(f"没有名为“{wanted}”的模板。可用的模板：{names}")


def format_document(document: Document, source: Path, output: Path, library: TemplateLibrary,
                    classifier: TopicClassifier, *, template: Template | None = None,
                    rectification: bool = False,
                    options: ExportOptions | None = None) -> FormatResult:
    """Write ``document`` (read from ``source``) to ``output`` in the official format."""
    check_output(source, output)
    paragraphs, changes = tidy_paragraphs(document.paragraphs)
    document = Document(paragraphs, document.template_id)
    template = template or resolve_template(document, library)
    if template is not None:
        document = Document(document.paragraphs, template.id)
    outline = build_outline(document.paragraphs, classifier, template)
    headings = sum(1 for p in document.paragraphs if p.role.is_heading)
    result = FormatResult(output, len(document.paragraphs), headings, outline.total_chars,
                          template.name if template else None, changes=[str(c) for c in changes])
    try:
        if rectification:
            rows = write_rectification(outline, document.paragraphs, output, options, classifier)
            result.rows = len(rows)
            result.unmatched = sum(1 for r in rows if r.to_fill)
        else:
            write_docx(document, output, options)
    except SaveError as exc:
        raise FormatError(str(exc)) from exc
    return result


def format_file(source: Path, output: Path | None, library: TemplateLibrary,
                classifier: TopicClassifier, *, template_name: str | None = None,
                rectification: bool = False, options: ExportOptions | None = None) -> FormatResult:
    """Read ``source`` (.txt/.docx) and write the formatted report; raises ``FormatError``."""
    source = Path(source)
    output = Path(output) if output else default_output(source, rectification)
    check_output(source, output)
    template = find_template(library, template_name) if template_name else None
    try:
        document = read_document(source)
    except DocumentReadError as exc:
        raise FormatError(str(exc)) from exc
    return format_document(document, source, output, library, classifier, template=template,
                           rectification=rectification, options=options)
