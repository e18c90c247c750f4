"""Ranking phrases for the cursor's section: fit to (part, topics), then relevance.

Relevance is BM25 between the phrase and the current paragraph and heading, over the
segmenter's tokens, from an inverted index split into cells by (part, topic): a cursor
move scores only the postings of the query's terms inside the section's cells, never the
whole bank.  Favourites and usage counts lift a phrase; phrases already in the draft
sink and are marked; near-copies of a phrase already listed are left out.

The index is immutable once built (``IndexState``); ``PhraseIndex.rebuild`` makes a new
one (on a worker thread in the window) and swaps it in with one assignment.
"""

from __future__ import annotations

import heapq
import math
import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from app.core.phrases.phrasebank import Phrase
from app.core.phrases.pinyin import PinyinMatcher, PinyinTable, initials_of, is_pinyin_query
from app.core.phrases.salience import term_weight, topic_hint, topical_words
from app.core.phrases.segment import Segmenter, TokenCache
from app.core.text import char_bigrams, overlap
from app.core.topics import TopicClassifier

K1, B = 1.4, 0.6
REL_WEIGHT = 1.5
REL_FLOOR = 4.0  # a weak match stays weak: relevance = bm25 / max(best bm25, floor)
FAVOURITE_BONUS = 0.4
USAGE_BONUS_MAX = 0.3
PREFER_BONUS = 2.5  # a phrase tagged for the draft's template (audience:member…) comes first
AVOID_PENALTY = 1.0  # one tagged for another audience (prefer holds "-audience:member") sinks
USED_PENALTY = 6.0  # fit + relevance + bonuses + preference stay below 6, so used phrases sink
NEAR_COPY = 0.7
MAX_QUERY_TERMS = 16
COMMON_SHARE = 0.4  # a term in more than this share of a cell says little there
ALL_TOPICS = ""
SEARCH_HIT_BONUS = 0.1  # per repeat of the search words in a phrase (up to 4)
TOPIC_HINT_WEIGHT = 0.8  # no section topic: a phrase on the topic the writer's words name


@dataclass(frozen=True)
class Suggestion:
    phrase: Phrase
    score: float
    used: bool
    favourite: bool = False


@dataclass(frozen=True)
class Boosts:
    """What the user's library adds to the ranking."""

    favourites: frozenset[str] = frozenset()
    usage: Mapping[str, int] = field(default_factory=dict)

    def bonus(self, phrase_id: str) -> float:
        value = FAVOURITE_BONUS if phrase_id in self.favourites else 0.0
        count = self.usage.get(phrase_id, 0)
        if count:
            value += min(USAGE_BONUS_MAX, 0.1 * math.log2(1 + count))
        return value


class _Postings:
    """term → (doc ids, BM25 weights without idf) for one cell.

    The postings are built on the first query that needs the cell, so start-up only
    counts document frequencies (a cursor move touches one or two cells of dozens).
    It holds the state's token lists, not the state itself: no reference cycle, so a
    replaced state is freed by reference counting even after ``gc.freeze()``.
    """

    __slots__ = ("_avg", "_terms", "_tokens", "docs")

    def __init__(self, tokens: list[list[str]], avg: float) -> None:
        self.docs: list[int] = []
        self._terms: Postings | None = None
        self._tokens = tokens
        self._avg = avg

    @property
    def cold(self) -> bool:
        return self._terms is None

    @property
    def terms(self) -> Postings:
        terms = self._terms
        if terms is None:  # two threads may both build it: same result, one is kept
            terms = self._terms = postings_of(self._tokens, self._avg, self.docs)
        return terms


