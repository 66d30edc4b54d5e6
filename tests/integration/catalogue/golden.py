"""The golden corpus of search: query strings of /recherche and what the server's search answers.

Online (search.py) and offline (frontend/static/js/lib/search.js) search must give the same results,
filters included. `bench/search_golden.py` writes tests/data/search_golden.json from the server's
search; pytest (tests/integration/catalogue/test_search_golden.py) checks the Python search against
it and node's test runner (frontend/tests/search.test.js, run by infra/test.sh) the JavaScript one,
on the same catalogue.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

from mps.domain.catalogue.index import Catalogue
from mps.domain.catalogue.params import search_params
from mps.lib.errors import FieldError

TOP, PLACES = 10, 3  # formations compared per case, places compared per formation
ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "data" / "search_golden.json"
RELEVANCE = ROOT / "tests" / "data" / "search_relevance.csv"

# Place words at the end of a query, and every filter of the search page, alone and combined.
FILTERED: list[dict[str, str]] = [
    {"q": "bts compta lille"}, {"q": "fac droit paris"}, {"q": "licence psycho lyon"}, {"q": "but info nantes"},
    {"q": "prepa mpsi toulouse"}, {"q": "staps rennes"}, {"q": "infirmiere bordeaux"}, {"q": "medecine marseille"},
    {"q": "bts nord"}, {"q": "licence droit bretagne"}, {"q": "cpge academie de lyon"}, {"q": "bts 69"},
    {"q": "bts sio 59000"}, {"q": "ecole d inge lyon"}, {"q": "lea anglais chinois"}, {"q": "bts audiovisuel son"},
    {"q": "bts", "ville": "Lille"}, {"q": "licence", "ville": "59000", "rayon": "10"},
    {"famille": "BUT", "ville": "Bordeaux"}, {"q": "droit", "selective": "false"},
    {"q": "informatique", "apprentissage": "true"}, {"q": "commerce", "departement": "75"},
    {"q": "commerce", "departement": "Nord"}, {"q": "lettres", "academie": "Lyon"},
    {"q": "ingenieur", "region": "Bretagne"}, {"q": "bts", "near": "48.8566,2.3522", "radius_km": "5"},
    {"q": "psychologie", "near": "45.76,4.84"}, {"famille": "CPGE", "selective": "true", "ville": "Marseille"},
    {"famille": "IFSI", "departement": "13"}, {"q": "but", "ville": "Rennes", "rayon": "50", "apprentissage": "false"},
    {"q": "licence", "region": "Occitanie", "selective": "true"}, {"famille": "Licence_Las", "academie": "Grenoble"},
    {"q": "bts", "famille": "BTS", "departement": "2A"}, {"q": "psycologie"}, {"q": "informatiqe"},
    {"q": "zzz droit"}, {"q": "zzzqqqxx"}, {"q": "prépa hec", "ville": "Lyon"}, {"q": "", "famille": "EFTS"},
    {"ville": "Nulle-Part-Sur-Rien"}, {"q": "bts", "rayon": "abc"}, {"famille": "Pas une famille"},
    # Places taught at a distance (CNED): kept around any town, after the places one can measure.
    {"q": "bts sio chasseneuil du poitou"}, {"q": "bts gestion forestiere brest"}, {"q": "bts", "ville": "Poitiers"},
    # Places whose names hold stop words, and stop words that are communes' names.
    {"q": "bts le mans"}, {"q": "licence aix en provence"}, {"q": "licence la roche sur yon"},
    {"q": "droit ile de france"}, {"q": "bts compta ville"}, {"q": "bts pres de lille"},
    # Browsing types (formation_types): finer than Parcoursup's « Autre formation », by code or name,
    # « Autre formation » being what no type names; their words find them too.
    {"famille": "DN_MADE"}, {"q": "design", "famille": "DN_MADE"}, {"famille": "Autre formation"},
    {"famille": "Cycle_preparatoire", "ville": "Paris"}, {"q": "prepa", "famille": "cycle_preparatoire"},
    {"famille": "Sport et animation (BPJEPS, DEJEPS)"}, {"famille": "MC_FCIL", "region": "Bretagne"},
    {"famille": "Diplome_universitaire", "apprentissage": "false"}, {"famille": "DE_paramedical", "selective": "true"},
    {"famille": "Sciences_Po"}, {"famille": "Veterinaire"}, {"q": "cuisine", "famille": "Art_cuisine"},
    {"q": "bpjeps natation"}, {"q": "paramedical"}, {"q": "sport lyon"}, {"q": "dn made"},
    # Schools' names (words.py: place-level words), with filters, typos and prefixes; words too common to
    # tell schools apart find nothing by them.
    {"q": "insa", "ville": "Lyon"}, {"q": "INSA Hauts-de-France"}, {"q": "dauphne"}, {"q": "sorbonn droit"},
    {"q": "epita", "apprentissage": "false"}, {"q": "henri iv prepa"}, {"q": "lycée"}, {"q": "universite"},
    {"q": "polytech", "region": "Pays de la Loire"}, {"q": "lyon 2"},
    # « école de X » is X's formation unless a school's formation has X; dotted abbreviations; job names' fields.
    {"q": "école de journalisme", "ville": "Lyon"}, {"q": "ecole d orthophonie lille"},
    {"q": "B.T.S. M.C.O.", "ville": "Nantes", "rayon": "20"}, {"q": "école de commerce", "ville": "Rouen", "rayon": "40"},
    {"q": "aquacultrice", "apprentissage": "false"}, {"q": "but gc", "ville": "Grenoble", "rayon": "25"},
    # A job's name reaches the formations ONISEP links it to (catalogue/metiers.py), in its forms, with a town; a town
    # named as a job (Avion, Mâcon) is a place only after a word that names formations.
    {"q": "devenir conductrice de travaux lyon"}, {"q": "luthier", "ville": "Paris"}, {"q": "geologues marseille"},
    {"q": "avion"}, {"q": "bts avion"}, {"q": "maçon"}, {"q": "licence macon"},
    {"q": "bts mco toulouse 31"}, {"q": "bts saint denis 93"}, {"q": "saint denis 974"}, {"q": "bts paca"},
    {"q": "licence nord pas de calais"}, {"q": "bts 2a"}, {"q": "bts nord 59"}, {"q": "licence en ligne", "ville": "Lyon"},
    {"q": "bts mco lyon en alternance"}, {"q": "licence de psycho a lyon svp"}, {"q": "bts le mans en"}, {"q": "chemistry"},
    {"q": "spe nsi lille"}, {"q": "bts pas cher"}, {"q": "bts a cote de lille"}, {"q": "bts region lyonnaise"},
    {"q": "bts bordeau"}, {"q": "licence marseile"}, {"q": "prepa versaille", "apprentissage": "false"}, {"q": "iut grenobl"},
    {"q": "licence bordeaux montaigne"},
    # Communes merged since the communes table (Évry-Courcouronnes): a former commune's name is the town with places.
    {"q": "bts evry"}, {"q": "licence ancenis", "apprentissage": "false"},
    {"q": "bts parcs"}, {"q": "l2 droit"},
    {"q": "développeuse web", "rayon": "10", "apprentissage": "false"},  # a radius without a town limits nothing
    {"q": "psycho clermont ferran"}, {"q": "licence saint etiene"}, {"q": "angais"}, {"q": "drooit 13001"},
    # A place first (query_reading.py place_at_start), but not a school named from its town on.
    {"q": "toulouse bts"}, {"q": "à saint etienne licence droit"}, {"q": "bretagne licence droit"},
    {"q": "lyon bts compta", "apprentissage": "true"}, {"q": "nice droit", "statut": "public"}, {"q": "aix marseille droit"},
    {"q": "les ponts de ce infirmier"}, {"q": "les sables d olonne bts"}, {"q": "ponts infirmier"},  # a stop word begins it; no slip
    # A university by its number, overseas as one place, a label's word that is also a département's name, a job's
    # name whose word is a town's and schools' (h4, 3 Dec).
    {"q": "fac paris 8", "ville": "Lyon"}, {"q": "licence lyon 2", "apprentissage": "false"}, {"q": "bts 8"},
    {"q": "bts outre mer", "selective": "false"}, {"q": "dom tom", "famille": "BTS"}, {"q": "licence droit etranger"},
    {"q": "etranger"}, {"q": "maçonne"}, {"q": "professeure d'eps"},
    # Public or private (status.py): the filter, and the query words that ask for it, never a formation's own words.
    {"q": "bts", "statut": "public", "ville": "Lyon"}, {"q": "ecole d ingenieur", "statut": "prive"},
    {"famille": "BTS", "statut": "sous_contrat", "departement": "69"}, {"q": "cpge", "statut": "Privé"},
    {"q": "bts", "statut": "payant"}, {"q": "bts public lyon"}, {"q": "école de commerce privée"}, {"q": "iut publique"},
    {"q": "bts public", "statut": "prive"}, {"q": "bts privé nantes"}, {"q": "bts compta privé en alternance"},
    {"q": "santé publique"}, {"q": "licence droit public"}, {"q": "relations publiques"}, {"q": "bts travaux publics"},
    {"q": "controleur des finances publiques"}, {"q": "prepa privee", "ville": "Paris", "rayon": "10"},
]


def cases(queries, n_random: int = 60, seed: int = 7) -> list[dict[str, str]]:
    """Every query of the relevance table, the filtered cases above and seeded realistic queries
    (`queries(n, seed)`: bench/queries.py, families, subjects, towns and typos)."""
    with RELEVANCE.open(encoding="utf-8") as fh:
        table = [{"q": r["query"]} for r in csv.DictReader(fh, delimiter=";")]
    rng = random.Random(seed)
    drawn = [{"q": q} for q in rng.sample(queries(2000, seed), n_random)]
    return table + FILTERED + drawn


def answer(cat: Catalogue, params: dict[str, str]) -> dict:
    """What the search page's engine answers to this query string (an error names its field)."""
    try:
        parsed = search_params(cat, params, town_key="ville")
    except FieldError:
        return {"params": params, "error": True}
    result = cat.search.search(parsed)
    hits = [[h.formation_id, [cod for cod, _ in h.places[:PLACES]]] for h in result.hits[:TOP]]
    return {"params": params, "error": False, "total": len(result.hits), "partial": result.partial,
            "place_filter": result.place_filter, "hits": hits}


def corpus(cat: Catalogue, queries) -> list[dict]:
    return [answer(cat, params) for params in cases(queries)]
