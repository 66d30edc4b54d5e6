"""Compact rows for the catalogue held by every worker, read from the database a few thousand at a time.

A place's 48 columns as a dict cost ~1.6 KB, 13,900 places ~22 MB per worker; as a tuple under one shared
column index, ~0.45 KB. The database driver also makes a new string for every value of every row (« Public »,
« Île-de-France », an establishment's name thousands of times over): one copy of each is kept. And a whole table
fetched at once (places, 36,000 communes) was the worker's peak memory, never given back to the system.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncConnection

BATCH = 2000


class CompactRow(Mapping):
    """Read-only mapping column -> value (row["capacity"], row.get("concours")), like the dict it replaces."""
    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: tuple):
        self._index, self._values = index, values

    def __getitem__(self, key: str) -> Any:
        return self._values[self._index[key]]

    def get(self, key: str, default: Any = None) -> Any:
        i = self._index.get(key)
        return default if i is None else self._values[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"CompactRow({dict(self)!r})"


class Shared:
    """One copy of each equal string or float, and one column index per set of columns."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._floats: dict[float, float] = {}  # floats only: 1.0 == 1 == True must not become one another
        self._indexes: dict[tuple[str, ...], dict[str, int]] = {}

    def value(self, v: Any) -> Any:
        if isinstance(v, float):
            return self._floats.setdefault(v, v)
        return self.string(v)

    def string(self, v: Any) -> Any:
        return self._strings.setdefault(v, v) if isinstance(v, str) else v

    def index(self, columns: Iterable[str]) -> dict[str, int]:
        keys = tuple(columns)
        found = self._indexes.get(keys)
        if found is None:
            found = self._indexes[keys] = {k: i for i, k in enumerate(keys)}
        return found

    def row(self, columns: Mapping) -> CompactRow:
        if isinstance(columns, CompactRow):
            return columns
        return CompactRow(self.index(columns), tuple(map(self.value, columns.values())))

    async def read(self, conn: AsyncConnection, query: Select, floats: bool = True) -> list[CompactRow]:
        """The rows of `query`, streamed BATCH at a time, each kept compact; `floats=False` keeps each float as
        read (coordinates: all distinct)."""
        result = await conn.stream(query)
        index, value = self.index(result.keys()), self.value if floats else self.string
        return [CompactRow(index, tuple(map(value, r))) async for batch in result.partitions(BATCH) for r in batch]
