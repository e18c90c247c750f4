"""Word knowledge for the grammar-aware checks (confusable characters, 的/地/得).

A ``Lexicon`` reads jieba's prefix dictionary *through the app's Segmenter* (no second copy
of the dictionary is loaded) and adds the register's own words: the domain word list
shipped in ``resources/check/domain_words.txt`` and character n-grams that recur in
in-domain text (the phrasebank and the user's library).  It also holds the confusion
sets: sound-alikes (same pinyin, any tone; generated from pypinyin) and look-alikes
(pycorrector's same_stroke table, Apache-2.0, see resources/check/NOTICE).

Building takes ~0.3 s; the window builds it on the loader thread after jieba is loaded.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core.check.keytable import SHIFT, KeyTable
from app.core.paths import resources_dir

SOUND_FILE = "confusion_sound.txt"
SHAPE_FILE = "confusion_shape.txt"
SHAPE_EXTRA_FILE = "confusion_shape_extra.txt"  # our own look-alike groups, merged with SHAPE_FILE
POS_FILE = "pos_words.txt"
DOMAIN_FILE = "domain_words.txt"

# In-domain n-grams count this much each, on jieba's scale (~60 M tokens in its corpus
# against ~0.1 M in the phrasebank): an n-gram seen twice there is a common word here.
DOMAIN_WEIGHT = 300
DOMAIN_MIN_COUNT = 2
DOMAIN_MAX_N = 4
# Characters that are grammar, not content: never substituted (的地得 has its own rule).
FUNCTION_CHARS = frozenset("的地得了着过是在和与及或而之其把被让给对向从于以为也都就才又还仍很更最不没无所里")
# Particles that are never part of a slip: never substituted, never substituted for.
PARTICLES = frozenset("的地得了着过和与或而之其")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


# The tables keyed by text keep ``hash(text) & KEY_MASK``: an int below 2**60 takes 32 bytes
# of memory, a full 64-bit hash 48 (Python's allocator rounds its 36 bytes up to 16), and the
# lexicon holds ~290k of them with a 10k bank (4.6 MB; issue 19).  Two texts sharing 60 bits
# are a ~1e-13 chance per look-up.
KEY_MASK = (1 << 60) - 1


def text_key(text: str) -> int:
    """What the lexicon's hash-keyed tables hold for ``text`` (hot loops inline it)."""
    return hash(text) & KEY_MASK


def _data_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


# character -> the characters it is confused with, as one sorted string: membership of a single
# character is a substring test, and a string of n characters takes 2n + 74 bytes where a
# frozenset takes 216 bytes and up (8,000 characters × 3 tables: 6 MB instead of 40; issue 19).
Confusions = dict[str, str]


def _chars(chars: Iterable[str], cache: dict[str, str]) -> str:
    """``chars`` as one sorted string, the same object for the same characters."""
    text = "".join(sorted(chars))
    return cache.setdefault(text, text)


def _alikes(groups: Iterable[str], cache: dict[str, str]) -> Confusions:
    """character -> the other characters of every group it is in (groups: sorted strings)."""
    of: dict[str, list[str]] = {}
    for group in groups:
        for c in group:
            of.setdefault(cache.setdefault(c, c), []).append(group)
    alikes: Confusions = {}
    for c, among in of.items():
        if len(among) == 1:
            text = among[0].replace(c, "")
        else:
            chars = set("".join(among))
            chars.discard(c)
            text = "".join(sorted(chars))
        alikes[c] = cache.setdefault(text, text)
    return alikes


def _group(chars: Iterable[str]) -> str:
    return "".join(sorted({c for c in chars if "\u4e00" <= c <= "\u9fff"}))


def load_confusions(data_dir: Path) -> tuple[Confusions, Confusions, Confusions]:
    """(homophones, same sound in another tone, look-alikes): character -> characters.

    Made from one sorted string per group and one set at a time: a set per character
    (8,000 of them, up to a few KB each) took a ~13 MB peak for 3 MB of tables, and the
    freed memory stayed with the process (issue 19)."""
    cache: dict[str, str] = {}  # equal strings (the characters too): one object
    sound_groups: list[str] = []
    toneless: dict[str, str] = {}
    for line in _data_lines(data_dir / SOUND_FILE):
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        group = _group(parts[1].strip())
        sound_groups.append(group)
        key = parts[0].rstrip("012345")
        toneless[key] = toneless.get(key, "") + group
    sound = _alikes(sound_groups, cache)
    del sound_groups
    keys_of: dict[str, list[str]] = {}
    for chars in toneless.values():
        group = _group(chars)
        for c in group:
            keys_of.setdefault(c, []).append(group)
    del toneless
    tone: Confusions = {}
    for c, groups in keys_of.items():  # one character's set at a time (a low peak)
        own = sound.get(c, "")
        others = {g for group in groups for g in group if g != c and g not in own}
        if others:
            tone[cache.setdefault(c, c)] = _chars(others, cache)
    del keys_of
    shape_groups = [_group(g for g in re.split(r"[,，\s]+", line) if len(g) == 1)
                    for line in _data_lines(data_dir / SHAPE_FILE) + _data_lines(data_dir / SHAPE_EXTRA_FILE)]
    return sound, tone, _alikes(shape_groups, cache)


FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"))  # what pinyin IMEs can be set to confuse


def fuzzy_key(reading: str) -> str:
    """A toneless reading with zh/ch/sh made z/c/s."""
    for full, short in FUZZY_INITIALS:
        if reading.startswith(full):
            return short + reading[len(full):]
    return reading


def load_fuzzy(data_dir: Path, chars: Iterable[str] = FUNCTION_CHARS) -> dict[str, str]:
    """For each of ``chars``: the characters read like it but for z/zh, c/ch or s/sh (any
    tone, no reading in common), from the homophone file: 从 -> 重 (cong, chong).  Taken from
    the file, not from pypinyin: importing pypinyin in the window cost 56 MB (issue 19)."""
    readings: dict[str, set[str]] = {}
    by_reading: dict[str, set[str]] = {}
    for line in _data_lines(data_dir / SOUND_FILE):
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        reading = parts[0].rstrip("012345")
        group = {c for c in parts[1].strip() if "\u4e00" <= c <= "\u9fff"}
        by_reading.setdefault(reading, set()).update(group)
        for c in group:
            readings.setdefault(c, set()).add(reading)
    by_key: dict[str, list[str]] = {}
    for reading in by_reading:
        by_key.setdefault(fuzzy_key(reading), []).append(reading)
    fuzzy: dict[str, str] = {}
    for c in chars:
        own = readings.get(c, set())
        alike = {g for r in own for other in by_key.get(fuzzy_key(r), ()) if other not in own
                 for g in by_reading[other] if own.isdisjoint(readings.get(g, ()))}
        if alike:
            fuzzy[c] = "".join(sorted(alike))
    return fuzzy


def load_pos(data_dir: Path) -> dict[str, str]:
    """word -> 'v' (verb) or 'a' (adjective), from jieba's tags."""
    pos: dict[str, str] = {}
    for line in _data_lines(data_dir / POS_FILE):
        parts = line.split("\t")
        if len(parts) == 2:
            pos[parts[0]] = parts[1].strip()
    return pos


REGISTER_WEIGHT = 1000  # a keyword of topics.toml or a word of the jieba user dictionary


def register_words() -> dict[str, int]:
    """The register's vocabulary the app already ships: the topic keywords
    (resources/topics.toml) and the jieba user dictionary (resources/jieba_userdict.txt)."""
    import tomllib

    words: dict[str, int] = {}
    try:
        data = tomllib.loads((resources_dir() / "topics.toml").read_text(encoding="utf-8-sig"))
        for topic in data.get("topics", {}).values():
            for word in topic.get("keywords", []):
                words[str(word)] = REGISTER_WEIGHT
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
        pass
    for line in _data_lines(resources_dir() / "jieba_userdict.txt"):
        words[line.split()[0]] = REGISTER_WEIGHT
    return {w: f for w, f in words.items() if 2 <= len(w) <= 8 and _CJK_RUN.fullmatch(w)}


def load_domain_words(data_dir: Path) -> dict[str, int]:
    """Correct words and collocations of the register, with a weight (default 1000)."""
    words: dict[str, int] = {}
    for line in _data_lines(data_dir / DOMAIN_FILE):
        parts = line.split()
        if not parts:
            continue
        try:
            words[parts[0]] = int(parts[1]) if len(parts) > 1 else 1000
        except ValueError:
            words[parts[0]] = 1000
    return words


class BuildStoppedError(Exception):
    """Building was abandoned (the window is closing)."""


