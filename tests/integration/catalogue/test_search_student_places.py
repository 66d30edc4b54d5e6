"""How students name where they want to study (full shipped catalogue): a university by its number (« paris 8 »),
overseas as one place (« dom tom »), two towns (« bts lyon ou grenoble »); and words that look like places but are
not (« licence droit étranger », « maçon », « professeure d'EPS », « ecole dinge »). Offline search reads them the same
way: the golden corpus holds such cases (tests/integration/catalogue/golden.py)."""
import re

import pytest

from mps.domain.catalogue.metiers import metier_run
from mps.domain.catalogue.query_reading import OVERSEAS
from mps.domain.catalogue.search import TOWN_RADIUS_KM, SearchParams
from mps.domain.catalogue.vocabulary import PLACE_NAMES
from mps.lib.geo import distance_km
from mps.lib.text import fold


@pytest.fixture(scope="module")
def catalogue(app_client):
    return app_client.app.state.catalogue.current


def first_school(catalogue, hit) -> str:
    return fold(catalogue.places[hit.places[0][0]].etablissement)


def test_a_university_by_its_number_is_that_university(catalogue):
    """Every « <word> <number> » of a school's name (Université Paris 8, Lyon 2, Rennes 2, IUT 1 Grenoble) finds that
    school's formations first, not the town's arrondissement nor some number."""
    numbered = sorted({m.group(1, 2) for p in catalogue.places.values()
                       for m in re.finditer(r"\b([a-z]+) (\d{1,2})\b", fold(p.etablissement))})
    assert len(numbered) > 10
    missed = []
    for word, number in numbered:
        result = catalogue.search.search(SearchParams(q=f"{word} {number}"))
        if f"{word}{number}" not in catalogue.search.words.schools:
            continue  # in too many schools' names to tell one apart
        if not result.hits or f"{word} {number}" not in first_school(catalogue, result.hits[0]):
            missed.append((word, number))
    assert not missed, missed
    result = catalogue.search.search(SearchParams(q="fac paris 8"))
    assert result.place_filter is None and all("paris 8" in first_school(catalogue, h) for h in result.hits)


@pytest.mark.parametrize("name", sorted({"outre mer"} | {n for n, p in PLACE_NAMES.items() if p == OVERSEAS}))
def test_overseas_is_every_overseas_place(catalogue, name):
    result = catalogue.search.search(SearchParams(q=f"bts {name}"))
    assert result.place_filter == OVERSEAS and result.words == ["bts"]
    codes = {catalogue.places[c].departement_code for h in result.hits for c, _ in h.places}
    assert len(codes) >= 4 and all(len(c) == 3 and c[:2] in ("97", "98") for c in codes), codes


def test_a_label_word_is_not_the_departement_it_names(catalogue):
    """« étranger » is the région (département 99) of the places abroad, and a word of « Droit français - Droit étranger »: with
    the other words of that label it is the label's word."""
    result = catalogue.search.search(SearchParams(q="licence droit etranger"))
    assert result.place_filter is None and result.hits[0].formation_id == "licence-droit-francais-droit-etranger"
    result = catalogue.search.search(SearchParams(q="etranger"))
    assert result.place_filter == "Etranger" and result.hits  # the région (and département 99) of the places abroad
    assert catalogue.search.search(SearchParams(q="bts nord")).place_filter == "département 59"


@pytest.mark.parametrize("query", ["maçon", "maçonne", "maçons", "devenir macon"])
def test_a_job_is_not_the_schools_named_after_a_town_of_its_name(catalogue, query):
    """« maçon »: the building formations ONISEP links the job to, not the IFSI of Mâcon nor the lycée of
    Mâcon-Davayé (school names holding « macon »); « bts macon » is still Mâcon."""
    result = catalogue.search.search(SearchParams(q=query))
    linked = catalogue.search.metier_links["macon"]
    assert result.town is None and result.hits[0].formation_id in linked
    assert not any("macon" in first_school(catalogue, h) for h in result.hits[:5])
    assert catalogue.search.search(SearchParams(q="bts macon")).town.name == "Mâcon"


