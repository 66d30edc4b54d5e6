"""How many offers a box holds, roughly, without asking the database: this process's count of offers per
cell of a tenth of a degree, read again every TTL seconds.

It only weighs which index leads a search (nearest.driver: the box against a sector's or some words'
offers), never what a search finds. Counting the box exactly was a statement per keyword search: on
PostgreSQL ≈ 3.4 ms of backend CPU (up to 20,000 GiST entries), a sixth of the bench's searches.
"""
from __future__ import annotations

import math
import time
from bisect import bisect_left, bisect_right

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from mps.db.engine import database_of

CELLS_PER_DEGREE = 10
TTL = 60.0
# Offers of any status, as the exact count was (the index's size, not the matches'). lat + 90 and
# lon + 180 are never negative: the integer cast is a floor.
_CELLS = text(f"SELECT CAST((lat + 90) * {CELLS_PER_DEGREE} AS INTEGER) AS i, "
              f"CAST((lon + 180) * {CELLS_PER_DEGREE} AS INTEGER) AS j, count(*) AS n FROM stage_offers GROUP BY 1, 2")


class Density:
    def __init__(self):
        self.cells: dict[tuple[int, int], int] = {}
        self.rows: dict[int, tuple[list[int], list[int]]] = {}  # row -> its columns, sorted, and running sums
        self.loaded_at = -math.inf

    async def refresh(self, conn: AsyncConnection) -> None:
        if time.monotonic() - self.loaded_at < TTL:
            return
        self.loaded_at = time.monotonic()  # (set first: searches meanwhile keep the previous cells)
        cells = {(i, j): n for i, j, n in (await conn.execute(_CELLS)).all()}
        rows: dict[int, tuple[list[int], list[int]]] = {}
        for (i, j), n in sorted(cells.items()):
            cols, sums = rows.setdefault(i, ([], [0]))
            cols.append(j)
            sums.append(sums[-1] + n)
        self.cells, self.rows = cells, rows

    def in_box(self, lat1: float, lat2: float, lon1: float, lon2: float) -> float:
        """Offers in the box, each cell's count weighed by the share of the cell inside the box (the cells
        between a row's two edge cells wholly: their running sums)."""
        c = CELLS_PER_DEGREE
        y1, y2, x1, x2 = (lat1 + 90) * c, (lat2 + 90) * c, (lon1 + 180) * c, (lon2 + 180) * c
        left, right = int(x1), int(x2)
        total = 0.0
        for i in range(int(y1), int(y2) + 1):
            row = self.rows.get(i)
            if row is None:
                continue
            share = min(i + 1, y2) - max(i, y1)
            n = self.cells.get
            if left == right:
                total += share * n((i, left), 0) * (x2 - x1)
                continue
            cols, sums = row
            inside = sums[bisect_left(cols, right)] - sums[bisect_right(cols, left)]
            total += share * (n((i, left), 0) * (left + 1 - x1) + n((i, right), 0) * (x2 - right) + inside)
        return total


_densities: dict[str, Density] = {}


async def offers_in_box(conn: AsyncConnection, box: dict) -> float:
    """Roughly how many offers (any status) the box of nearest.box_params holds."""
    density = _densities.setdefault(database_of(conn), Density())
    await density.refresh(conn)
    return density.in_box(box["lat1"], box["lat2"], box["lon1"], box["lon2"])