def domain_ngrams(texts: Iterable[str], should_stop: Callable[[], bool] = lambda: False
                  ) -> Counter[int]:
    """Character n-grams (2..DOMAIN_MAX_N) of in-domain text, counted by ``text_key``
    (see ``Lexicon.seen``): every 2-gram, and the longer n-grams that can reach
    ``DOMAIN_MIN_COUNT`` (apriori: both their (n-1)-gram prefix and suffix reach it, as every
    occurrence of the n-gram is one of each).  The longer ones that cannot are all the build
    drops, and counting them all took millions of entries with a large user library; counting
    by hash keeps an int per n-gram, not a str: a lower peak, and the surviving ints are
    ``seen``'s own, so the freed ones leave no half-used memory behind (issue 19)."""
    texts = texts if isinstance(texts, list) else list(texts)
    counts: Counter[int] = Counter()
    for size in range(2, DOMAIN_MAX_N + 1):
        get = counts.get
        grams: Counter[int] = Counter()
        for k, text in enumerate(texts):
            if k % 100 == 0 and should_stop():
                raise BuildStoppedError
            for run in _CJK_RUN.findall(text):
                n = len(run)
                if n < size:
                    continue
                if size == 2:
                    grams.update(hash(run[i:i + 2]) & KEY_MASK for i in range(n - 1))
                    continue
                # which (size-1)-grams of the run recur, by position
                part = [get(hash(run[i:i + size - 1]) & KEY_MASK, 0) >= DOMAIN_MIN_COUNT
                        for i in range(n - size + 2)]
                grams.update(hash(run[i:i + size]) & KEY_MASK for i in range(n - size + 1)
                             if part[i] and part[i + 1])
        counts.update(grams)
        del grams
    return counts


def counted_ngrams(texts: list[str], counts: Counter[int],
                   should_stop: Callable[[], bool] = lambda: False) -> Iterator[tuple[str, int]]:
    """Each n-gram of ``texts`` that ``counts`` holds, once, with its count (taken out of
    ``counts``: the text of an n-gram is made again only for the few the build keeps)."""
    pop = counts.pop
    for k, text in enumerate(texts):
        if k % 100 == 0 and should_stop():
            raise BuildStoppedError
        for run in _CJK_RUN.findall(text):
            n = len(run)
            for size in range(2, min(n, DOMAIN_MAX_N) + 1):
                for i in range(n - size + 1):
                    gram = run[i:i + size]
                    count = pop(hash(gram) & KEY_MASK, 0)
                    if count:
                        yield gram, count


MEMO_LIMIT = 200_000  # looked-up words kept (a few MB); emptied when full


class FreqMemo(dict):
    """``freq[word]`` remembered: jieba's dictionary is packed to save memory and answers in
    ~0.6 µs (``packed_dict``), and 校对 asks for the same words over and over (210k lookups in
    300,000 字, most of them repeats).  ``memo[word]`` is the count, 0 for no word."""

    def __init__(self, source: Mapping[str, int]) -> None:
        super().__init__()
        self._source = source

    def __missing__(self, word: str) -> int:
        if len(self) >= MEMO_LIMIT:
            self.clear()
        count = self[word] = self._source.get(word, 0)
        return count


