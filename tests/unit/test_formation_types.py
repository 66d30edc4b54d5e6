"""Browsing types: group labels of Parcoursup's « Autre formation » read by the rules of data/types.csv."""
import re

from mps.domain.catalogue.formation_types import CATCH_ALL, RULES, TYPES, type_label, type_of
from mps.domain.catalogue.vocabulary import FAMILIES


def test_a_group_label_is_read_folded_exact_or_by_its_first_words():
    assert type_of(CATCH_ALL, "D.E secteur sanitaire") == "DE_paramedical"
    assert type_of(CATCH_ALL, "d e  SECTEUR sanitaire") == "DE_paramedical"  # case, punctuation, spaces
    assert type_of(CATCH_ALL, "Diplôme d'Etablissement") == type_of(CATCH_ALL, "Diplôme d’établissement") == "Bachelor_ecole"
    assert type_of(CATCH_ALL, "CUPGE - Droit-économie-gestion") == "Cycle_preparatoire"  # "CUPGE*": what follows
    assert type_of(CATCH_ALL, "LP - Sciences Humaines et Sociales") == "Diplome_universitaire"
    assert type_of(CATCH_ALL, "CPES") == "Cycle_preparatoire"
    # A prefix takes whole words only: DEUST is not a D.E, LPX is not a licence pro.
    assert type_of(CATCH_ALL, "DEUSTX") == CATCH_ALL and type_of(CATCH_ALL, "LPX") == CATCH_ALL
    assert type_of(CATCH_ALL, "Formations Bac + 5") == CATCH_ALL  # no rule names it: the remainder


def test_other_families_keep_their_family_as_type():
    assert type_of("BTS", "DN MADE") == "BTS"
    assert type_of("Licence_Las", "Licence") == "Licence_Las"
    assert type_of("Une famille nouvelle", "CPES") == "Une famille nouvelle"
    assert type_label("Une famille nouvelle") == "Une famille nouvelle"  # shown as Parcoursup names it


def test_types_extend_families_without_taking_their_codes():
    assert set(FAMILIES) <= set(TYPES) and TYPES[CATCH_ALL] == FAMILIES[CATCH_ALL]
    finer = set(TYPES) - set(FAMILIES)
    assert len(finer) >= 10 and {code for _, _, code in RULES} == finer
    for code in finer:
        label, words = TYPES[code]
        assert "_" not in label and label != code and re.match(r"[A-ZÉ]", label), label
        assert all(w == w.lower() and w.isascii() for w in words), code  # folded, as queries are


def test_every_type_but_the_remainder_says_what_it_is():
    from mps.domain.catalogue.descriptions import DEFAULT, FAMILY_TEXT
    assert set(TYPES) - set(FAMILY_TEXT) == {CATCH_ALL} and DEFAULT not in FAMILY_TEXT.values()
