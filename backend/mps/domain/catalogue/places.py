"""Place-level filters of a search and a grid that finds the places around a point without a full scan."""
from __future__ import annotations

import math
from collections import defaultdict
from itertools import chain


class PlaceFilter:
    """What a search keeps of the places: their own fields, and a distance around a point."""

    __slots__ = ("selective", "apprenticeship", "departement", "academie", "region", "near", "radius", "overseas",
                 "narrows_places", "active", "statuts")

    def __init__(self, selective: bool | None, apprenticeship: bool | None, departement: str | None,
                 academie: str | None, region: str | None, near: tuple[float, float] | None, radius: float | None,
                 overseas: bool = False, statuts: frozenset[str] | None = None):
        self.selective, self.apprenticeship, self.departement = selective, apprenticeship, departement
        self.academie, self.region, self.near, self.radius = academie, region, near, radius
        self.overseas = overseas  # « outre-mer », « dom tom »: every overseas département and collectivité
        self.statuts = statuts  # the status codes kept (status.FILTERS), None: any
        # A filter on the places themselves, beside the distance (accepts() has something to say).
        self.narrows_places = not (selective is None and apprenticeship is None and departement is None
                                   and academie is None and region is None and not overseas
                                   and statuts is None)  # (no generator: every search makes one)
        self.active = self.narrows_places or near is not None

    def accepts(self, p) -> bool:
        return ((self.selective is None or p.selective == self.selective)
                and (self.apprenticeship is None or p.apprenticeship == self.apprenticeship)
                and (not self.departement or p.departement_code == self.departement)
                and (not self.academie or p.academie == self.academie)
                and (not self.region or p.region == self.region)
                and (not self.overseas or is_overseas(p.departement_code))
                and (self.statuts is None or p.statut in self.statuts))


def is_overseas(departement_code: str) -> bool:
    """971 to 989: overseas (« 99 » is abroad; 2A, 2B are Corsica)."""
    return len(departement_code) == 3


class Grid:
    """Places bucketed by 0.5° cells, then by formation: the places of the formations a search matched
    around a point, without scanning every place."""

    CELL = 0.5
    MAX_CELLS = 64  # a wider box: reading the matching formations' places is cheaper than the cells

    def __init__(self, located):
        """located: the places with coordinates as points (place, latitude in radians, its cosine, longitude),
        the points mps.lib.geo.Around measures."""
        self.cells: dict[tuple[int, int], dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for point in located:
            p = point[0]
            cell = (int(math.floor(p.lat / self.CELL)), int(math.floor(p.lon / self.CELL)))
            self.cells[cell][p.formation_id].append(point)
        # Each cell's 3×3 block of cells, merged: around a town, a box spanning one cell at most each way from the
        # town's cell is one look-up (each cell costs one, and the search's 30 km span 2 to 3 cells each way).
        self.blocks: dict[tuple[int, int], dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for (i, j), by_formation in self.cells.items():
            for block in [self.blocks[i + di, j + dj] for di in (-1, 0, 1) for dj in (-1, 0, 1)]:
                for fid, points in by_formation.items():
                    block[fid] += points

    def places_of(self, formations, lat: float, lon: float, radius_km: float) -> list | None:
        """The points of these formations' places (a collection of ids) in the cells around the point: a superset
        of those within the radius. None when the box is too wide to be worth it."""
        dlat = radius_km / 110.0
        dlon = radius_km / (111.32 * max(0.05, math.cos(math.radians(lat))))
        i0, i1 = int(math.floor((lat - dlat) / self.CELL)), int(math.floor((lat + dlat) / self.CELL))
        j0, j1 = int(math.floor((lon - dlon) / self.CELL)), int(math.floor((lon + dlon) / self.CELL))
        if (i1 - i0 + 1) * (j1 - j0 + 1) > min(self.MAX_CELLS, len(self.cells)):
            return None
        i, j = int(math.floor(lat / self.CELL)), int(math.floor(lon / self.CELL))
        if i0 >= i - 1 and i1 <= i + 1 and j0 >= j - 1 and j1 <= j + 1:  # within the block around the point's cell
            by_formation = self.blocks.get((i, j), {})
            return list(chain.from_iterable(map(by_formation.__getitem__, by_formation.keys() & formations)))
        out, cells = [], self.cells
        add = out.extend
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                by_formation = cells.get((i, j))
                if by_formation:
                    for fid in by_formation.keys() & formations:
                        add(by_formation[fid])
        return out