@dataclass
class Lexicon:
    freq: Mapping[str, int]  # jieba's prefix dictionary (the Segmenter's own, not a copy)
    total: int
    extra: dict[str, int] = field(default_factory=dict)  # register words and in-domain n-grams
    # Membership-only tables hold ``text_key(text)`` (see ``KEY_MASK``) rather than the text
    # (80 bytes for 2–4 characters): with a 10k bank that is ~15 MB less (issue 19).  A false
    # hit in ``targets`` only proposes a word that ``count`` then finds absent.  str hashes
    # differ between processes: a lexicon is never saved or sent to another process.
    # keys of the n-grams in-domain text repeats: never "corrected" (a frozenset: a flat
    # KeyTable would save 4 MB but made the confusable check ~10 % slower)
    seen: frozenset[int] = frozenset()
    sound: Confusions = field(default_factory=dict)  # same pinyin and tone
    tone: Confusions = field(default_factory=dict)  # same pinyin, other tone
    shape: Confusions = field(default_factory=dict)
    # (no POS table: the 的/地/得 rule reads the check config's own, ``CheckConfig.pos``; a
    # second copy here was 1.5 MB, issue 19) — only its verbs of two or three characters,
    # for the word-level slips (word_slips._verb_at: 1,080 words)
    verbs: frozenset[str] = frozenset()
    fuzzy: dict[str, str] = field(default_factory=dict)  # load_fuzzy: 从 -> 重 …
    _targets: KeyTable[str] | None = field(default=None, repr=False)
    _near: Confusions | None = field(default=None, repr=False)
    # confusable.candidates' results per line (paragraph), reused while re-checking.
    line_cache: dict = field(default_factory=dict, repr=False)
    # Hashes of the first and last two characters of the 3–4-character targets (a cheap
    # pre-filter), and of first + last character of the 3-character ones.
    heads: frozenset[int] = frozenset()
    tails: frozenset[int] = frozenset()
    mids: frozenset[int] = frozenset()
    known: FreqMemo = field(init=False, repr=False)  # ``freq`` with the answers remembered
    # (a target's fill, a character's confusables) -> the characters in both (confusable.py)
    overlaps: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.known = FreqMemo(self.freq)

    def count(self, word: str) -> int:
        return self.known[word] + self.extra.get(word, 0)

    def logp(self, word: str) -> float | None:
        """log-probability of ``word`` as one token, None when it is not a word."""
        count = self.count(word)
        return math.log(count / self.total) if count > 0 else None

    def confusable(self, a: str, b: str) -> str | None:
        """'sound' / 'tone' / 'shape' when ``a`` is easily typed for ``b``, else None."""
        if b in self.sound.get(a, ()):
            return "sound"
        if b in self.tone.get(a, ()):
            return "tone"
        if b in self.shape.get(a, ()):
            return "shape"
        return None

    def near(self) -> Confusions:
        """character -> every character it is confusable with (any kind), built once."""
        if self._near is None:
            cache: dict[str, str] = {}
            near: Confusions = {}
            for c in set(self.sound) | set(self.tone) | set(self.shape):
                chars = set(self.sound.get(c, "")) | set(self.tone.get(c, "")) \
                    | set(self.shape.get(c, ""))
                if chars:
                    near[c] = _chars(chars, cache)
            self._near = near
        return self._near

    def targets(self) -> KeyTable[str]:
        """Common words by the hash of a masked key (one character replaced by NUL) -> the
        characters that fill the mask to make a word (a sorted string, shared between equal
        values: a frozenset each took 60 MB with a 10k bank, issue 19); built once."""
        if self._targets is None:
            self._targets = self._build_targets()
        return self._targets


    def _target_words(self) -> Iterator[str]:
        """The common words of 2–4 characters, each once, made one at a time (a set of them
        all was ~8 MB of the build's peak; issue 19)."""
        freq = self.freq
        yield from (w for w, f in freq.items() if f >= TARGET_MIN_FREQ and 2 <= len(w) <= 4)
        yield from (w for w in self.extra if 2 <= len(w) <= 4 and freq.get(w, 0) < TARGET_MIN_FREQ)

    def _build_targets(self) -> KeyTable[str]:
        # Straight into the flat table: a dict first (and both at once while copying) put
        # ~7 MB on the build's peak (issue 19).
        table: KeyTable[str] = KeyTable(max(1024, 3 * len(self.extra)))
        keys, fills, mask = table.keys, table.values or [], table.mask
        # heads/tails/mids as raw keys first: their int objects are made at the end, into
        # pages the build's temporaries left (not among them, keeping every page in use)
        heads, tails, mids = array("q"), array("q"), array("q")
        cache: dict[str, str] = {}  # equal fills (the characters too): one object
        for word in self._target_words():
            if len(word) > 2:
                heads.append(hash(word[:2]) & KEY_MASK)
                tails.append(hash(word[-2:]) & KEY_MASK)
                if len(word) == 3:
                    mids.append(hash(word[0] + word[2]) & KEY_MASK)
            if not _CJK_RUN.fullmatch(word):
                continue
            for j, ch in enumerate(word):
                if ch in PARTICLES:
                    continue
                key = hash(word[:j] + "\0" + word[j + 1:]) & KEY_MASK
                i = key & mask
                if keys[i] != key:
                    i = (key >> SHIFT) & mask
                    if keys[i] != key:
                        table.add(key, cache.setdefault(ch, ch))
                        keys, fills, mask = table.keys, table.values or [], table.mask
                        continue
                fills[i] = f"{fills[i]}{ch}"
        for i, fill in enumerate(fills):  # each fill's characters in order, shared
            if fill is not None and len(fill) > 1:
                fill = "".join(sorted(fill))
                fills[i] = cache.setdefault(fill, fill)
        del cache
        self.heads, self.tails, self.mids = (frozenset(t) for t in (heads, tails, mids))
        return table


TARGET_MIN_FREQ = 30


# A collocation may end in one of these single characters (权力观, 常态化, 先进性).
SUFFIXES = frozenset("观化性者感力心型式率度界员家制风气")


