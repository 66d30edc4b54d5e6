"""Invariants of formation identity over the whole shipped catalogue, and old ids that keep working."""
import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from mps.domain.catalogue.api import PAGE_SIZE
from mps.domain.catalogue.search import SearchParams
from mps.etl.identity import is_access, segments
from mps.lib.geo import distance_km

GENERIC = re.compile(r"(?i)^formations?\b[^-–]*\bbac ?\+ ?\d+$")
BARE_KINDS = {"FCIL", "Diplôme d'Université", "Diplôme d'Etablissement", "Année préparatoire", "Licence",
              "Licence professionnelle", "Double licence", "BTS", "BUT", "CPGE", "Formation valant grade de licence"}
LOST_APOSTROPHE = re.compile(r"\w\?\w")

# (formation, big town, its area in km): the formation's nearest place to the town lies in that area.
NEAREST = [
    ("licence-psychologie", "Lyon", 15), ("but-informatique", "Bordeaux", 15), ("licence-droit", "Paris", 10),
    ("bts-services-comptabilite-et-gestion", "Marseille", 10), ("d-e-infirmier", "Lille", 10),
    ("cpge-mpsi", "Toulouse", 10), ("cpge-ecg", "Nice", 15), ("licence-economie", "Montpellier", 10),
    ("licence-sciences-et-techniques-des-activites-physiques-et-sportives", "Nantes", 15),
    ("but-techniques-de-commercialisation", "Strasbourg", 15), ("ecole-d-ingenieurs-post-bac-5-ans", "Lyon", 15),
    ("licence-langues-etrangeres-appliquees", "Rennes", 10), ("but-gestion-des-entreprises-et-des-administrations", "Lille", 15),
    ("licence-sciences-de-la-vie", "Grenoble", 15),
]


@pytest.fixture(scope="module")
def cat(app_client):
    return app_client.app.state.catalogue.current


def test_no_generic_label(cat):
    bad = [f.label for f in cat.formations.values() if GENERIC.match(f.label) or f.label in BARE_KINDS]
    assert not bad, bad[:10]


def test_no_question_mark_between_letters(cat):
    texts = [f.label for f in cat.formations.values()]
    texts += [t for p in cat.places.values() for t in (p.option, p.etablissement, p.commune)]
    bad = [t for t in texts if LOST_APOSTROPHE.search(t)]
    assert not bad, bad[:10]


def test_no_bac_type_or_apprenticeship_twins(cat):
    labels = [f.label for f in cat.formations.values()]
    assert not [lb for lb in labels if any(is_access(s) for s in segments(lb)) or "statut d'apprenti" in lb.lower()]
    folded = Counter(re.sub(r"\W+", " ", lb.lower()).strip() for lb in labels)
    assert not [lb for lb, n in folded.items() if n > 1]


def test_every_place_in_exactly_one_formation(cat):
    seen = Counter(p.cod_aff_form for f in cat.formations.values() for p in f.places)
    assert set(seen) == set(cat.places) and set(seen.values()) == {1}
    assert all(cat.formations[p.formation_id].places.count(p) == 1 for p in cat.places.values())


def test_generic_school_filieres_have_readable_names(cat):
    labels = {f.label for f in cat.formations.values()}
    assert {"École vétérinaire — 6 ans", "École d'ingénieurs post-bac — 5 ans",
            "Bachelor d'école de commerce — 3 ans"} <= labels
    ing = cat.formations["ecole-d-ingenieurs-post-bac-5-ans"]
    assert len(ing.places) > 400 and sum(bool(p.option) for p in ing.places) > 350  # programme / access on the place


def test_selectivity_is_stated_per_place_and_summarised_honestly(cat):
    mixed = [f for f in cat.formations.values() if 0 < f.selective_places < len(f.places)]
    assert mixed
    f = mixed[0]
    assert f.selectivity == f"Sélective dans {f.selective_places} lieu{'x' if f.selective_places > 1 else ''} sur {len(f.places)}"


