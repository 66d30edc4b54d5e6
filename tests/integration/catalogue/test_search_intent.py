"""What a query's words ask beside formations (full shipped catalogue): « en alternance » sets the apprenticeship
filter (catalogue/data/words.csv, kind « filter »), the words of a sentence around what is sought are left out
(catalogue/data/filler_words.txt), a word typed by ear is found by how it sounds (lib.text.sound_key)."""
import re

import pytest

from mps.domain.catalogue.search import SearchParams


@pytest.fixture(scope="module")
def search(app_client):
    return app_client.app.state.catalogue.current.search


def ids(result):
    return [(h.formation_id, h.places) for h in result.hits]


@pytest.mark.parametrize("q, rest", [("bts compta en alternance", "bts compta"),
                                     ("apprentissage bts mco", "bts mco"),
                                     ("alternance", "")])
def test_an_alternance_word_is_the_apprenticeship_filter(search, q, rest):
    result = search.search(SearchParams(q=q))
    assert result.apprenticeship is True and not {"alternance", "apprentissage"} & set(result.words)
    assert ids(result) == ids(search.search(SearchParams(q=rest, apprenticeship=True))) and result.hits
    places = search.cat.places
    assert all(places[c].apprenticeship for h in result.hits for c, _ in h.places)


def test_the_filter_chosen_on_the_page_wins_over_the_word(search):
    result = search.search(SearchParams(q="bts compta alternance", apprenticeship=False))
    assert result.apprenticeship is False
    assert ids(result) == ids(search.search(SearchParams(q="bts compta", apprenticeship=False)))


def test_no_place_in_apprenticeship_shows_the_formations_without_the_filter(search):
    assert search.search(SearchParams(q="licence philosophie", apprenticeship=True)).hits == []
    result = search.search(SearchParams(q="licence philosophie en alternance"))
    assert result.apprenticeship is None and result.hits
    assert ids(result) == ids(search.search(SearchParams(q="licence philosophie")))


def test_the_search_page_shows_the_filter_a_word_set(app_client):
    html = app_client.get("/recherche?q=bts+compta+en+alternance").text
    assert re.search(r'<option value="true"\s+selected>En apprentissage', html)
    assert "<strong>en apprentissage</strong>" in html
    html = app_client.get("/recherche?q=bts+compta").text
    assert not re.search(r'<option value="true"\s+selected>', html)


@pytest.mark.parametrize("sentence, words", [
    ("g envie de faire du droit", "droit"), ("je veux devenir infirmiere", "infirmiere"),
    ("ma fille voudrait faire une licence de psycho", "licence psycho"),
    ("quelle formation apres un bac pro pour la comptabilite", "comptabilite"),
    ("mon enfant voudrait faire du droit", "droit"),
])
def test_the_words_of_a_sentence_around_what_is_sought_are_left_out(search, sentence, words):
    result = search.search(SearchParams(q=sentence))
    assert not result.partial and ids(result) == ids(search.search(SearchParams(q=words))) and result.hits


@pytest.mark.parametrize("q, expected", [
    ("veterinere", "ecole-veterinaire-6-ans"), ("sosiologie", "licence-sociologie"),
    ("chirurgienne", "licence-parcours-d-acces-specifique-sante-pass"),
    ("assistantes de direction", "bts-services-support-a-l-action-manageriale"),
    ("estheticiennes", "bts-services-metiers-de-l-esthetique-cosmetique-parfumerie"),
    ("computer science", "licence-informatique"),
])
def test_typed_by_ear_feminine_phrases_and_english_words(search, q, expected):
    hits = search.search(SearchParams(q=q)).hits
    assert hits and hits[0].formation_id == expected, [h.formation_id for h in hits[:3]]


@pytest.mark.parametrize("q, families", [("bac+2", ("BTS", "DEUST")), ("bac+3 informatique", ("BUT", "Licence", "Double licence")),
                                         ("bac 5", ("École", "Sciences Po"))])
def test_a_diploma_level_finds_the_diplomas_of_that_level_first(search, q, families):
    labels = [search.cat.formations[h.formation_id].label for h in search.search(SearchParams(q=q)).hits[:5]]
    assert len(labels) == 5 and all(label.startswith(families) for label in labels), labels


@pytest.mark.parametrize("q, other", [("bpjeps", "DEJEPS"), ("dejeps", "BPJEPS"), ("fcil", "Mention complémentaire"),
                                      ("deust", "Licence professionnelle")])
def test_a_diploma_s_name_does_not_find_the_others_of_its_browsing_type(search, q, other):
    labels = [search.cat.formations[h.formation_id].label for h in search.search(SearchParams(q=q)).hits]
    assert labels and not [label for label in labels if label.startswith(other)]


def test_every_continuation_of_a_bac_names_formations(search):
    """catalogue/data/bacs.csv: each continuation a counsellor lists finds formations (a typo in the table would
    silently find nothing), and « après un <bac> » shows its continuations first."""
    from mps.domain.catalogue.vocabulary import STOP_WORDS, data_rows
    from mps.domain.catalogue.matches import combine_all
    from mps.lib.text import fold

    def finds(meaning):
        return set(combine_all([search.words.word(w) for w in fold(meaning).split() if w not in STOP_WORDS]))

    for row in data_rows("bacs.csv"):
        name, continuations = fold(row["names"].split("|")[0]), row["continuations"].split("|")
        assert all(finds(c) for c in continuations), (name, [c for c in continuations if not finds(c)])
        top = [h.formation_id for h in search.search(SearchParams(q=f"que faire après un {name}")).hits[:3]]
        assert top and set(top) <= set().union(*map(finds, continuations)), (name, top)


def test_a_bac_pro_is_also_a_bac_professionnel(search):
    a = search.search(SearchParams(q="après un bac professionnel commerce"))
    assert ids(a) == ids(search.search(SearchParams(q="bac pro commerce"))) and a.hits
    assert a.hits[0].formation_id in {"bts-services-management-commercial-operationnel",
                                      "bts-services-negociation-et-digitalisation-de-la-relation-client"}


@pytest.mark.parametrize("q, expected, own", [
    ("bts iris", "bts-production-cybersecurite-informatique-et-reseaux-electronique-option-a-informatique",
     "bts-production-electrotechnique"),  # the lycée Iris' BTS
    ("enfance", "d-e-educateur-de-jeunes-enfants", "fcil-enfance-et-handicap"),
])
def test_a_dictionary_word_means_its_meanings_before_itself(search, q, expected, own):
    """A word the dictionary knows is found as itself too, after its meanings however rare it is, and never by a
    school's name alone."""
    found = [h.formation_id for h in search.search(SearchParams(q=q)).hits]
    assert found[0] == expected and (own not in found or found.index(own) > found.index(expected)), found[:5]
