"""Seventh held-out set (issue 10, December, helper h3): a control set, never used to tune the engine.

Written from the students' side after the bac pro rule of set 6t's session (licences, CPGE and écoles d'ingénieurs
last for a bac pro student, fit.HARD_FOR_KIND) and before the engine ran on it, so its figures say whether that
rule generalises: bac pro students in towns where their BTS is near or not, and other students around them.
Same format and scoring as tests/eval/heldout4_profiles.py; every expected formation was checked to exist near the
student in the catalogue. Change a pattern only when the catalogue renames a formation, never to follow the engine.
"""
from __future__ import annotations

from tests.eval.heldout3_profiles import IIDD, NOT_FOR_PRO, PREPA_SCI, STSS, TT
from tests.eval.heldout_profiles import GENERALE, HGGSP, MATHS, NSI, PC, SES, town

PERIGUEUX, MONTLUCON, CAHORS, ANGOULEME = town("Périgueux", 45.18, 0.72), town("Montluçon", 46.34, 2.60), \
    town("Cahors", 44.45, 1.44), town("Angoulême", 45.65, 0.16)
CHARTRES, BELFORT, PAU, VALENCE = town("Chartres", 48.45, 1.49), town("Belfort", 47.64, 6.86), \
    town("Pau", 43.30, -0.37), town("Valence", 44.93, 4.89)
RODEZ, NANTES, SAINT_LO, COGNAC = town("Rodez", 44.35, 2.57), town("Nantes", 47.22, -1.55), \
    town("Saint-Lô", 49.12, -1.09), town("Cognac", 45.70, -0.33)
METZ, LE_GOSIER = town("Metz", 49.12, 6.18), town("Le Gosier", 16.21, -61.49)

HELDOUT7_PROFILES: list[dict] = [
    {"name": "bac pro MELEC, Périgueux",
     "story": "Bac pro électricité à Périgueux, je veux continuer en BTS dans l'électricité.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "domaines": ["dom31"], "villes": [PERIGUEUX]},
     "expected": [r"Electrotechnique"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro commerce, Montluçon",
     "story": "Bac pro vente à Montluçon, je veux un BTS pour devenir responsable de rayon.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci28"], "domaines": ["dom12"],
                 "villes": [MONTLUCON]},
     "expected": [r"Management Commercial Opérationnel|Négociation et digitalisation"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    {"name": "bac pro maintenance auto, Cahors",
     "story": "Bac pro maintenance des véhicules à Cahors, je veux être technicien en garage.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7", "ci18"], "domaines": ["dom34"],
                 "villes": [CAHORS]},
     "expected": [r"Maintenance des véhicules|Motorisations toutes énergies"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro ASSP, Angoulême",
     "story": "Bac pro ASSP à Angoulême, je veux travailler auprès des personnes en difficulté.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci14"], "domaines": ["dom29"],
                 "villes": [ANGOULEME]},
     "expected": [r"Service et prestation des secteurs sanitaire et social|Economie sociale familiale"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro systèmes numériques, Chartres",
     "story": "Bac pro systèmes numériques à Chartres, je veux travailler dans les réseaux informatiques.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci27"], "domaines": ["dom32", "dom20"],
                 "villes": [CHARTRES]},
     "expected": [r"Cybersécurité, Informatique et réseaux|Services informatiques aux organisations"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro agricole, vigne, Cognac",
     "story": "Bac pro vigne et vin près de Cognac, je veux un BTSA pour travailler dans le cognac.",
     "profile": {"classe": "terminale", "bac": "PA", "interets": ["ci3"], "metiers": ["MET_174"],
                 "villes": [COGNAC]},
     "expected": [r"Viticulture-Oenologie"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "STI2D, énergie, Belfort",
     "story": "STI2D énergies et environnement à Belfort, je veux travailler dans l'énergie.",
     "profile": {"classe": "terminale", "bac": "STI2D", "specialites": [IIDD], "domaines": ["dom37"],
                 "villes": [BELFORT]},
     "expected": [r"Electrotechnique|Génie électrique|Fluide, énergie|Maintenance des systèmes|Efficacité Énergétiques"],
     "absurd": [r"Infirmier", r"Licence.*Droit", r"Coiffure", r"Economie sociale familiale"]},
    {"name": "général maths PC 16, ingénieur, Pau",
     "story": "Terminale maths physique à Pau, 16 de moyenne, je veux devenir ingénieure.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, PC], "moyenne": 16,
                 "metiers": ["MET_401"], "villes": [PAU]},
     "expected": [r"CPGE - (MPSI|PCSI|PTSI)|Ecole d'Ingénieur"],
     "absurd": [r"Coiffure", r"Comptabilité", r"Infirmier", r"Management Commercial"]},
    {"name": "STMG mercatique, commerce, Valence",
     "story": "STMG mercatique à Valence, j'aime vendre et convaincre.",
     "profile": {"classe": "terminale", "bac": "STMG", "specialites": ["Mercatique"], "interets": ["ci28"],
                 "villes": [VALENCE]},
     "expected": [r"Négociation et digitalisation|Management Commercial Opérationnel|Techniques de commercialisation"],
     "absurd": [PREPA_SCI, r"Infirmier", r"Electrotechnique"]},
    {"name": "ST2S, infirmière, Rodez",
     "story": "ST2S à Rodez, je veux être infirmière dans l'Aveyron.",
     "profile": {"classe": "terminale", "bac": "ST2S", "specialites": [STSS], "metiers": ["MET_38"],
                 "villes": [RODEZ]},
     "expected": [r"D\.E Infirmier"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Comptabilité", r"Maintenance des"]},
    {"name": "général SES HGGSP, urbaniste, Nantes",
     "story": "Terminale SES HGGSP à Nantes, je voudrais aménager les villes, urbaniste.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HGGSP], "metiers": ["MET_407"],
                 "villes": [NANTES]},
     "expected": [r"Géographie et aménagement|villes et territoires|Génie urbain"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Coiffure", r"Maintenance des"]},
    {"name": "STAV, élevage, Saint-Lô",
     "story": "STAV dans la Manche, mes parents élèvent des vaches, je veux reprendre la ferme.",
     "profile": {"classe": "terminale", "bac": "STAV", "specialites": [TT], "interets": ["ci5"],
                 "metiers": ["MET_547"], "villes": [SAINT_LO]},
     "expected": [r"Productions animales|Analyse, conduite et stratégie de l'entreprise agricole"],
     "absurd": [PREPA_SCI, r"Infirmier", r"DN MADE", r"Comptabilité et gestion"]},
    {"name": "général maths NSI 9, développeur, Metz",
     "story": "Terminale maths NSI à Metz, 9 de moyenne, je veux quand même devenir développeur.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, NSI], "moyenne": 9,
                 "metiers": ["MET_12"], "villes": [METZ]},
     "expected": [r"BUT - Informatique|Services informatiques aux organisations|Licence - Informatique"],
     "absurd": [r"Coiffure", r"Infirmier", r"Management Commercial", r"Comptabilité"]},
    {"name": "STHR, cuisine, Le Gosier",
     "story": "STHR en Guadeloupe, je veux devenir chef de cuisine.",
     "profile": {"classe": "terminale", "bac": "STHR", "metiers": ["MET_420"], "interets": ["ci9"],
                 "villes": [LE_GOSIER]},
     "expected": [r"Management en hôtellerie restauration"],
     "absurd": [PREPA_SCI, r"Infirmier", r"Electrotechnique", r"Licence.*Droit"]},
]
