"""Per-paragraph facts the outline is built from, memoised by paragraph text.

Building the outline after a keystroke only rescans the paragraph that changed: every other
paragraph's heading match, point markers and 字数 come from the cache.  The cache belongs to
its owner (a document or a caller), never to the module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from typing import TypeVar

from app.core.document.grammar import SENTENCE_END, SEQ_WORDS, canonical_marker, find_points
from app.core.document.numbering import HeadingMatch, match_heading, split_run_in_heading
from app.core.document.templates import match_aspect
from app.core.text import cjk_prefix_counts
from app.core.topics import TopicClassifier

_LEAD_END_RE = re.compile(f"[{SENTENCE_END}]")
# What opens or marks a closing paragraph (结尾) after the last section.
_CLOSING_START_RE = re.compile(
    r"^[\s\u3000]*(以上|在今后|今后|下一步|我将|我决心|我一定|总之|恳请|请各位|请同志们|借此|以此次|我会)")
_CLOSING_ANYWHERE_RE = re.compile(r"批评指正|帮助指正|再上新台阶|新的起点|新起点|不吝赐教|敬请")
# Only a closing says these: enough to end a section that has no body of its own yet.
_CLOSING_SURE_RE = re.compile(r"^[\s\u3000]*以上|批评指正|帮助指正|不吝赐教")
_MAX_CACHE = 20000
_MAX_MEMO_SIZE = 100_000  # characters, per table of OutlineCache.memo
T = TypeVar("T")


def strip_title(text: str) -> str:
    return text.strip().rstrip("。：:；;，,")


def lead_sentence(text: str) -> str:
    """The first sentence after a point marker (一是：学习不够。 → 学习不够)."""
    text = text.lstrip(" \t\u3000：:，,、")
    m = _LEAD_END_RE.search(text)
    return strip_title(text[: m.start()] if m else text)


@dataclass(frozen=True)
class ParagraphScan:
    """What one paragraph's text says about the outline."""

    heading: HeadingMatch | None
    title: str  # heading title without its number ('' for body text)
    points: tuple[tuple[int, str, str], ...]  # (offset, marker, lead sentence)
    seq_offset: int  # offset of a leading 首先/其次/… or -1
    seq_lead: str
    cum: tuple[int, ...]  # cum[i] = Chinese characters in text[:i]
    closing_cue: bool
    closing_sure: bool = False  # a cue no section body would carry (以上…, 批评指正)
    blank: bool = False  # only whitespace (where the closing may start depends on it)

    @property
    def chars(self) -> int:
        return self.cum[-1]


def scan_paragraph(text: str) -> ParagraphScan:
    heading = match_heading(text)
    title = ""
    body_start = 0
    if heading:
        # a heading typed with its body in one paragraph (（一）理论学习方面。一是……): the title is
        # the head; the body's points are found like any other (see _Builder.grow)
        head, body = split_run_in_heading(text)
        title = strip_title((head if body else text)[heading.head_len:])
        body_start = text.find(body, len(head)) if body else 0
    found = find_points(text[body_start:])
    points = tuple(
        (body_start + m.offset, canonical_marker(m.marker),
         lead_sentence(text[body_start + m.end:body_start + found[i + 1].offset
                            if i + 1 < len(found) else len(text)]))
        for i, m in enumerate(found)
    )
    stripped = text.lstrip()
    seq_offset, seq_lead = -1, ""
    if stripped.startswith(SEQ_WORDS):
        seq_offset = len(text) - len(stripped)
        seq_lead = lead_sentence(text[seq_offset + 2:])
    cum = cjk_prefix_counts(text)
    closing = bool(_CLOSING_START_RE.match(text) or _CLOSING_ANYWHERE_RE.search(text))
    sure = closing and bool(_CLOSING_SURE_RE.search(text))
    return ParagraphScan(heading, title, points, seq_offset, seq_lead, cum, closing, sure,
                         not text.strip())


class OutlineCache:
    """Memo of paragraph scans and topic classifications, keyed by text (and of what other
    code derives from the texts: ``memo``)."""

    def __init__(self, classifier: TopicClassifier) -> None:
        self.classifier = classifier
        self._scans: dict[str, ParagraphScan] = {}
        self._topics: dict[str, list[str]] = {}
        self._aspects: dict[tuple[tuple, str], tuple[str, ...] | None] = {}
        self._memos: dict[str, dict[Hashable, object]] = {}
        self._memo_sizes: dict[str, int] = {}

    def memo(self, table: str, key: Hashable, make: Callable[[], T], size: int = 1) -> T:
        """``make()``, remembered under ``key`` in the table named ``table`` (结构检查 keeps
        each problem's and measure's text and bigrams here, so a re-check after an edit
        redoes only the paragraphs that changed).  Values are shared: never change one.

        ``size``: what the value weighs (the characters it was made from); a table holding
        more than ``_MAX_MEMO_SIZE`` starts afresh, so a long document's bigrams (about 130
        bytes a character) are not all kept: at 30,000 字 they are, 4 MB."""
        found = self._memos.setdefault(table, {})
        if key in found:
            return found[key]  # type: ignore[return-value]
        held = self._memo_sizes.get(table, 0) + size
        if len(found) > _MAX_CACHE or held > _MAX_MEMO_SIZE:
            found.clear()
            held = size
        self._memo_sizes[table] = held
        value = found[key] = make()
        return value

    def scan(self, text: str) -> ParagraphScan:
        found = self._scans.get(text)
        if found is None:
            if len(self._scans) > _MAX_CACHE:
                self._scans.clear()
            found = self._scans[text] = scan_paragraph(text)
        return found

    def classify(self, text: str, bigrams: Collection[str] | None = None) -> list[str]:
        """``TopicClassifier.classify``, remembered (``bigrams``: see ``TopicClassifier.scores``)."""
        found = self._topics.get(text)
        if found is None:
            if len(self._topics) > _MAX_CACHE:
                self._topics.clear()
            found = self._topics[text] = (self.classifier.classify(text) if bigrams is None
                                          else self.classifier.classify(text, bigrams=bigrams))
        return list(found)

    def aspect_topics(self, aspects: tuple, title: str) -> tuple[str, ...] | None:
        """Topics of the template aspect closest to ``title`` (None when none is close)."""
        key = (aspects, title)
        if key not in self._aspects:
            if len(self._aspects) > _MAX_CACHE:
                self._aspects.clear()
            best = match_aspect(aspects, title)
            self._aspects[key] = tuple(best.topics) if best else None
        return self._aspects[key]
