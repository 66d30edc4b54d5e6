"""Ninth held-out set (issue 10, December, helper h5): never used to tune the engine.

Written from the students' side before the engine ran on them (what a lycéen fills in the profile form), on the
kinds of students sets 1–8 lack or hold once: bac pro students who want to teach (lycée professionnel, école
primaire, their trade), who want to go on in their field or work quickly, in apprenticeship; STAV, ST2S, STHR,
STI2D and S2TMD students with a métier in mind; Réunion, Guyane and Mayotte; a student who wants to stay near home
in a small town and one who wants to leave for Paris; weak marks and medicine; sport only; a student with a
disability who needs a place near home (the profile has no field for it: only the town says it); very short
profiles (one item) and contradictory ones. Same format and scoring as tests/eval/heldout4_profiles.py; every
expected formation was checked to exist near the student in the catalogue, from its meaning, before looking at
the engine's answers. Change a pattern only when the catalogue renames a formation, never to follow the engine.
"""
from __future__ import annotations

from tests.eval.heldout3_profiles import PREPA_SCI, STSS
from tests.eval.heldout_profiles import EPPCS, GENERALE, HGGSP, HLP, LLCE, MATHS, PC, SES, SVT, town

LYON, RENNES, LILLE, NANCY = town("Lyon", 45.76, 4.84), town("Rennes", 48.11, -1.68), town("Lille", 50.63, 3.06), \
    town("Nancy", 48.69, 6.18)
TOULON, LIMOGES, QUIMPER, AUBENAS = town("Toulon", 43.12, 5.93), town("Limoges", 45.83, 1.26), \
    town("Quimper", 48.00, -4.10), town("Aubenas", 44.62, 4.39)
PARIS, MONT_DE_MARSAN, TOULOUSE, ANGERS = town("Paris", 48.86, 2.35), town("Mont-de-Marsan", 43.89, -0.50), \
    town("Toulouse", 43.60, 1.44), town("Angers", 47.47, -0.55)
SAINT_BENOIT, LE_PORT, SAINT_PAUL = town("Saint-Benoît", -21.03, 55.71), town("Le Port", -20.94, 55.29), \
    town("Saint-Paul", -21.01, 55.27)
SAINT_PIERRE_RE, KOUROU, MAMOUDZOU = town("Saint-Pierre", -21.34, 55.48), town("Kourou", 5.16, -52.65), \
    town("Mamoudzou", -12.78, 45.23)
BORDEAUX, DIJON, MONTPELLIER = town("Bordeaux", 44.84, -0.58), town("Dijon", 47.32, 5.04), \
    town("Montpellier", 43.61, 3.88)

PM, CSM = "Pratique musicale (PM)", "Culture et sciences musicale (CSM)"
CINEMA = "Cinéma-Audiovisuel (CA)"
PROF_LP, PROF_ECOLES, PROF_MUSIQUE, PROF_AGRI = "MET_431", "MET_557", "MET_293", "MET_423"
EDUCATION = r"Sciences de l'éducation"
YOUNG_CHILDREN = r"Educateur de Jeunes Enfants|Carrières sociales|Service et prestation des secteurs sanitaire|" \
                 r"Economie sociale familiale"
FAR_FROM_PRO = [r"^CPGE", r"Parcours d'Accès Spécifique Santé", r"Formation d'ingénieur|écoles? d'ingénieurs"]

