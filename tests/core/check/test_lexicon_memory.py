"""The 校对 lexicon's compact build (issue 19): pruned n-gram counting and string-valued
tables give the same word knowledge as the plain ones they replaced."""

from __future__ import annotations

from collections import Counter

from app.core.check.lexicon import (
    _CJK_RUN,
    DOMAIN_MAX_N,
    DOMAIN_MIN_COUNT,
    PARTICLES,
    TARGET_MIN_FREQ,
    domain_ngrams,
    text_key,
)


def naive_ngrams(texts) -> Counter[str]:
    """Every 2..4-character n-gram counted (what domain_ngrams did before issue 19)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for run in _CJK_RUN.findall(text):
            for size in range(2, DOMAIN_MAX_N + 1):
                counts.update(run[i:i + size] for i in range(len(run) - size + 1))
    return counts


def used(counts: Counter[str]) -> dict[int, int]:
    """What build_lexicon reads, by hash: every 2-gram and the n-grams that recur."""
    return {text_key(g): c for g, c in counts.items() if c >= DOMAIN_MIN_COUNT or len(g) == 2}


def used_hashed(counts: Counter[int], texts) -> dict[int, int]:
    """The same from ``domain_ngrams``' counts by hash (2-grams told apart by their text)."""
    pairs = {text_key(run[i:i + 2]) for text in texts for run in _CJK_RUN.findall(text)
             for i in range(len(run) - 1)}
    return {h: c for h, c in counts.items() if c >= DOMAIN_MIN_COUNT or h in pairs}


def test_pruned_ngram_counting_gives_the_build_the_same_counts_with_far_fewer_entries():
    from tests.tools.proof_eval import phrase_texts

    texts = list(phrase_texts())
    naive, pruned = naive_ngrams(texts), domain_ngrams(texts)
    assert used_hashed(pruned, texts) == used(naive)
    assert len(pruned) < 0.6 * len(naive)  # the shipped bank: 128k entries counted before, 65k now


def test_pruned_counting_keeps_an_ngram_seen_twice_only_across_texts():
    texts = ["坚持以人民为中心", "始终以人民为中心的发展思想", "人民群众"]
    assert used_hashed(domain_ngrams(texts), texts) == used(naive_ngrams(texts))
    assert domain_ngrams(texts)[text_key("以人民为")] == 2 and text_key("坚持以人") not in domain_ngrams(texts)


def test_lexicon_tables_hold_the_same_characters_as_shared_strings_by_text_key():
    from tests.tools.proof_eval import eval_config

    lexicon = eval_config().lexicon
    targets = lexicon.targets()
    words = {w for w, f in lexicon.freq.items() if f >= TARGET_MIN_FREQ and 2 <= len(w) <= 4}
    words.update(w for w in lexicon.extra if 2 <= len(w) <= 4)
    want: dict[str, set[str]] = {}
    for word in words:
        if _CJK_RUN.fullmatch(word):
            for j, ch in enumerate(word):
                if ch not in PARTICLES:
                    want.setdefault(word[:j] + "\0" + word[j + 1:], set()).add(ch)
    assert {k: set(v) for k, v in targets.items()} == {text_key(k): v for k, v in want.items()}
    long_words = [w for w in words if len(w) > 2 and _CJK_RUN.fullmatch(w)]
    assert lexicon.heads == {text_key(w[:2]) for w in long_words}
    assert lexicon.mids == {text_key(w[0] + w[2]) for w in long_words if len(w) == 3}
    assert all(isinstance(v, str) and list(v) == sorted(v) for _, v in targets.items())
    values = [v for _, v in targets.items()]
    assert len({id(v) for v in values}) == len(set(values))  # equal fills: one object
    for table in (lexicon.sound, lexicon.tone, lexicon.shape, lexicon.near()):
        assert all(isinstance(v, str) and len(set(v)) == len(v) for v in table.values())
    assert lexicon.confusable("在", "再") == "sound"
    near = lexicon.near()
    for c in ("在", "即", "己"):
        assert set(near[c]) == (set(lexicon.sound.get(c, "")) | set(lexicon.tone.get(c, ""))
                                | set(lexicon.shape.get(c, "")))
        assert c not in near[c]


def test_seen_holds_the_hash_of_every_recurring_ngram():
    from app.core.check.lexicon import build_lexicon
    from tests.tools.proof_eval import eval_config

    base = eval_config().lexicon
    texts = ["坚持以人民为中心", "始终以人民为中心的发展思想", "人民群众"]
    lexicon = build_lexicon(base.freq, base.total, texts)
    recurring = [g for g, c in naive_ngrams(texts).items() if c >= DOMAIN_MIN_COUNT]
    assert lexicon.seen == {text_key(g) for g in recurring}
    assert "以人民为" in recurring and "坚持以人" not in recurring


