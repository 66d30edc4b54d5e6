"""Tenth held-out set (issue 10, December, helper h3): never used to tune the engine.

Written from the students' side before the engine ran on them (what a lycéen fills in the profile form today), on
the kinds sets 1–9 hold thinly: bac pro students by their field (commerce, gestion-administration, électricité,
maintenance auto, cuisine, ASSP, agricole, bâtiment) who want a BTS of their field or an apprenticeship; general
bac students with unusual spécialité pairs (NSI + SES, SVT + HGGSP, arts plastiques + maths, LLCER + SES); undecided
students who only ticked interests; students far from big towns (Creuse, Lozère, Corsica, Martinique, Guadeloupe);
strong students aiming high (prépa, IEP, école de commerce) and weak ones needing a safe next step; a métier only.
The bac pro field is said the only way the form allows when the set was written: by domains and interests.
Same format and scoring as tests/eval/heldout4_profiles.py; every expected formation was checked to exist near the
student in the catalogue, from its meaning, before looking at the engine's answers. Change a pattern only when the
catalogue renames a formation, never to follow the engine.
"""
from __future__ import annotations

from tests.eval.heldout_profiles import ARTS_PLA, GENERALE, HGGSP, HLP, LLCE, MATHS, NSI, PC, PREPA_SCI, SES, SVT, town
from tests.eval.heldout9_profiles import FAR_FROM_PRO

GUERET, AUBUSSON, LA_SOUTERRAINE = town("Guéret", 46.17, 1.87), town("Aubusson", 45.96, 2.17), \
    town("La Souterraine", 46.24, 1.49)
MENDE, MARVEJOLS = town("Mende", 44.52, 3.50), town("Marvejols", 44.55, 3.29)
AJACCIO, BASTIA, CORTE = town("Ajaccio", 41.93, 8.74), town("Bastia", 42.70, 9.45), town("Corte", 42.31, 9.15)
FORT_DE_FRANCE, LE_LAMENTIN = town("Fort-de-France", 14.60, -61.07), town("Le Lamentin", 14.61, -61.00)
POINTE_A_PITRE, BASSE_TERRE = town("Pointe-à-Pitre", 16.24, -61.53), town("Basse-Terre", 16.00, -61.73)
NANTES, LILLE, LYON, STRASBOURG = town("Nantes", 47.22, -1.55), town("Lille", 50.63, 3.06), town("Lyon", 45.76, 4.84), \
    town("Strasbourg", 48.58, 7.75)
MONTPELLIER, LIMOGES, GRENOBLE, DIJON = town("Montpellier", 43.61, 3.88), town("Limoges", 45.83, 1.26), \
    town("Grenoble", 45.19, 5.72), town("Dijon", 47.32, 5.04)
BORDEAUX, TOULOUSE, RENNES = town("Bordeaux", 44.84, -0.58), town("Toulouse", 43.60, 1.44), town("Rennes", 48.11, -1.68)

SALES_BTS = r"Management Commercial|Négociation et digitalisation"
OFFICE_BTS = r"Support à l'action managériale|Gestion de la PME"
SOCIAL_BTS = r"Service et prestation des secteurs sanitaire|Economie sociale familiale"
BUILDING_BTS = r"BTS.*(Bâtiment|Travaux publics|Management économique de la construction|Enveloppe des bâtiments)"

