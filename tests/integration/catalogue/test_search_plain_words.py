"""Students' ways of typing the words around what they seek (full shipped catalogue): an apostrophe dropped
(« ecole dinge »), a teacher before a subject (« prof eps »), an académie named after two towns (« droit nancy
metz »), « à l' » typed as letters, and the dictionary's names of schools (« arts et metiers », « toulouse 1 »)."""
import pytest

from mps.domain.catalogue.query_words import query_words
from mps.domain.catalogue.search import SearchParams
from mps.domain.catalogue.vocabulary import STOP_WORDS, TEACHER_WORDS

STAPS = "licence-sciences-et-techniques-des-activites-physiques-et-sportives"


@pytest.fixture(scope="module")
def search(shipped_catalogue):
    return lambda q: shipped_catalogue.search.search(SearchParams(q=q))


@pytest.mark.parametrize("elided, word", [("dinge", "inge"), ("dingenieur", "ingenieur"), ("larchi", "archi"),
                                          ("dinfo", "info"), ("leco", "eco")])
def test_an_elision_typed_without_its_apostrophe_is_the_word(search, elided, word):
    """« d'inge » typed « dinge »: the words the search knows, the same results as with the apostrophe."""
    typed, spelt = search(f"licence {elided} lyon"), search(f"licence {word} lyon")
    assert typed.words == spelt.words and [h.formation_id for h in typed.hits] == [h.formation_id for h in spelt.hits]


def test_a_word_of_its_own_keeps_its_first_letter(search):
    """A word the search knows (« droit », « design »), or a school's (« dauphine »), is never read as elided."""
    for word in ("droit", "design", "langues", "dauphine", "lettres"):
        assert search(f"licence {word}").words[-1] == word


def test_teacher_words_come_from_the_filler_phrases():
    assert {"prof", "professeur", "professeure", "enseignant", "enseignante"} <= TEACHER_WORDS
    assert all(f"{w} de" in STOP_WORDS for w in TEACHER_WORDS)


@pytest.mark.parametrize("teacher", sorted(TEACHER_WORDS))
@pytest.mark.parametrize("subject", ["eps", "maths", "histoire", "anglais"])
def test_a_teacher_and_a_subject_is_the_subject(search, teacher, subject):
    """« prof eps lyon » found nothing (STAPS at the places whose options name a professorat); it reads as
    « prof d'eps lyon »: the subject's formations around Lyon."""
    with_de, without, alone = (search(f"{t}{subject} lyon") for t in (f"{teacher} de ", f"{teacher} ", ""))
    assert without.words == with_de.words == [subject] and without.hits
    assert [h.formation_id for h in without.hits] == [h.formation_id for h in alone.hits]
    assert search(f"{teacher} eps lyon").hits[0].formation_id == STAPS


def test_a_teacher_alone_and_a_metier_name_keep_their_words(search):
    assert search("prof").words == ["prof"] and search("prof des ecoles").words == ["prof des ecoles"]
    assert search("professeur sport").words == ["professeur", "sport"]  # an ONISEP métier's name


@pytest.mark.parametrize("query, first, second", [("droit nancy metz", "Nancy", "Metz"),
                                                  ("bts orleans tours", "Orléans", "Tours")])
def test_an_academie_named_after_two_towns_is_the_two_towns(search, query, first, second):
    result = search(query)
    assert result.town.name == second and result.place_filter.startswith(first), result.place_filter
    assert result.hits and all(d is not None and d <= 30 for h in result.hits for _, d in h.places[:1])


@pytest.mark.parametrize("query", ["bts academie de nancy metz", "licence academie orleans tours"])
def test_the_word_academie_keeps_the_academie(search, query):
    assert search(query).place_filter in ("Nancy-Metz", "Orléans-Tours")


def test_stop_words_typed_as_letters_stay_apart():
    """« à l'étranger » typed « a l etranger »: « a » and « l » are stop words, not the letters of a label (« b l »)."""
    assert query_words("etudier a l etranger") == ["etudier", "a", "l", "etranger"]
    assert "bl" in query_words("cpge b l")


def test_abroad_is_every_place_abroad(search, shipped_catalogue):
    result = search("etudier a l etranger")
    places = [shipped_catalogue.places[c] for h in result.hits for c, _ in h.places]
    assert result.place_filter == "Etranger" and places and all(p.departement_code == "99" for p in places)


@pytest.mark.parametrize("query, school", [("arts et metiers", "ensam"), ("licence eco toulouse 1", "capitole"),
                                           ("paris saclay", "saclay"), ("droit paris 2", "assas"),
                                           ("paris 10 socio", "nanterre")])
def test_a_school_by_the_name_students_call_it(search, shipped_catalogue, query, school):
    """data/words.csv, kind « school »: Arts et Métiers is the ENSAM, Toulouse 1 is Capitole (its number is not in
    its name), « paris saclay » the university (not the ENS Paris-Saclay's prépa, named without a hyphen)."""
    hits = search(query).hits
    assert hits and all(school in shipped_catalogue.places[c].etablissement.lower().replace("-", "")
                        for h in hits[:3] for c, _ in h.places)
