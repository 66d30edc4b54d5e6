"""The profile document: strict, and every refusal names the field the student or client must fix."""
import pytest

from mps.domain.profile.referential import load_referential, stats_name
from mps.domain.profile.schemas import ProfileError, decode_profile

REF = load_referential()


def test_an_empty_profile_is_valid():
    doc = decode_profile(b"{}", REF)
    assert doc.bac is None and doc.specialites == [] and doc.moyenne is None


def test_the_issue_example_profile_is_accepted_and_normalised():
    doc = decode_profile({
        "classe": "terminale", "bac": "Générale", "specialites": ["Mathématiques", "Numérique et Sciences Informatiques (NSI)"],
        "interets": ["ci27", "ci27"], "domaines": ["dom32"], "metiers": ["MET_557"], "duree": "courte",
        "alternance": "interesse", "villes": [{"nom": "Lille", "lat": 50.63, "lon": 3.06}], "moyenne": 13.5,
        "favoris": ["but-informatique"], "corbeille": []}, REF)
    assert doc.interets == ["ci27"]  # duplicates dropped
    assert doc.villes[0].nom == "Lille"


@pytest.mark.parametrize("profile, field", [
    ({"bac": "Bac S"}, "bac"),
    ({"moyenne": 25}, "moyenne"),
    ({"moyenne": -1}, "moyenne"),
    ({"classe": "cm2"}, "classe"),
    ({"bac": "STMG", "specialites": ["Mercatique", "Mathématiques"]}, "specialites[1]"),
    ({"interets": ["ci1", "ci99"]}, "interets[1]"),
    ({"domaines": ["dom46"]}, "domaines[0]"),
    ({"metiers": ["infirmier"]}, "metiers[0]"),
    ({"villes": [{"nom": "Lille", "lat": 95, "lon": 3}]}, "villes[0].lat"),
    ({"villes": [{"nom": "Lille", "lat": 50, "lon": 3, "pays": "FR"}]}, "villes[0].pays"),
    ({"couleur": "bleu"}, "couleur"),
    ({"duree": 3}, "duree"),
])
def test_a_bad_profile_is_refused_naming_the_field(profile, field):
    with pytest.raises(ProfileError) as err:
        decode_profile(profile, REF)
    assert err.value.field == field


def test_errors_are_in_french():
    with pytest.raises(ProfileError) as err:
        decode_profile({"moyenne": 25}, REF)
    assert "inférieur ou égal à 20" in err.value.message


def test_specialites_accept_short_names_and_ids_of_the_students_bac():
    doc = decode_profile({"bac": "Générale", "specialites": ["maths", "SES", "mat1065"]}, REF)
    assert doc.specialites == ["Mathématiques", "Sciences Economiques et Sociales (SES)",
                               "Numérique et Sciences Informatiques (NSI)"]


def test_referential_names_map_to_the_spécialités_file_names():
    assert stats_name("Physique-Chimie (PC)") == "Physique-Chimie"
    assert stats_name("Mathématiques") == "Maths"
    assert stats_name("Littérature et langues et cultures de l’Antiquité: Latin (LLCA)") == "LLCA"


def test_unknown_metier_is_refused_when_the_list_is_known():
    with pytest.raises(ProfileError) as err:
        decode_profile({"metiers": ["MET_1", "MET_2"]}, REF, metier_ids={"MET_1"})
    assert err.value.field == "metiers[1]"
