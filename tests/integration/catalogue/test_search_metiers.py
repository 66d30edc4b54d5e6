"""A job's name reaches the formations ONISEP links it to (catalogue/metiers.py, data/metier_links.csv), in its
students' forms, and a town named as a job is a place only after a word that names formations."""
import pytest

from mps.domain.catalogue.metiers import metier_run
from mps.domain.catalogue.query_words import query_tokens
from mps.domain.catalogue.search import SearchParams
from mps.domain.catalogue.vocabulary import METIER_LINKS, metier_key


@pytest.fixture(scope="module")
def search(shipped_catalogue):
    return lambda q: shipped_catalogue.search.search(SearchParams(q=q))


@pytest.mark.parametrize("label, key", [
    ("conducteur / conductrice de travaux", "conducteur travaux"),
    ("luthier/ère", "luthier"),
    ("courtier/ère en assurances", "courtier assurances"),
    ("officier / officière de police", "officier police"),
    ("hôtesse de l'air / steward", "hotesse air"),
])
def test_a_metier_name_is_read_in_one_gender_without_stop_words(label, key):
    assert metier_key(label) == key


@pytest.mark.parametrize("q, name", [
    ("conductrices de travaux", "conducteur travaux"),  # feminine plural
    ("devenir luthière", "luthier"),
    ("je veux etre courtiere en assurances", "courtier assurances"),
    ("métier de géologue", "geologue"),
    ("bts courtier en assurances", "courtier assurances"),  # a name inside the query
])
def test_a_query_spelling_a_metier_in_its_forms_finds_its_name(q, name):
    assert METIER_LINKS.get(name) and metier_run(query_tokens(q))[2] == name


def test_every_metier_name_reaches_its_closest_linked_formation(shipped_catalogue, search):
    """The rule, over every linked métier: its name alone lists the formation its links put first, in the top ten
    but where more formations are named after the job's words (« archéologue »: archaeology's double licences)."""
    linked = {name: fids for name, fids in shipped_catalogue.search.metier_links.items() if fids}
    ranks = {name: [h.formation_id for h in search(name).hits].index(fids[0]) if fids[0] in
             [h.formation_id for h in search(name).hits] else None for name, fids in linked.items()}
    assert [name for name, r in ranks.items() if r is None] == []
    assert sum(r >= 10 for r in ranks.values()) <= len(linked) // 100, [n for n, r in ranks.items() if r >= 10]


def test_a_formation_named_after_the_job_comes_before_the_linked_ones(search):
    hits = [h.formation_id for h in search("orthoptiste").hits]
    assert hits[0] == "certificat-de-capacite-d-orthoptiste" and len(hits) > 1


def test_a_job_name_without_a_formation_of_its_name_finds_its_linked_ones(search):
    before = {h.formation_id for h in search("zzzz").hits}
    hits = [h.formation_id for h in search("devenir conductrice de travaux").hits[:6]]
    assert "bts-production-travaux-publics" in hits and not before


@pytest.mark.parametrize("q, town", [("avion", None), ("devenir maçon", None), ("bts avion", "Avion (62)"),
                                     ("licence macon", "Mâcon (71)"), ("cuisine avion", "Avion (62)")])
def test_a_town_named_as_a_job_is_a_place_only_after_a_word_naming_formations(search, q, town):
    assert search(q).place_filter == town
