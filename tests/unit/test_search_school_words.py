"""Words of a school's name (the établissement of a place) find that school's places only, below a label's
words; words in too many places' school names to tell one apart are left out (words.WordIndex)."""
from types import SimpleNamespace

from mps.domain.catalogue.matches import ALL
from mps.domain.catalogue.vocabulary import SCHOOL_KINDS
from mps.domain.catalogue.words import SCHOOL_WORD_SHARE, WordIndex


def place(cod: int, school: str, option: str = ""):
    return SimpleNamespace(cod_aff_form=cod, etablissement=school, option=option)


def formation(fid: str, label: str, places):
    return SimpleNamespace(id=fid, label=label, detail_label="", group_label="", type="", places=places)


def index() -> WordIndex:
    # "Numéro" is in most schools' names: too common to pick a school (> 1 place in 40); "Lycée" too, but a kind.
    lycees = [place(100 + i, f"Lycée Numéro {i}") for i in range(50)]
    return WordIndex([
        formation("ing", "École d'ingénieurs", [place(1, "INSA Lyon"), place(2, "Polytech Nantes"), *lycees[:10]]),
        formation("ci", "BTS - Commerce international", [place(3, "Lycée Henri IV"), *lycees[10:]]),
        formation("lic", "Licence - Droit", [place(4, "École de commerce Sud"), place(5, "Université Polytechnique")]),
    ])


def test_a_school_word_keeps_that_school_places_only():
    idx = index()
    assert {fid: places for fid, (_, places) in idx.word("insa").items()} == {"ing": frozenset({1})}
    assert idx.word("henri")["ci"][1] == frozenset({3})


def test_accents_case_typos_and_prefixes_read_school_words_like_others():
    idx = index()
    assert idx.word("insa") and idx.word("polytec")["ing"][1] == frozenset({2})
    assert idx.word("henry")["ci"][1] == frozenset({3})  # one typo


def test_a_school_word_does_not_stand_for_longer_school_names():
    assert set(index().word("polytech")) == {"ing"}  # not « Université Polytechnique »


def test_words_too_common_to_tell_schools_apart_are_left_out():
    idx = index()
    n_places = sum(idx.places_count.values())
    assert "numero" not in idx.schools
    assert all(sum(map(len, by.values())) <= SCHOOL_WORD_SHARE * n_places for w, by in idx.schools.items()
               if w not in SCHOOL_KINDS)
    assert "insa" in idx.schools and "sud" in idx.schools


def test_a_kind_of_school_is_kept_however_common():
    """« lycée » is in most of these schools' names, yet names their kind (data/school_kinds.txt): its places only."""
    idx = index()
    assert "lycee" in SCHOOL_KINDS and "lycee" in idx.schools
    assert idx.schools["lycee"]["ci"] == frozenset(range(100 + 10, 150)) | {3}
    assert idx.schools["lycee"]["ing"] == frozenset(range(100, 110))


def test_a_label_word_beats_a_school_word_and_keeps_every_place():
    found = index().word("commerce")
    assert found["ci"][1] is ALL and found["lic"][1] == frozenset({4})
    assert found["ci"][0] > found["lic"][0]


def test_school_matches_do_not_make_a_word_commoner():
    with_school = index().word("commerce")["ci"][0]
    without = WordIndex([formation("ci", "BTS - Commerce international", [place(3, "Lycée Henri IV")]),
                         formation("x", "Licence - Droit", [place(4, "Ailleurs")]),
                         formation("y", "Licence - Histoire", [place(5, "Autre")])]).word("commerce")["ci"][0]
    assert with_school == without  # three formations, one named by the word, in both
    assert not index().knows("insa")  # a town in a school's name stays a town: not a catalogue word


def test_the_formations_a_school_mostly_teaches_come_first():
    """« efrei »: its engineering school (most of its places, few of that formation's) before its one BTS."""
    idx = WordIndex([
        formation("ing", "École d'ingénieurs", [place(1, "EFREI"), place(2, "EFREI"), place(3, "EFREI"),
                                                *[place(10 + i, f"Autre {i}") for i in range(40)]]),
        formation("bts", "BTS - Communication", [place(4, "EFREI"), *[place(60 + i, f"Lycée {i}") for i in range(5)]]),
        formation("lic", "Licence", [place(100 + i, f"Université {i}") for i in range(120)]),  # EFREI: 4 in 169
    ])
    found = idx.word("efrei")
    assert found["ing"][0] > found["bts"][0] and found["ing"][1] == frozenset({1, 2, 3})
