"""Distances from the student's towns to every formation, as arrays (numpy) computed once per request.

The ~14,000 places sit on ~4,600 distinct coordinates: distances are computed per coordinate, then each
formation takes the minimum over its coordinates with one `np.minimum.reduceat`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mps.lib.geo import EARTH_RADIUS_KM as EARTH_KM

NO_PLACE_FACTOR = 0.3  # a formation without coordinates (a handful, distance learning) when towns are given


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceGrid:
    lat: np.ndarray  # radians, one per distinct coordinate
    lon: np.ndarray
    place_coord: np.ndarray  # coordinate index of each place (-1: no GPS), formations one after the other
    place_start: np.ndarray  # where each formation's places start in place_coord (one more entry: the end)
    flat: np.ndarray  # distinct coordinate indexes of every formation with places, concatenated
    starts: np.ndarray  # where each such formation starts in `flat`
    located: np.ndarray  # indexes of the formations that have at least one coordinate


def build_grid(recs) -> PlaceGrid:
    index: dict[tuple[float, float], int] = {}
    place_coord, place_start, flat, starts, located = [], [0], [], [], []
    for i, f in enumerate(recs):
        aligned = [-1 if p.lat is None or p.lon is None else
                   index.setdefault((round(math.radians(p.lat), 5), round(math.radians(p.lon), 5)), len(index))
                   for p in f.places]
        place_coord.extend(aligned)
        place_start.append(len(place_coord))
        distinct = sorted({k for k in aligned if k >= 0})
        if distinct:
            located.append(i)
            starts.append(len(flat))
            flat.extend(distinct)
    coords = np.array(list(index) or [(0.0, 0.0)], dtype=np.float64)
    return PlaceGrid(lat=coords[:, 0], lon=coords[:, 1], place_coord=np.array(place_coord, dtype=np.int32),
                     place_start=np.array(place_start, dtype=np.int64),
                     flat=np.array(flat, dtype=np.int32), starts=np.array(starts, dtype=np.int64),
                     located=np.array(located, dtype=np.int64))


def coord_distances(grid: PlaceGrid, villes) -> tuple[np.ndarray, np.ndarray] | None:
    """km from the closest of the student's towns to each distinct coordinate, and which town that is
    (equirectangular: exact enough to rank; the places shown get a great-circle figure). Both arrays end
    with one extra entry (inf km, town 0) that a place without GPS (coordinate index -1) reads."""
    if not villes:
        return None
    best = town = None
    for k, v in enumerate(villes):
        lat0, lon0 = math.radians(v.lat), math.radians(v.lon)
        d2 = ((grid.lon - lon0) * math.cos(lat0)) ** 2 + (grid.lat - lat0) ** 2
        if best is None:
            best, town = d2, np.zeros(len(d2), dtype=np.int64)
        else:
            closer = d2 < best
            best, town = np.where(closer, d2, best), np.where(closer, k, town)
    km = EARTH_KM * np.sqrt(best)
    return np.append(km, np.inf), np.append(town, 0)


def nearest_km(grid: PlaceGrid, coord_km: np.ndarray | None, n: int) -> np.ndarray | None:
    """Per formation, km to its closest place (inf without coordinates)."""
    if coord_km is None:
        return None
    out = np.full(n, np.inf)
    if len(grid.located):
        out[grid.located] = np.minimum.reduceat(coord_km.take(grid.flat), grid.starts)  # take: no fancy-index set-up
    return out


def distance_factor(km: np.ndarray) -> np.ndarray:
    """From 1 in town to 0.9 at 30 km (of two variants, the nearer first), then falling (0.45 at 100 km,
    0.18 at 170 km), never under 0.06."""
    far = 0.9 / (1.0 + ((km - 30.0) / 70.0) ** 2)
    out = np.where(km <= 30.0, 1.0 - 0.1 * km / 30.0, np.maximum(0.06, far))
    return np.where(np.isinf(km), NO_PLACE_FACTOR, out)


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions starts[k] .. starts[k] + lengths[k] - 1 of every k, one after the other."""
    ends = np.cumsum(lengths)
    return np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - (ends - lengths), lengths)


def nearest_rows(grid: PlaceGrid, coord_km: np.ndarray, coord_town: np.ndarray, formations: list[int], limit: int,
                 penalty=None) -> list[tuple[list[int], list[int]]]:
    """For each formation (in order): its `limit` places nearest the student's towns, as indexes among its
    places (ties in their order, as a stable sort gives), and which town each is nearest to.

    All the formations' places in one sort (by formation, then km): a request shows 20 formations, and a
    sort per formation cost more in numpy's call overhead than in sorting. `penalty(positions)` adds km to
    places (positions in grid.place_coord)."""
    chosen = np.asarray(formations, dtype=np.int64)
    starts = grid.place_start[chosen]
    lengths = grid.place_start[chosen + 1] - starts
    positions = _ranges(starts, lengths)
    coords = grid.place_coord.take(positions)  # -1 (no GPS) reads the inf kept at the end of coord_km
    km = coord_km.take(coords)
    if penalty is not None:
        km = km + penalty(positions)
    # lexsort((km, formation)) in two stable sorts: by km, then by formation as small ints (a radix sort, linear)
    order = np.argsort(km, kind="stable")
    which = np.repeat(np.arange(len(chosen), dtype=np.int16 if len(chosen) < 2 ** 15 else np.int64), lengths)
    order = order.take(np.argsort(which.take(order), kind="stable"))
    taken = np.minimum(lengths, limit)
    picked = order[_ranges(np.cumsum(lengths) - lengths, taken)]
    rows = (positions[picked] - np.repeat(starts, taken)).tolist()
    towns = coord_town[coords[picked]].tolist()
    out, at = [], 0
    for n in taken.tolist():
        out.append((rows[at:at + n], towns[at:at + n]))
        at += n
    return out
