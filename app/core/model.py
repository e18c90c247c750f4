"""The document model shared by the window, the command line and the file formats.

A document is a flat list of paragraphs, each with a role.  Heading roles follow from
the numbering at the start of the text (一、 / （一） / 1. / （1）); the title and the
name/date lines are roles of their own.  The section tree (``app.core.document.outline``) is
derived from this list, so the editor, the readers and the writers only ever have to
agree on one simple thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    TITLE = "title"
    META = "meta"  # name / position / date lines under the title
    H1 = "h1"  # 一、
    H2 = "h2"  # （一）
    H3 = "h3"  # 1. / 1、
    H4 = "h4"  # （1）
    BODY = "body"

    @property
    def level(self) -> int:
        """Outline level of a heading role (1 = 一、); 0 for anything else."""
        return _LEVELS.get(self, 0)

    @property
    def is_heading(self) -> bool:
        return self.level > 0


HEADING_ROLES = {1: Role.H1, 2: Role.H2, 3: Role.H3, 4: Role.H4}
_LEVELS = {role: level for level, role in HEADING_ROLES.items()}


@dataclass
class Paragraph:
    role: Role
    text: str


@dataclass
class Document:
    """What a file holds: paragraphs plus the template they were made from, if known."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    template_id: str | None = None
    notice: str | None = field(default=None, compare=False)  # a reader's warning (replaced bytes)

    @property
    def title(self) -> str:
        for para in self.paragraphs:
            if para.role is Role.TITLE:
                return para.text
        return ""

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)
