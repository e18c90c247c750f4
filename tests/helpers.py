"""Helpers shared by tests in several folders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from app.core.check.source import CheckInput, normalise_newlines
from app.core.document.numbering import recognize_text
from app.core.model import Document
from app.core.text import char_bigrams, overlap

ROOT = Path(__file__).resolve().parents[1]
PROOFREAD_KINDS = ("bracket", "quote", "halfwidth", "pause", "repeat", "wrong_form", "formulation",
                   "numbering", "placeholder", "confusable", "dedide", "runon", "space", "hidden_control")
STRUCTURE_KINDS = ("structure_aspect", "structure_measure", "structure_cause", "structure_length", "structure_example")
_SPACE_RE = re.compile(r"\s+")


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    """``python -m app ARGS`` as a user runs it, with ``home`` as the user data folder."""
    env = {"MINGJING_HOME": str(home), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def squash_space(text: str) -> str:
    """Remove every whitespace character (for 'whitespace aside' comparisons)."""
    return _SPACE_RE.sub("", text)


def bigram_similarity(a: str, b: str) -> float:
    """Share of the shorter string's character bigrams found in the other (0..1)."""
    return overlap(char_bigrams(a), char_bigrams(b))


def text_input(text: str) -> CheckInput:
    """A check's input from text typed in a test (as the 检查 pane builds it from the editor)."""
    text = normalise_newlines(text)
    return CheckInput(text, Document(recognize_text(text)))


def apply_suggestions(text: str, findings) -> str:
    """``text`` with every finding's suggestion put in (what 采用建议 on all of them gives)."""
    for f in sorted(findings, key=lambda f: -f.start):
        if f.suggestion is not None:
            text = text[:f.start] + f.suggestion + text[f.end:]
    return text
