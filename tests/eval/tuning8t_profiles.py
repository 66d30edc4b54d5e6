"""Tuning set 8t (issue 10, December, helper h3): written to TUNE the engine on two known weak spots, so its
figures say nothing about generalisation (held-out set 8 was written before, and never tuned on).

- One narrow interest and nothing else (immobilier, esthétique, architecture, enseignement): the relevance floor
  left two or three suggestions, sometimes only licences a bac pro student hardly ever succeeds in. The list must
  never be near-empty: the test also asks for at least 5 suggestions.
- A precise métier beside a vague interest (« Bricoler », « Créer de ses mains », « Travailler au contact de la
  nature »): the formation named after the métier, a little farther, must come before nearer formations that only
  match the vague interest.
Same format and scoring as tests/eval/heldout4_profiles.py.
"""
from __future__ import annotations

from tests.eval.heldout3_profiles import NOT_FOR_PRO, PREPA_SCI, TT
from tests.eval.heldout_profiles import ENGINEERING, GENERALE, town

LIMOGES, LILLE, LAVAL, ROUEN = town("Limoges", 45.83, 1.26), town("Lille", 50.63, 3.06), \
    town("Laval", 48.07, -0.77), town("Rouen", 49.44, 1.10)
DIJON, AMIENS, BOURGES, SOISSONS = town("Dijon", 47.32, 5.04), town("Amiens", 49.89, 2.30), \
    town("Bourges", 47.08, 2.40), town("Soissons", 49.38, 3.32)
CAHORS, RENNES, AUCH, AGEN = town("Cahors", 44.45, 1.44), town("Rennes", 48.11, -1.68), \
    town("Auch", 43.65, 0.59), town("Agen", 44.20, 0.62)

SOCIAL = r"Economie sociale familiale|Service et prestation des secteurs sanitaire et social|Educateur|BPJEPS"

TUNING8T_PROFILES: list[dict] = [
    # --- one narrow interest: never a near-empty list ---
    {"name": "bac pro, immobilier seulement, Limoges",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom14"], "villes": [LIMOGES]},
     "expected": [r"Professions immobilières"],
     "absurd": NOT_FOR_PRO + [r"Infirmier"]},
    {"name": "général, immobilier seulement, Lille",
     "profile": {"classe": "terminale", "bac": GENERALE, "domaines": ["dom14"], "villes": [LILLE]},
     "expected": [r"Professions immobilières|Techniques de commercialisation"],
     "absurd": [PREPA_SCI, r"Infirmier", r"Electrotechnique"]},
    {"name": "bac pro, esthétique seulement, Laval",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom28"], "villes": [LAVAL]},
     "expected": [r"esthétique"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique"]},
    {"name": "STMG, esthétique seulement, Bourges",
     "profile": {"classe": "terminale", "bac": "STMG", "domaines": ["dom28"], "villes": [BOURGES]},
     "expected": [r"esthétique|coiffure"],
     "absurd": [PREPA_SCI, r"Electrotechnique"]},
    {"name": "général, architecture seulement, Rouen",
     "profile": {"classe": "terminale", "bac": GENERALE, "domaines": ["dom9"], "villes": [ROUEN]},
     "expected": [r"Autre formation \| Architecture"],
     "absurd": [r"Infirmier", r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro, enseignement seulement, Dijon",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom17"], "villes": [DIJON]},
     "expected": [SOCIAL],
     "absurd": [r"^CPGE", ENGINEERING]},
    {"name": "seconde, enseigner seulement, Amiens",
     "profile": {"classe": "seconde", "interets": ["ci2"], "villes": [AMIENS]},
     "expected": [r"Sciences de l'éducation"],
     "absurd": [r"Electrotechnique", r"Comptabilité"]},
    # --- a precise métier beside a vague interest: the métier's formation before a little distance ---
    {"name": "bac pro, matériels agricoles, Soissons",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "metiers": ["MET_324"], "villes": [SOISSONS]},
     "expected": [r"équipements agricoles|matériels agricoles"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro, soudeur, Cahors",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "metiers": ["MET_899"], "villes": [CAHORS]},
     "expected": [r"soudage|chaudronnerie"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro, peintre décorateur, Rennes",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "metiers": ["MET_982"], "villes": [RENNES]},
     "expected": [r"Finitions, aménagement"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro, expert automobile, Auch",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "metiers": ["MET_886"], "villes": [AUCH]},
     "expected": [r"automobile|Maintenance des véhicules"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro, ébéniste, Bourges",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci8"], "metiers": ["MET_289"], "villes": [BOURGES]},
     "expected": [r"bois|agencement"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "STAV, viticulteur, Agen",
     "profile": {"classe": "terminale", "bac": "STAV", "specialites": [TT], "interets": ["ci3"], "metiers": ["MET_174"],
                 "villes": [AGEN]},
     "expected": [r"Viticulture"],
     "absurd": [PREPA_SCI, r"Infirmier", r"Comptabilité"]},
]
