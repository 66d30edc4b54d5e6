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
