"""Which offers searching students can reach: a seat left, within the radius they search (great circle), and
open to them (offers reserved to REP / REP+ schools, or to named schools). No database here.

Offers sit in a grid of cells compared a cell at a time with numpy. Students who search from the same point (a
commune's centre, a school) with the same radius and the same eligibility share one answer, so the cost follows
the places searched from rather than the number of students; what a group reached is a boolean mask over the
offers, never a set of ids per student."""
from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from mps.lib.geo import EARTH_RADIUS_KM

if TYPE_CHECKING:
    from mps.domain.stages.figures.service import OfferPoint, Student

CELL_DEG = 0.25  # about 28 km of latitude


def _grid(lats: np.ndarray, lons: np.ndarray, keep: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in np.flatnonzero(keep).tolist():
        cells[(math.floor(lats[i] / CELL_DEG), math.floor(lons[i] / CELL_DEG))].append(i)
    return {k: np.array(v, dtype=np.int64) for k, v in cells.items()}


def _near(grid, lat: float, lon: float, radius_km: float) -> np.ndarray:
    """Offers of the cells the circle may touch."""
    dlat = radius_km / 111.0
    dlon = radius_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
    parts = [grid[(i, j)]
             for i in range(math.floor((lat - dlat) / CELL_DEG), math.floor((lat + dlat) / CELL_DEG) + 1)
             for j in range(math.floor((lon - dlon) / CELL_DEG), math.floor((lon + dlon) / CELL_DEG) + 1)
             if (i, j) in grid]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


def within(lats: np.ndarray, lons: np.ndarray, lat: float, lon: float, radius_km: float) -> np.ndarray:
    """Great-circle distance <= radius, the formula of mps.lib.geo.distance_km on arrays of degrees."""
    p1, p2 = math.radians(lat), np.radians(lats)
    a = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))) <= radius_km


def reach(offers: list[OfferPoint], students: list[Student]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Sets each searching student's `reached`; returns the masks over `offers` of what the searching students of
    each département and of each REP / REP+ group reach."""
    n = len(offers)
    lats = np.array([o.lat for o in offers], dtype=float)
    lons = np.array([o.lon for o in offers], dtype=float)
    has_seat = np.array([o.seats_left > 0 for o in offers], dtype=bool)
    for_ep = np.array([o.reserved == "ep" for o in offers], dtype=bool)
    named = [i for i, o in enumerate(offers) if o.reserved == "schools" and o.seats_left > 0]
    grid = _grid(lats, lons, has_seat & np.array([o.reserved != "schools" for o in offers], dtype=bool))
    by_departement: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(n, dtype=bool))
    by_ep: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(n, dtype=bool))
    answers: dict[tuple, np.ndarray] = {}
    marked: set[tuple] = set()
    for s in students:
        if s.placed or s.point is None:
            continue
        lat, lon = s.point
        key = (lat, lon, s.radius_km, s.ep in ("REP", "REP+"))
        found = answers.get(key)
        if found is None:
            near = _near(grid, lat, lon, s.radius_km)
            ok = within(lats[near], lons[near], lat, lon, s.radius_km)
            found = answers[key] = near[ok if key[3] else ok & ~for_ep[near]]
        mine = [i for i in named if s.uai and f"|{s.uai}|" in offers[i].reserved_uais]
        if mine:
            mine_ok = np.array(mine, dtype=np.int64)
            found = np.concatenate([found, mine_ok[within(lats[mine_ok], lons[mine_ok], lat, lon, s.radius_km)]])
        s.reached = found.size > 0
        if mine or (key, s.departement, s.ep) not in marked:
            marked.add((key, s.departement, s.ep))
            by_departement[s.departement][found] = True
            by_ep[s.ep][found] = True
    return dict(by_departement), dict(by_ep)