@pytest.mark.parametrize("fid, town, area_km", NEAREST)
def test_nearest_place_to_a_big_town_is_in_its_area(cat, fid, town, area_km):
    t = cat.geocoder.lookup(town)
    f = cat.formations[fid]
    nearest = min(distance_km(t.lat, t.lon, p.lat, p.lon) for p in f.places if p.lat is not None)
    assert nearest <= area_km, f"{f.label} from {town}: {nearest:.0f} km"
    words = f.label.split(" — ")[0]
    hit = next((h for h in cat.search.search(SearchParams(q=f"{words} {town}")).hits if h.formation_id == fid), None)
    assert hit is not None and hit.places[0][1] <= area_km, f"search {words} {town}"


BIG_TOWNS = ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux", "Nantes", "Strasbourg", "Rennes",
             "Montpellier", "Grenoble", "Dijon", "Clermont-Ferrand", "Rouen", "Tours", "Brest", "Nice", "Reims",
             "Le Havre", "Saint-Étienne", "Angers", "Metz", "Nancy", "Caen", "Orléans", "Limoges", "Amiens", "Besançon",
             "Poitiers", "Perpignan", "Pau", "La Rochelle"]
AREA_KM, COMMON = 15, 15  # a town's area; a formation with this many places is a common one
USUAL = Path(__file__).resolve().parents[2] / "data" / "speciality_abbreviations.csv"


def test_nearest_place_to_every_big_town_is_in_its_area_for_every_common_formation(shipped_catalogue):
    """Generalises the list above over the whole shipped catalogue: for every formation with 15 places or more and
    every big town where it has a place within 15 km, the search « <formation> <town> », by its label, by its
    speciality as students say it (« BUT Informatique Bordeaux ») and by its usual abbreviation (« but gea lille »),
    lists it on the first page (20 results) with that nearest place first. Nothing here is a hand-written answer: which
    formation has a place near which town comes from the data."""
    cat = shipped_catalogue
    with USUAL.open(encoding="utf-8") as fh:
        usual = {r["id"]: r["abbreviations"].split("|")[0] for r in csv.DictReader(fh, delimiter=";")}
    tried, wrong = 0, []
    for name in BIG_TOWNS:
        town = cat.geocoder.lookup(name)
        for f in cat.formations.values():
            if len(f.places) < COMMON:
                continue
            nearest = min((distance_km(town.lat, town.lon, p.lat, p.lon) for p in f.places if p.lat is not None),
                          default=None)
            if nearest is None or nearest > AREA_KM:
                continue
            queries = [f.label.split(" — ")[0]]
            if not f.detail_label.startswith("Formation"):  # (a generic detail label is no one's words)
                queries.append(f"{f.family if f.family in ('BUT', 'BTS', 'CPGE') else ''} {f.detail_label}".strip())
            if usual.get(f.id):
                queries.append(f"{f.family} {usual[f.id]}")
            for words in queries:
                tried += 1
                hits = cat.search.search(SearchParams(q=f"{words} {name}")).hits[:PAGE_SIZE]
                hit = next((h for h in hits if h.formation_id == f.id), None)
                if hit is None or hit.places[0][1] is None or hit.places[0][1] > nearest + 0.01:
                    wrong.append((f"{words} {name}", f"{nearest:.1f} km", hit and hit.places[0][1]))
    assert tried > 5000 and not wrong, (len(wrong), wrong[:10])


@pytest.mark.parametrize("old, new", [
    ("licence-portail-psychologie", "licence-psychologie"),
    ("formation-d-ingenieur-bac-5-bac-serie-generale", "ecole-d-ingenieurs-post-bac-5-ans"),
    ("formation-d-ingenieur-bac-5-bacs-technologiques", "ecole-d-ingenieurs-post-bac-5-ans"),
    ("formation-bac-6", "ecole-veterinaire-6-ans"),
])
def test_old_ids_lead_to_the_merged_formation(app_client, cat, old, new):
    assert cat.resolve(old) == new
    page = app_client.get(f"/formations/{old}?ville=Lyon", follow_redirects=False)
    assert page.status_code == 301 and page.headers["location"] == f"/formations/{new}?ville=Lyon"
    api = app_client.get(f"/api/v1/formations/{old}", follow_redirects=False)
    assert api.status_code == 301 and api.headers["location"] == f"/api/v1/formations/{new}"
    assert app_client.get(f"/api/v1/formations/{old}").json()["id"] == new


def test_unknown_id_is_still_404(app_client):
    assert app_client.get("/formations/formation-qui-n-a-jamais-existe", follow_redirects=False).status_code == 404
