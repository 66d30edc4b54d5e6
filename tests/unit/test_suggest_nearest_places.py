"""The places shown under each suggestion, chosen for all the suggestions in one sort (geo.nearest_rows): the same
places, in the same order, as a stable sort of each formation's places alone would give."""
import math
import random
from types import SimpleNamespace

import numpy as np

from mps.domain.suggestions.geo import build_grid, coord_distances, nearest_rows


def one_by_one(grid, km_by_coord, town_by_coord, i, limit, penalty):
    """What the engine did per formation before: a stable argsort of its places' km."""
    start, end = grid.place_start[i], grid.place_start[i + 1]
    coords = grid.place_coord[start:end]
    km = km_by_coord[coords]
    if penalty is not None:
        km = km + penalty(np.arange(start, end))
    rows = np.argsort(km, kind="stable")[:limit]
    return rows.tolist(), town_by_coord[coords[rows]].tolist()


def test_one_sort_for_all_formations_gives_each_formation_s_own_order():
    rng = random.Random(3)
    spots = [(rng.uniform(42, 51), rng.uniform(-4, 8)) for _ in range(40)]

    def place():
        if rng.random() < 0.1:  # no GPS: last
            return SimpleNamespace(lat=None, lon=None)
        lat, lon = rng.choice(spots)  # shared coordinates: ties, kept in place order
        return SimpleNamespace(lat=lat, lon=lon)
    recs = [SimpleNamespace(places=[place() for _ in range(rng.choice([0, 1, 3, 7, 30, 120]))]) for _ in range(60)]
    grid = build_grid(recs)
    towns = [SimpleNamespace(lat=45.76, lon=4.84), SimpleNamespace(lat=48.39, lon=-4.49)]
    km, town = coord_distances(grid, towns)
    extra = np.array([rng.choice([0.0, 30.0, 10_000.0]) for _ in range(len(grid.place_coord))])
    chosen = rng.sample(range(len(recs)), 25)
    for penalty in (None, lambda positions: extra[positions]):
        got = nearest_rows(grid, km, town, chosen, 5, penalty)
        assert got == [one_by_one(grid, km, town, i, 5, penalty) for i in chosen]
    assert any(len(recs[i].places) > 20 for i in chosen) and any(not recs[i].places for i in chosen)
    assert not math.isnan(km[:-1].sum())