class IndexState:
    """An immutable snapshot: phrases, their tokens, cells and (lazily) postings."""

    def __init__(self, phrases: list[Phrase], tokens: list[list[str]]) -> None:
        self.phrases = phrases
        self.position = {p.id: i for i, p in enumerate(phrases)}
        self._tokens = tokens
        n = max(len(phrases), 1)
        self._avg = (sum(len(t) for t in tokens) / n) or 1.0
        df: Counter[str] = Counter()
        for t in tokens:
            df.update(set(t))
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.cells: dict[tuple[str, str], _Postings] = {}
        for doc, phrase in enumerate(phrases):
            for topic in phrase.topics or (ALL_TOPICS,):
                cell = self.cells.get((phrase.part, topic))
                if cell is None:
                    cell = self.cells[(phrase.part, topic)] = _Postings(tokens, self._avg)
                cell.docs.append(doc)
        self._bigrams: dict[int, set[str]] = {}
        self._readings: dict[int, tuple[str, str]] = {}
        self.with_jieba = False  # queries are split the way the phrases were

    def postings_of(self, docs: list[int]) -> Postings:
        return postings_of(self._tokens, self._avg, docs)

    def warm(self) -> None:
        """Build every cell's postings now."""
        while self.warm_step():
            pass

    def warm_step(self) -> bool:
        """Build one more cell's postings; False once all are built. The window calls it
        on an idle timer after start-up, so no later cursor move pays for a first visit."""
        for cell in self.cells.values():
            if cell.cold:
                cell.terms  # noqa: B018 (builds and keeps them)
                return True
        return False

    def bigrams(self, doc: int) -> set[str]:
        grams = self._bigrams.get(doc)
        if grams is None:
            grams = self._bigrams[doc] = char_bigrams(self.phrases[doc].text)
        return grams

    def cells_for(self, part: str | None, topics: Iterable[str]) -> list[tuple[str, str]]:
        topics = [t for t in topics if t]
        keys = []
        for key in self.cells:
            if part is not None and key[0] != part:
                continue
            if topics and key[1] not in topics:
                continue
            keys.append(key)
        return keys


