"""Reference profiles written by the team: what an adviser would expect, and what would be absurd.

`expected` and `absurd` are regular expressions on formation labels (case-insensitive). recall@k is the
share of expected patterns found among the first k suggestions; the absurd rate is the share of the first
10 suggestions that match an absurd pattern. Used by tests/eval/test_reference_profiles.py and
bench/suggestions.py.
"""
from __future__ import annotations

import re

LILLE = {"nom": "Lille", "lat": 50.63, "lon": 3.06}
PARIS = {"nom": "Paris", "lat": 48.86, "lon": 2.35}
LYON = {"nom": "Lyon", "lat": 45.76, "lon": 4.84}
MARSEILLE = {"nom": "Marseille", "lat": 43.30, "lon": 5.37}
RENNES = {"nom": "Rennes", "lat": 48.11, "lon": -1.68}
BORDEAUX = {"nom": "Bordeaux", "lat": 44.84, "lon": -0.58}
TOULOUSE = {"nom": "Toulouse", "lat": 43.60, "lon": 1.44}
NANTES = {"nom": "Nantes", "lat": 47.22, "lon": -1.55}
STRASBOURG = {"nom": "Strasbourg", "lat": 48.58, "lon": 7.75}
CLERMONT = {"nom": "Clermont-Ferrand", "lat": 45.78, "lon": 3.08}
GUERET = {"nom": "Guéret", "lat": 46.17, "lon": 1.87}

GENERAL = "Générale"
MATHS, PC, SVT, SES, NSI = ("Mathématiques", "Physique-Chimie (PC)", "Sciences de la vie et de la Terre (SVT)",
                            "Sciences Economiques et Sociales (SES)", "Numérique et Sciences Informatiques (NSI)")
HGGSP, HLP, LLCE = ("Histoire-Géographie, Géopolitique et Sciences politiques (HGGSP)",
                    "Humanités, Littérature et Philosophie (HLP)",
                    "Langues, littératures et cultures étrangères et régionales (LLCE)")
NO_PREPA_FOR_PRO = [r"^CPGE", r"Parcours d'Accès Spécifique Santé", r"Formation d'ingénieur|École d'ingénieurs"]

