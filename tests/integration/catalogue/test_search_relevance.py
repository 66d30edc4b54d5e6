"""Students' words find the right formation, in the right town (full shipped catalogue)."""
import pytest

from mps.domain.catalogue.search import SearchParams

# query -> (expected formation label among the first 3 results, expected town of its nearest place or None)
RELEVANCE = [
    ("bts compta lille", "BTS - Services - Comptabilité et gestion", "Lille"),
    ("BTS comptabilité Lille", "BTS - Services - Comptabilité et gestion", "Lille"),
    ("fac droit paris", "Licence - Droit", "Paris"),
    ("licence psycho lyon", "Licence - Psychologie", None),
    ("infirmier", "D.E Infirmier", None),
    ("infirmiere bordeaux", "D.E Infirmier", "Bordeaux"),
    ("cpge mpsi", "CPGE - MPSI", None),
    ("prepa mpsi toulouse", "CPGE - MPSI", "Toulouse"),
    ("but info", "BUT - Informatique", None),
    ("BUT informatique nantes", "BUT - Informatique", "Nantes"),
    ("psycologie", "Licence - Psychologie", None),          # typo
    ("informatiqe", "BUT - Informatique", None),                     # typo
    ("bts mco", "BTS - Services - Management Commercial Opérationnel", None),
    ("staps rennes", "Licence - Sciences et Techniques des Activités Physiques et Sportives", "Rennes"),
    ("medecine marseille", "Licence - Parcours d'Accès Spécifique Santé (PASS)", "Marseille"),
    ("prépa ECG", "CPGE - ECG", None),
    ("bts sio", "BTS - Services - Services informatiques aux organisations", None),
]


@pytest.fixture(scope="module")
def catalogue(app_client):
    return app_client.app.state.catalogue.current


@pytest.mark.parametrize("query, label, town", RELEVANCE)
def test_query_finds_expected_formation(catalogue, query, label, town):
    result = catalogue.search.search(SearchParams(q=query))
    top = [catalogue.formations[h.formation_id] for h in result.hits[:3]]
    labels = [f.label for f in top]
    assert any(l.startswith(label) for l in labels), f"{query!r} -> {labels}"
    if town:
        hit = next(h for h in result.hits[:3] if catalogue.formations[h.formation_id].label.startswith(label))
        nearest = catalogue.places[hit.places[0][0]]
        assert nearest.commune.startswith(town), f"{query!r} nearest place in {nearest.commune}"
        assert hit.places[0][1] < 15


def test_accents_and_case_do_not_matter(catalogue):
    a = catalogue.search.search(SearchParams(q="Écoles d'INGÉNIEURS"))
    b = catalogue.search.search(SearchParams(q="ecoles d ingenieurs"))
    assert [h.formation_id for h in a.hits] == [h.formation_id for h in b.hits] and a.hits


def test_town_orders_places_by_distance(catalogue):
    result = catalogue.search.search(SearchParams(q="bts compta lille"))
    distances = [d for _, d in result.hits[0].places]
    assert distances == sorted(distances) and distances[0] < 2
    assert result.town.name == "Lille"


def test_department_word_filters_places(catalogue):
    result = catalogue.search.search(SearchParams(q="bts nord"))
    assert result.hits
    assert all(catalogue.places[c].departement_code == "59" for h in result.hits for c, _ in h.places)


def test_unknown_words_give_no_result_rather_than_noise(catalogue):
    assert catalogue.search.search(SearchParams(q="zzzqqqxx")).hits == []