def test_a_job_name_keeps_the_places_its_options_name(catalogue):
    """Only school names are left out of a job's name: an option's words still count (« styliste »: a mode option)."""
    assert metier_run(["styliste"]) is not None
    ids = [h.formation_id for h in catalogue.search.search(SearchParams(q="styliste")).hits[:3]]
    assert any("mode" in i for i in ids), ids


@pytest.mark.parametrize("query", ["professeure d'eps", "prof d eps", "eps"])
def test_eps_is_the_subject_not_a_village(catalogue, query):
    result = catalogue.search.search(SearchParams(q=query))
    assert result.town is None and result.hits[0].formation_id.startswith(
        "licence-sciences-et-techniques-des-activites-physiques-et-sportives")


def test_an_elided_word_is_not_a_village(catalogue):
    """« ecole dinge » is « école d'ingé » typed without its apostrophe, not the village of Dingé (35)."""
    result = catalogue.search.search(SearchParams(q="ecole dinge"))
    assert result.town is None and result.hits[0].formation_id == "ecole-d-ingenieurs-post-bac-5-ans"


@pytest.mark.parametrize("query, words, first, second", [
    ("bts lyon ou grenoble", ["bts"], "Lyon", "Grenoble"), ("iut nantes rennes", ["iut"], "Nantes", "Rennes"),
    ("infirmiere lille et arras", ["infirmiere"], "Lille", "Arras"),
    ("prepa ecg lyon ou saint etienne", ["prepa", "ecg"], "Lyon", "Saint-Étienne"),
])
def test_two_towns_are_around_either(catalogue, query, words, first, second):
    result = catalogue.search.search(SearchParams(q=query))
    assert result.words == words and result.place_filter.startswith(first) and f" ou {second}" in result.place_filter
    towns = [catalogue.geocoder.lookup_key(fold(t)) for t in (first, second)]
    places = [catalogue.places[c] for h in result.hits for c, _ in h.places if not catalogue.places[c].remote]
    assert places and all(min(distance_km(t.lat, t.lon, p.lat, p.lon) for t in towns) <= TOWN_RADIUS_KM + 0.1
                          for p in places)
    near = {min(towns, key=lambda t: distance_km(t.lat, t.lon, p.lat, p.lon)).name for p in places}
    assert near == {t.name for t in towns}  # places around both
    for hit in result.hits:  # each formation's places nearest first, measured from the nearer town
        assert [d for _, d in hit.places if d is not None] == sorted(d for _, d in hit.places if d is not None)


def test_a_town_alone_is_still_one_town(catalogue):
    result = catalogue.search.search(SearchParams(q="bts compta lille"))
    assert result.place_filter == "Lille (59)" and result.words == ["bts", "compta"]
    assert catalogue.search.search(SearchParams(q="sciences po lyon")).place_filter == "Lyon (69)"


def test_a_place_first_is_read_as_at_the_end(catalogue):
    """« toulouse bts », « à saint etienne licence droit », « bretagne licence droit »: the same place and the same
    formations as with the place at the end; a school named from its town on (« paris saclay ») stays a school."""
    for first, last in [("toulouse bts compta", "bts compta toulouse"), ("à saint etienne licence droit",
                        "licence droit saint etienne"), ("bretagne licence droit", "licence droit bretagne"),
                        ("lyon but info", "but info lyon")]:
        a, b = (catalogue.search.search(SearchParams(q=q)) for q in (first, last))
        assert a.place_filter == b.place_filter is not None, first
        assert [h.formation_id for h in a.hits] == [h.formation_id for h in b.hits], first
    assert catalogue.search.search(SearchParams(q="paris saclay maths")).place_filter is None
    assert catalogue.search.search(SearchParams(q="marseille")).place_filter  # a town alone, as before
    assert catalogue.search.search(SearchParams(q="lyon")).hits
