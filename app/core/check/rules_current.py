"""Current wording a late-2026 report must get right: outdated formulas (两个务必,
全面建成小康社会 in 四个全面), the full form of fixed statements, 习近平总书记, plan names in
quotes (“十五五”) and old names of bodies (安监局, 卫计委 …) with the current one.

The rules are data (``resources/check/current_terms.toml``; the user may add a file of the
same name in their check folder); a bad entry is reported as file:line and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.core.check.data_files import read_toml
from app.core.check.findings import Finding
from app.core.errors import LoadError
from app.core.text import finditer_in_pieces

TERMS_FILE = "current_terms.toml"
UNLESS_WINDOW = 20


@dataclass(frozen=True)
class Term:
    pattern: re.Pattern[str]
    message: str
    right: str | None = None
    unless: re.Pattern[str] | None = None


def load_terms(path: Path, errors: list[LoadError]) -> list[Term]:
    data = read_toml(path, errors)
    terms = []
    for entry in data.get("term", []):
        try:
            unless = entry.get("unless")
            terms.append(Term(re.compile(str(entry["pattern"])), str(entry["message"]),
                              str(entry["right"]) if "right" in entry else None,
                              re.compile(str(unless)) if unless else None))
        except (KeyError, TypeError, re.error) as exc:
            errors.append(LoadError(str(path), 1,
                                    f"表述“{entry.get('pattern', '?')}”格式不对：{exc}"))
    return terms


def check_current_terms(text: str, terms: list[Term]) -> list[Finding]:
    findings = []
    for term in terms:
        for m in finditer_in_pieces(term.pattern, text):  # (a long draft: no long GIL hold)
            if term.unless is not None and term.unless.search(
                    text, max(0, m.start() - UNLESS_WINDOW), m.start()):
                continue
            suggestion = m.expand(term.right) if term.right is not None else None
            findings.append(Finding("formulation", term.message, m.start(), m.end(), m.group(),
                                    suggestion))
    return findings
