"""Students name the school they have in mind (« insa », « henri iv », « insa lyon »): the words of each
place's school name find its places, on the API and the search page (full shipped catalogue)."""
import pytest

from mps.domain.catalogue.search import SearchParams
from mps.domain.catalogue.vocabulary import SCHOOL_KINDS
from mps.lib.text import index_words


def places_named(cat, *words: str) -> set[int]:
    return {p.cod_aff_form for p in cat.places.values() if set(words) <= set(index_words(p.etablissement))}


def check_api_places(body, expected: set[int]) -> None:
    """The items show some of their places (the first few): all named, and as many as the named ones."""
    assert expected and {p["cod_aff_form"] for item in body["items"] for p in item["places"]} <= expected
    assert body["total"] == len(body["items"]) and sum(item["places_count"] for item in body["items"]) == len(expected)


def test_api_finds_every_place_of_a_named_school_and_only_those(app_client):
    cat = app_client.app.state.catalogue.current
    r = app_client.get("/api/v1/formations", params={"q": "INSA"})
    assert r.status_code == 200
    check_api_places(r.json(), places_named(cat, "insa"))


def test_a_school_of_several_words_and_a_town_at_the_end(app_client):
    cat = app_client.app.state.catalogue.current
    body = app_client.get("/api/v1/formations", params={"q": "henri iv"}).json()
    check_api_places(body, places_named(cat, "henri", "iv"))
    near = cat.search.search(SearchParams(q="insa lyon"))
    assert near.place_filter == "Lyon (69)" and near.hits
    assert all(cod in places_named(cat, "insa") and d < 30 for h in near.hits for cod, d in h.places)


def test_a_town_in_school_names_stays_a_town(app_client):
    """« Lyon » is in many schools' names: « bts compta lyon » is still the BTS near Lyon, every school."""
    cat = app_client.app.state.catalogue.current
    result = cat.search.search(SearchParams(q="bts compta lyon"))
    assert result.place_filter == "Lyon (69)" and result.hits[0].formation_id == "bts-services-comptabilite-et-gestion"
    assert any(cod not in places_named(cat, "lyon") for cod, _ in result.hits[0].places)


def test_words_common_to_many_schools_do_not_narrow_places(app_client):
    cat = app_client.app.state.catalogue.current
    for word in ("universite", "institut", "ecole", "campus", "saint", "site"):
        assert len(places_named(cat, word)) > len(cat.places) / 40 and word not in cat.search.words.schools


@pytest.mark.parametrize("query, town", [("lycee nantes", "Nantes"), ("lycée privé lyon", "Lyon"),
                                         ("bts lycee toulouse", "Toulouse")])
def test_a_kind_of_school_keeps_its_places(app_client, query, town):
    """« lycée » is in half the schools' names, yet names their kind (data/school_kinds.txt): « lycée nantes » is
    every formation taught in a lycée around Nantes (it found none), each at those places only."""
    cat = app_client.app.state.catalogue.current
    assert SCHOOL_KINDS and all(len(places_named(cat, w)) > len(cat.places) / 40 for w in SCHOOL_KINDS)
    result = cat.search.search(SearchParams(q=query))
    lycees = places_named(cat, "lycee")
    assert result.town.name == town and len(result.hits) >= 10, (result.words, len(result.hits))
    assert all(cod in lycees for h in result.hits for cod, _ in h.places)
    assert cat.formations[result.hits[0].formation_id].family in ("BTS", "CPGE")  # a lycée's post-bac classes


def test_search_page_lists_the_named_school_formations(app_client):
    cat = app_client.app.state.catalogue.current
    hits = cat.search.search(SearchParams(q="epita")).hits
    assert hits and all(cod in places_named(cat, "epita") for h in hits for cod, _ in h.places)
    page = app_client.get("/recherche", params={"q": "epita"})
    assert page.status_code == 200
    for h in hits:
        assert f"/formations/{h.formation_id}" in page.text
    assert "Aucune formation" not in page.text
