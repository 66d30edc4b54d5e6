"""The general rules of search words: other forms of a word, abbreviations derived from names, phrases."""
import pytest

from mps.domain.catalogue.query_words import query_tokens, query_words
from mps.domain.catalogue.vocabulary import FAMILIES, FILTER_WORDS, SYNONYMS, acronyms, data_rows, other_forms
from mps.lib.text import fold, index_words, sound_key, variants

CSV_KEYS = {fold(r["words"]) for r in data_rows("words.csv")}  # a form the table lists itself keeps its own meaning


@pytest.mark.parametrize("word, form", [
    ("infirmieres", "infirmier"), ("educatrice", "educateur"), ("assistantes", "assistant"), ("sociaux", "social"),
    ("specialisee", "specialise"), ("psychomotricienne", "psychomotricien"), ("dieteticienne", "dietetique"),
    ("psychologue", "psychologie"), ("graphiste", "graphisme"), ("coiffeuse", "coiffeur"), ("sportives", "sportif"),
    ("chimiste", "chimie"), ("biologistes", "biologie"), ("pharmacienne", "pharmacie"), ("pharmaciens", "pharmacie"), ("comptables", "comptabilite"),
])
def test_feminine_plural_and_job_forms(word, form):
    assert form in variants(word)


def test_a_word_is_not_its_own_variant_and_short_words_have_none():
    assert "droit" not in variants("droit") and variants("bts") == []


@pytest.mark.parametrize("name, acronym", [
    ("Gestion des entreprises et des administrations", "gea"), ("Techniques de commercialisation", "tc"),
    ("Métiers du multimédia et de l'internet", "mmi"), ("Gestion de la PME", "gpme"),
    ("Génie civil - Construction durable", "gccd gc"), ("Comptabilité et gestion", "cg"),
    ("Technico-commercial - Spécialité vins, bières et spiritueux", "tc"),
    ("Génie biologique Parcours agronomie", "gb"), ("Sciences et Techniques des Activités Physiques et Sportives", "staps"),
    ("Mathématiques et informatique appliquées aux sciences humaines et sociales", "miashs"),
    ("Maintenance des systèmes - Option A Systèmes de production", "ms"),
])
def test_abbreviations_follow_from_names(name, acronym):
    """A name in parts is known by its first part's initials too (« but gc »)."""
    assert acronyms(name) == set(acronym.split())


def test_dotted_abbreviations_are_words_and_stay_apart():
    """« B.T.S. M.C.O. » is « bts mco » (the letters of each dotted run joined, not all of them); « L.AS » is « las »."""
    assert query_words("B.T.S. M.C.O.") == ["bts", "mco"]
    assert query_words("D.U.T. G.E.A. lyon") == ["dut", "gea", "lyon"]
    assert query_words("L.AS") == ["las"] and query_words("P.A.S.S") == ["pass"]
    assert query_words("prépa b l") == ["prepa", "bl"] and query_words("univ. lyon") == ["univ", "lyon"]


def test_job_names_read_as_their_field_and_feminine_in_onne():
    assert "aquaculture" in variants("aquaculteur") and "aquaculture" in variants("aquacultrice")
    assert "vigneron" in variants("vigneronne") and "champion" in variants("championnes")


def test_single_letters_and_compounds_are_indexed_whole():
    assert "bl" in index_words("CPGE - B/L - Lettres et sciences sociales")
    assert "cmi" in index_words("C.M.I - Cursus Master en Ingénierie")
    assert "audiovisuel" in index_words("Métiers de l'audio-visuel")


def test_dictionary_phrases_are_read_as_one_token():
    assert query_tokens("Prépa HEC à Lyon") == ["prepa hec", "lyon"]
    assert query_tokens("sciences po") == ["sciences po"]
    assert query_tokens("cpge b/l") == ["cpge", "bl"]


def test_dictionary_files_are_read():
    assert SYNONYMS["dut"] == ("but",) and SYNONYMS["medecine"][0] == "pass"
    assert FAMILIES["BTS"][0] == "BTS" and "iut" in FAMILIES["BUT"][1]


def test_a_words_other_forms_mean_what_the_dictionary_says_it_means():
    from mps.domain.catalogue.words import dictionary_meanings
    assert dictionary_meanings("avocates") == dictionary_meanings("avocat") == SYNONYMS["avocat"]
    assert dictionary_meanings("maths") == SYNONYMS["maths"]  # the word itself first
    assert dictionary_meanings("zzzz") == () and dictionary_meanings("avocates lyon") == ()


@pytest.mark.parametrize("typed, word", [
    ("veterinere", "veterinaire"), ("sosiologie", "sociologie"), ("filosofie", "philosophie"),
    ("kinesiterapie", "kinesitherapie"), ("comunication", "communication"),
])
def test_words_typed_by_ear_sound_as_the_word(typed, word):
    assert sound_key(typed) == sound_key(word)


def test_different_words_do_not_sound_alike():
    assert len({sound_key(w) for w in ("droit", "drone", "chimie", "cinema", "design", "dessin")}) == 6


def test_a_dictionary_phrase_is_known_in_its_feminine_and_plural_forms():
    assert other_forms("assistant") == ["assistants", "assistante", "assistantes"]
    assert "educatrice" in other_forms("educateur") and other_forms("bts") == []
    for phrase in [k for k in CSV_KEYS if " " in k]:
        head, rest = phrase.split(" ", 1)
        for form in other_forms(head):
            assert SYNONYMS.get(f"{form} {rest}") == SYNONYMS[phrase] or f"{form} {rest}" in CSV_KEYS


def test_filler_words_are_stop_words_and_a_named_bac_is_one_token():
    assert query_tokens("g envie de faire du droit") == ["droit"]
    assert query_tokens("mon fils veut devenir infirmier") == ["infirmier"]
    assert query_tokens("quelle formation après un bac pro pour la compta") == ["compta"]  # a bac pro not named
    assert query_tokens("quelle formation après un bac pro commerce") == ["bac pro commerce"]  # data/bacs.csv
    assert query_tokens("que faire après un Bac STMG") == ["bac stmg"]
    assert SYNONYMS["bac stmg"][0] == "techniques commercialisation" == SYNONYMS["stmg"][0]
    assert SYNONYMS["bac professionnel commerce"] == SYNONYMS["bac pro commerce"]


def test_filter_words_are_not_dictionary_words():
    assert FILTER_WORDS["alternance"] == "apprenticeship" and FILTER_WORDS["apprentissage"] == "apprenticeship"
    assert not FILTER_WORDS.keys() & SYNONYMS.keys()