def _word_like(gram: str, freq: Mapping[str, int]) -> bool:
    """A dictionary word, or (3–4 characters) words of the dictionary put together
    (年轻|干部, 权力|观), not a fragment across words (政治上 -> 治上, 年轻干部 -> 年轻干)."""
    if len(gram) == 2:
        return freq.get(gram, 0) > 0
    for cut in range(2, len(gram) - 1):
        if freq.get(gram[:cut], 0) > 0 and freq.get(gram[cut:], 0) > 0:
            return True
    return freq.get(gram[:-1], 0) > 0 and gram[-1] in SUFFIXES


def register_slips(words: Mapping[str, int], repeated: frozenset[int], freq: Mapping[str, int],
                   sound: Confusions, tone: Confusions,
                   should_stop: Callable[[], bool] = lambda: False) -> set[str]:
    """Repeated n-grams of the in-domain text that are a sound-alike slip of a curated word of
    the register (常效化 for 长效化) and no dictionary word: the user's library (their own old
    reports) may repeat a slip, and a repeated n-gram is otherwise never corrected.
    ``repeated`` holds the keys of the recurring n-grams (``text_key``, see ``Lexicon.seen``)."""
    slips = set()
    for word in words:
        if not 3 <= len(word) <= 4:
            continue
        if should_stop():  # also lets the UI thread have the GIL (services._yielding)
            raise BuildStoppedError
        for j, ch in enumerate(word):
            for alike in sound.get(ch, "") + tone.get(ch, ""):
                variant = word[:j] + alike + word[j + 1:]
                if text_key(variant) in repeated and freq.get(variant, 0) == 0 and variant not in words:
                    slips.add(variant)
    return slips


def build_lexicon(freq: Mapping[str, int], total: int, texts: Iterable[str] = (),
                  data_dir: Path | None = None, user_dir: Path | None = None,
                  should_stop: Callable[[], bool] = lambda: False) -> Lexicon:
    """The lexicon over jieba's ``freq``/``total`` plus in-domain ``texts`` (and the user's
    own ``check/domain_words.txt`` when ``user_dir`` is given)."""
    data_dir = data_dir or resources_dir() / "check"
    extra: dict[str, int] = {}
    texts = list(texts)
    counts = domain_ngrams(texts, should_stop)
    words = {**register_words(), **load_domain_words(data_dir)}
    if user_dir is not None:
        words.update(load_domain_words(user_dir / "check"))
    sound, tone, shape = load_confusions(data_dir)
    seen = frozenset(h for h, c in counts.items() if c >= DOMAIN_MIN_COUNT)
    slips = register_slips(words, seen, freq, sound, tone, should_stop)
    unseen = []  # a recurring n-gram holding a slip is never 'seen'
    for gram, count in counted_ngrams(texts, counts, should_stop):
        if count >= DOMAIN_MIN_COUNT:
            if slips and any(slip in gram for slip in slips):
                unseen.append(text_key(gram))
            if _word_like(gram, freq):
                extra[gram] = count * DOMAIN_WEIGHT
        elif len(gram) == 2 and freq.get(gram, 0) > 0:  # a dictionary word the register uses
            extra[gram] = DOMAIN_WEIGHT
    del counts
    if unseen:
        seen = seen.difference(unseen)
    for word, weight in words.items():
        extra[word] = extra.get(word, 0) + weight
    for slip in slips:
        extra.pop(slip, None)
    verbs = frozenset(w for w, tag in load_pos(data_dir).items() if tag == "v" and 2 <= len(w) <= 3)
    lexicon = Lexicon(freq, total, extra, seen, sound, tone, shape, verbs, load_fuzzy(data_dir))
    if should_stop():
        raise BuildStoppedError
    lexicon.targets()
    lexicon.near()
    release_freed_memory()
    return lexicon


def release_freed_memory() -> bool:
    """Hand the memory the build freed back to the system (glibc's ``malloc_trim``): the
    build's temporaries (n-gram counts, per-character sets, the word list) are freed, but
    glibc keeps the pages of its heaps, above all of the loader thread's own arena, and the
    process stayed ~10 MB bigger for good (issue 19).  False where there is no glibc."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return bool(trim(0))


def lexicon_from_segmenter(segmenter, texts: Iterable[str] = (), user_dir: Path | None = None,
                           should_stop: Callable[[], bool] = lambda: False) -> Lexicon | None:
    """The lexicon over a *loaded* Segmenter's dictionary; None while jieba is not loaded or
    when ``should_stop`` said so on the way."""
    dictionary = segmenter.dictionary()
    if dictionary is None:
        return None
    try:
        return build_lexicon(dictionary[0], dictionary[1], texts, user_dir=user_dir,
                             should_stop=should_stop)
    except BuildStoppedError:
        return None
