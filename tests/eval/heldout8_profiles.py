"""Eighth held-out set (issue 10, December, helper h3): never used to tune the engine.

Written from the students' side before the engine ran on them, on the kinds of students the first seven sets
lack: seconde students with no bac chosen yet (and one première), students with one narrow interest and nothing
else, students in rural areas far from the big towns (Aubusson, Saint-Girons, Avallon, Gap, Figeac,
Saint-Laurent-du-Maroni), students who want short studies, sport (EPPCS, éducateur sportif), the arts (S2TMD
musique, arts plastiques, cinéma), languages, and students whose best subjects contradict their interests (maths
and physics but wanting to create, SES and HLP but wanting computing, STI2D but wanting to help people). The
profile has no field for a disability, so none is written here. Same format and scoring as
tests/eval/heldout4_profiles.py; every expected formation was checked to exist near the student in the
catalogue. Change a pattern only when the catalogue renames a formation, never to follow the engine.
"""
from __future__ import annotations

from tests.eval.heldout3_profiles import IIDD, MERCATIQUE, NOT_FOR_PRO, PREPA_SCI, STSS, TT
from tests.eval.heldout_profiles import ARTS_PLA, EPPCS, GENERALE, HGGSP, HLP, LLCE, MATHS, PC, SES, SVT, town

CAEN, LYON, SAINT_ETIENNE, BORDEAUX = town("Caen", 49.18, -0.37), town("Lyon", 45.76, 4.84), \
    town("Saint-Étienne", 45.44, 4.39), town("Bordeaux", 44.84, -0.58)
CLERMONT, LORIENT, NIORT, POITIERS = town("Clermont-Ferrand", 45.78, 3.08), town("Lorient", 47.75, -3.37), \
    town("Niort", 46.32, -0.46), town("Poitiers", 46.58, 0.34)
ARGENTAN, NANCY, AUBUSSON, SAINT_GIRONS = town("Argentan", 48.74, -0.02), town("Nancy", 48.69, 6.18), \
    town("Aubusson", 45.96, 2.17), town("Saint-Girons", 42.98, 1.15)
AVALLON, SAINT_LAURENT, GAP, FIGEAC = town("Avallon", 47.49, 3.91), town("Saint-Laurent-du-Maroni", 5.50, -54.03), \
    town("Gap", 44.56, 6.08), town("Figeac", 44.61, 2.03)
ANGERS, ORLEANS, ANNECY, VICHY = town("Angers", 47.47, -0.55), town("Orléans", 47.90, 1.90), \
    town("Annecy", 45.90, 6.13), town("Vichy", 46.13, 3.43)
CHAMBERY, TOURS, MARSEILLE, LILLE = town("Chambéry", 45.56, 5.92), town("Tours", 47.39, 0.69), \
    town("Marseille", 43.30, 5.37), town("Lille", 50.63, 3.06)
STRASBOURG, PERPIGNAN, NICE, NANTES = town("Strasbourg", 48.58, 7.75), town("Perpignan", 42.70, 2.90), \
    town("Nice", 43.70, 7.27), town("Nantes", 47.22, -1.55)
GRENOBLE, VALENCIENNES = town("Grenoble", 45.19, 5.72), town("Valenciennes", 50.36, 3.52)

CINEMA, PM, CSM = "Cinéma-Audiovisuel (CA)", "Pratique musicale (PM)", "Culture et sciences musicale (CSM)"
SOCIAL = r"Service et prestation des secteurs sanitaire et social|Economie sociale familiale|Carrières sociales|Educateur"

