"""A place at the end of a query is read with its stop words (« le », « la », « en », « de »…), which
are part of many towns' and regions' names; a stop word alone is never a place."""
import pytest

from mps.domain.catalogue.search import SearchParams


@pytest.mark.parametrize("q, place, words", [
    ("bts le mans", "Le Mans (72)", ["bts"]),
    ("licence la rochelle", "La Rochelle (17)", ["licence"]),
    ("licence aix en provence", "Aix-en-Provence (13)", ["licence"]),
    ("but la roche sur yon", "La Roche-sur-Yon (85)", ["but"]),
    ("droit ile de france", "Ile-de-France", ["droit"]),
    ("bts pres de lille", "Lille (59)", ["bts"]),
    ("sciences de l education lyon", "Lyon (69)", ["sciences", "education"]),
])
def test_place_names_keep_their_stop_words(app_client, q, place, words):
    result = app_client.app.state.catalogue.current.search.search(SearchParams(q=q))
    assert (result.place_filter, result.words) == (place, words)
    assert result.hits and not result.partial


@pytest.mark.parametrize("q", ["bts compta ville", "prepa vers"])  # communes named Ville and Vers
def test_a_stop_word_alone_is_not_a_place(app_client, q):
    result = app_client.app.state.catalogue.current.search.search(SearchParams(q=q))
    assert result.place_filter is None and result.hits


def test_every_town_of_the_catalogue_is_a_place_a_query_can_name(app_client):
    """Communes merged or renamed since the communes table was written (Évry-Courcouronnes, Montaigu-Vendée) and
    places beyond it (Papeete) are towns too: « bts papeete » was read as words and found the whole of France."""
    cat = app_client.app.state.catalogue.current
    missing = {p.commune for p in cat.places.values()
               if p.commune and p.lat is not None and cat.geocoder.lookup(p.commune) is None}
    assert missing == set()


@pytest.mark.parametrize("q, place", [("bts evry", "Évry-Courcouronnes (91)"), ("bts compta papeete", "Papeete (987)"),
                                      ("licence évry-courcouronnes", "Évry-Courcouronnes (91)")])
def test_a_former_commune_names_the_town_it_is_part_of(app_client, q, place):
    result = app_client.app.state.catalogue.current.search.search(SearchParams(q=q))
    assert result.place_filter == place and result.hits
class _EveryWord:
    def __contains__(self, word: str) -> bool:
        return True


def test_a_run_is_read_as_a_place_whatever_its_first_word_as_every_run_would_be(app_client):
    """place_at_end skips the runs whose first word starts no town's or location's name (QueryReading.place_starts):
    the same reading as trying every run, over a place's name at the end of the query, before it or none."""
    import random

    from mps.domain.catalogue.query_words import query_words

    index = app_client.app.state.catalogue.current.search.reading
    rng = random.Random(3)
    names = [t.name for t in index.cat.geocoder.towns()][::7] + [v[1] for v in index.locations.values()]
    names += [t.postcode for t in index.cat.geocoder.towns()][::97]
    names += [n[:-1] for n in names[::5] if len(n) > 5]  # misspelt (« bordeau »)
    subjects = ["bts", "compta", "licence de droit", "infirmier", "prepa", "ecole de", "en alternance", "le", ""]
    cases = found = 0
    for name in names:
        q = " ".join(w for w in (rng.choice(subjects), rng.choice(subjects), name, rng.choice(["", "", "bts"])) if w)
        words = query_words(q)
        skipping = index.place_at_end(words)
        index.place_starts, kept = _EveryWord(), index.place_starts
        try:
            assert skipping == index.place_at_end(words), q
        finally:
            index.place_starts = kept
        cases += 1
        found += skipping[1] is not None or skipping[2] is not None
    assert cases > 5000 and found > cases / 2


@pytest.mark.parametrize("q, place, words", [
    ("psycho clermont ferran", "Clermont-Ferrand (63)", ["psycho"]),  # a slip in a town's second word
    ("licence saint etiene", "Saint-Étienne (42)", ["licence"]),
    ("bts pace", "Pacé (35)", ["bts"]),  # a town without places, after a word naming formations: around it
    ("drooit 13001", "Marseille 01 (13)", ["drooit"]),  # a postcode, whatever comes before
    ("angais", None, ["angais"]),  # Angaïs (64) has no places: a slip of « anglais » is that word
    ("py", None, ["py"]),  # Py (66) alone is no query for a village without formations
    ("licence lyon droit", None, ["licence", "lyon", "droit"]),  # a known word is no slip of a town
])
def test_a_misspelt_or_placeless_town_is_read_only_where_a_student_means_it(app_client, q, place, words):
    result = app_client.app.state.catalogue.current.search.search(SearchParams(q=q))
    assert (result.place_filter, result.words) == (place, words)
