"""The engine's errors, in one place: every exception carries a message in Chinese that the
window and the commands show as it is (``str(exc)``), and all share one base, so a caller can
catch "any error the user should read" with ``MingjingError``.

``LoadError`` is not an exception: it is a record of one bad entry of a data file, collected
while loading so that one bad line does not stop the rest.
"""

from __future__ import annotations

from dataclasses import dataclass


class MingjingError(Exception):
    """An error whose ``str()`` is a Chinese message for the user."""


class DocumentReadError(MingjingError):
    """A file could not be read (.docx or .txt)."""


class SaveError(MingjingError):
    """A save failed."""


class LibraryError(MingjingError):
    """The user's library refused a change, or could not be opened."""


class FormatError(MingjingError):
    """一键排版 could not be done."""


class RestructureError(MingjingError, ValueError):
    """A move or edit that the outline does not allow."""


@dataclass(frozen=True)
class LoadError:
    """A problem with one entry of a data file, in words a user can act on."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"
