"""A small hand-made catalogue for the suggestion engine's unit tests."""
from mps.domain.catalogue.index import build

LILLE, MARSEILLE = (50.63, 3.06), (43.30, 5.37)


def small_catalogue(formations):
    """formations: (id, label, family, group, detail, apprenticeship, [(town, pct_general, pct_techno, pct_pro,
    capacity[, option])]); every place admits `capacity` néo-bacheliers, with the same mentions."""
    rows, places, cod = [], [], 1000
    for fid, label, family, group, detail, app, sites in formations:
        rows.append({"id": fid, "label": label, "family": family, "group_label": group, "detail_label": detail,
                     "selective": family != "Licence", "apprenticeship": app})
        for (lat, lon), g, t, p, cap, *option in sites:
            cod += 1
            town = "Lille" if (lat, lon) == LILLE else "Marseille"
            places.append({"cod_aff_form": cod, "formation_id": fid, "etablissement": f"Lycée {cod}", "commune": town,
                           "departement_code": "59" if town == "Lille" else "13", "departement": "", "region": "",
                           "academie": "", "lat": lat, "lon": lon, "taux_acces": 50.0, "selective": True,
                           "apprenticeship": app, "parcoursup_url": f"https://example.test/{cod}", "capacity": cap,
                           "admitted_neo": cap, "pct_general": g, "pct_techno": t, "pct_pro": p,
                           "mention_none": 10, "mention_ab": 10, "mention_b": 5, "mention_tb": 2, "mention_tbf": 0,
                           "option_label": option[0] if option else ""})
    communes = [{"name": "Lille", "name_key": "lille", "postcode": "59000", "departement_code": "59",
                 "departement": "Nord", "lat": LILLE[0], "lon": LILLE[1]}]
    return build(1, 2023, rows, places, communes)