class PhraseIndex:
    """The phrases the panel ranks: shipped plus the user's own, rebuilt on change.

    Tokens of phrase texts come from jieba and are kept in a ``TokenCache`` (saved in
    the user's cache dir), so a later start ranks with jieba's words before jieba itself
    has loaded: until then queries are split by longest match over the index's words.
    """

    def __init__(self, phrases: Iterable[Phrase], segmenter: Segmenter,
                 pinyin: PinyinTable | None = None, tokens: TokenCache | None = None,
                 topics: TopicClassifier | None = None) -> None:
        self.segmenter = segmenter
        self.topics = topics  # topical words weigh more in a query (``salience``)
        self._topical = topical_words(topics)
        self.pinyin = pinyin if pinyin is not None else PinyinTable()
        self.tokens = tokens if tokens is not None else TokenCache()
        self._lock = threading.Lock()
        self.complete = False  # every phrase indexed with jieba's tokens
        self._state = self._build(list(phrases))

    # --- building ---------------------------------------------------------------------------
    @property
    def phrases(self) -> list[Phrase]:
        return self._state.phrases

    @property
    def state(self) -> IndexState:
        return self._state

    def _build(self, phrases: list[Phrase]) -> IndexState:
        with self._lock:
            ready = self.segmenter.ready
            token_lists = []
            jieba_words: set[str] = set()
            complete = True
            for phrase in phrases:
                found = self.tokens.get(phrase.text)
                if found is None and ready:
                    found = self.tokens.put(phrase.text, self.segmenter.tokens(phrase.text))
                if found is None:
                    complete = False
                    found = self.segmenter.tokens(phrase.text)
                else:
                    jieba_words.update(found)
                token_lists.append(found)
            state = IndexState(phrases, token_lists)
            state.with_jieba = complete
            if not ready:
                self.segmenter.fallback_vocabulary(jieba_words)
            self.complete = complete
            return state

    def rebuild(self, phrases: Iterable[Phrase] | None = None) -> None:
        """Re-index (new phrases, or the segmenter became ready); safe on a worker thread."""
        self._state = self._build(list(self.phrases if phrases is None else phrases))

    def after_segmenter_loaded(self) -> None:
        """Re-index what was indexed without jieba, and keep the tokens for next time."""
        if not self.complete:
            self.rebuild()
        self.tokens.save()

    def by_id(self, phrase_id: str) -> Phrase | None:
        state = self._state
        doc = state.position.get(phrase_id)
        return state.phrases[doc] if doc is not None else None

    # --- ranking ----------------------------------------------------------------------------
    def query_terms(self, context: str, state: IndexState | None = None,
                    cap: int = MAX_QUERY_TERMS, weighted: bool = True) -> list[tuple[str, float]]:
        """The context's distinct known terms with their idf, rarest first (capped).

        ``weighted``: topical words count more and generic ones less (``salience``); the
        classifier's nearest phrases need the plain idf, generic words of verdict included.
        """
        state = state or self._state
        if not context.strip():
            return []
        tokens = (self.segmenter.tokens(context) if state.with_jieba
                  else self.segmenter.fallback_tokens(context))
        terms = {t: state.idf[t] * (term_weight(t, self._topical) if weighted else 1.0)
                 for t in set(tokens) if t in state.idf}
        return sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:cap]

    def suggest(
        self,
        part: str | None,
        topics: Iterable[str] = (),
        context: str = "",
        used: frozenset[str] | set[str] = frozenset(),
        limit: int = 30,
        query: str = "",
        whole_bank: bool = False,
        boosts: Boosts | None = None,
        prefer: frozenset[str] = frozenset(),
    ) -> list[Suggestion]:
        """Best phrases for a section (``part``, ``topics``) and the text around the cursor.

        ``query`` (the search box) keeps only phrases containing its words, or matching it
        as pinyin initials / full pinyin; ``whole_bank`` searches every section and ranks
        the section's own phrases first.  Phrases carrying one of the ``prefer`` tags (see
        ``app.core.phrases.audience``) rank above the rest of the section, and those carrying
        a tag named as ``-tag`` in ``prefer`` below it.
        """
        state = self._state
        boosts = boosts or Boosts()
        topics = [t for t in topics if t]
        keys = state.cells_for(None, ()) if whole_bank else state.cells_for(part, topics)
        terms = self.query_terms(context, state)
        relevance: dict[int, float] = {}
        for key in keys:
            cell = state.cells[key]
            local: dict[int, float] = {}
            common = COMMON_SHARE * len(cell.docs)
            for term, idf in terms:
                entry = cell.terms.get(term)
                if entry is None or (len(entry[0]) > common and len(cell.docs) > 200):
                    continue
                for doc, w in zip(entry[0], entry[1], strict=False):
                    local[doc] = local.get(doc, 0.0) + idf * w
            relevance.update(local)
        topic_set = set(topics)
        hint = {} if topics else topic_hint(context, self.topics)
        needle = query.strip()
        if whole_bank or needle:
            candidates: set[int] = set()
            for key in keys:
                candidates.update(state.cells[key].docs)
            if needle:
                candidates = self._filter(state, candidates, needle)
            if not candidates:
                return []
            best = max((relevance.get(d, 0.0) for d in candidates), default=0.0)
        else:
            # A cursor move: score only the docs the context or the user's library touch;
            # the rest of the section share their fit, taken in order as needed.
            candidates = set(relevance)
            for phrase_id in (*boosts.favourites, *boosts.usage, *used):
                doc = state.position.get(phrase_id)
                if doc is not None and _fit(state.phrases[doc], part, topics, topic_set) > 0.2:
                    candidates.add(doc)
            best = max(relevance.values(), default=0.0)
        scale = REL_WEIGHT / max(best, REL_FLOOR)
        scored = []
        for doc in candidates:
            phrase = state.phrases[doc]
            fit = _fit(phrase, part, topics, topic_set)
            is_used = phrase.id in used
            score = (fit + relevance.get(doc, 0.0) * scale + boosts.bonus(phrase.id)
                     + _preference(phrase, fit, prefer) - (USED_PENALTY if is_used else 0.0))
            if hint and phrase.topics:
                score += TOPIC_HINT_WEIGHT * max(hint.get(t, 0.0) / (rank + 1)
                                                 for rank, t in enumerate(phrase.topics))
            if needle:
                score += self._hits(state, doc, needle)
            scored.append((score, -doc))
        if not (whole_bank or needle):
            scored += self._plain(state, keys, candidates, part, topics, topic_set, limit * 4,
                                  prefer)
        return self._diverse(state, scored, limit, used, boosts)

    @staticmethod
    def _plain(state, keys, skip, part, topics, topic_set, wanted,
               prefer: frozenset[str] = frozenset()) -> list[tuple[float, int]]:
        """Up to ``wanted`` best-fitting section docs that nothing else scored: preferred
        ones first and avoided ones last, each tier with the section's main topic first."""
        out: list[tuple[float, int]] = []
        seen = set(skip)
        tiers = (1,) if not prefer else (0, 1, 2)
        for tier in tiers:
            for want_primary in (True, False):
                for key in keys:
                    for doc in state.cells[key].docs:
                        if doc in seen:
                            continue
                        phrase = state.phrases[doc]
                        primary = not topics or (phrase.topics and phrase.topics[0] in topic_set)
                        if primary != want_primary or _tier(phrase, prefer) != tier:
                            continue
                        seen.add(doc)
                        fit = _fit(phrase, part, topics, topic_set)
                        out.append((fit + _preference(phrase, fit, prefer), -doc))
                        if len(out) >= wanted:
                            return out
        return out

    def _diverse(self, state: IndexState, scored, limit, used, boosts) -> list[Suggestion]:
        """Best first, leaving out near-copies of phrases already in the list."""
        ranked = heapq.nlargest(limit * 4, scored) if len(scored) > limit * 8 else sorted(
            scored, reverse=True)
        result: list[Suggestion] = []
        kept: list[set[str]] = []
        for pass_ranked in (ranked, None):
            if pass_ranked is None:
                if len(result) >= limit or len(ranked) == len(scored):
                    break
                pass_ranked = sorted(scored, reverse=True)[len(ranked):]
            for score, neg_doc in pass_ranked:
                doc = -neg_doc
                grams = state.bigrams(doc)
                if any(overlap(grams, other) > NEAR_COPY for other in kept):
                    continue
                phrase = state.phrases[doc]
                result.append(Suggestion(phrase, round(score, 4), phrase.id in used,
                                         phrase.id in boosts.favourites))
                kept.append(grams)
                if len(result) >= limit:
                    return result
        return result

    def nearest(self, text: str, limit: int = 8) -> list[tuple[float, Phrase]]:
        """The phrases most like ``text`` anywhere in the bank, by BM25 alone (0..1)."""
        state = self._state
        terms = self.query_terms(text, state, cap=64, weighted=False)
        scores: dict[int, float] = {}
        for cell in state.cells.values():
            for term, idf in terms:
                entry = cell.terms.get(term)
                if entry is not None:
                    for doc, w in zip(entry[0], entry[1], strict=False):
                        scores[doc] = scores.get(doc, 0.0) + idf * w
        # A phrase in two cells was counted twice: halve by its number of cells.
        best = heapq.nlargest(limit, ((v / max(len(state.phrases[d].topics), 1), d)
                                      for d, v in scores.items()))
        top = max((v for v, _ in best), default=0.0)
        return [(v / max(top, REL_FLOOR), state.phrases[d]) for v, d in best]

    # --- search -----------------------------------------------------------------------------
    def _filter(self, state: IndexState, candidates: set[int], needle: str) -> set[int]:
        if is_pinyin_query(needle):
            matcher = PinyinMatcher(needle)
            keep = set()
            for doc in candidates:
                initials, reading = self._reading(state, doc)
                if matcher.matches(initials, reading):
                    keep.add(doc)
            words = needle.split()
            # Latin words typed as such (e.g. "AI") still match the text itself.
            keep.update(d for d in candidates
                        if all(w.lower() in state.phrases[d].text.lower() for w in words))
            return keep
        words = needle.split()
        return {d for d in candidates if all(w in state.phrases[d].text for w in words)}

    def _hits(self, state: IndexState, doc: int, needle: str) -> float:
        """A search result that holds the query again and again (理论学习 in a 理论学习
        phrase) ranks above one that matches once by chance (llxx in 罗列现象)."""
        if is_pinyin_query(needle):
            initials = self._reading(state, doc)[0]
            letters = "".join(c for c in needle.lower() if c.isalpha())
            text = state.phrases[doc].text
            count = 0
            start = initials.find(letters)
            while start >= 0:
                # one initial per character: a hit that is a whole word (理论学习, not the
                # 罗列现象 that shares its initials) counts double
                count += 2 if (len(initials) == len(text)
                               and text[start:start + len(letters)] in state.idf) else 1
                start = initials.find(letters, start + 1)
        else:
            text = state.phrases[doc].text
            count = min(text.count(w) for w in needle.split())
        return SEARCH_HIT_BONUS * min(count, 4)

    def _reading(self, state: IndexState, doc: int) -> tuple[str, str]:
        found = state._readings.get(doc)
        if found is None:
            reading = self.pinyin.reading(state.phrases[doc].text)
            found = state._readings[doc] = (initials_of(reading), reading)
        return found

    def prepare_pinyin(self) -> None:
        """Compute (or load from the cache) the readings of every phrase."""
        self.pinyin.prepare(p.text for p in self._state.phrases)