HELDOUT9_PROFILES: list[dict] = [
    # --- bac pro students who want to teach ---
    {"name": "bac pro MELEC, professeur de lycée pro, Lyon",
     "story": "Bac pro électricité à Lyon. Plus tard je voudrais être prof d'électricité en lycée pro, comme le mien.",
     "profile": {"classe": "terminale", "bac": "P", "metiers": [PROF_LP], "interets": ["ci2"], "villes": [LYON]},
     "expected": [r"Electrotechnique|Maintenance des systèmes|Fluide, énergie|Conception et Réalisation de Systèmes"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"DN MADE"]},
    {"name": "bac pro ASSP, professeure des écoles, Rennes",
     "story": "Je suis en bac pro ASSP à Rennes, mon rêve c'est d'être maîtresse en maternelle.",
     "profile": {"classe": "terminale", "bac": "P", "metiers": [PROF_ECOLES], "interets": ["ci1", "ci2"],
                 "villes": [RENNES]},
     "expected": [YOUNG_CHILDREN, EDUCATION],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro commerce, enseigner seulement, Lille",
     "story": "Bac pro commerce à Lille. Ce que j'aimerais vraiment, c'est enseigner.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci2"], "villes": [LILLE]},
     "expected": [EDUCATION + r"|Educateur|Carrières sociales|BPJEPS - Spécialité [Aa]nimateur"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique"]},
    {"name": "bac pro agricole, prof en lycée agricole, Mont-de-Marsan",
     "story": "Bac pro agricole (CGEA) dans les Landes, j'aimerais transmettre et devenir prof en lycée agricole.",
     "profile": {"classe": "terminale", "bac": "PA", "metiers": [PROF_AGRI], "domaines": ["dom1"],
                 "villes": [MONT_DE_MARSAN]},
     "expected": [r"BTS - Agricole - (Analyse, conduite|Agronomie|Productions animales|Développement, animation)"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    # --- bac pro: on in the field, quickly, in apprenticeship ---
    {"name": "bac pro plomberie chauffage, BTS dans ma branche, Nancy",
     "story": "Bac pro installateur en chauffage et plomberie à Nancy, je veux continuer en BTS dans ma branche.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom10", "dom37"], "interets": ["ci7"],
                 "villes": [NANCY]},
     "expected": [r"Fluide, énergie, domotique"],
     "absurd": FAR_FROM_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro sécurité, gardien de la paix, Toulon",
     "story": "Bac pro métiers de la sécurité à Toulon, je veux passer le concours de gardien de la paix.",
     "profile": {"classe": "terminale", "bac": "P", "metiers": ["MET_336"], "domaines": ["dom45"], "villes": [TOULON]},
     "expected": [r"Management opérationnel de la sécurité|concours de la sécurité|Métiers de la sécurité"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"DN MADE"]},
    {"name": "bac pro gestion administration, travailler vite, Saint-Benoît",
     "story": "Bac pro AGORA à Saint-Benoît (La Réunion), je veux un diplôme court et travailler vite.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom13"], "duree": "courte",
                 "villes": [SAINT_BENOIT]},
     "expected": [r"Support à l'action managériale|Gestion de la PME|Comptabilité et gestion"],
     "absurd": FAR_FROM_PRO + [r"Infirmier", r"Electrotechnique"]},
    {"name": "bac pro maintenance auto, apprentissage, Le Port",
     "story": "Bac pro maintenance des véhicules au Port, je veux un BTS en apprentissage pour être payé.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom34"], "alternance": "tres_interesse",
                 "interets": ["ci7"], "villes": [LE_PORT]},
     "expected": [r"Maintenance des véhicules"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Comptabilité"]},
    {"name": "bac pro restauration, hôtellerie, Saint-Paul",
     "story": "Bac pro commercialisation et services en restauration à Saint-Paul, je veux continuer dans l'hôtellerie.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom24"], "villes": [SAINT_PAUL]},
     "expected": [r"Management en hôtellerie restauration|Mise à niveau - Hôtellerie"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Infirmier"]},
    {"name": "bac pro systèmes numériques, Kourou",
     "story": "Bac pro CIEL à Kourou, j'aime l'informatique et les réseaux, je voudrais rester en Guyane.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom32"], "interets": ["ci27"], "villes": [KOUROU]},
     "expected": [r"Services informatiques aux organisations|Cybersécurité, Informatique"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Infirmier"]},
    # --- technological séries with a métier or a field in mind ---
    {"name": "ST2S, infirmière, Mamoudzou",
     "story": "Terminale ST2S à Mamoudzou, je veux être infirmière et rester à Mayotte.",
     "profile": {"classe": "terminale", "bac": "ST2S", "specialites": [STSS], "metiers": ["MET_38"],
                 "villes": [MAMOUDZOU]},
     "expected": [r"D.E Infirmier", r"Service et prestation des secteurs sanitaire"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Comptabilité", r"DN MADE"]},
    {"name": "ST2S, professeure des écoles, Lille",
     "story": "ST2S à Lille, je veux devenir professeure des écoles.",
     "profile": {"classe": "terminale", "bac": "ST2S", "metiers": [PROF_ECOLES], "villes": [LILLE]},
     "expected": [EDUCATION, r"Educateur de Jeunes Enfants|Carrières sociales"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Maintenance des"]},
    {"name": "STAV, prof en lycée agricole, Toulouse",
     "story": "STAV à Toulouse, j'aimerais enseigner l'agronomie dans un lycée agricole.",
     "profile": {"classe": "terminale", "bac": "STAV", "metiers": [PROF_AGRI], "villes": [TOULOUSE]},
     "expected": [r"BTS - Agricole - (Agronomie|Analyse, conduite|Productions animales)|Génie biologique Parcours agronomie"],
     "absurd": [PREPA_SCI, r"Coiffure", r"Comptabilité", r"Infirmier"]},
    {"name": "STHR, partir à Paris, hôtellerie",
     "story": "STHR en province, je veux partir à Paris pour travailler dans les grands hôtels.",
     "profile": {"classe": "terminale", "bac": "STHR", "domaines": ["dom24"], "villes": [PARIS]},
     "expected": [r"Management en hôtellerie restauration"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Infirmier"]},
    {"name": "STI2D, énergies renouvelables, Saint-Pierre (La Réunion)",
     "story": "STI2D à Saint-Pierre, le solaire et les énergies renouvelables m'intéressent.",
     "profile": {"classe": "terminale", "bac": "STI2D", "domaines": ["dom37", "dom38"], "villes": [SAINT_PIERRE_RE]},
     "expected": [r"Electrotechnique|Fluide, énergie|Maintenance des systèmes|énergies renouvelables"],
     "absurd": [r"Coiffure", r"Infirmier", r"Licence - Droit", r"Comptabilité"]},
    {"name": "S2TMD musique, professeur de musique, Montpellier",
     "story": "S2TMD musique à Montpellier, je voudrais enseigner la musique.",
     "profile": {"classe": "terminale", "bac": "S2TMD", "specialites": [PM, CSM], "metiers": [PROF_MUSIQUE],
                 "villes": [MONTPELLIER]},
     "expected": [r"Musicologie"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Comptabilité", r"Infirmier"]},
    {"name": "STMG, Kourou, tourisme",
     "story": "STMG à Kourou, je veux travailler dans le tourisme en Guyane.",
     "profile": {"classe": "terminale", "bac": "STMG", "domaines": ["dom26"], "villes": [KOUROU]},
     "expected": [r"BTS - Services - Tourisme"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Infirmier"]},
    # --- général: places, marks, ambitions ---
    {"name": "général SVT PC 8, médecine, Limoges",
     "story": "Général SVT PC à Limoges, 8 de moyenne, je veux faire médecine quand même.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SVT, PC], "metiers": ["MET_869"],
                 "moyenne": 8.0, "villes": [LIMOGES]},
     "expected": [r"Parcours d'Accès Spécifique Santé|^Licence_Las",
                  r"D.E Infirmier|Analyses de biologie médicale|Bioanalyses|manipulat"],
     "absurd": [r"Electrotechnique", r"Comptabilité", r"Coiffure", r"DN MADE"]},
    {"name": "général SES HGGSP, droit, Mamoudzou",
     "story": "Terminale générale SES HGGSP à Mamoudzou, je veux faire du droit sans quitter Mayotte.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HGGSP], "domaines": ["dom16"],
                 "villes": [MAMOUDZOU]},
     "expected": [r"Licence - Droit"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Coiffure"]},
    {"name": "général CA HLP, partir à Paris, cinéma",
     "story": "Spécialités cinéma et HLP à Limoges, je veux partir à Paris pour faire du cinéma.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [CINEMA, HLP], "domaines": ["dom6"],
                 "villes": [PARIS]},
     "expected": [r"Licence - Cinéma|Cinéma et Audiovisuel|Arts du spectacle", r"Métiers de l'audio-visuel"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Comptabilité", r"Infirmier"]},
    {"name": "général maths SES, rester près de chez moi, Aubenas",
     "story": "Général maths SES à Aubenas, je ne veux pas partir loin de chez moi.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, SES], "villes": [AUBENAS]},
     "expected": [r"Comptabilité et gestion|Gestion de la PME|Management Commercial|Négociation et digitalisation"],
     "absurd": [r"Coiffure", r"Electrotechnique", r"Maintenance des"]},
    {"name": "général EPPCS SVT, sport seulement, Toulon",
     "story": "Général EPPCS SVT à Toulon, la seule chose qui m'intéresse c'est le sport.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [EPPCS, SVT], "domaines": ["dom25"],
                 "villes": [TOULON]},
     "expected": [r"Activités Physiques et Sportives", r"BPJEPS|DEUST"],
     "absurd": [PREPA_SCI, r"Comptabilité", r"Electrotechnique", r"Coiffure"]},
    {"name": "général maths NSI, handicap, lieu proche, Quimper",
     "story": "Je suis en fauteuil, à Quimper, maths NSI : il me faut une formation près de chez moi, en informatique.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, "Numérique et Sciences Informatiques (NSI)"],
                 "interets": ["ci27"], "villes": [QUIMPER]},
     "expected": [r"Services informatiques aux organisations|Licence - Informatique|BUT - Informatique|Cybersécurité"],
     "absurd": [r"Coiffure", r"Infirmier", r"Licence - Droit"]},
    # --- very short profiles: one item only ---
    {"name": "seulement : écrire ou lire",
     "story": "Je n'ai coché qu'une chose : j'aime écrire et lire.",
     "profile": {"interets": ["ci24"]},
     "expected": [r"Licence - Lettres|Information communication|Edition|Métiers du livre|CPGE - Lettres"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Maintenance des", r"Comptabilité"]},
    {"name": "seulement : sciences de la Terre, général",
     "story": "Bac général, le seul domaine que j'ai choisi : les sciences de la Terre et de l'univers.",
     "profile": {"bac": GENERALE, "domaines": ["dom36"]},
     "expected": [r"Sciences de la [Tt]erre|Géologie|BCPST|Physique"],
     "absurd": [r"Coiffure", r"Comptabilité", r"Management Commercial"]},
    {"name": "seulement : un métier, professeur des écoles",
     "story": "Je sais juste que je veux être professeur des écoles.",
     "profile": {"metiers": [PROF_ECOLES]},
     "expected": [EDUCATION],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Maintenance des"]},
    {"name": "seulement : bac pro et Dijon",
     "story": "Bac pro à Dijon, je n'ai rien rempli d'autre.",
     "profile": {"bac": "P", "villes": [DIJON]},
     "expected": [r"^BTS \|"],
     "absurd": FAR_FROM_PRO + [r"^Licence \|"]},
    # --- contradictory profiles ---
    {"name": "bac pro cuisine, veut soigner, Angers",
     "story": "Bac pro cuisine à Angers, mais en fait je voudrais travailler à l'hôpital et soigner.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci13"], "villes": [ANGERS]},
     "expected": [r"D.E Infirmier|Service et prestation des secteurs sanitaire|Diététique"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique"]},
    {"name": "général maths PC 17, études courtes et alternance, Bordeaux",
     "story": "J'ai 17 en maths PC à Bordeaux, mais je veux des études courtes, en alternance, et vite un salaire.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, PC], "moyenne": 17.0,
                 "duree": "courte", "alternance": "tres_interesse", "villes": [BORDEAUX]},
     "expected": [r"^BUT \|", r"^BTS \|"],
     "absurd": [r"Coiffure", r"École vétérinaire", r"Formations Bac \+ 5"]},
    {"name": "général LLCE HLP, langues, mais études courtes et commerce, Lyon",
     "story": "LLCE HLP à Lyon, j'adore les langues, mais je veux des études courtes et vendre.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [LLCE, HLP], "interets": ["ci11", "ci28"],
                 "duree": "courte", "villes": [LYON]},
     "expected": [r"Commerce International|Tourisme|Négociation et digitalisation|Management Commercial"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Maintenance des", r"Infirmier"]},
]
