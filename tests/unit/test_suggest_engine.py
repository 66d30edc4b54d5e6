"""The engine on a small hand-made catalogue: signals, bac fit, exclusions, variety, explanations."""
import pytest

from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import decode_profile
from mps.domain.suggestions.engine import suggest
from mps.domain.suggestions.model import build_model
from mps.domain.suggestions.whatif import what_if
from tests.unit.suggest_catalogue import LILLE, MARSEILLE, small_catalogue

REF = load_referential()
# id, label, family, group, detail, apprenticeship, [(town, pct_general, pct_techno, pct_pro, capacity)]
FORMATIONS = [
    ("but-info", "BUT - Informatique", "BUT", "BUT - Production", "Informatique", False,
     [(LILLE, 60, 38, 2, 90), (MARSEILLE, 62, 36, 2, 90)]),
    ("bts-sio", "BTS - Services - Services informatiques aux organisations", "BTS", "BTS - Services",
     "Services informatiques aux organisations", False, [(LILLE, 20, 40, 40, 30)]),
    ("bts-sio-app", "BTS - Services - Services informatiques aux organisations (Statut d'apprenti possible)", "BTS",
     "BTS - Services", "Services informatiques aux organisations", True, [(LILLE, 20, 40, 40, 20)]),
    ("cpge-mpsi", "CPGE - MPSI", "CPGE", "Classe préparatoire scientifique", "MPSI", False, [(LILLE, 100, 0, 0, 48)]),
    ("lic-info", "Licence - Informatique", "Licence", "Licence - Sciences - technologies - santé", "Informatique",
     False, [(MARSEILLE, 85, 12, 3, 200)]),
    ("bts-mco", "BTS - Services - Management Commercial Opérationnel", "BTS", "BTS - Services",
     "Management Commercial Opérationnel", False, [(LILLE, 15, 40, 45, 35), (MARSEILLE, 15, 40, 45, 35)]),
    ("ifsi", "D.E Infirmier", "IFSI", "D.E secteur sanitaire", "D.E Infirmier", False,
     [(LILLE, 45, 35, 20, 120), (MARSEILLE, 45, 35, 20, 120)]),
    ("bts-cuisine", "BTS - Services - Management en hôtellerie restauration", "BTS", "BTS - Services",
     "Management en hôtellerie restauration", False, [(MARSEILLE, 30, 50, 20, 30)]),
    ("lic-droit", "Licence - Portail Droit", "Licence", "Licence - Droit-économie-gestion", "Droit", False,
     [(LILLE, 90, 8, 2, 600)]),
]
METIERS = [{"id": "MET_557", "label": "infirmier / infirmière", "domains": "santé, social, sport/santé"},
           {"id": "MET_100", "label": "développeur / développeuse informatique",
            "domains": "informatique, Internet/développement - programmation - logiciel"}]
STATS = [(2024, "Maths,NSI", "Ensemble des bacheliers", 10000), (2024, "Maths,NSI", "BUT Production", 2500),
         (2024, "Maths,NSI", "Licence Informatique", 1400), (2024, "Maths,NSI", "CPGE S", 700),
         (2024, "SES,HGGSP", "Ensemble des bacheliers", 8000), (2024, "SES,HGGSP", "Licence Sciences juridiques", 2000)]


@pytest.fixture(scope="module")
def engine():
    cat = small_catalogue(FORMATIONS)
    return cat, build_model(cat, METIERS, STATS)


def run(engine, profile, limit=20):
    cat, model = engine
    return suggest(model, cat, decode_profile(profile, REF), limit=limit)


def ids(suggestions):
    return [s.id for s in suggestions]


@pytest.mark.parametrize("profile", [
    {}, {"villes": [{"nom": "Lille", "lat": LILLE[0], "lon": LILLE[1]}]},
    {"bac": "Générale", "specialites": ["Mathématiques", "NSI"]}, {"interets": ["ci9"]}, {"bac": "P"},
])
def test_never_empty_and_every_suggestion_says_why(engine, profile):
    out = run(engine, profile)
    assert out
    for s in out:
        assert s.explanations and all(e.text for e in s.explanations)


def test_interests_find_formations_named_after_them(engine):
    assert ids(run(engine, {"interets": ["ci9"]}))[0] == "bts-cuisine"


def test_a_metier_leads_to_its_formation(engine):
    out = run(engine, {"metiers": ["MET_557"]})
    assert out[0].id == "ifsi"
    assert any(e.type == "metiers" and "infirmier" in e.text for e in out[0].explanations)


def test_specialites_use_what_students_with_the_same_pair_chose(engine):
    out = run(engine, {"bac": "Générale", "specialites": ["Mathématiques", "Numérique et Sciences Informatiques (NSI)"]})
    assert out[0].id == "but-info"
    texts = " ".join(e.text for e in out[0].explanations)
    assert "2\u202f500 élèves avec Maths et NSI" in texts and "25\u00a0%" in texts


