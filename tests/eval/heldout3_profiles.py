"""Third held-out set (issue 10, December, helper h3): never used to tune the engine.

Written from the students' side before running the engine on them, as a guidance counsellor would: who
they are, in their words, then what the counsellor expects in their first 10 suggestions and what would be
absurd. Same format and scoring as tests/eval/heldout_profiles.py (patterns over "family | label",
tests/eval/scoring.py). It leans on what the first two sets found weakest: bac pro students and their
continuations (BTS, apprenticeship, mentions complémentaires), every technological série, students led by
a métier whose word is in no formation label (vétérinaire, pilote, kiné, avocat, game designer, ingénieur
du son), rural students far from big towns, students who want short studies, girls strong in maths (open
horizons: nothing steering them to « girls' » formations) and low and high moyennes. Change a pattern only
when the catalogue renames a formation, never to follow the engine.
"""
from __future__ import annotations

from tests.eval.heldout_profiles import (EPPCS, GENERALE, HGGSP, HLP, LLCE, MATHS, NSI, PC, SES, SISP, SVT,
                                         ARTS_PLA, town)

MAURIAC, LANGRES, FLORAC, LA_SOUTERRAINE = town("Mauriac", 45.22, 2.33), town("Langres", 47.86, 5.33), \
    town("Florac", 44.32, 3.59), town("La Souterraine", 46.24, 1.49)
CHATEAUROUX, BOURGES, ROUEN, TOULOUSE = town("Châteauroux", 46.81, 1.69), town("Bourges", 47.08, 2.40), \
    town("Rouen", 49.44, 1.10), town("Toulouse", 43.60, 1.44)
GRENOBLE, TOURS, AMIENS, DIJON = town("Grenoble", 45.19, 5.72), town("Tours", 47.39, 0.69), \
    town("Amiens", 49.89, 2.30), town("Dijon", 47.32, 5.04)
EPINAL, PERPIGNAN, BORDEAUX, RENNES = town("Épinal", 48.17, 6.45), town("Perpignan", 42.70, 2.90), \
    town("Bordeaux", 44.84, -0.58), town("Rennes", 48.11, -1.68)
LILLE, LYON, CLERMONT, STRASBOURG = town("Lille", 50.63, 3.06), town("Lyon", 45.76, 4.84), \
    town("Clermont-Ferrand", 45.78, 3.08), town("Strasbourg", 48.58, 7.75)
BREST, PARIS, MONTPELLIER, LE_MANS = town("Brest", 48.39, -4.49), town("Paris", 48.86, 2.35), \
    town("Montpellier", 43.61, 3.88), town("Le Mans", 48.00, 0.20)
VANNES, NANTES, CHARLEVILLE, ALBI = town("Vannes", 47.66, -2.76), town("Nantes", 47.22, -1.55), \
    town("Charleville-Mézières", 49.77, 4.72), town("Albi", 43.93, 2.15)

SPCL, BBB = "Sciences physiques et chimiques en laboratoire (SPCL)", "Biochimie-Biologie-Biotechnologie (BBB)"
GF, MERCATIQUE, RHC = "Gestion et Finance", "Mercatique", "Ressources humaines et communication (RHC)"
IIDD, CCDMA = "Ingénierie, innovation et développement durable (IIDD)", \
    "Conception et création en design et métiers d'art (CCDMA)"
STSS, STES = "Sciences et techniques sanitaires et sociales (STSS)", \
    "Sciences et technologies culinaires et services-ESAE (STES)"
TT = "Territoires et technologie (TT)"

PREPA_SCI = r"CPGE - (MPSI|PCSI|MP2I|PTSI)"
ENGINEERING = r"Formation d'ingénieur|Ecole d'Ingénieur|écoles? d'ingénieurs"
NOT_FOR_PRO = [r"^CPGE", r"Parcours d'Accès Spécifique Santé", ENGINEERING, r"^Licence \|"]
# Steering a girl strong in maths to care, beauty or secretarial work would be the bias the issue names.
STEERED = [r"esthétique|Coiffure", r"Educateur de Jeunes Enfants", r"Support à l'action managériale",
           r"Service et prestation des secteurs sanitaire et social", r"Métiers de la mode"]

