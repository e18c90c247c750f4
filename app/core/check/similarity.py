"""雷同比对: which sentences of a draft are copied or near-copied from other drafts.

Sources (other drafts, the phrasebank) are split into sentences and indexed by character
3-gram shingles.  For each draft sentence the candidates sharing enough shingles are
scored with rapidfuzz's normalised Indel similarity (``fuzz.ratio``), so 200 drafts are
compared in well under a second.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from app.core.document.grammar import CN_NUMERAL, POINT_SUFFIXES

SHINGLE = 3
COPIED = 0.9  # similarity at or above which a sentence counts as copied
NEAR_COPY = 0.7  # … as near-copied
MIN_CHARS = 10  # shorter sentences (headings, 一是…) are not compared
_SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_KEEP_RE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_MARKER_RE = re.compile(rf"^[（(]?(?:{CN_NUMERAL}|\d{{1,3}})[）)、.．{POINT_SUFFIXES}]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    key: str  # letters and CJK only, for comparing


@dataclass
class SentenceMatch:
    sentence: Sentence
    similarity: float  # 0..1, best over all sources
    source: str  # name of the best source ('' when nothing is similar)
    source_text: str
    per_source: dict[str, float] = field(default_factory=dict)


@dataclass
class SourceShare:
    name: str
    copied: float  # share of the draft's characters copied (≥ COPIED) from this source
    near: float  # share copied or near-copied (≥ NEAR_COPY)


@dataclass
class SimilarityReport:
    sentences: list[SentenceMatch]
    sources: list[SourceShare]
    total_chars: int

    @property
    def copied_share(self) -> float:
        return self._share(COPIED)

    @property
    def near_share(self) -> float:
        return self._share(NEAR_COPY)

    def _share(self, threshold: float) -> float:
        hit = sum(len(m.sentence.key) for m in self.sentences if m.similarity >= threshold)
        return hit / self.total_chars if self.total_chars else 0.0

    def to_json(self) -> dict:
        return {
            "total_chars": self.total_chars,
            "copied_share": round(self.copied_share, 4),
            "near_share": round(self.near_share, 4),
            "sources": [{"name": s.name, "copied": round(s.copied, 4), "near": round(s.near, 4)}
                        for s in self.sources],
            "sentences": [{"start": m.sentence.start, "end": m.sentence.end, "text": m.sentence.text,
                           "similarity": round(m.similarity, 4), "source": m.source,
                           "source_text": m.source_text} for m in self.sentences],
        }


def split_sentences(text: str) -> list[Sentence]:
    result = []
    for m in _SENTENCE_RE.finditer(text):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if not body:
            continue
        key = "".join(_KEEP_RE.findall(_MARKER_RE.sub("", body)))
        result.append(Sentence(m.start() + lead, m.start() + lead + len(body), body, key))
    return result


def _shingles(key: str) -> set[str]:
    if len(key) <= SHINGLE:
        return {key}
    return {key[i:i + SHINGLE] for i in range(len(key) - SHINGLE + 1)}


class SimilarityIndex:
    """Sentences of many named sources, indexed for fast near-copy lookup."""

    def __init__(self) -> None:
        self._keys: list[str] = []  # distinct sentence keys
        self._origins: list[list[tuple[int, str]]] = []  # key id -> [(source id, sentence text)]
        self._key_id: dict[str, int] = {}
        self._postings: dict[str, list[int]] = defaultdict(list)
        self.names: list[str] = []

    def add(self, name: str, text: str) -> None:
        source = len(self.names)
        self.names.append(name)
        for sentence in split_sentences(text):
            if len(sentence.key) < MIN_CHARS:
                continue
            kid = self._key_id.get(sentence.key)
            if kid is None:
                kid = len(self._keys)
                self._key_id[sentence.key] = kid
                self._keys.append(sentence.key)
                self._origins.append([])
                for shingle in _shingles(sentence.key):
                    self._postings[shingle].append(kid)
            self._origins[kid].append((source, sentence.text))

    def best_matches(self, key: str, limit: int = 30) -> dict[int, tuple[float, str]]:
        """Best similarity per source id for one sentence key: {source: (score, text)}."""
        shingles = _shingles(key)
        counts: Counter[int] = Counter()
        for shingle in shingles:
            posting = self._postings.get(shingle)
            if posting:
                counts.update(posting)
        need = max(2, int(len(shingles) * 0.12))
        best: dict[int, tuple[float, str]] = {}
        for kid, shared in counts.most_common(limit):
            if shared < need:
                break
            score = fuzz.ratio(key, self._keys[kid]) / 100.0
            for source, text in self._origins[kid]:
                if score > best.get(source, (0.0, ""))[0]:
                    best[source] = (score, text)
        return best


def compare(draft: str, index: SimilarityIndex) -> SimilarityReport:
    """Per sentence the most similar source sentence; per source the share copied."""
    sentences = [s for s in split_sentences(draft) if len(s.key) >= MIN_CHARS]
    total = sum(len(s.key) for s in split_sentences(draft))
    copied: Counter[int] = Counter()
    near: Counter[int] = Counter()
    matches = []
    for sentence in sentences:
        best = index.best_matches(sentence.key)
        top = max(best.items(), key=lambda kv: kv[1][0], default=None)
        per_source = {index.names[s]: round(v[0], 4) for s, v in best.items()}
        if top is None:
            matches.append(SentenceMatch(sentence, 0.0, "", "", per_source))
            continue
        source, (score, text) = top
        matches.append(SentenceMatch(sentence, score, index.names[source], text, per_source))
        for sid, (value, _) in best.items():
            if value >= COPIED:
                copied[sid] += len(sentence.key)
            if value >= NEAR_COPY:
                near[sid] += len(sentence.key)
    shares = [SourceShare(index.names[s], copied[s] / total if total else 0.0,
                          near[s] / total if total else 0.0) for s in near]
    shares.sort(key=lambda s: (-s.near, s.name))
    return SimilarityReport(matches, shares, total)


def phrasebank_text(phrases) -> str:
    """The phrasebank as one source text (one phrase per line)."""
    return "\n".join(p.text for p in phrases)
