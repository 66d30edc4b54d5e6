"""The places a hit shows, against a brute force on the full catalogue: the grid (places.Grid, its cells and 3×3
blocks) and place_pool.py hand over only some places, so every hit must still list all its places passing the filters,
nearest first (equal distances in the formation's own order, those taught at a distance last), rank by the nearest
one, and no formation with a place kept may be left out."""
import math

import pytest

from mps.domain.catalogue.places import PlaceFilter
from mps.domain.catalogue.search import SearchParams
from mps.lib.geo import distance_km

PARIS, LYON, POITIERS = (48.8566, 2.3522), (45.7640, 4.8357), (46.5802, 0.3404)


@pytest.fixture(scope="module")
def catalogue(app_client):
    return app_client.app.state.catalogue.current


def expected_places(catalogue, fid: str, near, radius, flt: PlaceFilter, only: dict) -> list:
    """Every place of the formation passing the filters (and those its words allow: `only`), measured one by one, in
    display order."""
    f = catalogue.formations[fid]
    kept = []
    for i, p in enumerate(f.places):
        if not flt.accepts(p) or (fid in only and p.cod_aff_form not in only[fid]):
            continue
        d = None if p.lat is None else distance_km(near[0], near[1], p.lat, p.lon)
        if d is not None and d <= radius:
            kept.append((False, d, i, p.cod_aff_form))
        elif p.remote:
            kept.append((True, 0.0, i, p.cod_aff_form))
    if all(remote for remote, *_ in kept):  # taught at a distance never finds a formation alone
        return []
    return [(cod, None if remote else d) for remote, d, _, cod in sorted(kept)]


@pytest.mark.parametrize("q, near, radius, apprenticeship", [
    ("bts", PARIS, 30.0, None), ("licence", LYON, 30.0, None), ("bts", POITIERS, 60.0, None),
    ("", PARIS, 10.0, None), ("bts", PARIS, 30.0, True), ("but", PARIS, 30.0, False),
])
def test_every_hit_shows_all_its_places_nearest_first_and_ranks_by_the_nearest(catalogue, q, near, radius,
                                                                                apprenticeship):
    result = catalogue.search.search(SearchParams(q=q, near=near, radius_km=radius, apprenticeship=apprenticeship))
    flt = PlaceFilter(None, apprenticeship, None, None, None, near, radius)
    assert result.hits
    only = catalogue.search._matches(result.words)[2]  # words found in some places' options: those places only
    nearest_read_before = [h.nearest_km for h in result.hits]  # ranking happened before any place was read
    for hit in result.hits:
        expected = expected_places(catalogue, hit.formation_id, near, radius, flt, only)
        assert hit.places == expected, hit.formation_id  # all of them (the count a page shows), in order
        assert hit.nearest_km == expected[0][1]
    assert nearest_read_before == [h.nearest_km for h in result.hits]
    keys = [(-math.floor(h.score * 10 + 0.5), 1e9 if h.nearest_km is None else h.nearest_km) for h in result.hits]
    assert keys == sorted(keys)  # relevance in tenths, then the nearest place
    found = {h.formation_id for h in result.hits}
    candidates = catalogue.search.search(SearchParams(q=q)).hits
    missed = [h.formation_id for h in candidates if h.formation_id not in found
              and expected_places(catalogue, h.formation_id, near, radius, flt, only)]
    assert missed == []  # no formation with a place kept is left out
