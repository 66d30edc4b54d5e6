"""The map view drawn on the server as an SVG: the search circle, rings every few kilometres, the student's
point and numbered offers that link to their page. No tile server, no script: it works offline from the
page cache and without JavaScript."""
from __future__ import annotations

import math
from dataclasses import dataclass

from mps.domain.stages.nearest import KM_PER_DEGREE
from mps.domain.stages.schemas import StageItem

SIZE = 400  # viewBox side; the SVG scales to the screen's width
MARGIN = 24


@dataclass(frozen=True)
class MapPoint:
    n: int
    x: float
    y: float
    item: StageItem


@dataclass(frozen=True)
class Ring:
    km: int
    r: float


@dataclass(frozen=True)
class StageMap:
    size: int
    centre: float
    radius: float
    rings: list[Ring]
    points: list[MapPoint]
    scale_km: int
    scale_px: float


def _ring_steps(radius_km: float) -> list[int]:
    step = 5 if radius_km <= 20 else 10 if radius_km <= 40 else 20
    return list(range(step, int(radius_km) + 1, step))


def build_map(lat: float, lon: float, radius_km: float, items: list[StageItem]) -> StageMap:
    """Equirectangular projection centred on the student (exact enough over 60 km), north up."""
    centre = SIZE / 2
    px_per_km = (SIZE / 2 - MARGIN) / radius_km
    k = math.cos(math.radians(lat))
    points = []
    for n, item in enumerate(items, start=1):
        dx = (item.lon - lon) * k * KM_PER_DEGREE * px_per_km
        dy = (item.lat - lat) * KM_PER_DEGREE * px_per_km
        points.append(MapPoint(n, round(centre + dx, 1), round(centre - dy, 1), item))
    rings = [Ring(km, round(km * px_per_km, 1)) for km in _ring_steps(radius_km)]
    scale_km = rings[0].km if rings else 5
    return StageMap(SIZE, centre, round(radius_km * px_per_km, 1), rings, points, scale_km,
                    round(scale_km * px_per_km, 1))