def _fit(phrase: Phrase, part: str | None, topics: list[str], topic_set: set[str]) -> float:
    """How well a phrase's tags fit the section: 1 for its main topic, less for a side one."""
    if part is not None and phrase.part != part:
        return 0.0
    if not topics:
        return 0.5 if part is not None else 0.0
    if phrase.topics and phrase.topics[0] in topic_set:
        return 1.0
    if topic_set.intersection(phrase.topics):
        return 0.6
    return 0.2


def _tier(phrase: Phrase, prefer: frozenset[str]) -> int:
    """0 for a phrase carrying a wanted tag, 2 for one carrying an avoided (``-tag``) one."""
    if not prefer or not phrase.tags:
        return 1
    if any("-" + tag in prefer for tag in phrase.tags):
        return 2
    if any(tag in prefer for tag in phrase.tags):
        return 0
    return 1


def _preference(phrase: Phrase, fit: float, prefer: frozenset[str]) -> float:
    """PREFER_BONUS for a phrase of the section tagged for the draft's template,
    -AVOID_PENALTY for one tagged for another audience (``-audience:member``)."""
    if fit < 0.5:
        return 0.0
    tier = _tier(phrase, prefer)
    return PREFER_BONUS if tier == 0 else -AVOID_PENALTY if tier == 2 else 0.0