def test_the_build_hands_its_freed_memory_back(monkeypatch):
    """glibc keeps the pages the build's temporaries freed (the loader thread's arena): the
    build ends with ``malloc_trim`` (~10 MB of the 10k-bank bench's resident memory)."""
    from app.core.check import lexicon as lexicon_module
    from tests.tools.proof_eval import eval_config

    base = eval_config().lexicon
    calls: list[int] = []
    monkeypatch.setattr(lexicon_module, "release_freed_memory", lambda: calls.append(1) or True)
    lexicon_module.build_lexicon(base.freq, base.total, ["坚持以人民为中心"])
    assert calls == [1]
    monkeypatch.undo()
    assert lexicon_module.release_freed_memory() in (True, False)  # callable here, never raises


def _naive_confusions(data_dir):
    """The confusion tables as built before (a set per character), for comparison."""
    import re

    from app.core.check.lexicon import SHAPE_EXTRA_FILE, SHAPE_FILE, SOUND_FILE, _data_lines

    sound: dict[str, set[str]] = {}
    toneless: dict[str, set[str]] = {}
    for line in _data_lines(data_dir / SOUND_FILE):
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        group = [c for c in parts[1].strip() if "\u4e00" <= c <= "\u9fff"]
        toneless.setdefault(parts[0].rstrip("012345"), set()).update(group)
        for c in group:
            sound.setdefault(c, set()).update(g for g in group if g != c)
    tone: dict[str, set[str]] = {}
    for group in toneless.values():
        for c in group:
            others = {g for g in group if g != c and g not in sound.get(c, ())}
            if others:
                tone.setdefault(c, set()).update(others)
    shape: dict[str, set[str]] = {}
    for line in _data_lines(data_dir / SHAPE_FILE) + _data_lines(data_dir / SHAPE_EXTRA_FILE):
        group = [g for g in re.split(r"[,，\s]+", line) if len(g) == 1 and "\u4e00" <= g <= "\u9fff"]
        for c in group:
            shape.setdefault(c, set()).update(g for g in group if g != c)
    return tuple({c: "".join(sorted(s)) for c, s in table.items()} for table in (sound, tone, shape))


def test_confusion_tables_are_built_with_a_low_peak_and_as_before():
    """A set per character (8,000, up to a few KB each) took a 13 MB peak for 3 MB of
    tables, and the process kept most of it; one string per group: ~4 MB."""
    import tracemalloc

    from app.core.check.lexicon import load_confusions
    from app.core.paths import resources_dir

    data_dir = resources_dir() / "check"
    tracemalloc.start()
    try:
        tables = load_confusions(data_dir)
        size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert tables == _naive_confusions(data_dir)
    assert peak < 2.5 * size, (size, peak)  # was 4.6 times
    keys = {id(c) for table in tables for c in table}
    assert len(keys) == len({c for table in tables for c in table})  # one object per character
    assert all(isinstance(v, str) for table in tables for v in table.values())


def test_hash_keys_are_ints_of_32_bytes():
    """Keys below 2**60 take 32 bytes where a 64-bit hash takes 48 (~4.6 MB with a 10k bank)."""
    import sys

    from app.core.check.lexicon import KEY_MASK, build_lexicon
    from tests.tools.proof_eval import eval_config

    base = eval_config().lexicon
    lexicon = build_lexicon(base.freq, base.total, ["坚持以人民为中心", "始终以人民为中心的发展思想"])
    tables = (lexicon.seen, lexicon.targets(), lexicon.heads, lexicon.tails, lexicon.mids)
    assert all(table for table in tables)
    for table in tables:
        assert all(0 <= k <= KEY_MASK and sys.getsizeof(k) <= 32 for k in table)
    assert text_key("以人民为") in lexicon.seen


def test_targets_are_built_from_one_word_at_a_time_into_a_flat_table():
    """A set of all 60k common words (and the fills as single strings until the end) doubled
    the peak of building ``targets``: 27 MB traced for 13 MB of tables with a 10k bank; a
    dict copied into the flat table at the end still put ~40 % on it."""
    import sys
    import tracemalloc

    from app.core.check.lexicon import Lexicon
    from tests.tools.proof_eval import eval_config

    base = eval_config().lexicon
    lexicon = Lexicon(base.freq, base.total, dict(base.extra))
    tracemalloc.start()
    try:
        targets = lexicon.targets()
        size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1.2 * size, (size, peak)  # straight into the flat table: a dict first, 1.4
    # flat (keytable.py): 16 bytes a slot, the table 29-48 % full; a dict took ~77 a key
    per_key = (sys.getsizeof(targets.keys) + sys.getsizeof(targets.values)) / len(targets)
    assert per_key < 60, per_key
    assert dict(targets.items()) == dict(base.targets().items()) and lexicon.heads == base.heads
    assert lexicon.tails == base.tails and lexicon.mids == base.mids


def test_the_lexicon_keeps_no_second_pos_table():
    """The 的/地/得 rule reads ``CheckConfig.pos``; the lexicon's copy was never read (1.5 MB)."""
    from dataclasses import fields

    from app.core.check.lexicon import Lexicon
    from tests.tools.proof_eval import eval_config

    assert "pos" not in {f.name for f in fields(Lexicon)}
    assert eval_config().pos["认真"]  # the rule's own table