def test_a_bac_pro_student_gets_bts_before_a_prepa(engine):
    order = ids(run(engine, {"bac": "P", "interets": ["ci27"]}))
    assert order.index("bts-sio") < order.index("cpge-mpsi")
    assert order[0].startswith("bts")


def test_pas_interesse_removes_the_diploma_and_its_variants(engine):
    order = ids(run(engine, {"interets": ["ci27"], "corbeille": ["bts-sio"]}))
    assert "bts-sio" not in order and "bts-sio-app" not in order


def test_variants_of_one_diploma_appear_once(engine):
    order = ids(run(engine, {"interets": ["ci27"]}))
    assert len({"bts-sio", "bts-sio-app"} & set(order)) == 1


def test_alternance_prefers_the_apprenticeship_variant(engine):
    order = ids(run(engine, {"interets": ["ci27"], "alternance": "tres_interesse"}))
    assert "bts-sio-app" in order and "bts-sio" not in order


def test_places_nearest_first_with_distance_and_parcoursup_link(engine):
    out = run(engine, {"villes": [{"nom": "Marseille", "lat": MARSEILLE[0], "lon": MARSEILLE[1]}],
                       "interets": ["ci13"]})
    ifsi = next(s for s in out if s.id == "ifsi")
    assert ifsi.places[0].commune == "Marseille" and ifsi.places[0].distance_km < 1
    assert ifsi.places[1].distance_km > 500
    assert ifsi.places[0].url.startswith("https://")
    assert any(e.type == "distance" and "Marseille" in e.text for e in ifsi.explanations)


def test_each_shown_place_gives_the_great_circle_km_from_its_nearest_town(engine):
    """The places' figures come from terms read once per catalogue (explain.place_cards): distance_km's, rounded."""
    from mps.lib.geo import distance_km
    cat, _ = engine
    towns = [(LILLE, "Lille"), (MARSEILLE, "Marseille")]
    out = run(engine, {"villes": [{"nom": n, "lat": t[0], "lon": t[1]} for t, n in towns]})
    checked = 0
    for s in out:
        for p in s.places:
            place = next(x for x in cat.formations[s.id].places if x.cod_aff_form == p.cod_aff_form)
            assert p.distance_km == min(round(distance_km(t[0], t[1], place.lat, place.lon), 1) for t, _ in towns)
            assert (p.etablissement, p.commune, p.url) == (place.etablissement, place.commune, place.parcoursup_url)
            checked += 1
    assert checked >= len(out) >= 3


def test_distance_lowers_far_formations(engine):
    order = ids(run(engine, {"villes": [{"nom": "Lille", "lat": LILLE[0], "lon": LILLE[1]}], "interets": ["ci27"]}))
    assert order.index("but-info") < order.index("lic-info")  # both informatique; the licence is 800 km away


def test_favourites_bring_similar_formations(engine):
    out = run(engine, {"favoris": ["but-info"]})
    similar = [s for s in out if any(e.type == "favoris" for e in s.explanations)]
    assert similar and {s.id for s in similar} & {"lic-info", "bts-sio", "bts-sio-app"}


def test_moyenne_reorders_but_never_excludes(engine):
    without = set(ids(run(engine, {"interets": ["ci27"]})))
    with_low = set(ids(run(engine, {"interets": ["ci27"], "moyenne": 8})))
    assert without == with_low


def test_where_you_stand_only_with_a_moyenne(engine):
    assert not any(e.type == "position" for s in run(engine, {"bac": "STMG"}) for e in s.explanations)
    out = run(engine, {"bac": "STMG", "moyenne": 12.5})
    assert all(any(e.type == "position" for e in s.explanations) for s in out)


def test_what_if_shows_the_pairs_that_open_the_students_interests(engine):
    cat, model = engine
    pairs = what_if(model, decode_profile({"classe": "seconde", "interets": ["ci21"]}, REF))
    assert pairs[0].specialites == ["HGGSP", "SES"]
    assert "Licence Sciences juridiques" in [f.family for f in pairs[0].families]


def test_metier_and_specialite_vectors_are_computed_once_and_read_only(engine):
    """topic_items keeps each métier's and spécialité's vector on the model: the next profile naming them reads
    the same values, and nothing a request does can change them."""
    import numpy as np

    from mps.domain.suggestions import profile_items
    _, model = engine
    t, n = model.topics, len(model.recs)
    profile = decode_profile({"bac": "Générale", "specialites": ["Mathématiques", "NSI"], "metiers": ["MET_100"]}, REF)
    first = profile_items.topic_items(t, profile, n)
    again = profile_items.topic_items(t, profile, n)
    fresh = {"MET_100": profile_items.metier_vector(t, t.metiers["MET_100"], n)}
    fresh.update({f"spe:{s}": profile_items.specialite_vector(t, None, s, n) * profile_items.BACKGROUND_WHEN_ASKED
                  for s in profile.specialites})
    assert first.keys() == again.keys() == fresh.keys()
    for key, vec in first.items():
        assert np.array_equal(vec, fresh[key]) and np.array_equal(again[key], vec)
    assert again["MET_100"] is first["MET_100"] and not first["MET_100"].flags.writeable