HELDOUT10_PROFILES: list[dict] = [
    # --- bac pro students by their field ---
    {"name": "bac pro commerce, BTS de vente, Guéret",
     "story": "Je suis en bac pro métiers du commerce et de la vente à Guéret, je veux un BTS pour devenir responsable "
              "de rayon.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom12"], "interets": ["ci28"], "villes": [GUERET]},
     "expected": [SALES_BTS],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Infirmier"]},
    {"name": "bac pro AGORA, BTS de bureau, Bastia",
     "story": "Bac pro assistance à la gestion des organisations (AGORA) à Bastia, j'aime organiser, je veux un BTS.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom13"], "interets": ["ci26"], "villes": [BASTIA]},
     "expected": [OFFICE_BTS],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro MELEC, BTS électrotechnique en alternance, Mende",
     "story": "Bac pro métiers de l'électricité à Mende, je veux le BTS électrotechnique en alternance.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom37"], "interets": ["ci7"],
                 "alternance": "tres_interesse", "villes": [MENDE]},
     "expected": [r"Electrotechnique"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro maintenance auto, apprentissage, Aubusson",
     "story": "Bac pro maintenance des véhicules à Aubusson. Je veux continuer en BTS en apprentissage, dans l'auto.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom34"], "interets": ["ci7", "ci18"],
                 "alternance": "tres_interesse", "villes": [AUBUSSON]},
     "expected": [r"Maintenance des véhicules"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Infirmier"]},
    {"name": "bac pro cuisine, BTS hôtellerie, Ajaccio",
     "story": "Bac pro cuisine à Ajaccio, je veux le BTS hôtellerie-restauration pour un jour ouvrir mon restaurant.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom24"], "interets": ["ci9"], "villes": [AJACCIO]},
     "expected": [r"Management en hôtellerie restauration"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Infirmier"]},
    {"name": "bac pro ASSP, soins, Fort-de-France",
     "story": "Bac pro ASSP (accompagnement, soins et services à la personne) à Fort-de-France, je veux soigner.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom27", "dom29"], "interets": ["ci13", "ci14"],
                 "villes": [FORT_DE_FRANCE]},
     "expected": [SOCIAL_BTS, r"D.E Infirmier"],
     "absurd": FAR_FROM_PRO[1:] + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro agricole CGEA, élevage, Marvejols",
     "story": "Bac pro conduite et gestion de l'entreprise agricole à Marvejols, je veux reprendre la ferme de mes "
              "parents, avec un BTSA.",
     "profile": {"classe": "terminale", "bac": "PA", "domaines": ["dom1", "dom2"], "villes": [MARVEJOLS]},
     "expected": [r"BTS - Agricole - (Analyse, conduite|Productions animales)"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro gros œuvre, BTS bâtiment, Pointe-à-Pitre",
     "story": "Bac pro technicien du bâtiment à Pointe-à-Pitre, je veux devenir chef de chantier avec un BTS.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom10"], "interets": ["ci7"],
                 "villes": [POINTE_A_PITRE]},
     "expected": [BUILDING_BTS],
     "absurd": FAR_FROM_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro vente, alternance, Corte",
     "story": "Bac pro vente à Corte, je veux un BTS en alternance pour être payé et rester en Corse.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom12"], "alternance": "tres_interesse",
                 "villes": [CORTE]},
     "expected": [SALES_BTS],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Infirmier"]},
    {"name": "bac pro électricité, BTS, Basse-Terre",
     "story": "Bac pro électricité à Basse-Terre, je veux un BTS dans l'électricité ou la climatisation.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom37", "dom31"], "villes": [BASSE_TERRE]},
     "expected": [r"Electrotechnique|Fluide, énergie"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro ASSP, petite enfance, La Souterraine",
     "story": "Bac pro ASSP à La Souterraine, j'aimerais travailler avec des enfants.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci1", "ci14"], "domaines": ["dom29"],
                 "villes": [LA_SOUTERRAINE]},
     "expected": [r"Educateur de Jeunes Enfants|" + SOCIAL_BTS],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro forêt, BTSA gestion forestière, Guéret",
     "story": "Bac pro forêt dans la Creuse, j'aime la nature, je veux le BTSA gestion forestière.",
     "profile": {"classe": "terminale", "bac": "PA", "domaines": ["dom1"], "interets": ["ci3"], "villes": [GUERET]},
     "expected": [r"Gestion forestière"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro cuisine, 10 de moyenne, Mende",
     "story": "Bac pro cuisine à Mende, 10 de moyenne. Est-ce que je peux quand même faire un BTS ?",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci9"], "moyenne": 10.0, "villes": [MENDE]},
     "expected": [r"Management en hôtellerie restauration"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Infirmier"]},
    # --- général: unusual spécialité pairs ---
    {"name": "général NSI SES, Nantes",
     "story": "Terminale générale NSI et SES à Nantes : l'informatique et l'économie, je ne veux pas choisir.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [NSI, SES], "villes": [NANTES]},
     "expected": [r"Mathématiques et informatique appliquées aux sciences humaines|Licence - Economie|"
                  r"BUT - (Informatique|Science des données)"],
     "absurd": [r"Coiffure", r"Maintenance des", r"Infirmier"]},
    {"name": "général SVT HGGSP, environnement, Lille",
     "story": "SVT et HGGSP à Lille, je m'intéresse au climat et à l'environnement.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SVT, HGGSP], "interets": ["ci4"],
                 "villes": [LILLE]},
     "expected": [r"Licence - (Géographie|Sciences de la vie|Sciences de la Terre|Sciences pour l'environnement)"],
     "absurd": [PREPA_SCI, r"Maintenance des", r"Comptabilité", r"Coiffure"]},
    {"name": "général arts plastiques maths, Lyon",
     "story": "Arts plastiques et maths à Lyon, j'aime dessiner et construire, peut-être l'architecture.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [ARTS_PLA, MATHS], "villes": [LYON]},
     "expected": [r"Architecture|DN MADE"],
     "absurd": [r"Coiffure", r"Comptabilité", r"Infirmier"]},
    {"name": "général LLCER SES, Strasbourg",
     "story": "LLCER anglais et SES à Strasbourg, je veux mélanger les langues et l'économie.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [LLCE, SES], "villes": [STRASBOURG]},
     "expected": [r"Langues étrangères appliquées|Commerce International"],
     "absurd": [PREPA_SCI, r"Maintenance des", r"Electrotechnique", r"Coiffure"]},
    {"name": "général HLP SVT, psychologie, Montpellier",
     "story": "HLP et SVT à Montpellier, ce qui m'intéresse c'est comment les gens pensent.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [HLP, SVT], "domaines": ["dom41"],
                 "villes": [MONTPELLIER]},
     "expected": [r"Licence - Psychologie"],
     "absurd": [PREPA_SCI, r"Maintenance des", r"Electrotechnique", r"Comptabilité"]},
    # --- undecided: only interests ---
    {"name": "seconde, les animaux et la nature, Limoges",
     "story": "Je suis en seconde à Limoges, je ne sais pas quoi faire, j'aime les animaux et la nature.",
     "profile": {"classe": "seconde", "situation": "aucune_idee", "interets": ["ci5", "ci3"], "villes": [LIMOGES]},
     "expected": [r"Productions animales|vétérinaire|Gestion et protection de la nature"],
     "absurd": [r"Comptabilité", r"Electrotechnique", r"Management Commercial"]},
    {"name": "terminale générale, aucune idée, aller vers les gens, Grenoble",
     "story": "Terminale générale à Grenoble, aucune idée. J'aime parler aux gens et communiquer.",
     "profile": {"classe": "terminale", "bac": GENERALE, "situation": "aucune_idee", "interets": ["ci15", "ci6"],
                 "villes": [GRENOBLE]},
     "expected": [r"Information communication|Information-communication|Techniques de commercialisation|"
                  r"Carrières sociales|Communication"],
     "absurd": [PREPA_SCI, r"Maintenance des", r"Electrotechnique"]},
    {"name": "première, chiffres et organisation, Dijon",
     "story": "En première à Dijon, aucune idée de métier, mais j'aime les chiffres et que tout soit bien rangé.",
     "profile": {"classe": "premiere", "situation": "aucune_idee", "interets": ["ci29", "ci26"], "villes": [DIJON]},
     "expected": [r"Comptabilité et gestion|Gestion des entreprises|Gestion administrative|Licence - Economie"],
     "absurd": [r"Coiffure", r"Maintenance des", r"Infirmier"]},
    # --- far from big towns ---
    {"name": "STMG, rester en Lozère, Mende",
     "story": "STMG à Mende, je ne veux pas partir loin, un BTS de gestion me va.",
     "profile": {"classe": "terminale", "bac": "STMG", "domaines": ["dom13"], "villes": [MENDE]},
     "expected": [r"Gestion de la PME|Support à l'action managériale|Comptabilité et gestion"],
     "absurd": [PREPA_SCI, r"Maintenance des", r"Electrotechnique", r"Infirmier"]},
    {"name": "général SES HGGSP, droit à Corte",
     "story": "SES HGGSP à Corte, je veux faire du droit à l'université de Corse.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HGGSP], "domaines": ["dom16"],
                 "villes": [CORTE]},
     "expected": [r"Licence - Droit"],
     "absurd": [PREPA_SCI, r"Maintenance des", r"Coiffure"]},
    {"name": "STI2D, rester en Martinique, Le Lamentin",
     "story": "STI2D au Lamentin, j'aime l'électricité et je veux rester en Martinique.",
     "profile": {"classe": "terminale", "bac": "STI2D", "domaines": ["dom31", "dom37"], "villes": [LE_LAMENTIN]},
     "expected": [r"Electrotechnique|Génie électrique"],
     "absurd": [r"Coiffure", r"Infirmier", r"Licence - Droit", r"Comptabilité"]},
    # --- strong students aiming high ---
    {"name": "général maths PC 18, prépa MPSI, Guéret",
     "story": "Maths PC à Guéret, 18 de moyenne, je veux une prépa scientifique même s'il faut partir.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, PC], "moyenne": 18.0,
                 "duree": "longue", "villes": [GUERET]},
     "expected": [r"CPGE - (MPSI|PCSI|MP2I)"],
     "absurd": [r"Coiffure", r"Maintenance des", r"^BTS \|"]},
    {"name": "général SES HGGSP 17, Sciences Po, Ajaccio",
     "story": "SES HGGSP à Ajaccio, 17 de moyenne, mon rêve c'est Sciences Po.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HGGSP], "moyenne": 17.0,
                 "domaines": ["dom16", "dom42"], "duree": "longue", "villes": [AJACCIO]},
     "expected": [r"Sciences Po / Instituts d'études politiques|Préparation au concours IEP"],
     "absurd": [r"Coiffure", r"Maintenance des", r"Electrotechnique"]},
    {"name": "général maths SES 17, école de commerce, Bordeaux",
     "story": "Maths SES à Bordeaux, 17 de moyenne, je vise une grande école de commerce.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, SES], "moyenne": 17.0,
                 "domaines": ["dom13", "dom42"], "duree": "longue", "villes": [BORDEAUX]},
     "expected": [r"CPGE - ECG"],
     "absurd": [r"Coiffure", r"Maintenance des", r"Electrotechnique"]},
    # --- weak students needing a safe next step ---
    {"name": "général SES HLP 9, aider les autres, Pointe-à-Pitre",
     "story": "SES HLP à Pointe-à-Pitre, 9 de moyenne, j'ai peur de ne rien avoir. J'aime aider les gens.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HLP], "moyenne": 9.0,
                 "interets": ["ci14"], "villes": [POINTE_A_PITRE]},
     "expected": [r"Carrières sociales|" + SOCIAL_BTS],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Maintenance des", r"Formation d'ingénieur"]},
    {"name": "STMG 9.5, Aubusson, un BTS sûr",
     "story": "STMG à Aubusson, 9,5 de moyenne, je veux un BTS pas trop loin où j'ai mes chances.",
     "profile": {"classe": "terminale", "bac": "STMG", "moyenne": 9.5, "duree": "courte", "villes": [AUBUSSON]},
     "expected": [r"Gestion de la PME|Management Commercial|Support à l'action managériale|Comptabilité et gestion"],
     "absurd": [r"^CPGE", r"Formation d'ingénieur", r"Electrotechnique", r"Licence - Mathématiques"]},
    # --- a métier only ---
    {"name": "seulement : géomètre-topographe, Toulouse",
     "story": "Je veux être géomètre, j'habite Toulouse.",
     "profile": {"metiers": ["MET_408"], "villes": [TOULOUSE]},
     "expected": [r"géomètre-topographe"],
     "absurd": [r"Coiffure", r"Infirmier", r"Comptabilité"]},
    {"name": "seulement : éducateur spécialisé, Rennes",
     "story": "Je veux devenir éducateur spécialisé, à Rennes.",
     "profile": {"metiers": ["MET_311"], "villes": [RENNES]},
     "expected": [r"Educateur Spécialisé|Carrières sociales Parcours éducation spécialisée"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Maintenance des"]},
    {"name": "seulement : comptable, Pointe-à-Pitre",
     "story": "Je veux être comptable et rester en Guadeloupe.",
     "profile": {"metiers": ["MET_11"], "villes": [POINTE_A_PITRE]},
     "expected": [r"Comptabilité et gestion"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Maintenance des", r"Infirmier"]},
]
