"""The search index's own bookkeeping on a small catalogue: ties between twin labels, and the formations worked
out once per set of words while each search still measures its own places."""
from mps.domain.catalogue.search import SearchIndex, SearchParams
from tests.unit.suggest_catalogue import LILLE, MARSEILLE, small_catalogue

SITES_BOTH = [(LILLE, 80, 15, 5, 30), (MARSEILLE, 80, 15, 5, 30)]


def test_formations_of_the_same_label_are_ranked_by_id_near_a_town():
    cat = small_catalogue([
        (fid, "BTS - Comptabilité et gestion", "BTS", "BTS", "Comptabilité", False, [(LILLE, 80, 15, 5, 30)])
        for fid in ("bts-cg-b", "bts-cg-a", "bts-cg-c")])
    hits = cat.search.search(SearchParams(q="bts compta lille")).hits
    assert [h.formation_id for h in hits] == ["bts-cg-a", "bts-cg-b", "bts-cg-c"]


def test_the_same_words_around_two_points_each_get_their_own_places():
    cat = small_catalogue([
        ("bts-cg", "BTS - Comptabilité et gestion", "BTS", "BTS", "Comptabilité", False, SITES_BOTH),
        ("bts-sio", "BTS - Services informatiques", "BTS", "BTS", "Informatique", False, [(MARSEILLE, 80, 15, 5, 30)]),
    ])
    near_lille = cat.search.search(SearchParams(q="bts compta", near=LILLE, radius_km=30))
    near_marseille = cat.search.search(SearchParams(q="bts compta", near=MARSEILLE, radius_km=30))
    assert len(cat.search._word_sets.items) == 1  # the words' formations were worked out once
    for result, town in ((near_lille, "Lille"), (near_marseille, "Marseille")):
        assert [h.formation_id for h in result.hits] == ["bts-cg"]
        assert [cat.places[c].commune for c, _ in result.hits[0].places] == [town]
        assert result.hits[0].nearest_km == 0.0
    everywhere = cat.search.search(SearchParams(q="bts compta"))
    assert len(everywhere.hits[0].places) == 2 and everywhere.hits[0].score == near_lille.hits[0].score


def test_a_town_key_without_a_code_finds_the_town_lookup_finds():
    from mps.domain.catalogue.geocode import Geocoder
    towns = [("Saint-Denis", "saint denis", "97400", "974", -20.88, 55.45), ("Saint-Denis", "saint denis", "93200", "93",
              48.93, 2.36), ("Paris 15e Arrondissement", "paris 15", "75015", "75", 48.84, 2.29)]
    communes = [{"name": n, "name_key": k, "postcode": pc, "departement_code": d, "departement": "", "lat": lat, "lon": lon}
                for n, k, pc, d, lat, lon in towns]
    places = [{"commune": "Saint-Denis", "departement_code": "93"}]  # the one holding formations comes first
    geocoder = Geocoder(communes, places)
    best = geocoder.lookup_key("saint denis")
    assert best == geocoder.lookup("saint denis") and best.departement_code == "93"
    assert geocoder.lookup_key("nowhere") is None
    # A code or postcode at the end, or alone, is read as lookup() reads it.
    for key in ("paris 15", "saint denis 974", "saint denis 2a", "93200"):
        assert geocoder.lookup_key(key) == geocoder.lookup(key), key
    assert geocoder.lookup_key("saint denis 974").departement_code == "974"


def test_places_around_a_point_come_nearest_first_and_equal_distances_in_the_formation_s_order():
    far, near = (50.80, 3.06), (50.66, 3.06)
    cat = small_catalogue([
        ("bts-cg", "BTS - Comptabilité et gestion", "BTS", "BTS", "Comptabilité", False,
         [(far, 80, 15, 5, 30), (LILLE, 80, 15, 5, 30), (near, 80, 15, 5, 30), (LILLE, 80, 15, 5, 30)]),
        ("bts-sio", "BTS - Services informatiques", "BTS", "BTS", "Informatique", False,  # the same distances and
         [(near, 80, 15, 5, 30), (LILLE, 80, 15, 5, 30), (LILLE, 80, 15, 5, 30)]),  # orders as bts-cg's places
        ("lic-histoire", "Licence - Histoire", "Licence", "Licence", "Histoire", False,  # cells enough for the grid
         [((lat, 5.37), 80, 15, 5, 30) for lat in (43.3, 44.3, 45.3, 46.3, 47.3, 48.3)]),
    ])
    cat.formations["bts-sio"].places.reverse()  # its own order, whatever the places' numbers say
    cat.search = SearchIndex(cat)
    assert cat.search.pool.grid.places_of({"bts-cg"}, *LILLE, 30) is not None  # the places around a point by the grid
    hits = {h.formation_id: h.places for h in cat.search.search(SearchParams(q="bts", near=LILLE, radius_km=30)).hits}
    rank = {LILLE[0]: 0, near[0]: 1, far[0]: 2}
    for fid in ("bts-cg", "bts-sio"):
        places = cat.formations[fid].places
        expected = sorted(range(len(places)), key=lambda i: (rank[places[i].lat], i))
        assert [c for c, _ in hits[fid]] == [places[i].cod_aff_form for i in expected]
        distances = [d for _, d in hits[fid]]
        assert distances == sorted(distances) and distances[0] == distances[1] == 0.0 < distances[2]
