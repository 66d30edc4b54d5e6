"""Fifth held-out set (issue 10, December, helper h4): a small control set, never used to tune the engine.

Written from the students' side after the rule changes of set 4's session (diploma-type words and words no
ONISEP fiche uses, in the link of a formation to its ONISEP fiche) and before the engine ran on it, so its
figures say whether those changes generalise. Same format and scoring as tests/eval/heldout4_profiles.py.
Change a pattern only when the catalogue renames a formation, never to follow the engine.
"""
from __future__ import annotations

from tests.eval.heldout3_profiles import IIDD, NOT_FOR_PRO, PREPA_SCI, STSS
from tests.eval.heldout_profiles import GENERALE, HGGSP, HLP, LLCE, MATHS, PC, SES, SVT, town

CHATEAUROUX, BESANCON, LIMOGES, TROYES = town("Châteauroux", 46.81, 1.69), town("Besançon", 47.24, 6.02), \
    town("Limoges", 45.83, 1.26), town("Troyes", 48.30, 4.08)
ANGERS, POINTE_A_PITRE, GRENOBLE = town("Angers", 47.47, -0.55), town("Pointe-à-Pitre", 16.24, -61.53), \
    town("Grenoble", 45.19, 5.72)
STRASBOURG, TOULOUSE = town("Strasbourg", 48.58, 7.75), town("Toulouse", 43.60, 1.44)

HELDOUT5_PROFILES: list[dict] = [
    {"name": "ST2S, infirmier, Châteauroux",
     "story": "ST2S à Châteauroux, je veux être infirmier et rester dans l'Indre.",
     "profile": {"classe": "terminale", "bac": "ST2S", "specialites": [STSS], "metiers": ["MET_38"],
                 "villes": [CHATEAUROUX]},
     "expected": [r"D\.E Infirmier"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Comptabilité", r"Commercialisation des produits et services sportifs"]},
    {"name": "général SVT PC, sage-femme, Besançon",
     "story": "Terminale SVT physique-chimie à Besançon, je veux devenir sage-femme.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SVT, PC], "metiers": ["MET_787"],
                 "villes": [BESANCON]},
     "expected": [r"Parcours d'Accès Spécifique Santé|Accès Santé|L\.AS"],
     "absurd": [r"Comptabilité", r"Management Commercial", r"Electrotechnique", r"DN MADE"]},
    {"name": "bac pro MELEC, alternance, Limoges",
     "story": "Bac pro électricité à Limoges, je veux un BTS en apprentissage chez un artisan.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "metiers": ["MET_56"],
                 "alternance": "tres_interesse", "villes": [LIMOGES]},
     "expected": [r"Electrotechnique.*apprentissage"],
     "absurd": NOT_FOR_PRO + [r"Comptabilité", r"Infirmier"]},
    {"name": "STMG, organiser, assistante de direction, Troyes",
     "story": "STMG à Troyes, j'aime organiser, je me verrais assistante de direction.",
     "profile": {"classe": "terminale", "bac": "STMG", "interets": ["ci26"], "domaines": ["dom13"],
                 "villes": [TROYES]},
     "expected": [r"Support à l'action managériale|Gestion de la PME"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Infirmier"]},
    {"name": "général SES HLP, professeur des écoles, Angers",
     "story": "Terminale SES HLP à Angers, je veux être professeure des écoles.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HLP], "metiers": ["MET_557"],
                 "villes": [ANGERS]},
     "expected": [r"Sciences de l'éducation|professorat des écoles"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Comptabilité", r"Maintenance"]},
    {"name": "STI2D, électricité, Pointe-à-Pitre",
     "story": "STI2D en Guadeloupe, je veux travailler dans l'électricité sans partir.",
     "profile": {"classe": "terminale", "bac": "STI2D", "specialites": [IIDD], "domaines": ["dom37"],
                 "interets": ["ci7"], "villes": [POINTE_A_PITRE]},
     "expected": [r"Electrotechnique|BUT - Génie électrique"],
     "absurd": [r"Infirmier", r"Licence.*Droit", r"Coiffure", r"Economie sociale familiale"]},
    {"name": "général maths PC 15, chercheur en physique, Grenoble",
     "story": "Terminale maths physique à Grenoble, 15 de moyenne, je veux faire de la recherche en physique.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, PC], "metiers": ["MET_800"],
                 "moyenne": 15, "villes": [GRENOBLE]},
     "expected": [r"Licence - Physique|CPGE - PCSI|Licence - Sciences et technologies"],
     "absurd": [r"Comptabilité", r"Management Commercial", r"Infirmier", r"Coiffure"]},
    {"name": "général HGGSP LLCER, traductrice, Strasbourg",
     "story": "Terminale HGGSP anglais à Strasbourg, je veux être traductrice.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [HGGSP, LLCE], "metiers": ["MET_768"],
                 "villes": [STRASBOURG]},
     "expected": [r"Langues étrangères appliquées|Langues, littératures et civilisations étrangères"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Infirmier", r"Maintenance"]},
    {"name": "ST2S, psychomotricienne, Toulouse",
     "story": "ST2S à Toulouse, je veux devenir psychomotricienne.",
     "profile": {"classe": "terminale", "bac": "ST2S", "specialites": [STSS], "metiers": ["MET_876"],
                 "villes": [TOULOUSE]},
     "expected": [r"Psychomotricien|Parcours d'Accès Spécifique Santé|Accès Santé"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Comptabilité", r"Commercialisation des produits et services sportifs"]},
    {"name": "bac pro commerce, 10, études courtes, Troyes",
     "story": "Bac pro vente à Troyes, 10 de moyenne, je veux un BTS et vite travailler.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci28"], "moyenne": 10, "duree": "courte",
                 "villes": [TROYES]},
     "expected": [r"Management Commercial Opérationnel|Négociation et digitalisation"],
     "absurd": NOT_FOR_PRO + [r"Infirmier"]},
]
