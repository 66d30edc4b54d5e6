import pytest

from mps.lib.geo import distance_km, parse_gps
from mps.lib.text import fold, place_key, slugify


@pytest.mark.parametrize("raw, folded", [
    ("Écoles d’Ingénieurs", "ecoles d ingenieurs"),
    ("BTS - Comptabilité et gestion", "bts comptabilite et gestion"),
    ("Cœur", "coeur"),
    ("  PSYCHOLOGIE ", "psychologie"),
])
def test_fold_ignores_accents_case_and_punctuation(raw, folded):
    assert fold(raw) == folded


def test_place_key_treats_saint_abbreviations_alike():
    assert place_key("St-Étienne") == place_key("SAINT ETIENNE") == "saint etienne"


def test_slugify_is_readable_and_bounded():
    assert slugify("BUT - Informatique") == "but-informatique"
    assert len(slugify("Licence " * 40)) <= 90


def test_distance_lille_paris_is_about_204_km():
    assert distance_km(50.6317, 3.0478, 48.8566, 2.3522) == pytest.approx(204, abs=3)


@pytest.mark.parametrize("raw, expected", [
    ("50.6011, 3.03281", (50.6011, 3.03281)),
    ("", None), ("abc", None), ("95, 3", None), ("48.1,", None),
])
def test_parse_gps(raw, expected):
    assert parse_gps(raw) == expected


def _points(origin_lat: float, origin_lon: float, spread: float, n: int, seed: int):
    import random
    from mps.lib.geo import latitude_terms
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lat = max(-90.0, min(90.0, origin_lat + rng.uniform(-spread, spread)))
        lon = origin_lon + rng.uniform(-spread * 3, spread * 3)
        lon = (lon + 180) % 360 - 180
        out.append((i, *latitude_terms(lat), lon, lat))
    return out


@pytest.mark.parametrize("lat, lon, radius, spread", [
    (47.0, 2.0, 30.0, 0.6),      # a French town, the search's 30 km
    (50.63, 3.06, 5.0, 0.1),     # a tight radius
    (43.3, 5.4, 1000.0, 12.0),   # the widest radius the API takes
    (-21.1, 55.5, 30.0, 0.6),    # La Réunion
    (-13.3, -178.1, 300.0, 5.0),  # Wallis: the circle crosses the antimeridian
    (88.5, 10.0, 400.0, 4.0),    # the circle holds the pole
    (47.0, 2.0, None, 5.0),      # no radius: every point, with its distance
])
def test_around_gives_distance_km_floats_and_keeps_exactly_the_points_within(lat, lon, radius, spread):
    """Search sorts and shows these distances: the same floats as distance_km, the same points kept."""
    from mps.lib.geo import Around
    points = _points(lat, lon, spread, 3000, seed=int(abs(lat * 100)))
    kept = Around(lat, lon, radius).within([p[:4] for p in points])
    expected = [(i, d) for i, _, _, plon, plat in points
                for d in [distance_km(lat, lon, plat, plon)] if radius is None or d <= radius]
    assert kept == expected
    assert 0 < len(kept) < len(points) or radius is None


@pytest.mark.parametrize("lat, lon", [(45.2, 5.3), (45.27, 5.0), (44.73, 5.0)])  # due north and south: the latitude gap
def test_around_keeps_a_point_exactly_on_the_radius(lat, lon):
    from mps.lib.geo import Around, latitude_terms
    d = distance_km(45.0, 5.0, lat, lon)
    assert Around(45.0, 5.0, d).within([("edge", *latitude_terms(lat), lon)]) == [("edge", d)]


@pytest.mark.parametrize("lat", [0.0, 47.0, -60.0])
def test_around_keeps_the_points_at_the_widest_longitude_of_the_circle(lat):
    """The circle reaches its widest longitude north of the origin's parallel: the box must not cut it."""
    import math
    from mps.lib.geo import EARTH_RADIUS_KM, Around, latitude_terms
    r = 80.0 / EARTH_RADIUS_KM
    widest_lat = math.degrees(math.asin(math.sin(math.radians(lat)) / math.cos(r)))
    for side in (1, -1):
        widest_lon = 2.0 + side * math.degrees(math.asin(math.sin(r) / math.cos(math.radians(lat))))
        d = distance_km(lat, 2.0, widest_lat, widest_lon)
        assert d == pytest.approx(80.0)
        assert Around(lat, 2.0, d).within([("p", *latitude_terms(widest_lat), widest_lon)]) == [("p", d)]


def test_fold_takes_shorter_ways_to_its_definition():
    """fold()'s table and ASCII paths give what its definition gives, character by character and in words."""
    import random
    from mps.lib.text import fold_by_definition, tokens
    rng = random.Random(10)
    texts = [f"A{chr(c)}b {chr(c).upper()}-É" for c in range(0x800)]
    texts += ["".join(chr(rng.choice([rng.randint(0, 0x36F), rng.randint(0, 0x10FFFF)])) for _ in range(rng.randint(0, 9)))
              for _ in range(5000)]
    texts += ["Saint-Étienne", "Cœur d’ŒUVRE", "straße", "ﬁn ½", "x\u0301y", "İstanbul", "ΑΣ Σ", "a\u00a0b", " - ", "K\u212a"]
    for text in texts:
        assert fold(text) == fold_by_definition(text), repr(text)
        assert tokens(text) == fold_by_definition(text).split(), repr(text)


def test_distance_from_terms_gives_distance_km_floats():
    """The suggestions' shown places (explain.place_cards) read their distance from terms worked out once:
    the same float as distance_km, so the figure rounded to 0.1 km never differs."""
    import random
    from mps.lib.geo import distance_terms_km, point_terms
    rng = random.Random(11)
    for _ in range(5000):
        a = (rng.uniform(-60, 60), rng.uniform(-180, 180))
        b = (a[0] + rng.uniform(-3, 3), a[1] + rng.uniform(-5, 5)) if rng.random() < 0.7 else (
            rng.uniform(-60, 60), rng.uniform(-180, 180))
        assert distance_terms_km(point_terms(*a), point_terms(*b)) == distance_km(*a, *b)
    assert distance_terms_km(point_terms(45.0, 5.0), point_terms(45.0, 5.0)) == 0.0
