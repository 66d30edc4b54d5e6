"""Tuning set 10t (helper h3, December): bac pro students who say their field, the spécialité of bac P or PA the
profile asks since this set (data/suggestions/bac_pro.json). Written to tune the field's weights: the list must
open on the BTS that continue the field, near the student, and a student who wants something else (a bac pro
cuisine student who wants to care for people) must still get what they ask for first. Scored like the held-out
sets; `without_field` gives the same profiles as the form let them be said before (bench figures « before »).
"""
from __future__ import annotations

from tests.eval.heldout_profiles import town
from tests.eval.heldout9_profiles import FAR_FROM_PRO

MENDE, GUERET, BASTIA = town("Mende", 44.52, 3.50), town("Guéret", 46.17, 1.87), town("Bastia", 42.70, 9.45)
LILLE, NANTES, POINTE_A_PITRE = town("Lille", 50.63, 3.06), town("Nantes", 47.22, -1.55), \
    town("Pointe-à-Pitre", 16.24, -61.53)
TOULOUSE, STRASBOURG, AURILLAC = town("Toulouse", 43.60, 1.44), town("Strasbourg", 48.58, 7.75), \
    town("Aurillac", 44.93, 2.44)



def _pro(field: str, town_: dict, **more) -> dict:
    return {"classe": "terminale", "bac": "PA" if more.pop("agricole", False) else "P", "specialites": [field],
            "villes": [town_], **more}


TUNING10T_PROFILES: list[dict] = [
    {"name": "bac pro cuisine, le champ seul, Mende",
     "profile": _pro("Cuisine et restauration", MENDE),
     "expected": [r"Management en hôtellerie restauration"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro maintenance des véhicules, le champ seul, Guéret",
     "profile": _pro("Maintenance des véhicules", GUERET),
     "expected": [r"Maintenance des véhicules"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Infirmier"]},
    {"name": "bac pro AGORA, le champ seul, Bastia",
     "profile": _pro("Gestion administrative (AGORA)", BASTIA),
     "expected": [r"Support à l'action managériale|Gestion de la PME"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro MELEC, alternance, Lille",
     "profile": _pro("Métiers de l'électricité (MELEC)", LILLE, alternance="tres_interesse"),
     "expected": [r"Electrotechnique"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro commerce, Nantes",
     "profile": _pro("Métiers du commerce et de la vente", NANTES),
     "expected": [r"Management Commercial|Négociation et digitalisation"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Infirmier"]},
    {"name": "bac pro bâtiment, Pointe-à-Pitre",
     "profile": _pro("Bâtiment et travaux publics", POINTE_A_PITRE),
     "expected": [r"BTS - Production - (Bâtiment|Travaux publics|Management économique de la construction)"],
     "absurd": FAR_FROM_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro ASSP, Toulouse",
     "profile": _pro("Accompagnement, soins et services à la personne (ASSP)", TOULOUSE),
     "expected": [r"Service et prestation des secteurs sanitaire|Economie sociale familiale"],
     "absurd": FAR_FROM_PRO[1:] + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro CIEL, Strasbourg",
     "profile": _pro("Systèmes numériques et informatique (CIEL)", STRASBOURG),
     "expected": [r"Cybersécurité, Informatique et réseaux|Services informatiques aux organisations"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Infirmier"]},
    {"name": "bac pro agricole CGEA, Aurillac",
     "profile": _pro("Conduite d'une entreprise agricole (CGEA, vigne, cheval)", AURILLAC, agricole=True),
     "expected": [r"BTS - Agricole - (Analyse, conduite|Productions animales)"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro cuisine, veut soigner, Nantes",
     "profile": _pro("Cuisine et restauration", NANTES, interets=["ci13"]),
     "expected": [r"D.E Infirmier|Service et prestation des secteurs sanitaire"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique"]},
    {"name": "bac pro commerce, veut l'informatique, Lille",
     "profile": _pro("Métiers du commerce et de la vente", LILLE, domaines=["dom32"]),
     "expected": [r"Services informatiques aux organisations|Cybersécurité, Informatique et réseaux"],
     "absurd": FAR_FROM_PRO + [r"Coiffure"]},
]


def without_field(profiles: list[dict]) -> list[dict]:
    """The same students as the form let them say it before the field: no spécialité."""
    return [{**case, "profile": {k: v for k, v in case["profile"].items() if k != "specialites"}} for case in profiles]
