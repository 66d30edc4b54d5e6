"""Formation identity rules on hand-written rows (the invariants over the shipped file are in
tests/integration/catalogue/test_identity.py)."""
import pytest

from mps.etl.aliases import resolve_aliases
from mps.etl.identity import Row, identify, repair, segments

FAMILY_LABELS = {"Ecole d'Ingénieur": "École d'ingénieurs", "Ecole de Commerce": "École de commerce"}
ING = ("Formations  des écoles d'ingénieurs", "Formation d'ingénieur Bac + 5", "Ecole d'Ingénieur")
APP = " (Statut d'apprenti possible sur tout ou partie des années, au-delà de la première)"


def ident(*rows):
    return identify([Row.of(label, group, detail, option, family) for label, group, detail, option, family in rows],
                    FAMILY_LABELS)


@pytest.mark.parametrize("raw, fixed", [
    ("Licence - Sciences de l?éducation", "Licence - Sciences de l'éducation"),
    ("Voile croisière jusqu?à 200 milles nautiques d?un abri", "Voile croisière jusqu'à 200 milles nautiques d'un abri"),
    ("Sciences pour l ?ingénieur", "Sciences pour l'ingénieur"),
    ("Ecole normale supérieure Paris Saclay ? arts et design", "Ecole normale supérieure Paris Saclay – arts et design"),
    ("Bachelor Tech? et Innovation Management", "Bachelor Tech' et Innovation Management"),
    ("Sciences de l’homme", "Sciences de l'homme"),
])
def test_lost_apostrophes_and_dashes_are_repaired(raw, fixed):
    assert repair(raw) == fixed


def test_segments_split_on_dashes_outside_brackets():
    assert segments("CPGE - ECG -  - Maths") == ["CPGE", "ECG", "Maths"]
    assert segments("Portail Sciences de l'homme (Anthropologie - Histoire)") == ["Portail Sciences de l'homme (Anthropologie - Histoire)"]


def test_bac_type_twins_are_one_school_filiere_with_readable_name():
    out = ident(("Formation d'ingénieur Bac + 5 - Bac général", *ING[:2], "Bac général", ING[2]),
                ("Formation d'ingénieur Bac + 5 - Bacs technologiques", *ING[:2], "Bacs technologiques", ING[2]),
                ("Formation d'ingénieur Bac + 5", *ING[:2], "Ingénieur Mathématiques Informatique", ING[2]))
    assert {i.label for i in out} == {"École d'ingénieurs post-bac — 5 ans"}
    assert [i.option for i in out] == ["Accès : Bac général", "Accès : Bacs technologiques",
                                       "Ingénieur Mathématiques Informatique"]


def test_veterinary_and_bachelor_schools_are_named_from_family_and_level():
    vet = ident(("Formation Bac+6 - Série Générale", "Formations des écoles vétérinaires", "Formation Bac+6",
                 "Série Générale", "Autre formation"))
    assert vet[0].label == "École vétérinaire — 6 ans"
    com = ("Formation des écoles de commerce et de management", "Formation des écoles de commerce et de management Bac + 3")
    bachelor = ident((com[1] + " - Bachelor in Management", *com, "", "Ecole de Commerce"),
                     (com[1] + " - Bachelor Affaires internationales", *com, "KEDGE Bachelor", "Ecole de Commerce"))
    assert {i.label for i in bachelor} == {"Bachelor d'école de commerce — 3 ans"}
    assert bachelor[1].option == "Bachelor Affaires internationales – KEDGE Bachelor"


def test_apprenticeship_twin_is_the_same_formation():
    out = ident(("BUT - Informatique", "BUT - Production", "Informatique", "", "BUT"),
                ("BUT - Informatique" + APP, "BUT - Production", "Informatique", "", "BUT"))
    assert out[0].key == out[1].key and out[1].label == "BUT - Informatique"


def test_licence_parcours_and_portail_are_options_of_one_licence():
    grp = "Licence - Sciences humaines et sociales"
    out = ident(("Licence - Psychologie", grp, "Psychologie", "", "Licence"),
                ("Licence - Portail Psychologie", grp, "Psychologie", "", "Licence_Las"),
                ("Licence - Psychologie - Parcours Psychologie et Humanités", grp, "Psychologie", "Psychologie et Humanités", "Licence"))
    assert {i.label for i in out} == {"Licence - Psychologie"}
    assert out[2].option == "Parcours Psychologie et Humanités"


def test_an_option_missing_from_most_labels_never_splits_the_filiere():
    grp = "Classe préparatoire économique et commerciale"
    out = ident(("CPGE - ECG", grp, "ECG - Mathématiques appliquées + ESH", "", "CPGE"),
                ("CPGE - ECG -  - Mathématiques appliquées + ESH", grp, "ECG - Mathématiques appliquées + ESH",
                 "- Mathématiques appliquées + ESH", "CPGE"),
                ("CPGE - ECG", grp, "ECG - Mathématiques approfondies + HGG", "", "CPGE"))
    assert {i.label for i in out} == {"CPGE - ECG"}
    assert [i.option for i in out] == ["Mathématiques appliquées + ESH"] * 2 + ["Mathématiques approfondies + HGG"]


def test_a_diploma_kind_keeps_the_subject_of_each_programme():
    out = ident(("FCIL - Secrétariat médical", "FCIL", "FCIL", "Secrétariat médical", "Autre formation"),
                ("FCIL - Télépilote de drones", "FCIL", "FCIL", "Télépilote de drones", "Autre formation"))
    assert [i.label for i in out] == ["FCIL - Secrétariat médical", "FCIL - Télépilote de drones"]


def test_double_licence_is_its_own_pair_of_mentions():
    grp = "Licence - Droit-économie-gestion"
    out = ident(("Licence - Droit", grp, "Droit", "", "Licence"),
                ("Double licence - Droit / Histoire - Droit - Histoire", grp, "Droit", "Droit - Histoire", "Licence"))
    assert [i.label for i in out] == ["Licence - Droit", "Double licence - Droit / Histoire"]


def test_aliases_follow_places_and_chains():
    current = {"licence-psychologie", "but-informatique"}
    new_places = {1: "licence-psychologie", 2: "licence-psychologie", 3: "but-informatique"}
    aliases = resolve_aliases(current, new_places, legacy={"licence-portail-psychologie": "licence-psychologie"},
                              previous_places={1: "psycho-2024", 2: "psycho-2024", 3: "but-informatique"},
                              previous_aliases={"psycho-2023": "psycho-2024", "gone": "nowhere"})
    assert aliases == {"licence-portail-psychologie": "licence-psychologie", "psycho-2024": "licence-psychologie",
                       "psycho-2023": "licence-psychologie"}
