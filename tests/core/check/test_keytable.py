"""The flat key table of the 校对 lexicon (issue 19): a dict's answers in a quarter of the
memory, and the two-slot look-up that confusable.py inlines."""

from __future__ import annotations

import random
import sys

from app.core.check.keytable import SHIFT, KeyTable


def inlined_get(table: KeyTable[str], key: int) -> str | None:
    """The look-up as ``confusable._candidates`` writes it."""
    keys, mask = table.keys, table.mask
    i = key & mask
    if keys[i] != key:
        i = (key >> SHIFT) & mask
        if keys[i] != key:
            return None
    return table.values[i] if table.values is not None else None


def test_answers_as_a_dict_does():
    rng = random.Random(19)
    for n in (0, 1, 7, 1000, 50_000):
        table: KeyTable[str] = KeyTable()
        want: dict[int, str] = {}
        for _ in range(n):
            key = rng.getrandbits(60)
            table.put(key, str(key % 101))
            want[key] = str(key % 101)
        for key in list(want)[:50]:
            table.put(key, "改")
            want[key] = "改"
        for key in list(want)[50:80]:
            table.discard(key)
            del want[key]
        assert len(table) == len(want) and dict(table.items()) == want
        assert all(table.get(k) == v == inlined_get(table, k) and k in table for k, v in want.items())
        absent = [rng.getrandbits(60) for _ in range(2000)]
        assert not any(k in table or table.get(k) or inlined_get(table, k) for k in absent)
        assert len(table) <= 0.48 * (table.mask + 1)


def test_keys_that_share_both_slots_make_the_table_grow():
    keys = [i << 3 for i in range(1, 40)]  # low 3 bits and bits 30..32 all zero: slot 0 twice
    table: KeyTable[str] = KeyTable(2)
    table.put_new((k, str(k)) for k in keys)
    assert all(inlined_get(table, k) == str(k) for k in keys) and len(table) == len(keys)


def test_a_key_set_holds_no_values():
    table: KeyTable[None] = KeyTable(100, values=False)
    table.put_new((k, None) for k in range(1, 100))
    assert table.values is None and 5 in table and 500 not in table and len(table) == 99


def test_a_table_of_115k_keys_takes_a_quarter_of_a_dicts_memory():
    rng = random.Random(3)
    pairs = [(rng.getrandbits(60), "中") for _ in range(115_000)]
    table: KeyTable[str] = KeyTable(len(pairs))
    table.put_new(iter(pairs))
    as_dict = dict(pairs)
    flat = sys.getsizeof(table.keys) + sys.getsizeof(table.values)
    boxed = sys.getsizeof(as_dict) + sum(sys.getsizeof(k) for k in as_dict)
    assert table.mask + 1 == 2 ** 18  # 44 % full: no doubling
    assert flat < 0.5 * boxed, (flat, boxed)  # 4.2 MB against 8.7 MB
