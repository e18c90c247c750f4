"""Error types shared across the engine."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoadError:
    """A problem with one entry of a data file, in words a user can act on."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"
