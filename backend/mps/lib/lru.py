"""A bounded cache that forgets the least recently used entry first (one event loop: no lock needed)."""
from __future__ import annotations

from collections import OrderedDict


class LRU:
    def __init__(self, size: int):
        self.size, self.items = size, OrderedDict()

    def get(self, key):
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key, value) -> None:
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)

    def clear(self) -> None:
        self.items.clear()