REFERENCE_PROFILES: list[dict] = [
    {"name": "bac pro, aime vendre, Lille",
     "profile": {"bac": "P", "interets": ["ci28"], "villes": [LILLE]},
     "expected": [r"Management Commercial Opérationnel", r"Négociation et digitalisation"],
     "absurd": NO_PREPA_FOR_PRO},
    {"name": "général maths NSI, nouvelles technologies, Rennes",
     "profile": {"bac": GENERAL, "specialites": [MATHS, NSI], "interets": ["ci27"], "villes": [RENNES]},
     "expected": [r"^BUT - Informatique", r"Licence.*Informatique", r"CPGE - (MP2I|MPSI)"],
     "absurd": [r"Infirmier", r"Licence.*Lettres", r"Coiffure", r"hôtellerie"]},
    {"name": "STMG, jongler avec les chiffres, Lyon",
     "profile": {"bac": "STMG", "interets": ["ci29"], "villes": [LYON]},
     "expected": [r"Comptabilité et gestion", r"Gestion des entreprises et des administrations|Diplôme de Comptabilité"],
     "absurd": [r"CPGE - (MPSI|PCSI|MP2I)", r"Parcours d'Accès Spécifique Santé"]},
    {"name": "ST2S, soigner, Marseille",
     "profile": {"bac": "ST2S", "interets": ["ci13"], "villes": [MARSEILLE]},
     "expected": [r"D\.E Infirmier", r"Service et prestation des secteurs sanitaire et social|Analyses de biologie médicale"],
     "absurd": [r"CPGE - (MPSI|PCSI)", r"Formation d'ingénieur|École d'ingénieurs", r"Electrotechnique"]},
    {"name": "général SVT PC, santé, études longues, Paris",
     "profile": {"bac": GENERAL, "specialites": [SVT, PC], "domaines": ["dom27"], "duree": "longue", "villes": [PARIS]},
     "expected": [r"Parcours d'Accès Spécifique Santé", r"Accès Santé|L\.AS|Sciences pour la santé"],
     "absurd": [r"Electrotechnique", r"CPGE - ECG", r"Management Commercial"]},
    {"name": "général SES HGGSP, faire respecter la loi, Bordeaux",
     "profile": {"bac": GENERAL, "specialites": [SES, HGGSP], "interets": ["ci21"], "villes": [BORDEAUX]},
     "expected": [r"Licence.*Droit", r"Sciences politiques|Science politique|Sciences Po"],
     "absurd": [r"Electrotechnique", r"CPGE - (PTSI|MPSI)", r"Infirmier"]},
    {"name": "général HLP LLCE, langues, Toulouse",
     "profile": {"bac": GENERAL, "specialites": [HLP, LLCE], "interets": ["ci11"], "villes": [TOULOUSE]},
     "expected": [r"Langues, littératures et civilisations|LLCER", r"Langues étrangères appliquées"],
     "absurd": [r"Maintenance", r"CPGE - (MPSI|PCSI)", r"Electrotechnique"]},
    {"name": "STI2D, bricoler, études courtes, Nantes",
     "profile": {"bac": "STI2D", "interets": ["ci7"], "duree": "courte", "villes": [NANTES]},
     "expected": [r"BTS.*(Electrotechnique|Maintenance)", r"BUT - (Génie électrique|Génie mécanique|Génie industriel)"],
     "absurd": [r"Psychologie", r"Parcours d'Accès Spécifique Santé", r"Licence.*Lettres"]},
    {"name": "STAV, nature, Clermont-Ferrand",
     "profile": {"bac": "STAV", "interets": ["ci3"], "villes": [CLERMONT]},
     "expected": [r"BTS - Agricole"],
     "absurd": [r"CPGE - ECG", r"Licence.*Droit", r"Management Commercial"]},
    {"name": "STHR, cuisiner, Lyon",
     "profile": {"bac": "STHR", "interets": ["ci9"], "villes": [LYON]},
     "expected": [r"Management en hôtellerie restauration"],
     "absurd": [r"CPGE - (MPSI|PCSI)", r"Licence.*Mathématiques", r"Restauration de mobilier|Conservation-restauration"]},
    {"name": "STD2A, être artiste, Paris",
     "profile": {"bac": "STD2A", "interets": ["ci22"], "villes": [PARIS]},
     "expected": [r"^DN MADE"],
     "absurd": [r"Comptabilité", r"CPGE - (PCSI|MPSI)", r"Infirmier"]},
    {"name": "général maths PC, études longues, 17 de moyenne, Paris",
     "profile": {"bac": GENERAL, "specialites": [MATHS, PC], "duree": "longue", "moyenne": 17, "villes": [PARIS]},
     "expected": [r"CPGE - (MPSI|PCSI|MP2I|PTSI)", r"Formation d'ingénieur|École d'ingénieurs|C\.M\.I|CUPGE", r"Licence.*(Physique|Mathématiques)"],
     "absurd": [r"Management Commercial", r"Coiffure", r"BPJEPS"]},
    {"name": "général maths SES, vendre, études longues, Lyon",
     "profile": {"bac": GENERAL, "specialites": [MATHS, SES], "interets": ["ci28"], "duree": "longue", "villes": [LYON]},
     "expected": [r"CPGE - ECG|écoles de commerce", r"Licence.*(Economie|Gestion)"],
     "absurd": [r"Electrotechnique", r"Infirmier", r"DN MADE"]},
    {"name": "seconde, sport",
     "profile": {"classe": "seconde", "interets": ["ci16"]},
     "expected": [r"Sciences et Techniques des Activités Physiques|STAPS", r"BPJEPS|DEUST|DEJEPS"],
     "absurd": [r"CPGE - (MPSI|ECG)", r"Comptabilité"]},
    {"name": "only a town: Strasbourg",
     "profile": {"villes": [STRASBOURG]},
     "expected": [r"Droit", r"Infirmier", r"Management Commercial|Comptabilité"],
     "absurd": [r"^FCIL", r"Mise à niveau"]},
    {"name": "only spécialités: maths NSI",
     "profile": {"bac": GENERAL, "specialites": [MATHS, NSI]},
     "expected": [r"^BUT - Informatique", r"Licence.*Informatique"],
     "absurd": [r"Infirmier", r"DN MADE", r"Lettres"]},
    {"name": "empty profile",
     "profile": {},
     "expected": [r"Droit", r"D\.E Infirmier", r"BTS - Services - Management Commercial"],
     "absurd": [r"^FCIL", r"Mise à niveau", r"Diplôme d'Université"]},
    {"name": "bac pro, métier mécanicien moto, Guéret",
     "profile": {"bac": "P", "metiers": ["MET_22"], "villes": [GUERET]},
     "expected": [r"Maintenance des véhicules|Maintenance des matériels|motocycles"],
     "absurd": NO_PREPA_FOR_PRO + [r"Licence"]},
    {"name": "only a métier: infirmier",
     "profile": {"metiers": ["MET_38"]},
     "expected": [r"D\.E Infirmier"],
     "absurd": [r"Electrotechnique", r"CPGE - ECG", r"Comptabilité"]},
    {"name": "métier développeur informatique, STMG, Lille",
     "profile": {"bac": "STMG", "metiers": ["MET_12"], "villes": [LILLE]},
     "expected": [r"Services informatiques aux organisations", r"^BUT - Informatique"],
     "absurd": [r"CPGE - (MPSI|MP2I)", r"Infirmier", r"Lettres"]},
    {"name": "STAV, élevage, Rennes",
     "profile": {"bac": "STAV", "domaines": ["dom2"], "villes": [RENNES]},
     "expected": [r"BTS - Agricole - (Productions animales|Analyse, conduite)"],
     "absurd": [r"CPGE - ECG", r"Licence.*Droit", r"Comptabilité"]},
    {"name": "STMG, sport, Bordeaux",
     "profile": {"bac": "STMG", "domaines": ["dom25"], "villes": [BORDEAUX]},
     "expected": [r"Sciences et Techniques des Activités Physiques|STAPS", r"BPJEPS|DEUST"],
     "absurd": [r"Parcours d'Accès Spécifique Santé", r"CPGE - (MPSI|PCSI)"]},
    {"name": "ST2S, social, Lille",
     "profile": {"bac": "ST2S", "domaines": ["dom29"], "villes": [LILLE]},
     "expected": [r"Educateur Spécialisé|Assistant de Service Social", r"Carrières sociales|Economie sociale familiale"],
     "absurd": [r"CPGE", r"Formation d'ingénieur|École d'ingénieurs", r"Electrotechnique"]},
    {"name": "bac pro, informatique, Toulouse",
     "profile": {"bac": "P", "domaines": ["dom32"], "villes": [TOULOUSE]},
     "expected": [r"Services informatiques aux organisations|Cybersécurité, Informatique et réseaux"],
     "absurd": NO_PREPA_FOR_PRO},
    {"name": "général HGGSP SES, communiquer, Rennes",
     "profile": {"bac": GENERAL, "specialites": [HGGSP, SES], "interets": ["ci6"], "villes": [RENNES]},
     "expected": [r"Information communication|Information et communication", r"Sciences politiques|Science politique"],
     "absurd": [r"Electrotechnique", r"CPGE - (MPSI|PCSI)"]},
    {"name": "bac pro, commerce, très intéressé par l'alternance, Marseille",
     "profile": {"bac": "P", "domaines": ["dom12"], "alternance": "tres_interesse", "villes": [MARSEILLE]},
     "expected": [r"Management Commercial Opérationnel.*apprenti|Négociation.*apprenti"],
     "absurd": NO_PREPA_FOR_PRO},
    {"name": "ST2S, santé, 10 de moyenne, Lyon",
     "profile": {"bac": "ST2S", "domaines": ["dom27"], "moyenne": 10, "villes": [LYON]},
     "expected": [r"D\.E Infirmier"],
     "absurd": [r"CPGE", r"Formation d'ingénieur|École d'ingénieurs"]},
    {"name": "général SVT, animaux, Toulouse",
     "profile": {"bac": GENERAL, "specialites": [SVT, PC], "interets": ["ci5"], "villes": [TOULOUSE]},
     "expected": [r"vétérinaire|BCPST|Productions animales|Biologie|Sciences de la vie"],
     "absurd": [r"Comptabilité", r"Management Commercial", r"Electrotechnique"]},
]


def _matches(patterns, label: str) -> list[bool]:
    return [bool(re.search(p, label, re.I)) for p in patterns]


def evaluate(run) -> dict:
    """run(profile dict) -> ranked list of formation labels. Returns recall@10, recall@20, absurd rate."""
    recall10 = recall20 = absurd = shown = 0.0
    details = []
    for case in REFERENCE_PROFILES:
        labels = run(case["profile"])
        found10 = [any(re.search(p, lab, re.I) for lab in labels[:10]) for p in case["expected"]]
        found20 = [any(re.search(p, lab, re.I) for lab in labels[:20]) for p in case["expected"]]
        bad = [lab for lab in labels[:10] if any(_matches(case["absurd"], lab))]
        recall10 += sum(found10) / len(found10)
        recall20 += sum(found20) / len(found20)
        absurd += len(bad)
        shown += len(labels[:10])
        details.append((case["name"], sum(found10), sum(found20), len(found10), bad, len(labels)))
    n = len(REFERENCE_PROFILES)
    return {"recall@10": recall10 / n, "recall@20": recall20 / n, "absurd_rate": absurd / shown if shown else 0.0,
            "profiles": n, "details": details}
