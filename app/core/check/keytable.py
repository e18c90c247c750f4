"""Flat int-keyed tables for the 校对 lexicon (issue 19).

A set or dict of 100k+ hash keys took 8–9 MB each (an int object of 32 bytes per key, and
30–45 bytes of table per entry); here the keys sit in one ``array('q')`` (and the values,
if any, in one list): 8 or 16 bytes a slot, 18–36 bytes a key, and no int objects left
behind in the allocator's pages.  Cuckoo hashing with two slots per key (``key & mask``
and ``(key >> SHIFT) & mask``), the table at most 48 % full: a look-up reads at most two
slots and never loops, so hot code inlines it (``confusable._candidates``):

    i = key & mask
    if keys[i] != key:
        i = (key >> SHIFT) & mask
        if keys[i] != key: ...  # absent
    value = values[i]
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

SHIFT = 30  # keys are below 2**60 (lexicon.KEY_MASK): the second slot uses other bits
EMPTY = -1
MAX_KICKS = 500
LOAD = 0.48

V = TypeVar("V")


class KeyTable(Generic[V]):
    """key (an int in [0, 2**60)) -> value, in flat arrays; ``values=False``: a set."""

    __slots__ = ("keys", "mask", "size", "values")

    def __init__(self, capacity: int = 0, values: bool = True) -> None:
        slots = 8
        while slots * LOAD < capacity:
            slots *= 2
        self.size = 0
        self.values: list[V | None] | None = [] if values else None
        self._empty(slots)

    def _empty(self, slots: int) -> None:
        self.mask = slots - 1
        self.keys = array("q", [EMPTY]) * slots
        if self.values is not None:
            values: list[V | None] = [None] * slots
            self.values = values

    def get(self, key: int) -> V | None:
        i = self._slot(key)
        return None if i < 0 or self.values is None else self.values[i]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and key >= 0 and self._slot(key) >= 0

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[int]:
        return (k for k in self.keys if k != EMPTY)

    def items(self) -> Iterator[tuple[int, V | None]]:
        values = self.values if self.values is not None else [None] * len(self.keys)
        return ((k, v) for k, v in zip(self.keys, values, strict=True) if k != EMPTY)

    def _slot(self, key: int) -> int:
        i = key & self.mask
        if self.keys[i] == key:
            return i
        i = (key >> SHIFT) & self.mask
        return i if self.keys[i] == key else -1

    def put(self, key: int, value: V | None = None) -> None:
        """Set ``key``'s value (``key`` in [0, 2**60))."""
        i = self._slot(key)
        if i < 0:
            self.put_new(((key, value),))
        elif self.values is not None:
            self.values[i] = value

    def discard(self, key: int) -> None:
        i = self._slot(key)
        if i >= 0:
            self.keys[i] = EMPTY
            if self.values is not None:
                self.values[i] = None
            self.size -= 1

    def put_new(self, pairs: Iterable[tuple[int, V | None]]) -> None:
        """Put in keys not in the table yet (each once): ``put`` without its look-up."""
        add = self.add
        for key, value in pairs:
            add(key, value)

    def add(self, key: int, value: V | None) -> None:
        """Put in a key not in the table yet (the arrays may be new ones after it)."""
        if self.size + 1 > LOAD * (self.mask + 1):
            self._grow()
        homeless = self._place(key, value)
        if homeless is not None:  # a cycle of kicks (rare): twice the room
            self._grow(homeless)
        self.size += 1

    def _place(self, key: int, value: V | None) -> tuple[int, V | None] | None:
        """Put a new key in; the key left without a slot after too many kicks, else None."""
        keys, values, mask = self.keys, self.values, self.mask
        i = key & mask
        for _ in range(MAX_KICKS):
            if keys[i] == EMPTY:
                keys[i] = key
                if values is not None:
                    values[i] = value
                return None
            other = (key >> SHIFT) & mask
            if keys[other] == EMPTY:
                keys[other] = key
                if values is not None:
                    values[other] = value
                return None
            # take slot i; the key there moves to its other slot
            keys[i], key = key, keys[i]
            if values is not None:
                values[i], value = value, values[i]
            first = key & mask
            i = (key >> SHIFT) & mask if first == i else first
        return key, value

    def _grow(self, homeless: tuple[int, V | None] | None = None) -> None:
        """Twice the slots (more if needed), the keys placed again from the old arrays."""
        old_keys, old_values = self.keys, self.values
        slots = 2 * (self.mask + 1)
        while True:
            self._empty(slots)
            placed = all(self._place(key, None if old_values is None else old_values[i]) is None
                         for i, key in enumerate(old_keys) if key != EMPTY)
            if placed and (homeless is None or self._place(*homeless) is None):
                return
            slots *= 2
