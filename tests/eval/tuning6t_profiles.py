"""Tuning set 6t (issue 10, December, helper h3): written to TUNE the engine on its known weak spots, so its
figures say nothing about generalisation (held-out sets 6 and 7 do).

The weak spots: bac pro students offered a general licence where no fitting BTS is near, CPGE (TSI above all)
offered to bac pro students, and bac pro ASSP students whose interests are the child, the handicap or the
social field sent to nursing first. Each profile is a bac pro student as a counsellor meets them, with what
they expect (a BTS of their trade, a mention complémentaire, the social D.E) and what would be absurd for them.
Same format and scoring as tests/eval/heldout4_profiles.py.
"""
from __future__ import annotations

from tests.eval.heldout3_profiles import NOT_FOR_PRO
from tests.eval.heldout_profiles import town

AJACCIO, CORTE, MENDE, AURILLAC = town("Ajaccio", 41.93, 8.74), town("Corte", 42.31, 9.15), \
    town("Mende", 44.52, 3.50), town("Aurillac", 44.93, 2.44)
NIMES, ROUEN, LILLE, QUIMPER = town("Nîmes", 43.84, 4.36), town("Rouen", 49.44, 1.10), \
    town("Lille", 50.63, 3.06), town("Quimper", 48.00, -4.10)
CAYENNE, MAMOUDZOU, FOIX, METZ = town("Cayenne", 4.94, -52.33), town("Mamoudzou", -12.78, 45.23), \
    town("Foix", 42.97, 1.61), town("Metz", 49.12, 6.18)
TOULOUSE, BOURG, DIGNE, EPINAL = town("Toulouse", 43.60, 1.44), town("Bourg-en-Bresse", 46.21, 5.23), \
    town("Digne-les-Bains", 44.09, 6.24), town("Épinal", 48.17, 6.45)
LAON, SAINT_NAZAIRE, GRENOBLE, SAINT_FLOUR = town("Laon", 49.56, 3.62), town("Saint-Nazaire", 47.27, -2.21), \
    town("Grenoble", 45.19, 5.72), town("Saint-Flour", 45.03, 3.09)
GUERET, SAINT_PIERRE_RE, BOURGES, TARBES = town("Guéret", 46.17, 1.87), town("Saint-Pierre (La Réunion)", -21.34, 55.48), \
    town("Bourges", 47.08, 2.40), town("Tarbes", 43.23, 0.08)

SOCIAL_BTS = r"Service et prestation des secteurs sanitaire et social|Economie sociale familiale"

