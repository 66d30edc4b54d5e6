"""Towns Parcoursup names that the communes table does not know (merged or renamed communes, places beyond it) are
known by the geocoder, and a former commune's name leads to the town with formations it is part of now."""
from mps.domain.catalogue.geocode import Geocoder

COMMUNES = [  # (name, key, postcode, département, lat, lon): the table as La Poste wrote it before the mergers
    ("Évry", "evry", "89140", "89", 48.27, 3.26), ("Évry", "evry", "91000", "91", 48.63, 2.44),
    ("Courcouronnes", "courcouronnes", "91080", "91", 48.62, 2.41), ("Saint-Géréon", "saint gereon", "44150", "44",
    47.37, -1.21), ("Ancenis", "ancenis", "44150", "44", 47.38, -1.18), ("Saint", "saint", "44000", "44", 47.0, -1.0),
]


def _geocoder(places):
    communes = [{"name": n, "name_key": k, "postcode": pc, "departement_code": d, "departement": "", "lat": lat,
                 "lon": lon} for n, k, pc, d, lat, lon in COMMUNES]
    return Geocoder(communes, places)


def _place(commune, code, lat, lon):
    return {"commune": commune, "departement_code": code, "departement": "Dép. " + code, "lat": lat, "lon": lon}


def test_a_merged_commune_is_a_town_at_its_places_and_its_former_communes_lead_to_it():
    g = _geocoder([_place("Évry-Courcouronnes", "91", 48.62, 2.42), _place("Évry-Courcouronnes", "91", 48.64, 2.44),
                   _place("Ancenis-Saint-Géréon", "44", 47.37, -1.18)])
    town = g.lookup("Évry-Courcouronnes")
    assert (town.name, town.departement_code, town.departement, town.lat, town.lon) == (
        "Évry-Courcouronnes", "91", "Dép. 91", 48.63, 2.43)
    assert town.postcode == "91000"  # its first former commune's
    assert g.lookup_key("evry") == town and g.lookup_key("courcouronnes") == town
    assert g.lookup("Évry (89)").departement_code == "89"  # the homonym elsewhere is still there
    assert g.departement_of("Évry-Courcouronnes", None, None) == "91"
    # Runs of words, longest first and not overlapping: « saint » (a commune here) is no former commune of it.
    assert g.aliases == {"evry": "evry courcouronnes", "courcouronnes": "evry courcouronnes",
                         "ancenis": "ancenis saint gereon", "saint gereon": "ancenis saint gereon"}
    assert g.lookup_key("saint").name == "Saint"


def test_a_town_beyond_the_table_is_known_and_one_without_a_point_is_not():
    g = _geocoder([_place("Papeete", "987", -17.54, -149.57), _place("Nulle-Part", "01", None, None),
                   _place("", "93", 48.9, 2.4)])
    assert (g.lookup("papeete").departement_code, g.lookup("papeete").postcode) == ("987", "")
    assert g.lookup("Nulle-Part") is None and g.aliases == {}


def test_a_former_commune_with_formations_of_its_own_keeps_its_name():
    g = _geocoder([_place("Évry-Courcouronnes", "91", 48.63, 2.43), _place("Évry", "91", 48.63, 2.44),
                   _place("Évry", "91", 48.63, 2.44)])
    assert g.lookup_key("evry").name == "Évry" and "evry" not in g.aliases