HELDOUT3_PROFILES: list[dict] = [
    # --- bac pro: continuations to BTS, apprenticeship, mentions complémentaires ---
    {"name": "bac pro MELEC, apprentissage, études courtes, Mauriac",
     "story": "Bac pro électricité à Mauriac (Cantal). Je veux un BTS en alternance, pas plus de deux ans.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci7"], "alternance": "tres_interesse",
                 "duree": "courte", "villes": [MAURIAC]},
     "expected": [r"Electrotechnique.*apprenti",
                  r"Fluide, énergie|Maintenance des systèmes|Conception et réalisation de systèmes automatiques"
                  r"|Contrôle industriel|Electrotechnique"],
     "absurd": NOT_FOR_PRO + [r"Comptabilité", r"Droit"]},
    {"name": "bac pro AGORA, secrétariat, alternance, La Souterraine",
     "story": "Bac pro AGORA en Creuse, j'aime organiser, je veux un BTS en apprentissage dans une PME.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci26"], "domaines": ["dom13"],
                 "alternance": "tres_interesse", "villes": [LA_SOUTERRAINE]},
     "expected": [r"(Gestion de la PME|Support à l'action managériale).*apprenti",
                  r"Gestion de la PME|Support à l'action managériale|Comptabilité et gestion"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique"]},
    {"name": "bac pro maintenance matériels agricoles, Florac",
     "story": "Bac pro maintenance des matériels agricoles en Lozère, je veux réparer les tracteurs.",
     "profile": {"classe": "terminale", "bac": "P", "metiers": ["MET_324"], "interets": ["ci7"],
                 "villes": [FLORAC]},
     "expected": [r"matériels agricoles|Maintenance des matériels|Génie des équipements agricoles"],
     "absurd": NOT_FOR_PRO + [r"Comptabilité", r"Droit", r"Psychologie"]},
    {"name": "bac pro logistique, Châteauroux",
     "story": "Bac pro logistique à Châteauroux, je veux continuer dans le transport.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom19"], "villes": [CHATEAUROUX]},
     "expected": [r"Gestion des transports et logistique"],
     "absurd": NOT_FOR_PRO + [r"Infirmier"]},
    {"name": "bac pro cuisine, mention complémentaire, Dijon",
     "story": "Bac pro cuisine à Dijon, je veux une année de plus pour me spécialiser avant de travailler.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci9"], "duree": "courte", "villes": [DIJON]},
     "expected": [r"Mention complémentaire|Management en hôtellerie restauration",
                  r"Management en hôtellerie restauration|Mention complémentaire|FCIL"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro usinage, alternance, Le Mans",
     "story": "Bac pro technicien en réalisation de produits mécaniques au Mans, j'aimerais l'alternance.",
     "profile": {"classe": "terminale", "bac": "P", "interets": ["ci8"], "domaines": ["dom34"],
                 "alternance": "interesse", "villes": [LE_MANS]},
     "expected": [r"Conception des processus de réalisation|Conception des produits industriels"
                  r"|Conception et industrialisation en microtechniques|Maintenance des systèmes",
                  r"BTS.*apprenti"],
     "absurd": NOT_FOR_PRO + [r"Droit", r"Infirmier"]},
    {"name": "bac pro métiers de la mode, Lyon",
     "story": "Bac pro métiers de la couture et de la confection à Lyon, je veux continuer dans la mode.",
     "profile": {"classe": "terminale", "bac": "P", "metiers": ["MET_25"], "interets": ["ci8"],
                 "villes": [LYON]},
     "expected": [r"Métiers de la mode"],
     "absurd": NOT_FOR_PRO + [r"Electrotechnique", r"Comptabilité"]},
    {"name": "bac pro commerce, 15 de moyenne, ambitieux, Lille",
     "story": "Bac pro commerce à Lille avec 15 de moyenne, je veux viser un BUT.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom12"], "interets": ["ci28"], "moyenne": 15,
                 "villes": [LILLE]},
     "expected": [r"Négociation et digitalisation|Management Commercial Opérationnel",
                  r"BUT - Techniques de commercialisation|Négociation et digitalisation|Management Commercial"],
     "absurd": [r"^CPGE", r"Parcours d'Accès Spécifique Santé", ENGINEERING, r"Infirmier"]},
    {"name": "bac pro CIEL, réseaux, Vannes",
     "story": "Bac pro cybersécurité, informatique et réseaux à Vannes, je veux être technicien réseaux.",
     "profile": {"classe": "terminale", "bac": "P", "domaines": ["dom32"], "interets": ["ci27"],
                 "villes": [VANNES]},
     "expected": [r"Cybersécurité, Informatique et réseaux|Services informatiques aux organisations"
                  r"|Systèmes numériques"],
     "absurd": NOT_FOR_PRO + [r"Comptabilité", r"esthétique"]},
    {"name": "bac pro agricole, paysagiste, Albi",
     "story": "Bac pro aménagements paysagers près d'Albi, je veux créer des jardins.",
     "profile": {"classe": "terminale", "bac": "PA", "metiers": ["MET_197"], "interets": ["ci3"],
                 "villes": [ALBI]},
     "expected": [r"Aménagements paysagers"],
     "absurd": NOT_FOR_PRO + [r"Management Commercial", r"Comptabilité"]},
    {"name": "bac pro aéronautique, mécanicien avion, Bordeaux",
     "story": "Bac pro aéronautique à Bordeaux, je veux entretenir des avions.",
     "profile": {"classe": "terminale", "bac": "P", "metiers": ["MET_23"], "villes": [BORDEAUX]},
     "expected": [r"Aéronautique"],
     "absurd": NOT_FOR_PRO + [r"Comptabilité", r"Psychologie"]},
    # --- technological séries ---
    {"name": "STD2A, ébéniste, Épinal",
     "story": "Terminale STD2A près d'Épinal, j'aime le bois et les objets, je veux devenir ébéniste.",
     "profile": {"classe": "terminale", "bac": "STD2A", "specialites": [CCDMA], "metiers": ["MET_289"],
                 "villes": [EPINAL]},
     "expected": [r"DN MADE", r"DN MADE|Développement et Réalisation Bois|Métiers d'art|ébénist"],
     "absurd": [PREPA_SCI, r"Comptabilité", r"Infirmier"]},
    {"name": "STL SPCL, chimie, Grenoble",
     "story": "Terminale STL physique-chimie à Grenoble, j'aime les manips en labo.",
     "profile": {"classe": "terminale", "bac": "STL", "specialites": [SPCL], "interets": ["ci19"],
                 "villes": [GRENOBLE]},
     "expected": [r"BUT - (Chimie|Mesures physiques)", r"Métiers de la chimie|Pilotage de procédés|CPGE - TPC"
                                                       r"|BUT - (Chimie|Mesures physiques|Génie chimique)"],
     "absurd": [r"Comptabilité", r"Management Commercial", r"Licence.*Droit", r"DN MADE"]},
    {"name": "STL BBB, 9 de moyenne, Amiens",
     "story": "STL biotechnologies à Amiens, 9 de moyenne, j'aimerais travailler dans un labo d'analyses.",
     "profile": {"classe": "terminale", "bac": "STL", "specialites": [BBB], "moyenne": 9, "villes": [AMIENS]},
     "expected": [r"Analyses de biologie médicale|Bioanalyses et contrôles|Biotechnologies|Bioqualité"],
     "absurd": [r"^CPGE", r"Comptabilité", r"Management Commercial", r"Licence.*Droit"]},
    {"name": "STMG gestion finance, comptable, Rouen",
     "story": "STMG gestion et finance à Rouen, j'aime les chiffres, je me vois comptable.",
     "profile": {"classe": "terminale", "bac": "STMG", "specialites": [GF], "interets": ["ci29"],
                 "metiers": ["MET_11"], "villes": [ROUEN]},
     "expected": [r"Comptabilité et gestion", r"Gestion des entreprises et des administrations|Diplôme de "
                                              r"Comptabilité et de Gestion|CPGE - ECT"],
     "absurd": [PREPA_SCI, r"Infirmier", r"DN MADE", r"Electrotechnique"]},
    {"name": "STMG mercatique, alternance, Tours",
     "story": "STMG mercatique à Tours, je veux être commercial et travailler en alternance tout de suite.",
     "profile": {"classe": "terminale", "bac": "STMG", "specialites": [MERCATIQUE], "alternance": "tres_interesse",
                 "domaines": ["dom12"], "villes": [TOURS]},
     "expected": [r"(Négociation et digitalisation|Management Commercial Opérationnel).*apprenti",
                  r"BUT - Techniques de commercialisation|Négociation et digitalisation|Management Commercial"],
     "absurd": [PREPA_SCI, r"Infirmier", r"DN MADE", r"Electrotechnique"]},
    {"name": "STMG RHC, seconde idée: social, Charleville",
     "story": "STMG ressources humaines à Charleville-Mézières, je veux travailler dans les RH d'une entreprise.",
     "profile": {"classe": "terminale", "bac": "STMG", "specialites": [RHC], "domaines": ["dom13"],
                 "interets": ["ci15"], "villes": [CHARLEVILLE]},
     "expected": [r"Support à l'action managériale|Gestion de la PME",
                  r"Gestion des entreprises et des administrations|Gestion administrative et commerciale"
                  r"|Support à l'action managériale|Gestion de la PME"],
     "absurd": [PREPA_SCI, r"Infirmier", r"Electrotechnique"]},
    {"name": "STI2D, architecte, Tours",
     "story": "STI2D architecture et construction à Tours, je veux devenir architecte.",
     "profile": {"classe": "terminale", "bac": "STI2D", "specialites": [IIDD], "metiers": ["MET_161"],
                 "villes": [TOURS]},
     "expected": [r"architecture", r"BUT - Génie civil|Bâtiment|Travaux publics|Etudes et économie de la construction"],
     "absurd": [r"Psychologie", r"Licence.*Droit", r"Infirmier"]},
    {"name": "STI2D, énergies renouvelables, Perpignan",
     "story": "STI2D énergies et environnement à Perpignan, je veux travailler dans le solaire.",
     "profile": {"classe": "terminale", "bac": "STI2D", "specialites": [IIDD], "domaines": ["dom37"],
                 "interets": ["ci4"], "villes": [PERPIGNAN]},
     "expected": [r"Fluide, énergie|Electrotechnique|transition et de l'efficacité énergétiques|Génie thermique"
                  r"|Maintenance des systèmes"],
     "absurd": [r"Psychologie", r"Licence.*Droit", r"Comptabilité"]},
    {"name": "ST2S, infirmière, Amiens",
     "story": "ST2S à Amiens, je veux être infirmière.",
     "profile": {"classe": "terminale", "bac": "ST2S", "specialites": [STSS], "metiers": ["MET_38"],
                 "villes": [AMIENS]},
     "expected": [r"Infirmier"],
     "absurd": [PREPA_SCI, ENGINEERING, r"Electrotechnique", r"Comptabilité"]},
    {"name": "STHR, cuisine, Dijon",
     "story": "STHR à Dijon, j'adore la cuisine, je veux un jour ouvrir mon restaurant.",
     "profile": {"classe": "terminale", "bac": "STHR", "specialites": [STES], "interets": ["ci9"],
                 "villes": [DIJON]},
     "expected": [r"Management en hôtellerie restauration"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Infirmier", r"Licence.*Droit"]},
    {"name": "STAV, forêt, Langres",
     "story": "STAV en Haute-Marne, j'aime la forêt et je veux y travailler.",
     "profile": {"classe": "terminale", "bac": "STAV", "specialites": [TT], "metiers": ["MET_290"],
                 "interets": ["ci3"], "villes": [LANGRES]},
     "expected": [r"Gestion forestière"],
     "absurd": [r"CPGE - ECG", r"Licence.*Droit", r"DN MADE", r"Comptabilité"]},
    # --- métier-led: the métier word is in no formation label ---
    {"name": "général SVT PC, vétérinaire, 16, Toulouse",
     "story": "Terminale générale SVT physique-chimie à Toulouse, 16 de moyenne, je veux être vétérinaire.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SVT, PC], "metiers": ["MET_171"],
                 "moyenne": 16, "villes": [TOULOUSE]},
     "expected": [r"vétérinaires", r"CPGE - BCPST"],
     "absurd": [r"Comptabilité", r"Management Commercial", r"Electrotechnique", r"Licence.*Droit"]},
    {"name": "général maths PC, pilote de ligne, Bordeaux",
     "story": "Terminale maths physique à Bordeaux, je rêve d'être pilote de ligne.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, PC], "metiers": ["MET_400"],
                 "villes": [BORDEAUX]},
     "expected": [PREPA_SCI + r"|Aéronautique|" + ENGINEERING],
     "absurd": [r"Comptabilité", r"Infirmier", r"Coiffure", r"DN MADE"]},
    {"name": "général SVT EPPCS, kiné, Rennes",
     "story": "Terminale SVT et EPPCS à Rennes, je veux devenir kiné.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SVT, EPPCS], "metiers": ["MET_29"],
                 "villes": [RENNES]},
     "expected": [r"Parcours d'Accès Spécifique Santé|Accès Santé|L\.AS|kinésithérap",
                  r"STAPS|Parcours d'Accès Spécifique Santé|Accès Santé|kinésithérap"],
     "absurd": [r"Comptabilité", r"Management Commercial", r"Electrotechnique", r"DN MADE"]},
    {"name": "général SES HGGSP, avocat, Lille",
     "story": "Terminale SES HGGSP à Lille, je veux être avocate.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HGGSP], "metiers": ["MET_33"],
                 "villes": [LILLE]},
     "expected": [r"Licence.*Droit", r"Droit|Sciences politiques|Instituts? d'études politiques|Carrières juridiques"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Infirmier", r"DN MADE"]},
    {"name": "général maths NSI, game designer, Montpellier",
     "story": "Terminale maths NSI à Montpellier, je veux créer des jeux vidéo (game designer).",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, NSI], "metiers": ["MET_885"],
                 "villes": [MONTPELLIER]},
     "expected": [r"BUT - (Informatique|Métiers du multimédia)", r"Licence.*Informatique|BUT - Informatique"
                                                                r"|Métiers du multimédia|jeu"],
     "absurd": [r"Infirmier", r"Coiffure", r"Licence.*Droit", r"Comptabilité"]},
    {"name": "général maths PC musique, ingénieur du son, Lyon",
     "story": "Terminale maths physique et musique à Lyon, je veux être ingénieur du son.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [PC, "Musique"], "metiers": ["MET_585"],
                 "villes": [LYON]},
     "expected": [r"audiovisuel|Métiers de l'audio", r"Musicologie|Musique|Métiers du multimédia|audiovisuel"
                                                     r"|Mesures physiques|Arts"],
     "absurd": [r"Comptabilité", r"Infirmier", r"Coiffure", r"Licence.*Droit"]},
    {"name": "général arts plastiques, animation 2D 3D, Strasbourg",
     "story": "Terminale arts plastiques à Strasbourg, je veux faire du dessin animé.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [ARTS_PLA, LLCE], "metiers": ["MET_778"],
                 "villes": [STRASBOURG]},
     "expected": [r"DN MADE|écoles supérieure d'art|Arts plastiques|Métiers du multimédia"],
     "absurd": [r"Comptabilité", PREPA_SCI, r"Electrotechnique", r"Infirmier"]},
    # --- girls strong in maths: open horizons ---
    {"name": "fille maths NSI 17, pas d'idée, Clermont-Ferrand",
     "story": "Je suis en terminale maths NSI à Clermont, 17 de moyenne, je ne sais pas encore ce que je veux.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, NSI], "moyenne": 17,
                 "villes": [CLERMONT]},
     "expected": [r"CPGE - (MP2I|MPSI)", r"BUT - Informatique|Licence.*(Informatique|Mathématiques)|" + ENGINEERING],
     "absurd": STEERED},
    {"name": "fille maths SES 16, économie, Strasbourg",
     "story": "Terminale maths SES à Strasbourg, 16 de moyenne, j'aime l'économie et les chiffres.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [MATHS, SES], "moyenne": 16,
                 "interets": ["ci29"], "villes": [STRASBOURG]},
     "expected": [r"CPGE - ECG|Licence.*(Economie|MIASHS|Mathématiques)",
                  r"Economie|MIASHS|CPGE - ECG|Statistique|Sciences des données"],
     "absurd": STEERED},
    {"name": "fille première maths PC SI, énergie, Brest",
     "story": "Je suis en première maths physique SI à Brest, bonne en maths, l'énergie m'intéresse.",
     "profile": {"classe": "premiere", "bac": GENERALE, "specialites": [MATHS, PC, SISP], "domaines": ["dom37"],
                 "moyenne": 15, "villes": [BREST]},
     "expected": [PREPA_SCI + r"|" + ENGINEERING + r"|BUT - (Génie électrique|Mesures physiques|Génie thermique"
                  r"|Métiers de la transition)"],
     "absurd": STEERED},
    # --- rural, short studies, low and high moyennes ---
    {"name": "général SES HLP, 10, études courtes, commerce, Florac",
     "story": "Terminale SES HLP en Lozère, 10 de moyenne, je veux des études courtes, dans la vente.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SES, HLP], "moyenne": 10,
                 "duree": "courte", "domaines": ["dom12"], "villes": [FLORAC]},
     "expected": [r"Négociation et digitalisation|Management Commercial Opérationnel|Techniques de commercialisation"],
     "absurd": [r"^CPGE", ENGINEERING, r"Electrotechnique"]},
    {"name": "STMG, 9, études courtes, La Souterraine",
     "story": "STMG en Creuse, 9 de moyenne, je veux un diplôme en deux ans et travailler.",
     "profile": {"classe": "terminale", "bac": "STMG", "moyenne": 9, "duree": "courte", "villes": [LA_SOUTERRAINE]},
     "expected": [r"Gestion de la PME|Support à l'action managériale|Comptabilité et gestion"
                  r"|Management Commercial Opérationnel|Négociation et digitalisation"],
     "absurd": [r"^CPGE", ENGINEERING, r"Parcours d'Accès Spécifique Santé"]},
    {"name": "général SVT SES 17, médecine, Bourges",
     "story": "Terminale SVT SES à Bourges, 17 de moyenne, je veux être médecin.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [SVT, SES], "moyenne": 17,
                 "interets": ["ci13"], "villes": [BOURGES]},
     "expected": [r"Parcours d'Accès Spécifique Santé", r"Accès Santé|L\.AS|Sciences de la vie"],
     "absurd": [r"Comptabilité", r"Management Commercial", r"Electrotechnique", r"BPJEPS"]},
    {"name": "général HGGSP SES 16, politique, Paris",
     "story": "Terminale HGGSP SES à Paris, 16 de moyenne, la politique et les relations internationales me passionnent.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [HGGSP, SES], "moyenne": 16,
                 "domaines": ["dom39", "dom16"], "villes": [PARIS]},
     "expected": [r"Sciences politiques|Instituts? d'études politiques|Sciences Po",
                  r"Licence.*(Droit|Science politique|Histoire)|CPGE - (B/L|Lettres|ECG)"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Coiffure", r"BPJEPS"]},
    {"name": "général LLCE HLP, 11, langues, Nantes",
     "story": "Terminale anglais HLP à Nantes, 11 de moyenne, j'aime les langues, je ne veux pas enseigner.",
     "profile": {"classe": "terminale", "bac": GENERALE, "specialites": [LLCE, HLP], "moyenne": 11,
                 "interets": ["ci11", "ci10"], "villes": [NANTES]},
     "expected": [r"Langues étrangères appliquées", r"Langues|Tourisme|Commerce International"],
     "absurd": [PREPA_SCI, r"Electrotechnique", r"Infirmier"]},
]