TUNING6T_PROFILES: list[dict] = [
    # --- bac pro where the fitting BTS are far or few: no general licence instead ---
    {"name": "bac pro MELEC, Ajaccio",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "domaines": ["dom31"], "villes": [AJACCIO]},
     "expected": [r"Electrotechnique"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro commerce, Corte",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci28"], "villes": [CORTE]},
     "expected": [r"Management Commercial Opérationnel|Négociation et digitalisation"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    {"name": "bac pro maintenance industrielle, Mende",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "domaines": ["dom34"],
                 "metiers": ["MET_866"], "villes": [MENDE]},
     "expected": [r"Maintenance des systèmes|Conception et Réalisation de Systèmes Automatiques|matériels"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro usinage, Aurillac",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7", "ci8"], "domaines": ["dom34", "dom21"],
                 "villes": [AURILLAC]},
     "expected": [r"Conception des processus|Conception de produits industriels|Maintenance des|chaudronnerie"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro systèmes numériques, Cayenne",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci27"], "domaines": ["dom32"],
                 "villes": [CAYENNE]},
     "expected": [r"Cybersécurité, Informatique et réseaux|Services informatiques aux organisations"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro AGORA, Mamoudzou",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci26"], "domaines": ["dom13"],
                 "villes": [MAMOUDZOU]},
     "expected": [r"Gestion de la PME|Support à l'action managériale|Comptabilité et gestion"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    {"name": "bac pro logistique, Foix",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom19"], "interets": ["ci26"], "villes": [FOIX]},
     "expected": [r"Gestion des transports et logistique"],
     "absurd": NOT_FOR_PRO + [r"Infirmier"]},
    {"name": "bac pro MELEC, électricien, Metz",
     "profile": {"classe": "terminale", "bac": "P", "metiers": ["MET_56"], "domaines": ["dom37"], "villes": [METZ]},
     "expected": [r"Electrotechnique"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro commerce, Saint-Flour",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci28", "ci15"], "villes": [SAINT_FLOUR]},
     "expected": [r"Management Commercial Opérationnel|Négociation et digitalisation"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    {"name": "bac pro gestion administration, Guéret",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci26", "ci29"], "villes": [GUERET]},
     "expected": [r"Gestion de la PME|Support à l'action managériale|Comptabilité et gestion"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    # --- bac pro industrial trades: no CPGE (TSI is for STI2D and STL) ---
    {"name": "bac pro aéronautique, Toulouse",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom34", "dom19"], "interets": ["ci7"],
                 "metiers": ["MET_23"], "villes": [TOULOUSE]},
     "expected": [r"Aéronautique"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro électrotechnique 15, ambitieux, Grenoble",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7", "ci27"], "domaines": ["dom31", "dom37"],
                 "moyenne": 15, "duree": "longue", "villes": [GRENOBLE]},
     "expected": [r"Electrotechnique", r"Electrotechnique|Génie électrique|Maintenance des systèmes"],
     "absurd": NOT_FOR_PRO + [r"Infirmier"]},
    {"name": "bac pro chaudronnerie, Saint-Nazaire",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom21"], "interets": ["ci7"],
                 "villes": [SAINT_NAZAIRE]},
     "expected": [r"chaudronnerie|Architectures en Métal|construction navale|soudage"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro menuiserie, Bourg-en-Bresse",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci8"], "metiers": ["MET_439"], "villes": [BOURG]},
     "expected": [r"Développement et Réalisation Bois|Systèmes constructifs bois|agencement"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro maintenance matériels, Laon",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7", "ci18"], "metiers": ["MET_324"],
                 "villes": [LAON]},
     "expected": [r"matériels agricoles|équipements agricoles|Maintenance des matériels|Maintenance des véhicules"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro cuisine, Digne",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci9"], "villes": [DIGNE]},
     "expected": [r"Management en hôtellerie restauration|Hôtellerie restauration|cuisine"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    {"name": "bac pro agricole, élevage, Aurillac",
     "profile": {"classe": "terminale", "bac": "PA", "interets": ["ci5", "ci3"], "domaines": ["dom2"],
                 "villes": [AURILLAC]},
     "expected": [r"Productions animales|Analyse, conduite et stratégie de l'entreprise agricole"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro agricole, forêt, Épinal",
     "profile": {"classe": "terminale", "bac": "PA", "interets": ["ci3"], "domaines": ["dom1"], "villes": [EPINAL]},
     "expected": [r"Gestion forestière"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    # --- bac pro ASSP: the social and child-care paths first, nursing when it is the wish ---
    {"name": "bac pro ASSP, petite enfance, Nîmes",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci1", "ci14"], "domaines": ["dom29"],
                 "villes": [NIMES]},
     "expected": [SOCIAL_BTS + r"|Educateur de Jeunes Enfants"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro ASSP, handicap, Rouen",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci14"], "domaines": ["dom29"],
                 "metiers": ["MET_311"], "villes": [ROUEN]},
     "expected": [r"Educateur Spécialisé|Carrières sociales|" + SOCIAL_BTS],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro ASSP, infirmière, Lille",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci13"], "metiers": ["MET_38"], "villes": [LILLE]},
     "expected": [r"D\.E Infirmier"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro ASSP, sans idée précise, Quimper",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci14", "ci15"], "villes": [QUIMPER]},
     "expected": [SOCIAL_BTS],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro ASSP, aide aux familles, Saint-Pierre (La Réunion)",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci14"], "domaines": ["dom29"],
                 "villes": [SAINT_PIERRE_RE]},
     "expected": [SOCIAL_BTS + r"|Carrières sociales"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro esthétique, Bourges",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom28"], "interets": ["ci15"], "villes": [BOURGES]},
     "expected": [r"esthétique"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro ASSP, personnes âgées, Tarbes",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci14", "ci13"], "domaines": ["dom29", "dom27"],
                 "villes": [TARBES]},
     "expected": [SOCIAL_BTS, r"Infirmier|" + SOCIAL_BTS],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
]