class Postings:
    """term → (doc ids, BM25 weights) of one cell, packed: every term's postings in two flat
    arrays and one int per term (start << 32 | end).  A tuple of two arrays per term took
    ~250 bytes a term, 29 MB for a 10k bank's cells (issue 19); this takes ~60."""

    __slots__ = ("_at", "_ids", "_weights")

    def __init__(self, at: dict[str, int], ids: array, weights: array) -> None:
        self._at, self._ids, self._weights = at, ids, weights

    def get(self, term: str) -> tuple[memoryview, memoryview] | None:
        at = self._at.get(term)
        if at is None:
            return None
        start, end = at >> 32, at & 0xFFFFFFFF
        return memoryview(self._ids)[start:end], memoryview(self._weights)[start:end]

    def __getitem__(self, term: str) -> tuple[memoryview, memoryview]:
        found = self.get(term)
        if found is None:
            raise KeyError(term)
        return found

    def __len__(self) -> int:
        return len(self._at)

    def items(self) -> Iterator[tuple[str, tuple[memoryview, memoryview]]]:
        return ((term, self[term]) for term in self._at)


def postings_of(tokens: list[list[str]], avg: float, docs: list[int]) -> Postings:
    """BM25 term weights (without idf) of ``docs``, as term → (doc ids, weights)."""
    ids: dict[str, list[int]] = {}
    weights: dict[str, list[float]] = {}
    for doc in docs:
        doc_tokens = tokens[doc]
        norm = K1 * (1 - B + B * len(doc_tokens) / avg)
        for term, k in Counter(doc_tokens).items():
            found = ids.get(term)
            if found is None:
                ids[term], weights[term] = [doc], [k * (K1 + 1) / (k + norm)]
            else:
                found.append(doc)
                weights[term].append(k * (K1 + 1) / (k + norm))
    flat_ids, flat_weights = array("i"), array("f")
    at: dict[str, int] = {}
    for term, term_ids in ids.items():
        start = len(flat_ids)
        flat_ids.extend(term_ids)
        flat_weights.extend(weights[term])
        at[term] = start << 32 | len(flat_ids)
    return Postings(at, flat_ids, flat_weights)