HELDOUT8_PROFILES: list[dict] = [
    # --- seconde (no bac chosen yet) and première ---
    {"name": "seconde, nouvelles technologies, Caen",
     "story": "Je suis en seconde à Caen, je ne sais pas encore quel bac, je passe mes soirées à coder.",
     "profile": {"classe": "seconde", "interets": ["ci27"], "villes": [CAEN]},
     "expected": [r"BUT - Informatique|Services informatiques aux organisations|Cybersécurité|Licence - Informatique"],
     "absurd": [r"Comptabilité", r"Coiffure", r"Infirmier", r"Licence - Droit"]},
    {"name": "seconde, kiné, Lyon",
     "story": "En seconde à Lyon, je veux devenir kiné, je ne sais pas quoi faire après le bac.",
     "profile": {"classe": "seconde", "metiers": ["MET_29"], "villes": [LYON]},
     "expected": [r"Parcours d'Accès Spécifique Santé|^Licence_Las|Activités Physiques et Sportives"],
     "absurd": [r"Comptabilité", r"Electrotechnique", r"Management Commercial", r"Licence - Droit"]},
    {"name": "seconde, vendre, études courtes, Saint-Étienne",
     "story": "Seconde à Saint-Étienne, je veux des études courtes et travailler vite dans la vente.",
     "profile": {"classe": "seconde", "interets": ["ci28"], "duree": "courte", "villes": [SAINT_ETIENNE]},
     "expected": [r"Management Commercial Opérationnel|Négociation et digitalisation|Techniques de commercialisation"],
     "absurd": [PREPA_SCI, r"École vétérinaire", r"^Licence \|", r"Infirmier"]},
    {"name": "première générale maths SES HGGSP, aucune idée, Bordeaux",
     "story": "Première à Bordeaux, maths SES HGGSP, je n'ai aucune idée de ce que je veux faire.",
     "profile": {"situation": "aucune_idee", "classe": "premiere", "bac": GENERALE, "specialites": [MATHS, SES, HGGSP],
                 "villes": [BORDEAUX]},
     "expected": [r"Licence - (Economie|Droit)|Sciences Po|CPGE - ECG|Gestion des entreprises"],
     "absurd": [r"Electrotechnique", r"Coiffure", r"Infirmier", r"Maintenance des"]},
    {"name": "seconde, artiste, Clermont-Ferrand",
     "story": "Seconde à Clermont, je dessine tout le temps et j'aime fabriquer des choses.",
     "profile": {"classe": "seconde", "interets": ["ci22", "ci8"], "villes": [CLERMONT]},
     "expected": [r"DN MADE", r"DN MADE|Arts plastiques|écoles supérieure d'art|Diplôme National d'Art"],
     "absurd": [r"Comptabilité", PREPA_SCI, r"Infirmier", r"Management Commercial"]},
    # --- one narrow interest and nothing else ---
    {"name": "bac pro, tourisme seulement, Lorient",
     "story": "Bac pro accueil à Lorient, le seul domaine qui me plaît c'est le tourisme.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom26"], "villes": [LORIENT]},
     "expected": [r"BTS - Services - Tourisme"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    {"name": "STMG, banque seulement, Niort",
     "story": "STMG à Niort, je veux travailler dans une banque ou une assurance, rien d'autre.",
     "profile": {"classe": "terminale", "bac": "STMG", "domaines": ["dom11"], "villes": [NIORT]},
     "expected": [r"Banque|Assurance"],
     "absurd": [PREPA_SCI, r"Infirmier", r"Electrotechnique", r"DN MADE"]},
    {"name": "général, faire respecter la loi, Poitiers",
     "story": "Terminale générale à Poitiers, ce qui m'attire c'est faire respecter la loi.",
     "profile": {"classe": "terminale", "bac": GENERALE, "interets": ["ci21"], "villes": [POITIERS]},
     "expected": [r"Licence - Droit|Carrières juridiques"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Coiffure", r"DN MADE"]},
    {"name": "bac pro agricole, élevage seulement, Argentan",
     "story": "Bac pro agricole près d'Argentan, pays du cheval, je veux rester dans l'élevage.",
     "profile": {"classe": "terminale", "bac": "PA", "domaines": ["dom2"], "villes": [ARGENTAN]},
     "expected": [r"Productions animales"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "STI2D, architecture seulement, Nancy",
     "story": "STI2D architecture et construction à Nancy, je ne veux faire que de l'architecture.",
     "profile": {"classe": "terminale", "bac": "STI2D", "specialites": [IIDD], "domaines": ["dom9"], "villes": [NANCY]},
     "expected": [r"Architecture|BTS - Production - Bâtiment|Etudes et économie de la construction|Génie civil"],
     "absurd": [r"Infirmier", r"Comptabilité", r"Coiffure", r"Licence - Droit"]},
    # --- rural, far from the big towns ---
    {"name": "bac pro agricole, forêt, Aubusson",
     "story": "Bac pro forêt dans la Creuse, je veux travailler en forêt, pas partir en ville.",
     "profile": {"classe": "terminale", "bac": "PA", "interets": ["ci3"], "domaines": ["dom1"], "villes": [AUBUSSON]},
     "expected": [r"Gestion forestière"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "général SVT PC, infirmière, Saint-Girons",
     "story": "Terminale SVT physique en Ariège, je veux être infirmière, pas trop loin de chez moi.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SVT, PC], "metiers": ["MET_38"],
                 "villes": [SAINT_GIRONS]},
     "expected": [r"D\.E Infirmier"],
     "absurd": [r"Electrotechnique", r"Comptabilité", r"Coiffure", r"Management Commercial"]},
    {"name": "STI2D, électricité, Avallon",
     "story": "STI2D dans l'Yonne, à Avallon, je veux travailler dans l'électricité.",
     "profile": {"classe": "terminale", "bac": "STI2D", "specialites": [IIDD], "domaines": ["dom31"],
                 "villes": [AVALLON]},
     "expected": [r"Electrotechnique|Génie électrique"],
     "absurd": [r"Infirmier", r"Licence - Droit", r"Coiffure", r"Comptabilité"]},
    {"name": "bac pro commerce, Saint-Laurent-du-Maroni",
     "story": "Bac pro commerce à Saint-Laurent-du-Maroni, je veux un BTS dans la vente.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci28"], "villes": [SAINT_LAURENT]},
     "expected": [r"Management Commercial Opérationnel|Négociation et digitalisation"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    {"name": "STAV, nature et montagne, Gap",
     "story": "STAV à Gap, je veux protéger la montagne et la nature.",
     "profile": {"classe": "terminale", "bac": "STAV", "specialites": [TT], "interets": ["ci3", "ci4"],
                 "villes": [GAP]},
     "expected": [r"Gestion et protection de la nature|Gestion forestière|Aménagements paysagers"],
     "absurd": [PREPA_SCI, r"Infirmier", r"Comptabilité", r"Management Commercial"]},
    {"name": "ST2S, social, Figeac",
     "story": "ST2S à Figeac dans le Lot, je veux aider les gens en difficulté.",
     "profile": {"classe": "terminale", "bac": "ST2S", "specialites": [STSS], "interets": ["ci14"],
                 "villes": [FIGEAC]},
     "expected": [SOCIAL],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Comptabilité", r"Maintenance des"]},
    # --- short studies ---
    {"name": "STMG, études courtes, organiser, Angers",
     "story": "STMG à Angers, je veux un bac+2 pour organiser, gérer des dossiers.",
     "profile": {"classe": "terminale", "bac": "STMG", "specialites": ["Gestion et Finance"], "interets": ["ci26"],
                 "duree": "courte", "villes": [ANGERS]},
     "expected": [r"Support à l'action managériale|Gestion de la PME|Gestion des entreprises et des administrations"],
     "absurd": [PREPA_SCI, r"^Licence \|", r"Infirmier", r"Electrotechnique"]},
    {"name": "général 10, études courtes, commerce, Orléans",
     "story": "Terminale SES anglais à Orléans, 10 de moyenne, je veux des études courtes, la vente me plaît.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, LLCE], "moyenne": 10,
                 "interets": ["ci28", "ci15"], "duree": "courte", "villes": [ORLEANS]},
     "expected": [r"Management Commercial Opérationnel|Négociation et digitalisation|Techniques de commercialisation"],
     "absurd": [r"^CPGE", r"Infirmier", r"Electrotechnique", r"École vétérinaire"]},
    {"name": "bac pro cuisine, vite et en alternance, Annecy",
     "story": "Bac pro cuisine à Annecy, je veux continuer vite, en apprentissage si possible.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci9"], "duree": "courte",
                 "alternance": "tres_interesse", "villes": [ANNECY]},
     "expected": [r"Management en hôtellerie restauration|Hôtellerie restauration|cuisine"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    # --- sport ---
    {"name": "général EPPCS SVT, sport, Vichy",
     "story": "Terminale EPPCS et SVT à Vichy, le sport c'est toute ma vie.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [EPPCS, SVT], "interets": ["ci16"],
                 "villes": [VICHY]},
     "expected": [r"Activités Physiques et Sportives", r"BPJEPS|Activités Physiques et Sportives"],
     "absurd": [r"Comptabilité", r"Electrotechnique", r"Coiffure", r"Management Commercial"]},
    {"name": "bac pro, éducateur sportif, Chambéry",
     "story": "Bac pro à Chambéry, je veux devenir éducateur sportif, moniteur en salle ou en club.",
     "profile": {"classe": "terminale", "bac": "P", "metiers": ["MET_783"], "villes": [CHAMBERY]},
     "expected": [r"BPJEPS"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Comptabilité"]},
    # --- arts ---
    {"name": "S2TMD musique, musicien, Tours",
     "story": "S2TMD instrument au conservatoire de Tours, je veux vivre de la musique.",
     "profile": {"classe": "terminale", "bac": "S2TMD", "specialites": [PM, CSM], "metiers": ["MET_6"],
                 "villes": [TOURS]},
     "expected": [r"Musicologie"],
     "absurd": [r"Comptabilité", r"Electrotechnique", r"Infirmier", PREPA_SCI]},
    {"name": "général arts plastiques HLP, Marseille",
     "story": "Terminale arts plastiques et HLP à Marseille, je veux faire une école d'art.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [ARTS_PLA, HLP], "interets": ["ci22"],
                 "villes": [MARSEILLE]},
     "expected": [r"DN MADE|écoles supérieure d'art", r"Arts plastiques|DN MADE|écoles supérieure d'art"],
     "absurd": [r"Comptabilité", PREPA_SCI, r"Electrotechnique", r"Infirmier"]},
    {"name": "général cinéma LLCE, envers du décor, Lille",
     "story": "Terminale cinéma-audiovisuel et anglais à Lille, je veux travailler sur des tournages.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [CINEMA, LLCE], "interets": ["ci23"],
                 "villes": [LILLE]},
     "expected": [r"audio-visuel|Cinéma|Arts du spectacle"],
     "absurd": [r"Comptabilité", PREPA_SCI, r"Electrotechnique", r"Infirmier"]},
    # --- languages ---
    {"name": "général LLCE HLP, langues, Strasbourg",
     "story": "Terminale LLCE anglais et HLP à Strasbourg, j'adore les langues et lire.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [LLCE, HLP], "interets": ["ci11", "ci24"],
                 "villes": [STRASBOURG]},
     "expected": [r"Langues, littératures et civilisations|Langues étrangères appliquées"],
     "absurd": [r"Electrotechnique", PREPA_SCI, r"Infirmier", r"Comptabilité"]},
    {"name": "STMG, langues et voyages, Perpignan",
     "story": "STMG mercatique à Perpignan, je parle espagnol et catalan, je veux voyager.",
     "profile": {"classe": "terminale", "bac": "STMG", "specialites": [MERCATIQUE], "interets": ["ci11", "ci10"],
                 "villes": [PERPIGNAN]},
     "expected": [r"Commerce International|BTS - Services - Tourisme|Langues étrangères appliquées"],
     "absurd": [PREPA_SCI, r"Infirmier", r"Electrotechnique", r"Coiffure"]},
    {"name": "bac pro accueil, langues, Nice",
     "story": "Bac pro accueil à Nice, je parle anglais et italien, j'aime accueillir les gens.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci11", "ci15"], "villes": [NICE]},
     "expected": [r"Tourisme|Commerce International|Management Commercial Opérationnel|Négociation et digitalisation"],
     "absurd": NOT_FOR_PRO + [r"Infirmier", r"Electrotechnique"]},
    # --- best subjects contradicting the interests ---
    {"name": "général maths PC 15, veut créer, Nantes",
     "story": "Terminale maths physique à Nantes, 15 de moyenne, mais moi ce que j'aime c'est créer.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, PC], "moyenne": 15,
                 "interets": ["ci22", "ci8"], "villes": [NANTES]},
     "expected": [r"DN MADE|Architecture|écoles supérieure d'art"],
     "absurd": [r"Infirmier", r"Comptabilité", r"Management Commercial", r"Coiffure"]},
    {"name": "général SES HLP, veut l'informatique, Grenoble",
     "story": "Terminale SES HLP à Grenoble, pas de maths en spé, mais je veux faire de l'informatique.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HLP], "interets": ["ci27"],
                 "domaines": ["dom32"], "villes": [GRENOBLE]},
     "expected": [r"Informatique|Mathématiques et informatique appliquées aux sciences humaines|Services informatiques"],
     "absurd": [r"Coiffure", r"Infirmier", r"Comptabilité", r"Licence - Droit"]},
    {"name": "STI2D, veut aider les autres, Valenciennes",
     "story": "STI2D à Valenciennes, mais ce qui me plaît vraiment c'est aider les autres, les enfants.",
     "profile": {"classe": "terminale", "bac": "STI2D", "specialites": [IIDD], "interets": ["ci14", "ci1"],
                 "villes": [VALENCIENNES]},
     "expected": [SOCIAL],
     "absurd": [PREPA_SCI, r"Comptabilité", r"Coiffure", r"Management Commercial"]},
]
